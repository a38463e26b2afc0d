"""Section 4 of the results report: 業務量の比較, the workload survey before and after the
pilot, and the saving estimated and verified, idea by idea."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cocreate.reports.document import DASH, Block, Cell, Heading, KeyValues, Paragraph, Table
from cocreate.reports.format import short
from cocreate.reports.results.context import Context

if TYPE_CHECKING:
    from cocreate.verify.evaluate import StepChange

__all__ = ["WORKLOAD_METRICS", "workload"]

#: The map metrics compared before and after, in this order.
WORKLOAD_METRICS = (
    "annual_hours",
    "person_years",
    "cost",
    "lead_time_minutes",
    "work_minutes",
    "handoffs",
    "paper_touches",
    "seal_touches",
    "counter_touches",
)


def workload(c: Context) -> list[Block]:
    """Before, estimated and after for each metric; the saving; the difference per idea."""
    from cocreate.process.metrics import metric_value

    f, survey, savings = c.f, c.result.resurvey, c.result.savings
    blocks: list[Block] = []
    if survey is None:
        blocks.append(Paragraph(c.tr("results.text.no_resurvey"), "note"))
    else:
        variant = c.ws.variant(survey.variant)
        text = c.tr(
            "results.text.resurvey",
            variant=survey.variant,
            name=variant.name if variant else survey.variant,
            cases=f.num(survey.tobe_cases),
            baseline=f.num(survey.baseline_cases),
        )
        blocks.append(Paragraph(text))
        rows = []
        for name in WORKLOAD_METRICS:
            before, after = metric_value(survey.before, name), metric_value(survey.after, name)
            expected = metric_value(survey.expected, name) if survey.expected else None
            rows.append(
                (
                    c.tr(f"report.metric.{name}"),
                    f.metric(name, before),
                    f.metric(name, expected),
                    f.metric(name, after),
                    _change(c, name, after - before),
                )
            )
        headers = c.columns("metric", "before", "expected", "after", "change")
        blocks.append(Table(headers, tuple(rows), numeric=frozenset({1, 2, 3, 4}), name="workload"))
    blocks.append(Heading(c.tr("results.h.saving")))
    difference = savings.difference
    rows_kv = (
        (c.tr("results.field.estimated"), c.saving(savings.estimated)),
        (c.tr("results.field.verified"), c.saving(savings.verified)),
        (
            c.tr("results.field.difference"),
            c.tr("report.unit.hours", value=c.signed(difference))
            if difference is not None
            else DASH,
        ),
    )
    blocks.append(KeyValues(rows_kv, "effect"))
    if savings.source == "kpi":
        text = c.tr("results.text.saving_from_kpi", ids=c.ids(savings.measurements))
        blocks.append(Paragraph(text, "muted"))
    if savings.by_idea:
        blocks.append(Heading(c.tr("results.h.by_idea")))
        by_idea_rows: list[tuple[Cell, ...]] = []
        for group in savings.by_idea:
            ideas = (
                " + ".join(c.idea(i, 18) for i in group.ideas)
                if group.ideas
                else c.tr("results.text.no_idea")
            )
            by_idea_rows.append(
                (
                    ideas,
                    f.num(group.estimated_hours),
                    f.num(group.verified_hours),
                    c.signed(group.difference),
                    tuple(_step(c, s) for s in group.steps),
                )
            )
        headers = c.columns("idea", "estimated", "verified", "difference", "explanation")
        blocks.append(
            Table(
                headers,
                tuple(by_idea_rows),
                numeric=frozenset({1, 2, 3}),
                name="by_idea",
                wide=frozenset({0, 4}),
                caption=c.tr("results.caption.by_idea"),
            )
        )
    return blocks


def _change(c: Context, name: str, diff: float) -> str:
    sign = "−" if diff < -1e-9 else "+" if diff > 1e-9 else "±"
    if name == "lead_time_minutes":
        return sign + c.tr("report.unit.minutes", value=c.f.num(abs(diff)))
    return sign + c.f.metric(name, abs(diff))


def _step(c: Context, s: StepChange) -> str:
    """One step's minutes before → estimated → measured, and its cases a year."""

    def minutes(value: float | None) -> str:
        if value is None:
            return c.tr("results.text.removed")
        value = round(value, 1)
        return c.tr("report.unit.minutes", value=c.f.num(value, 0 if value.is_integer() else 1))

    return c.tr(
        "results.text.step_change",
        step=s.step,
        name=short(s.name, 16),
        before=minutes(s.before_minutes) if s.before_minutes is not None else DASH,
        expected=minutes(s.expected_minutes) if s.before_minutes is not None else DASH,
        measured=minutes(s.measured_minutes),
        volume_before=c.f.num(s.before_volume),
        volume_after=c.f.num(s.measured_volume),
    )
