"""The pilot's tasks, each with exactly one owner (主担当): add, edit, complete, remove, list.

The training's rule against お見合い (each side waiting for the other) is that every task
has one owner; others may help. Every function is pure: it takes the workshop first and
returns a new one (and the task it touched); nothing is saved here. Bad values raise
:class:`~cocreate.errors.InputError` with a one-line message naming the field.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

from cocreate.errors import InputError
from cocreate.model import Task, TaskStatus, Workshop, new_id
from cocreate.verify.values import parse_status

__all__ = [
    "UNCHANGED",
    "TaskRow",
    "add_task",
    "complete_task",
    "edit_task",
    "find_task",
    "remove_task",
    "task_rows",
]


class _Unchanged:
    def __repr__(self) -> str:
        return "UNCHANGED"


#: Passed for a field :func:`edit_task` should leave as it is (``None`` clears a date).
UNCHANGED: Final = _Unchanged()


@dataclass(frozen=True, slots=True)
class TaskRow:
    """One task as a list shows it: the task, its people by name, and whether it is late."""

    task: Task
    owner_name: str
    """The owner's display name; empty when the task has no owner."""
    helper_names: tuple[str, ...]
    overdue_days: int
    """Days past the due date for an open task; 0 when it is not overdue."""

    @property
    def overdue(self) -> bool:
        return self.overdue_days > 0


def find_task(workshop: Workshop, task_id: str) -> Task:
    """The task with this id; InputError naming the known ids otherwise."""
    for task in workshop.pilot.tasks:
        if task.id == task_id:
            return task
    known = ", ".join(t.id for t in workshop.pilot.tasks) or "none yet"
    raise InputError(None, f"unknown task {task_id!r}; tasks: {known}", field="task")


def _title(text: str) -> str:
    title = " ".join((text or "").split())
    if not title:
        raise InputError(None, "must not be empty", field="title")
    return title


def _member(workshop: Workshop, member_id: str, field: str) -> str:
    member_id = (member_id or "").strip()
    if member_id and workshop.member(member_id) is None:
        raise InputError(None, f"{member_id!r} is not a member of the workshop", field=field)
    return member_id


def _helpers(workshop: Workshop, helpers: Iterable[str], owner: str) -> tuple[str, ...]:
    out: list[str] = []
    for helper in helpers:
        helper = _member(workshop, helper, "helpers")
        if not helper or helper in out:
            continue
        if helper == owner:
            raise InputError(
                None,
                f"{helper!r} is the owner (主担当); helpers are the others who help",
                field="helpers",
            )
        out.append(helper)
    return tuple(out)


def _replace(workshop: Workshop, task: Task) -> Workshop:
    tasks = tuple(task if t.id == task.id else t for t in workshop.pilot.tasks)
    return workshop.edit(pilot=workshop.pilot.edit(tasks=tasks))


def add_task(
    workshop: Workshop,
    title: str,
    owner: str = "",
    *,
    helpers: Iterable[str] = (),
    due: dt.date | None = None,
    status: TaskStatus | str = TaskStatus.NOT_STARTED,
    note: str = "",
    today: dt.date | None = None,
) -> tuple[Workshop, Task]:
    """Add a task to the pilot; return the workshop and the new task (id ``t1``, ``t2``, ...).

    A task added as done records ``today`` (default: the real today) as its ``done_on``.

    Examples
    --------
    >>> from cocreate.model import Member, Meta, Workshop
    >>> ws = Workshop(Meta("t"), members=(Member("sato", "佐藤"),))
    >>> ws, task = add_task(ws, "申請フォームを作る", "sato")
    >>> task.id, task.owner, task.status.value
    ('t1', 'sato', 'not-started')
    """
    owner = _member(workshop, owner, "owner")
    state = parse_status(status)
    task = Task(
        id=new_id("t", (t.id for t in workshop.pilot.tasks)),
        title=_title(title),
        owner=owner,
        helpers=_helpers(workshop, helpers, owner),
        due=due,
        status=state,
        done_on=(today or dt.date.today()) if not state.is_open else None,
        note=note.strip(),
    )
    pilot = workshop.pilot.edit(tasks=(*workshop.pilot.tasks, task))
    return workshop.edit(pilot=pilot), task


def edit_task(
    workshop: Workshop,
    task_id: str,
    *,
    title: str | _Unchanged = UNCHANGED,
    owner: str | _Unchanged = UNCHANGED,
    helpers: Iterable[str] | _Unchanged = UNCHANGED,
    due: dt.date | _Unchanged | None = UNCHANGED,
    status: TaskStatus | str | _Unchanged = UNCHANGED,
    done_on: dt.date | _Unchanged | None = UNCHANGED,
    note: str | _Unchanged = UNCHANGED,
    today: dt.date | None = None,
) -> tuple[Workshop, Task]:
    """Change some fields of a task; fields left at ``UNCHANGED`` keep their value.

    Setting a status of done or cancelled records ``today`` as ``done_on`` unless one is
    given; reopening a task clears it. Giving a new owner who was a helper moves them
    out of the helpers, so the task still has exactly one owner.
    """
    task = find_task(workshop, task_id)
    changes: dict[str, object] = {}
    if not isinstance(title, _Unchanged):
        changes["title"] = _title(title)
    new_owner = task.owner
    if not isinstance(owner, _Unchanged):
        new_owner = changes["owner"] = _member(workshop, owner, "owner")
    if not isinstance(helpers, _Unchanged):
        changes["helpers"] = _helpers(workshop, helpers, new_owner)
    elif new_owner in task.helpers:
        changes["helpers"] = tuple(h for h in task.helpers if h != new_owner)
    if not isinstance(due, _Unchanged):
        changes["due"] = due
    if not isinstance(status, _Unchanged):
        state = parse_status(status)
        changes["status"] = state
        if state.is_open:
            changes["done_on"] = None
        elif task.status.is_open or task.done_on is None:
            changes["done_on"] = today or dt.date.today()
    if not isinstance(done_on, _Unchanged):
        changes["done_on"] = done_on
    if not isinstance(note, _Unchanged):
        changes["note"] = note.strip()
    edited = task.edit(**changes)
    if edited.done_on is not None and edited.status.is_open:
        raise InputError(
            None,
            f"task {task.id!r} is {edited.status.value}: only a done task has a done date",
            field="done_on",
        )
    return _replace(workshop, edited), edited


def complete_task(
    workshop: Workshop, task_id: str, *, on: dt.date | None = None
) -> tuple[Workshop, Task]:
    """Mark a task done on ``on`` (default: today)."""
    return edit_task(workshop, task_id, status=TaskStatus.DONE, done_on=on or dt.date.today())


def remove_task(workshop: Workshop, task_id: str) -> Workshop:
    """The workshop without the task."""
    find_task(workshop, task_id)
    tasks = tuple(t for t in workshop.pilot.tasks if t.id != task_id)
    return workshop.edit(pilot=workshop.pilot.edit(tasks=tasks))


def task_rows(workshop: Workshop, *, today: dt.date | None = None) -> tuple[TaskRow, ...]:
    """Every task as a list shows it, in due-date order (undated last), late ones flagged.

    A task is overdue when it is still open (not started or in progress) and its due date
    is before ``today`` (default: the real today).
    """
    day = today or dt.date.today()

    def name(member_id: str) -> str:
        member = workshop.member(member_id)
        return member.name if member else member_id

    rows = []
    for task in workshop.pilot.tasks:
        late = (day - task.due).days if task.due and task.status.is_open else 0
        rows.append(
            TaskRow(
                task=task,
                owner_name=name(task.owner) if task.owner else "",
                helper_names=tuple(name(h) for h in task.helpers),
                overdue_days=max(late, 0),
            )
        )
    order = {t.id: i for i, t in enumerate(workshop.pilot.tasks)}
    rows.sort(key=lambda r: (r.task.due is None, r.task.due or day, order[r.task.id]))
    return tuple(rows)
