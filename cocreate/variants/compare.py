"""The maps of one process side by side: per case, per year, per aligned step, and the best way.

Every figure is :func:`cocreate.process.metrics.analyse` of the map's view
(:func:`~cocreate.variants.maps.map_view`), so a map is measured exactly as the
workshop's own map is; nothing here computes a metric of its own.

* per case: :data:`PER_CASE` (hands-on minutes, lead time, handoffs, touchpoints);
* per year: :data:`PER_YEAR` (cases, annual hours, person-years, cost);
* per aligned step: each map's way of doing it (minutes, waiting, medium), or its
  absence; the steps only some maps have are :meth:`VariantComparison.partial`;
* the best practice of a step done in more than one way: among the maps doing it
  without paper, seal or counter, the fastest; when every map needs one of those, the
  fastest. *Fastest* is the fewest hands-on plus waiting minutes per pass, then the
  fewest hands-on minutes, then map order.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cocreate.errors import InputError
from cocreate.model import Medium, StepKind, VariantKind, Workshop
from cocreate.process.graph import ProcessError
from cocreate.process.metrics import ProcessMetrics, analyse, metric_value
from cocreate.variants.align import AlignedRow, Alignment, align
from cocreate.variants.maps import MapInfo, map_ids, map_info, map_view

__all__ = [
    "PER_CASE",
    "PER_YEAR",
    "TOUCH_MEDIA",
    "MapFigures",
    "StepComparison",
    "StepWay",
    "VariantComparison",
    "compare",
    "compared_maps",
    "csv_rows",
    "figures",
    "format_figure",
    "write_csv",
]

#: Figures of one case through a map (names of ``metrics.METRICS``).
PER_CASE = (
    "work_minutes",
    "lead_time_minutes",
    "handoffs_per_case",
    "paper_touches",
    "seal_touches",
    "counter_touches",
)
#: Figures of a map's year: its cases, then names of ``metrics.METRICS``.
PER_YEAR = ("annual_cases", "annual_hours", "person_years", "cost")

#: Media that mean a person handles paper, a seal or a counter: what a best way avoids.
TOUCH_MEDIA = frozenset({Medium.PAPER, Medium.SEAL, Medium.COUNTER})


def format_figure(name: str, value: float, currency: str = "") -> str:
    """One figure of a comparison as text; the only place a figure's digits are chosen."""
    if name in ("handoffs_per_case", "person_years", "cycle_efficiency"):
        return f"{value:,.2f}"
    if name in ("paper_touches", "seal_touches", "counter_touches", "annual_cases", "handoffs"):
        return f"{value:,.0f}"
    if name == "cost":
        return f"{value:,.0f} {currency}".strip()
    return f"{value:,.1f}"


@dataclass(frozen=True, slots=True)
class MapFigures:
    """One map and its metrics."""

    map: MapInfo
    metrics: ProcessMetrics

    def value(self, name: str) -> float:
        """One figure of :data:`PER_CASE` or :data:`PER_YEAR` (or any of ``METRICS``)."""
        if name == "annual_cases":
            return self.metrics.annual_cases
        return metric_value(self.metrics, name)

    def as_dict(self) -> dict[str, Any]:
        return {
            **self.map.as_dict(),
            "per_case": {name: round(self.value(name), 6) for name in PER_CASE},
            "per_year": {name: round(self.value(name), 6) for name in PER_YEAR},
            "currency": self.metrics.currency,
        }


@dataclass(frozen=True, slots=True)
class StepWay:
    """How one map does one aligned step."""

    variant: str
    step: str
    name: str
    lane: str
    """The lane's name."""
    kind: StepKind
    minutes: float
    wait_minutes: float
    medium: Medium
    visits: float
    annual_hours: float

    @property
    def touch(self) -> bool:
        """True when the way needs paper, a seal or a counter."""
        return self.medium in TOUCH_MEDIA

    def as_dict(self) -> dict[str, Any]:
        return {
            "variant": self.variant,
            "step": self.step,
            "name": self.name,
            "lane": self.lane,
            "kind": self.kind.value,
            "minutes": self.minutes,
            "wait_minutes": self.wait_minutes,
            "medium": self.medium.value,
            "visits": round(self.visits, 6),
            "annual_hours": round(self.annual_hours, 6),
        }


@dataclass(frozen=True, slots=True)
class StepComparison:
    """One aligned step across the compared maps."""

    row: AlignedRow
    ways: tuple[StepWay | None, ...]
    """One per compared map, in their order; ``None`` where the map lacks the step."""
    fastest: str | None = None
    """The map doing it fastest, when maps do it in different ways."""
    best: str | None = None
    """The best practice (see the module's docstring), when maps do it in different ways."""

    @property
    def present(self) -> tuple[str, ...]:
        return tuple(way.variant for way in self.ways if way is not None)

    @property
    def partial(self) -> bool:
        """True when some compared map lacks the step."""
        return any(way is None for way in self.ways)

    @property
    def paperless(self) -> tuple[str, ...]:
        """The maps doing it without paper, seal or counter."""
        return tuple(way.variant for way in self.ways if way is not None and not way.touch)

    def way(self, variant_id: str) -> StepWay | None:
        return next((w for w in self.ways if w is not None and w.variant == variant_id), None)

    def as_dict(self) -> dict[str, Any]:
        return {
            **self.row.as_dict(),
            "ways": [None if way is None else way.as_dict() for way in self.ways],
            "partial": self.partial,
            "fastest": self.fastest,
            "best": self.best,
            "paperless": list(self.paperless),
        }


@dataclass(frozen=True, slots=True)
class VariantComparison:
    """Several maps of one process, side by side."""

    maps: tuple[MapFigures, ...]
    steps: tuple[StepComparison, ...]
    alignment: Alignment

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(figures.map.id for figures in self.maps)

    def figures_of(self, variant_id: str) -> MapFigures:
        return next(f for f in self.maps if f.map.id == variant_id)

    def partial(self) -> tuple[StepComparison, ...]:
        """The steps only some maps have: extra approvals, seals, ledgers."""
        return tuple(step for step in self.steps if step.partial)

    def as_dict(self) -> dict[str, Any]:
        return {
            "maps": [figures.as_dict() for figures in self.maps],
            "steps": [step.as_dict() for step in self.steps],
            "partial": [step.row.id for step in self.partial()],
        }


def compared_maps(workshop: Workshop, variant_ids: Sequence[str] | None = None) -> tuple[str, ...]:
    """The maps a comparison takes: those given (checked), else every map but references."""
    if variant_ids:
        known = map_ids(workshop)
        for variant_id in variant_ids:
            if variant_id not in known:
                raise InputError(
                    None, f"unknown variant {variant_id!r}; the maps are {', '.join(known)}"
                )
        return tuple(dict.fromkeys(variant_ids))
    return tuple(
        variant_id
        for variant_id in map_ids(workshop)
        if map_info(workshop, variant_id).kind != VariantKind.REFERENCE
    )


def figures(workshop: Workshop, variant_id: str) -> MapFigures:
    """One map's metrics; a map that cannot be analysed says which map it is."""
    try:
        metrics = analyse(map_view(workshop, variant_id))
    except ProcessError as exc:
        raise ProcessError(f"variant {variant_id!r}: {exc}") from None
    return MapFigures(map_info(workshop, variant_id), metrics)


def _way(view: Workshop, variant_id: str, step_id: str, metrics: ProcessMetrics) -> StepWay:
    step = view.step(step_id)
    assert step is not None  # rows hold only steps of their maps
    lane = view.lane(step.lane)
    measured = metrics.step(step_id)
    return StepWay(
        variant=variant_id,
        step=step.id,
        name=step.name,
        lane=lane.name if lane is not None else step.lane,
        kind=step.kind,
        minutes=step.minutes,
        wait_minutes=step.wait_minutes,
        medium=step.medium,
        visits=measured.visits if measured else 0.0,
        annual_hours=measured.annual_hours if measured else 0.0,
    )


def _speed(way: StepWay, order: dict[str, int]) -> tuple[float, float, int]:
    return (way.minutes + way.wait_minutes, way.minutes, order[way.variant])


def _best(ways: Sequence[StepWay], order: dict[str, int]) -> tuple[str | None, str | None]:
    if len(ways) < 2 or len({(w.minutes, w.wait_minutes, w.touch) for w in ways}) == 1:
        return None, None
    fastest = min(ways, key=lambda w: _speed(w, order))
    clean = [w for w in ways if not w.touch] or list(ways)
    best = min(clean, key=lambda w: _speed(w, order))
    return fastest.variant, best.variant


def compare(workshop: Workshop, variant_ids: Sequence[str] | None = None) -> VariantComparison:
    """The maps side by side (every map but references when none are named).

    >>> from cocreate.model import Flow, Lane, Meta, Settings, Step, Variant
    >>> lanes = (Lane("l", "L"),)
    >>> paper = (Step("a", "申請", "l", minutes=15, medium=Medium.PAPER),)
    >>> mail = (Step("a", "申請", "l", minutes=5, medium=Medium.EMAIL),)
    >>> w = Workshop(Meta("t"), Settings(annual_cases=120), lanes=lanes, steps=paper,
    ...              variants=(Variant("b", "B", lanes=lanes, steps=mail),))
    >>> c = compare(w)
    >>> [f.value("annual_hours") for f in c.maps], c.steps[0].best
    ([30.0, 10.0], 'b')
    """
    ids = compared_maps(workshop, variant_ids)
    order = {variant_id: i for i, variant_id in enumerate(ids)}
    measured = {variant_id: figures(workshop, variant_id) for variant_id in ids}
    views = {variant_id: map_view(workshop, variant_id) for variant_id in ids}
    alignment = align(workshop).among(ids)
    steps = []
    for row in alignment.rows:
        ways: list[StepWay | None] = []
        for variant_id in ids:
            step_id = row.step_in(variant_id)
            ways.append(
                None
                if step_id is None
                else _way(views[variant_id], variant_id, step_id, measured[variant_id].metrics)
            )
        fastest, best = _best([w for w in ways if w is not None], order)
        steps.append(StepComparison(row, tuple(ways), fastest, best))
    return VariantComparison(tuple(measured[v] for v in ids), tuple(steps), alignment)


# =========================================================================== CSV


def csv_rows(comparison: VariantComparison, lang: str = "ja") -> list[list[Any]]:
    """The comparison as one wide table: a row per figure, then per step and aspect.

    Columns: section, item, one per map, best. Sections: ``per_case`` and ``per_year``
    figures, then ``step_minutes``, ``step_wait`` and ``step_medium`` per aligned step
    (empty where a map lacks the step).
    """
    from cocreate.i18n import t
    from cocreate.process.metrics import metric_label

    head = [
        t("variants.csv.section", lang),
        t("variants.csv.item", lang),
        *(f"{f.map.name} ({f.map.id})" for f in comparison.maps),
        t("variants.csv.best", lang),
    ]
    rows: list[list[Any]] = [head]
    for section, names in (("per_case", PER_CASE), ("per_year", PER_YEAR)):
        for name in names:
            label = (
                t("variants.figure.annual_cases", lang)
                if name == "annual_cases"
                else metric_label(name, lang)
            )
            rows.append([section, label, *(round(f.value(name), 6) for f in comparison.maps), ""])
    aspects: tuple[tuple[str, Callable[[StepWay], object]], ...] = (
        ("step_minutes", lambda w: w.minutes),
        ("step_wait", lambda w: w.wait_minutes),
        ("step_medium", lambda w: w.medium.value),
    )
    for section, aspect in aspects:
        for step in comparison.steps:
            cells = ["" if way is None else aspect(way) for way in step.ways]
            rows.append([section, step.row.name, *cells, step.best or ""])
    return rows


def write_csv(comparison: VariantComparison, path: str | Path, lang: str = "ja") -> Path:
    """Write the comparison as a CSV Excel opens correctly: UTF-8 with a BOM, CRLF.

    Every text cell is neutralised (a name starting with ``=`` stays text, never a
    formula), as the tally's CSV is. The file is replaced atomically.
    """
    from cocreate.storage import atomic_write
    from cocreate.text import neutralise

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in csv_rows(comparison, lang):
        writer.writerow([neutralise(cell) for cell in row])
    target = Path(path)
    atomic_write(target, "\ufeff" + buffer.getvalue())
    return target
