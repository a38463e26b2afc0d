"""BPR metrics of a workshop's process: workload, cost, lead time, handoffs, touchpoints.

Definitions (docs/process.md has the long form):

* a step's *visits* are the expected passes of one case (``graph.expected_visits``);
* its *volume* is given, or derived as ``annual cases × visits``; the annual cases are
  ``settings.annual_cases``, else the given volumes of the start steps, else 0;
* *annual hours* are ``volume × minutes ÷ 60`` (the 業務量調査), *person-years* are
  hours ÷ ``settings.annual_hours_per_person`` and *cost* is hours × ``settings.hourly_cost``;
* *lead time* per case is ``Σ visits × (minutes + wait_minutes)``, where parallel
  branches run side by side: there the longest branch counts (``leadtime.lead_time``);
  *work minutes* are ``Σ visits × minutes``, every branch's work added; *cycle
  efficiency* is the work on the longest branches ÷ lead time (0 when both are 0);
* *handoffs* counts the flows whose two steps are in different lanes; how many of them
  one case goes through on average is ``handoffs_per_case``;
* *paper, seal and counter touches* count the steps on that medium;
* *bottlenecks* are the top steps by annual hours, then by waiting per case.

Nothing heavy is imported at module level: networkx and numpy load on first ``analyse``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from cocreate.model import Medium, Settings, StepKind, Workshop
from cocreate.process.graph import ProcessError
from cocreate.process.leadtime import has_concurrency, lead_time
from cocreate.process.loops import find_loops
from cocreate.process.metric_names import METRIC_UNITS, METRICS
from cocreate.process.visits import branch_probabilities, expected_visits

__all__ = [
    "METRICS",
    "METRIC_UNITS",
    "TOP_BOTTLENECKS",
    "ProcessMetrics",
    "StepMetrics",
    "analyse",
    "annual_cases",
    "metric_label",
    "metric_value",
    "person_years",
    "workload_hours",
]

#: How many steps each bottleneck ranking (by hours, by wait) contributes.
TOP_BOTTLENECKS = 3


@dataclass(frozen=True, slots=True)
class StepMetrics:
    """One step's figures; ``volume`` is the effective one (given or derived)."""

    id: str
    name: str
    lane: str
    kind: StepKind
    minutes: float
    volume: float
    volume_given: bool
    wait_minutes: float
    medium: Medium
    visits: float
    annual_hours: float
    cost: float

    @property
    def lead_minutes(self) -> float:
        """What this step adds to one case's lead time: visits × (work + wait)."""
        return self.visits * (self.minutes + self.wait_minutes)

    @property
    def wait_per_case(self) -> float:
        return self.visits * self.wait_minutes

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "lane": self.lane,
            "kind": self.kind.value,
            "minutes": self.minutes,
            "volume": _clean(self.volume),
            "volume_given": self.volume_given,
            "wait_minutes": self.wait_minutes,
            "medium": self.medium.value,
            "visits": _clean(self.visits),
            "annual_hours": _clean(self.annual_hours),
            "cost": _clean(self.cost),
            "lead_minutes": _clean(self.lead_minutes),
        }


@dataclass(frozen=True, slots=True)
class ProcessMetrics:
    """The process's figures in total, per lane and per step."""

    annual_hours: float
    person_years: float
    cost: float
    lead_time_minutes: float
    work_minutes: float
    cycle_efficiency: float
    handoffs: int
    paper_touches: int
    seal_touches: int
    counter_touches: int
    loops: list[list[str]]
    bottlenecks: list[str]
    lanes: dict[str, float]
    """Lane id -> annual hours, in the workshop's lane order."""
    steps: list[StepMetrics]
    annual_cases: float = 0.0
    handoffs_per_case: float = 0.0
    bottlenecks_by_hours: list[str] = field(default_factory=list)
    bottlenecks_by_wait: list[str] = field(default_factory=list)
    currency: str = "JPY"

    def step(self, step_id: str) -> StepMetrics | None:
        for step in self.steps:
            if step.id == step_id:
                return step
        return None

    def as_dict(self) -> dict[str, Any]:
        """Plain data for JSON: the keys of ``cocreate process --json``."""
        return {
            "annual_hours": _clean(self.annual_hours),
            "person_years": _clean(self.person_years),
            "cost": _clean(self.cost),
            "currency": self.currency,
            "lead_time_minutes": _clean(self.lead_time_minutes),
            "work_minutes": _clean(self.work_minutes),
            "cycle_efficiency": _clean(self.cycle_efficiency),
            "handoffs": self.handoffs,
            "handoffs_per_case": _clean(self.handoffs_per_case),
            "paper_touches": self.paper_touches,
            "seal_touches": self.seal_touches,
            "counter_touches": self.counter_touches,
            "loops": [list(loop) for loop in self.loops],
            "bottlenecks": list(self.bottlenecks),
            "bottlenecks_by_hours": list(self.bottlenecks_by_hours),
            "bottlenecks_by_wait": list(self.bottlenecks_by_wait),
            "annual_cases": _clean(self.annual_cases),
            "lanes": {lane: _clean(hours) for lane, hours in self.lanes.items()},
            "steps": [step.as_dict() for step in self.steps],
        }


def _clean(value: float) -> float:
    """Round away float noise (1.2500000000000002) for display and JSON."""
    return round(value, 6) if isinstance(value, float) else value


def workload_hours(volume: float, minutes: float) -> float:
    """Annual hours of a piece of work: volume × minutes ÷ 60 (the 業務量調査)."""
    return volume * minutes / 60.0


def person_years(hours: float, settings: Settings) -> float:
    """Hours as person-years: ÷ ``settings.annual_hours_per_person`` (0 when that is 0)."""
    per_person = settings.annual_hours_per_person
    return hours / per_person if per_person > 0 else 0.0


def annual_cases(workshop: Workshop) -> float:
    """Cases a year entering the process: the setting, else the start steps' volumes."""
    if workshop.settings.annual_cases is not None:
        return float(workshop.settings.annual_cases)
    return float(
        sum(s.volume for s in workshop.steps if s.kind == StepKind.START and s.volume is not None)
    )


def analyse(workshop: Workshop) -> ProcessMetrics:
    """Compute every metric of the workshop's process.

    Raises
    ------
    ProcessError
        When cases can enter a loop they can never leave (the lead time would be infinite).

    Examples
    --------
    >>> from cocreate.model import Flow, Lane, Meta, Settings, Step, StepKind, Workshop
    >>> w = Workshop(Meta("t"), Settings(annual_cases=100), lanes=(Lane("l", "L"),),
    ...     steps=(Step("a", "a", "l", StepKind.START), Step("b", "b", "l", minutes=30),
    ...            Step("c", "c", "l", StepKind.END)),
    ...     flows=(Flow("a", "b"), Flow("b", "c")))
    >>> analyse(w).annual_hours
    50.0
    """
    settings = workshop.settings
    visits = expected_visits(workshop)
    cases = annual_cases(workshop)
    steps = _step_metrics(workshop, visits, cases)

    total_hours = math.fsum(s.annual_hours for s in steps)
    work = math.fsum(s.visits * s.minutes for s in steps)
    if has_concurrency(workshop):
        along = lead_time(workshop)
        lead, critical_work = along.minutes, along.work_minutes
    else:
        lead, critical_work = math.fsum(s.lead_minutes for s in steps), work

    lanes: dict[str, float] = {lane.id: 0.0 for lane in workshop.lanes}
    for s in steps:
        lanes[s.lane] = lanes.get(s.lane, 0.0) + s.annual_hours

    crossing, per_case = _handoffs(workshop, visits)

    by_hours = [s.id for s in sorted(steps, key=lambda s: -s.annual_hours) if s.annual_hours > 0]
    by_wait = [s.id for s in sorted(steps, key=lambda s: -s.wait_per_case) if s.wait_per_case > 0]
    by_hours, by_wait = by_hours[:TOP_BOTTLENECKS], by_wait[:TOP_BOTTLENECKS]
    bottlenecks = list(dict.fromkeys([*by_hours, *by_wait]))

    def touches(medium: Medium) -> int:
        return sum(1 for s in workshop.steps if s.medium == medium)

    return ProcessMetrics(
        annual_hours=total_hours,
        person_years=person_years(total_hours, settings),
        cost=total_hours * settings.hourly_cost,
        lead_time_minutes=lead,
        work_minutes=work,
        cycle_efficiency=critical_work / lead if lead > 0 else 0.0,
        handoffs=crossing,
        paper_touches=touches(Medium.PAPER),
        seal_touches=touches(Medium.SEAL),
        counter_touches=touches(Medium.COUNTER),
        loops=find_loops(workshop),
        bottlenecks=bottlenecks,
        lanes=lanes,
        steps=steps,
        annual_cases=cases,
        handoffs_per_case=per_case,
        bottlenecks_by_hours=by_hours,
        bottlenecks_by_wait=by_wait,
        currency=settings.currency,
    )


def _step_metrics(workshop: Workshop, visits: dict[str, float], cases: float) -> list[StepMetrics]:
    """Each step's figures; a step without a given volume takes ``cases × visits``."""
    steps: list[StepMetrics] = []
    for step in workshop.steps:
        given = step.volume is not None
        volume = float(step.volume) if step.volume is not None else cases * visits[step.id]
        hours = workload_hours(volume, step.minutes)
        steps.append(
            StepMetrics(
                id=step.id,
                name=step.name,
                lane=step.lane,
                kind=step.kind,
                minutes=step.minutes,
                volume=volume,
                volume_given=given,
                wait_minutes=step.wait_minutes,
                medium=step.medium,
                visits=visits[step.id],
                annual_hours=hours,
                cost=hours * workshop.settings.hourly_cost,
            )
        )
    return steps


def _handoffs(workshop: Workshop, visits: dict[str, float]) -> tuple[int, float]:
    """Flows that cross lanes (message flows between pools too), and how many of them
    one case goes through: ``Σ visits(source) × probability``."""
    lane_of = {s.id: s.lane for s in workshop.steps}
    probabilities = branch_probabilities(workshop)
    crossing = [
        f
        for f in workshop.flows
        if f.source in lane_of and f.target in lane_of and lane_of[f.source] != lane_of[f.target]
    ]
    per_case = math.fsum(
        visits[f.source] * probabilities.get((f.source, f.target), 0.0) for f in crossing
    )
    return len(crossing), per_case


def metric_value(metrics: ProcessMetrics, name: str) -> float:
    """The value of one of ``METRICS`` (``loops`` counts the loops).

    Raises
    ------
    ProcessError
        For a name that is not in ``METRICS``.
    """
    if name not in METRICS:
        known = ", ".join(METRICS)
        raise ProcessError(f"unknown process metric {name!r}; expected one of {known}")
    if name == "loops":
        return float(len(metrics.loops))
    return float(getattr(metrics, name))


def metric_label(name: str, lang: str = "ja") -> str:
    """The metric's name for people, in ``lang`` (``ja`` or ``en``)."""
    from cocreate.i18n import t

    key = f"process.metric.{name}"
    text = t(key, lang)
    return METRICS.get(name, name) if text == key else text
