"""The swimlane diagram as SVG text, written straight from the plan (no matplotlib).

The report embeds this rather than a raster image: a page of the diagram is a few
milliseconds of string building instead of a third of a second of glyph rasterising, so a
2,000-step process (over a hundred pages) is drawn in well under a second; it prints
sharp at any size and weighs a fraction of a PNG. It draws what :func:`..draw` draws,
from the same :class:`~cocreate.reports.diagram.DiagramPlan`, with the same colours.

Every text is escaped for XML (participant text is data, never markup); the root element
names no script, link or external resource, and a browser shows an SVG embedded as an
image with scripts off anyway. The reader's own Japanese font draws the text, as it does
the page's.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from cocreate.model import Medium, Step, StepKind
from cocreate.reports.diagram import DiagramPlan
from cocreate.reports.diagram.boxes import BOTTLENECK_COLOUR, FILL
from cocreate.reports.diagram.flows import EDGE_COLOUR, LOOP_COLOUR
from cocreate.reports.diagram.routes import (
    BOX_HEIGHT,
    GAP_LABEL_SIZE,
    LABEL_SIZE,
    LABEL_WIDTH,
    LANE_HEIGHT,
    MARKER_SIZE,
    PAGE_WIDTH,
    PANEL_GAP,
    Route,
)
from cocreate.reports.diagram.text import FONT_SIZE, inches, text_width, units, wrap_text
from cocreate.reports.escape import html_text as esc

__all__ = ["FONT_STACK", "render_svg"]

#: The fonts the text is drawn in: the page's own stack, Japanese first.
FONT_STACK = (
    "'Hiragino Kaku Gothic ProN', 'Yu Gothic', YuGothic, Meiryo, 'Noto Sans CJK JP',"
    " IPAexGothic, IPAGothic, sans-serif"
)
_PT = 72.0  # user units per inch: the drawing is in points
_SMALL = FONT_SIZE - 1.2


def _n(value: float) -> str:
    """A coordinate in points, short."""
    return f"{value * _PT:.1f}".rstrip("0").rstrip(".")


def _text(
    x: float,
    y: float,
    text: str,
    size: float,
    *,
    anchor: str = "middle",
    baseline: str = "central",
    colour: str = "#111111",
    line_height: float = 1.1,
) -> str:
    """A text, one tspan per line, centred on ``y`` as a block when ``baseline`` is central."""
    lines = text.split("\n")
    step = size * line_height / _PT
    first = y - step * (len(lines) - 1) / 2 if baseline == "central" else y
    body = "".join(
        f'<tspan x="{_n(x)}" y="{_n(first + i * step)}">{esc(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    return (
        f'<text font-size="{size:g}" text-anchor="{anchor}" dominant-baseline="{baseline}"'
        f' fill="{colour}">{body}</text>'
    )


def _box(
    step: Step, x: float, y: float, width: float, bottleneck: bool, hours: float | None, unit: str
) -> list[str]:
    left, top = x - width / 2, y - BOX_HEIGHT / 2
    fill = FILL.get(step.medium, "#ffffff")
    stroke = BOTTLENECK_COLOUR if bottleneck else "#34495e"
    line = 1.6 if bottleneck else 0.7
    paint = f'fill="{fill}" stroke="{stroke}" stroke-width="{line}"'
    if step.kind == StepKind.WAIT:
        paint += ' stroke-dasharray="1.4 1.05"'
    if step.kind == StepKind.DECISION:
        dx = min(0.09, width / 6)
        corners = [
            (left, y),
            (left + dx, top),
            (left + width - dx, top),
            (left + width, y),
            (left + width - dx, top + BOX_HEIGHT),
            (left + dx, top + BOX_HEIGHT),
        ]
        points = " ".join(f"{_n(px)},{_n(py)}" for px, py in corners)
        shape = f'<polygon points="{points}" {paint}/>'
    else:
        radius = 0.2 if step.kind in (StepKind.START, StepKind.END) else 0.04
        shape = (
            f'<rect x="{_n(left)}" y="{_n(top)}" width="{_n(width)}" height="{_n(BOX_HEIGHT)}"'
            f' rx="{_n(min(radius, width / 2))}" {paint}/>'
        )
    wrap = max(4, units(width - 0.03))
    name = wrap_text(step.name, wrap - 2 if step.kind == StepKind.DECISION else wrap, 4)
    out = [shape, _text(x, y, name, FONT_SIZE)]
    out.append(_text(left + 0.02, top - 0.02, step.id, _SMALL, anchor="start",
                     baseline="text-after-edge", colour="#5d6d7e"))  # fmt: skip
    if hours:
        colour = BOTTLENECK_COLOUR if bottleneck else "#5d6d7e"
        out.append(_text(x, top + BOX_HEIGHT + 0.02, f"{hours:,.0f}{unit}", _SMALL,
                         baseline="text-before-edge", colour=colour))  # fmt: skip
    return out


def _route(route: Route, top: float) -> list[str]:
    colour = LOOP_COLOUR if route.loop else EDGE_COLOUR
    points = " ".join(f"{_n(x)},{_n(y + top)}" for x, y in route.points)
    width = 1.1 if route.loop and route.kind == "line" else 0.8
    dash = ' stroke-dasharray="4.4 2.2"' if route.loop else ""
    head = "loop" if route.loop else "edge"
    out = [
        f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="{width}"'
        f'{dash} marker-end="url(#head-{head})"/>'
    ]
    if not route.label or route.label_at is None:
        return out
    x, y = route.label_at[0], route.label_at[1] + top
    if route.label_style == "marker":
        anchor = "start" if route.kind == "out" else "end"
        out.append(_text(x, y, route.label, MARKER_SIZE, anchor=anchor,
                         baseline="text-after-edge", colour=colour))  # fmt: skip
    elif route.label_style == "gap":
        out.append(_text(x, y, route.label, GAP_LABEL_SIZE, baseline="text-before-edge",
                         colour=colour))  # fmt: skip
    else:
        width_in = inches(route.label, LABEL_SIZE) * 1.15 + 0.05
        height_in = LABEL_SIZE / _PT * 1.25
        out.append(
            f'<rect x="{_n(x - width_in / 2)}" y="{_n(y - height_in / 2)}" width="{_n(width_in)}"'
            f' height="{_n(height_in)}" rx="1.5" fill="#ffffff" fill-opacity="0.9"/>'
        )
        out.append(_text(x, y, route.label, LABEL_SIZE, colour=colour))
    return out


def _swatch(x: float, y: float, fill: str, stroke: str, width: float) -> str:
    return (
        f'<rect x="{_n(x)}" y="{_n(y - 0.06)}" width="{_n(0.16)}" height="{_n(0.12)}"'
        f' fill="{fill}" stroke="{stroke}" stroke-width="{width}"/>'
    )


def _legend(legend: Mapping[str, str], y: float) -> list[str]:
    out: list[str] = []
    x = 0.05
    for medium, key in (
        (Medium.PAPER, "paper"),
        (Medium.SEAL, "seal"),
        (Medium.COUNTER, "counter"),
        (Medium.SYSTEM, "system"),
        (Medium.EMAIL, "email"),
    ):
        if key not in legend:
            continue
        out.append(_swatch(x, y, FILL[medium], "#34495e", 0.5))
        out.append(_text(x + 0.2, y, legend[key], FONT_SIZE, anchor="start"))
        x += 0.35 + text_width(legend[key]) * FONT_SIZE / _PT * 0.55
    if "loop" in legend:
        out.append(f'<polyline points="{_n(x)},{_n(y)} {_n(x + 0.3)},{_n(y)}" fill="none"'
                   f' stroke="{LOOP_COLOUR}" stroke-width="1.1" stroke-dasharray="4.4 2.2"'
                   ' marker-end="url(#head-loop)"/>')  # fmt: skip
        out.append(_text(x + 0.35, y, legend["loop"], FONT_SIZE, anchor="start",
                         colour=LOOP_COLOUR))  # fmt: skip
        x += 0.55 + text_width(legend["loop"]) * FONT_SIZE / _PT * 0.55
    if "bottleneck" in legend:
        out.append(_swatch(x, y, "#ffffff", BOTTLENECK_COLOUR, 1.6))
        out.append(_text(x + 0.2, y, legend["bottleneck"], FONT_SIZE, anchor="start",
                         colour=BOTTLENECK_COLOUR))  # fmt: skip
    return out


def render_svg(
    diagram: DiagramPlan,
    panels: Sequence[int] | None = None,
    *,
    lane_labels: Mapping[str, str] | None = None,
    step_hours: Mapping[str, float] | None = None,
    bottlenecks: frozenset[str] | set[str] = frozenset(),
    legend: Mapping[str, str] | None = None,
    hours_unit: str = "h",
    title: str = "",
) -> str:
    """Some panels of a :class:`~cocreate.reports.diagram.DiagramPlan` as an SVG document.

    The arguments mean what they mean for :func:`cocreate.reports.diagram.draw`;
    ``title`` becomes the SVG's ``<title>``. The cost is that of the panels drawn,
    whatever the size of the whole process.
    """
    plan = diagram
    workshop, lay, geometry = plan.workshop, plan.layout, plan.geometry
    names = {lane.id: lane.name for lane in workshop.lanes}
    names.update(lane_labels or {})
    shown = list(range(len(lay.panels))) if panels is None else list(panels)
    legend_height = 0.32 if legend else 0.0
    height = len(shown) * plan.panel_height + max(len(shown) - 1, 0) * PANEL_GAP
    height = max(height + legend_height, 1.0)
    steps = plan.by_id
    label_units = units(LABEL_WIDTH - 0.12)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="{PAGE_WIDTH * 96:.0f}"'
        f' height="{height * 96:.0f}" viewBox="0 0 {_n(PAGE_WIDTH)} {_n(height)}"'
        f' font-family="{FONT_STACK}">',
        f"<title>{esc(title)}</title>" if title else "",
        "<defs>",
        *(
            f'<marker id="head-{name}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="5"'
            ' markerHeight="5" markerUnits="userSpaceOnUse" orient="auto">'
            f'<path d="M0,1 L10,5 L0,9 z" fill="{colour}"/></marker>'
            for name, colour in (("edge", EDGE_COLOUR), ("loop", LOOP_COLOUR))
        ),
        "</defs>",
        f'<rect width="{_n(PAGE_WIDTH)}" height="{_n(height)}" fill="#ffffff"/>',
    ]
    for slot, panel in enumerate(shown):
        top = slot * (plan.panel_height + PANEL_GAP)
        for row, lane_id in enumerate(plan.lanes):
            y = top + row * LANE_HEIGHT
            shade = "#f4f6f8" if row % 2 == 0 else "#ffffff"
            for width, fill in ((PAGE_WIDTH, shade), (LABEL_WIDTH, "#e3e8ee")):
                out.append(f'<rect x="0" y="{_n(y)}" width="{_n(width)}"'
                           f' height="{_n(LANE_HEIGHT)}" fill="{fill}" stroke="#9aa5b1"'
                           ' stroke-width="0.6"/>')  # fmt: skip
            label = wrap_text(names.get(lane_id, lane_id), label_units, 4)
            out.append(_text(LABEL_WIDTH / 2, y + LANE_HEIGHT / 2, label, FONT_SIZE,
                             colour="#1f2d3d"))  # fmt: skip
        for step_id in plan.steps[panel]:
            step = steps[step_id]
            x = geometry.x(lay.columns[step_id])
            y = top + geometry.y(lay.rows[step.lane])
            hours = step_hours.get(step_id) if step_hours else None
            out += _box(step, x, y, geometry.box_width, step_id in bottlenecks, hours, hours_unit)
        for route in plan.routes[panel]:
            out += _route(route, top)
    if legend:
        out += _legend(legend, height - legend_height / 2)
    out.append("</svg>")
    return "\n".join(part for part in out if part) + "\n"
