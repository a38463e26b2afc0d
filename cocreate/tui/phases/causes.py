"""Phase 3, causes: a why-chain tree per problem, each cause with its category."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.markup import escape
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Label, OptionList, Tree
from textual.widgets.option_list import Option

from cocreate.model import Cause, CauseCategory, Workshop
from cocreate.prioritize import voting
from cocreate.tui.fields import Field
from cocreate.tui.phases.base import PhasePane
from cocreate.tui.styles import stylesheet

__all__ = ["CausesPane"]


class CausesPane(PhasePane):
    """Pick a problem on the left; its why-chains grow on the right."""

    PHASE = "causes"
    DEFAULT_CSS = stylesheet(__file__)
    OWN_ONLY = frozenset({"edit_cause", "remove_cause"})
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("w", "add_why", "why?", id="causes.add"),
        Binding("e", "edit_cause", "edit", id="causes.edit"),
        Binding("delete", "remove_cause", "remove", id="causes.remove", show=False),
        Binding("tab", "app.focus_next", "switch pane", id="causes.focus", show=False),
    ]

    @dataclass
    class CauseAdded(Message):
        """One more "why" of ``problem_id``: a first one, or below cause ``parent``."""

        problem_id: str
        parent: str | None
        text: str
        category: str | None

    @dataclass
    class CauseEdited(Message):
        cause_id: str
        text: str
        category: str | None

    @dataclass
    class CauseRemoved(Message):
        cause_id: str

    def __init__(self) -> None:
        super().__init__()
        self.problem_id: str | None = None
        self.problem_list = OptionList(id="problem-list")
        self.why_tree: Tree[str | None] = Tree("", id="why-tree")
        self.why_tree.show_root = True
        self.tree_title = Label("", id="causes-title", classes="pane-title")

    def compose(self) -> ComposeResult:
        with Horizontal(id="causes-layout"):
            with Vertical(id="causes-problems"):
                yield Label(self.tr("ui.causes.problems"), classes="pane-title")
                yield self.problem_list
            with Vertical(id="causes-tree-pane"):
                yield self.tree_title
                yield self.why_tree
                yield Label(self.tr("ui.causes.hint"), id="causes-hint")

    def first_focus(self) -> Widget | None:
        return self.problem_list

    def show_workshop(self, workshop: Workshop) -> None:
        options = self.problem_list
        highlighted = options.highlighted
        options.clear_options()
        member = self.ctx.session.member
        shown = voting.shown_ids(workshop, member)
        problems = voting.shown_order(workshop, member, workshop.problems)
        for problem in problems:
            count = len(workshop.causes_of(problem.id))
            badge = f"[$accent]({count})[/]" if count else "[$warning](0)[/]"
            text = f"{badge} [dim]{shown.get(problem.id, problem.id)}[/] {escape(problem.text)}"
            options.add_option(Option(text, id=problem.id))
        if problems:
            if self.problem_id is None or workshop.problem(self.problem_id) is None:
                self.problem_id = problems[0].id
            index = next(
                (i for i, p in enumerate(problems) if p.id == self.problem_id),
                highlighted or 0,
            )
            options.highlighted = index
        self._show_tree(workshop)

    def _show_tree(self, workshop: Workshop) -> None:
        tree = self.why_tree
        tree.clear()
        problem = workshop.problem(self.problem_id) if self.problem_id else None
        if problem is None:
            tree.root.set_label(self.tr("ui.causes.no_problem"))
            self.tree_title.update("")
            return
        shown = voting.shown_ids(workshop, self.ctx.session.member)
        self.tree_title.update(
            self.tr("ui.causes.tree_title", id=shown.get(problem.id, problem.id))
        )
        tree.root.set_label(Text(problem.text, style="bold"))
        tree.root.data = None
        causes = voting.shown_order(
            workshop, self.ctx.session.member, workshop.causes_of(problem.id)
        )
        ids = {c.id for c in causes}
        children: dict[str | None, list[Cause]] = {}
        for cause in causes:
            children.setdefault(cause.parent if cause.parent in ids else None, []).append(cause)

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
                    (shown.get(cause.id, cause.id), "dim"),
                )
                child = node.add(label, data=cause.id, expand=True)
                grow(child, cause.id, depth + 1)
                if not children.get(cause.id):
                    child.allow_expand = False

        grow(tree.root, None, 1)
        tree.root.expand_all()
        self.refresh_bindings()

    @on(OptionList.OptionHighlighted, "#problem-list")
    def _problem_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id and event.option.id != self.problem_id:
            self.problem_id = event.option.id
            self._show_tree(self.workshop)

    @on(OptionList.OptionSelected, "#problem-list")
    def _problem_selected(self) -> None:
        self.why_tree.focus()

    @on(Tree.NodeHighlighted, "#why-tree")
    def _cause_highlighted(self) -> None:
        self.refresh_bindings()  # edit and remove: only on the member's own causes

    def _selected_cause(self) -> Cause | None:
        node = self.why_tree.cursor_node
        if self.why_tree.has_focus and node is not None and isinstance(node.data, str):
            return self.workshop.cause(node.data)
        return None

    def selected_author(self) -> str | None:
        cause = self._selected_cause()
        return cause.author if cause else None

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
        parent_id = parent.id if parent else None
        title = (
            self.tr("ui.causes.add_below", id=parent_id)
            if parent_id
            else self.tr("ui.causes.add_first", id=problem_id)
        )

        def edit(values: dict[str, Any]) -> CausesPane.CauseAdded:
            return self.CauseAdded(problem_id, parent_id, values["text"], values["category"])

        self.open_form(title, self._fields(None), edit=edit)

    def action_remove_cause(self) -> None:
        """Remove the selected cause (the deepest why first); ctrl+z brings it back."""
        cause = self._selected_cause()
        if cause is not None:
            question = self.tr("ui.ask.remove_cause", id=cause.id)
            self.confirm_remove(question, self.CauseRemoved(cause.id))

    def action_edit_cause(self) -> None:
        """Edit the selected cause."""
        cause = self._selected_cause()
        if cause is None:
            return

        def edit(values: dict[str, Any]) -> CausesPane.CauseEdited:
            return self.CauseEdited(cause.id, values["text"], values["category"])

        title = self.tr("ui.causes.edit_title", id=cause.id)
        self.open_form(title, self._fields(cause), edit=edit)
