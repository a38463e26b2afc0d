"""The row of phase tabs (1 Map … 8 Report): shows where you are, click or press 1-8 to move."""

from __future__ import annotations

from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

__all__ = ["PhaseTabs"]


class PhaseTabs(Widget):
    """The eight phases on one line; the screen's own phase is highlighted.

    One widget drawing styled text with a click action per phase, rather than a Tabs
    widget with a widget per tab: it is on every screen, and eight tabs and their
    underline cost more to style, lay out and draw than the rest of a small screen.
    """

    DEFAULT_CSS = """
    PhaseTabs {
        height: 1;
        width: 100%;
        text-wrap: nowrap;
        text-overflow: ellipsis;
        link-style: none;
        link-style-hover: bold underline;
        link-background-hover: $block-hover-background;
    }
    """

    phase: reactive[str] = reactive("")
    """The phase shown as the current one."""

    def __init__(self, phases: tuple[str, ...], labels: dict[str, str], active: str) -> None:
        super().__init__()
        self.phases = phases
        self.labels = labels
        self.set_reactive(PhaseTabs.phase, active)

    def label(self, phase: str) -> str:
        """A phase's tab as shown: its key and its name."""
        return f" {self.phases.index(phase) + 1} {self.labels[phase]} "

    def render(self) -> Content:
        parts: list[tuple[str, str] | str] = [" "]
        for phase in self.phases:
            text = self.label(phase)
            if phase == self.phase:
                parts.append((text, "bold $block-cursor-foreground on $block-cursor-background"))
            else:
                parts.append((text, f"$text-muted @click=app.phase('{phase}')"))
            parts.append(" ")
        return Content.assemble(*parts)
