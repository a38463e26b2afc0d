"""The process drawn with characters: one column per lane, one row per step, loops at the side.

Steps run top to bottom in the order they were mapped. A step sits in its lane's column;
an arrow joins each step to the next one it flows to, crossing lanes where the work is
handed over. Flows that jump back (rework loops such as 差戻し) or skip ahead are drawn as
brackets in the left gutter and listed under the drawing with their labels and shares.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget

from cocreate.model import Medium, StepKind, Workshop
from cocreate.tui.widgets.text import cell_len, fit

__all__ = ["ProcessDiagram", "draw_process"]

GLYPHS = {
    StepKind.START: "◯",
    StepKind.TASK: "▢",
    StepKind.DECISION: "◇",
    StepKind.WAIT: "◷",
    StepKind.END: "◉",
}
#: Media that BPR looks at first: paper, seals and counters are drawn in the warning colour.
PAIN = {Medium.PAPER, Medium.SEAL, Medium.COUNTER}

Segment = tuple[str, str]


@dataclass(frozen=True, slots=True)
class _Jump:
    source: int
    target: int
    label: str
    share: float | None
    column: int

    @property
    def top(self) -> int:
        return min(self.source, self.target)

    @property
    def bottom(self) -> int:
        return max(self.source, self.target)


def _jumps(workshop: Workshop, order: dict[str, int]) -> list[_Jump]:
    jumps: list[_Jump] = []
    columns: list[int] = []  # the last row each gutter column is busy until
    flows = [
        f
        for f in workshop.flows
        if f.source in order and f.target in order and order[f.target] != order[f.source] + 1
    ]
    flows.sort(key=lambda f: (min(order[f.source], order[f.target]), order[f.source]))
    for flow in flows:
        top = min(order[flow.source], order[flow.target])
        bottom = max(order[flow.source], order[flow.target])
        for column, busy_until in enumerate(columns):
            if busy_until < top:
                columns[column] = bottom
                break
        else:
            columns.append(bottom)
            column = len(columns) - 1
        jumps.append(_Jump(order[flow.source], order[flow.target], flow.label, flow.share, column))
    return jumps


def draw_process(workshop: Workshop, width: int, lang: str = "ja") -> list[list[Segment]]:
    """The drawing as lines of (text, style) segments, at most ``width`` cells wide."""
    del lang
    lanes = list(workshop.lanes)
    steps = list(workshop.steps)
    if not lanes or not steps:
        return []
    order = {step.id: i for i, step in enumerate(steps)}
    jumps = _jumps(workshop, order)
    gutter_columns = max((j.column for j in jumps), default=-1) + 1
    gutter = gutter_columns * 2 + 1
    lane_index = {lane.id: i for i, lane in enumerate(lanes)}
    lane_width = max(10, (width - gutter) // len(lanes))
    next_flows = {
        (f.source, f.target): f
        for f in workshop.flows
        if f.source in order and f.target in order and order[f.target] == order[f.source] + 1
    }

    def gutter_cells(row: int, arrow_row: bool, gutter_end: bool = True) -> list[Segment]:
        cells = [" "] * gutter
        for jump in jumps:
            col = jump.column * 2
            inside = jump.top <= row <= jump.bottom if arrow_row else jump.top <= row < jump.bottom
            if inside:
                if arrow_row and row == jump.top:
                    cells[col] = "╭"
                elif arrow_row and row == jump.bottom:
                    cells[col] = "╰"
                else:
                    cells[col] = "│"
                if arrow_row and row in (jump.source, jump.target):
                    for i in range(col + 1, gutter):
                        if cells[i] == " ":
                            cells[i] = "─"
                    cells[gutter - 1] = "▶" if row == jump.target and gutter_end else "─"
        style = "$warning" if jumps else ""
        return [("".join(cells), style)]

    lines: list[list[Segment]] = []
    header: list[Segment] = [(" " * gutter, "")]
    for lane in lanes:
        header.append((fit(lane.name, lane_width - 1), "bold $accent"))
        header.append(("│", "$panel-lighten-2"))
    lines.append(header)
    for i, step in enumerate(steps):
        column = lane_index.get(step.lane, 0)
        row: list[Segment] = gutter_cells(i, True, column == 0)
        touching = [j for j in jumps if i in (j.source, j.target)]
        if touching and column > 0:
            # Carry the bracket's line across the empty lanes to the step it starts or ends at.
            arrow = "▶" if any(j.target == i for j in touching) else "─"
            run = "─" * (lane_width * column - 1) + arrow
            row[-1] = (row[-1][0][:-1] + "─", row[-1][1])
            row.append((run, "$warning"))
        for lane_no in range(len(lanes)):
            if touching and lane_no < column:
                continue
            if lane_no == column:
                glyph = GLYPHS.get(step.kind, "▢")
                text = fit(f"{glyph} {step.id} {step.name}", lane_width - 1)
                style = "bold $warning" if step.medium in PAIN else "bold"
                if step.kind in (StepKind.START, StepKind.END):
                    style = "bold $success"
                row.append((text, style))
            else:
                row.append((" " * (lane_width - 1), ""))
            row.append(("│", "$panel-lighten-2"))
        lines.append(row)
        if i + 1 >= len(steps):
            continue
        following = steps[i + 1]
        connector: list[Segment] = gutter_cells(i, False)
        flow = next_flows.get((step.id, following.id))
        cells = [" "] * (lane_width * len(lanes))
        for lane_no in range(len(lanes)):
            cells[lane_no * lane_width + lane_width - 1] = "│"
        label_text = ""
        if flow is not None:
            a = column * lane_width + 1
            b = lane_index.get(following.lane, 0) * lane_width + 1
            if a == b:
                cells[a] = "↓"
            else:
                left, right = min(a, b), max(a, b)
                for x in range(left, right + 1):
                    cells[x] = "─"
                cells[a] = "╰" if b > a else "╯"
                cells[b] = "╮" if b > a else "╭"
            if flow.label or flow.share is not None:
                share = f" {flow.share:.0%}" if flow.share is not None else ""
                label_text = f"{flow.label}{share}"
        text = "".join(cells)
        connector.append((text, "$accent"))
        if label_text:
            connector = _overlay(connector, label_text, gutter + column * lane_width + 3)
        lines.append(connector)
    if jumps:
        # The loops' legend goes on top, where it is seen without scrolling.
        legend: list[str] = []
        for jump in jumps:
            source, target = steps[jump.source], steps[jump.target]
            mark = "↺" if jump.target < jump.source else "↷"
            share = f" {jump.share:.0%}" if jump.share is not None else ""
            label = f" {jump.label}" if jump.label else ""
            legend.append(f"{mark} {source.id} → {target.id}{label}{share}")
        lines = [[(fit(" " + " · ".join(legend), width), "$warning")], *lines]
    return lines


def _overlay(segments: list[Segment], text: str, at: int) -> list[Segment]:
    """Write ``text`` (dim) over the line from cell ``at``, keeping the cells around it."""
    plain = "".join(s for s, _ in segments)
    if at >= cell_len(plain):
        return segments
    before = _cut(plain, at)
    rest = plain[len(before) :]
    room = cell_len(rest)
    label = fit(f" {text} ", min(cell_len(text) + 2, room))
    after = _skip(rest, cell_len(label))
    gutter_style = segments[0][1] if segments else ""
    return [(before, gutter_style), (label, "italic $text-muted"), (after, "$accent")]


def _cut(text: str, cells: int) -> str:
    out = ""
    for char in text:
        if cell_len(out + char) > cells:
            break
        out += char
    return out


def _skip(text: str, cells: int) -> str:
    used = 0
    for i, char in enumerate(text):
        if used >= cells:
            return text[i:]
        used += cell_len(char)
    return ""


class ProcessDiagram(Widget):
    """Draws the workshop's process to fit the widget's width."""

    DEFAULT_CSS = """
    ProcessDiagram { height: auto; width: 100%; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.workshop: Workshop | None = None

    def show(self, workshop: Workshop) -> None:
        self.workshop = workshop
        self.refresh(layout=True)

    def _lines(self, width: int) -> list[list[Segment]]:
        if self.workshop is None:
            return []
        return draw_process(self.workshop, max(width, 40))

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return max(1, len(self._lines(width)))

    def render(self) -> Content:
        lines = self._lines(self.size.width)
        return Content("\n").join(Content.assemble(*line) for line in lines)
