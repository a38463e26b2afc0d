"""Key bindings: one place that gives every Binding its words in the UI language.

Bindings are declared on the app and its screens with a stable ``id``; their description
and tooltip come from the catalogue (``ui.key.<id>`` and ``ui.key.<id>.tip``), so the
footer, the command palette and the help screen all say the same thing in ja or en.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from textual.binding import Binding
from textual.dom import DOMNode

from cocreate.i18n import catalogue, t

__all__ = ["describe", "localise_bindings", "phase_bindings"]

PHASES = ("map", "problems", "causes", "ideas", "vote", "matrix", "pilot", "report")


def describe(binding: Binding, lang: str) -> tuple[str, str]:
    """The (description, tooltip) of ``binding`` in ``lang``."""
    if not binding.id:
        return binding.description, binding.tooltip
    key = f"ui.key.{binding.id}"
    description = t(key, lang) if key in catalogue() else binding.description
    tip_key = f"{key}.tip"
    tooltip = t(tip_key, lang) if tip_key in catalogue() else binding.tooltip
    return description, tooltip


def _localised(binding: Binding, lang: str) -> Binding:
    description, tooltip = describe(binding, lang)
    group = binding.group
    if group is not None and f"ui.group.{group.description}" in catalogue():
        group = Binding.Group(t(f"ui.group.{group.description}", lang), compact=group.compact)
    return dataclasses.replace(binding, description=description, tooltip=tooltip, group=group)


def localise_bindings(node: DOMNode, lang: str) -> None:
    """Rewrite ``node``'s own copy of its bindings with descriptions in ``lang``."""
    bindings = node._bindings.key_to_bindings
    for key, items in bindings.items():
        bindings[key] = [_localised(b, lang) for b in items]


def phase_bindings() -> Iterable[Binding]:
    """Keys 1-8: jump to each phase, grouped in the footer as one entry."""
    group = Binding.Group("phases", compact=True)
    for number, phase in enumerate(PHASES, start=1):
        yield Binding(str(number), f"app.phase('{phase}')", phase, id=f"phase.{phase}", group=group)
