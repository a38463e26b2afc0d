"""What the report computes once from a workshop and every section shares.

The process metrics, the to-be comparison for the pilot's ideas, the hours each idea
saves, the tally, and (when voting is anonymous) the neutral aliases of member-prefixed
ids. A process that cannot be analysed still gets a report: the reason is kept instead.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from cocreate.model import Workshop

if TYPE_CHECKING:
    from cocreate.prioritize.tally import IdeaTally
    from cocreate.process.metrics import ProcessMetrics
    from cocreate.process.tobe import Comparison

__all__ = ["Facts", "aliases", "gather_facts"]


@dataclass
class Facts:
    """Everything computed once from the workshop and shared by the sections."""

    metrics: ProcessMetrics | None = None
    metrics_error: str = ""
    comparison: Comparison | None = None
    pilot_hours_saved: float | None = None
    hours_by_idea: dict[str, float] = field(default_factory=dict)
    tally: list[IdeaTally] = field(default_factory=list)
    alias: dict[str, str] = field(default_factory=dict)


def aliases(workshop: Workshop, rows: Sequence[IdeaTally]) -> dict[str, str]:
    """Neutral ids for member-prefixed ones when voting is anonymous, else identity."""
    if not workshop.voting.anonymous:
        return {}
    alias: dict[str, str] = {}
    for n, problem in enumerate(workshop.problems, start=1):
        alias[problem.id] = f"P{n}"
    for n, cause in enumerate(workshop.causes, start=1):
        alias[cause.id] = f"C{n}"
    ranked = [row.id for row in rows]
    for idea in workshop.ideas:
        if idea.id not in ranked:
            ranked.append(idea.id)
    for n, idea_id in enumerate(ranked, start=1):
        alias[idea_id] = f"I{n}"
    return alias


def gather_facts(workshop: Workshop) -> Facts:
    from cocreate.errors import CocreateError

    facts = Facts()
    try:
        from cocreate.process.metrics import analyse
        from cocreate.process.tobe import compare, hours_saved_by_idea

        facts.metrics = analyse(workshop)
        facts.hours_by_idea = hours_saved_by_idea(workshop)
        ideas = [i for i in workshop.pilot.ideas if workshop.idea(i) is not None]
        facts.comparison = compare(workshop, ideas)
        facts.pilot_hours_saved = facts.comparison.hours_saved
    except CocreateError as exc:
        # A process that cannot be analysed still gets a report, with the reason in it.
        facts.metrics_error = str(exc)
    from cocreate.prioritize.tally import tally

    facts.tally = tally(workshop, anonymise=False)
    facts.alias = aliases(workshop, facts.tally)
    return facts
