"""Section 3 of the results report: each KPI's baseline, target, measurements and 達成率, with a
chart and the data behind it as a table."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cocreate.reports.document import DASH, Block, Heading, Image, Paragraph, Table
from cocreate.reports.results.context import Context

if TYPE_CHECKING:
    from cocreate.verify.evaluate import KpiResult

__all__ = ["kpis"]


def kpis(c: Context) -> list[Block]:
    """The KPI table, the definition of 達成率, then a chart and a data table per KPI."""
    results = c.result.kpis
    if not results:
        return [c.missing()]
    rows = []
    for k in results:
        target = c.value(k.kpi, k.target)
        if k.plan.target_projected:
            target += c.tr("results.text.projected")
        latest = k.latest
        rows.append(
            (
                k.kpi.id,
                k.kpi.name,
                c.value(k.kpi, k.baseline),
                target,
                c.value(k.kpi, latest.value) if latest else DASH,
                c.f.date(latest.date) if latest else DASH,
                c.rate(k.achievement),
                c.verdict(k.verdict),
                ", ".join(m.id for m in k.measurements) or DASH,
            )
        )
    headers = c.columns(
        "id", "kpi", "baseline", "target", "latest", "date", "achievement", "verdict", "evidence"
    )
    blocks: list[Block] = [
        Heading(c.tr("results.h.kpi_table")),
        Table(
            headers,
            tuple(rows),
            numeric=frozenset({2, 3, 4, 6}),
            name="kpis",
            ids=frozenset({0, 2, 3, 4, 5, 6, 7}),
        ),
        Paragraph(c.tr("results.text.achievement"), "muted"),
    ]
    for k in results:
        blocks += _detail(c, k)
    return blocks


def _detail(c: Context, k: KpiResult) -> list[Block]:
    blocks: list[Block] = [Heading(f"{k.kpi.id} {k.kpi.name}", 4)]
    if not k.measurements:
        return [*blocks, Paragraph(c.tr("results.text.not_measured"), "note")]
    if c.figures:
        from cocreate.reports.results.charts import kpi_chart

        png = kpi_chart(k, c.lang, period=c.period, label=lambda v: c.value(k.kpi, v))
        caption = c.tr("results.caption.kpi", id=k.kpi.id, name=k.kpi.name)
        image = Image(f"kpi-{k.kpi.id}", caption, _alt(c, k), png)
        c.images.append(image)
        blocks.append(image)
    rows = []
    for m in k.measurements:
        note = m.note or DASH
        if m.variant:
            note = c.tr("results.text.from_map", variant=m.variant, note=m.note or "")
        by = c.member(m.by) if m.by else DASH
        method = c.tr(f"verify.method.{m.method.value}")
        rows.append((m.id, c.f.date(m.date), c.value(k.kpi, m.value), method, by, note))
    headers = c.columns("measurement", "date", "value", "method", "by", "note")
    blocks.append(
        Table(
            headers,
            tuple(rows),
            numeric=frozenset({2}),
            name=f"measurements-{k.kpi.id}",
            ids=frozenset({0, 1, 2, 3}),
            wide=frozenset({5}),
        )
    )
    return blocks


def _alt(c: Context, k: KpiResult) -> str:
    """The chart in words, for a screen reader and for a reader of the Markdown source."""
    points = c.f.joined([f"{c.f.date(m.date)} {c.value(k.kpi, m.value)}" for m in k.measurements])
    return c.tr(
        "results.alt.kpi",
        id=k.kpi.id,
        name=k.kpi.name,
        baseline=c.value(k.kpi, k.baseline),
        target=c.value(k.kpi, k.target),
        points=points,
        verdict=c.verdict(k.verdict),
    )
