"""Section 5, スモールスタート計画: scope, team, schedule and communication rules."""

from __future__ import annotations

from cocreate.reports.document import DASH, Block, Heading, KeyValues, Paragraph, Table
from cocreate.reports.sections.context import Context


def build(ctx: Context) -> list[Block]:
    pilot, f = ctx.ws.pilot, ctx.f
    if pilot.is_empty():
        return [Paragraph(ctx.tr("report.text.no_pilot"), "note")]
    blocks: list[Block] = [Heading(ctx.tr("report.h.scope"))]
    blocks.append(
        KeyValues(
            (
                (ctx.tr("report.field.title"), pilot.title or DASH),
                (
                    ctx.tr("report.field.ideas"),
                    f.joined([ctx.idea_label(i) for i in pilot.ideas]),
                ),
                (ctx.tr("report.field.unit"), pilot.scope_unit or DASH),
                (
                    ctx.tr("report.field.steps"),
                    f.joined([ctx.step_label(s) for s in pilot.scope_steps]),
                ),
                (ctx.tr("report.field.period"), ctx.period()),
            )
        )
    )
    blocks.append(Paragraph(ctx.tr("report.text.small_start"), "muted"))

    blocks.append(Heading(ctx.tr("report.h.team")))
    team = []
    if pilot.owner and pilot.owner not in {p.member for p in pilot.team}:
        team.append(
            (ctx.member_name(pilot.owner), pilot.owner, ctx.tr("report.text.owner_mark"), "")
        )
    for person in pilot.team:
        mark = ctx.tr("report.text.owner_mark") if person.member == pilot.owner else ""
        team.append((ctx.member_name(person.member), person.member, mark, person.role or DASH))
    if team:
        blocks.append(
            Table(
                tuple(ctx.tr(f"report.col.{c}") for c in ("name", "member_id", "owner", "role")),
                tuple(team),
                name="team",
            )
        )
        blocks.append(Paragraph(ctx.tr("report.text.one_owner"), "muted"))
    else:
        blocks.append(ctx.missing())
    from cocreate.reports.results.plan import task_table  # the pilot's tasks, one owner each

    tasks = task_table(ctx.ws, ctx.f.lang, ctx.f)
    if tasks is not None:
        blocks += [Heading(ctx.tr("results.h.tasks")), tasks]

    blocks.append(Heading(ctx.tr("report.h.schedule")))
    if pilot.milestones:
        rows = []
        for stone in sorted(pilot.milestones, key=lambda m: m.date):
            week = ""
            if pilot.start is not None:
                week = ctx.tr("report.text.week", n=(stone.date - pilot.start).days // 7 + 1)
            rows.append((f.date(stone.date), week, stone.text))
        blocks.append(
            Table(
                tuple(ctx.tr(f"report.col.{c}") for c in ("date", "week", "milestone")),
                tuple(rows),
                name="milestones",
            )
        )
    else:
        blocks.append(ctx.missing())

    blocks.append(Heading(ctx.tr("report.h.communication")))
    com = pilot.communication
    blocks.append(
        KeyValues(
            (
                (ctx.tr("report.field.channel"), com.channel or DASH),
                (ctx.tr("report.field.shared"), com.shared or DASH),
                (ctx.tr("report.field.audience"), com.audience or DASH),
                (ctx.tr("report.field.meetings"), com.meetings or DASH),
            )
        )
    )
    return blocks
