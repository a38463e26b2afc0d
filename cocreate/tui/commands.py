"""Command palette providers: jump to a phase, or run any action of the phase on show."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial

from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider

from cocreate.i18n import catalogue
from cocreate.tui.bindings import PHASES, VIEWS, describe
from cocreate.tui.context import context

__all__ = ["ActionCommands", "PhaseCommands"]

Command = tuple[str, str, Callable[[], object]]


class PhaseCommands(Provider):
    """'Go to phase …' for every phase, and for the views under a phase's tab."""

    def _commands(self) -> Iterator[Command]:
        ctx = context(self.screen)
        for number, phase in enumerate(PHASES, start=1):
            text = ctx.tr("ui.palette.go_to", phase=ctx.tr(f"ui.phase.{phase}"))
            help_text = ctx.tr(f"ui.phase.{phase}.help")
            action = partial(self.app.run_action, f"phase('{phase}')")
            yield f"{text}  ({number})", help_text, action
        for view, phase in VIEWS.items():
            text = ctx.tr("ui.palette.go_to", phase=ctx.tr(f"ui.phase.{view}"))
            where = ctx.tr(f"ui.phase.{phase}")
            action = partial(self.app.run_action, f"phase('{view}')")
            yield f"{text}  ({where})", ctx.tr(f"ui.phase.{view}.help"), action

    async def discover(self) -> Hits:
        for text, help_text, callback in self._commands():
            yield DiscoveryHit(text, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, help_text, callback in self._commands():
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, matcher.highlight(text), callback, help=help_text)


class ActionCommands(Provider):
    """Every action of cocreate's where the palette was opened, in the UI language, with its key.

    Only cocreate's own bindings are listed (those with a ``ui.key.<id>`` text): a
    table's cursor keys or Textual's "Focus Next" are not the workshop's actions and
    have no Japanese name. The app's own actions (help, undo, redo, save, reload, …) are
    listed although the palette, a modal screen, disables them while it is open: they
    run once it has closed.
    """

    def _commands(self) -> Iterator[Command]:
        app = self.app
        lang = context(self.screen).lang
        texts = catalogue()
        seen: set[str] = set()
        # While the palette is open the app hides its own keys (check_action: nothing may
        # change under a modal screen), so they are taken from the app's class itself.
        app_bindings = [
            (b, app) for b in getattr(type(app), "BINDINGS", []) if isinstance(b, Binding)
        ]
        found = [(a.binding, a.node, a.enabled) for a in self.screen.active_bindings.values()]
        for binding, node, enabled in [*found, *((b, n, True) for b, n in app_bindings)]:
            if not binding.id or f"ui.key.{binding.id}" not in texts or binding.system:
                continue
            if not enabled:
                continue  # dimmed where it was opened (not one's own item)
            if binding.id.startswith("phase.") or binding.id == "palette":
                continue  # the phases have their own commands; the palette is open already
            if binding.action in seen:
                continue
            seen.add(binding.action)
            description, tooltip = describe(binding, lang)
            key_text = binding.key_display or app.get_key_display(binding)
            # Round brackets: "[a]" would be read as markup and vanish.
            text = f"{description}  ({key_text})" if key_text else description
            callback = partial(app.call_later, app.run_action, binding.action, node)
            yield text, tooltip or description, callback

    async def discover(self) -> Hits:
        for text, help_text, callback in self._commands():
            yield DiscoveryHit(text, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, help_text, callback in self._commands():
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, matcher.highlight(text), callback, help=help_text)
