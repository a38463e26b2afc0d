"""Section 6, KPIと効果試算: KPIs from baseline to target and the estimated effect."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from cocreate.reports.document import DASH, Block, Heading, KeyValues, Paragraph, Table
from cocreate.reports.sections.context import Context

if TYPE_CHECKING:
    from cocreate.process.tobe import Comparison


def kpi_values(ctx: Context) -> list[tuple[Any, float | None, float | None, str, str]]:
    """(kpi, baseline, target, baseline source, target note) for each KPI."""
    from cocreate.process.metrics import METRICS, metric_value

    m, comparison = ctx.facts.metrics, ctx.facts.comparison
    out = []
    for kpi in ctx.ws.pilot.kpis:
        baseline, target = kpi.baseline, kpi.target
        source = ctx.tr("report.text.source_given")
        note = ""
        if kpi.metric and kpi.metric in METRICS and m is not None:
            if baseline is None:
                baseline = metric_value(m, kpi.metric)
                source = ctx.tr(
                    "report.text.source_map", metric=ctx.tr(f"report.metric.{kpi.metric}")
                )
            if target is None and comparison is not None:
                target = metric_value(comparison.after, kpi.metric)
                note = ctx.tr("report.text.projected")
        out.append((kpi, baseline, target, source, note))
    return out


def kpi_value(ctx: Context, kpi: Any, value: float | None) -> str:
    """A KPI's value: in the metric's own unit when it comes from the map."""
    if kpi.metric:
        return ctx.f.metric(kpi.metric, value)
    return ctx.f.value(value, kpi.unit)


def build(ctx: Context) -> list[Block]:
    blocks: list[Block] = [Heading(ctx.tr("report.h.kpis"))]
    blocks += _kpi_table(ctx)
    blocks += _effect(ctx)
    if ctx.facts.metrics is not None and ctx.facts.comparison is not None:
        blocks += _before_after(ctx, ctx.facts.comparison)
    return blocks


def _kpi_table(ctx: Context) -> list[Block]:
    """Each KPI from its baseline to its target, with the change and sources."""
    blocks: list[Block] = []
    rows = []
    for kpi, baseline, target, source, note in kpi_values(ctx):
        change = DASH
        if baseline is not None and target is not None and baseline:
            change = f"{(target - baseline) / abs(baseline) * 100:+.0f}%"
        rows.append(
            (
                kpi.id,
                kpi.name,
                kpi_value(ctx, kpi, baseline),
                kpi_value(ctx, kpi, target)
                + (
                    ("" if ctx.f.lang == "ja" else " ") + note
                    if note and target is not None
                    else ""
                ),
                change,
                source,
                kpi.measured_by or DASH,
            )
        )
    if rows:
        blocks.append(
            Table(
                tuple(
                    ctx.tr(f"report.col.{c}")
                    for c in (
                        "id",
                        "kpi",
                        "baseline",
                        "target",
                        "change",
                        "source",
                        "measured_by",
                    )
                ),
                tuple(rows),
                numeric=frozenset({2, 3, 4}),
                name="kpis",
                ids=frozenset({0}),
            )
        )
    else:
        blocks.append(ctx.missing())
    return blocks


def _effect(ctx: Context) -> list[Block]:
    """Hours, person-years and cost saved by the pilot's ideas, together and alone."""
    ws, f, facts = ctx.ws, ctx.f, ctx.facts
    blocks: list[Block] = []
    blocks.append(Heading(ctx.tr("report.h.effect")))
    if facts.metrics is None or facts.comparison is None:
        blocks.append(
            Paragraph(ctx.tr("report.text.metrics_error", reason=facts.metrics_error), "note")
        )
        return blocks
    settings = ws.settings
    saved = facts.pilot_hours_saved or 0.0
    per_person = settings.annual_hours_per_person or 0
    blocks.append(
        KeyValues(
            (
                (ctx.tr("report.field.hours_saved"), f.hours(saved)),
                (
                    ctx.tr("report.field.person_years_saved"),
                    f.person_years(saved / per_person if per_person else 0),
                ),
                (ctx.tr("report.field.cost_saved"), f.money(saved * settings.hourly_cost)),
            ),
            "effect",
        )
    )
    by_idea = []
    for idea_id in ws.pilot.ideas:
        hours = facts.hours_by_idea.get(idea_id)
        by_idea.append(
            (
                ctx.idea_label(idea_id),
                f.hours(hours),
                f.person_years(hours / per_person if hours and per_person else 0),
            )
        )
    if by_idea:
        blocks.append(
            Table(
                (
                    ctx.tr("report.col.idea"),
                    ctx.tr("report.col.hours_saved"),
                    ctx.tr("report.col.person_years"),
                ),
                tuple(by_idea),
                numeric=frozenset({1, 2}),
                name="saved_by_idea",
                caption=ctx.tr("report.caption.saved_by_idea"),
            )
        )

    return blocks


def _before_after(ctx: Context, comparison: Comparison) -> list[Block]:
    """The process before and after the pilot's ideas, metric by metric."""
    f = ctx.f
    blocks: list[Block] = []
    blocks.append(Heading(ctx.tr("report.h.before_after")))
    before, after = comparison.before, comparison.after
    names = (
        "annual_hours",
        "person_years",
        "cost",
        "lead_time_minutes",
        "cycle_efficiency",
        "handoffs",
        "paper_touches",
        "seal_touches",
        "counter_touches",
        "loops",
    )
    from cocreate.process.metrics import metric_value

    table = []
    for name in names:
        b, a = metric_value(before, name), metric_value(after, name)
        diff = a - b
        sign = "−" if diff < -1e-9 else "+" if diff > 1e-9 else "±"
        if name == "cycle_efficiency":
            diff_text = f"{sign}{abs(diff) * 100:.1f} pt"
        elif name == "lead_time_minutes":
            diff_text = sign + ctx.tr("report.unit.minutes", value=f.num(abs(diff)))
        else:
            diff_text = sign + f.metric(name, abs(diff))
        table.append(
            (ctx.tr(f"report.metric.{name}"), f.metric(name, b), f.metric(name, a), diff_text)
        )
    blocks.append(
        Table(
            tuple(ctx.tr(f"report.col.{c}") for c in ("metric", "before", "after", "diff")),
            tuple(table),
            numeric=frozenset({1, 2, 3}),
            name="before_after",
        )
    )
    if comparison.eliminated:
        blocks.append(
            Paragraph(
                ctx.tr(
                    "report.text.eliminated",
                    steps=f.joined([ctx.step_label(s) for s in comparison.eliminated]),
                )
            )
        )
    blocks.append(Paragraph(ctx.tr("report.text.effect_note"), "muted"))
    return blocks

    return blocks
