"""The process as a graph: reachability, components, back edges, columns and dominators.

The functions in the first half are pure graph algorithms on step ids: a graph is given
as ``following`` (node -> the nodes its edges lead to) or as a list of ``(source,
target)`` edges, and nodes come in a fixed order so every answer is deterministic. They
are the one home of these algorithms: the BPMN layout, the report's swimlane diagram
and the process metrics all use them. The second half applies them to a workshop.

How cases move along the graph (branch probabilities, expected visits, lead time) is in
``cocreate.process.visits`` and ``cocreate.process.leadtime``, and the rework loops are
in ``cocreate.process.loops``; the names that used to live here still import from here.

Nothing here imports networkx at module level: only ``build_graph`` does, inside it.
"""

from __future__ import annotations

import heapq
import importlib
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from cocreate.errors import CocreateError
from cocreate.model import Flow, StepKind, Workshop

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

__all__ = [
    "ProcessError",
    "back_edges",
    "build_graph",
    "columns",
    "immediate_dominators",
    "known_flows",
    "reachable",
    "step_back_edges",
    "step_columns",
    "strong_components",
]

Following = Mapping[str, Sequence[str]]


class ProcessError(CocreateError):
    """The process cannot be analysed as it stands (a loop no case can leave, ...)."""


# =========================================================================== pure algorithms


def reachable(starts: Iterable[str], following: Following) -> set[str]:
    """Every node a path from one of ``starts`` reaches, the starts included.

    Parameters
    ----------
    starts : the nodes to start from.
    following : node -> the nodes its edges lead to.

    Returns
    -------
    set of str

    Examples
    --------
    >>> sorted(reachable(["a"], {"a": ["b"], "b": ["c"], "d": ["a"]}))
    ['a', 'b', 'c']
    """
    seen: set[str] = set()
    todo = list(starts)
    while todo:
        current = todo.pop()
        if current not in seen:
            seen.add(current)
            todo.extend(following.get(current, ()))
    return seen


def strong_components(nodes: Sequence[str], following: Following) -> list[list[str]]:
    """Tarjan's strongly connected components, sources first (a topological order).

    Parameters
    ----------
    nodes : every node, in the order the search starts from them.
    following : node -> the nodes its edges lead to.

    Returns
    -------
    list of list of str
        Each component once; a component comes before every component it leads to.

    Examples
    --------
    >>> strong_components(["a", "b", "c"], {"a": ["b"], "b": ["a", "c"]})
    [['b', 'a'], ['c']]
    """
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


def back_edges(
    nodes: Sequence[str], following: Following, roots: Sequence[str] = ()
) -> set[tuple[str, str]]:
    """The edges that close a cycle, found by a depth-first search.

    The search starts from ``roots`` in order, then from every node not yet seen, in
    ``nodes`` order, and follows edges in their given order. Removing the edges it
    returns leaves a graph without cycles (a self-loop is a back edge too); in a
    process they are the flows that go back: rework loops.

    Parameters
    ----------
    nodes : every node.
    following : node -> the nodes its edges lead to.
    roots : where the search starts first (a process's start steps).

    Returns
    -------
    set of (source, target)

    Examples
    --------
    >>> sorted(back_edges(["a", "b", "c"], {"a": ["b"], "b": ["c"], "c": ["a"]}, ["a"]))
    [('c', 'a')]
    """
    state: dict[str, int] = {}  # 1 on the stack, 2 done
    back: set[tuple[str, str]] = set()
    for root in [*roots, *nodes]:
        if root in state:
            continue
        state[root] = 1
        stack = [(root, iter(following.get(root, ())))]
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                state[node] = 2
                stack.pop()
            elif state.get(child) == 1:
                back.add((node, child))
            elif child not in state:
                state[child] = 1
                stack.append((child, iter(following.get(child, ()))))
    return back


def columns(
    nodes: Sequence[str],
    edges: Iterable[tuple[str, str]],
    *,
    gap: Callable[[str, str], int] | None = None,
    slot: Callable[[str], Hashable] | None = None,
) -> dict[str, int]:
    """Each node's column (layer) in a left-to-right drawing of a graph without cycles.

    A node goes ``gap(predecessor, node)`` columns (default 1) right of its rightmost
    predecessor: with the default gap that is the longest path to it. Nodes are placed
    in topological order, ties broken by ``nodes`` order. With ``slot``, two nodes of the
    same slot (a lane) never share a column: the later one moves right.

    Parameters
    ----------
    nodes : every node, in the order ties are broken.
    edges : ``(source, target)`` pairs; remove the ``back_edges`` first. Edges to
        unknown nodes and self-loops are ignored.
    gap : the columns between a predecessor and a node (0 stacks them in one column).
    slot : the group of a node whose members must not share a column.

    Returns
    -------
    dict of str to int
        Columns from 0. Nodes on a cycle that was not broken are placed last.

    Examples
    --------
    >>> columns(["a", "b", "c", "d"], [("a", "b"), ("b", "d"), ("a", "c"), ("c", "d")])
    {'a': 0, 'b': 1, 'c': 1, 'd': 2}
    >>> columns(["a", "b", "c"], [("a", "b"), ("a", "c")], slot=lambda n: "lane")
    {'a': 0, 'b': 1, 'c': 2}
    """
    known = set(nodes)
    preds: dict[str, list[str]] = {n: [] for n in nodes}
    following: dict[str, list[str]] = {n: [] for n in nodes}
    for source, target in dict.fromkeys(edges):
        if source in known and target in known and source != target:
            preds[target].append(source)
            following[source].append(target)
    order = {n: i for i, n in enumerate(nodes)}
    indegree = {n: len(preds[n]) for n in nodes}
    ready = [(order[n], n) for n in nodes if indegree[n] == 0]
    heapq.heapify(ready)
    column: dict[str, int] = {}
    taken: set[tuple[Hashable, int]] = set()
    placed: list[str] = []
    while ready or len(placed) < len(nodes):
        if not ready:  # a cycle was left in: place its first node as if it were free
            rest = next(n for n in nodes if n not in column)
            indegree[rest] = 0
            heapq.heappush(ready, (order[rest], rest))
        _, node = heapq.heappop(ready)
        if node in column:
            continue
        at = max(
            (column[p] + (1 if gap is None else gap(p, node)) for p in preds[node] if p in column),
            default=0,
        )
        if slot is not None:
            key = slot(node)
            while (key, at) in taken:
                at += 1
            taken.add((key, at))
        column[node] = at
        placed.append(node)
        for child in following[node]:
            indegree[child] -= 1
            if indegree[child] == 0 and child not in column:
                heapq.heappush(ready, (order[child], child))
    return {n: column[n] for n in nodes}


def immediate_dominators(roots: Sequence[str], following: Following) -> dict[str, str | None]:
    """Each reachable node's immediate dominator (Cooper, Harvey and Kennedy's algorithm).

    A node ``d`` dominates ``n`` when every path from the roots to ``n`` passes ``d``.
    Several roots hang from one virtual root, so a node reached from two of them, and
    the roots themselves, have ``None``. Run it on the reversed graph from the exits to
    get post-dominators: where the branches of a split meet again.

    Parameters
    ----------
    roots : where every path starts.
    following : node -> the nodes its edges lead to.

    Returns
    -------
    dict of str to str or None
        Only the nodes a root reaches.

    Examples
    --------
    >>> g = {"s": ["a", "b"], "a": ["j"], "b": ["j"], "j": ["e"]}
    >>> immediate_dominators(["s"], g)
    {'s': None, 'b': 's', 'a': 's', 'j': 's', 'e': 'j'}
    """
    virtual = object()
    order: list[Any] = []  # postorder
    seen: set[Any] = {virtual}
    preds: dict[Any, list[Any]] = {}
    stack: list[tuple[Any, Any]] = [(virtual, iter(dict.fromkeys(roots)))]
    while stack:
        node, children = stack[-1]
        for child in children:
            preds.setdefault(child, []).append(node)
            if child not in seen:
                seen.add(child)
                stack.append((child, iter(following.get(child, ()))))
                break
        else:
            stack.pop()
            order.append(node)
    rank = {node: i for i, node in enumerate(order)}
    idom: dict[Any, Any] = {virtual: virtual}

    def meet(a: Any, b: Any) -> Any:
        while a != b:
            while rank[a] < rank[b]:
                a = idom[a]
            while rank[b] < rank[a]:
                b = idom[b]
        return a

    changed = True
    while changed:
        changed = False
        for node in reversed(order[:-1]):  # reverse postorder, the virtual root left out
            done = [p for p in preds[node] if p in idom]
            new = done[0]
            for other in done[1:]:
                new = meet(new, other)
            if node not in idom or idom[node] != new:
                idom[node] = new
                changed = True
    return {node: (None if idom[node] is virtual else idom[node]) for node in reversed(order[:-1])}


# =========================================================================== the workshop


def known_flows(workshop: Workshop) -> list[Flow]:
    """The flows whose two steps the workshop has (validation reports the others)."""
    ids = {s.id for s in workshop.steps}
    return [f for f in workshop.flows if f.source in ids and f.target in ids]


def _entry_order(workshop: Workshop) -> list[str]:
    """Start steps, then steps no flow leads to, then the rest: where searches begin."""
    targets = {f.target for f in known_flows(workshop) if f.source != f.target}
    starts = [s.id for s in workshop.steps if s.kind == StepKind.START]
    sources = [s.id for s in workshop.steps if s.id not in targets and s.id not in starts]
    return [*starts, *sources]


def step_back_edges(workshop: Workshop) -> set[tuple[str, str]]:
    """The flows that go back in the process (rework loops), as ``(source, target)``.

    A depth-first search from the start steps (then the steps no flow leads to) over
    every flow, message flows included; see ``back_edges``.
    """
    following: dict[str, list[str]] = {s.id: [] for s in workshop.steps}
    for flow in known_flows(workshop):
        if flow.target not in following[flow.source]:
            following[flow.source].append(flow.target)
    return back_edges([s.id for s in workshop.steps], following, _entry_order(workshop))


def step_columns(
    workshop: Workshop,
    *,
    gap: Callable[[str, str], int] | None = None,
    slot: Callable[[str], Hashable] | None = None,
) -> dict[str, int]:
    """Each step's column in a left-to-right drawing: ``columns`` once the flows going
    back (``step_back_edges``) are set aside. ``gap`` and ``slot`` are as in ``columns``.

    >>> from cocreate.model import Flow, Lane, Meta, Step, Workshop
    >>> w = Workshop(Meta("t"), lanes=(Lane("l", "L"),),
    ...              steps=tuple(Step(i, i, "l") for i in "abc"),
    ...              flows=(Flow("a", "b"), Flow("b", "c"), Flow("c", "a")))
    >>> step_columns(w)
    {'a': 0, 'b': 1, 'c': 2}
    """
    back = step_back_edges(workshop)
    edges = [(f.source, f.target) for f in known_flows(workshop)]
    return columns(
        [s.id for s in workshop.steps],
        [e for e in edges if e not in back],
        gap=gap,
        slot=slot,
    )


def build_graph(workshop: Workshop) -> nx.DiGraph:
    """The process as a networkx DiGraph.

    Nodes are step ids with the attributes ``step`` (the Step), ``name``, ``lane``,
    ``kind``, ``minutes``, ``wait_minutes``, ``volume`` and ``medium``; edges carry
    ``flow`` (the Flow), ``label``, ``share`` and ``probability``. Flows that name an
    unknown step are left out.
    """
    import networkx as nx

    from cocreate.process.visits import branch_probabilities

    probabilities = branch_probabilities(workshop)
    graph: nx.DiGraph[str] = nx.DiGraph(title=workshop.meta.title)
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
    for flow in known_flows(workshop):
        graph.add_edge(
            flow.source,
            flow.target,
            flow=flow,
            label=flow.label,
            share=flow.share,
            probability=probabilities.get((flow.source, flow.target), 0.0),
        )
    return graph


#: Names that moved to their own modules; importing them from here still works.
_MOVED = {
    "absorbing_steps": "visits",
    "branch_probabilities": "visits",
    "expected_visits": "visits",
    "start_weights": "visits",
    "trapped_steps": "visits",
    "find_loops": "loops",
    "MAX_LOOPS": "loops",
}


def __getattr__(name: str) -> Any:
    if name in _MOVED:
        return getattr(importlib.import_module(f"cocreate.process.{_MOVED[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
