"""The row of phase tabs (1 Map … 8 Report): shows where you are, click or press 1-8 to move."""

from __future__ import annotations

from textual.widgets import Tab, Tabs

__all__ = ["PhaseTabs"]


class PhaseTabs(Tabs):
    """Tabs for the eight phases; the active one is the screen's own phase."""

    can_focus = False

    def __init__(self, phases: tuple[str, ...], labels: dict[str, str], active: str) -> None:
        tabs = [
            Tab(f"{number} {labels[phase]}", id=f"tab-{phase}")
            for number, phase in enumerate(phases, start=1)
        ]
        super().__init__(*tabs, active=f"tab-{active}")
