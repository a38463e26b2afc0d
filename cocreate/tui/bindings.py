"""Key bindings: one place that gives every Binding its words in the UI language.

Bindings are declared on the app and its panes with a stable ``id``; their description
and tooltip come from the catalogue (``ui.key.<id>`` and ``ui.key.<id>.tip``) when they
are shown, so the footer, the command palette and the help screen all say the same thing
in ja or en.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.binding import Binding

from cocreate.i18n import catalogue, t

__all__ = ["PHASES", "describe", "phase_bindings"]

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


def phase_bindings() -> Iterable[Binding]:
    """Keys 1-8: jump to each phase, grouped in the footer as one entry."""
    group = Binding.Group("phases", compact=True)
    for number, phase in enumerate(PHASES, start=1):
        yield Binding(str(number), f"app.phase('{phase}')", phase, id=f"phase.{phase}", group=group)
