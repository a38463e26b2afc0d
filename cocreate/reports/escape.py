"""Escaping participant text for HTML and Markdown: the one place the report trusts nothing.

Everything a participant typed (problem, cause and idea texts, names, notes) goes through
these functions before it reaches a report file:

* :func:`html_text` escapes ``& < > " '`` so text can neither open a tag nor leave an
  attribute value;
* :func:`md_text` backslash-escapes every ASCII punctuation character that Markdown or
  GitHub-flavoured Markdown gives a meaning (emphasis, code, links, autolinks, tables,
  headings, lists, math, raw HTML), so the text renders literally; ``<`` and ``>`` become
  ``&lt;`` and ``&gt;``, which no Markdown renderer turns back into a tag;
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
# ASCII punctuation with a meaning in CommonMark or GFM. Backslash-escaping any ASCII
# punctuation is always allowed, so escaping one too many is harmless.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~:@=$^\"'])")


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
    '\\\\*bold\\\\* \\\\[x\\\\]\\\\(javascript\\\\:alert\\\\(1\\\\)\\\\) &lt;b&gt;'
    """
    flat = " ".join(clean(text).split())
    escaped = _MD_SPECIAL.sub(r"\\\1", flat)
    # & first, so the entities made for < and > stay intact.
    return escaped.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def md_cell(text: object) -> str:
    """Text for a Markdown table cell: :func:`md_text`, never empty (GFM needs a cell)."""
    return md_text(text) or " "
