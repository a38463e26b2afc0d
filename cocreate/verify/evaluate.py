"""The pilot's evaluation: each KPI against its baseline and target, the hours saved as
estimated and as verified, and each rollout criterion's verdict with its evidence.

Definitions (docs/verify.md has the long form):

* a KPI's **baseline** is the one written on it, else the as-is map's value of its metric;
  its **target** is the one written on it, else (for a metric) the value the proposal
  projected with the pilot's ideas applied;
* its **latest** value is the measurement with the latest date (the one recorded last
  among those of the same day);
* **achievement** (達成率) is ``(latest − baseline) ÷ (target − baseline)``: the share of
  the planned improvement that was reached, the same formula whichever way is better.
  100% is the target reached, above 100% beyond it, 0% no change and below 0 worse than
  before. It is undefined (``None``) without a baseline, a target or a measurement, or
  when the target is no improvement on the baseline;
* a KPI is **met** when its latest value is at most the target (lower is better) or at
  least the target (higher is better); without a measurement or target it is not
  measurable;
* the **estimated** saving is the annual hours the pilot's ideas save on the as-is map
  (:func:`cocreate.process.tobe.compare`, the proposal's figure); the **verified** saving
  is the as-is's annual hours minus the to-be map's as it now runs
  (:mod:`cocreate.verify.resurvey`), else the baseline minus the latest measurement of a
  KPI on ``annual_hours``; person-years divide by ``settings.annual_hours_per_person``
  and cost multiplies by ``settings.hourly_cost``;
* the **difference per idea** compares, step by step, the as-is hours, the hours the
  estimate expected and the hours measured on the to-be map; steps several pilot ideas
  name are shown for those ideas together, changed steps no idea names on their own row;
* a rollout **criterion** is met when every one of its conditions is met by its KPI's
  latest measurement, not met when any condition is not, and not measurable otherwise
  (free text, an unknown KPI, no threshold, no measurement). A verdict of met always has
  a measurement behind every condition; its ids are the evidence.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from cocreate.model import Criterion, CriterionCondition, Measurement, VariantKind, Workshop
from cocreate.verify.criteria import CriterionRef, all_criteria
from cocreate.verify.kpis import (
    KpiPlan,
    KpiResult,
    Verdict,
    achievement_rate,
    kpi_plans,
    kpi_result,
    latest_of,
    map_metrics,
    reaches,
)
from cocreate.verify.savings import IdeaSaving, Saving, Savings, StepChange, savings_of

if TYPE_CHECKING:
    from cocreate.process.metrics import ProcessMetrics
    from cocreate.verify.resurvey import Resurvey

__all__ = [
    "ConditionResult",
    "CriterionResult",
    "Evaluation",
    "IdeaSaving",
    "KpiPlan",
    "KpiResult",
    "Saving",
    "Savings",
    "StepChange",
    "Verdict",
    "achievement_rate",
    "evaluate",
    "kpi_plans",
    "reaches",
]


# --------------------------------------------------------------------------- criteria


@dataclass(frozen=True, slots=True)
class ConditionResult:
    """One condition of a criterion against its KPI's latest measurement."""

    condition: CriterionCondition
    threshold: float | None
    """The value to reach: the condition's own, else the KPI's target."""
    lower_is_better: bool
    latest: Measurement | None
    verdict: Verdict
    reason: str = ""
    """Why it is not measurable: ``unknown-kpi``, ``no-threshold`` or ``no-measurement``."""


@dataclass(frozen=True, slots=True)
class CriterionResult:
    """A rollout criterion's verdict, with the measurements behind it."""

    ref: str
    """The criterion's id, or ``#n`` for a free-text one."""
    criterion: Criterion
    linked: bool
    verdict: Verdict
    conditions: tuple[ConditionResult, ...] = ()
    reason: str = ""
    """``unlinked`` for a criterion with no condition; else empty."""

    @property
    def evidence(self) -> tuple[str, ...]:
        """Ids of the measurements the verdict rests on."""
        return tuple(dict.fromkeys(c.latest.id for c in self.conditions if c.latest))


def _criterion(plans: dict[str, KpiPlan], workshop: Workshop, ref: CriterionRef) -> CriterionResult:
    from cocreate.verify.measure import measurements_of

    criterion = ref.criterion
    if not criterion.conditions:
        return CriterionResult(
            ref.ref, criterion, ref.linked, Verdict.NOT_MEASURABLE, reason="unlinked"
        )
    results = []
    for condition in criterion.conditions:
        plan = plans.get(condition.kpi)
        if plan is None:
            results.append(
                ConditionResult(
                    condition,
                    condition.threshold,
                    True,
                    None,
                    Verdict.NOT_MEASURABLE,
                    "unknown-kpi",
                )
            )
            continue
        threshold = condition.threshold if condition.threshold is not None else plan.target
        lower = plan.kpi.lower_is_better
        latest = latest_of(measurements_of(workshop, plan.kpi.id))
        if threshold is None:
            verdict, reason = Verdict.NOT_MEASURABLE, "no-threshold"
        elif latest is None:
            verdict, reason = Verdict.NOT_MEASURABLE, "no-measurement"
        elif reaches(latest.value, threshold, lower):
            verdict, reason = Verdict.MET, ""
        else:
            verdict, reason = Verdict.NOT_MET, ""
        results.append(ConditionResult(condition, threshold, lower, latest, verdict, reason))
    verdicts = {r.verdict for r in results}
    if Verdict.NOT_MET in verdicts:
        overall = Verdict.NOT_MET
    elif Verdict.NOT_MEASURABLE in verdicts:
        overall = Verdict.NOT_MEASURABLE
    else:
        overall = Verdict.MET
    return CriterionResult(ref.ref, criterion, ref.linked, overall, tuple(results))


# --------------------------------------------------------------------------- all of it


@dataclass(frozen=True)
class Evaluation:
    """Everything the results report, the Verify view and ``cocreate evaluate`` show."""

    kpis: tuple[KpiResult, ...]
    savings: Savings
    criteria: tuple[CriterionResult, ...]
    resurvey: Resurvey | None = None
    """The workload survey re-run on the to-be map, when there is one."""
    error: str = ""
    """Why the process could not be analysed, when it could not (map figures are then absent)."""
    counts: dict[str, int] = field(default_factory=dict)

    def kpi(self, kpi_id: str) -> KpiResult:
        for result in self.kpis:
            if result.kpi.id == kpi_id:
                return result
        raise KeyError(kpi_id)

    def criteria_with(self, verdict: Verdict) -> tuple[CriterionResult, ...]:
        return tuple(c for c in self.criteria if c.verdict == verdict)

    def kpis_with(self, verdict: Verdict) -> tuple[KpiResult, ...]:
        return tuple(k for k in self.kpis if k.verdict == verdict)


def _survey_variant(workshop: Workshop, variant: str | None) -> str | None:
    """The to-be variant to compare with: given, else the one measured last, else the last."""
    if variant is not None:
        return variant
    tobe = {v.id for v in workshop.variants if v.kind == VariantKind.TO_BE}
    measured = [m for m in workshop.pilot.measurements if m.variant in tobe]
    if measured:
        return sorted(measured, key=lambda m: m.date)[-1].variant
    return None


def evaluate(
    workshop: Workshop,
    *,
    variant: str | None = None,
    metrics: tuple[ProcessMetrics | None, ProcessMetrics | None, str] | None = None,
) -> Evaluation:
    """Evaluate the pilot: KPIs, the saving estimated and verified, the rollout criteria.

    Parameters
    ----------
    workshop : a valid workshop.
    variant : the to-be variant to compare the as-is with; by default the one the latest
        map-derived measurement came from (none: the verified saving comes from a KPI on
        ``annual_hours``, if there is one).
    metrics : what :func:`~cocreate.verify.kpis.map_metrics` returns for ``workshop``,
        when the caller has it already (the dashboard does); computed when None.

    Returns
    -------
    Evaluation
        Plain data: nothing in it needs the workshop to be read.

    Examples
    --------
    >>> import datetime as dt
    >>> from cocreate.model import Kpi, Measurement, Meta, Pilot, Workshop
    >>> kpi = Kpi("k4", "差戻し率", baseline=0.2, target=0.05)
    >>> m = Measurement("m1", "k4", dt.date(2027, 3, 2), 0.08)
    >>> result = evaluate(Workshop(Meta("t"), pilot=Pilot(kpis=(kpi,), measurements=(m,))))
    >>> result.kpi("k4").verdict.value, result.kpi("k4").achievement
    ('not-met', 0.8)
    """
    from cocreate.errors import CocreateError

    survey = None
    chosen = _survey_variant(workshop, variant)
    before, projected, error = map_metrics(workshop) if metrics is None else metrics
    estimated = None
    if before is not None and projected is not None:
        estimated = before.annual_hours - projected.annual_hours
    if chosen is not None and before is not None:
        from cocreate.verify.resurvey import resurvey

        try:
            survey = resurvey(workshop, chosen)
        except CocreateError as exc:
            if variant is not None:
                raise
            error = str(exc)
    plans = kpi_plans(workshop, before=before, projected=projected)
    kpis = tuple(kpi_result(workshop, plan) for plan in plans)
    by_id = {plan.kpi.id: plan for plan in plans}
    criteria = tuple(_criterion(by_id, workshop, ref) for ref in all_criteria(workshop.pilot))
    counts = {
        "kpis": len(kpis),
        "kpis_met": sum(k.verdict == Verdict.MET for k in kpis),
        "kpis_measured": sum(k.latest is not None for k in kpis),
        "criteria": len(criteria),
        "criteria_met": sum(c.verdict == Verdict.MET for c in criteria),
        "criteria_not_met": sum(c.verdict == Verdict.NOT_MET for c in criteria),
        "measurements": len(workshop.pilot.measurements),
    }
    return Evaluation(
        kpis=kpis,
        savings=savings_of(workshop, survey, kpis, estimated),
        criteria=criteria,
        resurvey=survey,
        error=error,
        counts=counts,
    )
