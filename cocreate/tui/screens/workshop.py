"""The app's one screen: header, phase tabs, the eight phase panes (one shown) and the footer."""

from __future__ import annotations

import asyncio
import importlib
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.await_complete import AwaitComplete
from textual.message import Message
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import ContentSwitcher

from cocreate.tui.bindings import PANE_NAMES, PHASES, tab_of
from cocreate.tui.context import context
from cocreate.tui.widgets.footer import KeyFooter
from cocreate.tui.widgets.header import WorkshopHeader
from cocreate.tui.widgets.phase_tabs import PhaseTabs

if TYPE_CHECKING:
    from cocreate.tui.phases.base import PhasePane

__all__ = ["PANES", "WorkshopScreen", "pane_class"]

#: Each phase's pane as "module:class". A pane's module loads when the pane is built, so
#: the first frame waits only for the first phase's.
PANES = {
    "map": "cocreate.tui.phases.map:MapPane",
    "problems": "cocreate.tui.phases.problems:ProblemsPane",
    "causes": "cocreate.tui.phases.causes:CausesPane",
    "ideas": "cocreate.tui.phases.ideas:IdeasPane",
    "vote": "cocreate.tui.phases.vote:VotePane",
    "matrix": "cocreate.tui.phases.matrix:MatrixPane",
    "pilot": "cocreate.tui.phases.pilot:PilotPane",
    "report": "cocreate.tui.phases.report:ReportPane",
    "verify": "cocreate.tui.phases.verify:VerifyPane",
    "variants": "cocreate.tui.phases.variants:VariantsPane",
    "fitgap": "cocreate.tui.phases.fitgap:FitGapPane",
    "tasks": "cocreate.tui.phases.tasks:TasksPane",
}


def pane_class(phase: str) -> type[PhasePane]:
    """The pane class of a phase, importing its module on first use."""
    module, name = PANES[phase].split(":")
    cls: type[PhasePane] = getattr(importlib.import_module(module), name)
    return cls


class WorkshopScreen(Screen[None]):
    """Every phase of the workshop on one screen, a ``ContentSwitcher`` showing one at a time.

    Only the first phase's pane is composed before the first frame. With ``build_ahead``
    the others are built after it, hidden, one at a time (``ContentSwitcher.add_content``),
    so that a first visit costs what a return does; a phase asked for before its turn is
    built at once. Switching phases shows one pane and hides another: nothing is composed,
    restyled or filled in again.
    """

    class PanesBuilt(Message):
        """Every phase's pane is built (posted once, after the first frame)."""

    def __init__(self, phase: str, *, build_ahead: bool) -> None:
        super().__init__(id="workshop")
        self.phase = phase
        self.build_ahead = build_ahead
        self.panes: dict[str, PhasePane] = {}
        """The panes built so far, by phase (the one on show first)."""
        self._mounting: dict[str, AwaitComplete] = {}
        #: Set when the app is ending: no further pane is built after the one in progress.
        self.stopping = False
        self._focus: dict[str, Widget | None] = {}

    def compose(self) -> ComposeResult:
        ctx = context(self)
        yield WorkshopHeader()
        labels = {phase: ctx.tr(f"ui.phase.{phase}") for phase in PHASES}
        yield PhaseTabs(PHASES, labels, tab_of(self.phase))
        first = self.panes[self.phase] = pane_class(self.phase)()
        with ContentSwitcher(initial=first.id, id="phases"):
            yield first
        yield KeyFooter()

    def on_mount(self) -> None:
        focus = self.pane.first_focus()
        if focus is not None:
            focus.focus(scroll_visible=False)
        if self.build_ahead:
            # After the first frame, and as a worker: keys and messages go between panes.
            self.call_after_refresh(self.run_worker, self._build_panes, group="panes")

    @property
    def pane(self) -> PhasePane:
        """The pane on show."""
        return self.panes[self.phase]

    async def _build_panes(self) -> None:
        for phase in PANE_NAMES:
            await asyncio.sleep(0)  # keys and messages already queued go first
            if self.stopping or not self.app.is_running:
                return  # quitting: nothing more to build
            await self.built(phase)
        self.post_message(self.PanesBuilt())

    async def built(self, phase: str) -> PhasePane:
        """The pane of ``phase``, built (hidden) now if it was not yet."""
        pane = self.panes.get(phase)
        if pane is None:
            pane = self.panes[phase] = pane_class(phase)()
            switcher = self.query_one("#phases", ContentSwitcher)
            self._mounting[phase] = switcher.add_content(pane)
        mounting = self._mounting.get(phase)
        if mounting is not None:
            await mounting
        return pane

    async def stop_building(self) -> None:
        """Build no more panes, and return once the panes being mounted are mounted.

        A pane whose mount is cut short by the app's shutdown leaves widgets whose own
        on_mount finds their children gone (Textual's Select queries its label): the app
        ends with a traceback and status 1. Waiting for the mount in progress avoids it.
        """
        self.stopping = True
        for mounting in list(self._mounting.values()):
            await mounting

    async def show_phase(self, phase: str) -> None:
        """Show the pane of ``phase`` (building it first if needed) and focus into it."""
        pane = await self.built(phase)
        if phase == self.phase or not self.is_attached:
            return
        self._focus[self.phase] = self.focused
        pane.catch_up()
        self.phase = phase
        self.query_one("#phases", ContentSwitcher).current = pane.id
        self.query_one(PhaseTabs).phase = tab_of(phase)
        focus = self._focus.get(phase)
        if focus is None or not (focus.is_attached and pane in focus.ancestors):
            focus = pane.first_focus()  # first visit, or what had the focus is gone
        self.set_focus(focus, scroll_visible=False)
