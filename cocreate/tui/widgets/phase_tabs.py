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

    def label(self, phase: str, style: str = "roomy") -> str:
        """A phase's tab as shown: its key and its name (``roomy``, ``tight`` or ``key``)."""
        number = self.phases.index(phase) + 1
        if style == "key":
            return f" {number} "
        if style == "tight":
            return f"{number} {self.labels[phase]}"
        return f" {number} {self.labels[phase]} "

    def fitting_style(self, width: int) -> str:
        """The roomiest way of drawing the tabs that fits in ``width`` cells.

        At 80 columns the eight Japanese names with their padding take 85 cells, and the
        last tab was cut: the tabs then lose their padding, and at last the names of all
        but the phase on show.
        """
        from rich.cells import cell_len

        for style in ("roomy", "tight"):
            if 1 + sum(cell_len(self.label(p, style)) + 1 for p in self.phases) <= width:
                return style
        return "key"

    def render(self) -> Content:
        style = self.fitting_style(self.size.width) if self.size.width else "roomy"
        parts: list[tuple[str, str] | str] = [" "]
        for phase in self.phases:
            if phase == self.phase:
                text = self.label(phase, "roomy" if style == "key" else style)
                parts.append((text, "bold $block-cursor-foreground on $block-cursor-background"))
            else:
                text = self.label(phase, style)
                parts.append((text, f"$text-muted @click=app.phase('{phase}')"))
            parts.append(" ")
        return Content.assemble(*parts)
