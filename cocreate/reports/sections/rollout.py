"""Section 8, 横展開の判断基準: the criteria, the KPI targets and when to decide."""

from __future__ import annotations

from cocreate.reports.document import Block, BulletList, Paragraph
from cocreate.reports.sections.context import Context
from cocreate.reports.sections.kpi import kpi_value, kpi_values


def build(ctx: Context) -> list[Block]:
    pilot, f = ctx.ws.pilot, ctx.f
    blocks: list[Block] = []
    criteria = (*(c.text for c in pilot.criteria), *pilot.rollout_criteria)  # linked, then free
    if criteria:
        blocks.append(Paragraph(ctx.tr("report.text.rollout_intro")))
        blocks.append(BulletList(criteria, ordered=True))
    else:
        blocks.append(ctx.missing())
    targets = [
        ctx.tr(
            "report.text.kpi_target",
            id=kpi.id,
            name=kpi.name,
            target=kpi_value(ctx, kpi, target),
        )
        for kpi, _baseline, target, _source, _note in kpi_values(ctx)
        if target is not None
    ]
    if targets:
        blocks.append(Paragraph(ctx.tr("report.text.rollout_kpis")))
        blocks.append(BulletList(tuple(targets)))
    if pilot.milestones:
        last = max(pilot.milestones, key=lambda m: m.date)
        blocks.append(
            Paragraph(ctx.tr("report.text.rollout_when", date=f.date(last.date), text=last.text))
        )
    return blocks
