"""The checks of the pilot's tasks, measurements, criteria and decision, for ``cocreate check``.

:func:`errors` lists what makes the workshop inconsistent (dangling references, bad or
duplicate ids, a negative value, a decision without reasons); :func:`warnings` what the
facilitator should look at (a task without an owner, an overdue task, a milestone outside
the pilot period, a measurement dated before the pilot or out of its KPI's range, a
criterion not linked to a KPI). Neither runs an analysis, so loading stays light.
``cocreate.integrity`` and ``cocreate.review`` call each in one line.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from cocreate.integrity import ERROR, WARNING, Finding
from cocreate.model import ID_PATTERN, Outcome, VariantKind, Workshop
from cocreate.paths import WORKSHOP_FILE
from cocreate.verify.period import pilot_period

__all__ = ["errors", "warnings"]

_Add = Callable[[str, str, str, str], None]


def _ids(items: Iterable, name: str, kind: str, add: _Add) -> None:
    seen: set[str] = set()
    for i, item in enumerate(items):
        if not ID_PATTERN.match(item.id):
            add(f"{name}[{i}].id", f"{item.id!r} is not a valid id", "bad-id", item.id)
        elif item.id in seen:
            add(f"{name}[{i}].id", f"duplicate {kind} id {item.id!r}", "duplicate-id", item.id)
        seen.add(item.id)


def errors(workshop: Workshop) -> list[Finding]:
    """What makes the pilot's verification data inconsistent, in file order."""
    out: list[Finding] = []

    def err(where: str, message: str, code: str = "", subject: str = "") -> None:
        out.append(Finding(ERROR, WORKSHOP_FILE, where, message, code, subject))

    pilot = workshop.pilot
    members = {m.id for m in workshop.members}
    kpis = {k.id for k in pilot.kpis}
    _ids(pilot.tasks, "pilot.tasks", "task", err)
    _ids(pilot.measurements, "pilot.measurements", "measurement", err)
    _ids(pilot.criteria, "pilot.criteria", "criterion", err)
    _ids(pilot.issues, "pilot.issues", "issue", err)

    def member(where: str, ref: str, subject: str) -> None:
        if ref and ref not in members:
            err(where, f"{ref!r} is not a member", "unknown-ref", subject)

    def kpi(where: str, ref: str, subject: str) -> None:
        if ref not in kpis:
            err(where, f"unknown KPI {ref!r}", "unknown-ref", subject)

    for i, task in enumerate(pilot.tasks):
        where = f"pilot.tasks[{i}]"
        if not task.title.strip():
            err(f"{where}.title", "must not be empty", "empty", task.id)
        member(f"{where}.owner", task.owner, task.id)
        for j, helper in enumerate(task.helpers):
            member(f"{where}.helpers[{j}]", helper, task.id)
    tobe = {v.id for v in workshop.variants if v.kind == VariantKind.TO_BE}
    for i, measurement in enumerate(pilot.measurements):
        where = f"pilot.measurements[{i}]"
        kpi(f"{where}.kpi", measurement.kpi, measurement.id)
        member(f"{where}.by", measurement.by, measurement.id)
        if measurement.value < 0:
            text = f"must not be negative ({measurement.value:g})"
            err(f"{where}.value", text, "range", measurement.id)
        if measurement.variant and measurement.variant not in tobe:
            text = f"no to-be variant {measurement.variant!r}"
            err(f"{where}.variant", text, "unknown-ref", measurement.id)
    for i, criterion in enumerate(pilot.criteria):
        if not criterion.text.strip():
            err(f"pilot.criteria[{i}].text", "must not be empty", "empty", criterion.id)
        for j, condition in enumerate(criterion.conditions):
            kpi(f"pilot.criteria[{i}].conditions[{j}].kpi", condition.kpi, criterion.id)
    for i, issue in enumerate(pilot.issues):
        if not issue.text.strip():
            err(f"pilot.issues[{i}].text", "must not be empty", "empty", issue.id)
        for j, ref in enumerate(issue.kpis):
            kpi(f"pilot.issues[{i}].kpis[{j}]", ref, issue.id)
    for i, decision in enumerate(workshop.decisions):
        rollout = decision.rollout
        if rollout is None:
            continue
        where = f"decisions[{i}]"
        if not any(r.strip() for r in rollout.reasons):
            err(f"{where}.rollout.reasons", "a decision needs at least one reason", "no-reason")
        if not decision.owner:
            err(f"{where}.owner", "say who made the decision", "no-owner")
        member(f"{where}.owner", decision.owner, "")
        if rollout.outcome == Outcome.ROLLOUT and not rollout.units:
            text = "a rollout (横展開) needs its next scope: the bureaus or units"
            err(f"{where}.rollout.units", text, "no-scope")
    return out


def warnings(workshop: Workshop, *, today: dt.date | None = None) -> list[Finding]:
    """What the facilitator should look at in the pilot; ``today`` defaults to the real today."""
    from cocreate.verify.values import value_problem

    out: list[Finding] = []

    def warn(where: str, message: str, code: str, subject: str = "", **values: object) -> None:
        # The values let `check` say the message in Japanese (cli.finding.<code>[.<case>]).
        found = Finding(WARNING, WORKSHOP_FILE, where, message, code, subject,
                        tuple(values.items()))  # fmt: skip
        out.append(found)

    day = today or dt.date.today()
    pilot = workshop.pilot
    for i, task in enumerate(pilot.tasks):
        where = f"pilot.tasks[{i}]"
        if not task.owner:
            text = f"task {task.id!r} has no owner (主担当): give it exactly one"
            warn(f"{where}.owner", text, "task-no-owner", task.id)
        elif task.owner in task.helpers:
            text = f"task {task.id!r}: the owner {task.owner!r} is also listed as a helper"
            warn(f"{where}.helpers", text, "task-owner-helper", task.id, owner=task.owner)
        if task.due is not None and task.status.is_open and task.due < day:
            text = (
                f"task {task.id!r} is overdue: due {task.due.isoformat()},"
                f" {(day - task.due).days} day(s) ago, and still {task.status.value}"
            )
            warn(f"{where}.due", text, "task-overdue", task.id, case=task.status.value,
                 due=task.due.isoformat(), days=(day - task.due).days)  # fmt: skip
    period = pilot_period(pilot)
    if period is not None:
        span = f"{period.start.isoformat()} to {period.end.isoformat() if period.end else '…'}"
        for i, stone in enumerate(pilot.milestones):
            days = period.days_outside(stone.date)
            if not days:
                continue
            side = f"{days} day(s) after it ends" if days > 0 else f"{-days} day(s) before it"
            text = (
                f"milestone {stone.text!r} on {stone.date.isoformat()} falls outside the"
                f" pilot period ({span}): {side}"
            )
            warn(f"pilot.milestones[{i}]", text, "milestone-outside", stone.text,
                 case="after" if days > 0 else "before", days=abs(days),
                 date=stone.date.isoformat(), start=period.start.isoformat(),
                 end=period.end.isoformat() if period.end else "…")  # fmt: skip
    kpis = {k.id: k for k in pilot.kpis}
    for i, measurement in enumerate(pilot.measurements):
        where = f"pilot.measurements[{i}]"
        if period is not None and measurement.date < period.start:
            text = (
                f"measurement {measurement.id!r} is dated {measurement.date.isoformat()},"
                f" before the pilot started ({period.start.isoformat()})"
            )
            warn(f"{where}.date", text, "measured-before-start", measurement.id,
                 date=measurement.date.isoformat(), start=period.start.isoformat())  # fmt: skip
        kpi = kpis.get(measurement.kpi)
        problem = value_problem(kpi, measurement.value) if kpi is not None else None
        if problem is not None and measurement.value >= 0:
            case, message, values = problem
            text = f"{values['value']} is {message}"
            warn(f"{where}.value", text, "measurement-range", measurement.id, case=case, **values)
    unlinked = "is not linked to a KPI, so it can never be judged met (cocreate criterion link)"
    for i, text in enumerate(pilot.rollout_criteria):
        message = f"rollout criterion {text!r} is free text: it {unlinked}"
        warn(f"pilot.rollout_criteria[{i}]", message, "criterion-unlinked", f"#{i + 1}")
    for i, criterion in enumerate(pilot.criteria):
        if not criterion.conditions:
            message = f"rollout criterion {criterion.id!r} {unlinked}"
            warn(f"pilot.criteria[{i}]", message, "criterion-unlinked", criterion.id)
    return out
