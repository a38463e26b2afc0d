"""Tables that fit their width: bounded text columns, whole right-aligned numbers.

A DataTable sizes each column to its longest cell, so one very long problem pushed every
column after it off screen, and a table wider than its pane showed ``2,`` for 2,400 at
the edge. :func:`show_rows` works the widths out from the space there is instead:

* numbers (``kind="number"``) are never cut and are right-aligned;
* text columns share what is left, each between its ``least`` and ``most`` cells, and a
  cell longer than its column ends in ``…`` (Japanese counts two cells a character);
* when even that does not fit, the columns marked ``drop`` go, the last first, so the
  essential ones stay on screen at 80 columns.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.widgets import DataTable

__all__ = ["Column", "FittedTable", "allot", "show_rows"]

#: Cells kept free for the table's vertical scrollbar.
SCROLLBAR = 2


@dataclass(frozen=True, slots=True)
class Column:
    """One column of a table that fits its width."""

    key: str
    label: str
    kind: Literal["text", "number", "fixed"] = "text"
    """``number`` right-aligned and never cut; ``fixed`` never cut; ``text`` bounded."""
    least: int = 6
    """The fewest cells a text column is squeezed to."""
    most: int | None = None
    """The most cells a text column takes, however long its cells (None: no bound)."""
    drop: int = 0
    """0 is essential; columns with a higher number go first when the width is short."""
    weight: int = 1
    """How much of the room a text column keeps when squeezed (2: twice a 1's width)."""
    enough: int = 0
    """Cells at which a text column reads comfortably: optional columns are dropped
    before it is squeezed below that (0: its ``least``)."""
    short: str = ""
    """A shorter label, used when the table is short of room (``分`` for ``作業(分)``)."""


def _text(value: Any) -> Text:
    if isinstance(value, Text):
        return value.copy()
    return Text(" ".join(str(value).split()))


def allot(
    columns: Sequence[Column], natural: Sequence[int], available: int, padding: int = 1
) -> list[int | None]:
    """The width of each column (None where it is dropped) to fit ``available`` cells.

    ``natural`` is each column's widest cell (its label included); each column also takes
    ``padding`` cells either side.
    """
    widths: list[int | None] = [
        min(n, c.most) if c.kind == "text" and c.most is not None else n
        for c, n in zip(columns, natural, strict=True)
    ]

    def total() -> int:
        return sum(w + 2 * padding for w in widths if w is not None)

    def squeeze(floor: Callable[[Column], int]) -> None:
        # The widest text column (for its weight) gives a cell at a time, down to its floor.
        while total() > available:
            squeezable = [
                i
                for i, c in enumerate(columns)
                if c.kind == "text" and widths[i] is not None and widths[i] > floor(c)  # type: ignore[operator]
            ]
            if not squeezable:
                return
            widest = max(squeezable, key=lambda i: widths[i] / columns[i].weight)  # type: ignore[operator]
            widths[widest] -= 1  # type: ignore[operator]

    def comfortable(c: Column) -> int:
        return max(c.least, c.enough)

    squeeze(comfortable)
    # Still too wide: drop the least needed columns, one at a time, before any essential
    # text column goes below what reads comfortably.
    order = sorted((i for i, c in enumerate(columns) if c.drop), key=lambda i: -columns[i].drop)
    while total() > available and order:
        widths[order.pop(0)] = None
        for i, c in enumerate(columns):
            if widths[i] is not None and c.kind == "text":
                widths[i] = min(natural[i], c.most) if c.most is not None else natural[i]
        squeeze(comfortable)
    squeeze(lambda c: c.least)
    return widths


def show_rows(
    table: Any,
    columns: Sequence[Column],
    rows: Sequence[tuple[str, Sequence[Any]]],
    available: int,
) -> list[str]:
    """Fill ``table`` with ``rows`` (key and cells), its columns fitted to ``available``.

    Returns the keys of the columns shown. The table's columns are made again each time,
    so a long cell that is gone no longer widens its column.
    """
    cells = [[_text(value) for value in row] for _, row in rows]
    padding = getattr(table, "cell_padding", 1)
    room = max(available - SCROLLBAR, 0)

    def natural(labels: Sequence[str]) -> list[int]:
        return [
            max([cell_len(label), *(row[i].cell_len for row in cells)])
            for i, label in enumerate(labels)
        ]

    labels = [column.label for column in columns]
    widest = natural(labels)
    if sum(w + 2 * padding for w in widest) > room:
        labels = [column.short or column.label for column in columns]
        widest = natural(labels)
    widths = allot(columns, widest, room, padding)
    table.clear(columns=True)
    shown = [(i, c, w) for i, (c, w) in enumerate(zip(columns, widths, strict=True)) if w]
    for i, column, width in shown:
        label = Text(labels[i], justify="right" if column.kind == "number" else "left")
        label.truncate(width, overflow="ellipsis")
        table.add_column(label, width=width, key=column.key)
    for (key, _), row in zip(rows, cells, strict=True):
        out = []
        for i, column, width in shown:
            cell = row[i]
            if column.kind == "number":
                cell.justify = "right"
            else:
                cell.truncate(width, overflow="ellipsis")
            cell.no_wrap = True
            out.append(cell)
        table.add_row(*out, key=key)
    return [column.key for _, column, _ in shown]


class FittedTable(DataTable[object]):
    """A DataTable whose columns are worked out by :func:`show_rows` for its width.

    ``fill(columns, rows)`` shows rows; a resize fills them in again for the new width,
    so a long cell never pushes the columns after it off screen, and one that is gone
    no longer widens its column.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._fill: tuple[Sequence[Column], Sequence[tuple[str, Sequence[Any]]]] | None = None
        self._filled_width = -1
        self.shown_columns: list[str] = []
        """The keys of the columns on show (an optional one may have gone)."""

    def fill(self, columns: Sequence[Column], rows: Sequence[tuple[str, Sequence[Any]]]) -> None:
        """Show ``rows`` (key, cells) in ``columns``, fitted to the table's width."""
        self._fill = (columns, rows)
        self._show_fill()

    def _show_fill(self) -> None:
        if self._fill is None:
            return
        keep = self.cursor_row
        # Before its first layout the table has no width yet: the screen's is a fair guess,
        # and the resize that follows fits it again.
        width = self.size.width or self.app.size.width
        self._filled_width = width
        self.shown_columns = show_rows(self, *self._fill, width)
        if self.row_count:
            self.move_cursor(row=min(max(keep, 0), self.row_count - 1), animate=False)

    def on_resize(self, event: events.Resize) -> None:
        if self._fill is not None and event.size.width != self._filled_width:
            self._show_fill()
