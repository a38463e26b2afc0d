"""Section 1, 背景・目的: the background, the pilot's purpose and how the group worked."""

from __future__ import annotations

from cocreate.reports.document import Block, Heading, Paragraph
from cocreate.reports.sections.context import Context


def build(ctx: Context) -> list[Block]:
    meta, pilot = ctx.ws.meta, ctx.ws.pilot
    blocks: list[Block] = [Heading(ctx.tr("report.h.background"))]
    paragraphs = [p for p in meta.background.split("\n\n") if p.strip()]
    blocks += [Paragraph(p) for p in paragraphs] or [ctx.missing()]
    blocks.append(Heading(ctx.tr("report.h.purpose")))
    blocks.append(Paragraph(pilot.purpose) if pilot.purpose.strip() else ctx.missing())
    blocks.append(Heading(ctx.tr("report.h.approach")))
    counts = {
        "members": len(ctx.ws.members),
        "sessions": len(meta.dates),
        "problems": len(ctx.ws.problems),
        "causes": len(ctx.ws.causes),
        "ideas": len(ctx.ws.ideas),
        "raters": len({r.member for r in ctx.ws.ratings}),
    }
    blocks.append(Paragraph(ctx.tr("report.text.approach", **counts)))
    return blocks
