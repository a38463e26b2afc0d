"""The workshop's process as a graph: branch probabilities, expected visits and loops.

A case enters at a start step and moves along flows until it reaches an end step (or a
step with no way out). Where a step has several outgoing flows, a case takes exactly one
of them: the flow's ``share`` is the probability, flows without a share split what the
given shares leave over equally, and shares that do not add up to 1 are scaled so they
do. That makes the process an absorbing Markov chain, and the expected number of times a
case passes a step (its *visits*) is the solution of ``v = s + Pᵀ v``: a 差戻し taken by
20% of cases back to the step it leaves from 4 steps earlier gives those steps 1/(1-0.2)
= 1.25 visits, not 1 and not infinity.

Small processes are analysed in pure Python: the visits are solved one strongly
connected part at a time (exact Gaussian elimination, in workshop order), and loops are
found with Johnson's algorithm. Only a part of more than ``DENSE_LIMIT`` steps imports
numpy, and only ``build_graph`` and a loop search over a large or tangled part import
networkx, inside the functions: the app's first screen must not wait for either.
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
    "DENSE_LIMIT",
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

#: Strongly connected parts up to this many steps are solved and searched in pure Python;
#: larger ones use numpy (visits) and networkx (loops), which take ~0.6 s to import.
DENSE_LIMIT = 150


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
    values = _solve_visits(order, probabilities, starts)
    for step_id in order:
        value = values[step_id]
        visits[step_id] = 0.0 if math.isclose(value, 0.0, abs_tol=1e-12) else float(value)
    return visits


def _strong_parts(nodes: list[str], following: dict[str, list[str]]) -> list[list[str]]:
    """Tarjan's strongly connected components, sources first (a topological order)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    parts: list[list[str]] = []
    for root in nodes:
        if root in index:
            continue
        work = [(root, iter(following.get(root, ())))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, successors = work[-1]
            for nxt in successors:
                if nxt not in index:
                    index[nxt] = low[nxt] = len(index)
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, iter(following.get(nxt, ()))))
                    break
                if nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    part = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        part.append(member)
                        if member == node:
                            break
                    parts.append(part)
    parts.reverse()
    return parts


def _solve_visits(
    order: list[str], probabilities: dict[tuple[str, str], float], starts: dict[str, float]
) -> dict[str, float]:
    """Solve ``v = s + Pᵀ v`` part by part: what flows into a part is known before it."""
    inside = set(order)
    following: dict[str, list[str]] = {}
    incoming: dict[str, list[tuple[str, float]]] = {}
    for (source, target), p in probabilities.items():
        if source in inside and target in inside and p != 0:
            following.setdefault(source, []).append(target)
            incoming.setdefault(target, []).append((source, p))
    values: dict[str, float] = {}
    for part in _strong_parts(order, following):
        members = set(part)
        rhs = []
        for node in part:
            total = starts.get(node, 0.0)
            for source, p in incoming.get(node, ()):
                if source not in members:
                    total += p * values[source]
            rhs.append(total)
        if len(part) == 1:
            node = part[0]
            loop = sum(p for source, p in incoming.get(node, ()) if source == node)
            if loop >= 1.0:  # pragma: no cover - trapped_steps catches this first
                raise ProcessError("the process has a loop no case can leave")
            values[node] = rhs[0] / (1.0 - loop)
            continue
        at = {node: i for i, node in enumerate(part)}
        matrix = [[0.0] * len(part) for _ in part]
        for i, node in enumerate(part):
            matrix[i][i] = 1.0
            for source, p in incoming.get(node, ()):
                if source in members:
                    matrix[i][at[source]] -= p
        solve = _solve_dense if len(part) <= DENSE_LIMIT else _solve_numpy
        values.update(zip(part, solve(matrix, rhs), strict=True))
    return values


def _solve_dense(matrix: list[list[float]], rhs: list[float]) -> list[float]:
    """Gaussian elimination with partial pivoting (fine for a few hundred unknowns)."""
    n = len(rhs)
    rows = [[*row, value] for row, value in zip(matrix, rhs, strict=True)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(rows[r][col]))
        if abs(rows[pivot][col]) < 1e-14:  # pragma: no cover - trapped_steps catches this
            raise ProcessError("the process has a loop no case can leave")
        rows[col], rows[pivot] = rows[pivot], rows[col]
        head = rows[col]
        for r in range(col + 1, n):
            row = rows[r]
            factor = row[col] / head[col]
            if factor:
                for c in range(col, n + 1):
                    row[c] -= factor * head[c]
    solution = [0.0] * n
    for r in range(n - 1, -1, -1):
        row = rows[r]
        total = row[n] - sum(row[c] * solution[c] for c in range(r + 1, n))
        solution[r] = total / row[r]
    return solution


def _solve_numpy(matrix: list[list[float]], rhs: list[float]) -> list[float]:
    import numpy as np

    try:
        return [float(x) for x in np.linalg.solve(np.array(matrix), np.array(rhs))]
    except np.linalg.LinAlgError:  # pragma: no cover - trapped_steps catches this first
        raise ProcessError("the process has a loop no case can leave") from None


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
    ids = [s.id for s in workshop.steps]
    following: dict[str, list[str]] = {}
    preceding: dict[str, set[str]] = {}
    for flow in _known_flows(workshop):
        targets = following.setdefault(flow.source, [])
        if flow.target not in targets:  # like a DiGraph: one edge per pair of steps
            targets.append(flow.target)
        preceding.setdefault(flow.target, set()).add(flow.source)
    cycles = _pure_cycles(ids, following, limit)
    if cycles is None:
        return _networkx_loops(workshop, limit)
    return _arrange_loops(workshop, cycles, preceding)


def _arrange_loops(
    workshop: Workshop, cycles: Iterable[list[str]], preceding: dict[str, set[str]]
) -> list[list[str]]:
    """Start each cycle at its entry and sort them in workshop order."""
    position = {s.id: i for i, s in enumerate(workshop.steps)}
    loops: list[list[str]] = []
    for cycle in cycles:
        members = set(cycle)
        entries = [
            node for node in cycle if any(pred not in members for pred in preceding.get(node, ()))
        ]
        first = min(entries or cycle, key=position.__getitem__)
        at = cycle.index(first)
        loops.append(cycle[at:] + cycle[:at])
    loops.sort(key=lambda c: (position[c[0]], len(c), [position[s] for s in c]))
    return loops


class _TooMany(Exception):
    """More cycles than asked for: networkx decides which ones are listed."""


def _pure_cycles(
    ids: list[str], following: dict[str, list[str]], limit: int
) -> list[list[str]] | None:
    """Every simple cycle (Johnson's algorithm), or None when a strongly connected part
    is larger than ``DENSE_LIMIT`` or there are more than ``limit`` cycles."""
    cycles: list[list[str]] = []
    position = {node: i for i, node in enumerate(ids)}
    try:
        for part in _strong_parts(ids, following):
            if len(part) > DENSE_LIMIT:
                return None
            if len(part) == 1:
                node = part[0]
                if node in following.get(node, ()):
                    cycles.append([node])
                    if len(cycles) > limit:
                        return None
                continue
            rank = {node: i for i, node in enumerate(sorted(part, key=position.__getitem__))}
            for start in sorted(part, key=rank.__getitem__):
                allowed = {n for n in part if rank[n] >= rank[start]}
                _johnson_from(start, allowed, following, cycles, limit)
    except _TooMany:
        return None
    return cycles


def _johnson_from(
    start: str,
    allowed: set[str],
    following: dict[str, list[str]],
    cycles: list[list[str]],
    limit: int,
) -> None:
    """Johnson's circuit search for the cycles through ``start`` within ``allowed``."""
    forward = _reach(
        [start], {n: [m for m in following.get(n, ()) if m in allowed] for n in allowed}
    )
    nexts = {n: [m for m in following.get(n, ()) if m in allowed and m in forward] for n in forward}
    blocked: set[str] = set()
    blockers: dict[str, set[str]] = {}
    path: list[str] = []

    def unblock(node: str) -> None:
        todo = [node]
        while todo:
            current = todo.pop()
            if current in blocked:
                blocked.discard(current)
                todo.extend(blockers.pop(current, ()))

    def circuit(node: str) -> bool:
        found = False
        path.append(node)
        blocked.add(node)
        for nxt in nexts[node]:
            if nxt == start:
                cycles.append(list(path))
                if len(cycles) > limit:
                    raise _TooMany
                found = True
            elif nxt not in blocked and circuit(nxt):
                found = True
        if found:
            unblock(node)
        else:
            for nxt in nexts[node]:
                blockers.setdefault(nxt, set()).add(node)
        path.pop()
        return found

    circuit(start)


def _networkx_loops(workshop: Workshop, limit: int) -> list[list[str]]:
    """``find_loops`` through networkx: for large or tangled processes."""
    import itertools

    import networkx as nx

    graph = build_graph(workshop)
    cycles = itertools.islice(nx.simple_cycles(graph), limit)
    preceding = {node: set(graph.predecessors(node)) for node in graph}
    return _arrange_loops(workshop, cycles, preceding)
