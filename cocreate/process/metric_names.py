"""The names of the process metrics a KPI can take its baseline from, and their units.

A closed vocabulary, like an enum: loading a workshop checks each KPI's metric against it
(``cocreate.integrity``) without importing the metrics themselves
(:mod:`cocreate.process.metrics`, which re-exports both).
"""

from __future__ import annotations

__all__ = ["METRICS", "METRIC_UNITS"]

#: Metrics a KPI can take its baseline from: name -> what it is.
METRICS: dict[str, str] = {
    "annual_hours": "annual workload in hours",
    "person_years": "annual workload in person-years",
    "cost": "annual cost of the workload",
    "lead_time_minutes": "lead time per case in minutes, waits included",
    "work_minutes": "hands-on work per case in minutes",
    "cycle_efficiency": "process cycle efficiency: work time / lead time",
    "handoffs": "flows that cross lanes",
    "handoffs_per_case": "lane crossings one case goes through on average",
    "paper_touches": "steps on paper",
    "seal_touches": "steps that need a seal (押印)",
    "counter_touches": "steps at a counter or in person",
    "loops": "rework loops",
}

#: The unit each metric is counted in (``currency`` stands for the workshop's currency).
METRIC_UNITS: dict[str, str] = {
    "annual_hours": "h",
    "person_years": "person-years",
    "cost": "currency",
    "lead_time_minutes": "min",
    "work_minutes": "min",
    "cycle_efficiency": "ratio",
    "handoffs": "flows",
    "handoffs_per_case": "per case",
    "paper_touches": "steps",
    "seal_touches": "steps",
    "counter_touches": "steps",
    "loops": "loops",
}
