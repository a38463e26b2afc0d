"""After the pilot: ``task``, ``measure``, ``import tobe``, ``criterion``, ``issue``, ``decide``
and ``evaluate``.

Every change goes through :func:`cocreate.storage.update_workshop`: the workshop is read,
changed by a pure function of :mod:`cocreate.verify` and written atomically under the
file's lock, so nothing is half-written and two people recording at once lose nothing.
A bad value stops the command before anything is written, with one line naming the
workshop (or the file and row) and the option at fault, and exit status 2. Commands that
create something print its id on stdout, alone on its line.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from cocreate import storage
from cocreate.errors import InputError
from cocreate.model import MeasurementMethod, Outcome, TaskStatus, Workshop

__all__ = ["ORDER", "register"]

ORDER = 45

#: Field names the domain reports -> the option a user typed.
_OPTIONS = {
    "title": "--title",
    "owner": "--owner",
    "helpers": "--helpers",
    "status": "--status",
    "kpi": "--kpi",
    "value": "--value",
    "date": "--date",
    "method": "--method",
    "by": "--by",
    "variant": "--variant",
    "reasons": "--reason",
    "units": "--units",
    "outcome": "--outcome",
    "text": "--text",
    "annual_cases": "--cases",
}


#: The default of an option whose ``None`` means "clear it" (``--due none``).
_KEEP = object()


def _list(text: str | None) -> list[str]:
    return [part.strip() for part in (text or "").split(",") if part.strip()]


def _date(text: str) -> dt.date:
    from cocreate.verify.values import parse_date

    try:
        return parse_date(text)
    except InputError as exc:
        raise argparse.ArgumentTypeError(exc.message) from None


def _optional_date(text: str) -> dt.date | None:
    return None if text.strip().lower() in ("", "none", "-") else _date(text)


def _folder(path: str) -> Path:
    folder = Path(path)
    if folder.is_file() and folder.name == storage.WORKSHOP_FILE:
        return folder.parent
    return folder


@contextmanager
def _options(folder: Path) -> Iterator[None]:
    """Name the workshop and the option in the domain's one-line errors."""
    try:
        yield
    except InputError as exc:
        if exc.path is not None:
            raise
        field = _OPTIONS.get(exc.field or "", exc.field)
        raise InputError(folder, exc.message, field=field) from None


def _update(folder: Path, change: Callable[[Workshop], Workshop]) -> Workshop:
    """Change and save the workshop atomically; the result must pass the workshop's checks."""
    from cocreate.validate import raise_first_error

    def checked(workshop: Workshop) -> Workshop:
        with _options(folder):
            updated = change(workshop)
        raise_first_error(updated, folder)
        return updated

    return storage.update_workshop(folder, checked)


def _lang(args: argparse.Namespace, workshop: Workshop) -> str:
    from cocreate.i18n import default_language

    return args.lang or workshop.settings.language or default_language()


def _lang_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--lang", choices=("ja", "en"), default=None, help="language of the labels")


def register(subparsers: argparse._SubParsersAction, groups: dict) -> None:
    _register_tasks(subparsers)
    _register_measure(subparsers, groups)
    _register_criteria(subparsers)
    _register_issues(subparsers)
    _register_decide(subparsers)


# =========================================================================== tasks


def _register_tasks(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "task",
        help="the pilot's tasks, each with exactly one owner (主担当)",
        description="Add, edit, complete, remove and list the pilot's tasks. Every task has"
        " exactly one owner (主担当) and may have helpers; `cocreate check` warns about a task"
        " without an owner and an overdue one.",
    )
    actions = p.add_subparsers(dest="task_action", metavar="ACTION", required=True)
    statuses = ", ".join(f"{s.value}" for s in TaskStatus)

    q = actions.add_parser("add", help="add a task; prints its id")
    q.add_argument("path", metavar="PATH", help="workshop folder")
    q.add_argument("--title", required=True, help="what is to be done")
    q.add_argument("--owner", default="", metavar="MEMBER", help="the one member who owns it")
    q.add_argument("--helpers", default="", metavar="M1,M2", help="members who help")
    q.add_argument("--due", type=_date, default=None, metavar="DATE", help="due date")
    q.add_argument("--status", default="not-started", help=f"one of {statuses} (or 未着手, ...)")
    q.add_argument("--note", default="", help="free text")
    q.set_defaults(func=cmd_task_add)

    q = actions.add_parser("edit", help="change some fields of a task")
    q.add_argument("path", metavar="PATH", help="workshop folder")
    q.add_argument("task", metavar="ID", help="the task's id, e.g. t3")
    q.add_argument("--title")
    q.add_argument("--owner", metavar="MEMBER")
    q.add_argument("--helpers", metavar="M1,M2", help="replaces the helpers ('' for none)")
    q.add_argument(
        "--due", type=_optional_date, default=_KEEP, metavar="DATE", help="a date, or none"
    )
    q.add_argument("--status", help=f"one of {statuses}")
    q.add_argument("--note")
    q.set_defaults(func=cmd_task_edit)

    q = actions.add_parser("done", help="mark a task done")
    q.add_argument("path", metavar="PATH", help="workshop folder")
    q.add_argument("task", metavar="ID", help="the task's id")
    q.add_argument("--on", type=_date, default=None, metavar="DATE", help="default: today")
    q.set_defaults(func=cmd_task_done)

    q = actions.add_parser("remove", help="remove a task")
    q.add_argument("path", metavar="PATH", help="workshop folder")
    q.add_argument("task", metavar="ID", help="the task's id")
    q.set_defaults(func=cmd_task_remove)

    q = actions.add_parser("list", help="list the tasks in due order, late ones marked")
    q.add_argument("path", metavar="PATH", help="workshop folder")
    q.add_argument("--json", action="store_true", help="print the tasks as JSON")
    q.add_argument("--today", type=_date, default=None, metavar="DATE", help="judge lateness as of")
    _lang_option(q)
    q.set_defaults(func=cmd_task_list)


def cmd_task_add(args: argparse.Namespace) -> int:
    from cocreate.verify.tasks import add_task

    folder = _folder(args.path)
    made = []

    def change(workshop: Workshop) -> Workshop:
        workshop, task = add_task(
            workshop,
            args.title,
            args.owner,
            helpers=_list(args.helpers),
            due=args.due,
            status=args.status,
            note=args.note,
        )
        made.append(task)
        return workshop

    _update(folder, change)
    task = made[0]
    print(task.id)
    if not task.owner:
        print(
            f"warning: task {task.id} has no owner (主担当); give it one with"
            f" `cocreate task edit {args.path} {task.id} --owner MEMBER`",
            file=sys.stderr,
        )
    return 0


def cmd_task_edit(args: argparse.Namespace) -> int:
    from cocreate.verify.tasks import edit_task

    changes: dict[str, Any] = {}
    for name in ("title", "owner", "status", "note"):
        if getattr(args, name) is not None:
            changes[name] = getattr(args, name)
    if args.helpers is not None:
        changes["helpers"] = _list(args.helpers)
    if args.due is not _KEEP:
        changes["due"] = args.due
    if not changes:
        raise InputError(None, "nothing to change: give --title, --owner, --due, --status, ...")
    _update(_folder(args.path), lambda w: edit_task(w, args.task, **changes)[0])
    return 0


def cmd_task_done(args: argparse.Namespace) -> int:
    from cocreate.verify.tasks import complete_task

    _update(_folder(args.path), lambda w: complete_task(w, args.task, on=args.on)[0])
    return 0


def cmd_task_remove(args: argparse.Namespace) -> int:
    from cocreate.verify.tasks import remove_task

    _update(_folder(args.path), lambda w: remove_task(w, args.task))
    return 0


def cmd_task_list(args: argparse.Namespace) -> int:
    from cocreate.i18n import t
    from cocreate.verify.tasks import task_rows

    workshop = storage.load(_folder(args.path))
    rows = task_rows(workshop, today=args.today)
    if args.json:
        print(
            json.dumps(
                [
                    {
                        "id": r.task.id,
                        "title": r.task.title,
                        "owner": r.task.owner,
                        "helpers": list(r.task.helpers),
                        "due": r.task.due.isoformat() if r.task.due else None,
                        "status": r.task.status.value,
                        "done_on": r.task.done_on.isoformat() if r.task.done_on else None,
                        "note": r.task.note,
                        "overdue_days": r.overdue_days,
                    }
                    for r in rows
                ],
                ensure_ascii=False,
                indent=2,
            )
        )
        return 0
    lang = _lang(args, workshop)
    if not rows:
        print("no tasks yet: add one with `cocreate task add PATH --title T --owner MEMBER`")
        return 0
    for r in rows:
        task = r.task
        status = t(f"verify.status.{task.status.value}", lang)
        due = task.due.isoformat() if task.due else "—"
        owner = f"{r.owner_name} ({task.owner})" if task.owner else "(no owner)"
        late = f"  overdue {r.overdue_days} day(s)" if r.overdue else ""
        helpers = f" + {', '.join(r.helper_names)}" if r.helper_names else ""
        print(f"{task.id:<5} {due:<10}  {status}  {task.title}  — {owner}{helpers}{late}")
    return 0


# =========================================================================== measurements


def _register_measure(subparsers: argparse._SubParsersAction, groups: dict) -> None:
    methods = ", ".join(f"{m.value}" for m in MeasurementMethod)
    p = subparsers.add_parser(
        "measure",
        help="record a KPI's measured value, import a table of them, or measure on a to-be map",
        description="Record measured KPI values. With --kpi, --value and --date: one value"
        " (a unit may follow the number: 8%%, 45分, 1.5時間). With --import: a CSV or XLSX of"
        " measurements (columns kpi, date, value, and optionally method, by, note), all"
        " rows or none. With --variant and --date: the workload survey re-run on a to-be"
        " map (see `cocreate import tobe`), one value for every KPI taken from the map."
        " With --remove: drop a measurement. With none of them: list the measurements.",
    )
    p.add_argument("path", metavar="PATH", help="workshop folder")
    what = p.add_mutually_exclusive_group()
    what.add_argument("--kpi", metavar="ID", help="the KPI measured (its id or its name)")
    what.add_argument("--import", dest="table", metavar="FILE", help="a CSV or XLSX to import")
    what.add_argument("--variant", metavar="ID", help="a to-be variant to re-run the survey on")
    what.add_argument("--remove", metavar="ID", help="remove the measurement with this id")
    p.add_argument("--value", help="the measured value, in the KPI's unit")
    p.add_argument("--date", type=_date, metavar="DATE", help="when it was measured")
    p.add_argument("--method", default="measured", help=f"one of {methods} (or 実測, ...)")
    p.add_argument("--by", default="", metavar="MEMBER", help="who measured it")
    p.add_argument("--note", default="", help="free text")
    p.add_argument("--json", action="store_true", help="list as JSON")
    p.set_defaults(func=cmd_measure)

    p = groups["import"].add_parser(
        "tobe",
        help="the process as it now runs (BPMN, step table or event log) as a to-be variant",
        description="Import a map of the process as it runs during the pilot, as a variant of"
        " kind to-be: a BPMN file, a step table (CSV/XLSX, as `import steps`) or, with"
        " --case/--activity/--timestamp, an event log from the pilot period (as `discover`)."
        " Keep the as-is's step ids for the same work so the evaluation can compare step by"
        " step. Then `cocreate measure PATH --variant ID --date D` records the map's KPIs.",
    )
    p.add_argument("file", metavar="FILE")
    p.add_argument("--into", required=True, metavar="PATH", help="workshop folder")
    p.add_argument("--variant", required=True, metavar="ID", help="the variant's id, e.g. tobe")
    p.add_argument("--name", default="", help="the variant's name (default: the file's title)")
    p.add_argument("--unit", default="", help="the unit the pilot ran in (default: its scope)")
    p.add_argument(
        "--cases",
        type=int,
        default=None,
        metavar="N",
        help="cases a year through the pilot's unit (default: the file's own figure)",
    )
    p.add_argument("--sheet", metavar="NAME", help="Excel sheet of a step table")
    p.add_argument("--case", help="event log: the case id column")
    p.add_argument("--activity", help="event log: the activity column")
    p.add_argument("--timestamp", help="event log: the completion time column")
    p.add_argument("--resource", help="event log: the resource (lane) column")
    p.add_argument("--start-timestamp", help="event log: the start time column")
    p.add_argument("--min-frequency", type=int, default=None, metavar="N")
    p.add_argument("--replace", action="store_true", help="replace a to-be variant of that id")
    p.set_defaults(func=cmd_import_tobe)


def cmd_measure(args: argparse.Namespace) -> int:
    folder = _folder(args.path)
    if args.kpi is not None:
        return _measure_one(args, folder)
    if args.table is not None:
        return _measure_table(args, folder)
    if args.variant is not None:
        return _measure_variant(args, folder)
    if args.remove is not None:
        from cocreate.verify.measure import remove_measurement

        _update(folder, lambda w: remove_measurement(w, args.remove))
        return 0
    return _list_measurements(args, folder)


def _measure_one(args: argparse.Namespace, folder: Path) -> int:
    from cocreate.verify.measure import add_measurement

    for option, value in (("--value", args.value), ("--date", args.date)):
        if value is None:
            raise InputError(folder, f"{option} is needed with --kpi")
    made = []

    def change(workshop: Workshop) -> Workshop:
        workshop, measurement = add_measurement(
            workshop,
            args.kpi,
            args.value,
            args.date,
            method=args.method,
            by=args.by,
            note=args.note,
        )
        made.append(measurement)
        return workshop

    _update(folder, change)
    print(made[0].id)
    return 0


def _measure_table(args: argparse.Namespace, folder: Path) -> int:
    from cocreate.verify.measure import plan_measurements

    plans = []

    def change(workshop: Workshop) -> Workshop:
        plan = plan_measurements(workshop, args.table)
        if plan.problems:
            for problem in plan.problems[:-1]:
                print(problem, file=sys.stderr)
            more = plan.problems[-1]
            raise InputError(
                more.path,
                f"{more.message} ({len(plan.problems)} bad row(s); nothing imported)",
                row=more.row,
                field=more.field,
            )
        plans.append(plan)
        return plan.workshop

    if not storage.is_workshop(folder):
        storage.load(folder)  # the one-line "no such workshop" error
    _update(folder, change)
    plan = plans[0]
    for measurement in plan.added:
        print(measurement.id)
    skipped = f", {len(plan.skipped)} already recorded" if plan.skipped else ""
    ignored = (
        f"; ignored columns: {', '.join(plan.ignored_columns)}" if plan.ignored_columns else ""
    )
    print(f"{plan.source}: {len(plan.added)} measurement(s) imported{skipped}{ignored}",
          file=sys.stderr)  # fmt: skip
    return 0


def _measure_variant(args: argparse.Namespace, folder: Path) -> int:
    from cocreate.verify.resurvey import measure_from_variant

    if args.date is None:
        raise InputError(folder, "--date is needed with --variant")
    if args.value is not None:
        raise InputError(folder, "--value: the values come from the map with --variant")
    made = []

    def change(workshop: Workshop) -> Workshop:
        workshop, measurements = measure_from_variant(
            workshop, args.variant, args.date, by=args.by, method=args.method, note=args.note
        )
        made.extend(measurements)
        return workshop

    _update(folder, change)
    for measurement in made:
        print(measurement.id)
    print(f"{folder}: {len(made)} KPI(s) measured on {args.variant}", file=sys.stderr)
    return 0


def _list_measurements(args: argparse.Namespace, folder: Path) -> int:
    workshop = storage.load(folder)
    found = sorted(workshop.pilot.measurements, key=lambda m: (m.kpi, m.date))
    if args.json:
        rows = [
            {
                "id": m.id,
                "kpi": m.kpi,
                "date": m.date.isoformat(),
                "value": m.value,
                "method": m.method.value,
                "by": m.by,
                "note": m.note,
                "variant": m.variant,
            }
            for m in found
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    if not found:
        print("no measurements yet: record one with `cocreate measure PATH --kpi K --value V`")
    for m in found:
        source = f" (map {m.variant})" if m.variant else ""
        by = f" by {m.by}" if m.by else ""
        day = m.date.isoformat()
        print(f"{m.id:<5} {m.kpi:<5} {day}  {m.value:>12,.6g}  {m.method.value}{by}{source}")
    return 0


def cmd_import_tobe(args: argparse.Namespace) -> int:
    from cocreate.verify.resurvey import import_tobe

    folder = _folder(args.into)
    if not storage.is_workshop(folder):
        storage.load(folder)  # the one-line "no such workshop" error
    imported = _read_map(args)
    made = []

    def change(workshop: Workshop) -> Workshop:
        workshop, variant = import_tobe(
            workshop,
            imported,
            args.variant,
            name=args.name,
            unit=args.unit,
            source=_relative(folder, imported.source),
            annual_cases=args.cases,
            replace=args.replace,
            notes=imported.notes,
        )
        made.append(variant)
        return workshop

    _update(folder, change)
    variant = made[0]
    print(variant.id)
    print(
        f"{folder}: to-be variant {variant.id!r}: {len(variant.steps)} steps,"
        f" {len(variant.flows)} flows, {variant.annual_cases or 'the as-is'} cases a year",
        file=sys.stderr,
    )
    for line in (*imported.notes, *imported.unmapped):
        print(f"note: {line}", file=sys.stderr)
    return 0


def _relative(folder: Path, file: Path) -> str:
    """The source file as the workshop records it: relative to the folder, so both can move."""
    import os

    try:
        return Path(os.path.relpath(file.resolve(), folder.resolve())).as_posix()
    except ValueError:  # another drive on Windows
        return str(file.resolve())


def _read_map(args: argparse.Namespace):
    path = Path(args.file)
    log_options = (args.case, args.activity, args.timestamp)
    if any(log_options):
        if not all(log_options):
            raise InputError(path, "an event log needs --case, --activity and --timestamp")
        from cocreate.process.eventlog import discover, to_process

        dfg = discover(
            path,
            case=args.case,
            activity=args.activity,
            timestamp=args.timestamp,
            resource=args.resource,
            start_timestamp=args.start_timestamp,
        )
        return to_process(dfg, min_frequency=args.min_frequency)
    if path.suffix.lower() in (".bpmn", ".xml"):
        from cocreate.process.bpmn import read_bpmn

        return read_bpmn(path)
    from cocreate.process.steptable import read_steps

    return read_steps(path, sheet=args.sheet)


# =========================================================================== criteria


def _register_criteria(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "criterion",
        help="rollout criteria (横展開の判断基準) linked to KPIs and thresholds",
        description="A rollout criterion is judged from measurements only when it is linked"
        " to KPIs: --kpi k4=0.1 means KPI k4 must reach 0.1 in its direction (at most, for a"
        " lower-is-better KPI); --kpi k4 means its target. Free-text criteria from the plan"
        " are listed as #1, #2, ... and are not measurable until linked.",
    )
    actions = p.add_subparsers(dest="criterion_action", metavar="ACTION", required=True)
    q = actions.add_parser("list", help="list the criteria with their links and verdicts")
    q.add_argument("path", metavar="PATH", help="workshop folder")
    q.add_argument("--json", action="store_true", help="print as JSON")
    _lang_option(q)
    q.set_defaults(func=cmd_criterion_list)
    q = actions.add_parser("add", help="add a criterion; prints its id")
    q.add_argument("path", metavar="PATH", help="workshop folder")
    q.add_argument("--text", required=True, help="the criterion as the group agreed it")
    q.add_argument("--kpi", action="append", default=[], metavar="K[=X]", help="a condition")
    q.set_defaults(func=cmd_criterion_add)
    q = actions.add_parser("link", help="link a criterion (id, or #n / n) to KPI conditions")
    q.add_argument("path", metavar="PATH", help="workshop folder")
    q.add_argument("criterion", metavar="REF", help="r2, or 2 for the second free-text one")
    q.add_argument("--kpi", action="append", required=True, metavar="K[=X]", help="a condition")
    q.add_argument("--add", action="store_true", help="add to its conditions, not replace")
    q.set_defaults(func=cmd_criterion_link)
    q = actions.add_parser("remove", help="remove a criterion")
    q.add_argument("path", metavar="PATH", help="workshop folder")
    q.add_argument("criterion", metavar="REF")
    q.set_defaults(func=cmd_criterion_remove)


def cmd_criterion_add(args: argparse.Namespace) -> int:
    from cocreate.verify.criteria import add_criterion

    made = []

    def change(workshop: Workshop) -> Workshop:
        workshop, criterion = add_criterion(workshop, args.text, args.kpi)
        made.append(criterion)
        return workshop

    _update(_folder(args.path), change)
    print(made[0].id)
    return 0


def cmd_criterion_link(args: argparse.Namespace) -> int:
    from cocreate.verify.criteria import link_criterion

    made = []

    def change(workshop: Workshop) -> Workshop:
        workshop, criterion = link_criterion(
            workshop, args.criterion, args.kpi, replace=not args.add
        )
        made.append(criterion)
        return workshop

    _update(_folder(args.path), change)
    print(made[0].id)
    return 0


def cmd_criterion_remove(args: argparse.Namespace) -> int:
    from cocreate.verify.criteria import remove_criterion

    _update(_folder(args.path), lambda w: remove_criterion(w, args.criterion))
    return 0


def cmd_criterion_list(args: argparse.Namespace) -> int:
    from cocreate.verify.evaluate import evaluate

    workshop = storage.load(_folder(args.path))
    result = evaluate(workshop)
    if args.json:
        print(json.dumps([_criterion_json(c) for c in result.criteria], ensure_ascii=False,
                         indent=2))  # fmt: skip
        return 0
    _print_criteria(result, _lang(args, workshop))
    return 0


# =========================================================================== issues


def _register_issues(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "issue",
        help="issues the pilot met and what was done about them (課題と対応)",
        description="Record the pilot's issues and the responses to them; the results"
        " report lists them under 課題と対応.",
    )
    actions = p.add_subparsers(dest="issue_action", metavar="ACTION", required=True)
    q = actions.add_parser("add", help="add an issue; prints its id")
    q.add_argument("path", metavar="PATH", help="workshop folder")
    q.add_argument("--text", required=True, help="the issue")
    q.add_argument("--response", default="", help="what was done about it")
    q.add_argument("--kpi", action="append", default=[], metavar="ID", help="a KPI it bears on")
    q.set_defaults(func=cmd_issue_add)
    q = actions.add_parser("list", help="list the issues")
    q.add_argument("path", metavar="PATH", help="workshop folder")
    q.set_defaults(func=cmd_issue_list)
    q = actions.add_parser("remove", help="remove an issue")
    q.add_argument("path", metavar="PATH", help="workshop folder")
    q.add_argument("issue", metavar="ID")
    q.set_defaults(func=cmd_issue_remove)


def cmd_issue_add(args: argparse.Namespace) -> int:
    from cocreate.verify.issues import add_issue

    made = []

    def change(workshop: Workshop) -> Workshop:
        workshop, issue = add_issue(workshop, args.text, args.response, args.kpi)
        made.append(issue)
        return workshop

    _update(_folder(args.path), change)
    print(made[0].id)
    return 0


def cmd_issue_list(args: argparse.Namespace) -> int:
    workshop = storage.load(_folder(args.path))
    for issue in workshop.pilot.issues:
        kpis = f" [{', '.join(issue.kpis)}]" if issue.kpis else ""
        print(f"{issue.id:<5} {issue.text}{kpis}")
        if issue.response:
            print(f"      → {issue.response}")
    return 0


def cmd_issue_remove(args: argparse.Namespace) -> int:
    from cocreate.verify.issues import remove_issue

    _update(_folder(args.path), lambda w: remove_issue(w, args.issue))
    return 0


# =========================================================================== decide, evaluate


def _register_decide(subparsers: argparse._SubParsersAction) -> None:
    outcomes = ", ".join(f"{o.value}" for o in Outcome)
    p = subparsers.add_parser(
        "decide",
        help="record the rollout decision: 横展開, 継続試行, 見直し or 中止",
        description="Record the decision on the pilot in the decisions log: its outcome"
        f" ({outcomes}, or 横展開, 継続試行, 見直し, 中止), who decided, the reasons (at least"
        " one) and, for a rollout, the next scope (--units) and from when (--from).",
    )
    p.add_argument("path", metavar="PATH", help="workshop folder")
    p.add_argument("--outcome", required=True, help=f"one of {outcomes}")
    p.add_argument("--by", required=True, metavar="MEMBER", help="who made the decision")
    p.add_argument("--reason", action="append", default=[], help="a reason (repeat for more)")
    p.add_argument("--units", default="", metavar="U1,U2", help="the next scope of a rollout")
    p.add_argument("--from", dest="start", type=_date, default=None, metavar="DATE",
                   help="when the next scope starts")  # fmt: skip
    p.add_argument("--date", type=_date, default=None, help="when it was decided (default: today)")
    p.add_argument("--text", default="", help="the log's line (default: made from the outcome)")
    _lang_option(p)
    p.set_defaults(func=cmd_decide)

    p = subparsers.add_parser(
        "evaluate",
        help="the pilot against its plan: KPIs, 達成率, hours saved, criteria, the decision",
        description="Evaluate the pilot: each KPI's baseline, target, latest measured value,"
        " achievement rate (達成率) and verdict; the annual hours saved as estimated and as"
        " verified (from the to-be map or a measured KPI), per idea; each rollout criterion"
        " met, not met or not measurable with its evidence; the decision. See docs/verify.md.",
    )
    p.add_argument("path", metavar="PATH", help="workshop folder")
    p.add_argument("--variant", default=None, metavar="ID", help="the to-be variant to compare")
    p.add_argument("--json", action="store_true", help="print as JSON")
    _lang_option(p)
    p.set_defaults(func=cmd_evaluate)


def cmd_decide(args: argparse.Namespace) -> int:
    from cocreate.verify.decide import record_decision

    folder = _folder(args.path)
    made = []

    def change(workshop: Workshop) -> Workshop:
        workshop, decision = record_decision(
            workshop,
            args.outcome,
            by=args.by,
            reasons=args.reason,
            units=_list(args.units),
            start=args.start,
            date=args.date,
            text=args.text,
            lang=_lang(args, workshop),
        )
        made.append(decision)
        return workshop

    _update(folder, change)
    print(made[0].text)
    return 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    from cocreate.verify.decide import verification_status
    from cocreate.verify.evaluate import evaluate

    workshop = storage.load(_folder(args.path))
    with _options(_folder(args.path)):
        result = evaluate(workshop, variant=args.variant)
    status = verification_status(workshop, evaluation=result)
    if args.json:
        print(json.dumps(_evaluation_json(result, status), ensure_ascii=False, indent=2))
        return 0
    _print_evaluation(workshop, result, status, _lang(args, workshop))
    return 0


# --------------------------------------------------------------------------- output


def _num(value: float | None, digits: int = 6) -> str:
    """A number for the terminal, to ``digits`` significant digits: 4,412, 0.05, 1,884.35."""
    if value is None:
        return "—"
    return f"{value:,.{digits}g}"


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.0f}%"


def _print_evaluation(workshop: Workshop, result, status, lang: str) -> None:
    from cocreate.i18n import t

    print(f"{workshop.meta.title}: {t(f'verify.stage.{status.stage.value}', lang)}")
    if result.error:
        print(f"  the map could not be analysed: {result.error}")
    print("KPIs" if result.kpis else "KPIs: none in the pilot plan")
    if result.kpis:
        header = f"{'id':<5} {'baseline':>12} {'target':>12} {'latest':>12}  date      "
        print(f"  {header}  achieved  verdict")
    for k in result.kpis:
        latest = k.latest
        print(
            f"  {k.kpi.id:<5} {_num(k.baseline):>12} {_num(k.target):>12}"
            f" {_num(latest.value if latest else None):>12}"
            f"  {latest.date.isoformat() if latest else '—':<10}  {_pct(k.achievement):>8}"
            f"  {t(f'verify.verdict.{k.verdict.value}', lang)}  {k.kpi.name}"
        )
    savings = result.savings
    print("annual saving")
    for label, saving in (("estimated", savings.estimated), ("verified", savings.verified)):
        if saving is None:
            print(f"  {label:<10} —")
            continue
        print(
            f"  {label:<10} {_num(saving.hours)} h  {saving.person_years:.2f} person-years"
            f"  {_num(round(saving.cost), 12)} {workshop.settings.currency}"
        )
    if savings.verified is not None:
        source = f"to-be map {savings.variant}" if savings.source == "resurvey" else "KPI"
        print(f"  verified from the {source}: {', '.join(savings.measurements)}")
    for group in savings.by_idea:
        ideas = " + ".join(group.ideas) or "(no pilot idea)"
        steps = ", ".join(s.step for s in group.steps)
        print(
            f"  {ideas:<28} estimated {_num(group.estimated_hours):>8} h"
            f"  verified {_num(group.verified_hours):>8} h  ({steps})"
        )
    print("rollout criteria")
    _print_criteria(result, lang, indent="  ")
    if status.outcome is not None:
        units = f" → {', '.join(status.next_units)}" if status.next_units else ""
        start = f" from {status.next_start.isoformat()}" if status.next_start else ""
        print(
            f"decision: {t(f'verify.outcome.{status.outcome.value}', lang)}{units}{start}"
            f" ({status.decided_by}, {status.decided_on.isoformat()})"
        )


def _print_criteria(result, lang: str, indent: str = "") -> None:
    from cocreate.i18n import t

    if not result.criteria:
        print(f"{indent}no rollout criteria in the plan")
    for c in result.criteria:
        verdict = t(f"verify.verdict.{c.verdict.value}", lang)
        evidence = f"  evidence {', '.join(c.evidence)}" if c.evidence else ""
        reason = f"  ({t(f'verify.reason.{c.reason}', lang)})" if c.reason else ""
        print(f"{indent}{c.ref:<4} {verdict}  {c.criterion.text}{evidence}{reason}")
        for cond in c.conditions:
            why = f" ({t(f'verify.reason.{cond.reason}', lang)})" if cond.reason else ""
            op = "≤" if cond.lower_is_better else "≥"
            latest = _num(cond.latest.value) if cond.latest else "—"
            print(f"{indent}       {cond.condition.kpi} {op} {_num(cond.threshold)}: {latest}{why}")


def _criterion_json(c) -> dict[str, Any]:
    return {
        "ref": c.ref,
        "text": c.criterion.text,
        "linked": c.linked,
        "verdict": c.verdict.value,
        "reason": c.reason,
        "evidence": list(c.evidence),
        "conditions": [
            {
                "kpi": cond.condition.kpi,
                "threshold": cond.threshold,
                "lower_is_better": cond.lower_is_better,
                "latest": cond.latest.id if cond.latest else None,
                "value": cond.latest.value if cond.latest else None,
                "verdict": cond.verdict.value,
                "reason": cond.reason,
            }
            for cond in c.conditions
        ],
    }


def _saving_json(saving) -> dict[str, float] | None:
    if saving is None:
        return None
    return {"hours": saving.hours, "person_years": saving.person_years, "cost": saving.cost}


def _evaluation_json(result, status) -> dict[str, Any]:
    savings = result.savings
    return {
        "stage": status.stage.value,
        "decision": None
        if status.outcome is None
        else {
            "outcome": status.outcome.value,
            "date": status.decided_on.isoformat() if status.decided_on else None,
            "by": status.decided_by,
            "units": list(status.next_units),
            "from": status.next_start.isoformat() if status.next_start else None,
        },
        "kpis": [
            {
                "id": k.kpi.id,
                "name": k.kpi.name,
                "baseline": k.baseline,
                "baseline_from_map": k.plan.baseline_from_map,
                "target": k.target,
                "target_projected": k.plan.target_projected,
                "latest": k.latest.value if k.latest else None,
                "latest_id": k.latest.id if k.latest else None,
                "latest_date": k.latest.date.isoformat() if k.latest else None,
                "achievement": k.achievement,
                "verdict": k.verdict.value,
                "measurements": [m.id for m in k.measurements],
            }
            for k in result.kpis
        ],
        "savings": {
            "estimated": _saving_json(savings.estimated),
            "verified": _saving_json(savings.verified),
            "source": savings.source,
            "variant": savings.variant,
            "measurements": list(savings.measurements),
            "by_idea": [
                {
                    "ideas": list(g.ideas),
                    "steps": [s.step for s in g.steps],
                    "estimated_hours": g.estimated_hours,
                    "verified_hours": g.verified_hours,
                }
                for g in savings.by_idea
            ],
        },
        "criteria": [_criterion_json(c) for c in result.criteria],
        "error": result.error,
    }
