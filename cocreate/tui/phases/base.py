"""What every phase pane shares: the workshop it shows, catching up when shown, member mode."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, ClassVar

from textual.binding import Binding, BindingType
from textual.containers import Container
from textual.message import Message
from textual.widget import Widget

from cocreate.model import Workshop
from cocreate.tui.context import AppContext, context
from cocreate.tui.fields import Field

__all__ = ["PhasePane"]


class PhasePane(Container):
    """One phase of the workshop, a pane of the app's one screen (``WorkshopScreen``).

    Subclasses compose their widgets in ``compose`` (keeping the ones they fill in as
    attributes, so nothing has to be looked up while mounting), show each new workshop
    state in ``show_workshop``, and post a message for every edit; the app applies it.

    A pane not on show is not redrawn for every change: it catches up when shown
    (:meth:`catch_up`), so an edit never recomputes the tally or the metrics for nobody.
    """

    PHASE: ClassVar[str] = "map"
    FACILITATOR_ONLY: ClassVar[frozenset[str]] = frozenset()
    """Actions hidden and refused in member mode."""
    OWN_ONLY: ClassVar[frozenset[str]] = frozenset()
    """Actions on the selected item that, in member mode, only its author may take."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f2", "edit_workshop", "workshop", id="workshop.edit", show=False),
    ]

    _stale: bool | None = None
    """Whether the workshop shown is out of date; None before it is first shown."""

    def __init__(self) -> None:
        super().__init__(id=f"phase-{self.PHASE}", classes=f"phase-pane body-{self.PHASE}")

    # -------------------------------------------------------------- what the app offers

    @property
    def ctx(self) -> AppContext:
        return context(self)

    def tr(self, key: str, /, **values: object) -> str:
        return self.ctx.tr(key, **values)

    @property
    def workshop(self) -> Workshop:
        return self.ctx.session.workshop

    @property
    def author(self) -> str:
        """Who new contributions are filed under."""
        return self.ctx.session.author

    @property
    def member_mode(self) -> bool:
        return self.ctx.session.member is not None

    # -------------------------------------------------------------- showing

    def on_mount(self) -> None:
        self.watch(self.app, "workshop", self._workshop_changed, init=True)

    def _workshop_changed(self, workshop: Workshop | None) -> None:
        if workshop is None or not (self.app.is_running and self.is_attached):
            # The app is quitting (is_attached turns False at exit()): the pane may be
            # half built, its children never mounted, and nobody would see it anyway.
            return
        if self.display or self._stale is None:
            # On show, or just built (on show or ahead of its first visit): fill it in.
            self._stale = False
            self.show_workshop(workshop)
        else:
            self._stale = True

    def catch_up(self) -> None:
        """Show the workshop as it is now, if it changed while this pane was hidden."""
        if self._stale:
            self._stale = False
            self.show_workshop(self.workshop)

    def show_workshop(self, workshop: Workshop) -> None:
        """Show ``workshop``: when built, and after every change while on show."""

    def first_focus(self) -> Widget | None:
        """The widget to focus when the pane is first shown."""
        return next((w for w in self.query("*") if w.focusable), None)

    # -------------------------------------------------------------- actions

    def open_form(
        self,
        title: str,
        fields: Sequence[Field],
        done: Callable[[dict[str, Any] | None], None] | None = None,
        *,
        hint: Callable[[dict[str, Any]], str] | None = None,
        edit: Callable[[dict[str, Any]], Message] | None = None,
    ) -> None:
        """Ask for ``fields`` in a form; ``done`` gets the values (None if cancelled).

        Without ``done``, the message ``edit`` makes of the values is posted.

        ``edit`` turns the values into the message ``done`` will post: the form asks
        the app whether the workshop's rules take it before closing, so a refused value
        (minutes -5, a flow that exists) keeps the form open with what was typed.
        """
        from cocreate.tui.screens.forms import FormScreen  # loads with the first form

        if done is None:
            if edit is None:
                raise TypeError("open_form needs done or edit")
            make = edit

            def done(values: dict[str, Any] | None) -> None:
                if values:
                    self.post_message(make(values))

        check = None
        if edit is not None:
            app = self.app

            def check(values: dict[str, Any]) -> None:
                app.check_edit(edit(values))  # type: ignore[attr-defined]  # AppliesEdits

        self.app.push_screen(FormScreen(title, fields, hint=hint, check=check), done)

    def confirm(self, question: str, yes: str, then: Callable[[], object]) -> None:
        """Ask ``question`` (a delete, closing voting); call ``then`` only on yes."""
        from cocreate.tui.screens.confirm import ConfirmScreen

        def answered(sure: bool | None) -> None:
            if sure:
                then()

        self.app.push_screen(ConfirmScreen(question, yes), answered)

    def confirm_remove(self, question: str, message: Message) -> None:
        """Ask before a delete; post ``message`` on yes."""
        self.confirm(question, self.tr("ui.ask.remove"), lambda: self.post_message(message))

    def selected_author(self) -> str | None:
        """The author of the item selected, for the actions in OWN_ONLY."""
        return None

    def action_edit_workshop(self) -> None:
        """The workshop itself: details, settings and members (facilitator)."""
        from cocreate.tui.screens.forms_workshop import WorkshopEditor

        self.app.push_screen(WorkshopEditor())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if not self.member_mode:
            return True
        if action in self.FACILITATOR_ONLY or action == "edit_workshop":
            return False  # hidden from the footer and the palette: not the member's to use
        if action in self.OWN_ONLY and self.selected_author() != self.author:
            return None  # shown, dimmed: someone else's item
        return True

    def unsaved_edits(self) -> list[Message]:
        """The edits still held in the pane's inputs, not yet posted (for quitting)."""
        return []
