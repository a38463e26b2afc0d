"""Phase 4, ideas: each idea answers causes and changes steps; solution-first ones are flagged."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.markup import escape
from textual.message import Message
from textual.widget import Widget
from textual.widgets import DataTable, Label, Static
from textual.worker import get_current_worker

from cocreate import contribute
from cocreate.model import Action, Idea, Workshop
from cocreate.prioritize import voting
from cocreate.tui.fields import Field
from cocreate.tui.phases.base import PhasePane
from cocreate.tui.styles import stylesheet
from cocreate.tui.widgets.columns import Column, FittedTable
from cocreate.tui.widgets.text import number

__all__ = ["IdeaFields", "IdeasPane"]

WARN = "bold dark_orange"


@dataclass(frozen=True, slots=True)
class IdeaFields:
    """An idea as the idea form gives it."""

    title: str
    causes: tuple[str, ...]
    steps: tuple[str, ...]
    action: str | None
    reduction: float
    """The expected cut as a fraction (typed as a percentage: 30 is 0.3)."""
    description: str

    @classmethod
    def from_form(cls, values: dict[str, Any]) -> IdeaFields:
        reduction = values.get("reduction") or 0.0
        return cls(
            title=values["title"],
            causes=tuple(values["causes"]),
            steps=tuple(values["steps"]),
            action=values["action"],
            reduction=reduction / 100 if reduction > 1 else reduction,
            description=values["description"] or "",
        )


class IdeasPane(PhasePane):
    """The idea list with what each answers, what it changes and the hours it could save."""

    PHASE = "ideas"
    DEFAULT_CSS = stylesheet(__file__)
    OWN_ONLY = frozenset({"edit_idea", "remove_idea"})
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "add_idea", "add idea", id="ideas.add"),
        Binding("enter,e", "edit_idea", "edit", id="ideas.edit", key_display="⏎"),
        Binding("o", "toggle_mine", "mine/all", id="ideas.mine"),
        Binding("delete", "remove_idea", "remove", id="ideas.remove", show=False),
    ]

    @dataclass
    class IdeaAdded(Message):
        """An idea was written down, in the name of the session's author."""

        fields: IdeaFields

    @dataclass
    class IdeaEdited(Message):
        idea_id: str
        fields: IdeaFields

    @dataclass
    class IdeaRemoved(Message):
        idea_id: str

    @dataclass
    class HoursComputed(Message, bubble=False):
        """The hours each idea would save a year, from the to-be process."""

        hours: dict[str, float]

    def __init__(self) -> None:
        super().__init__()
        self.hours: dict[str, float] = {}
        self.rows: list[tuple[str, tuple[object, ...]]] = []
        self.only_mine = self.member_mode
        """Only the author's own ideas are listed (where a member starts)."""
        self.summary = Label("", id="ideas-summary", classes="phase-summary")
        self.table = FittedTable(id="ideas", cursor_type="row", zebra_stripes=True)
        label = {
            k: self.tr(f"ui.ideas.col.{k}")
            for k in ("id", "title", "action", "causes", "steps", "reduction", "hours")
        }
        # Hours saved is the point of an idea: it stays, the lists of ids go first.
        self.columns = (
            Column("id", label["id"], "fixed"),
            Column("title", label["title"], least=12, most=48, weight=3, enough=24),
            Column("action", label["action"], least=4, most=10, drop=1),
            Column("causes", label["causes"], least=6, most=24, drop=3),
            Column("steps", label["steps"], least=4, most=16, drop=2),
            Column(
                "reduction", label["reduction"], "number", short=self.tr("ui.col_short.reduction")
            ),
            Column("hours", label["hours"], "number", short=self.tr("ui.col_short.hours_saved")),
        )
        self.detail = Static("", id="idea-detail")

    def compose(self) -> ComposeResult:
        yield self.summary
        yield self.table
        yield self.detail

    def first_focus(self) -> Widget | None:
        return self.table

    def _visible(self, workshop: Workshop) -> list[Idea]:
        ideas = voting.shown_order(workshop, self.ctx.session.member, workshop.ideas)
        if self.only_mine:
            ideas = [i for i in ideas if i.author == self.author]
        return ideas

    def show_workshop(self, workshop: Workshop) -> None:
        table = self.table
        keep = table.cursor_row
        ideas = self._visible(workshop)
        shown = voting.shown_ids(workshop, self.ctx.session.member)
        rows: list[tuple[str, tuple[object, ...]]] = []
        for idea in ideas:
            warn = "⚠ " if contribute.is_solution_first(idea) else ""
            causes = ", ".join(shown.get(c, c) for c in idea.causes)
            cells = (
                shown.get(idea.id, idea.id),
                Text.assemble((warn, WARN), idea.title),
                self.tr(f"ui.action.{idea.action.value}") if idea.action else "—",
                causes or Text(self.tr("ui.ideas.no_cause"), style=WARN),
                ", ".join(idea.steps) or "—",
                f"{idea.reduction:.0%}" if idea.reduction else "—",
                number(self.hours[idea.id]) if idea.id in self.hours else "…",
            )
            rows.append((idea.id, cells))
        self.rows = rows
        table.fill(self.columns, rows)
        if ideas:
            table.move_cursor(row=min(max(keep, 0), len(ideas) - 1))
        scope = self.tr("ui.scope.mine") if self.only_mine else self.tr("ui.scope.all")
        self.summary.update(
            self.tr("ui.ideas.summary", count=len(ideas), total=len(workshop.ideas), scope=scope)
        )
        self._show_detail()
        self.compute_hours(workshop)

    @work(thread=True, exclusive=True, group="hours", description="hours")
    def compute_hours(self, workshop: Workshop) -> None:
        """Hours saved per idea, from the to-be process (off the UI thread)."""
        worker = get_current_worker()
        try:
            from cocreate.process.tobe import hours_saved_by_idea

            hours = hours_saved_by_idea(workshop)
        except Exception:
            hours = {}
        if not worker.is_cancelled:
            self.post_message(self.HoursComputed(hours))

    @on(HoursComputed)
    def _show_hours(self, event: HoursComputed) -> None:
        self.hours = event.hours
        # The hours can be wider than the "…" they replace: fit the columns again.
        rows = [(key, (*cells[:-1], number(self.hours.get(key)))) for key, cells in self.rows]
        self.rows = rows
        self.table.fill(self.columns, rows)

    def _selected(self) -> Idea | None:
        ideas = self._visible(self.workshop)
        row = self.table.cursor_row
        if not ideas or row < 0:
            return None
        return ideas[min(row, len(ideas) - 1)]

    def selected_author(self) -> str | None:
        idea = self._selected()
        return idea.author if idea else None

    @on(DataTable.RowHighlighted, "#ideas")
    def _show_detail(self) -> None:
        self.refresh_bindings()  # edit and remove: only on the member's own ideas
        idea = self._selected()
        if idea is None:
            self.detail.update(self.tr("ui.ideas.empty"))
            return
        ws = self.workshop
        shown = voting.shown_ids(ws, self.ctx.session.member)
        lines = [f"[b]{shown.get(idea.id, idea.id)}  {escape(idea.title)}[/b]"]
        if idea.description:
            lines.append(escape(idea.description))
        if contribute.is_solution_first(idea):
            lines.append(f"[$warning]⚠ {self.tr('ui.ideas.solution_first')}[/]")
        for cause_id in idea.causes:
            cause = ws.cause(cause_id)
            if cause:
                lines.append(f"  ← {shown.get(cause_id, cause_id)} {escape(cause.text)}")
        for step_id in idea.steps:
            step = ws.step(step_id)
            if step:
                lines.append(f"  ⇢ {step_id} {escape(step.name)}")
        self.detail.update("\n".join(lines))

    def _fields(self, idea: Idea | None) -> list[Field]:
        ws = self.workshop
        member = self.ctx.session.member
        shown = voting.shown_ids(ws, member)
        causes = [
            (f"{shown.get(c.id, c.id)} {c.text}", c.id)
            for c in voting.shown_order(ws, member, ws.causes)
        ]
        steps = [(f"{s.id} {s.name}", s.id) for s in ws.steps]
        return [
            Field(
                "title",
                self.tr("ui.ideas.field.title"),
                value=idea.title if idea else "",
                required=True,
                placeholder=self.tr("ui.ideas.placeholder.title"),
            ),
            Field(
                "causes",
                self.tr("ui.ideas.field.causes"),
                "multi",
                causes,
                value=idea.causes if idea else (),
            ),
            Field(
                "steps",
                self.tr("ui.ideas.field.steps"),
                "multi",
                steps,
                value=idea.steps if idea else (),
            ),
            Field(
                "action",
                self.tr("ui.ideas.field.action"),
                "choice",
                [(self.tr(f"ui.action.{a.value}"), a.value) for a in Action],
                value=idea.action.value if idea and idea.action else None,
            ),
            Field(
                "reduction",
                self.tr("ui.ideas.field.reduction"),
                "number",
                value=round(idea.reduction * 100) if idea else None,
                placeholder=self.tr("ui.edit.placeholder.reduction"),
            ),
            Field(
                "description",
                self.tr("ui.ideas.field.description"),
                value=idea.description if idea else "",
            ),
        ]

    def _hint(self, values: dict[str, Any]) -> str:
        if not values.get("causes"):
            return f"⚠ {self.tr('ui.ideas.solution_first')}"
        return ""

    def action_add_idea(self) -> None:
        """Add an idea that answers causes."""

        def edit(values: dict[str, Any]) -> IdeasPane.IdeaAdded:
            return self.IdeaAdded(IdeaFields.from_form(values))

        title = self.tr("ui.ideas.add_title")
        self.open_form(title, self._fields(None), hint=self._hint, edit=edit)

    def action_edit_idea(self) -> None:
        """Edit the selected idea."""
        idea = self._selected()
        if idea is None:
            return

        def edit(values: dict[str, Any]) -> IdeasPane.IdeaEdited:
            return self.IdeaEdited(idea.id, IdeaFields.from_form(values))

        title = self.tr("ui.ideas.edit_title", id=idea.id)
        self.open_form(title, self._fields(idea), hint=self._hint, edit=edit)

    def action_remove_idea(self) -> None:
        """Remove the selected idea (one nobody has voted on); ctrl+z brings it back."""
        idea = self._selected()
        if idea is not None:
            self.confirm_remove(
                self.tr("ui.ask.remove_idea", id=idea.id), self.IdeaRemoved(idea.id)
            )

    @on(DataTable.RowSelected, "#ideas")
    async def _row_selected(self) -> None:
        await self.run_action("edit_idea")

    def action_toggle_mine(self) -> None:
        """Show only your own ideas, or everyone's."""
        self.only_mine = not self.only_mine
        self.show_workshop(self.workshop)
