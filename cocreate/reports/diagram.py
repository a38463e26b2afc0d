"""The as-is process drawn as a swimlane diagram with matplotlib (no Graphviz needed).

Lanes are horizontal bands, steps are boxes placed left to right in process order, flows
are arrows and rework loops (flows that go back) are drawn as red dashed arcs. A long
process is cut into panels stacked top to bottom, each with every lane, so about 40
steps still print legibly on one A4 page; a flow that leaves a panel ends in a small
``→ s12`` marker and the next panel starts with ``s11 →``.

:func:`layout` is the pure part (positions only, easy to test); :func:`draw` makes the
matplotlib Figure. matplotlib is imported inside :func:`draw` only.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cocreate.model import Medium, StepKind, Workshop
from cocreate.reports.escape import clean

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = [
    "MAX_COLUMNS",
    "DiagramLayout",
    "draw",
    "layout",
    "page_groups",
    "text_width",
    "wrap_text",
]

#: Columns per panel: wider processes are cut into several stacked panels.
MAX_COLUMNS = 14

# Geometry in inches, sized for the printable width of an A4 page (180 mm).
_PAGE_WIDTH = 7.1
_LABEL_WIDTH = 0.85
_LANE_HEIGHT = 0.88
_BOX_HEIGHT = 0.56
_PANEL_GAP = 0.25
_FONT_SIZE = 6.0

_FILL = {
    Medium.PAPER: "#fff3c4",
    Medium.SEAL: "#fddede",
    Medium.COUNTER: "#ffe3c2",
    Medium.SYSTEM: "#dcecff",
    Medium.EMAIL: "#e4f4e4",
}
_LOOP_COLOUR = "#c0392b"
_NO_LINE_START = set("、。，．・：；？！）」』】〕ー…,.:;?!)]}")
_EDGE_COLOUR = "#444444"
_BOTTLENECK_COLOUR = "#b03a2e"


@dataclass(frozen=True, slots=True)
class DiagramLayout:
    """Where every step goes.

    Attributes
    ----------
    columns : step id -> global column (0-based, left to right).
    rows : lane id -> row (0 is the top band).
    panels : ``(first, last)`` global columns of each panel, inclusive.
    back_edges : flows ``(source, target)`` that go back in the process: rework loops.
    """

    columns: Mapping[str, int]
    rows: Mapping[str, int]
    panels: tuple[tuple[int, int], ...]
    back_edges: frozenset[tuple[str, str]]

    def panel_of(self, step_id: str) -> int:
        column = self.columns[step_id]
        for index, (first, last) in enumerate(self.panels):
            if first <= column <= last:
                return index
        raise KeyError(step_id)


def _back_edges(workshop: Workshop) -> set[tuple[str, str]]:
    """Flows that close a cycle, found by depth-first search from the start steps."""
    following: dict[str, list[str]] = {s.id: [] for s in workshop.steps}
    for flow in workshop.flows:
        if flow.source in following and flow.target in following:
            following[flow.source].append(flow.target)
    starts = [s.id for s in workshop.steps if s.kind == StepKind.START]
    roots = starts + [s.id for s in workshop.steps if s.id not in starts]
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


def layout(workshop: Workshop, max_columns: int = MAX_COLUMNS) -> DiagramLayout:
    """Place each step in a lane row and a column, and cut the columns into panels.

    A step goes one column right of its predecessors in the same lane; a hand-off to
    another lane may stay in the predecessor's column (a vertical arrow), which keeps a
    typical process about half as wide. Two steps never share a lane and a column.

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
    back = _back_edges(workshop)
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
    ready = sorted((s for s, d in indegree.items() if d == 0), key=order_index.__getitem__)
    columns: dict[str, int] = {}
    taken: set[tuple[str, int]] = set()
    while ready:
        node = ready.pop(0)
        lane = steps[node].lane
        column = 0
        for pred in preds[node]:
            # straight down (same column) only into a neighbouring lane, so a vertical
            # arrow never runs through the boxes of the lanes in between
            near = abs(lane_rows[steps[pred].lane] - lane_rows[lane]) == 1
            column = max(column, columns[pred] + (0 if near else 1))
        while (lane, column) in taken:
            column += 1
        columns[node] = column
        taken.add((lane, column))
        for child in following[node]:
            indegree[child] -= 1
            if indegree[child] == 0:
                ready.append(child)
        ready.sort(key=order_index.__getitem__)
    width = max(columns.values(), default=-1) + 1
    max_columns = max(max_columns, 1)
    count = max(1, -(-width // max_columns))
    per_panel = -(-width // count) if width else 1
    panels = tuple((i * per_panel, min(width, (i + 1) * per_panel) - 1) for i in range(count))
    return DiagramLayout(columns, lane_rows, panels, frozenset(back))


def text_width(text: str) -> int:
    """Display width of ``text``: 2 for each full-width character, 1 for the others."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def wrap_text(text: str, width: int, max_lines: int = 3) -> str:
    """Wrap ``text`` to lines of at most ``width`` display units, Japanese or not.

    Japanese has no spaces, so lines are cut between any two characters; the last
    line ends with an ellipsis when the text does not fit in ``max_lines``.

    >>> wrap_text("申請書を総務課へ持参", 8)
    '申請書を\\n総務課へ\\n持参'
    """
    flat = " ".join(clean(text).split())
    lines: list[str] = []
    current = ""
    for ch in flat:
        # kinsoku: closing brackets and punctuation never start a line
        if text_width(current + ch) > width and ch not in _NO_LINE_START:
            lines.append(current)
            current = "" if ch == " " else ch
        else:
            current += ch
    if current:
        lines.append(current)
    if len(lines) > max_lines:
        last = lines[max_lines - 1]
        while last and text_width(last + "…") > width:
            last = last[:-1]
        lines = [*lines[: max_lines - 1], last + "…"]
    return "\n".join(lines)


def page_groups(
    workshop: Workshop, max_height: float = 9.4, max_columns: int = MAX_COLUMNS
) -> list[list[int]]:
    """Panels grouped so that each group's figure fits ``max_height`` inches (one A4 page).

    >>> from cocreate.model import Lane, Meta, Step
    >>> page_groups(Workshop(Meta("t"), lanes=(Lane("a", "A"),), steps=(Step("s", "s", "a"),)))
    [[0]]
    """
    lay = layout(workshop, max_columns)
    panel_height = max(len(lay.rows), 1) * _LANE_HEIGHT
    per_page = max(1, int((max_height - 0.32 + _PANEL_GAP) // (panel_height + _PANEL_GAP)))
    indexes = list(range(len(lay.panels)))
    return [indexes[i : i + per_page] for i in range(0, len(indexes), per_page)]


def _edge_point(
    centre: tuple[float, float], towards: tuple[float, float], half: tuple[float, float]
) -> tuple[float, float]:
    """Where the ray from a box's centre towards a point leaves the box (half-sizes given).

    >>> _edge_point((0, 0), (10, 0), (1, 0.5))
    (1.0, 0.0)
    """
    dx, dy = towards[0] - centre[0], towards[1] - centre[1]
    if dx == 0 and dy == 0:
        return centre
    scale = min(
        half[0] / abs(dx) if dx else float("inf"), half[1] / abs(dy) if dy else float("inf")
    )
    return (centre[0] + dx * scale, centre[1] + dy * scale)


def _row_busy(lay: DiagramLayout, steps: Mapping, source: str, target: str) -> bool:
    """Whether a step sits in the source's lane between the source and target columns."""
    lane = steps[source].lane
    first, last = lay.columns[source], lay.columns[target]
    return any(
        step.lane == lane and first < lay.columns[step_id] < last for step_id, step in steps.items()
    )


def _units(inches: float, font_size: float = _FONT_SIZE) -> int:
    """How many half-width characters fit in ``inches`` at ``font_size`` points."""
    return int(inches * 72 / (font_size * 0.5))


def draw(
    workshop: Workshop,
    *,
    lane_labels: Mapping[str, str] | None = None,
    step_hours: Mapping[str, float] | None = None,
    bottlenecks: frozenset[str] | set[str] = frozenset(),
    legend: Mapping[str, str] | None = None,
    hours_unit: str = "h",
    max_columns: int = MAX_COLUMNS,
    panels: Sequence[int] | None = None,
) -> Figure:
    """Draw the swimlane diagram of ``workshop``'s process.

    Parameters
    ----------
    workshop : the workshop whose lanes, steps and flows are drawn.
    lane_labels : lane id -> label; defaults to the lane names.
    step_hours : step id -> annual hours, printed under each box when given.
    bottlenecks : step ids drawn with a thick red border.
    legend : texts for the legend, keys ``paper``, ``seal``, ``counter``, ``system``,
        ``email``, ``loop``, ``bottleneck``; no legend when ``None``.
    hours_unit : unit printed after the annual hours.
    max_columns : columns per panel before the process is cut into another panel.
    panels : the panels to draw (indexes into ``layout(...).panels``), all by default;
        :func:`page_groups` splits a long process into figures that each fit a page.

    Returns
    -------
    matplotlib.figure.Figure
        A figure as wide as an A4 page's text, one band per lane in each panel.
    """
    from matplotlib.patches import FancyArrowPatch, FancyBboxPatch, Polygon, Rectangle
    from matplotlib.path import Path

    from cocreate.charts import new_figure

    lay = layout(workshop, max_columns)
    steps = {s.id: s for s in workshop.steps}
    names = {lane.id: lane.name for lane in workshop.lanes}
    if lane_labels:
        names.update(lane_labels)
    lanes_in_order = sorted(lay.rows, key=lay.rows.__getitem__)
    shown = list(range(len(lay.panels))) if panels is None else list(panels)
    slot = {panel: i for i, panel in enumerate(shown)}
    n_rows = max(len(lanes_in_order), 1)
    panel_height = n_rows * _LANE_HEIGHT
    legend_height = 0.32 if legend else 0.0
    height = len(shown) * panel_height + max(len(shown) - 1, 0) * _PANEL_GAP + legend_height
    height = max(height, 1.0)
    per_panel = max((last - first + 1 for first, last in lay.panels), default=1)
    per_panel = max(per_panel, 4)
    col_width = (_PAGE_WIDTH - _LABEL_WIDTH) / per_panel
    box_width = col_width * 0.84
    wrap_units = max(4, _units(box_width - 0.03))

    fig = new_figure(_PAGE_WIDTH, height, dpi=170, layout=None)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, _PAGE_WIDTH)
    ax.set_ylim(height, 0)  # y grows downwards, like reading the page
    ax.set_axis_off()

    def panel_top(index: int) -> float:
        return slot[index] * (panel_height + _PANEL_GAP)

    def centre(step_id: str) -> tuple[float, float]:
        panel = lay.panel_of(step_id)
        first = lay.panels[panel][0]
        x = _LABEL_WIDTH + (lay.columns[step_id] - first + 0.5) * col_width
        y = panel_top(panel) + (lay.rows[steps[step_id].lane] + 0.5) * _LANE_HEIGHT
        return x, y

    # -- bands and lane labels
    for p in shown:
        top = panel_top(p)
        for lane_id in lanes_in_order:
            row = lay.rows[lane_id]
            y = top + row * _LANE_HEIGHT
            shade = "#f4f6f8" if row % 2 == 0 else "#ffffff"
            ax.add_patch(
                Rectangle(
                    (0, y),
                    _PAGE_WIDTH,
                    _LANE_HEIGHT,
                    facecolor=shade,
                    edgecolor="#9aa5b1",
                    linewidth=0.6,
                )
            )
            ax.add_patch(
                Rectangle(
                    (0, y),
                    _LABEL_WIDTH,
                    _LANE_HEIGHT,
                    facecolor="#e3e8ee",
                    edgecolor="#9aa5b1",
                    linewidth=0.6,
                )
            )
            label = wrap_text(names.get(lane_id, lane_id), _units(_LABEL_WIDTH - 0.12), 4)
            ax.text(
                _LABEL_WIDTH / 2,
                y + _LANE_HEIGHT / 2,
                label,
                ha="center",
                va="center",
                fontsize=_FONT_SIZE,
                color="#1f2d3d",
            )

    # -- boxes
    patches = {}
    for step_id, step in steps.items():
        if lay.panel_of(step_id) not in slot:
            continue
        x, y = centre(step_id)
        left, top = x - box_width / 2, y - _BOX_HEIGHT / 2
        fill = _FILL.get(step.medium, "#ffffff")
        heavy = step_id in bottlenecks
        edge = _BOTTLENECK_COLOUR if heavy else "#34495e"
        width = 1.6 if heavy else 0.7
        linestyle = (0, (2, 1.5)) if step.kind == StepKind.WAIT else "solid"
        if step.kind == StepKind.DECISION:
            dx = min(0.09, box_width / 6)
            points = [
                (left, y),
                (left + dx, top),
                (left + box_width - dx, top),
                (left + box_width, y),
                (left + box_width - dx, top + _BOX_HEIGHT),
                (left + dx, top + _BOX_HEIGHT),
            ]
            patch = Polygon(points, closed=True, facecolor=fill, edgecolor=edge, linewidth=width)
        else:
            rounding = 0.2 if step.kind in (StepKind.START, StepKind.END) else 0.04
            patch = FancyBboxPatch(
                (left, top),
                box_width,
                _BOX_HEIGHT,
                boxstyle=f"round,pad=0,rounding_size={rounding}",
                facecolor=fill,
                edgecolor=edge,
                linewidth=width,
                linestyle=linestyle,
            )
        ax.add_patch(patch)
        patches[step_id] = patch
        units = wrap_units - 2 if step.kind == StepKind.DECISION else wrap_units
        ax.text(
            x,
            y,
            wrap_text(step.name, units, 4),
            ha="center",
            va="center",
            fontsize=_FONT_SIZE,
            color="#111111",
            linespacing=1.1,
        )
        ax.text(
            left + 0.02,
            top - 0.02,
            step_id,
            ha="left",
            va="bottom",
            fontsize=_FONT_SIZE - 1.2,
            color="#5d6d7e",
        )
        if step_hours and step_hours.get(step_id):
            ax.text(
                x,
                top + _BOX_HEIGHT + 0.02,
                f"{step_hours[step_id]:,.0f}{hours_unit}",
                ha="center",
                va="top",
                fontsize=_FONT_SIZE - 1.2,
                color=_BOTTLENECK_COLOUR if heavy else "#5d6d7e",
            )

    # -- flows
    spans: dict[tuple[int, str], int] = {}
    for flow in workshop.flows:
        if flow.source not in steps or flow.target not in steps or flow.source == flow.target:
            continue
        loop = (flow.source, flow.target) in lay.back_edges
        colour = _LOOP_COLOUR if loop else _EDGE_COLOUR
        style = (0, (4, 2)) if loop else "solid"
        label = clean(flow.label)
        if flow.share is not None:
            label = f"{label} {flow.share:.0%}".strip()
        source_panel, target_panel = lay.panel_of(flow.source), lay.panel_of(flow.target)
        if source_panel not in slot and target_panel not in slot:
            continue
        if source_panel != target_panel:
            # A flow between panels: a stub out of the source and one into the target.
            ends = []
            if source_panel in slot:
                ends.append((*centre(flow.source), f"→ {flow.target}", True))
            if target_panel in slot:
                ends.append((*centre(flow.target), f"{flow.source} →", False))
            for px, py, text, outgoing in ends:
                # a stub leaving the box's right edge, or arriving at its left edge
                reach = box_width / 2 + col_width * 0.18
                start, end = (
                    ((px + box_width / 2, py), (px + reach, py))
                    if outgoing
                    else ((px - reach, py), (px - box_width / 2, py))
                )
                ax.annotate(
                    "",
                    xy=end,
                    xytext=start,
                    arrowprops={
                        "arrowstyle": "-|>",
                        "color": colour,
                        "lw": 0.8,
                        "linestyle": style,
                        "shrinkA": 0,
                        "shrinkB": 0,
                        "mutation_scale": 7,
                    },
                )
                ax.text(
                    end[0] if outgoing else start[0],
                    py - 0.05,
                    text,
                    ha="left" if outgoing else "right",
                    va="bottom",
                    fontsize=_FONT_SIZE - 1.2,
                    color=colour,
                )
            continue
        sx, sy = centre(flow.source)
        tx, ty = centre(flow.target)
        same_row = abs(sy - ty) < 1e-6
        gap = abs(lay.columns[flow.target] - lay.columns[flow.source])
        if loop:
            key = (source_panel, "loop")
            spans[key] = spans.get(key, 0) + 1
            rad = -0.35 if same_row else 0.3
        elif same_row and gap > 1:
            # arc over the boxes in between: its top must clear them
            rad = -(_BOX_HEIGHT / 2 + 0.1) * 2 / max(abs(tx - sx), 1e-6)
        else:
            rad = 0.0
        apex = ((sx + tx) / 2, (sy + ty) / 2)  # where a label goes; the curve's middle
        common = {
            "arrowstyle": "-|>",
            "mutation_scale": 7,
            "color": colour,
            "linewidth": 1.1 if loop else 0.8,
            "linestyle": style,
        }
        if not loop and not same_row and gap >= 1:
            # a hand-off to another lane further right: an elbow through the gap between
            # the columns (where there are no boxes) instead of a diagonal across them
            gx = sx + col_width / 2 if sx < tx else sx - col_width / 2
            points = [(sx + box_width / 2, sy), (gx, sy), (gx, ty), (tx - box_width / 2, ty)]
            if lay.columns[flow.target] - lay.columns[flow.source] > 1 and _row_busy(
                lay, steps, flow.source, flow.target
            ):
                # boxes in the way along the source lane: leave it vertically and run
                # along the lane boundary, where no box ever is
                gx = tx - col_width / 2
                down = 1 if ty > sy else -1
                edge = sy + down * _LANE_HEIGHT / 2
                points = [
                    (sx, sy + down * _BOX_HEIGHT / 2),
                    (sx, edge),
                    (gx, edge),
                    (gx, ty),
                    (tx - box_width / 2, ty),
                ]
            arrow = FancyArrowPatch(path=Path(points), shrinkA=0, shrinkB=0, **common)
        else:
            # Endpoints on the box edges are computed here rather than by clipping the
            # path against the patches, which costs matplotlib a bezier search per arrow.
            half = (box_width / 2 + 0.01, _BOX_HEIGHT / 2 + 0.01)
            if rad:
                # arc3's control point, in these y-down data coordinates
                control = ((sx + tx) / 2 - rad * (ty - sy), (sy + ty) / 2 + rad * (tx - sx))
                start = _edge_point((sx, sy), control, half)
                end = _edge_point((tx, ty), control, half)
                path = Path([start, control, end], [Path.MOVETO, Path.CURVE3, Path.CURVE3])
                apex = (
                    (start[0] + 2 * control[0] + end[0]) / 4,
                    (start[1] + 2 * control[1] + end[1]) / 4,
                )
            else:
                path = Path([_edge_point((sx, sy), (tx, ty), half),
                             _edge_point((tx, ty), (sx, sy), half)])  # fmt: skip
            arrow = FancyArrowPatch(path=path, shrinkA=0, shrinkB=0, **common)
        ax.add_patch(arrow)
        if label and same_row and not rad and not loop:
            # between two neighbouring boxes there is room for a short label at most; a
            # label that would cover the boxes is left out (the decision's other branch,
            # drawn as an arc or a vertical, carries its own label and share)
            room = abs(tx - sx) - box_width
            size = _FONT_SIZE - 1.5

            if text_width(label) * size / 72 * 0.5 > room and flow.share is not None:
                label = f"{flow.share:.0%}"
            if text_width(label) * size / 72 * 0.5 <= room:
                ax.text((sx + tx) / 2, sy + 0.04, label, ha="center", va="top",
                        fontsize=size, color=colour)  # fmt: skip
        elif label:
            mx, my = apex
            over = bool(rad) and same_row and not loop  # sits on top of an arc over boxes
            ax.text(
                mx,
                my - 0.01 if over else my,
                label,
                ha="center",
                va="bottom" if over else "center",
                fontsize=_FONT_SIZE - 1,
                color=colour,
                bbox={
                    "boxstyle": "round,pad=0.12",
                    "facecolor": "white",
                    "edgecolor": "none",
                    "alpha": 0.9,
                },
            )

    # -- legend
    if legend:
        y = height - legend_height / 2
        x = 0.05
        items = [
            (Medium.PAPER, "paper"),
            (Medium.SEAL, "seal"),
            (Medium.COUNTER, "counter"),
            (Medium.SYSTEM, "system"),
            (Medium.EMAIL, "email"),
        ]
        for medium, key in items:
            if key not in legend:
                continue
            ax.add_patch(
                Rectangle(
                    (x, y - 0.06),
                    0.16,
                    0.12,
                    facecolor=_FILL[medium],
                    edgecolor="#34495e",
                    linewidth=0.5,
                )
            )
            ax.text(x + 0.2, y, legend[key], ha="left", va="center", fontsize=_FONT_SIZE)
            x += 0.35 + text_width(legend[key]) * _FONT_SIZE / 72 * 0.55
        if "loop" in legend:
            ax.annotate(
                "",
                xy=(x + 0.3, y),
                xytext=(x, y),
                arrowprops={
                    "arrowstyle": "-|>",
                    "color": _LOOP_COLOUR,
                    "lw": 1.1,
                    "linestyle": (0, (4, 2)),
                    "mutation_scale": 7,
                },
            )
            ax.text(
                x + 0.35,
                y,
                legend["loop"],
                ha="left",
                va="center",
                fontsize=_FONT_SIZE,
                color=_LOOP_COLOUR,
            )
            x += 0.55 + text_width(legend["loop"]) * _FONT_SIZE / 72 * 0.55
        if "bottleneck" in legend:
            ax.add_patch(
                Rectangle(
                    (x, y - 0.06),
                    0.16,
                    0.12,
                    facecolor="white",
                    edgecolor=_BOTTLENECK_COLOUR,
                    linewidth=1.6,
                )
            )
            ax.text(
                x + 0.2,
                y,
                legend["bottleneck"],
                ha="left",
                va="center",
                fontsize=_FONT_SIZE,
                color=_BOTTLENECK_COLOUR,
            )
    return fig
