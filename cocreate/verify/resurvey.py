"""The workload survey run again on the process as it now runs: a to-be variant of the map.

A KPI whose metric comes from the map (annual hours, lead time, paper touchpoints, ...) is
measured by mapping the process as it runs during the pilot, importing it like the as-is
(BPMN, a step table, an event log from the pilot period) as a variant of kind ``to-be``,
and computing the same metrics on it (:func:`cocreate.process.metrics.analyse` through
``Workshop.variant_view``).

**One basis for before and after.** The pilot runs in one unit, so its map carries the
unit's cases (an event log's counts are already scaled to a year). Volume-based figures
(annual hours, person-years, cost) are scaled to the as-is's annual cases: the to-be's
given step volumes are multiplied by ``as-is annual cases ÷ to-be annual cases``, and
steps without a volume derive theirs from the as-is's cases. Per-case figures (lead time,
work minutes, touchpoints, handoffs, loops) do not depend on volume and are unchanged.
The to-be's annual cases are the variant's ``annual_cases``, else the volumes of its start
steps, else the as-is's (then nothing is scaled).

Steps are compared by id: a to-be map that keeps the as-is's step ids for the same work
(the step table's ID column, the BPMN element ids) lets the evaluation explain the
difference from the estimate step by step and idea by idea.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cocreate.errors import InputError, WorkshopError
from cocreate.model import (
    ID_PATTERN,
    Measurement,
    MeasurementMethod,
    StepKind,
    Variant,
    VariantKind,
    Workshop,
)

if TYPE_CHECKING:
    from cocreate.process.imports import ProcessImport
    from cocreate.process.metrics import ProcessMetrics

__all__ = [
    "Resurvey",
    "import_tobe",
    "measure_from_variant",
    "resurvey",
    "scaled_view",
    "tobe_cases",
]


@dataclass(frozen=True, slots=True)
class Resurvey:
    """The workload survey before and after: the as-is, the estimate and the to-be as it runs."""

    variant: str
    before: ProcessMetrics
    """The as-is map's metrics."""
    after: ProcessMetrics
    """The to-be variant's metrics, on the as-is's annual cases."""
    expected: ProcessMetrics | None
    """The as-is with the pilot's ideas applied: what the proposal estimated."""
    tobe_cases: float
    """Annual cases of the to-be map as recorded (the pilot unit's)."""
    baseline_cases: float
    """Annual cases of the as-is, which the to-be is scaled to."""

    @property
    def scale(self) -> float:
        """What the to-be's volumes were multiplied by."""
        return self.baseline_cases / self.tobe_cases if self.tobe_cases else 1.0

    @property
    def hours_saved(self) -> float:
        return self.before.annual_hours - self.after.annual_hours


def _tobe(workshop: Workshop, variant_id: str) -> Variant:
    variant = workshop.variant(variant_id)
    if variant is None or variant.kind != VariantKind.TO_BE:
        known = ", ".join(v.id for v in workshop.variants if v.kind == VariantKind.TO_BE)
        raise InputError(
            None,
            f"no to-be variant {variant_id!r}; to-be variants: {known or 'none yet'}",
            field="variant",
        )
    return variant


def tobe_cases(workshop: Workshop, variant_id: str) -> float:
    """Annual cases of a to-be map: its own setting, else its start steps', else the as-is's."""
    from cocreate.process.metrics import annual_cases

    variant = _tobe(workshop, variant_id)
    if variant.annual_cases is not None:
        return float(variant.annual_cases)
    starts = [s.volume for s in variant.steps if s.kind == StepKind.START and s.volume is not None]
    if starts:
        return float(sum(starts))
    return annual_cases(workshop)


def scaled_view(workshop: Workshop, variant_id: str) -> Workshop:
    """The workshop with the to-be variant's map, its volumes scaled to the as-is's cases."""
    from cocreate.process.metrics import annual_cases

    baseline = annual_cases(workshop)
    cases = tobe_cases(workshop, variant_id)
    scale = baseline / cases if cases else 1.0
    view = workshop.variant_view(variant_id)
    steps = tuple(
        s if s.volume is None else s.edit(volume=round(s.volume * scale)) for s in view.steps
    )
    settings = view.settings.edit(annual_cases=round(baseline))
    return view.edit(steps=steps, settings=settings)


def resurvey(workshop: Workshop, variant_id: str) -> Resurvey:
    """Run the workload survey on the as-is and on a to-be variant, on one basis.

    Raises InputError for a variant that is not a to-be, and ProcessError when either
    map cannot be analysed.
    """
    from cocreate.process.metrics import analyse, annual_cases
    from cocreate.process.tobe import apply_ideas

    before = analyse(workshop)
    after = analyse(scaled_view(workshop, variant_id))
    ideas = [i for i in workshop.pilot.ideas if workshop.idea(i) is not None]
    expected = analyse(apply_ideas(workshop, ideas)) if ideas else None
    return Resurvey(
        variant=variant_id,
        before=before,
        after=after,
        expected=expected,
        tobe_cases=tobe_cases(workshop, variant_id),
        baseline_cases=annual_cases(workshop),
    )


def measure_from_variant(
    workshop: Workshop,
    variant_id: str,
    date: dt.date | str,
    *,
    by: str = "",
    method: MeasurementMethod | str = MeasurementMethod.MEASURED,
    note: str = "",
) -> tuple[Workshop, tuple[Measurement, ...]]:
    """Record, for every KPI taken from the map, its value on the to-be variant.

    Each measurement names the variant, so the evaluation can trace it to the map.

    Raises
    ------
    InputError
        No KPI takes its value from the map, the variant is not a to-be, or the date,
        method or member is refused (as for :func:`~cocreate.verify.measure.add_measurement`).
    """
    from cocreate.process.metrics import METRICS, analyse, metric_value
    from cocreate.verify.measure import add_measurement

    _tobe(workshop, variant_id)
    kpis = [k for k in workshop.pilot.kpis if k.metric in METRICS]
    if not kpis:
        raise InputError(
            None,
            "no KPI takes its value from the map (give a KPI a metric such as annual_hours)",
            field="kpi",
        )
    metrics = analyse(scaled_view(workshop, variant_id))
    added = []
    for kpi in kpis:
        value = round(metric_value(metrics, kpi.metric), 6)
        workshop, measurement = add_measurement(
            workshop, kpi.id, value, date, method=method, by=by, note=note, variant=variant_id
        )
        added.append(measurement)
    return workshop, tuple(added)


def import_tobe(
    workshop: Workshop,
    imported: ProcessImport,
    variant_id: str,
    *,
    name: str = "",
    unit: str = "",
    source: str = "",
    annual_cases: int | None = None,
    replace: bool = False,
    notes: Iterable[str] = (),
) -> tuple[Workshop, Variant]:
    """Put an imported map into the workshop as a to-be variant: the process as it now runs.

    ``imported`` is what the process importers return (``read_bpmn``, ``read_steps``,
    ``eventlog.to_process``). ``annual_cases`` are the cases the to-be handles a year
    (default: the import's own figure, as an event log gives it). A variant of that id is
    replaced only with ``replace``, and only if it is a to-be.
    """
    if not ID_PATTERN.match(variant_id or ""):
        raise InputError(None, f"{variant_id!r} is not a valid id", field="variant")
    existing = workshop.variant(variant_id)
    if existing is not None and not (replace and existing.kind == VariantKind.TO_BE):
        what = (
            "a to-be; pass --replace to replace it"
            if existing.kind == VariantKind.TO_BE
            else (f"a variant of kind {existing.kind.value}, not a to-be")
        )
        raise InputError(None, f"variant {variant_id!r} already exists: {what}", field="variant")
    if annual_cases is not None and annual_cases < 1:
        raise InputError(None, "must be at least 1", field="annual_cases")
    variant = Variant(
        id=variant_id,
        name=name.strip() or imported.title or variant_id,
        kind=VariantKind.TO_BE,
        unit=unit.strip() or workshop.pilot.scope_unit,
        annual_cases=annual_cases if annual_cases is not None else imported.annual_cases,
        lanes=imported.lanes,
        steps=imported.steps,
        flows=imported.flows,
        sources=(source,) if source else (),
        notes=" ".join(" ".join(notes).split()),
    )
    others = tuple(v for v in workshop.variants if v.id != variant_id)
    updated = workshop.edit(variants=(*others, variant))
    _check_map(updated, variant_id, imported)
    return updated, variant


def _check_map(workshop: Workshop, variant_id: str, imported: ProcessImport) -> None:
    """Refuse a to-be map with dangling lanes or flows, or one no case can get through."""
    from cocreate.errors import CocreateError
    from cocreate.integrity import errors
    from cocreate.process.metrics import analyse

    view = workshop.variant_view(variant_id)
    found = [f for f in errors(view) if f.field.startswith(("lanes", "steps", "flows"))]
    if found:
        first = found[0]
        raise WorkshopError(
            imported.source,
            f"cannot use as the to-be map: {first.field}: {first.message}"
            + (f" (and {len(found) - 1} more)" if len(found) > 1 else ""),
        )
    try:
        analyse(view)
    except CocreateError as exc:
        raise WorkshopError(imported.source, f"cannot use as the to-be map: {exc}") from None
