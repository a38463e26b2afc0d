"""KPIs against their plan: the baseline and target resolved, the latest value, 達成率, the verdict.

The definitions are in :mod:`cocreate.verify.evaluate` and docs/verify.md.
"""

from __future__ import annotations

import enum
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cocreate.model import Kpi, Measurement, Workshop

if TYPE_CHECKING:
    from cocreate.process.metrics import ProcessMetrics

__all__ = [
    "KpiPlan",
    "KpiResult",
    "Verdict",
    "achievement_rate",
    "kpi_plans",
    "kpi_result",
    "latest_of",
    "map_metrics",
    "reaches",
]


class Verdict(enum.StrEnum):
    """The judgement on a KPI or a criterion: 達成, 未達, 測定不能."""

    MET = "met"
    NOT_MET = "not-met"
    NOT_MEASURABLE = "not-measurable"


# --------------------------------------------------------------------------- the rules


def reaches(value: float, threshold: float, lower_is_better: bool) -> bool:
    """Whether ``value`` reaches ``threshold`` in the KPI's direction (equal counts).

    >>> reaches(0.08, 0.10, True), reaches(0.08, 0.05, True), reaches(72, 70, False)
    (True, False, True)
    """
    if math.isclose(value, threshold, rel_tol=1e-9, abs_tol=1e-12):
        return True
    return value < threshold if lower_is_better else value > threshold


def achievement_rate(
    baseline: float | None, target: float | None, value: float | None, lower_is_better: bool
) -> float | None:
    """達成率: the share of the planned improvement reached, ``(value − base) ÷ (target − base)``.

    ``None`` when a figure is missing or the target is no improvement on the baseline.

    >>> achievement_rate(0.2, 0.05, 0.08, True)  # 差戻し率 20% -> 8%, target 5%
    0.8
    >>> achievement_rate(40, 70, 76, False)       # 「使いやすい」 40% -> 76%, target 70%
    1.2
    """
    if baseline is None or target is None or value is None:
        return None
    planned = target - baseline
    improves = planned < 0 if lower_is_better else planned > 0
    if not improves or math.isclose(planned, 0.0, abs_tol=1e-12):
        return None
    raw = (value - baseline) / planned
    rate = round(raw, 9)
    if rate >= 1 > raw and not reaches(value, target, lower_is_better):
        # Rounding must not turn a target missed by a hair into 100%: reached or not is
        # what :func:`reaches` says (a baseline of 122,071 and 0.000061 left of a 0 target).
        return raw
    return rate


# --------------------------------------------------------------------------- KPIs


@dataclass(frozen=True, slots=True)
class KpiPlan:
    """A KPI with its baseline and target resolved, and where each came from."""

    kpi: Kpi
    baseline: float | None
    target: float | None
    baseline_from_map: bool = False
    """The baseline is the as-is map's value of the KPI's metric."""
    target_projected: bool = False
    """The target is the value the proposal projected with the pilot's ideas."""


def kpi_plans(
    workshop: Workshop,
    *,
    before: ProcessMetrics | None = None,
    projected: ProcessMetrics | None = None,
) -> tuple[KpiPlan, ...]:
    """Every KPI's baseline and target; map values come from ``before`` and ``projected``.

    Pass the as-is metrics and the projected to-be metrics when they are at hand; when
    they are not, they are computed here only if a KPI needs them (and left out when the
    process cannot be analysed).
    """
    from cocreate.process.metrics import METRICS, metric_value

    needs_map = any(
        k.metric in METRICS and (k.baseline is None or k.target is None)
        for k in workshop.pilot.kpis
    )
    if needs_map and (before is None or projected is None):
        computed_before, computed_projected, _error = map_metrics(workshop)
        before = before or computed_before
        projected = projected or computed_projected
    plans = []
    for kpi in workshop.pilot.kpis:
        baseline, target = kpi.baseline, kpi.target
        from_map = projected_target = False
        if kpi.metric in METRICS:
            if baseline is None and before is not None:
                baseline, from_map = metric_value(before, kpi.metric), True
            if target is None and projected is not None:
                target, projected_target = metric_value(projected, kpi.metric), True
        plans.append(KpiPlan(kpi, baseline, target, from_map, projected_target))
    return tuple(plans)


def map_metrics(
    workshop: Workshop,
) -> tuple[ProcessMetrics | None, ProcessMetrics | None, str]:
    """The as-is metrics, the projected to-be metrics, and why they are missing if they are."""
    from cocreate.errors import CocreateError
    from cocreate.process.metrics import analyse
    from cocreate.process.tobe import apply_ideas

    if not workshop.steps:
        return None, None, ""
    try:
        before = analyse(workshop)
    except CocreateError as exc:
        return None, None, str(exc)
    ideas = [i for i in workshop.pilot.ideas if workshop.idea(i) is not None]
    try:
        projected = analyse(apply_ideas(workshop, ideas)) if ideas else None
    except CocreateError as exc:
        return before, None, str(exc)
    return before, projected, ""


@dataclass(frozen=True, slots=True)
class KpiResult:
    """One KPI after the pilot: the plan, every measurement, the latest, 達成率 and verdict."""

    plan: KpiPlan
    measurements: tuple[Measurement, ...]
    """Oldest first."""
    latest: Measurement | None
    achievement: float | None
    verdict: Verdict

    @property
    def kpi(self) -> Kpi:
        return self.plan.kpi

    @property
    def baseline(self) -> float | None:
        return self.plan.baseline

    @property
    def target(self) -> float | None:
        return self.plan.target

    @property
    def change(self) -> float | None:
        """Latest minus baseline."""
        if self.latest is None or self.baseline is None:
            return None
        return self.latest.value - self.baseline


def latest_of(measurements: tuple[Measurement, ...]) -> Measurement | None:
    """The latest of a KPI's measurements, given oldest first (``measure.measurements_of``).

    They are sorted by date with a stable sort, so of a day's the one recorded last wins.
    """
    return measurements[-1] if measurements else None


def kpi_result(workshop: Workshop, plan: KpiPlan) -> KpiResult:
    """One KPI judged: its measurements, the latest, 達成率 and the verdict."""
    from cocreate.verify.measure import measurements_of

    found = measurements_of(workshop, plan.kpi.id)
    latest = latest_of(found)
    lower = plan.kpi.lower_is_better
    if latest is None or plan.target is None:
        verdict = Verdict.NOT_MEASURABLE
    elif reaches(latest.value, plan.target, lower):
        verdict = Verdict.MET
    else:
        verdict = Verdict.NOT_MET
    rate = achievement_rate(plan.baseline, plan.target, latest.value if latest else None, lower)
    return KpiResult(plan, found, latest, rate, verdict)
