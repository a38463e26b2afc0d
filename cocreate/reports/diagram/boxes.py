"""The step boxes: shape by kind, fill by medium, a heavy border for bottlenecks."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cocreate.model import Medium, Step, StepKind
from cocreate.reports.diagram.routes import BOX_HEIGHT
from cocreate.reports.diagram.text import FONT_SIZE, units, wrap_text

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["BOTTLENECK_COLOUR", "FILL", "draw_box"]

#: Box fills that mark the BPR points of a step's medium.
FILL = {
    Medium.PAPER: "#fff3c4",
    Medium.SEAL: "#fddede",
    Medium.COUNTER: "#ffe3c2",
    Medium.SYSTEM: "#dcecff",
    Medium.EMAIL: "#e4f4e4",
}
BOTTLENECK_COLOUR = "#b03a2e"


def draw_box(
    ax: Axes,
    step: Step,
    centre: tuple[float, float],
    box_width: float,
    *,
    bottleneck: bool = False,
    hours: float | None = None,
    hours_unit: str = "h",
) -> None:
    """One step: its box, its name inside, its id above and its annual hours below."""
    from matplotlib.patches import FancyBboxPatch, Polygon

    x, y = centre
    left, top = x - box_width / 2, y - BOX_HEIGHT / 2
    fill = FILL.get(step.medium, "#ffffff")
    edge = BOTTLENECK_COLOUR if bottleneck else "#34495e"
    width = 1.6 if bottleneck else 0.7
    patch: Polygon | FancyBboxPatch
    if step.kind == StepKind.DECISION:
        dx = min(0.09, box_width / 6)
        points = [
            (left, y),
            (left + dx, top),
            (left + box_width - dx, top),
            (left + box_width, y),
            (left + box_width - dx, top + BOX_HEIGHT),
            (left + dx, top + BOX_HEIGHT),
        ]
        patch = Polygon(points, closed=True, facecolor=fill, edgecolor=edge, linewidth=width)
    else:
        rounding = 0.2 if step.kind in (StepKind.START, StepKind.END) else 0.04
        patch = FancyBboxPatch(
            (left, top),
            box_width,
            BOX_HEIGHT,
            boxstyle=f"round,pad=0,rounding_size={rounding}",
            facecolor=fill,
            edgecolor=edge,
            linewidth=width,
            linestyle=(0, (2, 1.5)) if step.kind == StepKind.WAIT else "solid",
        )
    patch.set_gid(f"step:{step.id}")
    ax.add_artist(patch)
    wrap_units = max(4, units(box_width - 0.03))
    ax.text(
        x,
        y,
        wrap_text(step.name, wrap_units - 2 if step.kind == StepKind.DECISION else wrap_units, 4),
        ha="center",
        va="center",
        fontsize=FONT_SIZE,
        color="#111111",
        linespacing=1.1,
    )
    small = FONT_SIZE - 1.2
    ax.text(left + 0.02, top - 0.02, step.id, ha="left", va="bottom", fontsize=small,
            color="#5d6d7e")  # fmt: skip
    if hours:
        ax.text(
            x,
            top + BOX_HEIGHT + 0.02,
            f"{hours:,.0f}{hours_unit}",
            ha="center",
            va="top",
            fontsize=small,
            color=BOTTLENECK_COLOUR if bottleneck else "#5d6d7e",
        )
