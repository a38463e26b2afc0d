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

__all__ = ["PANE_NAMES", "PHASES", "VIEWS", "describe", "phase_bindings", "tab_of"]

#: The phases on the tabs, in workshop order, on keys 1-9.
PHASES = ("map", "problems", "causes", "ideas", "vote", "matrix", "pilot", "report", "verify")

#: Views shown under another phase's tab, entered from that phase's pane: the bureaus'
#: maps side by side under the Map (``b``) and their Fit & Gap against a reference flow
#: (``g`` from there), the pilot's tasks under the Pilot (``ctrl+l``).
#: A tab more each would push the tab row past 80 columns.
VIEWS = {"variants": "map", "fitgap": "map", "tasks": "pilot"}

#: Every pane of the workshop screen: the phases, then the views.
PANE_NAMES = (*PHASES, *VIEWS)


def tab_of(pane: str) -> str:
    """The phase whose tab is highlighted while ``pane`` is on show."""
    return VIEWS.get(pane, pane)


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
    """Keys 1-9: jump to each phase, grouped in the footer as one entry."""
    group = Binding.Group("phases", compact=True)
    for number, phase in enumerate(PHASES, start=1):
        yield Binding(str(number), f"app.phase('{phase}')", phase, id=f"phase.{phase}", group=group)
