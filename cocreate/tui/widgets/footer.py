"""The key footer: the keys of the screen on top, drawn as one line of styled text."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content
from textual.widget import Widget

from cocreate.tui.bindings import describe
from cocreate.tui.context import context

if TYPE_CHECKING:
    from textual.screen import Screen

__all__ = ["KeyFooter"]

_PALETTE = "command_palette"
_HELP = "help"

#: One key as shown: (key, action, key display, description, enabled).
FooterEntry = tuple[str, str, str, str, bool]


class KeyFooter(Widget):
    """The keys of its screen, each clickable; the palette key at the right end.

    Keys 1-8 are left out: the phase tabs above show each phase with its number.

    Textual's Footer is a container with a widget per key, rebuilt (two style passes per
    key) whenever a screen's bindings are refreshed: several times per screen switch. With
    15 keys a rebuild cost ~50 ms on the 2-core benchmark machine, and every phase screen
    has a footer. This one only redraws its line, and only when its screen is on top and
    the keys, labels or their enabled state differ from what it shows.
    """

    ALLOW_SELECT = False
    DEFAULT_CSS = """
    KeyFooter {
        dock: bottom;
        height: 1;
        width: 100%;
        text-wrap: nowrap;
        color: $footer-foreground;
        background: $footer-background;
        link-style: none;
        link-color: $footer-description-foreground;
        link-background: $footer-description-background;
        link-style-hover: none;
        link-color-hover: $footer-key-foreground;
        link-background-hover: $block-hover-background;
    }
    """

    entries: tuple[FooterEntry, ...] = ()
    """The keys shown now, in order (the palette key last)."""

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def bindings_changed(self, screen: Screen) -> None:
        """Redraw if this screen's keys changed (Textual calls this on every refresh)."""
        if not (self.is_attached and screen is self.screen and screen.app.app_focus):
            return
        if self.entries and screen.app.screen is not screen:
            # Under a form or the help this footer is seen only through a tint, and every
            # redraw there re-renders the whole tinted screen behind the form. It is checked
            # again when its screen is on top.
            return
        entries = self._entries(screen)
        if entries != self.entries:
            self.show(entries)

    def show(self, entries: tuple[FooterEntry, ...]) -> None:
        """Draw these keys."""
        self.entries = entries
        self.refresh()

    @staticmethod
    def _entries(screen: Screen) -> tuple[FooterEntry, ...]:
        app = screen.app
        lang = context(screen).lang
        seen: set[str] = set()
        entries: list[FooterEntry] = []
        for _node, binding, enabled, _tooltip in screen.active_bindings.values():
            if not (binding.show or binding.action == _PALETTE) or binding.action in seen:
                continue
            if (binding.id or "").startswith("phase."):
                continue  # keys 1-8 are shown by the phase tabs, each with its number
            seen.add(binding.action)  # one key per action, like Textual's footer
            key = binding.key
            description, _tooltip = describe(binding, lang)
            entries.append(
                (key, binding.action, app.get_key_display(binding), description, enabled)
            )
        # The palette key is docked to the right, wherever it comes in the bindings.
        entries.sort(key=lambda entry: entry[1] == _PALETTE)
        return tuple(entries)

    def render(self) -> Content:
        parts: list[Content] = []
        palette: Content | None = None
        help_key: Content | None = None
        for key, action, display, description, enabled in self.entries:
            click = f" @click=app.simulate_key({key!r})" if enabled else ""
            dim = " dim" if not enabled else ""
            entry = Content.assemble(
                (
                    f" {display} ",
                    f"bold $footer-key-foreground on $footer-key-background{dim}{click}",
                ),
                (f"{description} " if description else "", f"{dim}{click}".strip()),
            )
            if action == _PALETTE:
                palette = entry
            else:
                parts.append(entry)
                if action == _HELP:
                    help_key = entry
        width = self.size.width
        if not width:  # not laid out yet
            return Content.assemble(*parts, *([palette] if palette is not None else []))
        room = width - (palette.cell_length if palette is not None else 0)
        line = _whole_keys(parts, max(room, 0), help_key)
        return line if palette is None else Content.assemble(line, palette)


#: Shown in place of the keys that do not fit; the help (?) lists every key.
_MORE = Content.styled(" … ", "dim")


def _whole_keys(parts: list[Content], room: int, keep: Content | None = None) -> Content:
    """As many keys as fit in ``room`` cells, each whole, then ``…`` if any were left out.

    Cutting the line at the edge left half a label on a narrow terminal or a projector
    (``x 標``): a key whose label cannot be read is worse than one not shown. ``keep``
    (the help key, which lists every key) stays, after the ``…``, whatever else goes.
    """
    total = sum(part.cell_length for part in parts)
    if total - 1 <= room:  # the last key's trailing blank may go
        return Content.assemble(*parts).truncate(room, pad=True)
    tail = [_MORE, *([keep] if keep is not None else [])]
    reserved = sum(part.cell_length for part in tail)
    kept: list[Content] = []
    used = 0
    for part in parts:
        if part is keep:
            continue
        if used + part.cell_length + reserved > room:
            break
        kept.append(part)
        used += part.cell_length
    return Content.assemble(*kept, *tail).truncate(room, pad=True)
