"""A form's fields as a pane asks for them; the form (screens/forms.py) loads when opened."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

__all__ = ["Field"]


@dataclass(frozen=True, slots=True)
class Field:
    """One field of a form.

    ``kind`` is "text", "number", "date" (read as typed: 2027/2/1, 令和9年2月1日), "dates"
    (several, separated by commas),
    "choice" (one of ``options``) or "multi" (any of them). ``placeholder`` is an example
    shown greyed in an empty field; it is never a value: an empty field saves as empty.
    """

    name: str
    label: str
    kind: str = "text"
    options: Sequence[tuple[str, Any]] = ()
    value: Any = None
    placeholder: str = ""
    required: bool = False
