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

import enum
import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from cocreate.model import (
    Criterion,
    CriterionCondition,
    Kpi,
    Measurement,
    VariantKind,
    Workshop,
)
from cocreate.verify.criteria import all_criteria

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
    return round((value - baseline) / planned, 9)


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
        computed_before, computed_projected, _error = _map_metrics(workshop)
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


def _map_metrics(
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


def _latest(measurements: tuple[Measurement, ...]) -> Measurement | None:
    # sorted by date with a stable sort, so the last of a day is the one recorded last
    return measurements[-1] if measurements else None


def _kpi_result(workshop: Workshop, plan: KpiPlan) -> KpiResult:
    from cocreate.verify.measure import measurements_of

    found = measurements_of(workshop, plan.kpi.id)
    latest = _latest(found)
    lower = plan.kpi.lower_is_better
    if latest is None or plan.target is None:
        verdict = Verdict.NOT_MEASURABLE
    elif reaches(latest.value, plan.target, lower):
        verdict = Verdict.MET
    else:
        verdict = Verdict.NOT_MET
    rate = achievement_rate(plan.baseline, plan.target, latest.value if latest else None, lower)
    return KpiResult(plan, found, latest, rate, verdict)


# --------------------------------------------------------------------------- savings


@dataclass(frozen=True, slots=True)
class Saving:
    """Annual hours saved, and what they come to in person-years and money."""

    hours: float
    person_years: float
    cost: float


def _saving(workshop: Workshop, hours: float) -> Saving:
    settings = workshop.settings
    per_person = settings.annual_hours_per_person
    return Saving(
        hours=hours,
        person_years=hours / per_person if per_person else 0.0,
        cost=hours * settings.hourly_cost,
    )


@dataclass(frozen=True, slots=True)
class StepChange:
    """One step's annual hours: as-is, as the estimate expected, and as measured."""

    step: str
    name: str
    ideas: tuple[str, ...]
    """The pilot's ideas that name the step."""
    before_minutes: float | None
    """``None``: the step is new in the to-be map."""
    expected_minutes: float | None
    """``None``: an idea removes the step, or it is new."""
    measured_minutes: float | None
    """``None``: the step is not in the to-be map."""
    before_volume: float
    measured_volume: float
    before_hours: float
    expected_hours: float
    measured_hours: float

    @property
    def estimated_saving(self) -> float:
        return self.before_hours - self.expected_hours

    @property
    def verified_saving(self) -> float:
        return self.before_hours - self.measured_hours


@dataclass(frozen=True, slots=True)
class IdeaSaving:
    """The saving on one idea's steps (or those ideas share), estimated and verified."""

    ideas: tuple[str, ...]
    """The ideas; empty for the changed steps no pilot idea names."""
    steps: tuple[StepChange, ...]
    estimated_hours: float
    verified_hours: float

    @property
    def difference(self) -> float:
        """Verified minus estimated hours: above 0 the pilot saved more than estimated."""
        return self.verified_hours - self.estimated_hours


@dataclass(frozen=True, slots=True)
class Savings:
    """Estimated versus verified annual saving, and the difference explained per idea."""

    estimated: Saving | None
    """``None`` when the process cannot be analysed or the pilot has no ideas."""
    verified: Saving | None
    """``None`` until the pilot is measured."""
    source: str = ""
    """Where the verified figure comes from: ``resurvey`` (a to-be map), ``kpi`` (a
    measured KPI on annual hours) or empty."""
    variant: str = ""
    measurements: tuple[str, ...] = ()
    """Ids of the measurements the verified figure rests on."""
    by_idea: tuple[IdeaSaving, ...] = ()

    @property
    def difference(self) -> float | None:
        if self.estimated is None or self.verified is None:
            return None
        return self.verified.hours - self.estimated.hours


def _step_changes(workshop: Workshop, survey: Resurvey) -> tuple[IdeaSaving, ...]:
    named: dict[str, list[str]] = {}
    for idea_id in workshop.pilot.ideas:
        idea = workshop.idea(idea_id)
        for step_id in idea.steps if idea else ():
            named.setdefault(step_id, []).append(idea_id)
    expected = survey.expected or survey.before
    changes: list[StepChange] = []
    seen = set()
    for before in survey.before.steps:
        seen.add(before.id)
        exp = expected.step(before.id)
        now = survey.after.step(before.id)
        changes.append(
            StepChange(
                step=before.id,
                name=before.name,
                ideas=tuple(named.get(before.id, ())),
                before_minutes=before.minutes,
                expected_minutes=exp.minutes if exp else None,
                measured_minutes=now.minutes if now else None,
                before_volume=before.volume,
                measured_volume=now.volume if now else 0.0,
                before_hours=before.annual_hours,
                expected_hours=exp.annual_hours if exp else 0.0,
                measured_hours=now.annual_hours if now else 0.0,
            )
        )
    for now in survey.after.steps:
        if now.id not in seen:
            changes.append(
                StepChange(
                    now.id,
                    now.name,
                    (),
                    None,
                    None,
                    now.minutes,
                    0.0,
                    now.volume,
                    0.0,
                    0.0,
                    now.annual_hours,
                )
            )
    groups: dict[tuple[str, ...], list[StepChange]] = {}
    for change in changes:
        moved = abs(change.estimated_saving) > 1e-9 or abs(change.verified_saving) > 1e-9
        if moved:
            groups.setdefault(change.ideas, []).append(change)
    order = {idea: n for n, idea in enumerate(workshop.pilot.ideas)}

    def rank(ideas: tuple[str, ...]) -> tuple[int, int, int]:
        if not ideas:
            return (1, 0, 0)
        return (0, min(order[i] for i in ideas), len(ideas))

    return tuple(
        IdeaSaving(
            ideas=ideas,
            steps=tuple(steps),
            estimated_hours=math.fsum(s.estimated_saving for s in steps),
            verified_hours=math.fsum(s.verified_saving for s in steps),
        )
        for ideas, steps in sorted(groups.items(), key=lambda item: rank(item[0]))
    )


def _savings(
    workshop: Workshop,
    survey: Resurvey | None,
    kpis: tuple[KpiResult, ...],
    estimated: float | None,
) -> Savings:
    est = _saving(workshop, estimated) if estimated is not None else None
    if survey is not None:
        ids = tuple(m.id for m in workshop.pilot.measurements if m.variant == survey.variant)
        return Savings(
            estimated=est,
            verified=_saving(workshop, survey.hours_saved),
            source="resurvey",
            variant=survey.variant,
            measurements=ids,
            by_idea=_step_changes(workshop, survey),
        )
    for result in kpis:
        if result.kpi.metric == "annual_hours" and result.latest and result.baseline is not None:
            return Savings(
                estimated=est,
                verified=_saving(workshop, result.baseline - result.latest.value),
                source="kpi",
                measurements=(result.latest.id,),
            )
    return Savings(estimated=est, verified=None)


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


def _criterion(plans: dict[str, KpiPlan], workshop: Workshop, ref) -> CriterionResult:
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
        latest = _latest(measurements_of(workshop, plan.kpi.id))
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


def evaluate(workshop: Workshop, *, variant: str | None = None) -> Evaluation:
    """Evaluate the pilot: KPIs, the saving estimated and verified, the rollout criteria.

    Parameters
    ----------
    workshop : a valid workshop.
    variant : the to-be variant to compare the as-is with; by default the one the latest
        map-derived measurement came from (none: the verified saving comes from a KPI on
        ``annual_hours``, if there is one).

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
    before, projected, error = _map_metrics(workshop)
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
    kpis = tuple(_kpi_result(workshop, plan) for plan in plans)
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
        savings=_savings(workshop, survey, kpis, estimated),
        criteria=criteria,
        resurvey=survey,
        error=error,
        counts=counts,
    )
