"""Sections 1 and 2 of the results report: 概要 (the pilot in brief) and 実施内容 (the tasks
with their owners, and the maps recorded as the process ran)."""

from __future__ import annotations

from typing import Any

from cocreate.i18n import t
from cocreate.model import Workshop
from cocreate.reports.document import DASH, Block, Heading, KeyValues, Paragraph, Table
from cocreate.reports.results.context import Context

__all__ = ["done", "overview", "task_table"]


def overview(c: Context) -> list[Block]:
    """概要: the purpose, the scope and period, and the result in two sentences."""
    pilot, f, counts = c.ws.pilot, c.f, c.result.counts
    blocks: list[Block] = [Heading(c.tr("results.h.purpose"))]
    blocks.append(Paragraph(pilot.purpose) if pilot.purpose.strip() else c.missing())
    blocks.append(Heading(c.tr("results.h.scope")))
    blocks.append(
        KeyValues(
            (
                (c.tr("report.field.title"), pilot.title or DASH),
                (c.tr("report.field.ideas"), f.joined([c.idea(i) for i in pilot.ideas])),
                (c.tr("report.field.unit"), pilot.scope_unit or DASH),
                (c.tr("report.field.steps"), f.joined([c.step(s) for s in pilot.scope_steps])),
                (c.tr("report.field.period"), c.period_text()),
            )
        )
    )
    blocks.append(Heading(c.tr("results.h.result")))
    text = c.tr(
        "results.text.overview",
        measurements=counts.get("measurements", 0),
        kpis=counts.get("kpis", 0),
        met=counts.get("kpis_met", 0),
        criteria=counts.get("criteria", 0),
        criteria_met=counts.get("criteria_met", 0),
        outcome=c.outcome(),
    )
    blocks.append(Paragraph(text))
    return blocks


def task_table(workshop: Workshop, lang: str, f: Any, name: str = "tasks") -> Table | None:
    """The pilot's tasks as a table: each with its one owner, helpers, dates and status.

    Shared by the results report and the proposal's plan; ``f`` is the report's formatter.
    ``None`` when the pilot has no task.
    """
    from cocreate.verify.tasks import task_rows

    def tr(key: str, **values: object) -> str:
        return t(key, lang, **values)

    rows = []
    for row in task_rows(workshop):
        task = row.task
        owner = f"{row.owner_name} ({task.owner})" if task.owner else tr("results.text.no_owner")
        dates: tuple[str, ...] = (tr("results.text.due", date=f.date(task.due)),)
        if task.done_on is not None:
            cancelled = task.status.value == "cancelled"
            key = "results.text.cancelled_on" if cancelled else "results.text.done_on"
            dates += (tr(key, date=f.date(task.done_on)),)
        status = tr(f"verify.status.{task.status.value}")
        helpers = tuple(row.helper_names) or (DASH,)
        rows.append((task.id, task.title, owner, helpers, dates, status, task.note or DASH))
    if not rows:
        return None
    columns = ("id", "task", "owner", "helpers", "dates", "status", "note")
    headers = tuple(tr(f"results.col.{c}") for c in columns)
    return Table(headers, tuple(rows), name=name, ids=frozenset({0, 3, 4, 5}),
                 wide=frozenset({1, 6}))  # fmt: skip


def done(c: Context) -> list[Block]:
    """実施内容: every task with its one owner, helpers, dates and status; the to-be maps."""
    f = c.f
    blocks: list[Block] = [Heading(c.tr("results.h.tasks"))]
    table = task_table(c.ws, c.lang, f)
    if table is None:
        blocks.append(c.missing())
    else:
        blocks.append(table)
        tasks = c.ws.pilot.tasks
        text = c.tr(
            "results.text.tasks",
            total=len(tasks),
            done=sum(t.status.value == "done" for t in tasks),
            cancelled=sum(t.status.value == "cancelled" for t in tasks),
        )
        blocks.append(Paragraph(text, "muted"))
    tobe = [v for v in c.ws.variants if v.kind.value == "to-be"]
    if tobe:
        blocks.append(Heading(c.tr("results.h.maps")))
        rows = [(v.id, v.name, v.unit or DASH, f.joined(list(v.sources))) for v in tobe]
        headers = c.columns("id", "map", "unit", "source")
        blocks.append(Table(headers, tuple(rows), name="maps", ids=frozenset({0})))
    return blocks
