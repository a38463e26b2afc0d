"""Phase 2, problems: the members' 困りごと, each linked to the steps where it happens."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.markup import escape
from textual.message import Message
from textual.widget import Widget
from textual.widgets import DataTable, Label

from cocreate import contribute
from cocreate.model import Problem, Workshop
from cocreate.prioritize import voting
from cocreate.tui.fields import Field
from cocreate.tui.phases.base import PhasePane
from cocreate.tui.styles import stylesheet
from cocreate.tui.widgets.columns import Column, FittedTable

__all__ = ["SUGGEST_THRESHOLD", "ProblemsPane"]

#: Looser than duplicate detection: while typing, a half-written text should already
#: bring up the problem it is close to.
SUGGEST_THRESHOLD = 0.45


class ProblemsPane(PhasePane):
    """The problem list: add, edit, and see near-duplicates while typing."""

    PHASE = "problems"
    DEFAULT_CSS = stylesheet(__file__)
    OWN_ONLY = frozenset({"edit_problem", "remove_problem"})
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "add_problem", "add problem", id="problems.add"),
        Binding("enter,e", "edit_problem", "edit", id="problems.edit", key_display="⏎"),
        Binding("o", "toggle_mine", "mine/all", id="problems.mine"),
        Binding("delete", "remove_problem", "remove", id="problems.remove", show=False),
    ]

    @dataclass
    class ProblemAdded(Message):
        """A problem was written down, in the name of the session's author."""

        text: str
        steps: tuple[str, ...]
        category: str

    @dataclass
    class ProblemEdited(Message):
        problem_id: str
        text: str
        steps: tuple[str, ...]
        category: str

    @dataclass
    class ProblemRemoved(Message):
        problem_id: str

    def __init__(self) -> None:
        super().__init__()
        self.only_mine = self.member_mode
        """Only the author's own problems are listed (where a member starts)."""
        self.summary = Label("", id="problems-summary", classes="phase-summary")
        self.table = FittedTable(id="problems", cursor_type="row", zebra_stripes=True)
        label = {k: self.tr(f"ui.problems.col.{k}") for k in ("id", "text", "steps", "author")}
        self.columns = (
            Column("id", label["id"], "fixed"),
            # A very long problem is cut with "…" here; the whole text is in its form.
            Column("text", label["text"], least=12, most=70, weight=3, enough=30),
            Column("steps", label["steps"], least=4, most=16, drop=2),
            Column("author", label["author"], least=4, most=12, drop=1),
            Column("causes", self.tr("ui.problems.col.causes"), "number"),
        )

    def compose(self) -> ComposeResult:
        yield self.summary
        yield self.table

    def first_focus(self) -> Widget | None:
        return self.table

    def _visible(self, workshop: Workshop) -> list[Problem]:
        problems = voting.shown_order(workshop, self.ctx.session.member, workshop.problems)
        if self.only_mine:
            problems = [p for p in problems if p.author == self.author]
        return problems

    def show_workshop(self, workshop: Workshop) -> None:
        table = self.table
        keep = table.cursor_row
        problems = self._visible(workshop)
        me = self.author
        shown = voting.shown_ids(workshop, self.ctx.session.member)
        rows = []
        for problem in problems:
            mark = "★ " if problem.author == me else ""
            cells = (
                shown.get(problem.id, problem.id),
                Text(mark + problem.text),
                ", ".join(problem.steps),
                Text(self._author_name(workshop, problem.author, bool(shown))),
                str(len(workshop.causes_of(problem.id))),
            )
            rows.append((problem.id, cells))
        table.fill(self.columns, rows)
        if problems:
            table.move_cursor(row=min(max(keep, 0), len(problems) - 1))
        scope = self.tr("ui.scope.mine") if self.only_mine else self.tr("ui.scope.all")
        self.summary.update(
            self.tr(
                "ui.problems.summary",
                count=len(problems),
                total=len(workshop.problems),
                scope=scope,
            )
        )
        self.refresh_bindings()

    def _author_name(self, workshop: Workshop, author: str, anonymous: bool) -> str:
        """Who wrote an item, as this view may say it (anonymous voting hides others)."""
        if anonymous:
            return self.tr("ui.anon.you") if author == self.author else self.tr("ui.anon.hidden")
        member = workshop.member(author)
        return member.name if member else author

    def _selected(self) -> Problem | None:
        problems = self._visible(self.workshop)
        row = self.table.cursor_row
        if not problems or row < 0:
            return None
        return problems[min(row, len(problems) - 1)]

    def selected_author(self) -> str | None:
        problem = self._selected()
        return problem.author if problem else None

    @on(DataTable.RowHighlighted, "#problems")
    def _highlighted(self) -> None:
        self.refresh_bindings()  # edit and remove: only on the member's own problems

    def _fields(self, problem: Problem | None) -> list[Field]:
        steps = [(f"{s.id} {s.name}", s.id) for s in self.workshop.steps]
        return [
            Field(
                "text",
                self.tr("ui.problems.field.text"),
                value=problem.text if problem else "",
                required=True,
                placeholder=self.tr("ui.problems.placeholder.text"),
            ),
            Field(
                "steps",
                self.tr("ui.problems.field.steps"),
                "multi",
                steps,
                value=problem.steps if problem else (),
            ),
            Field(
                "category",
                self.tr("ui.problems.field.category"),
                value=problem.category if problem else "",
                placeholder=self.tr("ui.problems.placeholder.category"),
            ),
        ]

    def _similar_hint(self, editing: str | None) -> Callable[[dict[str, Any]], str]:
        def hint(values: dict[str, Any]) -> str:
            text = values.get("text") or ""
            similar = [
                (p, score)
                for p, score in contribute.similar_problems(
                    self.workshop, text, 3, threshold=SUGGEST_THRESHOLD
                )
                if p.id != editing
            ]
            if not similar:
                return ""
            lines = [self.tr("ui.problems.similar")]
            lines += [f"  {p.id}  {escape(p.text)}  ({score:.0%})" for p, score in similar]
            return "\n".join(lines)

        return hint

    def action_add_problem(self) -> None:
        """Add a problem in your name."""

        def done(values: dict[str, Any] | None) -> None:
            if not values:
                return
            same = contribute.duplicate_of(self.workshop, values["text"])
            if same is not None:
                self.notify(
                    self.tr("ui.problems.duplicate", id=same.id, text=escape(same.text)),
                    severity="warning",
                )
                return
            self.post_message(edit(values))

        def edit(values: dict[str, Any]) -> ProblemsPane.ProblemAdded:
            return self.ProblemAdded(values["text"], values["steps"], values["category"] or "")

        title = self.tr("ui.problems.add_title")
        self.open_form(title, self._fields(None), done, hint=self._similar_hint(None), edit=edit)

    def action_edit_problem(self) -> None:
        """Edit the selected problem (your own, in member mode)."""
        problem = self._selected()
        if problem is None:
            return

        def edit(values: dict[str, Any]) -> ProblemsPane.ProblemEdited:
            return self.ProblemEdited(
                problem.id, values["text"], values["steps"], values["category"] or ""
            )

        title = self.tr("ui.problems.edit_title", id=problem.id)
        self.open_form(title, self._fields(problem), hint=self._similar_hint(problem.id), edit=edit)

    def action_remove_problem(self) -> None:
        """Remove the selected problem (one with no causes yet); ctrl+z brings it back."""
        problem = self._selected()
        if problem is not None:
            question = self.tr("ui.ask.remove_problem", id=problem.id)
            self.confirm_remove(question, self.ProblemRemoved(problem.id))

    @on(DataTable.RowSelected, "#problems")
    async def _row_selected(self) -> None:
        await self.run_action("edit_problem")

    def action_toggle_mine(self) -> None:
        """Show only your own problems, or everyone's."""
        self.only_mine = not self.only_mine
        self.show_workshop(self.workshop)
