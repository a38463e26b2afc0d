"""Review warnings: what a facilitator should look at, none of which stops the workshop.

Unreachable steps, dead ends, loops no case can leave, branch shares that do not add
up, problems with no cause, solution-first and unrated ideas, members who have not
voted, votes that changed after voting closed, KPI targets worse than their baseline.
Some need the analyses (the process graph, the metrics), so this module sits above
them; the errors that make a workshop unusable are in :mod:`cocreate.integrity`, below
storage.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterator

from cocreate.integrity import WARNING, Finding, errors, num
from cocreate.model import StepKind, Workshop
from cocreate.paths import WORKSHOP_FILE, member_file
from cocreate.prioritize.voting import members_not_voted

__all__ = [
    "dead_ends",
    "findings",
    "members_not_voted",
    "unreachable_steps",
    "warnings",
]


def unreachable_steps(workshop: Workshop) -> list[str]:
    """Steps no path from a start step reaches (all steps, if there is no start)."""
    starts = [s.id for s in workshop.steps if s.kind == StepKind.START]
    following: dict[str, list[str]] = {}
    for flow in workshop.flows:
        following.setdefault(flow.source, []).append(flow.target)
    reached: set[str] = set()
    todo = list(starts)
    while todo:
        current = todo.pop()
        if current in reached:
            continue
        reached.add(current)
        todo.extend(following.get(current, ()))
    return [s.id for s in workshop.steps if s.id not in reached]


def dead_ends(workshop: Workshop) -> list[str]:
    """Steps that are not end steps yet have no way out."""
    sources = {flow.source for flow in workshop.flows}
    return [s.id for s in workshop.steps if s.kind != StepKind.END and s.id not in sources]


def warnings(workshop: Workshop) -> list[Finding]:
    """What a facilitator should look at; none of it stops the workshop from working."""
    return [
        *_process_warnings(workshop),
        *_contribution_warnings(workshop),
        *_kpi_warnings(workshop),
        *_verification_warnings(workshop),
    ]


def _verification_warnings(workshop: Workshop) -> list[Finding]:
    from cocreate.verify import checks  # tasks, measurements, criteria, the decision

    return checks.warnings(workshop)


def _warn(file: str, where: str, message: str, code: str, subject: str = "") -> Finding:
    return Finding(WARNING, file, where, message, code, subject)


def _process_warnings(workshop: Workshop) -> Iterator[Finding]:
    wf = WORKSHOP_FILE
    index = {s.id: i for i, s in enumerate(workshop.steps)}
    if workshop.steps and not any(s.kind == StepKind.START for s in workshop.steps):
        message = 'no start step: mark where the process begins (kind = "start")'
        yield _warn(wf, "steps", message, "no-start")
    else:
        for step_id in unreachable_steps(workshop):
            message = f"step {step_id!r} cannot be reached from the start"
            yield _warn(wf, f"steps[{index[step_id]}]", message, "unreachable", step_id)
    for step_id in dead_ends(workshop):
        message = f"step {step_id!r} is a dead end: no flow leaves it and it is not an end step"
        yield _warn(wf, f"steps[{index[step_id]}]", message, "dead-end", step_id)
    from cocreate.process.graph import trapped_steps  # light: no networkx at import

    for step_id in trapped_steps(workshop):
        message = (
            f"step {step_id!r} is in a loop no case can leave: no way from it leads to an end step"
        )
        yield _warn(wf, f"steps[{index[step_id]}]", message, "no-exit", step_id)

    # One pass over the flows: the shares out of each step and how many flows leave it.
    shares: dict[str, list[float]] = {}
    outgoing: dict[str, int] = {}
    for flow in workshop.flows:
        outgoing[flow.source] = outgoing.get(flow.source, 0) + 1
        if flow.share is not None:
            shares.setdefault(flow.source, []).append(flow.share)
    from cocreate.process.visits import ONE_WAY  # shares are chances of one way out

    for step in workshop.steps:
        given = shares.get(step.id)
        if given is None or len(given) != outgoing[step.id] or step.split not in ONE_WAY:
            continue
        total = sum(given)
        if not math.isclose(total, 1, abs_tol=1e-6):
            message = f"branch shares out of {step.id!r} add up to {total:g}, not 1"
            yield _warn(wf, f"steps[{index[step.id]}]", message, "shares", step.id)


def _contribution_warnings(workshop: Workshop) -> Iterator[Finding]:
    caused = {c.problem for c in workshop.causes}
    rated = {r.idea for r in workshop.ratings}
    for contribution in workshop.contributions:
        mf = member_file(contribution.member)
        for i, problem in enumerate(contribution.problems):
            if problem.id not in caused:
                message = f"problem {problem.id!r} has no cause yet: ask why"
                yield _warn(mf, f"problems[{i}]", message, "no-cause", problem.id)
        for i, idea in enumerate(contribution.ideas):
            if not idea.causes:
                message = f"idea {idea.id!r} is solution-first: it addresses no cause"
                yield _warn(mf, f"ideas[{i}]", message, "solution-first", idea.id)
            if idea.id not in rated:
                message = f"idea {idea.id!r} has not been rated by anyone"
                yield _warn(mf, f"ideas[{i}]", message, "unrated", idea.id)
    waiting = members_not_voted(workshop)
    if workshop.voting.anonymous:
        # Anonymous voting: no output says who has voted, so only how many have not.
        if waiting:
            message = f"{len(waiting)} volunteer(s) have not voted yet (voting is anonymous)"
            finding = _warn(WORKSHOP_FILE, "voting", message, "not-voted")
            yield dataclasses.replace(finding, values=(("count", len(waiting)),))
    else:
        for member_id in waiting:
            message = f"member {member_id!r} has not voted yet"
            yield _warn(member_file(member_id), "", message, "not-voted", member_id)
    from cocreate.prioritize.voting import late_ballots

    closed_at = workshop.voting.closed_at
    for member_id in late_ballots(workshop):
        message = (
            f"{member_id}'s ratings or dots changed after voting closed"
            f" ({closed_at:%Y-%m-%d %H:%M}): not the ballot sealed at the close;"
            " a merge or a late session let them in, so reopen voting or remove them"
        )
        yield _warn(member_file(member_id), "ratings", message, "voted-after-close", member_id)


def _kpi_warnings(workshop: Workshop) -> Iterator[Finding]:
    from_map = _kpi_baselines_from_map(workshop)
    for i, kpi in enumerate(workshop.pilot.kpis):
        baseline = kpi.baseline if kpi.baseline is not None else from_map.get(kpi.id)
        if baseline is None or kpi.target is None:
            continue
        worse = kpi.target > baseline if kpi.lower_is_better else kpi.target < baseline
        if worse:
            source = "" if kpi.baseline is not None else f" (from the process map: {kpi.metric})"
            message = f"target {num(kpi.target)} is worse than the baseline {num(baseline)}{source}"
            yield _warn(WORKSHOP_FILE, f"pilot.kpis[{i}].target", message, "kpi-worse", kpi.id)


def _kpi_baselines_from_map(workshop: Workshop) -> dict[str, float]:
    """KPI id -> the as-is metric its baseline comes from; computed only when a KPI needs it."""
    needed = [
        kpi
        for kpi in workshop.pilot.kpis
        if kpi.baseline is None and kpi.target is not None and kpi.metric
    ]
    if not needed:
        return {}
    from cocreate.errors import CocreateError
    from cocreate.process.metrics import METRICS, analyse, metric_value

    try:
        metrics = analyse(workshop)
    except CocreateError:  # a process that cannot be analysed has its own finding
        return {}
    return {k.id: metric_value(metrics, k.metric) for k in needed if k.metric in METRICS}


def findings(workshop: Workshop) -> list[Finding]:
    return [*errors(workshop), *warnings(workshop)]
