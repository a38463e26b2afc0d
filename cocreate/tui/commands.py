"""Command palette providers: jump to a phase, or run any action of the phase on show."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

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
    """Every enabled key binding where the palette was opened, with its key."""

    def _commands(self) -> Iterator[Command]:
        app = self.app
        lang = context(self.screen).lang
        seen: set[str] = set()
        for active in self.screen.active_bindings.values():
            binding = active.binding
            if not active.enabled or not binding.description or binding.system:
                continue
            if (binding.id or "").startswith("phase.") or binding.action in seen:
                continue
            seen.add(binding.action)
            description, tooltip = describe(binding, lang)
            key_text = binding.key_display or app.get_key_display(binding)
            text = f"{description}  [{key_text}]"
            callback = partial(app.call_later, app.run_action, binding.action, active.node)
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
