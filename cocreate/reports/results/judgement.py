"""Sections 5 to 7 of the results report: 判断基準の評価, 課題と対応 and 結論と次の展開."""

from __future__ import annotations

from cocreate.reports.document import DASH, Block, BulletList, Heading, KeyValues, Paragraph, Table
from cocreate.reports.results.context import Context

__all__ = ["conclusion", "criteria", "issues"]


def criteria(c: Context) -> list[Block]:
    """Each rollout criterion: its conditions, what was measured, the verdict and evidence."""
    rows = []
    for r in c.result.criteria:
        conditions = tuple(
            c.tr(
                "results.text.condition",
                kpi=cond.condition.kpi,
                op="≤" if cond.lower_is_better else "≥",
                threshold=c.kpi_value(cond.condition.kpi, cond.threshold),
            )
            for cond in r.conditions
        ) or (c.tr(f"verify.reason.{r.reason}"),)
        measured = tuple(
            c.kpi_value(cond.condition.kpi, cond.latest.value)
            if cond.latest
            else c.tr(f"verify.reason.{cond.reason or 'no-measurement'}")
            for cond in r.conditions
        ) or (DASH,)
        evidence = ", ".join(r.evidence) or DASH
        rows.append((r.ref, r.criterion.text, conditions, measured, c.verdict(r.verdict), evidence))
    if not rows:
        return [c.missing()]
    headers = c.columns("id", "criterion", "condition", "measured", "verdict", "evidence")
    return [
        Table(headers, tuple(rows), name="criteria", ids=frozenset({0, 4}), wide=frozenset({1})),
        Paragraph(c.tr("results.text.criteria_rule"), "muted"),
    ]


def issues(c: Context) -> list[Block]:
    """The issues recorded with their responses, then what the figures themselves point at."""
    blocks: list[Block] = [Heading(c.tr("results.h.recorded_issues"))]
    recorded = c.ws.pilot.issues
    if recorded:
        rows = tuple(
            (i.id, i.text, i.response or DASH, ", ".join(i.kpis) or DASH) for i in recorded
        )
        headers = c.columns("id", "issue", "response", "kpi")
        blocks.append(
            Table(headers, rows, name="issues", ids=frozenset({0, 3}), wide=frozenset({1, 2}))
        )
    else:
        blocks.append(c.missing())
    notes = []
    for k in c.result.kpis:
        if k.verdict.value == "not-met":
            notes.append(
                c.tr(
                    "results.text.kpi_missed",
                    id=k.kpi.id,
                    name=k.kpi.name,
                    latest=c.value(k.kpi, k.latest.value if k.latest else None),
                    target=c.value(k.kpi, k.target),
                    rate=c.rate(k.achievement),
                )
            )
        elif k.latest is None:
            notes.append(c.tr("results.text.kpi_unmeasured", id=k.kpi.id, name=k.kpi.name))
    for r in c.result.criteria:
        if r.verdict.value == "not-measurable":
            notes.append(
                c.tr("results.text.criterion_unmeasurable", id=r.ref, text=r.criterion.text)
            )
    for task in c.ws.pilot.tasks:
        if task.status.value == "cancelled":
            notes.append(c.tr("results.text.task_cancelled", id=task.id, title=task.title))
    for group in c.result.savings.by_idea:
        if group.ideas and group.difference < -1e-9:
            ideas = ", ".join(c.id(i) for i in group.ideas)
            hours = c.f.hours(-group.difference)
            notes.append(c.tr("results.text.idea_short", ideas=ideas, hours=hours))
    if notes:
        blocks += [Heading(c.tr("results.h.noticed")), BulletList(tuple(notes))]
    return blocks


def conclusion(c: Context) -> list[Block]:
    """The decision: outcome, date, who, the next scope and from when, and the reasons."""
    f, decision = c.f, c.decision
    if decision is None or decision.rollout is None:
        return [Paragraph(c.tr("results.text.no_decision"), "note")]
    rollout = decision.rollout
    rows = (
        (c.tr("results.field.outcome"), c.tr(f"verify.outcome.{rollout.outcome.value}")),
        (c.tr("results.field.decided_on"), f.date(decision.date)),
        (c.tr("results.field.decided_by"), c.member(decision.owner)),
        (c.tr("results.field.next_units"), f.joined(list(rollout.units))),
        (c.tr("results.field.next_start"), f.date(rollout.start)),
    )
    return [
        KeyValues(rows, "summary"),
        Heading(c.tr("results.h.reasons")),
        BulletList(rollout.reasons, ordered=True),
    ]
