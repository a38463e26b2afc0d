"""The lane bands of each panel and their labels on the left."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from cocreate.reports.diagram.routes import LABEL_WIDTH, LANE_HEIGHT, PAGE_WIDTH
from cocreate.reports.diagram.text import FONT_SIZE, units, wrap_text

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["draw_bands"]


def draw_bands(
    ax: Axes, tops: Sequence[float], lanes: Sequence[str], names: Mapping[str, str]
) -> None:
    """A shaded band per lane in each panel (panel tops given), labelled on the left."""
    from matplotlib.patches import Rectangle

    width = units(LABEL_WIDTH - 0.12)
    labels = {lane: wrap_text(names.get(lane, lane), width, 4) for lane in lanes}
    for top in tops:
        for row, lane_id in enumerate(lanes):
            y = top + row * LANE_HEIGHT
            shade = "#f4f6f8" if row % 2 == 0 else "#ffffff"
            bands: tuple[tuple[float, float, str], ...] = (
                (0, PAGE_WIDTH, shade),
                (0, LABEL_WIDTH, "#e3e8ee"),
            )
            for x, band_width, fill in bands:
                ax.add_artist(
                    Rectangle(
                        (x, y),
                        band_width,
                        LANE_HEIGHT,
                        facecolor=fill,
                        edgecolor="#9aa5b1",
                        linewidth=0.6,
                    )
                )
            ax.text(
                LABEL_WIDTH / 2,
                y + LANE_HEIGHT / 2,
                labels[lane_id],
                ha="center",
                va="center",
                fontsize=FONT_SIZE,
                color="#1f2d3d",
            )
