"""The workshop's process as a graph: branch probabilities, expected visits and loops.

A case enters at a start step and moves along flows until it reaches an end step (or a
step with no way out). Where a step has several outgoing flows, a case takes exactly one
of them: the flow's ``share`` is the probability, flows without a share split what the
given shares leave over equally, and shares that do not add up to 1 are scaled so they
do. That makes the process an absorbing Markov chain, and the expected number of times a
case passes a step (its *visits*) is the solution of ``v = s + Pᵀ v``: a 差戻し taken by
20% of cases back to the step it leaves from 4 steps earlier gives those steps 1/(1-0.2)
= 1.25 visits, not 1 and not infinity.

Only ``build_graph`` and ``find_loops`` import networkx, and ``expected_visits`` numpy,
inside the functions.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import TYPE_CHECKING

from cocreate.errors import CocreateError
from cocreate.model import StepKind, Workshop

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

__all__ = [
    "MAX_LOOPS",
    "ProcessError",
    "absorbing_steps",
    "branch_probabilities",
    "build_graph",
    "expected_visits",
    "find_loops",
    "start_weights",
    "trapped_steps",
]

#: At most this many loops are listed; a tangled graph can have exponentially many.
MAX_LOOPS = 200


class ProcessError(CocreateError):
    """The process cannot be analysed as it stands (a loop no case can leave, ...)."""


def _known_flows(workshop: Workshop) -> list:
    ids = {s.id for s in workshop.steps}
    return [f for f in workshop.flows if f.source in ids and f.target in ids]


def branch_probabilities(workshop: Workshop) -> dict[tuple[str, str], float]:
    """The probability that a case at a flow's source takes that flow.

    Flows from or to unknown steps are ignored (validation reports them). End steps
    absorb cases, so flows out of them get no probability. Out of each step: given
    shares count as given; flows without a share split the rest (``1 - given``, at least
    0) equally; if the result does not add up to 1 it is scaled so it does.

    >>> from cocreate.model import Flow, Lane, Meta, Step, Workshop
    >>> w = Workshop(Meta("t"), lanes=(Lane("l", "L"),),
    ...              steps=tuple(Step(i, i, "l") for i in "abc"),
    ...              flows=(Flow("a", "b", share=0.3), Flow("a", "c")))
    >>> branch_probabilities(w)
    {('a', 'b'): 0.3, ('a', 'c'): 0.7}
    """
    ends = {s.id for s in workshop.steps if s.kind == StepKind.END}
    outgoing: dict[str, list] = {}
    for flow in _known_flows(workshop):
        if flow.source not in ends:
            outgoing.setdefault(flow.source, []).append(flow)
    out: dict[tuple[str, str], float] = {}
    for flows in outgoing.values():
        given = sum(max(f.share, 0.0) for f in flows if f.share is not None)
        missing = [f for f in flows if f.share is None]
        rest = max(0.0, 1.0 - given) / len(missing) if missing else 0.0
        raw = [max(f.share, 0.0) if f.share is not None else rest for f in flows]
        total = sum(raw)
        for flow, value in zip(flows, raw, strict=True):
            p = value / total if total > 0 else 0.0
            key = (flow.source, flow.target)
            out[key] = out.get(key, 0.0) + p
    return out


def start_weights(workshop: Workshop) -> dict[str, float]:
    """Where cases enter, as fractions adding up to 1.

    The start steps; with none, the steps no flow leads to; with none of those either,
    the first step. Several starts share cases by their given volumes when each has one,
    else equally.
    """
    steps = workshop.steps
    if not steps:
        return {}
    starts = [s for s in steps if s.kind == StepKind.START]
    if not starts:
        targets = {f.target for f in _known_flows(workshop) if f.source != f.target}
        starts = [s for s in steps if s.id not in targets] or [steps[0]]
    volumes = [s.volume for s in starts]
    if all(v is not None and v > 0 for v in volumes):
        total = float(sum(volumes))  # type: ignore[arg-type]
        return {s.id: s.volume / total for s in starts}  # type: ignore[operator]
    return {s.id: 1.0 / len(starts) for s in starts}


def absorbing_steps(workshop: Workshop) -> set[str]:
    """Steps where a case's journey ends: end steps and steps with no way out."""
    leaving = {source for (source, _), p in branch_probabilities(workshop).items() if p > 0}
    return {s.id for s in workshop.steps if s.kind == StepKind.END or s.id not in leaving}


def _reach(start: Iterable[str], following: dict[str, list[str]]) -> set[str]:
    seen: set[str] = set()
    todo = list(start)
    while todo:
        current = todo.pop()
        if current not in seen:
            seen.add(current)
            todo.extend(following.get(current, ()))
    return seen


def trapped_steps(workshop: Workshop) -> list[str]:
    """Steps a case can reach but never leave for an end: a loop with no way out.

    Such a loop makes the expected visits infinite, so ``expected_visits`` refuses it.
    """
    probabilities = branch_probabilities(workshop)
    forward: dict[str, list[str]] = {}
    backward: dict[str, list[str]] = {}
    for (source, target), p in probabilities.items():
        if p > 0:
            forward.setdefault(source, []).append(target)
            backward.setdefault(target, []).append(source)
    reached = _reach(start_weights(workshop), forward)
    leaves = _reach(absorbing_steps(workshop), backward)
    stuck = reached - leaves
    # Leave out the steps that only lead into the loop: prune, again and again, the
    # stuck steps no other stuck step leads to. What remains lies on the loops.
    while True:
        entry = {x for x in stuck if not any(p in stuck for p in backward.get(x, ()))}
        if not entry:
            break
        stuck -= entry
    return [s.id for s in workshop.steps if s.id in stuck]


def expected_visits(workshop: Workshop) -> dict[str, float]:
    """The expected number of times one case passes each step.

    Solves ``(I - Pᵀ) v = s`` over the steps a case can reach, where ``P`` holds the
    branch probabilities and ``s`` the start weights; unreachable steps get 0. End steps
    get the probability that a case ends there.

    Raises
    ------
    ProcessError
        When cases can enter a loop they can never leave.

    >>> from cocreate.model import Flow, Lane, Meta, Step, StepKind, Workshop
    >>> w = Workshop(Meta("t"), lanes=(Lane("l", "L"),), steps=(
    ...     Step("a", "a", "l", StepKind.START), Step("b", "b", "l", StepKind.DECISION),
    ...     Step("c", "c", "l", StepKind.END)),
    ...     flows=(Flow("a", "b"), Flow("b", "a", share=0.2), Flow("b", "c", share=0.8)))
    >>> {k: round(v, 6) for k, v in expected_visits(w).items()}
    {'a': 1.25, 'b': 1.25, 'c': 1.0}
    """
    trapped = trapped_steps(workshop)
    if trapped:
        raise ProcessError(
            f"steps {', '.join(trapped)} form a loop no case can leave: give the loop a flow"
            " towards an end step"
        )
    probabilities = branch_probabilities(workshop)
    starts = start_weights(workshop)
    forward: dict[str, list[str]] = {}
    for (source, target), p in probabilities.items():
        if p > 0:
            forward.setdefault(source, []).append(target)
    reached = _reach(starts, forward)
    order = [s.id for s in workshop.steps if s.id in reached]
    visits = {s.id: 0.0 for s in workshop.steps}
    if not order:
        return visits
    index = {step_id: i for i, step_id in enumerate(order)}
    import numpy as np

    n = len(order)
    system = np.eye(n)
    for (source, target), p in probabilities.items():
        if source in index and target in index:
            system[index[target], index[source]] -= p
    entering = np.zeros(n)
    for step_id, weight in starts.items():
        entering[index[step_id]] = weight
    try:
        solution = np.linalg.solve(system, entering)
    except np.linalg.LinAlgError:  # pragma: no cover - trapped_steps catches this first
        raise ProcessError("the process has a loop no case can leave") from None
    for step_id, value in zip(order, solution, strict=True):
        visits[step_id] = 0.0 if math.isclose(value, 0.0, abs_tol=1e-12) else float(value)
    return visits


def build_graph(workshop: Workshop) -> nx.DiGraph:
    """The process as a networkx DiGraph.

    Nodes are step ids with the attributes ``step`` (the Step), ``name``, ``lane``,
    ``kind``, ``minutes``, ``wait_minutes``, ``volume`` and ``medium``; edges carry
    ``flow`` (the Flow), ``label``, ``share`` and ``probability``. Flows that name an
    unknown step are left out.
    """
    import networkx as nx

    probabilities = branch_probabilities(workshop)
    graph = nx.DiGraph(title=workshop.meta.title)
    for step in workshop.steps:
        graph.add_node(
            step.id,
            step=step,
            name=step.name,
            lane=step.lane,
            kind=step.kind,
            minutes=step.minutes,
            wait_minutes=step.wait_minutes,
            volume=step.volume,
            medium=step.medium,
        )
    for flow in _known_flows(workshop):
        graph.add_edge(
            flow.source,
            flow.target,
            flow=flow,
            label=flow.label,
            share=flow.share,
            probability=probabilities.get((flow.source, flow.target), 0.0),
        )
    return graph


def find_loops(workshop: Workshop, limit: int = MAX_LOOPS) -> list[list[str]]:
    """Each cycle of the process as the list of its step ids, at most ``limit`` of them.

    A cycle starts at its entry: the first of its steps (in workshop order) that a flow
    from outside the cycle leads to, so a 差戻し loop reads from the step cases are sent
    back to. Cycles are listed in the workshop order of their first step.

    >>> from cocreate.model import Flow, Lane, Meta, Step, Workshop
    >>> w = Workshop(Meta("t"), lanes=(Lane("l", "L"),),
    ...              steps=tuple(Step(i, i, "l") for i in "abcd"),
    ...              flows=(Flow("a", "b"), Flow("b", "c"), Flow("c", "b"), Flow("c", "d")))
    >>> find_loops(w)
    [['b', 'c']]
    """
    import itertools

    import networkx as nx

    graph = build_graph(workshop)
    position = {s.id: i for i, s in enumerate(workshop.steps)}
    loops: list[list[str]] = []
    for cycle in itertools.islice(nx.simple_cycles(graph), limit):
        members = set(cycle)
        entries = [
            node for node in cycle if any(pred not in members for pred in graph.predecessors(node))
        ]
        first = min(entries or cycle, key=position.__getitem__)
        at = cycle.index(first)
        loops.append(cycle[at:] + cycle[:at])
    loops.sort(key=lambda c: (position[c[0]], len(c), [position[s] for s in c]))
    return loops
