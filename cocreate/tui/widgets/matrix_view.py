"""The effect-versus-effort matrix drawn with characters: quadrants named, ideas placed by id."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from textual.content import Content
from textual.widget import Widget

from cocreate.tui.widgets.text import cell_len, fit

__all__ = ["MatrixChart", "draw_matrix"]

Segment = tuple[str, str]
LOW, HIGH = 1.0, 5.0
QUADRANT_STYLE = {
    "quick_win": "$success",
    "major_project": "$accent",
    "fill_in": "$text-muted",
    "thankless": "$error",
}


def _column(value: float, width: int) -> int:
    return round((value - LOW) / (HIGH - LOW) * (width - 1))


def _row(value: float, height: int) -> int:
    return (height - 1) - round((value - LOW) / (HIGH - LOW) * (height - 1))


def draw_matrix(
    rows: Sequence[Any], width: int, height: int, split: float, tr: Callable[..., str]
) -> list[list[Segment]]:
    """The matrix as lines of (text, style) segments filling ``width`` × ``height``."""
    effect_label = tr("ui.matrix.effect")
    axis = cell_len(effect_label) + 1
    plot_w = max(width - axis - 1, 20)
    plot_h = max(height - 2, 8)
    grid = [[" "] * plot_w for _ in range(plot_h)]
    styles = [[""] * plot_w for _ in range(plot_h)]
    split_col = _column(split, plot_w)
    split_row = _row(split, plot_h)
    for y in range(plot_h):
        grid[y][split_col] = "┊"
        styles[y][split_col] = "$panel-lighten-2"
    for x in range(plot_w):
        grid[split_row][x] = "┼" if x == split_col else "┈"
        styles[split_row][x] = "$panel-lighten-2"

    def put(y: int, x: int, text: str, style: str, force: bool = False) -> bool:
        cells = list(text)
        if y < 0 or y >= plot_h or x < 0 or x + cell_len(text) > plot_w:
            return False
        if not force and any(grid[y][x + i] not in " ┊┈┼" for i in range(cell_len(text))):
            return False
        col = x
        for char in cells:
            grid[y][col] = char
            styles[y][col] = style
            if cell_len(char) == 2:
                grid[y][col + 1] = ""
                styles[y][col + 1] = style
                col += 2
            else:
                col += 1
        return True

    corners = (
        ("quick_win", 0, 0),
        ("major_project", 0, plot_w),
        ("fill_in", plot_h - 1, 0),
        ("thankless", plot_h - 1, plot_w),
    )
    for name, y, x in corners:
        label = f" {tr(f'ui.quadrant.{name}')} "
        start = x if x == 0 else x - cell_len(label)
        put(y, max(start, 0), label, f"bold reverse {QUADRANT_STYLE[name]}", force=True)

    for row in rows:
        if row.effect is None or row.effort is None:
            continue
        y = _row(row.effect, plot_h)
        x = _column(row.effort, plot_w)
        style = "bold " + QUADRANT_STYLE.get(row.quadrant or "", "")
        placed = False
        split_mark = "⚑" if "disagreement" in row.flags else ""
        for label in (f"●{row.id}{split_mark}", f"●{row.rank}{split_mark}"):
            for dy in (0, -1, 1, -2, 2):
                for dx in (0, -cell_len(label) + 1):
                    if put(y + dy, x + dx, label, style):
                        placed = True
                        break
                if placed:
                    break
            if placed:
                break

    lines: list[list[Segment]] = []
    for y in range(plot_h):
        margin = "↑" if y == 0 else ("│" if y < plot_h - 1 else "└")
        segments: list[Segment] = [
            (fit(effect_label, axis) if y == 0 else " " * axis, "bold"),
            (margin, "$text-muted"),
        ]
        for x in range(plot_w):
            if grid[y][x] == "":
                continue
            segments.append((grid[y][x], styles[y][x]))
        lines.append(segments)
    effort_label = tr("ui.matrix.effort")
    bottom = " " * axis + "└" + "─" * (plot_w - cell_len(effort_label) - 3) + f" {effort_label} →"
    lines.append([(bottom, "$text-muted")])
    return lines


class MatrixChart(Widget):
    """Draws the tally rows to fill the widget."""

    DEFAULT_CSS = """
    MatrixChart { height: 1fr; width: 1fr; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: Sequence[Any] = ()
        self.split = 3.0
        self.tr: Callable[..., str] = lambda key, **_: key

    def show(self, rows: Sequence[Any], split: float, tr: Callable[..., str]) -> None:
        self.rows, self.split, self.tr = rows, split, tr
        self.refresh()

    def render(self) -> Content:
        lines = draw_matrix(self.rows, self.size.width, self.size.height, self.split, self.tr)
        return Content("\n").join(Content.assemble(*line) for line in lines)
