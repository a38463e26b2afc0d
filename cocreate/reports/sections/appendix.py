"""Section 9, 参考資料: traceability, participants, decisions, the basis of estimates."""

from __future__ import annotations

from cocreate.reports.document import DASH, Block, Heading, KeyValues, Paragraph, Table
from cocreate.reports.format import short
from cocreate.reports.sections.context import Context


def build(ctx: Context) -> list[Block]:
    blocks: list[Block] = [Heading(ctx.tr("report.h.trace"))]
    blocks += _trace(ctx)
    blocks += _participants(ctx)
    blocks += _decisions(ctx)
    blocks += _basis(ctx)
    return blocks


def _trace(ctx: Context) -> list[Block]:
    """Step → problem → cause → idea (★ in the pilot) → KPI, one row per cause."""
    ws, f = ctx.ws, ctx.f
    blocks: list[Block] = []
    chosen = set(ws.pilot.ideas)
    # A KPI linked to ideas is listed against those; one linked to none measures the
    # pilot as a whole and is listed against every idea the pilot tries.
    whole = [k.id for k in ws.pilot.kpis if not k.ideas]

    def kpis_of(ideas: list[str]) -> str:
        linked = [k.id for k in ws.pilot.kpis if k.ideas and any(i in k.ideas for i in ideas)]
        found = [k.id for k in ws.pilot.kpis if k.id in {*linked, *whole}]
        return f.joined(found) if found else DASH

    ideas_by_cause: dict[str, list[str]] = {}
    for idea in ws.ideas:
        for cause_id in idea.causes:
            ideas_by_cause.setdefault(cause_id, []).append(idea.id)
    rows = []
    for problem in ws.problems:
        steps = f.joined(list(problem.steps))
        causes = ws.causes_of(problem.id) or (None,)
        for cause in causes:
            ideas = ideas_by_cause.get(cause.id, []) if cause else []
            in_pilot = [i for i in ideas if i in chosen]
            rows.append(
                (
                    steps,
                    f"{ctx.id(problem.id)} {short(problem.text, 24)}",
                    f"{ctx.id(cause.id)} {short(cause.text, 24)}" if cause else DASH,
                    f.joined(
                        [ctx.idea_label(i, 20) + (" ★" if i in chosen else "") for i in ideas]
                    ),
                    kpis_of(in_pilot) if in_pilot else DASH,
                )
            )
    if rows:
        blocks.append(
            Table(
                tuple(
                    ctx.tr(f"report.col.{c}") for c in ("steps", "problem", "cause", "idea", "kpi")
                ),
                tuple(rows),
                name="trace",
                wide=frozenset({1, 2, 3}),
                caption=ctx.tr("report.caption.trace"),
            )
        )
    else:
        blocks.append(ctx.missing())

    return blocks


def _participants(ctx: Context) -> list[Block]:
    """The members, or why they are not named when voting is anonymous."""
    ws = ctx.ws
    blocks: list[Block] = []
    blocks.append(Heading(ctx.tr("report.h.participants")))
    if ws.voting.anonymous:
        blocks.append(Paragraph(ctx.tr("report.text.anonymous"), "muted"))
    elif ws.members:
        blocks.append(
            Table(
                tuple(ctx.tr(f"report.col.{c}") for c in ("name", "member_id", "role")),
                tuple((m.name, m.id, ctx.tr(f"report.role.{m.role.value}")) for m in ws.members),
                name="participants",
            )
        )
    else:
        blocks.append(ctx.missing())

    return blocks


def _decisions(ctx: Context) -> list[Block]:
    """The decisions log, oldest first."""
    ws, f = ctx.ws, ctx.f
    blocks: list[Block] = []
    blocks.append(Heading(ctx.tr("report.h.decisions")))
    if ws.decisions:
        blocks.append(
            Table(
                tuple(ctx.tr(f"report.col.{c}") for c in ("date", "decision", "owner")),
                tuple(
                    (f.date(d.date), d.text, ctx.member_name(d.owner) if d.owner else DASH)
                    for d in sorted(ws.decisions, key=lambda d: d.date)
                ),
                name="decisions",
            )
        )
    else:
        blocks.append(ctx.missing())

    return blocks


def _basis(ctx: Context) -> list[Block]:
    """The settings the estimates rest on, and the data's revision."""
    ws, f = ctx.ws, ctx.f
    blocks: list[Block] = []
    blocks.append(Heading(ctx.tr("report.h.basis")))
    s = ws.settings
    blocks.append(
        KeyValues(
            (
                (
                    ctx.tr("report.field.annual_hours_per_person"),
                    f.hours(s.annual_hours_per_person),
                ),
                (ctx.tr("report.field.hourly_cost"), f.money(s.hourly_cost)),
                (
                    ctx.tr("report.field.annual_cases"),
                    f.num(s.annual_cases) if s.annual_cases is not None else DASH,
                ),
                (ctx.tr("report.field.quadrant_split"), f.num(s.quadrant_split, 1)),
                (ctx.tr("report.field.disagreement_iqr"), f.num(s.disagreement_iqr, 1)),
                (ctx.tr("report.field.revision"), str(ws.revision)),
            )
        )
    )
    return blocks

    return blocks
