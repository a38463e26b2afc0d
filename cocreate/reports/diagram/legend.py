"""The legend under the last panel: media fills, the loop arrow, the bottleneck border."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from cocreate.model import Medium
from cocreate.reports.diagram.boxes import BOTTLENECK_COLOUR, FILL
from cocreate.reports.diagram.flows import LOOP_COLOUR, LOOP_STYLE
from cocreate.reports.diagram.text import FONT_SIZE, text_width

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["LEGEND_HEIGHT", "draw_legend"]

#: Height of the legend's strip under the panels, in inches.
LEGEND_HEIGHT = 0.32

_MEDIA = (
    (Medium.PAPER, "paper"),
    (Medium.SEAL, "seal"),
    (Medium.COUNTER, "counter"),
    (Medium.SYSTEM, "system"),
    (Medium.EMAIL, "email"),
)


def _advance(text: str) -> float:
    return text_width(text) * FONT_SIZE / 72 * 0.55


def draw_legend(ax: Axes, legend: Mapping[str, str], y: float) -> None:
    """One row of legend items centred on ``y``; keys missing from ``legend`` are left out."""
    from matplotlib.patches import Rectangle

    x = 0.05
    for medium, key in _MEDIA:
        if key not in legend:
            continue
        swatch = Rectangle((x, y - 0.06), 0.16, 0.12, facecolor=FILL[medium],
                           edgecolor="#34495e", linewidth=0.5)  # fmt: skip
        ax.add_artist(swatch)
        ax.text(x + 0.2, y, legend[key], ha="left", va="center", fontsize=FONT_SIZE)
        x += 0.35 + _advance(legend[key])
    if "loop" in legend:
        arrow = {
            "arrowstyle": "-|>",
            "color": LOOP_COLOUR,
            "lw": 1.1,
            "linestyle": LOOP_STYLE,
            "mutation_scale": 7,
        }
        ax.annotate("", xy=(x + 0.3, y), xytext=(x, y), arrowprops=arrow)
        ax.text(x + 0.35, y, legend["loop"], ha="left", va="center", fontsize=FONT_SIZE,
                color=LOOP_COLOUR)  # fmt: skip
        x += 0.55 + _advance(legend["loop"])
    if "bottleneck" in legend:
        swatch = Rectangle((x, y - 0.06), 0.16, 0.12, facecolor="white",
                           edgecolor=BOTTLENECK_COLOUR, linewidth=1.6)  # fmt: skip
        ax.add_artist(swatch)
        ax.text(x + 0.2, y, legend["bottleneck"], ha="left", va="center", fontsize=FONT_SIZE,
                color=BOTTLENECK_COLOUR)  # fmt: skip
