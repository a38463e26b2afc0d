"""Rework loops: every cycle of the process, read from the step cases are sent back to.

Loops are found with Johnson's algorithm in pure Python; only a strongly connected part
of more than ``DENSE_LIMIT`` steps, or more than ``limit`` cycles, hands the search to
networkx (imported inside the function: it takes ~0.6 s).
"""

from __future__ import annotations

from collections.abc import Iterable

from cocreate.model import Workshop
from cocreate.process.graph import (
    Following,
    build_graph,
    known_flows,
    reachable,
    strong_components,
)

__all__ = ["DENSE_LIMIT", "MAX_LOOPS", "find_loops"]

#: At most this many loops are listed; a tangled graph can have exponentially many.
MAX_LOOPS = 200

#: Strongly connected parts up to this many steps are searched in pure Python; larger
#: ones use networkx.
DENSE_LIMIT = 150


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
    for flow in known_flows(workshop):
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


def _networkx_loops(workshop: Workshop, limit: int) -> list[list[str]]:
    """``find_loops`` through networkx: for large or tangled processes."""
    import itertools

    import networkx as nx

    graph = build_graph(workshop)
    cycles = itertools.islice(nx.simple_cycles(graph), limit)
    preceding = {node: set(graph.predecessors(node)) for node in graph}
    return _arrange_loops(workshop, cycles, preceding)


def _pure_cycles(ids: list[str], following: Following, limit: int) -> list[list[str]] | None:
    """Every simple cycle (Johnson's algorithm), or None when a strongly connected part
    is larger than ``DENSE_LIMIT`` or there are more than ``limit`` cycles."""
    cycles: list[list[str]] = []
    position = {node: i for i, node in enumerate(ids)}
    try:
        for part in strong_components(ids, following):
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


class _TooMany(Exception):
    """More cycles than asked for: networkx decides which ones are listed."""


def _johnson_from(
    start: str,
    allowed: set[str],
    following: Following,
    cycles: list[list[str]],
    limit: int,
) -> None:
    """Johnson's circuit search for the cycles through ``start`` within ``allowed``."""
    forward = reachable(
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
