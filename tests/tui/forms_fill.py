"""Filling a form of the app in a test: set its fields' values, then save it with ctrl+s."""

from __future__ import annotations

from typing import Any

from textual.widgets import Input, Select, SelectionList


async def fill(pilot, **values: Any) -> None:
    """Set the open form's fields (by name) and press ctrl+s, as a user would save it."""
    from cocreate.tui.screens.forms import FormScreen

    await pilot.pause()
    form = pilot.app.screen
    assert isinstance(form, FormScreen), f"no form open: {form!r}"
    for name, value in values.items():
        widget = form.inputs[name]
        if isinstance(widget, Select):
            widget.value = value
        elif isinstance(widget, SelectionList):
            widget.deselect_all()
            for item in value:
                widget.select(item)
        elif isinstance(widget, Input):
            widget.value = value
    await pilot.pause()
    await pilot.press("ctrl+s")
    await pilot.pause()


def told(app) -> list[str]:
    """Every notification the app shows from now on, as text (refusals included)."""
    notes: list[str] = []
    shown = app.notify

    def notify(message: str, *args: Any, **options: Any) -> None:
        notes.append(message)
        shown(message, *args, **options)

    app.notify = notify
    return notes
