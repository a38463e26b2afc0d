"""What every phase screen shares: header, phase tabs, footer, language and member mode."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from textual import events
from textual.app import App, ComposeResult
from textual.containers import Container
from textual.screen import Screen

from cocreate.model import Workshop
from cocreate.tui.bindings import PHASES, localise_bindings
from cocreate.tui.widgets.footer import KeyFooter
from cocreate.tui.widgets.header import WorkshopHeader
from cocreate.tui.widgets.phase_tabs import PhaseTabs

if TYPE_CHECKING:
    from cocreate.tui.app import CocreateApp

__all__ = ["KeepsStyles", "PhaseScreen"]


class KeepsStyles:
    """For a screen that Textual need not restyle each time it is shown again.

    Textual restyles every node of a screen on each ScreenResume (a mode switch, a push),
    though not when a screen above it is popped. Styled when it was built or last shown,
    with the stylesheet and theme unchanged since (the app's CSS counter), the nodes would
    come out as they are: 15-30 ms a switch, and every DataTable would drop its rendered
    rows and draw them all again on the next key. A new theme or stylesheet still restyles
    every screen (Textual's refresh_css). Mix in before ``Screen``; call
    ``_remember_styles`` in ``__init__``.
    """

    app: App[Any]

    def _remember_styles(self) -> None:
        self._styled_with = self.app._css_update_count

    def _on_screen_suspend(self) -> None:
        self._remember_styles()

    def _on_screen_resume(self, event: events.ScreenResume) -> None:
        # Runs before Textual's own handler (Screen._on_screen_resume), which restyles.
        if self._styled_with == self.app._css_update_count:
            event.refresh_styles = False


class PhaseScreen(KeepsStyles, Screen[None]):
    """A workshop phase: subclasses compose the body and show each new workshop state."""

    PHASE: ClassVar[str] = "map"
    FACILITATOR_ONLY: ClassVar[frozenset[str]] = frozenset()
    """Actions hidden and refused in member mode."""

    app: CocreateApp  # type: ignore[assignment]

    prebuilt: bool = False
    """Built in the background before its first visit (``CocreateApp._prebuild_screens``)."""

    _stale: bool | None = None
    """Whether the workshop shown is out of date; None before it is first shown."""

    def __init__(self) -> None:
        super().__init__(id=f"screen-{self.PHASE}")
        localise_bindings(self, self.app.lang)
        # A new screen is styled from the current stylesheet as it mounts. Left at -1,
        # Textual would re-parse every stylesheet and restyle every screen on its first
        # show (~100 ms with 2,000 steps), only to apply the theme it already has.
        self._css_update_count = self.app._css_update_count
        self._remember_styles()

    def tr(self, key: str, /, **values: object) -> str:
        return self.app.tr(key, **values)

    @property
    def workshop(self) -> Workshop:
        return self.app.session.workshop

    @property
    def member_mode(self) -> bool:
        return self.app.session.member is not None

    def compose(self) -> ComposeResult:
        yield WorkshopHeader()
        labels = {phase: self.tr(f"ui.phase.{phase}") for phase in PHASES}
        yield PhaseTabs(PHASES, labels, self.PHASE)
        with Container(id="body", classes=f"body-{self.PHASE}"):
            yield from self.compose_body()
        yield KeyFooter()

    def compose_body(self) -> ComposeResult:
        yield from ()

    def on_mount(self) -> None:
        self.watch(self.app, "workshop", self._workshop_changed, init=True)

    def _workshop_changed(self, workshop: Workshop | None) -> None:
        if workshop is None:
            return
        if self.is_current or (self.prebuilt and self._stale is None):
            # Shown now, or being built ahead of its first visit: fill it in.
            self._stale = False
            self.show_workshop(workshop)
        else:
            # Hidden screens (other phases, or this one under a form) catch up when shown:
            # no tables rebuilt and no tally or metrics recomputed for nobody to see.
            self._stale = True

    def on_screen_resume(self) -> None:
        if self._stale is not False:
            self._stale = False
            self.show_workshop(self.app.session.workshop)

    def show_workshop(self, workshop: Workshop) -> None:
        """Show ``workshop``; called on mount and after every change."""

    def build_ahead(self) -> None:
        """Build, off screen, what this screen's next action needs (after the first frame)."""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # False hides the key from the footer and palette; it is not the member's to use.
        if self.member_mode and action in self.FACILITATOR_ONLY:
            return False
        return True

    async def flush(self) -> None:
        """Apply edits still held in the screen's inputs (before quitting or leaving)."""
