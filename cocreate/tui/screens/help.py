"""The help screen: every key of the current phase and of the app, in the UI language."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Label

from cocreate.tui.bindings import describe, localise_bindings

__all__ = ["HelpScreen"]


class HelpScreen(ModalScreen[None]):
    """A table of keys; escape or ? closes it."""

    CSS_PATH = "help.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,f1,q", "close", "close", id="help.close"),
    ]

    def __init__(self) -> None:
        super().__init__()
        localise_bindings(self, self.app.lang)  # type: ignore[attr-defined]

    def compose(self) -> ComposeResult:
        app = self.app
        with Vertical(id="help"):
            yield Label(app.tr("ui.help.title"), id="help-title")  # type: ignore[attr-defined]
            yield DataTable(id="help-keys", cursor_type="row", zebra_stripes=True)
            yield Label(app.tr("ui.help.footer"), id="help-footer")  # type: ignore[attr-defined]

    def on_mount(self) -> None:
        app = self.app
        lang = app.lang  # type: ignore[attr-defined]
        table = self.query_one(DataTable)
        table.add_columns(app.tr("ui.help.key"), app.tr("ui.help.does"))  # type: ignore[attr-defined]
        under = self._screen_below()
        sections: list[tuple[str, list[Binding]]] = []
        if under is not None:
            title = app.tr(f"ui.phase.{getattr(under, 'PHASE', '')}")  # type: ignore[attr-defined]
            sections.append((title, _class_bindings(type(under))))
        sections.append((app.tr("ui.help.everywhere"), _class_bindings(type(app))))  # type: ignore[attr-defined]
        for title, bindings in sections:
            table.add_row(f"[b]{title}[/b]", "")
            phase_keys: list[str] = []
            for binding in bindings:
                if (binding.id or "").startswith("phase."):
                    phase_keys.append(binding.key)
                    continue
                if under is not None and not _allowed(under, binding.action):
                    continue
                description, tooltip = describe(binding, lang)
                key = binding.key_display or app.get_key_display(binding)
                text = f"{description} — {tooltip}" if tooltip else description
                table.add_row(f"  {key}", text)
            if phase_keys:
                table.add_row(
                    f"  {phase_keys[0]}–{phase_keys[-1]}",
                    app.tr("ui.help.phase_keys"),  # type: ignore[attr-defined]
                )
        table.add_row(f"[b]{app.tr('ui.help.palette')}[/b]", "")  # type: ignore[attr-defined]
        table.add_row("  ctrl+p", app.tr("ui.help.palette_text"))  # type: ignore[attr-defined]

    def _screen_below(self) -> Screen | None:
        stack = self.app.screen_stack
        return stack[-2] if len(stack) >= 2 else None

    def action_close(self) -> None:
        """Close the help."""
        self.dismiss(None)


def _class_bindings(cls: type) -> list[Binding]:
    out = []
    for item in getattr(cls, "BINDINGS", []):
        if isinstance(item, Binding):
            out.append(item)
    return out


def _allowed(screen: Screen, action: str) -> bool:
    return screen.check_action(action, ()) is not False
