"""Text as people type it: control characters no field may hold, one-line names, and texts
a spreadsheet would run as formulas.

A NUL or an escape character inside a name or a problem text is never what anyone
meant: it comes from a broken export, a binary file read as text, or a paste. It is
refused wherever text enters a workshop, with one line naming where:

* the TOML decoder refuses it in every text field of a workshop file;
* the writer refuses to save it, so no file is written that the reader would refuse;
* importers (step tables, BPMN, event logs, survey exports) call
  :func:`control_problem` on each cell or name and put the answer in their own
  one-line message with the row or element.

Multi-line texts (a problem's text, an idea's description, notes) may hold line
breaks and tabs: ``\\n``, ``\\r`` and ``\\t``. Names, titles, labels and ids may not;
:func:`one_line` folds such white space into single spaces, as a step table's
multi-line cell is meant.

>>> control_problem("受\\x00付")
'holds a control character, U+0000 (NUL), at character 2'
>>> control_problem("一行目\\n二行目", multiline=True) is None
True
>>> one_line(" 申請書の\\n受付\\t ")
'申請書の 受付'
>>> quoted('suzuki.i9\\n')
'"suzuki.i9\\\\n"'
"""

from __future__ import annotations

import re
from typing import Any

__all__ = [
    "FORMULA_START",
    "control_problem",
    "first_control",
    "formula_like",
    "neutralise",
    "one_line",
    "quoted",
]

#: A cell starting with one of these is read by Excel (and LibreOffice, Google Sheets) as
#: a formula: CSV injection. Tab and CR start formulas in some versions too. Every CSV and
#: workbook cocreate writes keeps such a text a text, and the readers of its own CSV take
#: the apostrophe off again.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

# Unicode's control characters (category Cc): C0, DEL and C1.
_ANY_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_CONTROL_BUT_BREAKS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")

_NAMES = {
    0x00: "NUL",
    0x07: "BEL",
    0x08: "BS",
    0x09: "TAB",
    0x0A: "LF, a line break",
    0x0B: "VT",
    0x0C: "FF",
    0x0D: "CR, a line break",
    0x1B: "ESC",
    0x7F: "DEL",
}


def first_control(text: str, *, multiline: bool = False) -> int | None:
    """The index of the first control character ``text`` may not hold, or None.

    With ``multiline`` line breaks (LF, CR) and tabs are allowed.
    """
    pattern = _CONTROL_BUT_BREAKS if multiline else _ANY_CONTROL
    found = pattern.search(text)
    return None if found is None else found.start()


def control_problem(text: str, *, multiline: bool = False) -> str | None:
    """What is wrong with ``text``, as the end of a one-line message; None when nothing is.

    The message names the character and its place (counted from 1), for an importer to
    prefix with its file, row and column: ``steps.csv:row 4: 工程: holds a control ...``.
    """
    at = first_control(text, multiline=multiline)
    if at is None:
        return None
    code = ord(text[at])
    name = _NAMES.get(code)
    label = f"U+{code:04X}" + (f" ({name})" if name else "")
    return f"holds a control character, {label}, at character {at + 1}"


def one_line(text: str) -> str:
    """``text`` with every run of white space (line breaks and tabs too) as one space.

    For names and titles taken from a source that allows line breaks inside them (an
    Excel cell, a BPMN modeller's label). Other control characters are left in place,
    for :func:`control_problem` to report.
    """
    return " ".join(text.split())


_ESCAPES = {'"': '\\"', "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"}


def quoted(key: str) -> str:
    """``key`` in double quotes as TOML writes it, control characters escaped: one line.

    For a key inside a message's field path (``ratings."suzuki.i1"``), where a raw line
    break would split the one-line message in two.
    """
    out = []
    for ch in key:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif _ANY_CONTROL.match(ch):
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def formula_like(text: str) -> bool:
    """True when a spreadsheet would take ``text`` for a formula.

    >>> formula_like("=SUM(A1)"), formula_like("-5"), formula_like("\\t1"), formula_like("申請")
    (True, True, True, False)
    """
    return text.startswith(FORMULA_START)


def neutralise(cell: Any) -> Any:
    """A CSV cell that Excel will show as text rather than run as a formula.

    Text starting with ``= + - @``, a tab or a carriage return gets a leading
    apostrophe, which Excel hides; numbers are left as numbers.

    >>> neutralise("=HYPERLINK(\\"http://x\\")"), neutralise("-1"), neutralise(-1)
    ('\\'=HYPERLINK("http://x")', "'-1", -1)
    """
    if isinstance(cell, str) and formula_like(cell):
        return "'" + cell
    return cell
