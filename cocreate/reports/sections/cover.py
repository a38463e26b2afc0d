"""The cover table and the summary (要旨) that open the report."""

from __future__ import annotations

from cocreate.reports.document import DASH, Block, KeyValues
from cocreate.reports.sections.context import Context


def cover(ctx: Context, date: str) -> KeyValues:
    meta, pilot = ctx.ws.meta, ctx.ws.pilot
    rows = [
        (ctx.tr("report.cover.date"), date),
        (ctx.tr("report.cover.organisation"), meta.organisation or DASH),
        (ctx.tr("report.cover.area"), meta.business_area or DASH),
        (ctx.tr("report.cover.workshop"), meta.title),
        (ctx.tr("report.cover.dates"), ctx.f.joined([ctx.f.date(d) for d in meta.dates])),
        (
            ctx.tr("report.cover.facilitator"),
            ctx.member_name(meta.facilitator) if meta.facilitator else DASH,
        ),
        (ctx.tr("report.cover.owner"), ctx.member_name(pilot.owner) if pilot.owner else DASH),
    ]
    return KeyValues(tuple(rows), "cover")


def summary(ctx: Context) -> tuple[Block, ...]:
    pilot, facts = ctx.ws.pilot, ctx.facts
    rows: list[tuple[str, str]] = [
        (ctx.tr("report.summary.proposal"), pilot.title or DASH),
        (
            ctx.tr("report.summary.ideas"),
            ctx.f.joined([ctx.idea_label(i, 30) for i in pilot.ideas]),
        ),
        (ctx.tr("report.summary.scope"), pilot.scope_unit or DASH),
        (ctx.tr("report.summary.period"), ctx.period()),
        (
            ctx.tr("report.summary.owner"),
            ctx.member_name(pilot.owner) if pilot.owner else DASH,
        ),
    ]
    if facts.pilot_hours_saved is not None and facts.metrics is not None:
        settings = ctx.ws.settings
        saved = facts.pilot_hours_saved
        rows.append(
            (
                ctx.tr("report.summary.effect"),
                ctx.tr(
                    "report.summary.effect_value",
                    hours=ctx.f.hours(saved),
                    share=ctx.f.percent(
                        saved / facts.metrics.annual_hours if facts.metrics.annual_hours else 0
                    ),
                    person_years=ctx.f.person_years(
                        saved / settings.annual_hours_per_person
                        if settings.annual_hours_per_person
                        else 0
                    ),
                    cost=ctx.f.money(saved * settings.hourly_cost),
                ),
            )
        )
    rows.append((ctx.tr("report.summary.decision"), decision_asked(ctx)))
    return (KeyValues(tuple(rows), "summary"),)


def decision_asked(ctx: Context) -> str:
    pilot = ctx.ws.pilot
    if pilot.is_empty():
        return ctx.tr("report.text.no_pilot")
    return ctx.tr(
        "report.summary.decision_value",
        weeks=pilot.weeks or DASH,
        scope=pilot.scope_unit or DASH,
    )
