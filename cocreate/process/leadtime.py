"""The lead time of one case: waits and rework counted by their shares, parallel branches by
the longest.

A case's remaining time at a step is the step's own time (work plus wait) and then:

* at an exclusive split, the remaining times of its flows weighted by their shares;
* at a parallel split, the longest branch up to the join where the branches meet again
  (the step that every branch passes, its nearest post-dominator, when it is a
  parallel, inclusive or complex join), and then the join's own remaining time; a split
  whose branches never meet takes the longest branch to its end;
* at an inclusive (or complex) split, the expected longest of the branches a case
  takes, each on its own with its share: for branch times ``d₁ ≥ d₂ ≥ …`` taken with
  chances ``p₁, p₂, …`` that is ``Σ dⱼ pⱼ Π_{i<j} (1 - pᵢ)``;
* a non-interrupting boundary event and a message that starts another pool run beside
  the rest of the case, so they count the same way: the case is done when both are.

Two pools that each start on their own run side by side too. Loops solve as linear
systems, as the visits do; only a loop through a split whose branches never meet
again is found by iteration. ``lead_time`` also gives the hands-on work along the same
longest branches, so the cycle efficiency (work over lead time) stays at most 1 even
where the work of all branches together is more than the lead time.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from cocreate.model import EventMode, StepKind, Workshop
from cocreate.process.graph import immediate_dominators, strong_components
from cocreate.process.linear import solve_dense
from cocreate.process.visits import (
    ONE_WAY,
    SYNCHRONISING,
    Routes,
    message_driven_of,
    message_started_of,
    split_chances,
    start_weights,
)

__all__ = ["LeadTime", "has_concurrency", "lead_time"]

#: Passes over a loop through a split whose branches never meet, before giving up.
MAX_PASSES = 100_000

Pair = tuple[float, float]  # (minutes until done, work minutes on the longest branches)


@dataclass(frozen=True, slots=True)
class LeadTime:
    """One case's lead time in minutes, and the work minutes on its longest branches."""

    minutes: float
    work_minutes: float


@dataclass(slots=True)
class _Node:
    """What a step's remaining time depends on."""

    time: float
    work: float
    alternatives: list[tuple[str, float]] = field(default_factory=list)
    """Flows of which a case takes one: (target, probability)."""
    normal_way: float = 0.0
    """The chance the case leaves by its parallel or inclusive branches."""
    branches: list[tuple[str, float]] = field(default_factory=list)
    """Parallel or inclusive branches: (target, chance)."""
    beside: list[tuple[str, float]] = field(default_factory=list)
    """What runs beside the case: (target, chance)."""
    join: str | None = None
    """Where the branches meet again, when that is a join."""


def has_concurrency(workshop: Workshop) -> bool:
    """Whether any part of a case runs beside another (a parallel or inclusive split, a
    non-interrupting boundary event, a message that starts a pool, two pools)."""
    routes = Routes.of(workshop)
    return bool(_concurrent(routes)) or _pool_count(workshop, start_weights(workshop)) > 1


def _pool_count(workshop: Workshop, starts: dict[str, float]) -> int:
    pool_of = {lane.id: lane.pool for lane in workshop.lanes}
    lane_of = {s.id: s.lane for s in workshop.steps}
    return len({pool_of.get(lane_of[s], "") for s in starts})


def _concurrent(routes: Routes) -> set[str]:
    started = message_started_of(routes)
    out = {f.source for f in routes.messages if f.target in started}
    for step_id, flows in routes.outgoing.items():
        step = routes.steps[step_id]
        if step.kind == StepKind.END:
            continue
        normal = [f for f in flows if not routes.is_boundary(f)]
        if step.split not in ONE_WAY and len(normal) >= 2:
            out.add(step_id)
        if any(
            routes.steps[f.target].event is EventMode.NON_INTERRUPTING
            for f in flows
            if routes.is_boundary(f)
        ):
            out.add(step_id)
    return out


def _nodes(routes: Routes, starts: dict[str, float]) -> dict[str, _Node]:
    started = message_started_of(routes)
    driven = message_driven_of(routes, starts)
    nodes: dict[str, _Node] = {}
    for step_id, step in routes.steps.items():
        if step_id in driven:  # it waits for messages beside the case, which ends without it
            nodes[step_id] = _Node(0.0, 0.0)
            continue
        node = _Node(step.minutes + step.wait_minutes, step.minutes)
        nodes[step_id] = node
        flows = routes.outgoing[step_id]
        chances = split_chances(step, flows, routes)
        normal = [i for i, f in enumerate(flows) if not routes.is_boundary(f)]
        forked = step.split not in ONE_WAY and len(normal) >= 2 and step.kind != StepKind.END
        for i, (flow, p) in enumerate(zip(flows, chances, strict=True)):
            target = routes.steps[flow.target]
            if p <= 0:
                continue
            if routes.is_boundary(flow) and target.event is EventMode.NON_INTERRUPTING:
                node.beside.append((flow.target, p))
            elif forked and i in normal:
                node.branches.append((flow.target, p))
            else:
                node.alternatives.append((flow.target, p))
        if forked and node.branches:
            # split_chances folded the normal way into each branch: take it out again.
            way = 1.0 - math.fsum(p for _, p in node.alternatives)
            node.normal_way = max(way, 0.0)
            if node.normal_way > 0:
                node.branches = [(t, min(p / node.normal_way, 1.0)) for t, p in node.branches]
        node.beside.extend(
            (f.target, 1.0) for f in routes.messages if f.source == step_id and f.target in started
        )
    _match_joins(routes, nodes)
    return nodes


def _match_joins(routes: Routes, nodes: dict[str, _Node]) -> None:
    """Give each split the join where all its branches meet, if they meet at one."""
    forked = [n for n, node in nodes.items() if node.branches]
    if not forked:
        return
    exits = [
        n
        for n, node in nodes.items()
        if routes.steps[n].kind == StepKind.END or not (node.alternatives or node.branches)
    ]
    backward: dict[str, list[str]] = {n: [] for n in nodes}
    for n, node in nodes.items():
        for target, _ in [*node.alternatives, *node.branches]:
            backward[target].append(n)
    post = immediate_dominators(exits, backward)
    for n in forked:
        join = post.get(n)
        step = routes.steps.get(join) if join is not None else None
        if (
            step is not None
            and step.kind == StepKind.DECISION
            and step.split in SYNCHRONISING
            and len({f.source for f in routes.incoming[step.id]}) >= 2
        ):
            nodes[n].join = join


def _longest(parts: Sequence[tuple[float, Pair]]) -> Pair:
    """The expected longest of parts each taken on its own: (chance, (time, work))."""
    total_time = total_work = 0.0
    none_yet = 1.0
    for p, (time, work) in sorted(parts, key=lambda part: -part[1][0]):
        total_time += time * p * none_yet
        total_work += work * p * none_yet
        none_yet *= 1.0 - p
    return total_time, total_work


class _Solver:
    """Remaining times of the steps, towards the end or towards one join."""

    def __init__(self, nodes: dict[str, _Node]) -> None:
        self.nodes = nodes
        self.blocks: dict[tuple[str, str], dict[str, Pair]] = {}
        self.open: set[tuple[str, str]] = set()

    def matched(self, name: str) -> str | None:
        join = self.nodes[name].join
        return join if join is not None and (join, name) not in self.open else None

    def depends(self, name: str, sink: str | None) -> list[str]:
        if name == sink:
            return []
        node = self.nodes[name]
        out = [t for t, _ in node.alternatives] + [t for t, _ in node.beside]
        join = self.matched(name)
        out += [join] if join is not None else [t for t, _ in node.branches]
        return out

    def value(self, name: str, sink: str | None, known: dict[str, Pair]) -> Pair:
        if name == sink:
            return 0.0, 0.0
        node = self.nodes[name]

        def get(target: str) -> Pair:
            return known.get(target, (0.0, 0.0))

        time = work = 0.0
        for target, p in node.alternatives:
            t, w = get(target)
            time, work = time + p * t, work + p * w
        if node.branches:
            join = self.matched(name)
            if join is not None:
                inside = self.block(name, join)
                t, w = _longest([(c, inside[target]) for target, c in node.branches])
                after_t, after_w = get(join)
                t, w = t + after_t, w + after_w
            else:
                t, w = _longest([(c, get(target)) for target, c in node.branches])
            time, work = time + node.normal_way * t, work + node.normal_way * w
        if node.beside:
            time, work = _longest([(1.0, (time, work)), *((c, get(t)) for t, c in node.beside)])
        return node.time + time, node.work + work

    def block(self, fork: str, join: str) -> dict[str, Pair]:
        """Remaining times towards ``join`` of the steps on the fork's branches."""
        key = (join, fork)
        if key not in self.blocks:
            self.open.add(key)
            try:
                heads = [t for t, _ in self.nodes[fork].branches]
                self.blocks[key] = self.solve(heads, join)
            finally:
                self.open.discard(key)
        return self.blocks[key]

    def solve(self, heads: list[str], sink: str | None) -> dict[str, Pair]:
        region: list[str] = []
        seen: set[str] = set()
        todo = list(reversed(heads))
        following: dict[str, list[str]] = {}
        while todo:
            name = todo.pop()
            if name in seen:
                continue
            seen.add(name)
            region.append(name)
            following[name] = self.depends(name, sink)
            todo.extend(reversed(following[name]))
        known: dict[str, Pair] = {}
        for part in reversed(strong_components(region, following)):
            if len(part) == 1 and part[0] not in following[part[0]]:
                known[part[0]] = self.value(part[0], sink, known)
            elif all(
                not self.nodes[n].beside and (self.matched(n) or not self.nodes[n].branches)
                for n in part
            ):
                known.update(self.linear(part, sink, known))
            else:
                known.update(self.iterate(part, sink, known))
        return known

    def linear(self, part: list[str], sink: str | None, known: dict[str, Pair]) -> dict[str, Pair]:
        """A loop of steps whose remaining times depend linearly on each other."""
        at = {n: i for i, n in enumerate(part)}
        matrix = [[0.0] * len(part) for _ in part]
        rhs_time = [0.0] * len(part)
        rhs_work = [0.0] * len(part)
        for i, name in enumerate(part):
            matrix[i][i] = 1.0
            node = self.nodes[name]
            rhs_time[i], rhs_work[i] = node.time, node.work
            terms = list(node.alternatives)
            if node.branches:
                join = self.matched(name)
                assert join is not None
                inside = self.block(name, join)
                t, w = _longest([(c, inside[target]) for target, c in node.branches])
                rhs_time[i] += node.normal_way * t
                rhs_work[i] += node.normal_way * w
                terms.append((join, node.normal_way))
            for target, p in terms:
                if target in at:
                    matrix[i][at[target]] -= p
                elif target != sink:
                    t, w = known.get(target, (0.0, 0.0))
                    rhs_time[i] += p * t
                    rhs_work[i] += p * w
        times = solve_dense(matrix, rhs_time)
        works = solve_dense([list(row) for row in matrix], rhs_work)
        return {n: (times[i], works[i]) for i, n in enumerate(part)}

    def iterate(self, part: list[str], sink: str | None, known: dict[str, Pair]) -> dict[str, Pair]:
        """A loop through a split whose branches never meet: repeat until it settles."""
        values = dict(known)
        values.update({n: (0.0, 0.0) for n in part})
        for _ in range(MAX_PASSES):
            change = 0.0
            for name in part:
                new = self.value(name, sink, values)
                change = max(change, abs(new[0] - values[name][0]))
                values[name] = new
            if change <= 1e-12 * max(1.0, max(abs(values[n][0]) for n in part)):
                break
        return {n: values[n] for n in part}


def lead_time(workshop: Workshop) -> LeadTime:
    """One case's expected lead time, parallel branches counted by the longest.

    Equal to ``Σ visits × (minutes + wait_minutes)`` for a process where each case
    takes one way at every split.

    >>> from cocreate.model import Flow, Gateway, Lane, Meta, Step, StepKind, Workshop
    >>> w = Workshop(Meta("t"), lanes=(Lane("l", "L"),), steps=(
    ...     Step("s", "s", "l", StepKind.START),
    ...     Step("f", "f", "l", StepKind.DECISION, gateway=Gateway.PARALLEL),
    ...     Step("a", "a", "l", minutes=30), Step("b", "b", "l", minutes=10),
    ...     Step("j", "j", "l", StepKind.DECISION, gateway=Gateway.PARALLEL),
    ...     Step("e", "e", "l", StepKind.END)),
    ...     flows=(Flow("s", "f"), Flow("f", "a"), Flow("f", "b"), Flow("a", "j"),
    ...            Flow("b", "j"), Flow("j", "e")))
    >>> lead_time(w)
    LeadTime(minutes=30.0, work_minutes=30.0)
    """
    if not workshop.steps:
        return LeadTime(0.0, 0.0)
    routes = Routes.of(workshop)
    starts = start_weights(workshop)
    solver = _Solver(_nodes(routes, starts))
    known = solver.solve(list(starts), None)
    pool_of = {lane.id: lane.pool for lane in workshop.lanes}
    pools: dict[str, list[str]] = {}
    for step_id in starts:
        pools.setdefault(pool_of.get(routes.steps[step_id].lane, ""), []).append(step_id)
    parts = []
    for members in pools.values():
        time = math.fsum(starts[s] * known[s][0] for s in members)
        work = math.fsum(starts[s] * known[s][1] for s in members)
        parts.append((1.0, (time, work)))
    time, work = _longest(parts)
    return LeadTime(time, work)
