"""The cocreate terminal app: the eight phases of a workshop over one editing session."""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Callable, Iterable
from typing import ClassVar

from textual import messages
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.reactive import var
from textual.screen import ModalScreen, Screen

from cocreate.errors import CocreateError, InputError
from cocreate.i18n import catalogue, error_text, t
from cocreate.model import Workshop
from cocreate.session import Change, Session
from cocreate.tui.bindings import phase_bindings
from cocreate.tui.commands import ActionCommands, PhaseCommands
from cocreate.tui.edits import AppliesEdits
from cocreate.tui.edits_views import AppliesViewEdits
from cocreate.tui.screens.workshop import PANES, WorkshopScreen
from cocreate.tui.toasts import WholeToasts

__all__ = ["THEMES", "CocreateApp"]

_BLOCKED_UNDER_MODAL = frozenset({"phase", "undo", "redo", "save", "reload", "help"})

#: Themes ctrl+t cycles through: dark for a laptop, light ones for a bright projector room.
THEMES = ("textual-dark", "textual-light", "nord", "gruvbox", "solarized-light", "tokyo-night")


class CocreateApp(WholeToasts, AppliesEdits, AppliesViewEdits, App[None]):
    """The facilitator's (or, in member mode, one member's) view of a workshop.

    The app holds the session and hands its workshop down (``workshop``); the panes post
    a message for each edit, and the app applies it through the domain functions
    (:class:`~cocreate.tui.edits.AppliesEdits`), saves it and hands the new state down.
    """

    # The shell's stylesheet. Each pane's and form's (next to its module) is its DEFAULT_CSS,
    # read when it is first built (cocreate.tui.styles): the first frame waits for one.
    CSS_PATH: ClassVar = ["app.tcss"]
    TITLE = "cocreate"
    ENABLE_COMMAND_PALETTE = True
    COMMANDS = App.COMMANDS | {PhaseCommands, ActionCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        *phase_bindings(),
        Binding("f1,question_mark", "help", "help", id="help", key_display="?"),
        Binding("ctrl+z", "undo", "undo", id="undo"),
        Binding("ctrl+y", "redo", "redo", id="redo", show=False),
        Binding("ctrl+s", "save", "save", id="save", show=False),
        Binding("ctrl+r", "reload", "reload", id="reload", show=False),
        Binding("ctrl+t", "next_theme", "theme", id="theme", show=False),
        Binding("ctrl+q", "quit", "quit", id="quit", priority=True, show=False),
        # Declared here (not left to Textual) so its footer label is in the UI language.
        Binding("ctrl+p", "command_palette", "palette", id="palette", show=False, priority=True),
    ]

    workshop: var[Workshop | None] = var(None, always_update=True)
    save_state: var[str] = var("saved", always_update=True)

    def __init__(
        self,
        session: Session,
        *,
        lang: str = "ja",
        phase: str = "map",
        clock: Callable[[], dt.datetime] = dt.datetime.now,
        poll_seconds: float = 1.0,
        prebuild: bool = True,
    ) -> None:
        super().__init__()
        self.session = session
        self.lang = lang
        self.clock = clock
        self.poll_seconds = poll_seconds
        self.start_phase = phase if phase in PANES else "map"
        self.prebuild = prebuild
        self.screens_built = False
        """Every phase's pane is built (and the garbage collector told to skip them)."""
        self.frozen = False
        """Objects were frozen out of the garbage collector's passes (``gc.freeze``)."""
        self.title = "cocreate"
        self.set_reactive(CocreateApp.workshop, session.workshop)
        self.main = WorkshopScreen(self.start_phase, build_ahead=prebuild)
        """The app's one screen; forms, the help and questions open over it."""

    # ------------------------------------------------------------------ words

    def tr(self, key: str, /, **values: object) -> str:
        """The UI text for ``key`` in this session's language."""
        return t(key, self.lang, **values)

    def describe(self, error: BaseException) -> str:
        """What a domain error says, in this session's language (``cocreate.i18n.error_text``)."""
        return error_text(error, self.lang)

    # ------------------------------------------------------------------ life cycle

    def get_default_screen(self) -> Screen:
        return self.main

    def on_mount(self) -> None:
        self.sub_title = self.session.workshop.meta.title
        self.call_after_refresh(self._first_frame_drawn)
        if self.poll_seconds > 0:
            self.set_interval(self.poll_seconds, self.check_disk, name="poll-disk")

    def _first_frame_drawn(self) -> None:
        # `cocreate` paused the cyclic garbage collector until now (cocreate.cli.main).
        # What start-up made lives as long as the app: frozen, no pass walks it again.
        if not gc.isenabled():
            gc.freeze()
            self.frozen = True
            gc.enable()

    def on_workshop_screen_panes_built(self) -> None:
        # The panes, their tables and the workshop now live as long as the app. A full
        # garbage collection walks every object (50-170 ms with 2,000 steps, landing on
        # whichever key press allocates at the wrong moment); frozen, they are skipped.
        # Cycles among them that become garbage later are not collected: panes are never
        # dropped, so that is little.
        gc.freeze()
        self.frozen = self.screens_built = True

    def on_unmount(self) -> None:
        if self.frozen:
            gc.unfreeze()  # the app is gone: let its objects be collected again

    @property
    def phase(self) -> str:
        """The phase on show."""
        return self.main.phase

    # ------------------------------------------------------------------ editing

    def apply(self, label: str, change: Change) -> bool:
        """Apply one edit through the session; tell the user if it was refused or merged.

        Returns True when the workshop changed.
        """
        before = self.session.workshop
        try:
            result = self.session.apply(label, change)
        except CocreateError as exc:
            self.notify(self.describe(exc), title=self.tr("ui.note.refused"), severity="error")
            return False
        if result.merged:
            self.notify(self.tr("ui.note.merged"), title=self.tr("ui.note.reloaded"))
        if not result.saved:
            self.notify(
                self.describe(result.error) if result.error else result.message,
                title=self.tr("ui.note.save_failed"),
                severity="error",
                timeout=10,
            )
        self._show_state()
        return self.session.workshop is not before

    def _show_state(self) -> None:
        self.save_state = "unsaved" if self.session.dirty else "saved"
        self.workshop = self.session.workshop

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Over a form or the help, app keys must not change the workshop underneath it.
        if action in _BLOCKED_UNDER_MODAL and isinstance(self.screen, ModalScreen):
            return False
        return True

    async def action_phase(self, phase: str) -> None:
        """Jump to a phase (keys 1-9) or a view of one (the tasks, the bureaus' maps)."""
        if phase in PANES:
            await self.main.show_phase(phase)

    def action_undo(self) -> None:
        """Undo the last change (saved at once)."""
        try:
            label = self.session.undo()
        except CocreateError as exc:
            self.notify(self.describe(exc), severity="error")
            return
        if label is None:
            self.notify(self.tr("ui.note.nothing_to_undo"))
            return
        self.notify(self.tr("ui.note.undone", what=self.tr(label)))
        self._show_state()

    def action_redo(self) -> None:
        """Redo the change last undone."""
        try:
            label = self.session.redo()
        except CocreateError as exc:
            self.notify(self.describe(exc), severity="error")
            return
        if label is None:
            self.notify(self.tr("ui.note.nothing_to_redo"))
            return
        self.notify(self.tr("ui.note.redone", what=self.tr(label)))
        self._show_state()

    def action_save(self) -> None:
        """Save now (retries a save that failed)."""
        result = self.session.retry()
        if result.saved:
            self.notify(self.tr("ui.note.saved"))
        else:
            message = self.describe(result.error) if result.error else result.message
            self.notify(message, title=self.tr("ui.note.save_failed"), severity="error")
        self._show_state()

    def action_reload(self) -> None:
        """Read the workshop folder again."""
        self.check_disk(force=True)

    def check_disk(self, force: bool = False) -> None:
        """Reload when someone else changed a workshop file (runs every poll interval)."""
        if not force and not self.session.changed_on_disk():
            return
        try:
            self.session.reload()
        except InputError as exc:
            # Someone is half-way through editing a file by hand: keep ours, say why.
            self.notify(
                self.describe(exc), title=self.tr("ui.note.reload_failed"), severity="warning"
            )
            self.session.mark_disk_seen()
            return
        self.notify(self.tr("ui.note.changed_on_disk"), title=self.tr("ui.note.reloaded"))
        self._show_state()

    def action_next_theme(self) -> None:
        """Switch to the next colour theme (light themes suit projectors)."""
        current = self.theme if self.theme in THEMES else THEMES[-1]
        self.theme = THEMES[(THEMES.index(current) + 1) % len(THEMES)]
        self.notify(self.tr("ui.note.theme", theme=self.theme))

    def action_command_palette(self) -> None:
        """Open the command palette, its placeholder in the UI language."""
        from textual.command import CommandPalette

        # is_open is typed for App[object]; App is invariant in its return type.
        if self.use_command_palette and not CommandPalette.is_open(self):  # type: ignore[arg-type]
            placeholder = self.tr("ui.palette.placeholder")
            self.push_screen(CommandPalette(id="--command-palette", placeholder=placeholder))

    def action_help(self) -> None:
        """Show every key of this phase and of the app."""
        from cocreate.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.main.pane))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        # Textual's own commands, in the UI language where the catalogue has them, and
        # "Keys" opening cocreate's help, which lists every key in the UI language.
        texts = catalogue()
        for title, help_text, callback, discover in super().get_system_commands(screen):
            key = f"ui.system.{title.lower()}"
            if title == "Keys":
                callback = self.action_help
            if key in texts:
                title, help_text = self.tr(key), self.tr(f"{key}.help")
            yield SystemCommand(title, help_text, callback, discover)

    async def action_quit(self) -> None:
        """Quit; what is still being typed in a field is applied and saved first."""
        from cocreate.tui.screens.confirm import ConfirmScreen

        if isinstance(self.screen, ConfirmScreen):
            self.end()  # ctrl+q twice: quit anyway
            return
        if self.screen is self.main:
            # Handled here, in order, before the check below (queued after them).
            for edit in self.main.pane.unsaved_edits():
                self.post_message(edit)
        self.call_later(self._quit_when_saved)

    def _quit_when_saved(self) -> None:
        from cocreate.tui.screens.confirm import ConfirmScreen
        from cocreate.tui.screens.forms import FormScreen

        if self.session.dirty:
            self.session.retry()
            self._show_state()
        open_form = any(isinstance(screen, FormScreen) for screen in self.screen_stack)
        if self.session.dirty or open_form:

            def answered(quit_anyway: bool | None) -> None:
                if quit_anyway:
                    self.end()

            question = "ui.confirm.unsaved" if self.session.dirty else "ui.confirm.form_open"
            self.push_screen(
                ConfirmScreen(self.tr(question), self.tr("ui.confirm.quit_anyway")), answered
            )
            return
        self.end()

    def end(self) -> None:
        """End the app now, as Textual's web driver does when a browser tab closes.

        Not ``App.exit()``: from the moment it is called, exit() turns every mount into
        nothing, so a widget that is mounting its own children then (a phase pane built
        after the first frame, a Select in it) finds them missing in its own on_mount: a
        traceback and exit status 1. The ExitApp message ends the app once the messages
        before it are handled, and the shutdown then closes what was mounted.
        """
        self.call_later(self._end_once_mounted)

    async def _end_once_mounted(self) -> None:
        """Post ExitApp once no pane is half-mounted (see WorkshopScreen.stop_building)."""
        await self.main.stop_building()
        self.post_message(messages.ExitApp())
