"""Dates as people in Japan type them: 2027-02-01, 2027/2/1, ２０２７年２月１日, 令和9年2月1日.

One reader for every front end (the app's forms, the Pilot pane, the CLI), so a date typed
one way in one place is never refused in another.

>>> read_date("2027/02/01"), read_date("２０２７－０２－０１"), read_date("令和9年2月1日")
(datetime.date(2027, 2, 1), datetime.date(2027, 2, 1), datetime.date(2027, 2, 1))
>>> read_date("令和元年5月1日"), read_date("R9.2.1"), read_date("")
(datetime.date(2019, 5, 1), datetime.date(2027, 2, 1), None)
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

__all__ = ["ERAS", "read_date", "read_dates"]

#: Japanese eras: name, romaji initial, first day. Only those a workshop date could use.
ERAS: tuple[tuple[str, str, dt.date], ...] = (
    ("令和", "R", dt.date(2019, 5, 1)),
    ("平成", "H", dt.date(1989, 1, 8)),
    ("昭和", "S", dt.date(1926, 12, 25)),
)

_WESTERN = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
_ERA = re.compile(
    r"(令和|平成|昭和|[RHSrhs])\s*(\d{1,2}|元)\s*[年./-]\s*(\d{1,2})\s*[月./-]\s*(\d{1,2})\s*日?"
)
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")


def _normal(text: str) -> str:
    typed = unicodedata.normalize("NFKC", text or "").strip()
    # NFKC leaves these dashes and the ideographic full stop as they are.
    for dash in "‐‑‒–—―−ー":
        typed = typed.replace(dash, "-")
    typed = typed.replace("。", ".").replace("、", ",")
    return re.sub(r"[（(][月火水木金土日][）)]", "", typed)  # a weekday: 2月1日(月)


def read_date(text: str) -> dt.date | None:
    """The date in ``text``; None when it is empty. Raises ValueError when it is no date."""
    typed = _normal(text)
    if not typed:
        return None
    match = _ERA.fullmatch(typed)
    if match:
        era, year, month, day = match.groups()
        start = next(s for name, initial, s in ERAS if era in (name, initial, initial.lower()))
        western = start.year + (0 if year == "元" else int(year) - 1)
        date = dt.date(western, int(month), int(day))
        if date < start:
            raise ValueError(f"{text!r} is before the era began")
        return date
    match = _WESTERN.fullmatch(typed) or _COMPACT.fullmatch(typed)
    if match:
        year, month, day = (int(part) for part in match.groups())
        return dt.date(year, month, day)  # ValueError for 2027-02-30
    raise ValueError(f"not a date: {text!r}")


def read_dates(text: str) -> tuple[dt.date, ...]:
    """Several dates separated by commas, spaces or 、 (the session dates of a workshop)."""
    typed = _normal(text)
    parts = [p for p in re.split(r"[,;\s]+(?![年月日./-])", typed) if p]
    return tuple(d for d in (read_date(p) for p in parts) if d is not None)
