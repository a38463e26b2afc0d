"""The key footer, rebuilt only when the keys it shows have changed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widgets import Footer

if TYPE_CHECKING:
    from textual.screen import Screen

__all__ = ["KeyFooter"]

_PALETTE = "command_palette"


class KeyFooter(Footer):
    """Textual's Footer, minus the rebuilds that would draw the same keys again.

    Textual rebuilds the footer (one widget and two style passes per key) each time a
    screen's bindings are refreshed: several times per screen switch and per focus change,
    though the keys shown rarely change. With 15 keys a rebuild costs ~50 ms on this
    2-core machine. Here a footer is rebuilt only when its own screen is on top and its
    keys, labels or their enabled state differ from what it shows.
    """

    _shown: tuple[tuple[object, ...], ...] | None = None

    def bindings_changed(self, screen: Screen) -> None:
        if self.is_attached and screen is self.screen and screen.app.app_focus:
            if self._bindings_ready and screen.app.screen is not screen:
                # Under a form or the help this footer is only seen through a tint: each
                # rebuild there would also re-render the whole tinted screen behind the form
                # (~100 ms per form opened and closed). Its keys are checked when it is shown.
                return
            shown = self._signature(screen)
            if self._bindings_ready and shown == self._shown:
                return
            self._shown = shown
        super().bindings_changed(screen)

    def _signature(self, screen: Screen) -> tuple[tuple[object, ...], ...]:
        """What the footer would show: each visible key, its label, and if it is enabled."""
        app = screen.app
        keys = [
            (
                binding.key,
                binding.action,
                app.get_key_display(binding),
                binding.description,
                binding.group,
                tooltip,
                enabled,
            )
            for _node, binding, enabled, tooltip in screen.active_bindings.values()
            if binding.show or binding.action == _PALETTE
        ]
        # The palette key is docked to the right, wherever it comes in the bindings.
        keys.sort(key=lambda key: key[1] == _PALETTE)
        return tuple(keys)
