"""Phase 2, problems: the members' 困りごと, each linked to the steps where it happens."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.markup import escape
from textual.widgets import DataTable, Label

from cocreate import contribute
from cocreate.model import Problem, Workshop
from cocreate.tui.screens.base import PhaseScreen
from cocreate.tui.screens.forms import Field, FormScreen

__all__ = ["SUGGEST_THRESHOLD", "ProblemsScreen"]

#: Looser than duplicate detection: while typing, a half-written text should already
#: bring up the problem it is close to.
SUGGEST_THRESHOLD = 0.45


class ProblemsScreen(PhaseScreen):
    """The problem list: add, edit, and see near-duplicates while typing."""

    CSS_PATH = "problems.tcss"
    PHASE = "problems"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "add_problem", "add problem", id="problems.add"),
        Binding("enter,e", "edit_problem", "edit", id="problems.edit", key_display="⏎"),
        Binding("o", "toggle_mine", "mine/all", id="problems.mine"),
        Binding("delete", "remove_problem", "remove", id="problems.remove", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.only_mine = self.member_mode

    def compose_body(self) -> ComposeResult:
        yield Label("", id="problems-summary", classes="phase-summary")
        yield DataTable(id="problems", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        table = self.query_one("#problems", DataTable)
        for key in ("id", "text", "steps", "author", "causes"):
            table.add_column(self.tr(f"ui.problems.col.{key}"), key=key)
        super().on_mount()

    def _visible(self, workshop: Workshop) -> list[Problem]:
        problems = list(workshop.problems)
        if self.only_mine:
            problems = [p for p in problems if p.author == self.app.session.author]
        return problems

    def show_workshop(self, workshop: Workshop) -> None:
        table = self.query_one("#problems", DataTable)
        keep = table.cursor_row
        table.clear()
        problems = self._visible(workshop)
        me = self.app.session.author
        for problem in problems:
            author = workshop.member(problem.author)
            steps = ", ".join(problem.steps)
            mark = "★ " if problem.author == me else ""
            table.add_row(
                problem.id,
                Text(mark + problem.text),
                steps,
                Text(author.name if author else problem.author),
                str(len(workshop.causes_of(problem.id))),
                key=problem.id,
            )
        if problems:
            table.move_cursor(row=min(max(keep, 0), len(problems) - 1))
        scope = self.tr("ui.scope.mine") if self.only_mine else self.tr("ui.scope.all")
        self.query_one("#problems-summary", Label).update(
            self.tr(
                "ui.problems.summary",
                count=len(problems),
                total=len(workshop.problems),
                scope=scope,
            )
        )

    def _selected(self) -> Problem | None:
        problems = self._visible(self.workshop)
        row = self.query_one("#problems", DataTable).cursor_row
        if not problems or row < 0:
            return None
        return problems[min(row, len(problems) - 1)]

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

    def _similar_hint(self, editing: str | None):
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
        author = self.app.session.author
        now = self.app.clock()

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

            def change(ws: Workshop) -> Workshop:
                return contribute.add_problem(
                    ws, author, values["text"], values["steps"], values["category"] or "", now
                )[0]

            if self.app.apply("ui.label.add_problem", change):
                self.notify(self.tr("ui.problems.added"))

        self.app.push_screen(
            FormScreen(
                self.tr("ui.problems.add_title"), self._fields(None), hint=self._similar_hint(None)
            ),
            done,
        )

    def action_edit_problem(self) -> None:
        """Edit the selected problem (your own, in member mode)."""
        problem = self._selected()
        if problem is None:
            return
        if self.member_mode and problem.author != self.app.session.author:
            self.notify(self.tr("ui.note.not_yours"), severity="warning")
            return

        def done(values: dict[str, Any] | None) -> None:
            if values:
                self.app.apply(
                    "ui.label.edit_problem",
                    lambda ws: contribute.edit_problem(
                        ws,
                        problem.id,
                        text=values["text"],
                        steps=values["steps"],
                        category=values["category"] or "",
                    ),
                )

        self.app.push_screen(
            FormScreen(
                self.tr("ui.problems.edit_title", id=problem.id),
                self._fields(problem),
                hint=self._similar_hint(problem.id),
            ),
            done,
        )

    def action_remove_problem(self) -> None:
        """Remove the selected problem (one with no causes yet); ctrl+z brings it back."""
        problem = self._selected()
        if problem is None:
            return
        if self.member_mode and problem.author != self.app.session.author:
            self.notify(self.tr("ui.note.not_yours"), severity="warning")
            return
        self.app.apply("ui.label.remove", lambda ws: contribute.remove_item(ws, problem.id))

    @on(DataTable.RowSelected, "#problems")
    def _row_selected(self) -> None:
        self.action_edit_problem()

    def action_toggle_mine(self) -> None:
        """Show only your own problems, or everyone's."""
        self.only_mine = not self.only_mine
        self.show_workshop(self.workshop)
