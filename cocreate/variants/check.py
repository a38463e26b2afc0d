"""The integrity checks of variants, alignments, standards and the maps problems and ideas name.

:func:`errors` is called from the workshop's checks (``cocreate.integrity.errors``), so
loading refuses a file that breaks one, with ``path: field.path: message``. Each
variant's own map is checked by the same checks as the workshop's map (lanes, steps,
flows), with its field paths put under ``variants[i]``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from cocreate.errors import InputError
from cocreate.model import ID_PATTERN, Idea, Pilot, Problem, VariantKind, Workshop
from cocreate.variants.maps import map_ids, map_step, map_view, parse_ref, primary_id

if TYPE_CHECKING:  # pragma: no cover
    from cocreate.integrity import Finding

__all__ = ["errors"]

_WORKSHOP_FILE = "workshop.toml"
_MAP_FIELDS = ("lanes", "steps", "flows")

#: err(field, message, code, subject): records one error in workshop.toml.
_Err = Callable[..., None]


def errors(workshop: Workshop) -> list[Finding]:
    """Everything about the workshop's maps that makes it inconsistent, in file order."""
    from cocreate.integrity import ERROR, Finding

    out: list[Finding] = []

    def err(where: str, message: str, code: str = "unknown-ref", subject: str = "") -> None:
        out.append(Finding(ERROR, _WORKSHOP_FILE, where, message, code, subject))

    if workshop.primary.id and not ID_PATTERN.match(workshop.primary.id):
        err("primary.id", f"{workshop.primary.id!r} is not a valid id", "bad-id")
    _variant_errors(workshop, err)
    if not out:  # alignments and standards need sound maps to be judged
        _alignment_errors(workshop, err)
        _standard_errors(workshop, err)
    out.extend(_member_errors(workshop))
    return out


def _variant_errors(workshop: Workshop, err: _Err) -> None:
    from cocreate.integrity import errors as map_errors

    seen = {primary_id(workshop)}
    for i, variant in enumerate(workshop.variants):
        where = f"variants[{i}]"
        if not ID_PATTERN.match(variant.id):
            err(
                f"{where}.id",
                f"{variant.id!r} is not a valid id (letters, digits, '.', '-', '_'; at most 64)",
                "bad-id",
                variant.id,
            )
        elif variant.id == primary_id(workshop):
            err(f"{where}.id", f"{variant.id!r} is the workshop's own map's id", "duplicate-id")
        elif variant.id in seen:
            err(f"{where}.id", f"duplicate variant id {variant.id!r}", "duplicate-id", variant.id)
        seen.add(variant.id)
        if not variant.name.strip():
            err(f"{where}.name", "must not be empty", "empty", variant.id)
        if variant.kind != VariantKind.STANDARD and (variant.base or variant.choices):
            name, what = ("base", "a base") if variant.base else ("choices", "choices")
            err(f"{where}.{name}", f"only a standard has {what}; this is {variant.kind.value}")
        # The variant's map is checked as the workshop's map is; nothing else of the
        # workshop comes along, so only its map's findings are left.
        alone = workshop.variant_view(variant.id).edit(
            variants=(), alignments=(), contributions=(), pilot=Pilot()
        )
        for finding in map_errors(alone):
            head = finding.field.split("[", 1)[0].split(".", 1)[0]
            if head in _MAP_FIELDS:
                field = f"{where}.{finding.field}"
            elif finding.field == "settings.annual_cases":
                field = f"{where}.annual_cases"
            else:
                continue
            err(field, finding.message, finding.code, finding.subject)


def _alignment_errors(workshop: Workshop, err: _Err) -> None:
    first_entry: dict[object, int] = {}
    maps = set(map_ids(workshop))
    for i, entry in enumerate(workshop.alignments):
        where = f"alignments[{i}].steps"
        if not entry.steps:
            err(where, "must name at least one step, as kokusai:s03", "empty")
        named: set[str] = set()
        for j, text in enumerate(entry.steps):
            try:
                ref = parse_ref(workshop, text)
            except InputError as exc:
                err(f"{where}[{j}]", exc.message)
                continue
            if ref.variant not in maps:
                err(f"{where}[{j}]", f"unknown variant {ref.variant!r}")
            elif map_step(workshop, ref) is None:
                err(f"{where}[{j}]", f"no step {ref.step!r} in variant {ref.variant!r}")
            elif ref in first_entry:
                err(
                    f"{where}[{j}]",
                    f"{ref} is already aligned in alignments[{first_entry[ref]}]",
                    "duplicate-ref",
                )
            elif ref.variant in named:
                err(
                    f"{where}[{j}]",
                    f"two steps of variant {ref.variant!r} in one aligned step",
                    "duplicate-ref",
                )
            else:
                first_entry[ref] = i
                named.add(ref.variant)


def _standard_errors(workshop: Workshop, err: _Err) -> None:
    from cocreate.variants.choices import choice_problems

    for i, variant in enumerate(workshop.variants):
        if variant.kind != VariantKind.STANDARD or not (variant.base or variant.choices):
            continue
        for problem in choice_problems(workshop, variant):
            if problem.index < 0:
                err(f"variants[{i}].{problem.field}", problem.message)
            else:
                err(f"variants[{i}].choices[{problem.index}].{problem.field}", problem.message)


def _member_errors(workshop: Workshop) -> list[Finding]:
    """Problems and ideas that name maps: the maps exist, and their steps are in them."""
    from cocreate.integrity import ERROR, Finding

    out: list[Finding] = []
    maps = set(map_ids(workshop))
    steps_of: dict[str, set[str]] = {}

    def steps(variant_id: str) -> set[str]:
        if variant_id not in steps_of:
            steps_of[variant_id] = {s.id for s in map_view(workshop, variant_id).steps}
        return steps_of[variant_id]

    for contribution in workshop.contributions:
        file = f"members/{contribution.member}.toml"
        groups: tuple[tuple[str, tuple[Problem | Idea, ...]], ...] = (
            ("problems", contribution.problems),
            ("ideas", contribution.ideas),
        )
        for name, items in groups:
            for i, item in enumerate(items):
                if not item.variants:
                    continue
                where = f"{name}[{i}]"
                known = [v for v in item.variants if v in maps]
                for j, variant_id in enumerate(item.variants):
                    if variant_id not in maps:
                        out.append(
                            Finding(
                                ERROR,
                                file,
                                f"{where}.variants[{j}]",
                                f"unknown variant {variant_id!r}",
                                "unknown-ref",
                                item.id,
                            )
                        )
                allowed = set().union(*(steps(v) for v in known)) if known else set()
                for j, ref in enumerate(item.steps):
                    if known and ref not in allowed:
                        out.append(
                            Finding(
                                ERROR,
                                file,
                                f"{where}.steps[{j}]",
                                f"unknown step {ref!r} in variant {', '.join(known)}",
                                "unknown-ref",
                                item.id,
                            )
                        )
    return out
