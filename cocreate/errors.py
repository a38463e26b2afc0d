"""cocreate's own exceptions, each able to say where the problem is in one line."""

from __future__ import annotations

from pathlib import Path
from typing import Self

__all__ = [
    "CocreateError",
    "ConflictError",
    "InputError",
    "RuleError",
    "SaveError",
    "WorkshopError",
]


class CocreateError(Exception):
    """Base class: everything cocreate raises on purpose.

    ``str(error)`` is always a single line fit to print to a user.
    """

    exit_code = 2

    argument: str | None = None
    """The keyword argument at fault, where there is one: a form marks that field."""
    key: str | None = None
    """An i18n key saying the same in the user's language (formatted with ``values``)."""
    values: dict[str, object] = {}  # noqa: RUF012  # replaced, never mutated

    def about(self, argument: str | None = None, key: str | None = None, **values: object) -> Self:
        """Say which argument is at fault and how to say it in the UI's language; return self.

        >>> error = RuleError("minutes cannot be negative").about("minutes", "ui.refusal.negative")
        >>> error.argument
        'minutes'
        """
        self.argument, self.key, self.values = argument, key, dict(values)
        return self


class InputError(CocreateError):
    """A file a user gave us is wrong: bad syntax, a wrong type, a bad reference.

    Parameters
    ----------
    path : the file (or folder) at fault.
    message : what is wrong, one line.
    line, column : 1-based position where the file format gives one.
    field : a dotted field path such as ``steps[2].minutes`` where it gives none.
    row : 1-based row number for tables (CSV, XLSX); rendered like a line.
    """

    def __init__(
        self,
        path: str | Path | None,
        message: str,
        *,
        line: int | None = None,
        column: int | None = None,
        field: str | None = None,
        row: int | None = None,
    ) -> None:
        self.path = str(path) if path is not None else None
        self.message = " ".join(str(message).split())
        self.line = line if line is not None else row
        self.column = column
        # A field path may hold a key as written in the file: keep the message one line.
        self.field = field.replace("\r", "\\r").replace("\n", "\\n") if field else field
        self.row = row
        super().__init__(self.format())

    def format(self) -> str:
        parts: list[str] = []
        if self.path is not None:
            location = self.path
            if self.row is not None:
                location += f":row {self.row}"
            elif self.line is not None:
                location += f":{self.line}"
                if self.column is not None:
                    location += f":{self.column}"
            parts.append(location)
        if self.field:
            parts.append(self.field)
        parts.append(self.message)
        return ": ".join(parts)


class WorkshopError(InputError):
    """The workshop as a whole breaks a rule (dangling reference, duplicate id, ...)."""


class RuleError(CocreateError):
    """An operation is refused by the workshop's rules (voting closed, over budget, ...)."""


class SaveError(CocreateError):
    """A save did not happen; the file on disk is as it was."""


class ConflictError(SaveError):
    """Someone else saved the file since we loaded it; reload before saving again."""
