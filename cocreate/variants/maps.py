"""The maps of one process in a workshop, by variant id: views, step references and edits.

The workshop's own map (its lanes, steps and flows) is the *primary* map; its variant id
is ``[primary] id``, or ``main`` when the file gives none. Every other map is a
:class:`~cocreate.model.Variant`. A step of any map is named ``variant:step``; a bare
step id names a step of the primary map, so references written before the primary was
given an id keep working.

The edits return a new workshop and check it as loading would; nothing is saved here.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cocreate.errors import InputError, RuleError, WorkshopError
from cocreate.model import (
    ID_PATTERN,
    PRIMARY_ID,
    Idea,
    Problem,
    Step,
    Variant,
    VariantKind,
    Workshop,
)

if TYPE_CHECKING:  # pragma: no cover
    from cocreate.process.imports import ProcessImport

__all__ = [
    "MapInfo",
    "StepRef",
    "add_variant",
    "edit_map",
    "edit_variant",
    "import_variant",
    "map_ids",
    "map_info",
    "map_step",
    "map_view",
    "maps",
    "parse_ref",
    "primary_id",
    "remove_variant",
]

_SEPARATOR = ":"


@dataclass(frozen=True, slots=True, order=True)
class StepRef:
    """One step of one map.

    >>> str(StepRef("kokusai", "s03"))
    'kokusai:s03'
    """

    variant: str
    step: str

    def __str__(self) -> str:
        return f"{self.variant}{_SEPARATOR}{self.step}"


@dataclass(frozen=True, slots=True)
class MapInfo:
    """What a map is, for lists and headings."""

    id: str
    name: str
    kind: VariantKind
    unit: str
    primary: bool
    """True for the workshop's own map."""
    steps: int
    lanes: int
    annual_cases: int | None
    """Cases a year as the map's settings give them (``None``: from its start steps)."""

    def as_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind.value,
            "unit": self.unit,
            "primary": self.primary,
            "steps": self.steps,
            "lanes": self.lanes,
            "annual_cases": self.annual_cases,
        }


def primary_id(workshop: Workshop) -> str:
    """The variant id of the workshop's own map.

    >>> from cocreate.model import Meta, PrimaryMap
    >>> primary_id(Workshop(Meta("t"))), primary_id(Workshop(Meta("t"), primary=PrimaryMap("a")))
    ('main', 'a')
    """
    return workshop.primary.id or PRIMARY_ID


def map_ids(workshop: Workshop) -> tuple[str, ...]:
    """Every map's variant id: the primary first, then the variants in file order."""
    return (primary_id(workshop), *(v.id for v in workshop.variants))


def map_info(workshop: Workshop, variant_id: str) -> MapInfo:
    """What one map is; raises InputError for an unknown id."""
    if variant_id == primary_id(workshop):
        own = workshop.primary
        return MapInfo(
            id=variant_id,
            name=own.name or own.unit or variant_id,
            kind=VariantKind.AS_IS,
            unit=own.unit,
            primary=True,
            steps=len(workshop.steps),
            lanes=len(workshop.lanes),
            annual_cases=workshop.settings.annual_cases,
        )
    variant = _variant(workshop, variant_id)
    return MapInfo(
        id=variant.id,
        name=variant.name or variant.id,
        kind=variant.kind,
        unit=variant.unit,
        primary=False,
        steps=len(variant.steps),
        lanes=len(variant.lanes),
        annual_cases=variant.annual_cases
        if variant.annual_cases is not None
        else workshop.settings.annual_cases,
    )


def maps(workshop: Workshop) -> tuple[MapInfo, ...]:
    """Every map of the workshop, the primary first."""
    return tuple(map_info(workshop, variant_id) for variant_id in map_ids(workshop))


def map_view(workshop: Workshop, variant_id: str) -> Workshop:
    """The workshop with that map as its process; the primary map's view is the workshop.

    Every analysis of a map (metrics, checks, exports) takes the view unchanged.
    Raises InputError for an unknown id.
    """
    if variant_id == primary_id(workshop):
        return workshop
    _variant(workshop, variant_id)
    return workshop.variant_view(variant_id)


def parse_ref(workshop: Workshop, text: str) -> StepRef:
    """Read ``variant:step`` (a bare step id: the primary map's step).

    Only the form is checked, not that the step exists (see :func:`map_step`).

    >>> from cocreate.model import Meta
    >>> w = Workshop(Meta("t"))
    >>> parse_ref(w, "kokusai:s03"), parse_ref(w, "s03")
    (StepRef(variant='kokusai', step='s03'), StepRef(variant='main', step='s03'))
    """
    variant, separator, step = text.strip().rpartition(_SEPARATOR)
    if not separator:
        variant = primary_id(workshop)
    if not ID_PATTERN.match(variant) or not ID_PATTERN.match(step):
        raise InputError(
            None, f"{text!r} is not a step reference; write VARIANT:STEP, as kokusai:s03"
        )
    return StepRef(variant, step)


def map_step(workshop: Workshop, ref: StepRef) -> Step | None:
    """The step a reference names, or ``None`` when its map or step does not exist."""
    if ref.variant == primary_id(workshop):
        return workshop.step(ref.step)
    variant = workshop.variant(ref.variant)
    if variant is None:
        return None
    return next((s for s in variant.steps if s.id == ref.step), None)


def _variant(workshop: Workshop, variant_id: str) -> Variant:
    variant = workshop.variant(variant_id)
    if variant is None:
        known = ", ".join(map_ids(workshop))
        raise InputError(None, f"unknown variant {variant_id!r}; the maps are {known}")
    return variant


# =========================================================================== edits


def checked(workshop: Workshop) -> Workshop:
    """The workshop if it passes the checks loading makes, else WorkshopError (first one)."""
    from cocreate.integrity import errors

    found = errors(workshop)
    if found:
        first = found[0]
        more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
        raise WorkshopError(first.file, f"{first.message}{more}", field=first.field or None)
    return workshop


def _new_id(workshop: Workshop, variant_id: str) -> str:
    if not ID_PATTERN.match(variant_id):
        raise InputError(
            None,
            f"{variant_id!r} is not a valid variant id (letters, digits, '.', '-', '_';"
            " at most 64)",
        )
    if variant_id in map_ids(workshop):
        raise InputError(None, f"there is already a map with the id {variant_id!r}")
    return variant_id


def _name(name: str) -> str:
    if not name.strip():
        raise InputError(None, "a variant's name must not be empty")
    return name.strip()


def add_variant(
    workshop: Workshop,
    variant_id: str,
    name: str,
    *,
    kind: VariantKind | str = VariantKind.AS_IS,
    unit: str = "",
    annual_cases: int | None = None,
    copy_from: str | None = None,
) -> Workshop:
    """The workshop with a new variant; ``copy_from`` starts it as a copy of that map.

    A copy takes the map's lanes, steps and flows and, unless ``annual_cases`` is given,
    its annual cases; its steps' volumes are left to follow from those cases.

    >>> from cocreate.model import Meta, Lane
    >>> w = Workshop(Meta("t"), lanes=(Lane("l", "L"),))
    >>> copy = add_variant(w, "kokusai", "国際局", copy_from="main").variant("kokusai")
    >>> [lane.id for lane in copy.lanes]
    ['l']
    """
    variant = Variant(
        _new_id(workshop, variant_id),
        _name(name),
        _kind(kind),
        unit.strip(),
        annual_cases,
    )
    if copy_from is not None:
        # A copy is another bureau's starting point: its steps' volumes follow its own
        # annual cases, not the volumes the source map was given.
        from cocreate.process.metrics import annual_cases as cases_of

        source = map_view(workshop, copy_from)
        variant = variant.edit(
            lanes=source.lanes,
            steps=tuple(step.edit(volume=None) for step in source.steps),
            flows=source.flows,
            annual_cases=annual_cases if annual_cases is not None else round(cases_of(source)),
        )
    return checked(workshop.edit(variants=(*workshop.variants, variant)))


def _kind(kind: VariantKind | str) -> VariantKind:
    try:
        return VariantKind(kind)
    except ValueError:
        choices = ", ".join(VariantKind.values())
        raise InputError(
            None, f"unknown variant kind {kind!r}; expected one of {choices}"
        ) from None


class _Unchanged(enum.Enum):
    UNCHANGED = "unchanged"


_UNCHANGED = _Unchanged.UNCHANGED


def edit_variant(
    workshop: Workshop,
    variant_id: str,
    *,
    name: str | None = None,
    new_id: str | None = None,
    unit: str | None = None,
    kind: VariantKind | str | None = None,
    annual_cases: int | _Unchanged | None = _UNCHANGED,
) -> Workshop:
    """The workshop with a map renamed or re-described; the primary map too.

    A new id is written through to every reference in ``workshop.toml`` (alignments,
    a standard's base and choices). It is refused while members' problems or ideas name
    the map, since their files are theirs to change. The primary map's kind is always
    as-is, and its annual cases are the workshop's ``settings.annual_cases``.
    """
    if new_id is not None and new_id != variant_id:
        _new_id(workshop, new_id)
        _refuse_if_members_name(workshop, variant_id, "rename")
    if variant_id == primary_id(workshop):
        if kind is not None and _kind(kind) != VariantKind.AS_IS:
            raise RuleError("the workshop's own map is always an as-is map")
        own = workshop.primary
        own = own.edit(
            name=own.name if name is None else _name(name),
            unit=own.unit if unit is None else unit.strip(),
            id=own.id if new_id is None else new_id,
        )
        changed = workshop.edit(primary=own)
        if not isinstance(annual_cases, _Unchanged):
            changed = changed.edit(settings=changed.settings.edit(annual_cases=annual_cases))
    else:
        variant = _variant(workshop, variant_id)
        variant = variant.edit(
            name=variant.name if name is None else _name(name),
            unit=variant.unit if unit is None else unit.strip(),
            kind=variant.kind if kind is None else _kind(kind),
            id=variant.id if new_id is None else new_id,
        )
        if not isinstance(annual_cases, _Unchanged):
            variant = variant.edit(annual_cases=annual_cases)
        changed = workshop.edit(
            variants=tuple(variant if v.id == variant_id else v for v in workshop.variants)
        )
    if new_id is not None and new_id != variant_id:
        changed = _rename_refs(changed, workshop, variant_id, new_id)
    return checked(changed)


def _rename_refs(changed: Workshop, before: Workshop, old: str, new: str) -> Workshop:
    """Every ``old:step`` written in the facilitator's file, now ``new:step``."""

    def ref(text: str) -> str:
        try:
            parsed = parse_ref(before, text)
        except InputError:
            return text
        if parsed.variant != old or _SEPARATOR not in text:
            return text
        return str(StepRef(new, parsed.step))

    alignments = tuple(a.edit(steps=tuple(map(ref, a.steps))) for a in changed.alignments)
    variants = tuple(
        v.edit(
            base=new if v.base == old else v.base,
            choices=tuple(
                c.edit(step=ref(c.step), variant=new if c.variant == old else c.variant)
                for c in v.choices
            ),
        )
        for v in changed.variants
    )
    return changed.edit(alignments=alignments, variants=variants)


def _refuse_if_members_name(workshop: Workshop, variant_id: str, what: str) -> None:
    items: tuple[Problem | Idea, ...] = (*workshop.problems, *workshop.ideas)
    users = [item.id for item in items if variant_id in item.variants]
    if users:
        raise RuleError(
            f"cannot {what} {variant_id!r}: {', '.join(users)} name it; their authors must"
            " change that first"
        )


def remove_variant(workshop: Workshop, variant_id: str) -> Workshop:
    """The workshop without a variant and without the alignments of its steps.

    Refused for the primary map, for a map a standard is based on or takes steps from,
    and while members' problems or ideas name it.
    """
    if variant_id == primary_id(workshop):
        raise RuleError("the workshop's own map cannot be removed; edit its steps instead")
    _variant(workshop, variant_id)
    for other in workshop.variants:
        if other.id != variant_id and (
            other.base == variant_id or any(c.variant == variant_id for c in other.choices)
        ):
            raise RuleError(
                f"cannot remove {variant_id!r}: the standard {other.id!r} takes steps from it;"
                " change its choices first"
            )
    _refuse_if_members_name(workshop, variant_id, "remove")
    alignments = []
    for entry in workshop.alignments:
        kept = tuple(text for text in entry.steps if not _names_map(workshop, text, variant_id))
        if kept:
            alignments.append(entry.edit(steps=kept))
    choices_kept = tuple(
        v.edit(choices=tuple(c for c in v.choices if not _names_map(workshop, c.step, variant_id)))
        for v in workshop.variants
        if v.id != variant_id
    )
    return checked(workshop.edit(variants=choices_kept, alignments=tuple(alignments)))


def edit_map(
    workshop: Workshop, variant_id: str, change: Callable[[Workshop], Workshop]
) -> Workshop:
    """The workshop with ``change`` (an edit of a map, as :mod:`cocreate.process.edit`'s)
    made on one map: the workshop's own map, or a variant's (a bureau's, a to-be).

    ``change`` gets the map's view (:func:`map_view`) and may change only its lanes,
    steps and flows; they are written back into the variant. A variant's view carries
    no problems, ideas or pilot scope, since those name the workshop's own steps: the
    references to a variant's step are checked here. Removing a step is refused while a
    problem or idea that concerns the map names it, or a standard takes that step's way;
    the confirmed alignments that named it let it go. A standard's map is composed from
    its choices (:mod:`cocreate.variants.standard`), so it is not edited here.

    >>> from cocreate.model import Lane, Meta
    >>> from cocreate.process.edit import add_step
    >>> w = add_variant(Workshop(Meta("t")), "kokusai", "国際局")
    >>> w = edit_map(w, "kokusai", lambda v: add_step(v.edit(lanes=(Lane("l", "L"),)),
    ...     name="受付", lane="l")[0])
    >>> [s.name for s in w.variant("kokusai").steps], w.steps
    (['受付'], ())
    """
    own = variant_id in ("", primary_id(workshop))
    if own:
        view = workshop
    else:
        if _variant(workshop, variant_id).kind == VariantKind.STANDARD:
            raise RuleError(
                f"the standard {variant_id!r} is composed from the bureaus' maps; change its"
                " choices (keep, drop, take) instead"
            ).keyed("error.map.standard_composed", map=variant_id)
        view = workshop.variant_view(variant_id).edit(
            contributions=(), pilot=workshop.pilot.edit(scope_steps=())
        )
    edited = change(view)
    map_id = primary_id(workshop) if own else variant_id
    removed = {s.id for s in view.steps} - {s.id for s in edited.steps}
    for step_id in sorted(removed):
        _refuse_if_step_used(workshop, map_id, step_id)
    if own:
        changed = edited
    else:
        variants = tuple(
            v.edit(lanes=edited.lanes, steps=edited.steps, flows=edited.flows)
            if v.id == variant_id
            else v
            for v in workshop.variants
        )
        changed = workshop.edit(variants=variants)
    if removed:
        changed = changed.edit(
            alignments=tuple(
                entry.edit(steps=kept)
                for entry in changed.alignments
                if (
                    kept := tuple(t for t in entry.steps if not _names(changed, t, map_id, removed))
                )
            )
        )
    return changed


def _ref(workshop: Workshop, text: str) -> StepRef | None:
    """The step a written reference names, or ``None`` for text that is not one."""
    try:
        return parse_ref(workshop, text)
    except InputError:
        return None


def _names(workshop: Workshop, text: str, variant_id: str, steps: set[str]) -> bool:
    ref = _ref(workshop, text)
    return ref is not None and ref.variant == variant_id and ref.step in steps


def _refuse_if_step_used(workshop: Workshop, variant_id: str, step_id: str) -> None:
    """RuleError while a problem, an idea or a standard's choice names that map's step."""
    own = variant_id == primary_id(workshop)
    items: tuple[Problem | Idea, ...] = (*workshop.problems, *workshop.ideas)
    users = [
        item.id
        for item in items
        if step_id in item.steps and (variant_id in item.variants or (own and not item.variants))
    ]
    takes = [(v, c) for v in workshop.variants for c in v.choices if c.variant == variant_id]
    # A choice to take this map's way names its row by any of the row's steps: which
    # step of this map that is, the alignment says (worked out once, and only if needed).
    taken: set[str] = set()
    if takes:
        from cocreate.variants.align import align

        alignment = align(workshop)
        for v, choice in takes:
            ref = _ref(workshop, choice.step)
            row = alignment.row_of(ref) if ref is not None else None
            if row is not None and row.step_in(variant_id) == step_id:
                taken.add(v.id)
    users += [
        v.id
        for v in workshop.variants
        if v.id in taken or any(_names(workshop, c.step, variant_id, {step_id}) for c in v.choices)
    ]
    if users:
        shown = ", ".join(users[:3])
        raise RuleError(
            f"step {step_id} of the map {variant_id!r} is used by {shown}; unlink it first"
        ).keyed("error.map.step_in_use", step=step_id, map=variant_id, users=shown)


def _names_map(workshop: Workshop, text: str, variant_id: str) -> bool:
    ref = _ref(workshop, text)
    return ref is not None and ref.variant == variant_id


def import_variant(
    workshop: Workshop,
    imported: ProcessImport,
    variant_id: str,
    *,
    name: str = "",
    unit: str = "",
    kind: VariantKind | str = VariantKind.AS_IS,
    source: str = "",
    replace: bool = False,
) -> Workshop:
    """The workshop with an imported process (a ``ProcessImport``) as one variant's map.

    A new variant is made when there is none with that id (named ``name``, else the
    import's title, else the id). One that already has steps keeps them unless
    ``replace``. The primary map's id puts the import into the workshop's own map, as an
    import without a variant does.
    """
    from cocreate.process.imports import merge_process

    if variant_id == primary_id(workshop):
        changed = merge_process(workshop, imported, source, replace=replace)
        if name or unit:
            changed = edit_variant(changed, variant_id, name=name or None, unit=unit or None)
        return changed
    variant = workshop.variant(variant_id)
    if variant is None:
        label = name or imported.title or variant_id
        workshop = add_variant(workshop, variant_id, label, kind=kind, unit=unit)
        variant = _variant(workshop, variant_id)
    elif variant.steps and not replace:
        raise InputError(
            imported.source,
            f"the variant {variant_id!r} already has a map of {len(variant.steps)} steps;"
            " pass --replace to replace it",
        )
    elif name or unit:
        variant = variant.edit(name=name or variant.name, unit=unit or variant.unit)
    cases = variant.annual_cases
    if imported.annual_cases is not None and (replace or cases is None):
        cases = imported.annual_cases
    variant = variant.edit(
        lanes=imported.lanes,
        steps=imported.steps,
        flows=imported.flows,
        annual_cases=cases,
        sources=tuple(dict.fromkeys([*variant.sources, source] if source else variant.sources)),
    )
    changed = workshop.edit(
        variants=tuple(variant if v.id == variant_id else v for v in workshop.variants)
    )
    try:
        return checked(changed)
    except WorkshopError as exc:
        raise WorkshopError(imported.source, f"cannot import: {exc.field}: {exc.message}") from None
