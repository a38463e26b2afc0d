"""The row of phase tabs (1 Map … 8 Report): shows where you are, click or press 1-8 to move."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.message import Message
from textual.widgets import Tab, Tabs

__all__ = ["PhaseTabs"]


class PhaseTabs(Tabs):
    """Tabs for the eight phases; the active one is always the screen's own phase."""

    can_focus = False

    @dataclass
    class PhaseChosen(Message):
        """A tab of another phase was clicked."""

        phase: str

    def __init__(self, phases: tuple[str, ...], labels: dict[str, str], active: str) -> None:
        tabs = [
            Tab(f"{number} {labels[phase]}", id=f"tab-{phase}")
            for number, phase in enumerate(phases, start=1)
        ]
        super().__init__(*tabs, active=f"tab-{active}")
        self.own = active

    @on(Tabs.TabActivated)
    def _tab_activated(self, event: Tabs.TabActivated) -> None:
        event.stop()
        phase = (event.tab.id or "").removeprefix("tab-")
        if phase and phase != self.own:
            # Stay on our own phase: this screen is left, and shows it again on return.
            with self.prevent(Tabs.TabActivated):
                self.active = f"tab-{self.own}"
            self.post_message(self.PhaseChosen(phase))
