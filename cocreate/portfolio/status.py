"""Where every process of a portfolio stands, derived from its workshop, never typed by hand.

Each candidate, and each workshop in the portfolio, is one :class:`ProcessRow`. Its
status follows from the data (docs/portfolio.md has the table):

* **候補** (``candidate``): in the inventory, not chosen (deferred and rejected ones too;
  the decision shows beside it);
* **対象選定** (``selected``): the latest decision chose it, and its workshop, if there is
  one yet, holds no map and no contribution;
* **分析中** (``analysing``): its workshop has begun (a map or a contribution) and has no
  pilot, or a pilot that has not started;
* **試行中** (``piloting``): the pilot has started (its period has begun or it has
  measurements), or the decision was to continue the trial (継続試行);
* **効果検証済** (``verified``): a rollout decision is recorded after the evaluation
  (見直し, or 横展開 from a date still to come);
* **横展開済** (``rolled-out``): the decision is 横展開 and its start date has come (or it
  gave none);
* **中止** (``stopped``): the decision is 中止;
* **読み込めず** (``unreadable``): the workshop folder does not load; its first error
  is kept and the other rows are unaffected.

The figures: baseline annual hours, person-years and cost from the workshop's map
(:func:`cocreate.process.metrics.analyse`) when it has one, else from the inventory
(:func:`cocreate.portfolio.inventory.figures`); the planned saving of the pilot's chosen
ideas and the verified saving from :mod:`cocreate.verify` (``None`` until measured);
the paper, seal and counter touchpoints removed: the as-is map's count minus the to-be
map recorded after the pilot when there is one, else minus the map with the chosen
ideas applied; for a workshop with more than one as-is map (one per bureau), each
bureau's annual hours (:func:`bureau_figures`) and, when it has a standard, the hours
the standard would save there (:func:`cocreate.variants.standard.savings`).
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from cocreate.errors import CocreateError
from cocreate.i18n import t
from cocreate.model import Outcome, VariantKind, Workshop, _Item
from cocreate.portfolio.inventory import figures
from cocreate.portfolio_model import Candidate, Portfolio, SelectionOutcome

__all__ = [
    "BureauFigures",
    "ProcessFigures",
    "ProcessRow",
    "Status",
    "Totals",
    "WorkshopSummary",
    "bureau_figures",
    "process_row",
    "status_label",
    "status_of",
    "summarise",
    "totals",
]


class Status(enum.StrEnum):
    """Where a process stands, in the order of the way through."""

    CANDIDATE = "candidate"
    SELECTED = "selected"
    ANALYSING = "analysing"
    PILOTING = "piloting"
    VERIFIED = "verified"
    ROLLED_OUT = "rolled-out"
    STOPPED = "stopped"
    UNREADABLE = "unreadable"


def status_label(status: Status, lang: str = "ja") -> str:
    """The status as the dashboard shows it (候補, 対象選定, ...)."""
    return t(f"portfolio.status.{status.value}", lang)


@dataclass(frozen=True, slots=True)
class BureauFigures:
    """One bureau's as-is map: its annual hours, and what the standard would save there."""

    bureau: str
    """The map's unit, else its name."""
    hours: float
    saved: float | None = None
    """Hours a year the workshop's standard saves at this bureau's volume; None: no standard."""


@dataclass(frozen=True, slots=True, kw_only=True)
class ProcessFigures(_Item):
    """What a process weighs and saves (the module docstring has each); None: not known.

    A :class:`WorkshopSummary` and a :class:`ProcessRow` both carry them.
    """

    source: str = ""
    """Where the baseline comes from: ``map``, ``inventory`` (a row only) or empty (not known)."""
    hours: float | None = None
    person_years: float | None = None
    cost: float | None = None
    planned_hours: float | None = None
    verified_hours: float | None = None
    paper_removed: int | None = None
    seal_removed: int | None = None
    counter_removed: int | None = None
    bureaus: tuple[BureauFigures, ...] = ()
    """Per bureau, for a workshop with more than one as-is map; else empty."""


@dataclass(frozen=True, slots=True)
class ProcessRow(ProcessFigures):
    """One process on the dashboard: who owns it, where it stands, what it weighs and saves."""

    name: str
    status: Status
    candidate: str = ""
    """The candidate's id; empty for a workshop no candidate names."""
    bureau: str = ""
    owner: str = ""
    """Who leads it: the pilot's owner, else the workshop's facilitator."""
    folder: str = ""
    """The workshop folder relative to the portfolio; empty before one is started."""
    error: str = ""
    """Why the workshop does not load (one line), for ``unreadable``."""
    decision: str = ""
    """The latest selection decision's outcome (chosen, deferred, rejected) or empty."""


def _begun(workshop: Workshop) -> bool:
    return bool(workshop.steps or any(not c.is_empty() for c in workshop.contributions))


def status_of(
    workshop: Workshop | None,
    decision: SelectionOutcome | None,
    *,
    today: dt.date | None = None,
) -> Status:
    """The status of one process (see the module docstring); ``workshop`` None: none yet."""
    if workshop is None:
        return Status.SELECTED if decision == SelectionOutcome.CHOSEN else Status.CANDIDATE
    from cocreate.verify.decide import rollout_decision
    from cocreate.verify.period import pilot_period

    day = today or dt.date.today()
    pilot = workshop.pilot
    found = rollout_decision(workshop)
    if found is not None and found.rollout is not None:
        rollout = found.rollout
        if rollout.outcome == Outcome.STOP:
            return Status.STOPPED
        if rollout.outcome == Outcome.CONTINUE:
            return Status.PILOTING
        if rollout.outcome == Outcome.ROLLOUT and (rollout.start is None or rollout.start <= day):
            return Status.ROLLED_OUT
        return Status.VERIFIED
    if not pilot.is_empty():
        period = pilot_period(pilot)
        if pilot.measurements or (period is not None and day >= period.start):
            return Status.PILOTING
    if _begun(workshop):
        return Status.ANALYSING
    return Status.SELECTED


@dataclass(frozen=True, slots=True)
class WorkshopSummary(ProcessFigures):
    """What the dashboard takes from one workshop: plain values, cheap to keep between runs."""

    title: str
    organisation: str
    status: Status
    """As :func:`status_of` judges it on the day it was summarised."""
    owner: str = ""


def bureau_figures(workshop: Workshop) -> tuple[BureauFigures, ...]:
    """Each as-is map's annual hours, and the saving of the workshop's (first) standard.

    Empty for a workshop with one as-is map, or whose maps cannot be analysed.
    """
    from cocreate.process.metrics import analyse
    from cocreate.variants.choices import as_is_maps
    from cocreate.variants.maps import map_info, map_view
    from cocreate.variants.standard import savings

    bureaus = as_is_maps(workshop)
    if len(bureaus) < 2:
        return ()
    standard = next((v.id for v in workshop.variants if v.kind == VariantKind.STANDARD), None)
    try:
        if standard is not None:
            return tuple(
                BureauFigures(b.map.unit or b.map.name, b.as_is.annual_hours, b.hours_saved)
                for b in savings(workshop, standard, bureaus).bureaus
            )
        out = []
        for variant_id in bureaus:
            info = map_info(workshop, variant_id)
            hours = analyse(map_view(workshop, variant_id)).annual_hours
            out.append(BureauFigures(info.unit or info.name, hours))
        return tuple(out)
    except CocreateError:
        return ()


def summarise(workshop: Workshop, *, today: dt.date | None = None) -> WorkshopSummary:
    """The workshop's status and figures (see the module docstring for each)."""
    from cocreate.verify.kpis import map_metrics

    owner = workshop.pilot.owner or workshop.meta.facilitator
    member = workshop.member(owner) if owner else None
    summary = WorkshopSummary(
        title=workshop.meta.title,
        organisation=workshop.meta.organisation,
        status=status_of(workshop, None, today=today),
        owner=member.name if member is not None else owner,
        bureaus=bureau_figures(workshop),
    )
    metrics = map_metrics(workshop)
    before, projected, _ = metrics
    if before is None:
        return summary
    summary = summary.edit(
        source="map",
        hours=before.annual_hours,
        person_years=before.person_years,
        cost=before.cost,
    )
    after = projected
    if projected is not None:
        summary = summary.edit(planned_hours=before.annual_hours - projected.annual_hours)
    if workshop.pilot.measurements:
        from cocreate.verify.decide import verification_status
        from cocreate.verify.evaluate import evaluate

        try:
            evaluation = evaluate(workshop, metrics=metrics)
        except CocreateError:
            evaluation = None
        if evaluation is not None:
            status = verification_status(workshop, today=today, evaluation=evaluation)
            summary = summary.edit(verified_hours=status.hours_verified)
            if evaluation.resurvey is not None:
                after = evaluation.resurvey.after
    if after is not None:
        summary = summary.edit(
            paper_removed=before.paper_touches - after.paper_touches,
            seal_removed=before.seal_touches - after.seal_touches,
            counter_removed=before.counter_touches - after.counter_touches,
        )
    return summary


def process_row(
    portfolio: Portfolio,
    candidate: Candidate | None,
    workshop: Workshop | WorkshopSummary | None,
    *,
    folder: str = "",
    error: str = "",
    today: dt.date | None = None,
) -> ProcessRow:
    """The dashboard's row for a candidate and/or its workshop (``error``: it did not load).

    ``workshop`` may be given as its :func:`summarise` (then ``today`` is the summary's).
    """
    decision = portfolio.decision_of(candidate.id) if candidate is not None else None
    outcome = decision.outcome if decision is not None else None
    summary = summarise(workshop, today=today) if isinstance(workshop, Workshop) else workshop
    if error:
        status = Status.UNREADABLE
    elif summary is not None:
        status = summary.status
    else:
        status = status_of(None, outcome, today=today)
    row = ProcessRow(
        name=(candidate.name if candidate is not None else "")
        or (summary.title if summary is not None else Path(folder).name),
        status=status,
        candidate=candidate.id if candidate is not None else "",
        bureau=(candidate.owner if candidate is not None else "")
        or (summary.organisation if summary is not None else ""),
        folder=folder,
        error=error,
        decision=outcome.value if outcome is not None else "",
    )
    inventory = figures(candidate, portfolio.settings) if candidate is not None else None
    if inventory is not None and inventory.hours is not None:
        row = row.edit(
            source="inventory",
            hours=inventory.hours,
            person_years=inventory.person_years,
            cost=inventory.cost,
        )
    if summary is None:
        return row
    row = row.edit(owner=summary.owner)
    if summary.source == "map":
        row = row.edit(
            source="map",
            hours=summary.hours,
            person_years=summary.person_years,
            cost=summary.cost,
        )
    return row.edit(
        planned_hours=summary.planned_hours,
        verified_hours=summary.verified_hours,
        paper_removed=summary.paper_removed,
        seal_removed=summary.seal_removed,
        counter_removed=summary.counter_removed,
        bureaus=summary.bureaus,
    )


@dataclass(frozen=True, slots=True)
class Totals:
    """The dashboard's totals: per status, and the figures summed over the processes."""

    processes: int
    by_status: dict[Status, int]
    hours: float
    person_years: float
    cost: float
    planned_hours: float
    verified_hours: float
    paper_removed: int
    seal_removed: int
    counter_removed: int
    hours_by_status: dict[Status, float]


def totals(rows: Sequence[ProcessRow] | Iterable[ProcessRow]) -> Totals:
    """Sum the rows; an unknown figure (None) adds nothing."""
    rows = list(rows)
    by_status = {status: 0 for status in Status}
    hours_by_status = {status: 0.0 for status in Status}
    for row in rows:
        by_status[row.status] += 1
        hours_by_status[row.status] += row.hours or 0.0

    def total(name: str) -> float:
        return sum(getattr(r, name) or 0 for r in rows)

    return Totals(
        processes=len(rows),
        by_status=by_status,
        hours=total("hours"),
        person_years=total("person_years"),
        cost=total("cost"),
        planned_hours=total("planned_hours"),
        verified_hours=total("verified_hours"),
        paper_removed=int(total("paper_removed")),
        seal_removed=int(total("seal_removed")),
        counter_removed=int(total("counter_removed")),
        hours_by_status=hours_by_status,
    )
