"""Toast text laid out so that no double-width character straddles a widget's edge beneath.

Textual's compositor divides every screen line at every widget's edge, also under an
overlay, and draws a double-width character cut in two as two blanks
(Textualize/textual#6357): a toast over the edge between the Map's step table and its
metrics panel read ``先に担当（レーン  を追加…``. A plain Textual app does the same once
a widget's edge lies under the middle of such a character in a toast.

The app cannot change where the compositor cuts (that is private machinery), so it
changes the text: before a toast is shown, its title and message are wrapped as the toast
would wrap them, and a blank cell goes before each double-width character that would
start one cell left of an edge. Every character then lands whole on one side.

Where a toast's text lies is Textual's layout of toasts (the default CSS of ``Toast``
and ``ToastRack``), written out in :func:`text_area`; ``tests/tui/test_read_toasts.py``
checks it against a real toast, so an upgrade that moves toasts fails there. A toast
shown before a resize, or pushed up by newer toasts past a widget's edge that does not
run the full height, keeps the layout it was given.
"""

from __future__ import annotations

import threading
from collections.abc import Collection
from typing import TYPE_CHECKING

from rich.cells import cell_len
from textual.app import ScreenStackError
from textual.content import Content
from textual.errors import NoWidget
from textual.geometry import Region, Size
from textual.markup import MarkupError
from textual.notifications import SeverityLevel

if TYPE_CHECKING:
    from textual.screen import Screen
    from textual.widget import Widget

__all__ = ["WholeToasts", "clear_of_edges", "edges_under", "lay_out", "text_area"]

#: Textual's toasts: at most this wide, and half the toast rack (the screen less the
#: rack's vertical scrollbar); right-aligned in the rack, a left border and one cell of
#: padding each side, one blank line above and below the text, one line above the bottom.
TOAST_WIDTH = 60
RACK_GUTTER = 2
TEXT_LEFT = 2  # border + padding
TEXT_RIGHT = 1  # padding
TEXT_ROWS_EXTRA = 2  # padding top and bottom
RACK_MARGIN_BOTTOM = 1


def text_area(screen: Size) -> tuple[int, int]:
    """The first column of a toast's text on a screen of size ``screen``, and its width."""
    toast_width = min(TOAST_WIDTH, (screen.width - RACK_GUTTER) // 2)
    left = screen.width - RACK_GUTTER - toast_width
    return left + TEXT_LEFT, toast_width - TEXT_LEFT - TEXT_RIGHT


def edges_under(screen: Screen, area: Region) -> set[int]:
    """Every column inside ``area`` where a widget shown on ``screen`` starts or ends."""
    found: set[int] = set()
    widgets: list[Widget] = list(screen.children)
    while widgets:
        widget = widgets.pop()
        if not widget.display:
            continue
        try:
            shown = screen.find_widget(widget).visible_region
        except NoWidget:
            continue
        if shown.overlaps(area):  # children are clipped to their parent (overlays aside)
            found.update((shown.x, shown.right))
            widgets.extend(widget.children)
    return {x for x in found if area.x < x < area.right}


def _pad(line: Content, left: int, width: int, edges: Collection[int]) -> tuple[Content, Content]:
    """``line`` with a blank before each double-width character on an edge, and what
    no longer fits in ``width`` cells after the blanks."""
    blanks: list[int] = []
    x = left
    for index, char in enumerate(line.plain):
        cells = cell_len(char)
        if cells == 2 and x + 1 in edges:
            blanks.append(index)
            x += 1
        if x + cells > left + width and index > 0:
            if blanks and blanks[-1] == index:
                blanks.pop()
            return Content(" ").join(line[:index].divide(blanks)), line[index:]
        x += cells
    return Content(" ").join(line.divide(blanks)), Content("")


def _lines(text: Content, left: int, width: int, edges: Collection[int]) -> list[Content]:
    lines = []
    for paragraph in text.split("\n", allow_blank=True):
        carry = Content("")
        for line in paragraph.wrap(width):
            line, carry = _pad(carry + line, left, width, edges)
            lines.append(line)
        while carry:
            line, carry = _pad(carry, left, width, edges)
            lines.append(line)
    return lines


def lay_out(text: Content, left: int, width: int, edges: Collection[int]) -> Content | None:
    """``text`` as the lines of a toast whose text starts at column ``left`` and is ``width``
    cells wide, with a blank before each double-width character that would straddle one
    of ``edges``; None when none would (the text is shown as it is)."""
    if not edges or not any(cell_len(char) == 2 for char in text.plain):
        return None
    wrapped = text.wrap(width)
    lines = _lines(text, left, width, edges)
    if [line.plain for line in lines] == [line.plain for line in wrapped]:
        return None
    return Content("\n").join(lines)


def clear_of_edges(screen: Screen, message: str, title: str, markup: bool) -> tuple[str, str, bool]:
    """The message, title and markup flag to notify with, so that the toast drops nothing."""
    if threading.current_thread() is not threading.main_thread():
        return message, title, markup  # notify is thread-safe; the screen's layout is not
    left, width = text_area(screen.size)
    if width < 2:
        return message, title, markup
    try:
        body = Content.from_markup(message) if markup else Content(message)
    except MarkupError:  # the toast will say so; not this function's to change
        return message, title, markup
    lines = len(body.wrap(width)) + (len(Content(title).wrap(width)) if title else 0)
    # The toast's rows, and one more above: the blanks can make it a line taller.
    bottom = screen.size.height - RACK_MARGIN_BOTTOM
    top = max(bottom - TEXT_ROWS_EXTRA - lines - 1, 0)
    area = Region(left, top, width, bottom - top)
    edges = edges_under(screen, area)
    laid_body = lay_out(body, left, width, edges)
    laid_title = lay_out(Content(title), left, width, edges) if title else None
    if laid_body is not None:
        message, markup = (laid_body.markup, True) if markup else (laid_body.plain, False)
    if laid_title is not None:
        title = laid_title.plain
    return message, title, markup


class WholeToasts:
    """Mixed into an app (before ``App``): its toasts are plain text, laid out by
    :func:`clear_of_edges`.

    Plain, whatever the caller asks: a toast quotes what people typed (a refusal naming a
    step ``[案] 受付``, a file name, an error from a member's file), and Textual's markup
    would swallow ``[案]`` as a tag. A widget's ``notify`` always asks for markup, so the
    flag is not the caller's to choose here; no toast of cocreate is styled.
    """

    if TYPE_CHECKING:  # what the app provides
        screen: Screen

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        markup = False  # see the class: toasts quote what users typed
        try:
            screen = self.screen
        except ScreenStackError:  # not running yet, or no screen: shown as given
            pass
        else:
            message, title, markup = clear_of_edges(screen, message, title, markup)
        notify = super().notify  # type: ignore[misc]  # App's, after this in the app's bases
        notify(message, title=title, severity=severity, timeout=timeout, markup=markup)
