"""A standard flow (標準) composed from the bureaus' maps, and the hours each bureau saves with it.

Composition (docs/process.md has the long form). The standard starts from its *base*
map (the workshop's own unless ``base`` names another as-is map) and goes through the
steps aligned across the as-is maps, one choice each:

* ``keep``: the base's way. The default for a step the base does;
* ``drop``: left out; the flows around it are joined, as an ``eliminate`` idea joins
  them (:func:`cocreate.process.tobe.apply_ideas`), so the other steps keep their
  visits. The default for a step the base does not do. Start and end steps stay;
* ``take``: one map's way: its name, lane, kind, minutes, waiting and medium, under the
  base's step id, and a decision brings its branch shares. A step the base does not do
  is put in the sequence between its nearest neighbours in that map that the standard
  has (before and after).

The standard's steps carry no volume of their own: whoever runs it, a step's volume is
that bureau's annual cases times the step's expected visits. Its own ``annual_cases``
is the sum over the as-is maps.

Savings: for each as-is map (a bureau) with ``N`` cases a year, the standard is
analysed at ``N`` cases, and the bureau saves its own annual hours minus the
standard's. The total is the sum over the bureaus: each bureau weighs by its own
volume, and no bureau's cases are moved to another.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from cocreate.errors import InputError
from cocreate.model import (
    Action,
    AlignedSteps,
    Flow,
    Idea,
    Lane,
    MemberContributions,
    StandardChoice,
    Step,
    StepChoice,
    Variant,
    VariantKind,
    Workshop,
)
from cocreate.process.metrics import ProcessMetrics, analyse, annual_cases
from cocreate.variants.align import AlignedRow, Alignment, align
from cocreate.variants.choices import ChoiceProblem, as_is_maps, base_of, choice_problems, resolve
from cocreate.variants.maps import (
    MapInfo,
    StepRef,
    checked,
    map_info,
    map_step,
    map_view,
    parse_ref,
    primary_id,
)

__all__ = [
    "BureauSaving",
    "ChoiceProblem",
    "ComposedStep",
    "Composition",
    "StandardSavings",
    "adopt",
    "as_is_maps",
    "best_choices",
    "choice_problems",
    "choose",
    "compose",
    "is_current",
    "merge_choices",
    "savings",
]


@dataclass(frozen=True, slots=True)
class ComposedStep:
    """What the standard does with one aligned step."""

    row: AlignedRow
    choice: StandardChoice
    source: StepRef | None
    """The step whose way the standard takes; ``None`` when it is dropped."""
    step: str | None
    """The step's id in the standard; ``None`` when dropped."""
    chosen: bool
    """True when the facilitator chose; False for the default."""

    def as_dict(self) -> dict[str, Any]:
        return {
            "row": self.row.id,
            "name": self.row.name,
            "choice": self.choice.value,
            "source": None if self.source is None else str(self.source),
            "step": self.step,
            "chosen": self.chosen,
        }


@dataclass(frozen=True, slots=True)
class Composition:
    """A standard flow and how each aligned step came into it."""

    variant: Variant
    steps: tuple[ComposedStep, ...]

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.variant.id,
            "name": self.variant.name,
            "base": self.variant.base,
            "annual_cases": self.variant.annual_cases,
            "steps": [step.as_dict() for step in self.steps],
        }


@dataclass(frozen=True, slots=True)
class BureauSaving:
    """One bureau's year as it works now, and with the standard at its own volume."""

    map: MapInfo
    annual_cases: float
    as_is: ProcessMetrics
    standard: ProcessMetrics

    @property
    def hours_saved(self) -> float:
        return self.as_is.annual_hours - self.standard.annual_hours

    @property
    def person_years_saved(self) -> float:
        return self.as_is.person_years - self.standard.person_years

    @property
    def cost_saved(self) -> float:
        return self.as_is.cost - self.standard.cost

    @property
    def lead_time_saved(self) -> float:
        """Minutes of lead time saved per case."""
        return self.as_is.lead_time_minutes - self.standard.lead_time_minutes

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.map.id,
            "name": self.map.name,
            "unit": self.map.unit,
            "annual_cases": round(self.annual_cases, 6),
            "as_is_hours": round(self.as_is.annual_hours, 6),
            "standard_hours": round(self.standard.annual_hours, 6),
            "hours_saved": round(self.hours_saved, 6),
            "person_years_saved": round(self.person_years_saved, 6),
            "cost_saved": round(self.cost_saved, 6),
            "lead_time_saved_minutes": round(self.lead_time_saved, 6),
        }


@dataclass(frozen=True, slots=True)
class StandardSavings:
    """The hours saved if every bureau adopted the standard."""

    standard: MapInfo
    bureaus: tuple[BureauSaving, ...]

    @property
    def hours_saved(self) -> float:
        return sum(b.hours_saved for b in self.bureaus)

    @property
    def person_years_saved(self) -> float:
        return sum(b.person_years_saved for b in self.bureaus)

    @property
    def cost_saved(self) -> float:
        return sum(b.cost_saved for b in self.bureaus)

    def as_dict(self) -> dict[str, Any]:
        return {
            "standard": self.standard.id,
            "name": self.standard.name,
            "bureaus": [b.as_dict() for b in self.bureaus],
            "hours_saved": round(self.hours_saved, 6),
            "person_years_saved": round(self.person_years_saved, 6),
            "cost_saved": round(self.cost_saved, 6),
        }


# =========================================================================== choices


def best_choices(workshop: Workshop, base: str = "") -> tuple[StepChoice, ...]:
    """A choice per aligned step the base does in another way than the best practice.

    Each is a ``take`` of the best map's way (see :mod:`cocreate.variants.compare`);
    steps the base does not do stay dropped.
    """
    from cocreate.variants.compare import compare

    base = base_of(workshop, base)
    comparison = compare(workshop, as_is_maps(workshop))
    out = []
    for step in comparison.steps:
        mine = step.row.step_in(base)
        if mine is not None and step.best is not None and step.best != base:
            out.append(StepChoice(f"{base}:{mine}", StandardChoice.TAKE, step.best))
    return tuple(out)


def merge_choices(
    workshop: Workshop,
    old: Sequence[StepChoice],
    new: Sequence[tuple[str, StepChoice]],
) -> tuple[StepChoice, ...]:
    """The old choices, each replaced by a new one for the same aligned step.

    ``new`` pairs each choice with the option or field that made it, which names it in
    the error when its step is no as-is map's (``--take: no step 'x:s9'``). Old choices
    whose step is gone are kept as they are: :func:`compose` reports them.
    """
    alignment = align(workshop).among(as_is_maps(workshop))

    def row_id(option: str, choice: StepChoice) -> str:
        prefix = f"{option}: " if option else ""
        try:
            ref = parse_ref(workshop, choice.step)
        except InputError as exc:
            raise InputError(None, f"{prefix}{exc.message}") from None
        row = alignment.row_of(ref)
        if row is None:
            what = "no step" if map_step(workshop, ref) is None else "not an as-is map's step"
            raise InputError(None, f"{prefix}{what} {choice.step!r}")
        return row.id

    merged: dict[str, StepChoice] = {}
    for choice in old:
        try:
            merged[row_id("", choice)] = choice
        except InputError:
            merged[f"\x00{len(merged)}"] = choice  # kept as it is; compose reports it
    for option, choice in new:
        merged[row_id(option, choice)] = choice
    return tuple(merged.values())


def choose(workshop: Workshop, standard_id: str, choice: StepChoice, *, name: str = "") -> Workshop:
    """The workshop with one choice of the standard made (or changed) and the standard
    composed again from it, as ``cocreate standard --keep|--drop|--take`` does.

    A standard that does not exist yet is made, named ``name`` (default: its id), from
    the workshop's own map. Raises InputError for a step no as-is map has, or a ``take``
    from a map that does not do that step.
    """
    old = workshop.variant(standard_id)
    if old is not None and old.kind != VariantKind.STANDARD:
        raise InputError(
            None, f"{standard_id!r} is a map of kind {old.kind.value}; a standard needs its own id"
        )
    kept = old.choices if old is not None else ()
    choices = merge_choices(workshop, kept, [("", choice)])
    composition = compose(
        workshop,
        standard_id,
        name=old.name if old is not None else (name or standard_id),
        base=old.base if old is not None else "",
        choices=choices,
    )
    return adopt(workshop, composition)


# =========================================================================== composing


def compose(
    workshop: Workshop,
    standard_id: str,
    *,
    name: str = "",
    unit: str = "",
    base: str = "",
    choices: Iterable[StepChoice] = (),
) -> Composition:
    """Compose the standard flow; see the module's docstring for the rules.

    Raises InputError naming the first wrong choice (``choices[i].field: message``).

    >>> from cocreate.model import Flow, Lane, Meta, Settings, Step, StepKind, Variant
    >>> lanes = (Lane("l", "L"),)
    >>> def flow(*ids):
    ...     return tuple(Flow(a, b) for a, b in zip(ids, ids[1:]))
    >>> s, e = Step("s", "開始", "l", StepKind.START), Step("e", "完了", "l", StepKind.END)
    >>> a = (s, Step("f", "申請書を作成", "l", minutes=15), Step("c", "持参", "l", minutes=15), e)
    >>> b = (s, Step("m", "申請書を作成", "l", minutes=5.0), e)
    >>> w = Workshop(Meta("t"), Settings(annual_cases=100), lanes=lanes, steps=a,
    ...     flows=flow("s", "f", "c", "e"), variants=(Variant("b", "B", lanes=lanes, steps=b,
    ...     flows=flow("s", "m", "e")),))
    >>> std = compose(w, "std", choices=[StepChoice("f", StandardChoice.TAKE, "b"),
    ...                                  StepChoice("c", StandardChoice.DROP)]).variant
    >>> [(x.id, x.minutes) for x in std.steps], [(f.source, f.target) for f in std.flows]
    ([('s', 0.0), ('f', 5.0), ('e', 0.0)], [('s', 'f'), ('f', 'e')])
    """
    choices = tuple(choices)
    base_id = base_of(workshop, base)
    maps = as_is_maps(workshop)
    if base_id not in maps:
        raise InputError(None, f"base: {base_id!r} is not an as-is map of this workshop")
    alignment = align(workshop).among(maps)
    decided, problems = resolve(workshop, alignment, base_id, choices)
    if problems:
        first = problems[0]
        raise InputError(None, first.message, field=f"choices[{first.index}].{first.field}")
    views = {variant_id: map_view(workshop, variant_id) for variant_id in maps}
    builder = _Builder(views, alignment, base_id)
    builder.drop(
        row.step_in(base_id)
        for row in alignment.rows
        if decided[row.id][0] == StandardChoice.DROP and row.step_in(base_id) is not None
    )
    for row in alignment.rows:
        choice, source, _ = decided[row.id]
        if choice == StandardChoice.TAKE and source != base_id:
            if row.step_in(base_id) is not None:
                builder.replace(row, source)
            else:
                builder.insert(row, source)
    composed = []
    for row in alignment.rows:
        choice, source, chosen = decided[row.id]
        if choice == StandardChoice.TAKE and source == base_id:
            choice = StandardChoice.KEEP
        if choice == StandardChoice.DROP:
            composed.append(ComposedStep(row, choice, None, None, chosen))
            continue
        step_id = row.step_in(source)
        assert step_id is not None
        composed.append(
            ComposedStep(row, choice, StepRef(source, step_id), builder.placed[row.id], chosen)
        )
    cases = sum(annual_cases(views[variant_id]) for variant_id in maps)
    old = workshop.variant(standard_id)
    variant = Variant(
        id=standard_id,
        name=name or (old.name if old else standard_id),
        kind=VariantKind.STANDARD,
        unit=unit or (old.unit if old else ""),
        annual_cases=round(cases),
        lanes=builder.lanes(),
        steps=tuple(step.edit(volume=None) for step in builder.steps),
        flows=tuple(builder.flows),
        notes=old.notes if old else "",
        base=base if base and base != primary_id(workshop) else "",
        choices=choices,
    )
    return Composition(variant, tuple(composed))


class _Builder:
    """The standard's map while it is put together from the base and the other maps."""

    def __init__(self, views: dict[str, Workshop], alignment: Alignment, base: str) -> None:
        self.views = views
        self.alignment = alignment
        self.base = base
        view = views[base]
        self.steps: list[Step] = list(view.steps)
        self.flows: list[Flow] = list(view.flows)
        self.extra_lanes: list[Lane] = []
        self.base_lanes = list(view.lanes)
        # row id -> step id in the standard
        self.placed: dict[str, str] = {}
        for row in alignment.rows:
            step_id = row.step_in(base)
            if step_id is not None:
                self.placed[row.id] = step_id

    def drop(self, step_ids: Iterable[str | None]) -> None:
        gone = [step_id for step_id in step_ids if step_id is not None]
        if not gone:
            return
        from cocreate.process.tobe import apply_ideas

        # tobe's eliminate is the one home of "remove a step, join the flows around it
        # with their probabilities multiplied"; a stand-in idea carries the steps there.
        idea = Idea("standard.drop", "", "", steps=tuple(gone), action=Action.ELIMINATE)
        view = self.views[self.base].edit(
            steps=tuple(self.steps),
            flows=tuple(self.flows),
            contributions=(MemberContributions("standard", ideas=(idea,)),),
        )
        after = apply_ideas(view, [idea.id])
        self.steps, self.flows = list(after.steps), list(after.flows)
        dropped = set(gone)
        self.placed = {row: step for row, step in self.placed.items() if step not in dropped}

    def _lane(self, source: str, lane_id: str) -> str:
        lane = self.views[source].lane(lane_id)
        name = lane.name if lane is not None else lane_id
        for known in (*self.base_lanes, *self.extra_lanes):
            if known.name == name:
                return known.id
        taken = {known.id for known in (*self.base_lanes, *self.extra_lanes)}
        new_id = lane_id if lane_id not in taken else f"{source}.{lane_id}"
        self.extra_lanes.append(Lane(new_id, name))
        return new_id

    def _source_step(self, row: AlignedRow, source: str) -> Step:
        step_id = row.step_in(source)
        step = self.views[source].step(step_id) if step_id is not None else None
        assert step is not None
        return step

    def replace(self, row: AlignedRow, source: str) -> None:
        """The base's step of ``row`` done the way ``source`` does it."""
        target_id = self.placed[row.id]
        theirs = self._source_step(row, source)
        lane = self._lane(source, theirs.lane)
        self.steps = [
            theirs.edit(id=target_id, lane=lane) if step.id == target_id else step
            for step in self.steps
        ]
        # A decision taken from another map brings its branch shares and labels.
        their_flows = self.views[source].flows
        for i, flow in enumerate(self.flows):
            if flow.source != target_id:
                continue
            to_row = self._row_of_placed(flow.target)
            if to_row is None:
                continue
            to_theirs = to_row.step_in(source)
            same = next(
                (f for f in their_flows if f.source == theirs.id and f.target == to_theirs), None
            )
            if same is not None:
                self.flows[i] = flow.edit(share=same.share, label=same.label or flow.label)

    def _row_of_placed(self, step_id: str) -> AlignedRow | None:
        for row_id, placed in self.placed.items():
            if placed == step_id:
                return self.alignment.row(row_id)
        return None

    def _nearest(self, source: str, step_id: str, *, forward: bool) -> str | None:
        """The standard's step for the nearest neighbour of a step in ``source``'s map."""
        flows = self.views[source].flows
        seen = {step_id}
        frontier = [step_id]
        while frontier:
            following = []
            for current in frontier:
                for flow in flows:
                    here, there = (
                        (flow.source, flow.target) if forward else (flow.target, flow.source)
                    )
                    if here != current or there in seen:
                        continue
                    seen.add(there)
                    row = self.alignment.row_of(StepRef(source, there))
                    if row is not None and row.id in self.placed:
                        return self.placed[row.id]
                    following.append(there)
            frontier = following
        return None

    def insert(self, row: AlignedRow, source: str) -> None:
        """A step the base does not do, put between its neighbours in ``source``."""
        theirs = self._source_step(row, source)
        taken = {step.id for step in self.steps}
        new_id = theirs.id if theirs.id not in taken else f"{source}.{theirs.id}"
        before = self._nearest(source, theirs.id, forward=False)
        after = self._nearest(source, theirs.id, forward=True)
        step = theirs.edit(id=new_id, lane=self._lane(source, theirs.lane))
        # in the list of steps too, it comes right after the step before it
        index = next((i + 1 for i, s in enumerate(self.steps) if s.id == before), len(self.steps))
        self.steps.insert(index, step)
        self.placed[row.id] = new_id
        at = next(
            (i for i, f in enumerate(self.flows) if (f.source, f.target) == (before, after)),
            None,
        )
        if at is not None and after is not None:
            between = self.flows[at]
            self.flows[at : at + 1] = [between.edit(target=new_id), Flow(new_id, after)]
            return
        if before is not None:
            self.flows.append(Flow(before, new_id))
        if after is not None:
            self.flows.append(Flow(new_id, after))

    def lanes(self) -> tuple[Lane, ...]:
        used = {step.lane for step in self.steps}
        return tuple(lane for lane in (*self.base_lanes, *self.extra_lanes) if lane.id in used)


def adopt(workshop: Workshop, composition: Composition) -> Workshop:
    """The workshop with the composed standard in it (replacing one of the same id).

    The rows the facilitator chose for are written down as confirmed alignments, so the
    choices keep naming the same work when a step is renamed later.
    """
    variant = composition.variant
    if variant.id == primary_id(workshop):
        raise InputError(None, f"{variant.id!r} is the workshop's own map; choose another id")
    existing = workshop.variant(variant.id)
    if existing is not None and existing.kind != VariantKind.STANDARD:
        raise InputError(
            None,
            f"{variant.id!r} is a map of kind {existing.kind.value}; a standard needs its own id",
        )
    if existing is None:
        variants = (*workshop.variants, variant)
    else:
        variants = tuple(variant if v.id == variant.id else v for v in workshop.variants)
    pinned = _pin(workshop, [step.row for step in composition.steps if step.chosen])
    return checked(pinned.edit(variants=variants))


def _pin(workshop: Workshop, rows: Iterable[AlignedRow]) -> Workshop:
    """The workshop with these rows confirmed, with their steps of every map but standards.

    A standard's own steps are left out: composing again may drop them.
    """
    whole = align(workshop)
    standards = {v.id for v in workshop.variants if v.kind == VariantKind.STANDARD}
    entries = list(workshop.alignments)
    for row in rows:
        full = whole.row_of(row.steps[0])
        if full is None or full.confirmed:
            continue
        kept = tuple(str(ref) for ref in full.steps if ref.variant not in standards)
        entries.append(AlignedSteps(kept))
    return workshop.edit(alignments=tuple(entries))


def is_current(workshop: Workshop, standard_id: str) -> bool:
    """True when the stored standard is what its choices compose from today's maps."""
    stored = workshop.variant(standard_id)
    if stored is None or stored.kind != VariantKind.STANDARD:
        return False
    again = compose(
        workshop, standard_id, base=stored.base, choices=stored.choices, name=stored.name
    ).variant
    return (again.lanes, again.steps, again.flows, again.annual_cases) == (
        stored.lanes,
        stored.steps,
        stored.flows,
        stored.annual_cases,
    )


# =========================================================================== savings


def savings(
    workshop: Workshop, standard_id: str, variant_ids: Sequence[str] | None = None
) -> StandardSavings:
    """Each bureau's hours now and with the standard at its own annual cases.

    ``variant_ids`` are the bureaus (as-is maps) to count; by default every one.

    >>> from cocreate.model import Flow, Lane, Meta, Settings, Step, Variant
    >>> lanes = (Lane("l", "L"),)
    >>> slow = (Step("a", "申請", "l", minutes=30),)
    >>> quick = (Step("a", "申請", "l", minutes=10),)
    >>> w = Workshop(Meta("t"), Settings(annual_cases=60), lanes=lanes, steps=slow,
    ...     variants=(Variant("b", "B", annual_cases=30, lanes=lanes, steps=quick),
    ...               Variant("std", "標準", VariantKind.STANDARD, lanes=lanes, steps=quick)))
    >>> result = savings(w, "std")
    >>> [(b.map.id, b.hours_saved) for b in result.bureaus], result.hours_saved
    ([('main', 20.0), ('b', 0.0)], 20.0)
    """
    from cocreate.variants.compare import figures

    standard = workshop.variant(standard_id)
    if standard is None:
        raise InputError(None, f"unknown variant {standard_id!r}")
    bureaus = tuple(variant_ids) if variant_ids else as_is_maps(workshop)
    view = map_view(workshop, standard_id)
    out = []
    for variant_id in bureaus:
        now = figures(workshop, variant_id)
        cases = now.metrics.annual_cases
        at_their_volume = view.edit(settings=view.settings.edit(annual_cases=round(cases)))
        out.append(BureauSaving(now.map, cases, now.metrics, analyse(at_their_volume)))
    return StandardSavings(map_info(workshop, standard_id), tuple(out))
