"""The arrows: routed flows, rework loops in red dashes, and their labels."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from cocreate.reports.diagram.routes import GAP_LABEL_SIZE, LABEL_SIZE, MARKER_SIZE, Route

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["EDGE_COLOUR", "LOOP_COLOUR", "LOOP_STYLE", "draw_route"]

EDGE_COLOUR = "#444444"
LOOP_COLOUR = "#c0392b"
LOOP_STYLE = (0, (4, 2))


def draw_route(ax: Axes, route: Route, top: float) -> None:
    """Draw ``route`` in the panel whose top is at ``top`` inches."""
    from matplotlib.patches import FancyArrowPatch
    from matplotlib.path import Path

    colour = LOOP_COLOUR if route.loop else EDGE_COLOUR
    points: Sequence[tuple[float, float]] = [(x, y + top) for x, y in route.points]
    arrow = FancyArrowPatch(
        path=Path(points),
        arrowstyle="-|>",
        mutation_scale=7,
        color=colour,
        linewidth=1.1 if route.loop and route.kind == "line" else 0.8,
        linestyle=LOOP_STYLE if route.loop else "solid",
        shrinkA=0,
        shrinkB=0,
    )
    arrow.set_gid(f"flow:{route.source}>{route.target}")
    ax.add_artist(arrow)
    if not route.label or route.label_at is None:
        return
    x, y = route.label_at[0], route.label_at[1] + top
    if route.label_style == "marker":
        outgoing = route.kind == "out"
        text = ax.text(x, y, route.label, ha="left" if outgoing else "right", va="bottom",
                       fontsize=MARKER_SIZE, color=colour)  # fmt: skip
    elif route.label_style == "gap":
        text = ax.text(x, y, route.label, ha="center", va="top", fontsize=GAP_LABEL_SIZE,
                       color=colour)  # fmt: skip
    else:
        text = ax.text(
            x,
            y,
            route.label,
            ha="center",
            va="center",
            fontsize=LABEL_SIZE,
            color=colour,
            bbox={
                "boxstyle": "round,pad=0.12",
                "facecolor": "white",
                "edgecolor": "none",
                "alpha": 0.9,
            },
        )
    text.set_gid(f"flow-label:{route.source}>{route.target}")
