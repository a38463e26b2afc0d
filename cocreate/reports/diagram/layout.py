"""Where each step of the swimlane diagram goes: lane rows, columns and panels.

This is the pure part of the diagram (no matplotlib): :func:`layout` places every step
once for the whole process, in O(n log n) of the steps and flows, and the
:class:`DiagramLayout` it returns answers "which panel holds this step" in O(1).
"""

from __future__ import annotations

import heapq
from collections.abc import Mapping
from dataclasses import dataclass

from cocreate.model import StepKind, Workshop

__all__ = ["MAX_COLUMNS", "DiagramLayout", "back_edges", "layout"]

#: Columns per panel: wider processes are cut into several stacked panels.
MAX_COLUMNS = 14


@dataclass(frozen=True, slots=True)
class DiagramLayout:
    """Where every step goes.

    Attributes
    ----------
    columns : step id -> global column (0-based, left to right).
    rows : lane id -> row (0 is the top band).
    panels : ``(first, last)`` global columns of each panel, inclusive.
    back_edges : flows ``(source, target)`` that go back in the process: rework loops.
    per_panel : columns in every panel but perhaps the last (panels are equal slices).
    """

    columns: Mapping[str, int]
    rows: Mapping[str, int]
    panels: tuple[tuple[int, int], ...]
    back_edges: frozenset[tuple[str, str]]
    per_panel: int = 1

    def panel_of(self, step_id: str) -> int:
        """The panel holding ``step_id``: panels are equal slices, so a division."""
        return self.columns[step_id] // self.per_panel


def back_edges(workshop: Workshop) -> set[tuple[str, str]]:
    """Flows that close a cycle, found by depth-first search from the start steps."""
    following: dict[str, list[str]] = {s.id: [] for s in workshop.steps}
    for flow in workshop.flows:
        if flow.source in following and flow.target in following:
            following[flow.source].append(flow.target)
    starts = [s.id for s in workshop.steps if s.kind == StepKind.START]
    roots = starts + [s.id for s in workshop.steps if s.kind != StepKind.START]
    state: dict[str, int] = {}  # 1 on the stack, 2 done
    back: set[tuple[str, str]] = set()
    for root in roots:
        if root in state:
            continue
        state[root] = 1
        stack = [(root, iter(following[root]))]
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
                stack.append((child, iter(following[child])))
    return back


def _free_column(taken: dict[int, int], column: int) -> int:
    """The first column at or after ``column`` that ``taken`` does not hold."""
    while column in taken:
        after = taken[column]
        if after in taken:
            taken[column] = taken[after]  # path halving
        column = after
    return column


def layout(workshop: Workshop, max_columns: int = MAX_COLUMNS) -> DiagramLayout:
    """Place each step in a lane row and a column, and cut the columns into panels.

    A step goes one column right of its predecessors in the same lane; a hand-off to
    another lane may stay in the predecessor's column (a vertical arrow), which keeps a
    typical process about half as wide. Two steps never share a lane and a column. Steps
    become ready in the order of the map (a heap keyed by that order), so the placement is
    the same as placing them one by one in map order wherever the flows allow.

    >>> from cocreate.model import Flow, Lane, Meta, Step
    >>> ws = Workshop(Meta("t"), lanes=(Lane("a", "A"), Lane("b", "B")),
    ...     steps=(Step("s1", "x", "a", StepKind.START), Step("s2", "y", "b"),
    ...            Step("s3", "z", "a")),
    ...     flows=(Flow("s1", "s2"), Flow("s2", "s3"), Flow("s3", "s1")))
    >>> lay = layout(ws)
    >>> dict(lay.columns), sorted(lay.back_edges)
    ({'s1': 0, 's2': 0, 's3': 1}, [('s3', 's1')])
    """
    lane_rows = {lane.id: i for i, lane in enumerate(workshop.lanes)}
    for step in workshop.steps:  # tolerate a step in an unknown lane: give it a row
        lane_rows.setdefault(step.lane, len(lane_rows))
    back = back_edges(workshop)
    steps = {s.id: s for s in workshop.steps}
    preds: dict[str, list[str]] = {s: [] for s in steps}
    indegree = dict.fromkeys(steps, 0)
    following: dict[str, list[str]] = {s: [] for s in steps}
    for flow in workshop.flows:
        edge = (flow.source, flow.target)
        if flow.source in steps and flow.target in steps and edge not in back:
            if flow.source == flow.target:
                continue
            preds[flow.target].append(flow.source)
            following[flow.source].append(flow.target)
            indegree[flow.target] += 1
    order_index = {s.id: i for i, s in enumerate(workshop.steps)}
    ready = [order_index[s] for s, d in indegree.items() if d == 0]
    heapq.heapify(ready)
    order = [s.id for s in workshop.steps]
    columns: dict[str, int] = {}
    # lane -> {taken column: a column to try next}; found with path halving (union-find),
    # so many steps queueing for one lane's next free column cost near-constant time each
    taken: dict[str, dict[int, int]] = {}
    while ready:
        node = order[heapq.heappop(ready)]
        lane = steps[node].lane
        column = 0
        for pred in preds[node]:
            # straight down (same column) only into a neighbouring lane, so a vertical
            # arrow never runs through the boxes of the lanes in between
            near = abs(lane_rows[steps[pred].lane] - lane_rows[lane]) == 1
            column = max(column, columns[pred] + (0 if near else 1))
        column = _free_column(taken.setdefault(lane, {}), column)
        columns[node] = column
        taken[lane][column] = column + 1
        for child in following[node]:
            indegree[child] -= 1
            if indegree[child] == 0:
                heapq.heappush(ready, order_index[child])
    width = max(columns.values(), default=-1) + 1
    max_columns = max(max_columns, 1)
    count = max(1, -(-width // max_columns))
    per_panel = -(-width // count) if width else 1
    panels = tuple((i * per_panel, min(width, (i + 1) * per_panel) - 1) for i in range(count))
    return DiagramLayout(columns, lane_rows, panels, frozenset(back), per_panel)
