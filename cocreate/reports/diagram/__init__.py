"""The as-is process drawn as a swimlane diagram with matplotlib (no Graphviz needed).

Lanes are horizontal bands, steps are boxes placed left to right in process order, flows
are arrows routed around the boxes, and rework loops (flows that go back) are red and
dashed. A long process is cut into panels stacked top to bottom, each with every lane, so
about 40 steps still print legibly on one A4 page; a flow that leaves a panel ends in a
small ``→ s12`` marker and the next panel starts with ``s11 →``.

:func:`plan` is the pure part, done once for the whole process: positions
(:mod:`.layout`), routes (:mod:`.routes`) and which steps and arrows each panel holds.
:func:`draw` makes the matplotlib Figure of some panels from a plan, so drawing one page
costs the same whatever the size of the process. Its parts: :mod:`.bands`, :mod:`.boxes`,
:mod:`.flows` and :mod:`.legend`. matplotlib is imported only when drawing.

(The layout is the diagram's own: ``process/graph.py`` does not hold one yet.)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cocreate.model import Step, Workshop
from cocreate.reports.diagram.layout import MAX_COLUMNS, DiagramLayout, layout
from cocreate.reports.diagram.routes import (
    LANE_HEIGHT,
    PAGE_WIDTH,
    PANEL_GAP,
    Geometry,
    Route,
    route_flows,
)
from cocreate.reports.diagram.text import text_width, wrap_text

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = [
    "MAX_COLUMNS",
    "DiagramLayout",
    "DiagramPlan",
    "Route",
    "draw",
    "layout",
    "page_groups",
    "plan",
    "text_width",
    "wrap_text",
]


@dataclass(frozen=True, slots=True)
class DiagramPlan:
    """Everything :func:`draw` needs, computed once: the layout and each panel's share.

    Attributes
    ----------
    workshop : the workshop planned.
    layout : step columns, lane rows, panels and loops.
    geometry : column and box widths.
    lanes : lane ids in row order.
    steps : for each panel, the ids of the steps in it.
    routes : for each panel, the arrows drawn in it.
    by_id : step id -> step, so a page looks its steps up without a pass over them all.
    """

    workshop: Workshop
    layout: DiagramLayout
    geometry: Geometry
    lanes: tuple[str, ...]
    steps: tuple[tuple[str, ...], ...]
    routes: tuple[tuple[Route, ...], ...]
    by_id: Mapping[str, Step]

    @property
    def panel_height(self) -> float:
        return max(len(self.lanes), 1) * LANE_HEIGHT


def plan(workshop: Workshop, max_columns: int = MAX_COLUMNS) -> DiagramPlan:
    """Lay out and route the whole process once (linear but for sorting).

    >>> from cocreate.model import Flow, Lane, Meta, Step
    >>> ws = Workshop(Meta("t"), lanes=(Lane("a", "A"), Lane("b", "B")),
    ...     steps=(Step("s1", "x", "a"), Step("s2", "y", "b")), flows=(Flow("s1", "s2"),))
    >>> p = plan(ws)
    >>> p.steps, [(r.source, r.target) for r in p.routes[0]]
    ((('s1', 's2'),), [('s1', 's2')])
    """
    lay = layout(workshop, max_columns)
    geometry = Geometry.of(lay)
    steps = {s.id: s for s in workshop.steps}
    by_panel: list[list[str]] = [[] for _ in lay.panels]
    for step in workshop.steps:
        by_panel[lay.panel_of(step.id)].append(step.id)
    routes: list[list[Route]] = [[] for _ in lay.panels]
    for route in route_flows(lay, geometry, steps, workshop.flows):
        routes[route.panel].append(route)
    return DiagramPlan(
        workshop,
        lay,
        geometry,
        tuple(sorted(lay.rows, key=lay.rows.__getitem__)),
        tuple(tuple(ids) for ids in by_panel),
        tuple(tuple(r) for r in routes),
        steps,
    )


def page_groups(
    workshop: Workshop,
    max_height: float = 9.4,
    max_columns: int = MAX_COLUMNS,
    *,
    diagram: DiagramPlan | None = None,
) -> list[list[int]]:
    """Panels grouped so that each group's figure fits ``max_height`` inches (one A4 page).

    >>> from cocreate.model import Lane, Meta, Step
    >>> page_groups(Workshop(Meta("t"), lanes=(Lane("a", "A"),), steps=(Step("s", "s", "a"),)))
    [[0]]
    """
    lay = diagram.layout if diagram is not None else layout(workshop, max_columns)
    panel_height = max(len(lay.rows), 1) * LANE_HEIGHT
    per_page = max(1, int((max_height - 0.32 + PANEL_GAP) // (panel_height + PANEL_GAP)))
    indexes = list(range(len(lay.panels)))
    return [indexes[i : i + per_page] for i in range(0, len(indexes), per_page)]


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
    diagram: DiagramPlan | None = None,
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
    diagram : the :func:`plan` of ``workshop``, made once and reused for every page;
        planned here when not given.

    Returns
    -------
    matplotlib.figure.Figure
        A figure as wide as an A4 page's text, one band per lane in each panel.
    """
    from cocreate.charts import new_figure
    from cocreate.reports.diagram.bands import draw_bands
    from cocreate.reports.diagram.boxes import draw_box
    from cocreate.reports.diagram.flows import draw_route
    from cocreate.reports.diagram.legend import LEGEND_HEIGHT, draw_legend

    the_plan = diagram if diagram is not None else plan(workshop, max_columns)
    lay, geometry = the_plan.layout, the_plan.geometry
    names = {lane.id: lane.name for lane in workshop.lanes}
    if lane_labels:
        names.update(lane_labels)
    shown = list(range(len(lay.panels))) if panels is None else list(panels)
    panel_height = the_plan.panel_height
    legend_height = LEGEND_HEIGHT if legend else 0.0
    height = len(shown) * panel_height + max(len(shown) - 1, 0) * PANEL_GAP + legend_height
    height = max(height, 1.0)

    fig = new_figure(PAGE_WIDTH, height, dpi=170, layout=None)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, PAGE_WIDTH)
    ax.set_ylim(height, 0)  # y grows downwards, like reading the page
    ax.set_axis_off()

    tops = [slot * (panel_height + PANEL_GAP) for slot in range(len(shown))]
    draw_bands(ax, tops, the_plan.lanes, names)
    steps = the_plan.by_id
    for panel, top in zip(shown, tops, strict=True):
        for step_id in the_plan.steps[panel]:
            x = geometry.x(lay.columns[step_id])
            y = top + geometry.y(lay.rows[steps[step_id].lane])
            draw_box(
                ax,
                steps[step_id],
                (x, y),
                geometry.box_width,
                bottleneck=step_id in bottlenecks,
                hours=step_hours.get(step_id) if step_hours else None,
                hours_unit=hours_unit,
            )
        for route in the_plan.routes[panel]:
            draw_route(ax, route, top)
    if legend:
        draw_legend(ax, legend, height - legend_height / 2)
    return fig
