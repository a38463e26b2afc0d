"""Section 8 of the results report: where each figure comes from, and the basis of the figures."""

from __future__ import annotations

from cocreate.reports.document import DASH, Block, Heading, KeyValues, Paragraph, Table
from cocreate.reports.format import short
from cocreate.reports.results.context import Context

__all__ = ["appendix"]


def appendix(c: Context) -> list[Block]:
    """A table tracing every figure to its KPI, measurement, idea, cause and problem ids."""
    from cocreate.verify.trace import traces

    by_kpi = {k.kpi.id: k for k in c.result.kpis}
    by_ref = {r.ref: r for r in c.result.criteria}
    savings = c.result.savings
    groups = {"+".join(g.ideas): g for g in savings.by_idea}
    rows = []
    for trace in traces(c.ws, c.result):
        if trace.kind == "kpi":
            k = by_kpi[trace.subject]
            figure = f"{k.kpi.id} {short(k.kpi.name, 18)}"
            value = c.value(k.kpi, k.latest.value if k.latest else None)
        elif trace.kind == "saving":
            figure = c.tr("results.text.trace_saving")
            value = c.hours(savings.verified.hours if savings.verified else None)
        elif trace.kind == "idea-saving":
            group = groups[trace.subject]
            ideas = c.ids(group.ideas) if group.ideas else c.tr("results.text.no_idea")
            figure = c.tr("results.text.trace_idea", ideas=ideas)
            value = c.hours(group.verified_hours)
        else:
            r = by_ref[trace.subject]
            figure = f"{r.ref} {short(r.criterion.text, 18)}"
            value = c.verdict(r.verdict)
        rows.append(
            (
                figure,
                value,
                c.ids(trace.kpis),
                c.ids(trace.measurements),
                c.ids(trace.ideas),
                c.ids(trace.causes),
                c.ids(trace.problems),
            )
        )
    headers = c.columns("figure", "value", "kpi", "measurement", "idea", "cause", "problem")
    blocks: list[Block] = [
        Heading(c.tr("results.h.trace")),
        Table(
            headers,
            tuple(rows),
            name="trace",
            numeric=frozenset({1}),
            wide=frozenset({0}),
            caption=c.tr("results.caption.trace"),
        ),
        Heading(c.tr("results.h.basis")),
    ]
    s, f, survey = c.ws.settings, c.f, c.result.resurvey
    scale = (
        c.tr("results.text.scale", scale=f.num(survey.scale, 2), cases=f.num(survey.tobe_cases))
        if survey
        else DASH
    )
    rows_kv = (
        (c.tr("report.field.annual_hours_per_person"), f.hours(s.annual_hours_per_person)),
        (c.tr("report.field.hourly_cost"), f.money(s.hourly_cost)),
        (c.tr("report.field.annual_cases"), f.num(s.annual_cases) if s.annual_cases else DASH),
        (c.tr("results.field.scale"), scale),
        (c.tr("report.field.revision"), str(c.ws.revision)),
    )
    blocks += [KeyValues(rows_kv), Paragraph(c.tr("results.text.definitions"), "muted")]
    return blocks
