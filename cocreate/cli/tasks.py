"""The pilot's tasks and issues: ``task add|edit|done|remove|list`` and ``issue add|list|remove``.

Each task has exactly one owner (主担当). Commands that create something print its id on
stdout, alone on its line. See docs/verify.md.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from cocreate import storage
from cocreate.cli._verify import (
    KEEP,
    date_arg,
    folder_of,
    lang_of,
    lang_option,
    optional_date,
    split_list,
    update,
)
from cocreate.errors import InputError
from cocreate.model import TaskStatus, Workshop

__all__ = ["ORDER", "register"]

ORDER = 44


def register(subparsers: argparse._SubParsersAction, groups: dict) -> None:
    _register_tasks(subparsers)
    _register_issues(subparsers)


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
    q.add_argument("--due", type=date_arg, default=None, metavar="DATE", help="due date")
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
        "--due", type=optional_date, default=KEEP, metavar="DATE", help="a date, or none"
    )
    q.add_argument("--status", help=f"one of {statuses}")
    q.add_argument("--note")
    q.set_defaults(func=cmd_task_edit)

    q = actions.add_parser("done", help="mark a task done")
    q.add_argument("path", metavar="PATH", help="workshop folder")
    q.add_argument("task", metavar="ID", help="the task's id")
    q.add_argument("--on", type=date_arg, default=None, metavar="DATE", help="default: today")
    q.set_defaults(func=cmd_task_done)

    q = actions.add_parser("remove", help="remove a task")
    q.add_argument("path", metavar="PATH", help="workshop folder")
    q.add_argument("task", metavar="ID", help="the task's id")
    q.set_defaults(func=cmd_task_remove)

    q = actions.add_parser("list", help="list the tasks in due order, late ones marked")
    q.add_argument("path", metavar="PATH", help="workshop folder")
    q.add_argument("--json", action="store_true", help="print the tasks as JSON")
    q.add_argument("--today", type=date_arg, metavar="DATE", help="judge lateness as of this day")
    lang_option(q)
    q.set_defaults(func=cmd_task_list)


def cmd_task_add(args: argparse.Namespace) -> int:
    from cocreate.verify.tasks import add_task

    folder = folder_of(args.path)
    made = []

    def change(workshop: Workshop) -> Workshop:
        workshop, task = add_task(
            workshop,
            args.title,
            args.owner,
            helpers=split_list(args.helpers),
            due=args.due,
            status=args.status,
            note=args.note,
        )
        made.append(task)
        return workshop

    update(folder, change)
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
        changes["helpers"] = split_list(args.helpers)
    if args.due is not KEEP:
        changes["due"] = args.due
    if not changes:
        raise InputError(None, "nothing to change: give --title, --owner, --due, --status, ...")
    update(folder_of(args.path), lambda w: edit_task(w, args.task, **changes)[0])
    return 0


def cmd_task_done(args: argparse.Namespace) -> int:
    from cocreate.verify.tasks import complete_task

    update(folder_of(args.path), lambda w: complete_task(w, args.task, on=args.on)[0])
    return 0


def cmd_task_remove(args: argparse.Namespace) -> int:
    from cocreate.verify.tasks import remove_task

    update(folder_of(args.path), lambda w: remove_task(w, args.task))
    return 0


def cmd_task_list(args: argparse.Namespace) -> int:
    from cocreate.i18n import t
    from cocreate.verify.tasks import task_rows

    workshop = storage.load(folder_of(args.path))
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
    lang = lang_of(args, workshop)
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

    update(folder_of(args.path), change)
    print(made[0].id)
    return 0


def cmd_issue_list(args: argparse.Namespace) -> int:
    workshop = storage.load(folder_of(args.path))
    for issue in workshop.pilot.issues:
        kpis = f" [{', '.join(issue.kpis)}]" if issue.kpis else ""
        print(f"{issue.id:<5} {issue.text}{kpis}")
        if issue.response:
            print(f"      → {issue.response}")
    return 0


def cmd_issue_remove(args: argparse.Namespace) -> int:
    from cocreate.verify.issues import remove_issue

    update(folder_of(args.path), lambda w: remove_issue(w, args.issue))
    return 0
