"""The help screen: every key of the phase on show and of the app, in the UI language."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Label

from cocreate.tui.bindings import describe
from cocreate.tui.context import context
from cocreate.tui.styles import stylesheet

if TYPE_CHECKING:
    from textual.dom import DOMNode

__all__ = ["HelpScreen"]


class HelpScreen(ModalScreen[None]):
    """A table of keys; escape or ? closes it."""

    DEFAULT_CSS = stylesheet(__file__)
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,f1,q", "close", "close", id="help.close"),
    ]

    def __init__(self, pane: DOMNode | None = None) -> None:
        """``pane``: the phase whose keys come first (they must be its to use)."""
        super().__init__()
        self.pane = pane
        self._table: DataTable[str | Text] = DataTable(
            id="help-keys", cursor_type="row", zebra_stripes=True
        )

    def compose(self) -> ComposeResult:
        ctx = context(self)
        with Vertical(id="help"):
            yield Label(ctx.tr("ui.help.title"), id="help-title")
            yield self._table
            yield Label(ctx.tr("ui.help.footer"), id="help-footer")

    def key_names(self, binding: Binding) -> str:
        """The keys of a binding as a person reads them: ``+ / =``, not ``plus,equals_sign``."""
        if binding.key_display:
            return binding.key_display
        keys = [key.strip() for key in binding.key.split(",") if key.strip()]
        names: list[str] = []
        for key in keys:
            name = self.app.get_key_display(dataclasses.replace(binding, key=key))
            if name not in names:
                names.append(name)
        return " / ".join(names)

    def on_mount(self) -> None:
        ctx = context(self)
        table = self._table
        # The descriptions wrap in a column as wide as the help leaves them, never cut.
        # help.tcss: 90 cells at most, 95% of a narrower screen, less border and padding.
        width = max(min(90, self.app.size.width * 95 // 100) - 4, 40)
        keys_width = 16
        table.add_column(ctx.tr("ui.help.key"), width=keys_width, key="key")
        table.add_column(ctx.tr("ui.help.does"), width=width - keys_width - 6, key="does")
        rows: list[tuple[str, str]] = []
        sections: list[tuple[str, list[Binding]]] = []
        pane = self.pane
        if pane is not None:
            title = ctx.tr(f"ui.phase.{getattr(pane, 'PHASE', '')}")
            sections.append((title, _class_bindings(type(pane))))
        sections.append((ctx.tr("ui.help.everywhere"), _class_bindings(type(self.app))))
        for title, bindings in sections:
            rows.append((f"[b]{title}[/b]", ""))
            phase_keys: list[str] = []
            for binding in bindings:
                if (binding.id or "").startswith("phase."):
                    phase_keys.append(binding.key)
                    continue
                if pane is not None and pane.check_action(binding.action, ()) is False:
                    continue
                description, tooltip = describe(binding, ctx.lang)
                text = f"{description} — {tooltip}" if tooltip else description
                rows.append((f"  {self.key_names(binding)}", text))
            if phase_keys:
                rows.append((f"  {phase_keys[0]}–{phase_keys[-1]}", ctx.tr("ui.help.phase_keys")))
        rows.append((f"[b]{ctx.tr('ui.help.palette')}[/b]", ""))
        palette = self.app.get_key_display(Binding("ctrl+p", "command_palette"))
        rows.append((f"  {palette}", ctx.tr("ui.help.palette_text")))
        for key, text in rows:
            table.add_row(Text.from_markup(key), Text(text), height=None)

    def action_close(self) -> None:
        """Close the help."""
        self.dismiss(None)


def _class_bindings(cls: type) -> list[Binding]:
    return [item for item in getattr(cls, "BINDINGS", []) if isinstance(item, Binding)]
