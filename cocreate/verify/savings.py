"""The annual saving estimated in the plan versus the one verified after the pilot, idea by idea.

The definitions are in :mod:`cocreate.verify.evaluate` and docs/verify.md.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cocreate.model import Workshop

if TYPE_CHECKING:
    from cocreate.verify.kpis import KpiResult
    from cocreate.verify.resurvey import Resurvey

__all__ = ["IdeaSaving", "Saving", "Savings", "StepChange", "savings_of"]


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


def savings_of(
    workshop: Workshop,
    survey: Resurvey | None,
    kpis: tuple[KpiResult, ...],
    estimated: float | None,
) -> Savings:
    """The saving estimated and verified: from the re-run survey if there is one, else a KPI."""
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
