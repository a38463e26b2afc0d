"""Section 4, 改善案の評価: the matrix, the ranking, split opinions and flagged ideas."""

from __future__ import annotations

from cocreate.reports.document import DASH, Block, BulletList, Heading, Image, Paragraph, Table
from cocreate.reports.sections.context import Context


def build(ctx: Context) -> list[Block]:
    ws, f, rows = ctx.ws, ctx.f, ctx.facts.tally
    if not ws.ideas:
        return [ctx.missing()]
    blocks: list[Block] = [
        Paragraph(
            ctx.tr(
                "report.text.ideas_intro",
                ideas=len(ws.ideas),
                raters=len({r.member for r in ws.ratings}),
                dots=sum(d.count for d in ws.dots),
                split=f.num(ws.settings.quadrant_split, 1),
            )
        )
    ]
    if ctx.figures and rows:
        blocks.append(matrix(ctx))
    blocks += _ranking(ctx)
    blocks += _flags(ctx)
    return blocks


def _ranking(ctx: Context) -> list[Block]:
    """The ranked table of the tally, with the ideas the pilot takes marked."""
    ws, f, rows = ctx.ws, ctx.f, ctx.facts.tally
    blocks: list[Block] = []
    blocks.append(Heading(ctx.tr("report.h.ranking")))
    chosen = set(ws.pilot.ideas)
    table = []
    for row in rows:
        idea = ws.idea(row.id)
        causes = f.joined([ctx.id(c) for c in idea.causes]) if idea else DASH
        table.append(
            (
                str(row.rank),
                ctx.id(row.id),
                row.title,
                ctx.tr(f"report.quadrant.{row.quadrant or 'none'}"),
                f.num(row.effect, 1) if row.effect is not None else DASH,
                f.num(row.effort, 1) if row.effort is not None else DASH,
                str(row.raters),
                str(row.dots),
                f.num(row.hours_saved),
                causes,
                ctx.tr("report.text.yes") if row.id in chosen else "",
            )
        )
    blocks.append(
        Table(
            tuple(
                ctx.tr(f"report.col.{c}")
                for c in (
                    "rank",
                    "id",
                    "idea",
                    "quadrant",
                    "effect",
                    "effort",
                    "raters",
                    "dots",
                    "hours_saved",
                    "causes",
                    "in_pilot",
                )
            ),
            tuple(table),
            numeric=frozenset({0, 4, 5, 6, 7, 8}),
            name="ranking",
            wide=frozenset({2}),
            ids=frozenset({1}),
            caption=ctx.tr("report.caption.ranking"),
        )
    )
    return blocks


def _flags(ctx: Context) -> list[Block]:
    """Ideas whose ratings disagree, and solution-first or unrated ideas."""
    ws, f, rows = ctx.ws, ctx.f, ctx.facts.tally
    blocks: list[Block] = []
    blocks.append(Heading(ctx.tr("report.h.disagreement")))
    split = [r for r in rows if "disagreement" in r.flags]
    if split:
        blocks.append(
            Paragraph(
                ctx.tr("report.text.disagreement_intro", iqr=f.num(ws.settings.disagreement_iqr, 1))
            )
        )
        blocks.append(
            BulletList(
                tuple(
                    ctx.tr(
                        "report.text.disagreement_item",
                        idea=ctx.idea_label(r.id),
                        effect_iqr=f.num(r.effect_iqr, 1),
                        effort_iqr=f.num(r.effort_iqr, 1),
                        raters=r.raters,
                    )
                    for r in split
                )
            )
        )
    else:
        blocks.append(
            Paragraph(
                ctx.tr("report.text.no_disagreement", iqr=f.num(ws.settings.disagreement_iqr, 1))
            )
        )
    notes = []
    for r in rows:
        if "solution-first" in r.flags:
            notes.append(ctx.tr("report.text.solution_first", idea=ctx.idea_label(r.id)))
        if "unrated" in r.flags:
            notes.append(ctx.tr("report.text.unrated", idea=ctx.idea_label(r.id)))
    if notes:
        blocks.append(BulletList(tuple(notes)))
    return blocks

    return blocks


def matrix(ctx: Context) -> Image:
    from dataclasses import replace

    from cocreate.charts import figure_bytes
    from cocreate.prioritize.matrix import matrix_figure
    from cocreate.reports.escape import clean

    # control characters have no glyph: drop them as the text renderers do
    rows = [replace(r, id=ctx.id(r.id), title=clean(r.title)) for r in ctx.facts.tally]
    fig = matrix_figure(rows, ctx.f.lang, ctx.ws.settings.quadrant_split)
    image = Image(
        "matrix",
        ctx.tr("report.caption.matrix"),
        ctx.tr("report.alt.matrix", ideas=len(rows)),
        figure_bytes(fig),
        tables=("ranking",),
    )
    ctx.images.append(image)
    return image
