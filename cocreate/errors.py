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

    ``str(error)`` is always a single line fit to print to a user, in English.

    An error the views show in the UI's language also carries a catalogue key and its
    values (:meth:`about`, or :meth:`keyed` when no argument is at fault);
    ``cocreate.i18n.error_text`` turns it into the words of the UI. The domain stays
    free of any UI: it only names what went wrong.
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

    def keyed(self, key: str, /, **values: object) -> Self:
        """Say how to say this in the UI's language (:meth:`about` with no argument named).

        >>> str(RuleError("voting is closed").keyed("error.voting.closed"))
        'voting is closed'
        """
        return self.about(self.argument, key, **values)

    @property
    def params(self) -> dict[str, object]:
        """The values of :attr:`key` (another name for :attr:`values`)."""
        return self.values


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
        return ": ".join([*self.location(), self.message])

    def location(self) -> list[str]:
        """Where the error is, as the parts that come before the message."""
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
        return parts


class WorkshopError(InputError):
    """The workshop as a whole breaks a rule (dangling reference, duplicate id, ...)."""


class RuleError(CocreateError):
    """An operation is refused by the workshop's rules (voting closed, over budget, ...)."""


class SaveError(CocreateError):
    """A save did not happen; the file on disk is as it was."""


class ConflictError(SaveError):
    """Someone else saved the file since we loaded it; reload before saving again."""
