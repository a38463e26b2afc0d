"""Command palette providers: jump to a phase, or run any action of the current screen."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from cocreate.tui.bindings import PHASES

__all__ = ["ActionCommands", "PhaseCommands"]


class PhaseCommands(Provider):
    """'Go to phase …' for the eight phases."""

    def _commands(self) -> Iterator[tuple[str, str, object]]:
        app = self.app
        for number, phase in enumerate(PHASES, start=1):
            label = app.tr(f"ui.phase.{phase}")  # type: ignore[attr-defined]
            text = app.tr("ui.palette.go_to", phase=label)  # type: ignore[attr-defined]
            help_text = app.tr(f"ui.phase.{phase}.help")  # type: ignore[attr-defined]
            yield f"{text}  ({number})", help_text, partial(app.action_phase, phase)  # type: ignore[attr-defined]

    async def discover(self) -> Hits:
        for text, help_text, callback in self._commands():
            yield DiscoveryHit(text, callback, help=help_text)  # type: ignore[arg-type]

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, help_text, callback in self._commands():
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, matcher.highlight(text), callback, help=help_text)  # type: ignore[arg-type]


class ActionCommands(Provider):
    """Every enabled key binding of the screen the palette was opened on, with its key."""

    def _commands(self) -> Iterator[tuple[str, str, object]]:
        app = self.app
        seen: set[str] = set()
        for active in self.screen.active_bindings.values():
            binding = active.binding
            if not active.enabled or not binding.description or binding.system:
                continue
            if (binding.id or "").startswith("phase.") or binding.action in seen:
                continue
            seen.add(binding.action)
            key_text = binding.key_display or app.get_key_display(binding)
            text = f"{binding.description}  [{key_text}]"
            callback = partial(app.call_later, app.run_action, binding.action, active.node)
            yield text, binding.tooltip or binding.description, callback

    async def discover(self) -> Hits:
        for text, help_text, callback in self._commands():
            yield DiscoveryHit(text, callback, help=help_text)  # type: ignore[arg-type]

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, help_text, callback in self._commands():
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, matcher.highlight(text), callback, help=help_text)  # type: ignore[arg-type]
