"""The rollout decision (横展開, 継続試行, 見直し, 中止) and where a pilot stands.

The facilitator records the decision a manager signed: its outcome, its date, who made it
and the reasons; a rollout also names its next scope (the bureaus or units it goes to,
and from when). It goes into the workshop's decisions log as a
:class:`~cocreate.model.Decision` carrying a :class:`~cocreate.model.RolloutDecision`.

:func:`verification_status` sums a workshop up for a portfolio of processes: the stage its
pilot is at, the decision if there is one, and the saving verified so far.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cocreate.errors import InputError
from cocreate.model import Decision, Outcome, RolloutDecision, Workshop
from cocreate.verify.period import pilot_period
from cocreate.verify.values import parse_outcome

if TYPE_CHECKING:
    from cocreate.verify.evaluate import Evaluation

__all__ = [
    "Stage",
    "VerificationStatus",
    "decision_text",
    "record_decision",
    "rollout_decision",
    "verification_status",
]


def _texts(items: Iterable[str]) -> tuple[str, ...]:
    out = []
    for item in items:
        flat = " ".join((item or "").split())
        if flat and flat not in out:
            out.append(flat)
    return tuple(out)


def decision_text(rollout: RolloutDecision, lang: str = "ja") -> str:
    """The decisions log's line for a rollout decision: ``試行の判断：横展開（…）``."""
    from cocreate.i18n import t

    outcome = t(f"verify.outcome.{rollout.outcome.value}", lang)
    units = ("、" if lang == "ja" else ", ").join(rollout.units)
    if rollout.units and rollout.start:
        if lang == "ja":
            start = f"{rollout.start.year}年{rollout.start.month}月{rollout.start.day}日"
        else:
            start = rollout.start.isoformat()
        return t("verify.decision.text_scope", lang, outcome=outcome, units=units, start=start)
    if rollout.units:
        return t("verify.decision.text_units", lang, outcome=outcome, units=units)
    return t("verify.decision.text", lang, outcome=outcome)


def record_decision(
    workshop: Workshop,
    outcome: Outcome | str,
    *,
    by: str,
    reasons: Iterable[str],
    units: Iterable[str] = (),
    start: dt.date | None = None,
    date: dt.date | None = None,
    text: str = "",
    lang: str = "ja",
) -> tuple[Workshop, Decision]:
    """Add the pilot's rollout decision to the decisions log; return the workshop and it.

    Parameters
    ----------
    outcome : ``rollout``, ``continue``, ``revise`` or ``stop`` (or 横展開, 継続試行,
        見直し, 中止).
    by : the member who decided.
    reasons : at least one.
    units, start : the next scope of a rollout; a rollout needs at least one unit.
    date : the day it was decided (default: today).
    text : the log's line; by default made from the outcome and scope in ``lang``.

    Raises
    ------
    InputError
        An unknown outcome or member, no reason, or a rollout without a next scope.
    """
    result = parse_outcome(outcome)
    why = _texts(reasons)
    if not why:
        raise InputError(None, "a decision needs at least one reason", field="reasons")
    maker = (by or "").strip()
    if not maker:
        raise InputError(None, "say who made the decision", field="by")
    if workshop.member(maker) is None:
        raise InputError(None, f"{maker!r} is not a member of the workshop", field="by")
    scope = _texts(units)
    if result == Outcome.ROLLOUT and not scope:
        raise InputError(
            None, "a rollout (横展開) needs its next scope: the bureaus or units", field="units"
        )
    day = date or dt.date.today()
    rollout = RolloutDecision(result, why, scope, start)
    decision = Decision(day, " ".join(text.split()) or decision_text(rollout, lang), maker, rollout)
    return workshop.edit(decisions=(*workshop.decisions, decision)), decision


def rollout_decision(workshop: Workshop) -> Decision | None:
    """The latest decision about the pilot's rollout (the last recorded of its day)."""
    found = [d for d in workshop.decisions if d.rollout is not None]
    return sorted(found, key=lambda d: d.date)[-1] if found else None


class Stage(enum.StrEnum):
    """Where a pilot stands."""

    NO_PILOT = "no-pilot"
    PLANNED = "planned"
    RUNNING = "running"
    ENDED = "ended"
    """Over (or measured) and waiting for the decision."""
    DECIDED = "decided"


@dataclass(frozen=True, slots=True)
class VerificationStatus:
    """A workshop's verification at a glance, for the portfolio dashboard."""

    stage: Stage
    outcome: Outcome | None = None
    decided_on: dt.date | None = None
    decided_by: str = ""
    next_units: tuple[str, ...] = ()
    next_start: dt.date | None = None
    hours_estimated: float | None = None
    hours_verified: float | None = None
    person_years_verified: float | None = None
    cost_verified: float | None = None
    kpis: int = 0
    kpis_met: int = 0
    kpis_measured: int = 0
    criteria: int = 0
    criteria_met: int = 0


def verification_status(
    workshop: Workshop, *, today: dt.date | None = None, evaluation: Evaluation | None = None
) -> VerificationStatus:
    """The stage of the workshop's pilot, its decision and its verified saving.

    The stage is ``decided`` once a rollout decision is recorded; else ``ended`` when the
    pilot period is over; else ``running`` when it has begun or has measurements; else
    ``planned``; and ``no-pilot`` for an empty plan. ``today`` defaults to the real today.
    Pass ``evaluation`` when it is already computed.

    Examples
    --------
    >>> from cocreate.model import Meta, Workshop
    >>> verification_status(Workshop(Meta("t"))).stage.value
    'no-pilot'
    """
    pilot = workshop.pilot
    if pilot.is_empty():
        return VerificationStatus(Stage.NO_PILOT)
    if evaluation is None:
        from cocreate.verify.evaluate import evaluate

        evaluation = evaluate(workshop)
    day = today or dt.date.today()
    decision = rollout_decision(workshop)
    period = pilot_period(pilot)
    if decision is not None:
        stage = Stage.DECIDED
    elif period is not None and period.end is not None and day > period.end:
        stage = Stage.ENDED
    elif pilot.measurements or (period is not None and day >= period.start):
        stage = Stage.RUNNING
    else:
        stage = Stage.PLANNED
    savings = evaluation.savings
    counts = evaluation.counts
    rollout = decision.rollout if decision else None
    return VerificationStatus(
        stage=stage,
        outcome=rollout.outcome if rollout else None,
        decided_on=decision.date if decision else None,
        decided_by=decision.owner if decision else "",
        next_units=rollout.units if rollout else (),
        next_start=rollout.start if rollout else None,
        hours_estimated=savings.estimated.hours if savings.estimated else None,
        hours_verified=savings.verified.hours if savings.verified else None,
        person_years_verified=savings.verified.person_years if savings.verified else None,
        cost_verified=savings.verified.cost if savings.verified else None,
        kpis=counts.get("kpis", 0),
        kpis_met=counts.get("kpis_met", 0),
        kpis_measured=counts.get("kpis_measured", 0),
        criteria=counts.get("criteria", 0),
        criteria_met=counts.get("criteria_met", 0),
    )
