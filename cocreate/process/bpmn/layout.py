"""Where each pool, lane, flow node and flow goes in the BPMN diagram, left to right.

Columns come from ``graph.columns`` once the flows going back are set aside
(``graph.back_edges``): a node sits one column right of its rightmost predecessor, and
a message's receiver no further left than its sender. Each lane is a band, each pool a
stack of its lanes; two nodes of a lane in one column are stacked in rows. A boundary
event sits on the lower edge of its task. Flows run right; a flow going back (a loop)
is routed below its lane, and a message flow runs straight between the pools.
"""

from __future__ import annotations

from dataclasses import dataclass

from cocreate.model import Workshop
from cocreate.process.bpmn.plan import Plan, plan
from cocreate.process.graph import back_edges, columns

__all__ = ["Box", "Layout", "layout", "layout_plan"]

#: Shape sizes (width, height) as bpmn.io draws them.
EVENT = (36, 36)
GATEWAY = (50, 50)
TASK = (100, 80)
COLUMN = 160
ROW = 120
LANE_HEADER = 30
POOL_X, POOL_Y = 100, 80
POOL_GAP = 40
MARGIN = 50


@dataclass(frozen=True, slots=True)
class Box:
    x: float
    y: float
    width: float
    height: float

    @property
    def middle(self) -> tuple[float, float]:
        return self.x + self.width / 2, self.y + self.height / 2

    @property
    def bottom(self) -> float:
        return self.y + self.height


@dataclass(frozen=True, slots=True)
class Layout:
    pools: dict[str, Box]
    """Pool key -> its box."""
    lanes: dict[str, Box]
    """Lane id -> its band."""
    nodes: dict[str, Box]
    """Node key (a step id, or ``split:<step id>``) -> its shape."""
    edges: dict[str, list[tuple[float, float]]]
    """Flow XML id -> its waypoints."""

    @property
    def steps(self) -> dict[str, Box]:
        return {key: box for key, box in self.nodes.items() if not key.startswith("split:")}


def _size(tag: str) -> tuple[int, int]:
    if tag.endswith("Gateway"):
        return GATEWAY
    if tag.endswith("Event"):
        return EVENT
    return TASK


def _columns(drawing: Plan) -> dict[str, int]:
    """Each node's column, by node XML id."""
    order = [node.id for node in drawing.nodes.values()]
    edges = [(e.source, e.target) for e in drawing.edges]
    edges += [(node.host, node.id) for node in drawing.nodes.values() if node.host]
    following: dict[str, list[str]] = {n: [] for n in order}
    for source, target in edges:
        following[source].append(target)
    starts = [n.id for n in drawing.nodes.values() if n.tag == "startEvent"]
    back = back_edges(order, following, starts)
    messages = {(e.source, e.target) for e in drawing.edges if e.message}
    hosts = {(node.host, node.id) for node in drawing.nodes.values() if node.host}

    def gap(source: str, target: str) -> int:
        return 0 if (source, target) in messages or (source, target) in hosts else 1

    return columns(order, [e for e in edges if e not in back], gap=gap)


def layout(workshop: Workshop) -> Layout:
    """Where each pool, lane, step and flow of the workshop's BPMN export goes."""
    return layout_plan(plan(workshop))


def layout_plan(drawing: Plan) -> Layout:
    """Where each pool, lane, node and flow of a ``plan`` goes."""
    column = _columns(drawing)
    rows: dict[str, int] = {}
    used: dict[tuple[str, int], int] = {}
    for node in drawing.nodes.values():
        if node.host:
            continue
        key = (node.lane, column[node.id])
        rows[node.id] = used.get(key, 0)
        used[key] = used.get(key, 0) + 1
    width = (max(column.values(), default=0) + 1) * COLUMN + 2 * MARGIN
    pools: dict[str, Box] = {}
    lanes: dict[str, Box] = {}
    y = POOL_Y
    for pool in drawing.pools:
        top = y
        for lane in pool.lanes:
            deepest = max((r for (ln, _), r in used.items() if ln == lane.id), default=1)
            height = (deepest - 1) * ROW + ROW + 40
            lanes[lane.id] = Box(POOL_X + LANE_HEADER, y, width, height)
            y += height
        pools[pool.key] = Box(POOL_X, top, width + LANE_HEADER, max(y - top, ROW))
        y += POOL_GAP
    boxes: dict[str, Box] = {}  # by XML id
    for node in drawing.nodes.values():
        if node.host:
            continue
        w, h = _size(node.tag)
        band = lanes[node.lane]
        cx = band.x + MARGIN + column[node.id] * COLUMN + 50
        cy = band.y + 20 + rows[node.id] * ROW + ROW / 2
        boxes[node.id] = Box(cx - w / 2, cy - h / 2, w, h)
    events: dict[str, list[str]] = {}
    for node in drawing.nodes.values():
        if node.host:
            events.setdefault(node.host, []).append(node.id)
    for host_id, on_host in events.items():  # spread along the lower edge of the task
        host = boxes[host_id]
        for i, event in enumerate(reversed(on_host)):
            cx = host.x + host.width - (i + 1) * host.width / (len(on_host) + 1)
            if len(on_host) == 1:
                cx = host.x + host.width - 20
            boxes[event] = Box(cx - 18, host.bottom - 18, 36, 36)
    edges = _route(drawing, boxes, column, lanes)
    return Layout(
        pools,
        lanes,
        {node.key: boxes[node.id] for node in drawing.nodes.values()},
        edges,
    )


def _route(
    drawing: Plan, boxes: dict[str, Box], column: dict[str, int], lanes: dict[str, Box]
) -> dict[str, list[tuple[float, float]]]:
    lane_of = {node.id: node.lane for node in drawing.nodes.values()}
    boundary = {node.id for node in drawing.nodes.values() if node.host}
    bottom = max((b.bottom for b in lanes.values()), default=POOL_Y) - 10
    edges: dict[str, list[tuple[float, float]]] = {}
    for edge in drawing.edges:
        a, b = boxes[edge.source], boxes[edge.target]
        (ax, ay), (bx, by) = a.middle, b.middle
        if edge.message:
            if abs(ax - bx) < 1:
                start = (ax, a.bottom if ay < by else a.y)
                edges[edge.id] = [start, (bx, b.y if ay < by else b.bottom)]
                continue
            start_y = a.bottom if ay < by else a.y
            end_y = b.y if ay < by else b.bottom
            mid = (start_y + end_y) / 2
            edges[edge.id] = [(ax, start_y), (ax, mid), (bx, mid), (bx, end_y)]
            continue
        if edge.source in boundary:  # leave the event downwards, then go across
            if abs(ax - bx) < 1:
                points = [(ax, a.bottom), (bx, b.y)]
            elif by >= a.bottom:
                points = [(ax, a.bottom), (ax, by), (b.x if bx > ax else b.x + b.width, by)]
            else:
                low = a.bottom + 20
                points = [(ax, a.bottom), (ax, low), (bx, low), (bx, b.bottom)]
            edges[edge.id] = points
            continue
        a_lane = lane_of[edge.source]
        if column[edge.target] > column[edge.source]:
            start, end = (a.x + a.width, ay), (b.x, by)
            between = any(
                lane_of[other] == a_lane
                and column[edge.source] < column[other] < column[edge.target]
                and abs(boxes[other].middle[1] - ay) < 1
                for other in column
                if other not in boundary
            )
            if abs(ay - by) < 1 and between:  # hop over the nodes in between
                top = min(a.y, b.y) - 20
                points = [(ax, a.y), (ax, top), (bx, top), (bx, b.y)]
            elif abs(ay - by) < 1:
                points = [start, end]
            else:
                mid = b.x - 25
                points = [start, (mid, ay), (mid, by), end]
        else:  # a flow going back (a loop) or down the same column: route below
            lane_bottom = lanes[a_lane].bottom - 10
            low = min(bottom, max(lane_bottom, a.bottom + 15, b.bottom + 15))
            points = [(ax, a.bottom), (ax, low), (bx, low), (bx, b.bottom)]
        edges[edge.id] = points
    return edges
