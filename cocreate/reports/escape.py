"""Escaping participant text for HTML and Markdown: the one place the report trusts nothing.

Everything a participant typed (problem, cause and idea texts, names, notes) goes through
these functions before it reaches a report file:

* :func:`html_text` escapes ``& < > " '`` so text can neither open a tag nor leave an
  attribute value;
* :func:`md_text` neutralises every ASCII punctuation character that CommonMark, GitHub's
  Markdown or python-markdown gives a meaning (emphasis, code, links, autolinks, tables,
  headings, lists, math, raw HTML, attribute lists, definitions): with a backslash where
  every one of them honours it, else as a numeric character reference, so the text renders
  literally, with no stray backslash, in all of them; ``<`` and ``>`` become ``&lt;`` and
  ``&gt;``, which no Markdown renderer turns back into a tag;
* both drop control characters and the Unicode bidirectional overrides that can make a
  line display differently from what it contains.
"""

from __future__ import annotations

import html
import re

__all__ = ["clean", "html_text", "md_cell", "md_text"]

# C0/C1 controls except tab and newline, and the bidi embedding/override/isolate marks.
_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufeff]")
_NEWLINES = re.compile(r"\r\n?|\u2028|\u2029|\x85")
# ASCII punctuation with a meaning in CommonMark, GFM or python-markdown (and its "extra"
# extensions). The ones every one of them takes a backslash escape for are escaped so;
# the others would show their backslash in python-markdown, so they become numeric
# character references, which no flavour reads as markup and every one shows as the
# character. & < > become entities, so no renderer turns them into a tag. A colon is
# replaced only where it could start a link or a definition (below).
_MD_BACKSLASHED = frozenset("\\`*_{}[]()#+-.!")
_MD_ENTITIES = {
    "&": "&amp;",
    "<": "&lt;",
    ">": "&gt;",
    "|": "&#124;",
    "~": "&#126;",
    "@": "&#64;",
    "=": "&#61;",
    "$": "&#36;",
    "^": "&#94;",
    '"': "&quot;",
    "'": "&#39;",
}
_MD_SPECIAL = re.compile(
    "[" + re.escape("".join(sorted(_MD_BACKSLASHED)) + "".join(_MD_ENTITIES)) + "]"
)


# A colon means something only after a scheme (javascript:, https:) or at the start of a
# line (python-markdown's definition lists); elsewhere ("なぜ1: ...", "15:00") it stays.
_MD_COLON = re.compile(r"(?:^|(?<=[A-Za-z])):")


def _md_escape(match: re.Match[str]) -> str:
    char = match.group()
    return _MD_ENTITIES.get(char) or "\\" + char


def clean(text: object) -> str:
    """``text`` as a string without control characters or bidi overrides; newlines kept."""
    return _UNSAFE.sub("", _NEWLINES.sub("\n", str(text)))


def html_text(text: object) -> str:
    """Text safe anywhere in HTML: element content or a quoted attribute value.

    >>> html_text('<img src=x onerror="alert(1)">')
    '&lt;img src=x onerror=&quot;alert(1)&quot;&gt;'
    """
    return html.escape(clean(text), quote=True)


def md_text(text: object) -> str:
    """Text that Markdown renders literally, on one line.

    >>> md_text("*bold* [x](javascript:alert(1)) <b>")
    '\\\\*bold\\\\* \\\\[x\\\\]\\\\(javascript&#58;alert\\\\(1\\\\)\\\\) &lt;b&gt;'
    """
    flat = " ".join(clean(text).split())
    return _MD_COLON.sub("&#58;", _MD_SPECIAL.sub(_md_escape, flat))


def md_cell(text: object) -> str:
    """Text for a Markdown table cell: :func:`md_text`, never empty (GFM needs a cell)."""
    return md_text(text) or " "
