"""Section 2, 現状業務の分析: the swimlane diagram, the workload and its bottlenecks."""

from __future__ import annotations

from cocreate.reports.document import DASH, Block, BulletList, Heading, Image, Paragraph, Table
from cocreate.reports.sections.context import Context


def build(ctx: Context) -> list[Block]:
    m = ctx.facts.metrics
    blocks: list[Block] = [Heading(ctx.tr("report.h.flow"))]
    if not ctx.ws.steps:
        return [*blocks, ctx.missing()]
    if ctx.figures:
        blocks.extend(diagram(ctx))
    blocks.append(Paragraph(ctx.tr("report.text.flow_note"), "muted"))
    blocks += _flows(ctx)
    if m is None:
        blocks.append(
            Paragraph(ctx.tr("report.text.metrics_error", reason=ctx.facts.metrics_error), "note")
        )
        return blocks
    blocks += _totals(ctx)
    blocks += _workload(ctx)
    blocks += _bottlenecks(ctx)
    return blocks


def _flows(ctx: Context) -> list[Block]:
    """Every flow of the diagram as a table: its text equivalent, step by step."""
    from cocreate.reports.diagram.layout import back_edges

    ws = ctx.ws
    steps = {s.id: s for s in ws.steps}
    loops = back_edges(ws)
    rows = []
    for flow in ws.flows:
        source, target = steps.get(flow.source), steps.get(flow.target)
        if source is None or target is None:
            continue
        kinds = []
        if (flow.source, flow.target) in loops:
            kinds.append(ctx.tr("report.text.rework"))
        if source.lane != target.lane:
            kinds.append(ctx.tr("report.text.handoff"))
        rows.append(
            (
                ctx.step_label(flow.source),
                ctx.lane_name(source.lane),
                ctx.step_label(flow.target),
                ctx.lane_name(target.lane),
                flow.label or DASH,
                ctx.f.percent(flow.share) if flow.share is not None else DASH,
                ctx.f.joined(kinds) if kinds else DASH,
            )
        )
    if not rows:
        return []
    headers = ("from", "lane", "to", "lane", "flow_label", "flow_share", "flow_kind")
    return [
        Heading(ctx.tr("report.h.flows"), 4),
        Table(
            tuple(ctx.tr(f"report.col.{c}") for c in headers),
            tuple(rows),
            numeric=frozenset({5}),
            name="flows",
            wide=frozenset({0, 2}),
        ),
    ]


def _totals(ctx: Context) -> list[Block]:
    """Workload at a glance: cases, hours, cost, lead time, hand-offs, touches."""
    f, facts = ctx.f, ctx.facts
    m = facts.metrics
    assert m is not None
    blocks: list[Block] = []
    blocks.append(Heading(ctx.tr("report.h.totals")))
    totals = [
        ("annual_cases", f.tr("report.unit.cases", value=f.num(m.annual_cases))),
        ("annual_hours", f.hours(m.annual_hours)),
        ("person_years", f.person_years(m.person_years)),
        ("cost", f.money(m.cost)),
        ("lead_time_minutes", f.minutes(m.lead_time_minutes)),
        ("cycle_efficiency", f.percent(m.cycle_efficiency, 1)),
        ("handoffs", f.tr("report.unit.count", value=m.handoffs)),
        (
            "touches",
            f.tr(
                "report.text.touches",
                paper=m.paper_touches,
                seal=m.seal_touches,
                counter=m.counter_touches,
            ),
        ),
        ("loops", f.tr("report.unit.count", value=len(m.loops))),
    ]
    blocks.append(
        Table(
            (ctx.tr("report.col.metric"), ctx.tr("report.col.value")),
            tuple((ctx.tr(f"report.metric.{key}"), value) for key, value in totals),
            numeric=frozenset({1}),
            name="totals",
        )
    )
    blocks.append(
        Paragraph(
            ctx.tr(
                "report.text.assumptions",
                hours=f.num(ctx.ws.settings.annual_hours_per_person),
                cost=f.money(ctx.ws.settings.hourly_cost),
            ),
            "muted",
        )
    )

    return blocks


def _workload(ctx: Context) -> list[Block]:
    """The workload survey (業務量調査) per step, and the hours per lane."""
    f, facts = ctx.f, ctx.facts
    m = facts.metrics
    assert m is not None
    blocks: list[Block] = []
    blocks.append(Heading(ctx.tr("report.h.workload")))
    rows = []
    for s in m.steps:
        rows.append(
            (
                s.id,
                s.name,
                ctx.lane_name(s.lane),
                ctx.tr(f"report.medium.{s.medium.value}"),
                f.num(s.minutes, 0 if float(s.minutes).is_integer() else 1),
                f.num(s.volume),
                f.num(s.wait_minutes),
                f.num(s.annual_hours),
                f.percent(s.annual_hours / m.annual_hours if m.annual_hours else 0),
            )
        )
    rows.append((ctx.tr("report.col.total"), "", "", "", "", "", "", f.num(m.annual_hours), "100%"))
    blocks.append(
        Table(
            tuple(
                ctx.tr(f"report.col.{c}")
                for c in (
                    "id",
                    "step",
                    "lane",
                    "medium",
                    "minutes",
                    "volume",
                    "wait",
                    "annual_hours",
                    "share",
                )
            ),
            tuple(rows),
            numeric=frozenset({4, 5, 6, 7, 8}),
            name="workload",
            ids=frozenset({0}),
        )
    )
    lanes = [
        (
            ctx.lane_name(lane_id),
            f.num(hours),
            f.person_years(
                hours / ctx.ws.settings.annual_hours_per_person
                if ctx.ws.settings.annual_hours_per_person
                else 0
            ),
        )
        for lane_id, hours in m.lanes.items()
    ]
    blocks.append(
        Table(
            (
                ctx.tr("report.col.lane"),
                ctx.tr("report.col.annual_hours"),
                ctx.tr("report.col.person_years"),
            ),
            tuple(lanes),
            numeric=frozenset({1, 2}),
            name="lanes",
            caption=ctx.tr("report.caption.lanes"),
        )
    )

    return blocks


def _bottlenecks(ctx: Context) -> list[Block]:
    """Bottlenecks with the reason (hours or waiting), and the rework loops."""
    f, facts = ctx.f, ctx.facts
    m = facts.metrics
    assert m is not None
    blocks: list[Block] = []
    blocks.append(Heading(ctx.tr("report.h.bottlenecks")))
    by_id = {s.id: s for s in m.steps}
    items = []
    for step_id in m.bottlenecks:
        s = by_id.get(step_id)
        if s is None:
            continue
        reasons = []
        if step_id in m.bottlenecks_by_hours:
            reasons.append(ctx.tr("report.text.by_hours", hours=f.hours(s.annual_hours)))
        if step_id in m.bottlenecks_by_wait:
            reasons.append(ctx.tr("report.text.by_wait", wait=f.minutes(s.wait_per_case)))
        items.append(
            ctx.tr(
                "report.text.bottleneck",
                id=s.id,
                name=s.name,
                lane=ctx.lane_name(s.lane),
                reasons=f.joined(reasons),
            )
        )
    blocks.append(BulletList(tuple(items)) if items else ctx.missing())
    if m.loops:
        blocks.append(Heading(ctx.tr("report.h.loops")))
        loops = []
        for loop in m.loops:
            loops.append(" → ".join(ctx.step_label(s) for s in loop))
        blocks.append(BulletList(tuple(loops)))
    return blocks

    return blocks


def diagram(ctx: Context) -> list[Image]:
    """The swimlane diagram: one image, or one per page for a long process.

    The pages are SVG written from one plan of the whole process, so each costs the
    same however long the process is.
    """
    from cocreate.reports import diagram
    from cocreate.reports.diagram.svg import render_svg

    m = ctx.facts.metrics
    legend = {
        k: ctx.tr(f"report.legend.{k}")
        for k in ("paper", "seal", "counter", "system", "email", "loop", "bottleneck")
    }
    the_plan = diagram.plan(ctx.ws)  # laid out and routed once for every page
    groups = diagram.page_groups(ctx.ws, diagram=the_plan)
    hours = {s.id: s.annual_hours for s in m.steps} if m else None
    bottlenecks = set(m.bottlenecks) if m else set()
    alt = ctx.tr("report.alt.flow", steps=len(ctx.ws.steps), lanes=len(ctx.ws.lanes))
    images = []
    for n, panels in enumerate(groups, start=1):
        caption = ctx.tr("report.caption.flow")
        if len(groups) > 1:
            caption = f"{caption} ({n}/{len(groups)})"
        svg = render_svg(
            the_plan,
            panels,
            step_hours=hours,
            bottlenecks=bottlenecks,
            legend=legend if n == len(groups) else None,
            hours_unit=ctx.tr("report.unit.hours_short"),
            title=caption,
        )
        name = "process" if len(groups) == 1 else f"process-{n}"
        known = {s.id for s in ctx.ws.steps}
        has_flows = any(f.source in known and f.target in known for f in ctx.ws.flows)
        data_tables = tuple(
            name for name, shown in (("flows", has_flows), ("workload", m is not None)) if shown
        )
        images.append(Image(name, caption, alt, svg.encode("utf-8"), "svg", data_tables))
    ctx.images.extend(images)
    return images
