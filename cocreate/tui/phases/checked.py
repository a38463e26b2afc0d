"""A form whose values are read by the domain, asked again with what was typed when refused."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from cocreate.errors import CocreateError
from cocreate.tui.fields import Field
from cocreate.tui.phases.base import PhasePane

__all__ = ["ask_checked"]

T = TypeVar("T")


def ask_checked(
    pane: PhasePane,
    title: str,
    fields: Sequence[Field],
    read: Callable[[dict[str, Any]], T],
    done: Callable[[T], object],
) -> None:
    """Open a form; ``read`` turns its values into what ``done`` takes, or refuses them.

    A refusal (``read`` raising a :class:`~cocreate.errors.CocreateError`: a date that is
    not one, a value of the wrong unit) is shown with its one-line reason and the form
    opens again holding everything typed, so nothing has to be typed twice.
    """

    def answered(values: dict[str, Any] | None) -> None:
        if not values:
            return
        try:
            result = read(values)
        except CocreateError as exc:
            pane.notify(str(exc), title=pane.tr("ui.note.refused"), severity="error")
            again = [dataclasses.replace(f, value=values.get(f.name, f.value)) for f in fields]
            pane.open_form(title, again, answered)
            return
        done(result)

    pane.open_form(title, fields, answered)
