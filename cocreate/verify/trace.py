"""Where each figure of the evaluation comes from: its KPI, measurements, ideas, causes, problems.

The results report's appendix lists one :class:`Trace` per figure, so a reader can follow
any number back to the records behind it: a KPI's latest value to its measurements and
to the ideas that were meant to move it, and those ideas to the causes they answer and
the problems the causes explain.

Which ideas a KPI follows from: for a KPI taken from the map, the pilot's ideas that
change its metric when applied alone; for any other KPI, all the pilot's ideas (the data
do not say more).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from cocreate.model import Workshop
from cocreate.verify.evaluate import Evaluation

__all__ = ["Trace", "kpi_ideas", "traces"]


@dataclass(frozen=True, slots=True)
class Trace:
    """One figure and the ids it rests on."""

    kind: str
    """``kpi``, ``saving``, ``idea-saving`` or ``criterion``."""
    subject: str
    """The KPI, idea group (``a+b``) or criterion the figure is about; empty for the total."""
    kpis: tuple[str, ...] = ()
    measurements: tuple[str, ...] = ()
    ideas: tuple[str, ...] = ()
    causes: tuple[str, ...] = ()
    problems: tuple[str, ...] = ()


def kpi_ideas(workshop: Workshop) -> dict[str, tuple[str, ...]]:
    """KPI id -> the pilot ideas it follows from (see the module docstring)."""
    from cocreate.errors import CocreateError
    from cocreate.process.metrics import METRICS, analyse, metric_value
    from cocreate.process.tobe import apply_ideas

    ideas = tuple(i for i in workshop.pilot.ideas if workshop.idea(i) is not None)
    out = {k.id: ideas for k in workshop.pilot.kpis}
    metric_kpis = [k for k in workshop.pilot.kpis if k.metric in METRICS]
    if not metric_kpis or not ideas:
        return out
    try:
        before = analyse(workshop)
        alone = {i: analyse(apply_ideas(workshop, [i])) for i in ideas}
    except CocreateError:
        return out
    for kpi in metric_kpis:
        base = metric_value(before, kpi.metric)
        moved = tuple(i for i in ideas if abs(metric_value(alone[i], kpi.metric) - base) > 1e-9)
        out[kpi.id] = moved
    return out


def _roots(workshop: Workshop, ideas: Iterable[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    causes: list[str] = []
    for idea_id in ideas:
        idea = workshop.idea(idea_id)
        for cause_id in idea.causes if idea else ():
            for cause in workshop.why_chain(cause_id):
                if cause.id not in causes:
                    causes.append(cause.id)
    problems: list[str] = []
    for cause_id in causes:
        found = workshop.cause(cause_id)
        if found is not None and found.problem not in problems:
            problems.append(found.problem)
    return tuple(causes), tuple(problems)


def traces(workshop: Workshop, evaluation: Evaluation) -> tuple[Trace, ...]:
    """Every figure of the evaluation with the ids behind it, in report order."""
    by_kpi = kpi_ideas(workshop)
    out: list[Trace] = []
    for result in evaluation.kpis:
        ideas = by_kpi.get(result.kpi.id, ())
        causes, problems = _roots(workshop, ideas)
        out.append(
            Trace(
                "kpi",
                result.kpi.id,
                (result.kpi.id,),
                tuple(m.id for m in result.measurements),
                ideas,
                causes,
                problems,
            )
        )
    savings = evaluation.savings
    if savings.verified is not None or savings.estimated is not None:
        ideas = tuple(i for i in workshop.pilot.ideas if workshop.idea(i) is not None)
        kpis = tuple(k.id for k in workshop.pilot.kpis if k.metric == "annual_hours")
        causes, problems = _roots(workshop, ideas)
        out.append(Trace("saving", "", kpis, savings.measurements, ideas, causes, problems))
        for group in savings.by_idea:
            causes, problems = _roots(workshop, group.ideas)
            out.append(
                Trace(
                    "idea-saving",
                    "+".join(group.ideas),
                    kpis,
                    savings.measurements,
                    group.ideas,
                    causes,
                    problems,
                )
            )
    for criterion in evaluation.criteria:
        kpis = tuple(dict.fromkeys(c.condition.kpi for c in criterion.conditions))
        ideas = tuple(dict.fromkeys(i for k in kpis for i in by_kpi.get(k, ())))
        causes, problems = _roots(workshop, ideas)
        out.append(
            Trace("criterion", criterion.ref, kpis, criterion.evidence, ideas, causes, problems)
        )
    return tuple(out)
