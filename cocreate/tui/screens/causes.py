"""Phase 3, causes: a why-chain tree per problem, each cause with its category."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.markup import escape
from textual.widgets import Label, OptionList, Tree
from textual.widgets.option_list import Option

from cocreate import contribute
from cocreate.model import Cause, CauseCategory, Workshop
from cocreate.tui.screens.base import PhaseScreen
from cocreate.tui.screens.forms import Field, FormScreen

__all__ = ["CausesScreen"]


class CausesScreen(PhaseScreen):
    """Pick a problem on the left; its why-chains grow on the right."""

    CSS_PATH = "causes.tcss"
    PHASE = "causes"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("w", "add_why", "why?", id="causes.add"),
        Binding("e", "edit_cause", "edit", id="causes.edit"),
        Binding("delete", "remove_cause", "remove", id="causes.remove", show=False),
        Binding("tab", "app.focus_next", "switch pane", id="causes.focus", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.problem_id: str | None = None

    def compose_body(self) -> ComposeResult:
        with Horizontal(id="causes-layout"):
            with Vertical(id="causes-problems"):
                yield Label(self.tr("ui.causes.problems"), classes="pane-title")
                yield OptionList(id="problem-list")
            with Vertical(id="causes-tree-pane"):
                yield Label("", id="causes-title", classes="pane-title")
                yield Tree("", id="why-tree")
                yield Label(self.tr("ui.causes.hint"), id="causes-hint")

    def on_mount(self) -> None:
        tree = self.query_one("#why-tree", Tree)
        tree.show_root = True
        super().on_mount()
        self.query_one("#problem-list", OptionList).focus()

    def show_workshop(self, workshop: Workshop) -> None:
        options = self.query_one("#problem-list", OptionList)
        highlighted = options.highlighted
        options.clear_options()
        for problem in workshop.problems:
            count = len(workshop.causes_of(problem.id))
            badge = f"[$accent]({count})[/]" if count else "[$warning](0)[/]"
            text = f"{badge} [dim]{problem.id}[/] {escape(problem.text)}"
            options.add_option(Option(text, id=problem.id))
        if workshop.problems:
            if self.problem_id is None or workshop.problem(self.problem_id) is None:
                self.problem_id = workshop.problems[0].id
            index = next(
                (i for i, p in enumerate(workshop.problems) if p.id == self.problem_id),
                highlighted or 0,
            )
            options.highlighted = index
        self._show_tree(workshop)

    def _show_tree(self, workshop: Workshop) -> None:
        tree = self.query_one("#why-tree", Tree)
        tree.clear()
        problem = workshop.problem(self.problem_id) if self.problem_id else None
        title = self.query_one("#causes-title", Label)
        if problem is None:
            tree.root.set_label(self.tr("ui.causes.no_problem"))
            title.update("")
            return
        title.update(self.tr("ui.causes.tree_title", id=problem.id))
        tree.root.set_label(Text(problem.text, style="bold"))
        tree.root.data = None
        causes = workshop.causes_of(problem.id)
        children: dict[str | None, list[Cause]] = {}
        for cause in causes:
            parent = cause.parent if cause.parent in {c.id for c in causes} else None
            children.setdefault(parent, []).append(cause)

        def grow(node: Any, parent: str | None, depth: int) -> None:
            for cause in children.get(parent, []):
                category = (
                    f"〔{self.tr(f'ui.category.{cause.category.value}')}〕"
                    if cause.category
                    else ""
                )
                why = self.tr("ui.causes.why", n=depth)
                # Tree labels are Rich text: participant text is never read as markup.
                label = Text.assemble(
                    (why, "dim"),
                    " ",
                    (category, "bold cyan"),
                    cause.text,
                    " ",
                    (cause.id, "dim"),
                )
                child = node.add(label, data=cause.id, expand=True)
                grow(child, cause.id, depth + 1)
                if not children.get(cause.id):
                    child.allow_expand = False

        grow(tree.root, None, 1)
        tree.root.expand_all()

    @on(OptionList.OptionHighlighted, "#problem-list")
    def _problem_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id and event.option.id != self.problem_id:
            self.problem_id = event.option.id
            self._show_tree(self.workshop)

    @on(OptionList.OptionSelected, "#problem-list")
    def _problem_selected(self) -> None:
        self.query_one("#why-tree", Tree).focus()

    def _selected_cause(self) -> str | None:
        tree = self.query_one("#why-tree", Tree)
        node = tree.cursor_node
        if tree.has_focus and node is not None and isinstance(node.data, str):
            return node.data
        return None

    def _fields(self, cause: Cause | None) -> list[Field]:
        return [
            Field(
                "text",
                self.tr("ui.causes.field.text"),
                value=cause.text if cause else "",
                required=True,
                placeholder=self.tr("ui.causes.placeholder.text"),
            ),
            Field(
                "category",
                self.tr("ui.causes.field.category"),
                "choice",
                [(self.tr(f"ui.category.{c.value}"), c.value) for c in CauseCategory],
                value=cause.category.value if cause and cause.category else None,
            ),
        ]

    def action_add_why(self) -> None:
        """Ask one more 'why': a cause of the problem, or below the selected cause."""
        if self.problem_id is None:
            self.notify(self.tr("ui.causes.no_problem"), severity="warning")
            return
        problem_id = self.problem_id
        parent = self._selected_cause()
        author = self.app.session.author
        now = self.app.clock()
        title = (
            self.tr("ui.causes.add_below", id=parent)
            if parent
            else self.tr("ui.causes.add_first", id=problem_id)
        )

        def done(values: dict[str, Any] | None) -> None:
            if values:
                self.app.apply(
                    "ui.label.add_cause",
                    lambda ws: contribute.add_cause(
                        ws, author, problem_id, values["text"], parent, values["category"], now
                    )[0],
                )

        self.app.push_screen(FormScreen(title, self._fields(None)), done)

    def action_remove_cause(self) -> None:
        """Remove the selected cause (the deepest why first); ctrl+z brings it back."""
        cause_id = self._selected_cause()
        cause = self.workshop.cause(cause_id) if cause_id else None
        if cause is None:
            return
        if self.member_mode and cause.author != self.app.session.author:
            self.notify(self.tr("ui.note.not_yours"), severity="warning")
            return
        self.app.apply("ui.label.remove", lambda ws: contribute.remove_item(ws, cause.id))

    def action_edit_cause(self) -> None:
        """Edit the selected cause."""
        cause_id = self._selected_cause()
        cause = self.workshop.cause(cause_id) if cause_id else None
        if cause is None:
            return
        if self.member_mode and cause.author != self.app.session.author:
            self.notify(self.tr("ui.note.not_yours"), severity="warning")
            return

        def done(values: dict[str, Any] | None) -> None:
            if values:
                self.app.apply(
                    "ui.label.edit_cause",
                    lambda ws: contribute.edit_cause(
                        ws, cause.id, text=values["text"], category=values["category"]
                    ),
                )

        self.app.push_screen(
            FormScreen(self.tr("ui.causes.edit_title", id=cause.id), self._fields(cause)), done
        )
