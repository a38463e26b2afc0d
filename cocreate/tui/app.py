"""The cocreate terminal app: eight phase screens over one workshop session."""

from __future__ import annotations

import asyncio
import datetime as dt
import gc
import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from textual.app import App
from textual.binding import Binding, BindingType
from textual.reactive import var
from textual.screen import ModalScreen, Screen
from textual.widget import AwaitMount

from cocreate.errors import CocreateError, InputError
from cocreate.i18n import t
from cocreate.model import Workshop
from cocreate.tui.bindings import PHASES, localise_bindings, phase_bindings
from cocreate.tui.commands import ActionCommands, PhaseCommands
from cocreate.session import Change, Session

if TYPE_CHECKING:
    from cocreate.tui.screens.base import PhaseScreen

__all__ = ["SCREENS", "THEMES", "CocreateApp", "screen_class"]

#: Each phase's screen as "module:class". A screen's module (and its .tcss) loads the first
#: time its phase is shown, so the first frame waits only for the first phase's screen.
SCREENS = {
    "map": "cocreate.tui.screens.map:MapScreen",
    "problems": "cocreate.tui.screens.problems:ProblemsScreen",
    "causes": "cocreate.tui.screens.causes:CausesScreen",
    "ideas": "cocreate.tui.screens.ideas:IdeasScreen",
    "vote": "cocreate.tui.screens.vote:VoteScreen",
    "matrix": "cocreate.tui.screens.matrix:MatrixScreen",
    "pilot": "cocreate.tui.screens.pilot:PilotScreen",
    "report": "cocreate.tui.screens.report:ReportScreen",
}


def screen_class(phase: str) -> type[PhaseScreen]:
    """The screen class of a phase, importing its module on first use."""
    module, name = SCREENS[phase].split(":")
    return getattr(importlib.import_module(module), name)


def _lazy_screen(phase: str) -> Callable[[], Screen]:
    return lambda: screen_class(phase)()


_BLOCKED_UNDER_MODAL = frozenset({"phase", "undo", "redo", "save", "reload", "help"})

#: Themes ctrl+t cycles through: dark for a laptop, light ones for a bright projector room.
THEMES = ("textual-dark", "textual-light", "nord", "gruvbox", "solarized-light", "tokyo-night")


class CocreateApp(App[None]):
    """The facilitator's (or, in member mode, one member's) view of a workshop."""

    # Every screen's stylesheet (each still next to its screen) is read once, here: a
    # stylesheet first met when its screen opens makes Textual re-parse all CSS then.
    CSS_PATH: ClassVar = [
        "app.tcss",
        *(f"screens/{name}.tcss" for name in (*SCREENS, "forms", "help", "confirm")),
    ]
    TITLE = "cocreate"
    ENABLE_COMMAND_PALETTE = True
    COMMANDS = App.COMMANDS | {PhaseCommands, ActionCommands}
    MODES: ClassVar = {phase: _lazy_screen(phase) for phase in SCREENS}
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
        self.prebuild = prebuild
        self.screens_built = False  # the background build has finished (and frozen the gc)
        self._switching_to_built = False
        self.session = session
        self.lang = lang
        self.start_phase = phase if phase in PHASES else "map"
        self.clock = clock
        self.poll_seconds = poll_seconds
        self.title = "cocreate"
        localise_bindings(self, lang)

    # ------------------------------------------------------------------ words

    def tr(self, key: str, /, **values: object) -> str:
        """The UI text for ``key`` in this session's language."""
        return t(key, self.lang, **values)

    # ------------------------------------------------------------------ life cycle

    def on_mount(self) -> None:
        self.workshop = self.session.workshop
        self.sub_title = self.session.workshop.meta.title
        self.switch_mode(self.start_phase)
        if self.poll_seconds > 0:
            self.set_interval(self.poll_seconds, self.check_disk, name="poll-disk")
        if self.prebuild:
            self.call_after_refresh(self.run_worker, self._prebuild_screens, group="prebuild")

    async def _prebuild_screens(self) -> None:
        """Build the other phase screens, one at a time, after the first frame is shown.

        A phase's first visit would otherwise compose its screen and fill its tables then
        (70-250 ms with 2,000 steps); built while the facilitator reads the first screen,
        a first visit costs what a return visit does. A key pressed meanwhile is handled
        between two screens, waiting for at most one.
        """
        for phase in PHASES:
            await asyncio.sleep(0)  # let keys and messages already queued go first
            if not self.is_running:
                return  # quitting: Textual is closing the screens built so far
            if phase in self._screen_stacks:
                continue
            screen = screen_class(phase)()
            screen.prebuilt = True
            # What switch_mode does on a first visit, minus showing the screen.
            self._screen_stacks[phase] = [screen]
            await AwaitMount(screen, self._register(self, screen))
            screen._screen_resized(self.size)
        # The screens, their tables and the workshop now live as long as the app. A full
        # garbage collection walks every object (50-170 ms with 2,000 steps, landing on
        # whichever key press allocates at the wrong moment); frozen, they are skipped.
        # Cycles among them that become garbage later are not collected: screens are
        # never dropped, so that is little.
        gc.freeze()
        self.screens_built = True
        # Then what screens build ahead for their next action (the map's add-step form):
        # transient, so built after the freeze, and after the first frame like the rest.
        for phase in PHASES:
            stack = self._screen_stacks.get(phase)
            if stack:  # the phase screen itself, not a form open over it
                stack[0].build_ahead()  # type: ignore[attr-defined]

    def on_unmount(self) -> None:
        if self.screens_built:
            gc.unfreeze()  # the app is gone: let its objects be collected again

    # ------------------------------------------------------------------ editing

    def apply(self, label: str, change: Change) -> bool:
        """Apply one edit through the session; tell the user if it was refused or merged.

        Returns True when the workshop changed.
        """
        before = self.session.workshop
        try:
            result = self.session.apply(label, change)
        except CocreateError as exc:
            self.notify(str(exc), title=self.tr("ui.note.refused"), severity="error")
            return False
        if result.merged:
            self.notify(self.tr("ui.note.merged"), title=self.tr("ui.note.reloaded"))
        if not result.saved:
            self.notify(
                result.message,
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

    def action_phase(self, phase: str) -> None:
        """Jump to a phase (keys 1-8)."""
        if phase in PHASES and self.current_mode != phase:
            self._switching_to_built = phase in self._screen_stacks
            try:
                self.switch_mode(phase)
            finally:
                self._switching_to_built = False

    def delay_update(self, delay: float = 0.05) -> None:
        # switch_mode holds every paint back 50 ms, to hide a new screen still being put
        # together. A screen already built (shown before, or built in the background) has
        # nothing to hide: it is painted as soon as it is laid out.
        if not self._switching_to_built:
            super().delay_update(delay)

    def action_undo(self) -> None:
        """Undo the last change (saved at once)."""
        try:
            label = self.session.undo()
        except CocreateError as exc:
            self.notify(str(exc), severity="error")
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
            self.notify(str(exc), severity="error")
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
            self.notify(result.message, title=self.tr("ui.note.save_failed"), severity="error")
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
            self.notify(str(exc), title=self.tr("ui.note.reload_failed"), severity="warning")
            self.session.mark_disk_seen()
            return
        self.notify(self.tr("ui.note.changed_on_disk"), title=self.tr("ui.note.reloaded"))
        self._show_state()

    def action_next_theme(self) -> None:
        """Switch to the next colour theme (light themes suit projectors)."""
        current = self.theme if self.theme in THEMES else THEMES[-1]
        self.theme = THEMES[(THEMES.index(current) + 1) % len(THEMES)]
        self.notify(self.tr("ui.note.theme", theme=self.theme))

    def action_help(self) -> None:
        """Show every key of this screen and the app."""
        from cocreate.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    async def action_quit(self) -> None:
        """Quit; inputs still being typed in are applied and saved first."""
        from cocreate.tui.screens.confirm import ConfirmScreen

        if isinstance(self.screen, ConfirmScreen):
            self.exit()  # ctrl+q twice: quit anyway
            return
        flush = getattr(self.screen, "flush", None)
        if flush is not None:
            await flush()
        if self.session.dirty:
            self.session.retry()
            self._show_state()
        from cocreate.tui.screens.forms import FormScreen

        open_form = any(isinstance(screen, FormScreen) for screen in self.screen_stack)
        if self.session.dirty or open_form:

            def answered(quit_anyway: bool | None) -> None:
                if quit_anyway:
                    self.exit()

            question = "ui.confirm.unsaved" if self.session.dirty else "ui.confirm.form_open"
            self.push_screen(
                ConfirmScreen(self.tr(question), self.tr("ui.confirm.quit_anyway")), answered
            )
            return
        self.exit()
