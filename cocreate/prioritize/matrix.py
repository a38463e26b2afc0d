"""The effect-versus-effort matrix as a chart and as a Mermaid quadrantChart.

The chart puts each rated idea at its median effort (x) and median effect (y), splits
the plane at ``split`` into the four named quadrants, sizes each bubble by its dots and
colours it by the hours it saves a year. Ideas sharing a point are fanned out around it
so none hides another; labels (``id`` and a short title) are placed where they overlap
nothing already drawn, where the space allows.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from cocreate.i18n import t
from cocreate.prioritize.mermaid import mermaid_quadrant, write_quadrant  # re-exported
from cocreate.prioritize.tally import QUADRANTS, IdeaTally

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

Box = tuple[float, float, float, float]
"""(x0, y0, x1, y1) in display pixels."""

__all__ = [
    "QUADRANT_COLOURS",
    "matrix_figure",
    "mermaid_quadrant",
    "write_matrix",
    "write_quadrant",
]

#: Background of each quadrant: calm tints that keep the bubbles readable.
QUADRANT_COLOURS = {
    "quick_win": "#e3f4e1",
    "major_project": "#e1ecf7",
    "fill_in": "#f3f3f0",
    "thankless": "#f9e5e3",
}
_LOW, _HIGH = 0.5, 5.5  # axis limits around the 1..5 scale
_SPREAD = 0.16  # radius, in rating units, of the fan of ideas sharing one point


def _bubble_area(dots: int) -> float:
    """Marker area in points² for a number of dots (an idea with none is still visible)."""
    return 70.0 + 70.0 * max(dots, 0)


#: How far inside its quadrant an idea exactly on the split is drawn (rating units).
_ON_SPLIT = 0.1
#: The least distance a fanned-out point keeps from the split line it must not cross.
_SIDE_MARGIN = 0.03


def _side(value: float, drawn: float, split: float) -> float:
    """``drawn`` kept on the side of ``split`` that ``value`` is on (on the split is high)."""
    if value >= split:
        return max(drawn, split + _SIDE_MARGIN)
    return min(drawn, split - _SIDE_MARGIN)


def _positions(rows: Sequence[IdeaTally], split: float = 3.0) -> list[tuple[float, float]]:
    """Where each row is drawn: its (effort, effect), fanned out if others share it.

    A value exactly on ``split`` counts as high in the tally, so it is drawn just inside
    the high side rather than on the line; a fan never carries a point across a split.
    """
    groups: dict[tuple[float, float], list[int]] = defaultdict(list)
    for index, row in enumerate(rows):
        # The callers pass only the rated rows: both ratings are there.
        assert row.effort is not None and row.effect is not None
        groups[(row.effort, row.effect)].append(index)
    out: list[tuple[float, float]] = [(0.0, 0.0)] * len(rows)
    for (effort, effect), members in groups.items():
        x = effort + (_ON_SPLIT if effort == split else 0.0)
        y = effect + (_ON_SPLIT if effect == split else 0.0)
        for k, index in enumerate(members):
            if len(members) > 1:
                angle = math.pi / 2 + 2 * math.pi * k / len(members)
                fx, fy = x + _SPREAD * math.cos(angle), y + _SPREAD * math.sin(angle)
            else:
                fx, fy = x, y
            out[index] = (_side(effort, fx, split), _side(effect, fy, split))
    return out


def _dots(count: int, lang: str) -> str:
    """The legend's "1 dot" / "3 dots" (one form for one, as English needs)."""
    key = "prioritize.matrix.dot" if count == 1 else "prioritize.matrix.dots"
    return t(key, lang, count=count)


def _label(row: IdeaTally, width: int) -> str:
    from cocreate.charts import shorten

    return f"{row.id} {shorten(row.title, width)}"


def matrix_figure(
    rows: Sequence[IdeaTally],
    lang: str = "ja",
    split: float = 3.0,
    *,
    title: str | None = None,
    width_in: float = 10.0,
    height_in: float = 7.5,
    label_chars: int = 12,
) -> Figure:
    """Draw the effect-versus-effort matrix of tallied ideas.

    Parameters
    ----------
    rows : the tally (:func:`cocreate.prioritize.tally.tally`); unrated ideas are left out.
    lang : ``ja`` or ``en`` for the quadrant names, axes and legend.
    split : where both axes divide into low and high (``settings.quadrant_split``).
    title : the chart title; the default is the localised "effect versus effort".
    width_in, height_in : figure size in inches.
    label_chars : how much of each idea's title is shown next to its id.
    """
    from matplotlib import colormaps
    from matplotlib.colors import Normalize

    from cocreate.charts import new_figure

    rated = [row for row in rows if row.effect is not None and row.effort is not None]
    fig = new_figure(width_in, height_in)
    ax = fig.add_subplot()
    ax.set_xlim(_LOW, _HIGH)
    ax.set_ylim(_LOW, _HIGH)
    ax.set_xticks(range(1, 6))
    ax.set_yticks(range(1, 6))
    ax.set_xlabel(t("prioritize.matrix.x", lang))
    ax.set_ylabel(t("prioritize.matrix.y", lang))
    ax.set_title(title if title is not None else t("prioritize.matrix.title", lang))

    _draw_quadrants(ax, split, lang)

    if not rated:
        ax.text(
            3,
            3,
            t("prioritize.matrix.empty", lang),
            ha="center",
            va="center",
            fontsize=12,
            color="#333333",
            zorder=3,
        )
        return fig

    hours = [row.hours_saved for row in rated]
    norm = Normalize(vmin=0.0, vmax=max(max(hours), 1.0))
    cmap = colormaps["viridis"]
    points = _positions(rated, split)
    scatter = ax.scatter(
        [p[0] for p in points],
        [p[1] for p in points],
        s=[_bubble_area(row.dots) for row in rated],
        c=hours,
        cmap=cmap,
        norm=norm,
        edgecolors="white",
        linewidths=1.2,
        alpha=0.9,
        zorder=3,
    )
    bar = fig.colorbar(scatter, ax=ax, shrink=0.8, pad=0.02)
    bar.set_label(t("prioritize.matrix.colour", lang))

    _size_legend(fig, rated, lang)

    _place_labels(fig, ax, rated, points, label_chars)
    return fig


def _draw_quadrants(ax: Axes, split: float, lang: str) -> None:
    """The four tinted quadrants, each named in its outer corner, and the split lines."""
    from matplotlib.patches import Rectangle

    # Quadrants: (x0, y0, x1, y1) in rating units, and a corner for the name.
    corners = {
        "quick_win": ((_LOW, split, split, _HIGH), (_LOW, _HIGH), "left", "top"),
        "major_project": ((split, split, _HIGH, _HIGH), (_HIGH, _HIGH), "right", "top"),
        "fill_in": ((_LOW, _LOW, split, split), (_LOW, _LOW), "left", "bottom"),
        "thankless": ((split, _LOW, _HIGH, split), (_HIGH, _LOW), "right", "bottom"),
    }
    for name in QUADRANTS:
        (x0, y0, x1, y1), (cx, cy), ha, va = corners[name]
        ax.add_patch(
            Rectangle(
                (x0, y0),
                x1 - x0,
                y1 - y0,
                facecolor=QUADRANT_COLOURS[name],
                edgecolor="none",
                zorder=0,
            )
        )
        pad_x = 0.08 if ha == "left" else -0.08
        pad_y = -0.08 if va == "top" else 0.08
        ax.text(
            cx + pad_x,
            cy + pad_y,
            t(f"prioritize.quadrant.{name}", lang),
            ha=ha,
            va=va,
            fontsize=10,
            color="#555555",
            zorder=1,
        )
    ax.axvline(split, color="#888888", linewidth=1, zorder=1)
    ax.axhline(split, color="#888888", linewidth=1, zorder=1)


def _size_legend(fig: Figure, rated: Sequence[IdeaTally], lang: str) -> None:
    """A legend of bubble sizes under the chart: one dot, the middle, the most given."""
    # A legend of bubble sizes: one dot, the cap-ish middle, the most any idea got.
    most = max(row.dots for row in rated)
    samples = sorted({1, max(most // 2, 1), most} - {0})
    # Legend markers must not be drawn into the axes: make them detached artists.
    from matplotlib.lines import Line2D

    handles = [
        Line2D(
            [],
            [],
            linestyle="none",
            marker="o",
            markersize=math.sqrt(_bubble_area(n)),
            markerfacecolor="#999999",
            markeredgecolor="white",
        )
        for n in samples
    ]
    fig.legend(
        handles,
        [_dots(n, lang) for n in samples],
        loc="outside lower center",
        ncols=len(samples),
        frameon=False,
        fontsize=8,
        columnspacing=2.5,
        handletextpad=1.0,
        borderpad=0.6,
        handleheight=math.sqrt(_bubble_area(most)) / 8 + 1.0,  # rows as tall as the largest
    )


class _Grid:
    """Boxes (x0, y0, x1, y1) in display pixels, filed by the grid cells they cover, so
    that what a new box overlaps is found among its neighbours, not among all boxes."""

    def __init__(self, cell: float = 48.0) -> None:
        self.cell = cell
        self.boxes: list[tuple[float, float, float, float]] = []
        self.cells: dict[tuple[int, int], list[int]] = defaultdict(list)

    def _span(self, box: Box) -> Iterator[tuple[int, int]]:
        c = self.cell
        for i in range(math.floor(box[0] / c), math.floor(box[2] / c) + 1):
            for j in range(math.floor(box[1] / c), math.floor(box[3] / c) + 1):
                yield i, j

    def add(self, box: tuple[float, float, float, float]) -> None:
        self.boxes.append(box)
        for key in self._span(box):
            self.cells[key].append(len(self.boxes) - 1)

    def overlap(self, box: tuple[float, float, float, float]) -> float:
        """The area ``box`` shares with the boxes filed so far."""
        near: set[int] = set()
        for key in self._span(box):
            near.update(self.cells.get(key, ()))
        return sum(_overlap(box, self.boxes[n]) for n in near)


_DIRECTIONS = ((1, 0), (1, 1), (0, 1), (-1, 1), (-1, 0), (-1, -1), (0, -1), (1, -1))
_RINGS = (3, 10, 20, 32, 46)  # points beyond the bubble's edge, near rings first
_LABEL_BOX = {"boxstyle": "round,pad=0.15", "facecolor": "white", "alpha": 0.75,
              "edgecolor": "none"}  # fmt: skip


def _candidates(
    radius_pt: float, size: tuple[float, float], scale: float
) -> Iterator[tuple[int, tuple[float, float], str, str, Box]]:
    """(offset in points, ha, va, box relative to the bubble's centre in pixels) of each
    place tried for a label of ``size`` pixels, in the order they are tried."""
    width, height = size
    for ring in _RINGS:
        for dx, dy in _DIRECTIONS:
            norm = math.hypot(dx, dy)
            offset = ((radius_pt + ring) * dx / norm, (radius_pt + ring) * dy / norm)
            px, py = offset[0] * scale, offset[1] * scale
            ha = "left" if dx > 0 else "right" if dx < 0 else "center"
            va = "bottom" if dy > 0 else "top" if dy < 0 else "center"
            x0 = px if dx > 0 else px - width if dx < 0 else px - width / 2
            y0 = py if dy > 0 else py - height if dy < 0 else py - height / 2
            yield ring, offset, ha, va, (x0, y0, x0 + width, y0 + height)


def _place_labels(
    fig: Figure,
    ax: Axes,
    rows: Sequence[IdeaTally],
    points: Sequence[tuple[float, float]],
    label_chars: int,
) -> None:
    """Annotate each bubble at the first place around it that overlaps nothing.

    The layout is fixed first (labels are kept out of it), so what is measured here is
    where things land in the saved file. Each label is measured once; the places tried
    around its bubble are boxes of that size, scored against what is already drawn near
    them through a spatial grid, so placing n labels costs about n, not n squared.
    """
    fig.draw_without_rendering()
    renderer = cast("FigureCanvasAgg", fig.canvas).get_renderer()  # new_figure gives Agg
    to_display = ax.transData.transform
    area = ax.get_window_extent(renderer)
    bounds = (area.x0, area.y0, area.x1, area.y1)
    scale = fig.dpi / 72.0  # points -> pixels
    taken = _Grid()  # quadrant names, bubbles, then labels as placed
    for name in ax.texts:
        box = name.get_window_extent(renderer)
        taken.add((box.x0, box.y0, box.x1, box.y1))
    for (x, y), row in zip(points, rows, strict=True):
        cx, cy = to_display((x, y))
        radius = math.sqrt(_bubble_area(row.dots) / math.pi) * scale
        taken.add((cx - radius, cy - radius, cx + radius, cy + radius))
    # The busiest ideas choose first; close rings are tried first, so labels stay near.
    order = sorted(range(len(rows)), key=lambda i: (-rows[i].dots, rows[i].rank))
    for index in order:
        row = rows[index]
        x, y = points[index]
        text = _label(row, label_chars)
        radius_pt = math.sqrt(_bubble_area(row.dots) / math.pi)
        probe = ax.annotate(text, xy=(x, y), xytext=(0, 0), textcoords="offset points",
                            fontsize=8, bbox=_LABEL_BOX)  # fmt: skip
        extent = probe.get_window_extent(renderer)
        probe.remove()
        cx, cy = to_display((x, y))
        best: tuple[tuple[float, float], str, str, Box] | None = None
        best_cost = math.inf
        for ring, offset, ha, va, (x0, y0, x1, y1) in _candidates(
            radius_pt, (extent.width, extent.height), scale
        ):
            rect = (cx + x0, cy + y0, cx + x1, cy + y1)
            cost = taken.overlap(rect) + _outside(rect, bounds) * 4
            if cost < best_cost:
                best, best_cost = (offset, ha, va, rect), cost
            if cost == 0 or (ring != _RINGS[0] and best_cost == 0):
                break
        assert best is not None  # _candidates always offers places: the loop ran
        offset, ha, va, rect = best
        far = math.hypot(*offset) > radius_pt + 12
        arrow = (
            {
                "arrowstyle": "-",
                "color": "#777777",
                "linewidth": 0.6,
                "shrinkA": 0,
                "shrinkB": radius_pt,
            }
            if far
            else None
        )
        final = ax.annotate(
            text,
            xy=(x, y),
            xytext=offset,
            textcoords="offset points",
            ha=ha,
            va=va,
            fontsize=8,
            zorder=4,
            annotation_clip=False,
            arrowprops=arrow,
            bbox=_LABEL_BOX,
        )
        final.set_in_layout(False)
        taken.add(rect)


def _overlap(a: Box, b: Box) -> float:
    width = min(a[2], b[2]) - max(a[0], b[0])
    height = min(a[3], b[3]) - max(a[1], b[1])
    return width * height if width > 0 and height > 0 else 0.0


def _outside(box: Box, area: Box) -> float:
    full = (box[2] - box[0]) * (box[3] - box[1])
    return full - _overlap(box, area)


def write_matrix(
    rows: Sequence[IdeaTally],
    path: str | Path,
    lang: str = "ja",
    split: float = 3.0,
    **kwargs: Any,
) -> Path:
    """Draw the matrix and save it atomically as PNG or SVG, by the suffix of ``path``."""
    from cocreate.charts import save_figure

    return save_figure(matrix_figure(rows, lang, split, **kwargs), path)
