"""The help screen: every key of the phase on show and of the app, in the UI language."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Label

from cocreate.tui.bindings import describe
from cocreate.tui.context import context

if TYPE_CHECKING:
    from textual.dom import DOMNode

__all__ = ["HelpScreen"]


class HelpScreen(ModalScreen[None]):
    """A table of keys; escape or ? closes it."""

    CSS_PATH = "help.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,f1,q", "close", "close", id="help.close"),
    ]

    def __init__(self, pane: DOMNode | None = None) -> None:
        """``pane``: the phase whose keys come first (they must be its to use)."""
        super().__init__()
        self.pane = pane
        self._table: DataTable[str] = DataTable(
            id="help-keys", cursor_type="row", zebra_stripes=True
        )

    def compose(self) -> ComposeResult:
        ctx = context(self)
        with Vertical(id="help"):
            yield Label(ctx.tr("ui.help.title"), id="help-title")
            yield self._table
            yield Label(ctx.tr("ui.help.footer"), id="help-footer")

    def on_mount(self) -> None:
        ctx = context(self)
        table = self._table
        table.add_columns(ctx.tr("ui.help.key"), ctx.tr("ui.help.does"))
        sections: list[tuple[str, list[Binding]]] = []
        pane = self.pane
        if pane is not None:
            title = ctx.tr(f"ui.phase.{getattr(pane, 'PHASE', '')}")
            sections.append((title, _class_bindings(type(pane))))
        sections.append((ctx.tr("ui.help.everywhere"), _class_bindings(type(self.app))))
        for title, bindings in sections:
            table.add_row(f"[b]{title}[/b]", "")
            phase_keys: list[str] = []
            for binding in bindings:
                if (binding.id or "").startswith("phase."):
                    phase_keys.append(binding.key)
                    continue
                if pane is not None and pane.check_action(binding.action, ()) is False:
                    continue
                description, tooltip = describe(binding, ctx.lang)
                key = binding.key_display or self.app.get_key_display(binding)
                text = f"{description} — {tooltip}" if tooltip else description
                table.add_row(f"  {key}", text)
            if phase_keys:
                table.add_row(f"  {phase_keys[0]}–{phase_keys[-1]}", ctx.tr("ui.help.phase_keys"))
        table.add_row(f"[b]{ctx.tr('ui.help.palette')}[/b]", "")
        table.add_row("  ctrl+p", ctx.tr("ui.help.palette_text"))

    def action_close(self) -> None:
        """Close the help."""
        self.dismiss(None)


def _class_bindings(cls: type) -> list[Binding]:
    return [item for item in getattr(cls, "BINDINGS", []) if isinstance(item, Binding)]
