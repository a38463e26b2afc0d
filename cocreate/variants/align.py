"""Which steps of different maps are the same work: by name and place, or as the facilitator says.

The rules (docs/process.md has the long form):

1. Each ``[[alignments]]`` entry the facilitator wrote is a row of its own, holding the
   steps it names (one per map at most). An entry of one step keeps that step alone:
   it is the facilitator saying "no other map does this". An entry of several steps
   fixes them together; a step of a map the entry does not name may still join it by
   rule 2.
2. Every other step joins a row with the same *key* that has no step of its map yet,
   or starts a row of its own. The key is the step's name normalised as duplicate
   problems are compared (:func:`cocreate.contribute.normalise`: NFKC, zero-width
   characters dropped, white space folded, case folded). A map's only start step has
   the key "start" whatever it is called, and its only end step "end", when they are
   events (no minutes, no waiting) rather than work.
3. Where several rows could take a step, it joins the one nearest its *position in
   the flow* (the step's column in a left-to-right drawing, 0 at the start and 1 at the
   last column), ties going to the earlier row. Maps are taken in order, the primary
   first, and each map's steps in flow order.

A row whose maps lack a step is shown as absent there: :meth:`AlignedRow.missing`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from cocreate.errors import InputError, RuleError
from cocreate.model import AlignedSteps, StepKind, Workshop
from cocreate.variants.maps import StepRef, map_ids, map_step, map_view, parse_ref

__all__ = [
    "AlignedRow",
    "Alignment",
    "align",
    "confirm_all",
    "flow_positions",
    "forget",
    "keep_apart",
    "match",
    "step_key",
]

_START, _END = "\x00start", "\x00end"


@dataclass(frozen=True, slots=True)
class AlignedRow:
    """Steps of different maps that are the same work."""

    id: str
    """Stable while its first step exists: that step's reference, ``variant:step``."""
    name: str
    steps: tuple[StepRef, ...]
    """At most one per map, in map order."""
    confirmed: bool
    """True when the facilitator wrote it (an ``[[alignments]]`` entry)."""
    position: float
    """Mean position in the flow of its steps, 0 (start) to 1 (end)."""
    entry: int | None = None
    """Index of its ``[[alignments]]`` entry, when confirmed."""

    def step_in(self, variant_id: str) -> str | None:
        """The step id of this work in one map, or ``None`` when that map lacks it."""
        return next((ref.step for ref in self.steps if ref.variant == variant_id), None)

    @property
    def variants(self) -> tuple[str, ...]:
        return tuple(ref.variant for ref in self.steps)

    def missing(self, variant_ids: Iterable[str]) -> tuple[str, ...]:
        """The maps among ``variant_ids`` that do not do this work."""
        have = set(self.variants)
        return tuple(v for v in variant_ids if v not in have)

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "steps": {ref.variant: ref.step for ref in self.steps},
            "confirmed": self.confirmed,
            "position": round(self.position, 6),
        }


@dataclass(frozen=True, slots=True)
class Alignment:
    """Every step of every map, in rows of the same work, in flow order."""

    maps: tuple[str, ...]
    rows: tuple[AlignedRow, ...]
    _by_ref: dict[StepRef, AlignedRow] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self._by_ref:
            self._by_ref.update({ref: row for row in self.rows for ref in row.steps})

    def row_of(self, ref: StepRef) -> AlignedRow | None:
        """The row holding a step, or ``None`` for a step no map has."""
        return self._by_ref.get(ref)

    def row(self, row_id: str) -> AlignedRow | None:
        return next((row for row in self.rows if row.id == row_id), None)

    def among(self, variant_ids: Sequence[str]) -> Alignment:
        """Only these maps: their steps, and the rows at least one of them does."""
        wanted = set(variant_ids)
        rows = []
        for row in self.rows:
            steps = tuple(ref for ref in row.steps if ref.variant in wanted)
            if steps:
                rows.append(row if steps == row.steps else _edit_steps(row, steps))
        return Alignment(tuple(v for v in self.maps if v in wanted), tuple(rows))

    def partial(self) -> tuple[AlignedRow, ...]:
        """Rows some of the maps lack: extra approvals, seals, ledgers, or a saved step."""
        return tuple(row for row in self.rows if row.missing(self.maps))

    def as_dict(self) -> dict[str, Any]:
        return {"maps": list(self.maps), "rows": [row.as_dict() for row in self.rows]}


def _edit_steps(row: AlignedRow, steps: tuple[StepRef, ...]) -> AlignedRow:
    return AlignedRow(row.id, row.name, steps, row.confirmed, row.position, row.entry)


# =========================================================================== positions


def flow_positions(workshop: Workshop) -> dict[str, float]:
    """Each step's place in the flow: its column left to right, scaled to 0..1.

    A column is :func:`cocreate.process.graph.step_columns`: the longest path to the step
    once the flows going back (rework loops) are set aside, as the diagrams draw it.

    >>> from cocreate.model import Flow, Lane, Meta, Step
    >>> w = Workshop(Meta("t"), lanes=(Lane("l", "L"),),
    ...              steps=tuple(Step(i, i, "l") for i in "abc"),
    ...              flows=(Flow("a", "b"), Flow("b", "c"), Flow("c", "a")))
    >>> flow_positions(w)
    {'a': 0.0, 'b': 0.5, 'c': 1.0}
    """
    from cocreate.process.graph import step_columns

    column = step_columns(workshop)
    top = max(column.values(), default=0) or 1
    return {step_id: value / top for step_id, value in column.items()}


# =========================================================================== alignment


def step_key(name: str) -> str:
    """The key two steps must share to align by name.

    >>> step_key("申請内容の　確認 ") == step_key("申請内容の 確認")
    True
    """
    from cocreate.contribute import normalise

    return normalise(name)


class _Row:
    __slots__ = ("confirmed", "entry", "index", "keys", "name", "positions", "steps", "variants")

    def __init__(
        self, index: int, *, confirmed: bool = False, name: str = "", entry: int | None = None
    ) -> None:
        self.index = index
        self.confirmed = confirmed
        self.name = name
        self.entry = entry
        self.steps: list[StepRef] = []
        self.positions: list[float] = []
        self.keys: set[str] = set()
        self.variants: set[str] = set()

    @property
    def position(self) -> float:
        return sum(self.positions) / len(self.positions) if self.positions else 0.0

    def add(self, ref: StepRef, position: float, key: str) -> None:
        self.steps.append(ref)
        self.variants.add(ref.variant)
        self.positions.append(position)
        if key:
            self.keys.add(key)


def _step_keys(view: Workshop) -> dict[str, str]:
    keys = {s.id: step_key(s.name) for s in view.steps}
    for kind, key in ((StepKind.START, _START), (StepKind.END, _END)):
        found = [s for s in view.steps if s.kind == kind]
        # a step table makes its first and last rows start and end: work, not events
        if len(found) == 1 and found[0].minutes == 0 and found[0].wait_minutes == 0:
            keys[found[0].id] = key
    return keys


def align(workshop: Workshop) -> Alignment:
    """Align every map's steps; see the module's docstring for the rules.

    Entries of ``[[alignments]]`` that name a missing step are passed over here (the
    workshop's checks report them).

    >>> from cocreate.model import Lane, Meta, Step, Variant
    >>> lanes = (Lane("l", "L"),)
    >>> w = Workshop(Meta("t"), lanes=lanes, steps=(Step("a", "申請", "l"),),
    ...     variants=(Variant("b", "B", lanes=lanes,
    ...                       steps=(Step("x", "申請", "l"), Step("y", "押印", "l"))),))
    >>> [(row.id, row.variants) for row in align(w).rows]
    [('main:a', ('main', 'b')), ('b:y', ('b',))]
    """
    ids = map_ids(workshop)
    order = {variant_id: i for i, variant_id in enumerate(ids)}
    views = [(variant_id, map_view(workshop, variant_id)) for variant_id in ids]
    position: dict[StepRef, float] = {}
    key: dict[StepRef, str] = {}
    names: dict[StepRef, str] = {}
    sequence: list[list[StepRef]] = []
    for variant_id, view in views:
        places = flow_positions(view)
        keys = _step_keys(view)
        refs = []
        for step in view.steps:
            ref = StepRef(variant_id, step.id)
            refs.append(ref)
            position[ref] = places[step.id]
            key[ref] = keys[step.id]
            names[ref] = step.name
        # flow order; steps in one column keep their order in the map
        sequence.append(sorted(refs, key=lambda r: position[r]))

    rows: list[_Row] = []
    claimed: set[StepRef] = set()
    closed: set[int] = set()
    for number, entry in enumerate(workshop.alignments):
        row = _Row(len(rows), confirmed=True, name=entry.name, entry=number)
        for text in entry.steps:
            try:
                ref = parse_ref(workshop, text)
            except InputError:
                continue
            if ref not in position or ref in claimed or ref.variant in row.variants:
                continue
            claimed.add(ref)
            row.add(ref, position[ref], key[ref])
        if row.steps:
            if len(row.steps) == 1:
                closed.add(row.index)
            rows.append(row)

    # key -> the rows a step of that key may join (closed rows take no one)
    by_key: dict[str, list[_Row]] = {}
    for row in rows:
        if row.index not in closed:
            for row_key in row.keys:
                by_key.setdefault(row_key, []).append(row)
    for refs in sequence:
        for ref in refs:
            if ref in claimed:
                continue
            wanted = key[ref]
            candidates = [row for row in by_key.get(wanted, ()) if ref.variant not in row.variants]
            if candidates:
                target = min(candidates, key=lambda r: (abs(r.position - position[ref]), r.index))
            else:
                target = _Row(len(rows))
                rows.append(target)
            if wanted and wanted not in target.keys:
                by_key.setdefault(wanted, []).append(target)
            target.add(ref, position[ref], wanted)

    rows.sort(key=lambda r: (r.position, r.index))
    out = []
    for row in rows:
        steps = tuple(sorted(row.steps, key=lambda r: order[r.variant]))
        name = row.name or names[steps[0]]
        out.append(AlignedRow(str(steps[0]), name, steps, row.confirmed, row.position, row.entry))
    return Alignment(ids, tuple(out))


# =========================================================================== confirming


def _refs(workshop: Workshop, texts: Iterable[str]) -> list[StepRef]:
    refs: list[StepRef] = []
    for text in texts:
        ref = parse_ref(workshop, text)
        if map_step(workshop, ref) is None:
            if ref.variant not in map_ids(workshop):
                raise InputError(None, f"{text}: unknown variant {ref.variant!r}")
            raise InputError(None, f"{text}: no step {ref.step!r} in variant {ref.variant!r}")
        if any(r.variant == ref.variant for r in refs):
            raise RuleError(
                f"{text}: one aligned step holds one step of each map, and {ref.variant!r}"
                " is named twice"
            )
        refs.append(ref)
    if not refs:
        raise InputError(None, "name at least one step, as kokusai:s03")
    return refs


def _without(workshop: Workshop, refs: Iterable[StepRef]) -> tuple[AlignedSteps, ...]:
    """The entries with these steps taken out; entries left empty go."""
    gone = set(refs)
    out = []
    for entry in workshop.alignments:
        kept = []
        for text in entry.steps:
            try:
                if parse_ref(workshop, text) in gone:
                    continue
            except InputError:
                pass
            kept.append(text)
        if kept:
            out.append(entry.edit(steps=tuple(kept)))
    return tuple(out)


def match(workshop: Workshop, steps: Iterable[str], name: str = "") -> Workshop:
    """The workshop with these steps confirmed as the same work (one row).

    Each step leaves any entry it was in before. ``name`` names the row in comparisons.

    >>> from cocreate.model import Lane, Meta, Step, Variant
    >>> lanes = (Lane("l", "L"),)
    >>> w = Workshop(Meta("t"), lanes=lanes, steps=(Step("a", "電話で照会", "l"),),
    ...     variants=(Variant("b", "B", lanes=lanes, steps=(Step("x", "画面で確認", "l"),)),))
    >>> match(w, ["a", "b:x"], "空き状況の確認").alignments
    (AlignedSteps(steps=('main:a', 'b:x'), name='空き状況の確認'),)
    """
    refs = _refs(workshop, steps)
    entry = AlignedSteps(tuple(str(ref) for ref in refs), name.strip())
    return workshop.edit(alignments=(*_without(workshop, refs), entry))


def keep_apart(workshop: Workshop, step: str) -> Workshop:
    """The workshop with one step confirmed as done by its map alone."""
    return match(workshop, [step])


def forget(workshop: Workshop, step: str) -> Workshop:
    """The workshop without the confirmed entry holding ``step``: it aligns by rule again."""
    (ref,) = _refs(workshop, [step])
    kept = []
    found = False
    for entry in workshop.alignments:
        named = set()
        for text in entry.steps:
            try:
                named.add(parse_ref(workshop, text))
            except InputError:
                pass
        if ref in named:
            found = True
            continue
        kept.append(entry)
    if not found:
        raise RuleError(f"{step} is in no confirmed entry; it is aligned by rule already")
    return workshop.edit(alignments=tuple(kept))


def confirm_all(workshop: Workshop) -> Workshop:
    """The workshop with the whole current alignment written down as confirmed entries.

    Rows of one step are written too, so a map added later cannot join them by name.
    """
    rows = align(workshop).rows
    entries = tuple(
        AlignedSteps(
            tuple(str(ref) for ref in row.steps),
            workshop.alignments[row.entry].name if row.entry is not None else "",
        )
        for row in rows
    )
    return workshop.edit(alignments=entries)
