"""The pilot's tasks (under the Pilot tab): each with exactly one owner (主担当), due, status."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widget import Widget
from textual.widgets import DataTable, Label, Static

from cocreate.model import Task, TaskStatus, Workshop
from cocreate.tui.fields import Field
from cocreate.tui.phases.base import PhasePane
from cocreate.tui.phases.checked import ask_checked
from cocreate.tui.styles import stylesheet
from cocreate.verify.period import pilot_period
from cocreate.verify.tasks import TaskRow, task_rows
from cocreate.verify.values import parse_date

__all__ = ["TaskFields", "TasksPane"]

COLUMNS = ("id", "title", "owner", "helpers", "due", "status", "note")


@dataclass(frozen=True, slots=True)
class TaskFields:
    """A task as the task form gives it: the keyword arguments of ``cocreate.verify.tasks``."""

    title: str
    owner: str
    helpers: tuple[str, ...]
    due: dt.date | None
    status: TaskStatus
    note: str


class TasksPane(PhasePane):
    """The task list of the pilot: add, edit, complete, remove; late and unowned ones flagged."""

    PHASE = "tasks"
    DEFAULT_CSS = stylesheet(__file__)
    FACILITATOR_ONLY = frozenset({"add_task", "edit_task", "complete_task", "remove_task"})
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "add_task", "add task", id="tasks.add"),
        Binding("enter,e", "edit_task", "edit", id="tasks.edit", key_display="⏎"),
        Binding("space,c", "complete_task", "done", id="tasks.complete", key_display="␣"),
        Binding("delete", "remove_task", "remove", id="tasks.remove", show=False),
        Binding("escape", "app.phase('pilot')", "plan", id="tasks.plan"),
    ]

    @dataclass
    class TaskAdded(Message):
        fields: TaskFields

    @dataclass
    class TaskEdited(Message):
        task_id: str
        fields: TaskFields

    @dataclass
    class TaskCompleted(Message):
        """The task was marked done (完了) on ``on``."""

        task_id: str
        on: dt.date

    @dataclass
    class TaskRemoved(Message):
        task_id: str

    def __init__(self) -> None:
        super().__init__()
        self.rows: tuple[TaskRow, ...] = ()
        self.summary = Label("", id="tasks-summary", classes="phase-summary")
        self.table: DataTable[object] = DataTable(id="tasks", cursor_type="row", zebra_stripes=True)
        for key in COLUMNS:
            self.table.add_column(self.tr(f"ui.tasks.col.{key}"), key=key)
        self.warnings = Static("", id="tasks-warnings", classes="-empty")

    def compose(self) -> ComposeResult:
        yield self.summary
        yield self.table
        yield self.warnings

    def first_focus(self) -> Widget | None:
        return self.table

    @property
    def today(self) -> dt.date:
        return self.ctx.clock().date()

    # -------------------------------------------------------------- showing

    def show_workshop(self, workshop: Workshop) -> None:
        table = self.table
        keep = table.cursor_row
        table.clear()
        self.rows = task_rows(workshop, today=self.today)
        for row in self.rows:
            table.add_row(*self._cells(row), key=row.task.id)
        if self.rows:
            table.move_cursor(row=min(max(keep, 0), len(self.rows) - 1))
        tasks = workshop.pilot.tasks
        counts = {s: sum(t.status == s for t in tasks) for s in TaskStatus}
        self.summary.update(
            self.tr(
                "ui.tasks.summary",
                count=len(tasks),
                done=counts[TaskStatus.DONE],
                doing=counts[TaskStatus.IN_PROGRESS],
                todo=counts[TaskStatus.NOT_STARTED],
                late=sum(r.overdue for r in self.rows),
            )
        )
        lines = self._warnings(workshop)
        self.warnings.update(Text("\n".join(lines)))
        self.warnings.set_class(not lines, "-empty")

    def _cells(self, row: TaskRow) -> tuple[Any, ...]:
        task = row.task
        status = self.tr(f"verify.status.{task.status.value}")
        if task.status == TaskStatus.DONE and task.done_on:
            status = f"{status} {task.done_on.isoformat()}"
        due = Text(task.due.isoformat() if task.due else "—")
        if row.overdue:
            due = Text(f"⚠ {due.plain} ({self.tr('ui.tasks.late', days=row.overdue_days)})")
            due.stylize("bold red")
        owner = Text(row.owner_name) if task.owner else Text(self.tr("ui.tasks.no_owner"))
        if not task.owner:
            owner.stylize("bold red")
        return (
            task.id,
            Text(task.title),
            owner,
            Text(
                "、".join(row.helper_names)
                if self.ctx.lang == "ja"
                else ", ".join(row.helper_names)
            ),
            due,
            Text(status, style="dim" if not task.status.is_open else ""),
            Text(task.note),
        )

    def _warnings(self, workshop: Workshop) -> list[str]:
        """The tasks without an owner, the late ones, and milestones outside the period."""
        out = []
        for row in self.rows:
            if not row.task.owner:
                out.append(self.tr("ui.tasks.warn.no_owner", id=row.task.id, title=row.task.title))
            if row.overdue:
                out.append(
                    self.tr(
                        "ui.tasks.warn.late",
                        id=row.task.id,
                        title=row.task.title,
                        days=row.overdue_days,
                    )
                )
        period = pilot_period(workshop.pilot)
        if period is not None:
            for stone in workshop.pilot.milestones:
                days = period.days_outside(stone.date)
                if days:
                    key = "ui.tasks.warn.after" if days > 0 else "ui.tasks.warn.before"
                    out.append(
                        self.tr(key, text=stone.text, date=stone.date.isoformat(), days=abs(days))
                    )
        return [f"⚠ {line}" for line in out]

    def _selected(self) -> Task | None:
        row = self.table.cursor_row
        if not self.rows or row < 0:
            return None
        return self.rows[min(row, len(self.rows) - 1)].task

    # -------------------------------------------------------------- editing

    def _fields(self, task: Task | None) -> list[Field]:
        members = [(m.name, m.id) for m in self.workshop.members]
        statuses = [(self.tr(f"verify.status.{s.value}"), s.value) for s in TaskStatus]
        return [
            Field(
                "title",
                self.tr("ui.tasks.field.title"),
                value=task.title if task else "",
                required=True,
                placeholder=self.tr("ui.tasks.placeholder.title"),
            ),
            Field(
                "owner",
                self.tr("ui.tasks.field.owner"),
                "choice",
                members,
                value=(task.owner or None) if task else None,
                required=True,
                placeholder=self.tr("ui.tasks.placeholder.owner"),
            ),
            Field(
                "helpers",
                self.tr("ui.tasks.field.helpers"),
                "multi",
                members,
                value=task.helpers if task else (),
            ),
            Field(
                "due",
                self.tr("ui.tasks.field.due"),
                value=task.due.isoformat() if task and task.due else "",
                placeholder="2027-02-15",
            ),
            Field(
                "status",
                self.tr("ui.tasks.field.status"),
                "choice",
                statuses,
                value=(task.status if task else TaskStatus.NOT_STARTED).value,
                required=True,
            ),
            Field("note", self.tr("ui.tasks.field.note"), value=task.note if task else ""),
        ]

    @staticmethod
    def _read(values: dict[str, Any]) -> TaskFields:
        due_text = (values.get("due") or "").strip()
        return TaskFields(
            title=values["title"],
            owner=values["owner"] or "",
            helpers=tuple(h for h in values.get("helpers") or () if h != values["owner"]),
            due=parse_date(due_text, "due") if due_text else None,
            status=TaskStatus(values["status"]),
            note=values.get("note") or "",
        )

    def action_add_task(self) -> None:
        """Add a task with its one owner (主担当)."""
        ask_checked(
            self,
            self.tr("ui.tasks.add_title"),
            self._fields(None),
            self._read,
            lambda fields: self.post_message(self.TaskAdded(fields)),
        )

    def action_edit_task(self) -> None:
        """Edit the selected task."""
        task = self._selected()
        if task is None:
            return
        ask_checked(
            self,
            self.tr("ui.tasks.edit_title", id=task.id),
            self._fields(task),
            self._read,
            lambda fields: self.post_message(self.TaskEdited(task.id, fields)),
        )

    def action_complete_task(self) -> None:
        """Mark the selected task done today."""
        task = self._selected()
        if task is None:
            return
        if task.status == TaskStatus.DONE:
            self.notify(self.tr("ui.tasks.already_done", id=task.id))
            return
        self.post_message(self.TaskCompleted(task.id, self.today))

    def action_remove_task(self) -> None:
        """Remove the selected task; ctrl+z brings it back."""
        task = self._selected()
        if task is not None:
            self.post_message(self.TaskRemoved(task.id))

    @on(DataTable.RowSelected, "#tasks")
    async def _row_selected(self) -> None:
        await self.run_action("edit_task")
