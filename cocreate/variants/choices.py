"""How a standard flow's choices resolve against the aligned steps, and what is wrong with them.

Kept apart from :mod:`~cocreate.variants.standard` because the workshop's checks use it
on every load: it needs the alignment, never the metrics.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from cocreate.errors import InputError
from cocreate.model import StandardChoice, StepChoice, StepKind, Variant, VariantKind, Workshop
from cocreate.variants.align import Alignment, align
from cocreate.variants.maps import map_ids, map_info, map_view, parse_ref, primary_id

__all__ = ["ChoiceProblem", "Decision", "as_is_maps", "base_of", "choice_problems", "resolve"]

#: Row id -> (choice, the map whose way, whether the facilitator chose it).
Decision = tuple[StandardChoice, str, bool]


@dataclass(frozen=True, slots=True)
class ChoiceProblem:
    """Why one choice cannot be made; ``index`` is its place in the choices given."""

    index: int
    field: str
    """``step``, ``variant`` or ``choice``."""
    message: str


def as_is_maps(workshop: Workshop) -> tuple[str, ...]:
    """The maps a standard is composed from: the primary and the as-is variants.

    >>> from cocreate.model import Meta
    >>> reference = Variant("r", "R", VariantKind.REFERENCE)
    >>> w = Workshop(Meta("t"), variants=(Variant("b", "B"), reference))
    >>> as_is_maps(w)
    ('main', 'b')
    """
    return tuple(
        variant_id
        for variant_id in map_ids(workshop)
        if map_info(workshop, variant_id).kind == VariantKind.AS_IS
    )


def base_of(workshop: Workshop, base: str) -> str:
    return base or primary_id(workshop)


def resolve(
    workshop: Workshop, alignment: Alignment, base: str, choices: Sequence[StepChoice]
) -> tuple[dict[str, Decision], list[ChoiceProblem]]:
    """Each aligned row's decision (chosen, or the default), and what is wrong with the choices.

    The default keeps a step the base does and drops one it does not.
    """
    base = base_of(workshop, base)
    maps = set(alignment.maps)
    decided: dict[str, Decision] = {}
    for aligned in alignment.rows:
        if aligned.step_in(base) is not None:
            decided[aligned.id] = (StandardChoice.KEEP, base, False)
        else:
            decided[aligned.id] = (StandardChoice.DROP, "", False)
    problems: list[ChoiceProblem] = []
    chosen_at: dict[str, int] = {}
    for index, choice in enumerate(choices):

        def wrong(field: str, message: str, index: int = index) -> None:
            problems.append(ChoiceProblem(index, field, message))

        try:
            ref = parse_ref(workshop, choice.step)
        except InputError as exc:
            wrong("step", exc.message)
            continue
        if ref.variant not in maps:
            wrong("step", f"{ref.variant!r} is not an as-is map of this workshop")
            continue
        row = alignment.row_of(ref)
        if row is None:
            wrong("step", f"no step {ref.step!r} in variant {ref.variant!r}")
            continue
        if row.id in chosen_at:
            wrong("step", f"{row.name} ({row.id}) is chosen twice")
            continue
        chosen_at[row.id] = index
        if choice.choice == StandardChoice.TAKE:
            if not choice.variant:
                wrong("variant", "a take names the variant whose way to take")
            elif choice.variant not in maps:
                wrong("variant", f"{choice.variant!r} is not an as-is map of this workshop")
            elif row.step_in(choice.variant) is None:
                wrong(
                    "variant",
                    f"variant {choice.variant!r} does not do {row.name} ({row.id});"
                    f" the maps doing it are {', '.join(row.variants)}",
                )
            else:
                decided[row.id] = (StandardChoice.TAKE, choice.variant, True)
            continue
        if choice.variant:
            wrong("variant", f"only a take names a variant, not a {choice.choice.value}")
            continue
        base_step = row.step_in(base)
        if choice.choice == StandardChoice.KEEP:
            if base_step is None:
                wrong(
                    "choice",
                    f"the base map {base!r} does not do {row.name} ({row.id}); take one"
                    " variant's way instead",
                )
            else:
                decided[row.id] = (StandardChoice.KEEP, base, True)
            continue
        if base_step is not None:
            kind = map_view(workshop, base).step(base_step)
            if kind is not None and kind.kind in (StepKind.START, StepKind.END):
                wrong("choice", f"{row.name} ({row.id}) is where the flow starts or ends")
                continue
        decided[row.id] = (StandardChoice.DROP, "", True)
    return decided, problems


def choice_problems(workshop: Workshop, standard: Variant) -> list[ChoiceProblem]:
    """What is wrong with a standard's base and choices, each naming its choice."""
    base = base_of(workshop, standard.base)
    maps = as_is_maps(workshop)
    if base not in maps:
        return [ChoiceProblem(-1, "base", f"{base!r} is not an as-is map of this workshop")]
    alignment = align(workshop).among(maps)
    return resolve(workshop, alignment, base, standard.choices)[1]
