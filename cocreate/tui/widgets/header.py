"""The app's top bar: workshop title, who is editing, and whether everything is saved."""

from __future__ import annotations

from textual.content import Content
from textual.widget import Widget

from cocreate.tui.context import context

__all__ = ["WorkshopHeader"]


class WorkshopHeader(Widget):
    """One line: the workshop's title on the left, member and save state on the right.

    Drawn as one piece of styled text, not a widget per part: every phase screen has a
    header, and each widget costs styling and layout time on every screen's first show.
    """

    DEFAULT_CSS = """
    WorkshopHeader {
        height: 1;
        width: 100%;
        text-wrap: nowrap;
    }
    """

    def on_mount(self) -> None:
        self.watch(self.app, "workshop", self._changed)
        self.watch(self.app, "save_state", self._changed)

    def _changed(self, _value: object) -> None:
        self.refresh()

    @property
    def saved_text(self) -> str:
        """The save state as shown: "saved 10:30", or "unsaved" when a save failed."""
        app = context(self)
        if app.save_state != "saved":
            return app.tr("ui.header.unsaved")
        saved_at = app.session.saved_at
        if saved_at:
            return app.tr("ui.header.saved_at", time=saved_at.strftime("%H:%M"))
        return app.tr("ui.header.saved")

    def render(self) -> Content:
        app = context(self)
        workshop = app.workshop
        if workshop is None:
            return Content("")
        member_id = app.session.member
        if member_id is not None:
            member = workshop.member(member_id)
            who = app.tr("ui.header.member", name=member.name if member else member_id)
        else:
            who = app.tr("ui.header.facilitator")
        saved = app.save_state == "saved"
        right = Content.assemble(
            (f" {who} ", "$text-muted"),
            (
                f" ● {self.saved_text} ",
                "$text-success" if saved else "bold $text on $error",
            ),
        )
        brand = Content.assemble((" cocreate ", "bold $text on $primary"))
        room = self.size.width - brand.cell_length - right.cell_length
        title = Content.assemble((f" {workshop.meta.title}", "bold"))
        title = title.truncate(max(room, 0), ellipsis=True, pad=True)
        return Content.assemble(brand, title, right)
