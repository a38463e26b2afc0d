"""The diagram's arrows routed around its boxes: pure geometry in inches, no matplotlib.

Boxes sit in a grid of lane rows and columns. Between two columns runs a narrow gap and
along every lane boundary a corridor, and neither ever holds a box, so an arrow that
keeps to them crosses no box:

* a flow to the next box in its lane, or to a box in a neighbouring lane straight above
  or below, is a straight line;
* a hand-off to another lane further right is an elbow: along its own row (when no box
  of that row is in the way) or along the corridor of its lane boundary (when one is),
  then down or up a gap just left of the target;
* a flow that skips boxes in its own lane runs along the corridor above them;
* a rework loop (a flow that goes back) runs along the corridors, below its row or
  between the two lanes, and up or down the gap right of its target.

Two arrows never share a stretch of a gap or a corridor: each gap and corridor has a few
parallel tracks, dealt out by interval colouring (sort by start, take the first free
track), and arrows leaving or entering one side of a box get different ports. Every label
sits on its own arrow, on its longest segment. All of it is linear in the flows but for
the sorts.
"""

from __future__ import annotations

import bisect
import itertools
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from cocreate.model import Flow, Step
from cocreate.reports.diagram.layout import DiagramLayout
from cocreate.reports.diagram.text import FONT_SIZE, inches
from cocreate.reports.diagram.tracks import Labels, Track, deal_tracks
from cocreate.reports.escape import clean

__all__ = [
    "BOX_HEIGHT",
    "LABEL_WIDTH",
    "LANE_HEIGHT",
    "PAGE_WIDTH",
    "PANEL_GAP",
    "Geometry",
    "Route",
    "route_flows",
]

# Geometry in inches, sized for the printable width of an A4 page (180 mm).
PAGE_WIDTH = 7.1
LABEL_WIDTH = 0.85
LANE_HEIGHT = 0.88
BOX_HEIGHT = 0.56
PANEL_GAP = 0.25
#: The share of a column a box takes; the rest is the gap the arrows run in.
BOX_SHARE = 0.84

#: Label sizes: under a short arrow between two boxes, and boxed on a longer one.
GAP_LABEL_SIZE = FONT_SIZE - 1.5
LABEL_SIZE = FONT_SIZE - 1
MARKER_SIZE = FONT_SIZE - 1.2

# Offsets of a corridor's tracks from its lane boundary (inches): they stay clear of the
# step ids above the boxes and the hours below them.
_CORRIDOR_TRACKS = (0.0, -0.03, 0.03, -0.06, 0.06)
_EDGE_TRACKS_DOWN = (0.03, 0.06, 0.045)  # the panel's top boundary: tracks inside it
# Ports along one side of a box, as shares of its width from its centre, clear of the
# centre a straight arrow uses: on the right (+1) or left (-1) by the way the arrow
# goes or comes from. On the top side they all keep right of the step's id.
_PORTS = {
    ("bottom", 1): (0.3, 0.16, 0.42),
    ("bottom", -1): (-0.3, -0.16, -0.42),
    ("top", 1): (0.34, 0.44, 0.24),
    ("top", -1): (0.12, 0.18, 0.06),
}

Point = tuple[float, float]


@dataclass(frozen=True, slots=True)
class Geometry:
    """Sizes that depend on how many columns a panel has."""

    per_panel: int
    col_width: float
    box_width: float

    @classmethod
    def of(cls, lay: DiagramLayout) -> Geometry:
        widest = max((last - first + 1 for first, last in lay.panels), default=1)
        per_panel = max(widest, 4)
        col_width = (PAGE_WIDTH - LABEL_WIDTH) / per_panel
        return cls(lay.per_panel, col_width, col_width * BOX_SHARE)

    @property
    def gap_width(self) -> float:
        return self.col_width - self.box_width

    def x(self, column: int) -> float:
        """Centre of ``column`` in its panel."""
        return LABEL_WIDTH + (column % self.per_panel + 0.5) * self.col_width

    def gap_x(self, column: int, panel: int) -> float:
        """Middle of the gap just left of ``column`` in ``panel`` (clamped to the page)."""
        x = LABEL_WIDTH + (column - panel * self.per_panel) * self.col_width
        return min(max(x, LABEL_WIDTH + self.gap_width / 2), PAGE_WIDTH - self.gap_width / 2)

    @staticmethod
    def y(row: int) -> float:
        """Centre of lane ``row`` in a panel (y grows downwards)."""
        return (row + 0.5) * LANE_HEIGHT


@dataclass(frozen=True, slots=True)
class Route:
    """One arrow in one panel, in that panel's inches (x right, y down from its top).

    ``kind`` is ``line`` (a straight or orthogonal arrow between two boxes), ``out`` (a
    stub leaving for another panel) or ``in`` (a stub arriving from one). ``label`` is
    drawn at ``label_at``: ``label_style`` ``gap`` is small text under a short arrow,
    ``boxed`` sits on the arrow with a white background, ``marker`` names the step a stub
    leads to or comes from.
    """

    source: str
    target: str
    panel: int
    points: tuple[Point, ...]
    loop: bool
    kind: str = "line"
    label: str = ""
    label_at: Point | None = None
    label_style: str = "boxed"

    def segments(self) -> Iterable[tuple[Point, Point]]:
        return itertools.pairwise(self.points)


class _Router:
    """Routes every flow of a laid-out process; see the module docstring."""

    def __init__(
        self, lay: DiagramLayout, geometry: Geometry, steps: Mapping[str, Step], rows: int
    ) -> None:
        self.lay, self.g, self.steps, self.rows = lay, geometry, steps, rows
        self.half_w, self.half_h = geometry.box_width / 2, BOX_HEIGHT / 2
        self.tracks: list[Track] = []
        self.ports: dict[tuple[str, str, int], int] = defaultdict(int)
        columns_of: dict[str, list[int]] = defaultdict(list)
        for step_id, step in steps.items():
            columns_of[step.lane].append(lay.columns[step_id])
        self.lane_columns = {lane: sorted(cols) for lane, cols in columns_of.items()}

    # -- where things are

    def centre(self, step_id: str) -> Point:
        return (
            self.g.x(self.lay.columns[step_id]),
            self.g.y(self.lay.rows[self.steps[step_id].lane]),
        )

    def busy(self, lane: str, first: int, last: int) -> bool:
        """Whether a box of ``lane`` stands strictly between columns ``first`` and ``last``."""
        columns = self.lane_columns.get(lane, [])
        index = bisect.bisect_right(columns, first)
        return index < len(columns) and columns[index] < last

    def port(self, step_id: str, side: str, sign: int) -> float:
        """The x of a fresh port on the ``side`` of a box, right (+1) or left (-1) of centre."""
        n = self.ports[(step_id, side, sign)]
        self.ports[(step_id, side, sign)] = n + 1
        shares = _PORTS[(side, sign)]
        return self.centre(step_id)[0] + shares[n % len(shares)] * self.g.box_width

    def corridor(self, panel: int, boundary: int, x1: float, x2: float) -> Track:
        offsets: tuple[float, ...]
        if boundary <= 0:
            offsets = _EDGE_TRACKS_DOWN
        elif boundary >= self.rows:
            offsets = tuple(-o for o in _EDGE_TRACKS_DOWN)
        else:
            offsets = _CORRIDOR_TRACKS
        track = Track(("corridor", panel, boundary), min(x1, x2), max(x1, x2), offsets)
        self.tracks.append(track)
        return track

    def channel(self, column: int, y1: float, y2: float) -> Track:
        step = self.g.gap_width / 4
        track = Track(("gap", column), min(y1, y2), max(y1, y2), (0.0, -step, step))
        self.tracks.append(track)
        return track

    # -- the kinds of route; each returns a function of the dealt tracks -> points

    def straight(self, source: str, target: str) -> Callable[[], tuple[Point, ...]]:
        (sx, sy), (tx, ty) = self.centre(source), self.centre(target)
        if abs(sy - ty) < 1e-9:  # along the row, edge to edge
            points = ((sx + self.half_w, sy), (tx - self.half_w, ty))
        else:  # straight down or up into the neighbouring lane
            down = 1 if ty > sy else -1
            points = ((sx, sy + down * self.half_h), (tx, ty - down * self.half_h))
        return lambda: points

    def elbow(self, source: str, target: str) -> Callable[[], tuple[Point, ...]]:
        """Along the source row, then up or down the gap left of the target."""
        (sx, sy), (tx, ty) = self.centre(source), self.centre(target)
        column = self.lay.columns[target]
        gap = self.channel(column, sy, ty)
        gx = self.g.gap_x(column, self.lay.panel_of(target))
        return lambda: (
            (sx + self.half_w, sy),
            (gx + gap.offset, sy),
            (gx + gap.offset, ty),
            (tx - self.half_w, ty),
        )

    def side_of(self, step_id: str, towards_row: int, same_row: str) -> tuple[int, int]:
        """(direction, boundary) of the box side facing ``towards_row``: -1 up, +1 down."""
        row = self.lay.rows[self.steps[step_id].lane]
        if towards_row == row:
            down = 1 if same_row == "bottom" else -1
        else:
            down = 1 if towards_row > row else -1
        return down, row + 1 if down > 0 else row

    def corridor_elbow(
        self, source: str, target: str, panel: int
    ) -> Callable[[], tuple[Point, ...]]:
        """Out of the box side, along the lane boundary, down or up the target's gap."""
        (_sx, sy), (tx, ty) = self.centre(source), self.centre(target)
        target_row = self.lay.rows[self.steps[target].lane]
        down, boundary = self.side_of(source, target_row, "top")
        px = self.port(source, "bottom" if down > 0 else "top", +1)
        column = self.lay.columns[target]
        gx = self.g.gap_x(column, panel)
        by = boundary * LANE_HEIGHT
        lane = self.corridor(panel, boundary, px, gx)
        gap = self.channel(column, by, ty)
        return lambda: (
            (px, sy + down * self.half_h),
            (px, by + lane.offset),
            (gx + gap.offset, by + lane.offset),
            (gx + gap.offset, ty),
            (tx - self.half_w, ty),
        )

    def over(self, source: str, target: str, panel: int, loop: bool) -> Callable:
        """Between two boxes of one lane, along the corridor above (or, a loop, below)."""
        (sx, sy), (tx, ty) = self.centre(source), self.centre(target)
        row = self.lay.rows[self.steps[source].lane]
        down, boundary = (1, row + 1) if loop else (-1, row)
        side = "bottom" if loop else "top"
        rightward = 1 if tx > sx else -1
        px = self.port(source, side, rightward)
        qx = self.port(target, side, -rightward)
        lane = self.corridor(panel, boundary, px, qx)
        by = boundary * LANE_HEIGHT
        return lambda: (
            (px, sy + down * self.half_h),
            (px, by + lane.offset),
            (qx, by + lane.offset),
            (qx, ty + down * self.half_h),
        )

    def back(self, source: str, target: str, panel: int) -> Callable[[], tuple[Point, ...]]:
        """A loop between two lanes: along the corridors, up or down the gap right of the
        target (or along the one boundary two neighbouring lanes share)."""
        sy, ty = self.centre(source)[1], self.centre(target)[1]
        rows = self.lay.rows
        source_row, target_row = rows[self.steps[source].lane], rows[self.steps[target].lane]
        down, out_boundary = self.side_of(source, target_row, "bottom")
        _up, in_boundary = self.side_of(target, source_row, "bottom")
        px = self.port(source, "bottom" if down > 0 else "top", -1)
        qx = self.port(target, "top" if down > 0 else "bottom", +1)
        out_y, in_y = out_boundary * LANE_HEIGHT, in_boundary * LANE_HEIGHT
        if out_boundary == in_boundary:
            lane = self.corridor(panel, out_boundary, px, qx)
            return lambda: (
                (px, sy + down * self.half_h),
                (px, out_y + lane.offset),
                (qx, out_y + lane.offset),
                (qx, ty - down * self.half_h),
            )
        column = self.lay.columns[target] + 1
        gx = self.g.gap_x(column, panel)
        first = self.corridor(panel, out_boundary, px, gx)
        second = self.corridor(panel, in_boundary, gx, qx)
        gap = self.channel(column, out_y, in_y)
        return lambda: (
            (px, sy + down * self.half_h),
            (px, out_y + first.offset),
            (gx + gap.offset, out_y + first.offset),
            (gx + gap.offset, in_y + second.offset),
            (qx, in_y + second.offset),
            (qx, ty - down * self.half_h),
        )

    def stubs(self, flow: Flow, loop: bool) -> list[Route]:
        """A flow between panels: a stub out of the source and one into the target."""
        reach = self.g.gap_width * 0.8
        (sx, sy), (tx, ty) = self.centre(flow.source), self.centre(flow.target)
        lay = self.lay
        out_end = (sx + self.half_w + reach, sy)
        in_start = (tx - self.half_w - reach, ty)
        return [
            Route(
                flow.source,
                flow.target,
                lay.panel_of(flow.source),
                ((sx + self.half_w, sy), out_end),
                loop,
                "out",
                f"→ {flow.target}",
                (out_end[0], sy - 0.05),
                "marker",
            ),
            Route(
                flow.source,
                flow.target,
                lay.panel_of(flow.target),
                (in_start, (tx - self.half_w, ty)),
                loop,
                "in",
                f"{flow.source} →",
                (in_start[0], ty - 0.05),
                "marker",
            ),
        ]


def _label(flow: Flow) -> str:
    label = clean(flow.label)
    if flow.share is not None:
        label = f"{label} {flow.share:.0%}".strip()
    return " ".join(label.split())


def route_flows(
    lay: DiagramLayout, geometry: Geometry, steps: Mapping[str, Step], flows: Iterable[Flow]
) -> list[Route]:
    """Every flow between two known steps as routes, in the order of ``flows``."""
    router = _Router(lay, geometry, steps, max(len(lay.rows), 1))
    pending: list[tuple[Flow, int, bool, Callable[[], tuple[Point, ...]]]] = []
    routes: list[Route] = []
    for flow in flows:
        if flow.source not in steps or flow.target not in steps or flow.source == flow.target:
            continue
        loop = (flow.source, flow.target) in lay.back_edges
        panel = lay.panel_of(flow.source)
        if panel != lay.panel_of(flow.target):
            routes += router.stubs(flow, loop)
            continue
        source_lane, target_lane = steps[flow.source].lane, steps[flow.target].lane
        first, last = lay.columns[flow.source], lay.columns[flow.target]
        if source_lane == target_lane:
            skips = abs(last - first) > 1 and router.busy(source_lane, *sorted((first, last)))
            build = (
                router.over(flow.source, flow.target, panel, loop)
                if loop or skips
                else router.straight(flow.source, flow.target)
            )
        elif loop:
            build = router.back(flow.source, flow.target, panel)
        elif first == last:
            build = router.straight(flow.source, flow.target)
        elif router.busy(source_lane, first, last):
            build = router.corridor_elbow(flow.source, flow.target, panel)
        else:
            build = router.elbow(flow.source, flow.target)
        pending.append((flow, panel, loop, build))
    deal_tracks(router.tracks)
    labels = Labels()
    for flow, panel, loop, build in pending:
        points = build()
        text = _label(flow)
        style, at = "boxed", None
        if text:
            (x1, y1), (x2, y2) = points[0], points[-1]
            if len(points) == 2 and abs(y1 - y2) < 1e-9 and not loop:
                # between two neighbouring boxes there is room for a short label at most;
                # one that would cover the boxes keeps its share or is left out
                room = abs(x2 - x1)
                if inches(text, GAP_LABEL_SIZE) > room and flow.share is not None:
                    text = f"{flow.share:.0%}"
                if inches(text, GAP_LABEL_SIZE) <= room:
                    style, at = "gap", ((x1 + x2) / 2, y1 + 0.04)
                else:
                    text = ""
            else:
                at = labels.place(panel, points)
        routes.append(Route(flow.source, flow.target, panel, points, loop, "line", text, at, style))
    return routes
