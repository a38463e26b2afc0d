"""Text in the diagram's boxes: display widths and line wrapping for Japanese and English."""

from __future__ import annotations

import unicodedata

from cocreate.reports.escape import clean

__all__ = ["FONT_SIZE", "text_width", "units", "wrap_text"]

#: Point size of the diagram's text (lane labels, step names).
FONT_SIZE = 6.0

_NO_LINE_START = set("、。，．・：；？！）」』】〕ー…,.:;?!)]}")


def text_width(text: str) -> int:
    """Display width of ``text``: 2 for each full-width character, 1 for the others.

    >>> text_width("申請abc")
    7
    """
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def units(inches: float, font_size: float = FONT_SIZE) -> int:
    """How many half-width characters fit in ``inches`` at ``font_size`` points."""
    return int(inches * 72 / (font_size * 0.5))


def inches(text: str, font_size: float = FONT_SIZE) -> float:
    """About how wide ``text`` is drawn at ``font_size`` points, in inches."""
    return text_width(text) * font_size / 72 * 0.5


def wrap_text(text: str, width: int, max_lines: int = 3) -> str:
    """Wrap ``text`` to lines of at most ``width`` display units, Japanese or not.

    Japanese has no spaces, so lines are cut between any two characters; the last
    line ends with an ellipsis when the text does not fit in ``max_lines``.

    >>> wrap_text("申請書を総務課へ持参", 8)
    '申請書を\\n総務課へ\\n持参'
    """
    flat = " ".join(clean(text).split())
    lines: list[str] = []
    current = ""
    current_width = 0
    for ch in flat:
        wide = 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        # kinsoku: closing brackets and punctuation never start a line
        if current_width + wide > width and ch not in _NO_LINE_START:
            lines.append(current)
            current, current_width = ("", 0) if ch == " " else (ch, wide)
            if len(lines) > max_lines:
                break  # the rest is cut anyway: a long name costs no more than a short one
        else:
            current += ch
            current_width += wide
    if current and len(lines) <= max_lines:
        lines.append(current)
    if len(lines) > max_lines:
        last = lines[max_lines - 1]
        while last and text_width(last + "…") > width:
            last = last[:-1]
        lines = [*lines[: max_lines - 1], last + "…"]
    return "\n".join(lines)
