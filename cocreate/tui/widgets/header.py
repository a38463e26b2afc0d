"""The app's top bar: workshop title, who is editing, and whether everything is saved."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Label

__all__ = ["WorkshopHeader"]


class WorkshopHeader(Horizontal):
    """One line: the workshop's title on the left, member and save state on the right."""

    DEFAULT_CSS = """
    WorkshopHeader {
        height: 1;
        width: 100%;
    }
    WorkshopHeader > #title { width: 1fr; text-overflow: ellipsis; text-wrap: nowrap; }
    WorkshopHeader > Label { height: 1; }
    """

    def compose(self) -> ComposeResult:
        yield Label("", id="brand")
        yield Label("", id="title")
        yield Label("", id="who")
        yield Label("", id="saved")

    def on_mount(self) -> None:
        self.watch(self.app, "workshop", self._show_title)
        self.watch(self.app, "save_state", self._show_saved)

    def _show_title(self, workshop: object) -> None:
        app = self.app
        if workshop is None:
            return
        self.query_one("#brand", Label).update(" cocreate ")
        self.query_one("#title", Label).update(f" {workshop.meta.title}")  # type: ignore[attr-defined]
        who = self.query_one("#who", Label)
        if app.session.member is not None:  # type: ignore[attr-defined]
            member = workshop.member(app.session.member)  # type: ignore[attr-defined]
            name = member.name if member else app.session.member  # type: ignore[attr-defined]
            who.update(f" {app.tr('ui.header.member', name=name)} ")  # type: ignore[attr-defined]
            who.display = True
        else:
            who.update(f" {app.tr('ui.header.facilitator')} ")  # type: ignore[attr-defined]

    def _show_saved(self, state: str) -> None:
        app = self.app
        label = self.query_one("#saved", Label)
        label.set_class(state == "saved", "-saved")
        label.set_class(state != "saved", "-unsaved")
        if state == "saved":
            saved_at = app.session.saved_at  # type: ignore[attr-defined]
            text = (
                app.tr("ui.header.saved_at", time=saved_at.strftime("%H:%M"))  # type: ignore[attr-defined]
                if saved_at
                else app.tr("ui.header.saved")  # type: ignore[attr-defined]
            )
        else:
            text = app.tr("ui.header.unsaved")  # type: ignore[attr-defined]
        label.update(f" ● {text} ")
