"""The report as plain data: its blocks, sections and the whole document.

A :class:`Report` is a title, a cover table, a summary and nine numbered sections, each a
tuple of blocks (headings, paragraphs, key-value tables, tables, lists and images). Every
string in it is plain text exactly as typed by participants; the renderers (``html``,
``markdown``) escape it, so nothing here deals with markup.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

__all__ = [
    "DASH",
    "SECTIONS",
    "Block",
    "BulletList",
    "Cell",
    "Heading",
    "Image",
    "KeyValues",
    "Paragraph",
    "Progress",
    "Report",
    "Section",
    "Table",
]

#: The sections in order: (anchor id, i18n key of the heading). ``variants`` (部局間の比較と
#: 標準化案) is there only for a workshop with several bureaus' maps; the numbers skip it.
SECTIONS = (
    ("background", "report.section.background"),
    ("asis", "report.section.asis"),
    ("problems", "report.section.problems"),
    ("ideas", "report.section.ideas"),
    ("pilot", "report.section.pilot"),
    ("kpi", "report.section.kpi"),
    ("risks", "report.section.risks"),
    ("rollout", "report.section.rollout"),
    ("variants", "report.section.variants"),
    ("appendix", "report.section.appendix"),
)

#: ``progress(done, total, label)``: called after each part of the work.
Progress = Callable[[int, int, str], None]

DASH = "—"


@dataclass(frozen=True, slots=True)
class Heading:
    """A sub-heading inside a section (``level`` 3 or 4)."""

    text: str
    level: int = 3


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph of plain text; ``style`` is ``""``, ``note`` or ``muted``."""

    text: str
    style: str = ""


@dataclass(frozen=True, slots=True)
class KeyValues:
    """Label-value pairs shown as a two-column table."""

    rows: tuple[tuple[str, str], ...]
    style: str = ""


Cell = str | tuple[str, ...]
"""A table cell: one text, or several lines."""


@dataclass(frozen=True, slots=True)
class Table:
    """A table of plain-text cells; ``numeric`` columns are right-aligned.

    ``ids`` are the columns holding ids (kept on one line). A cell may be a tuple of
    lines, such as the why-chains of one problem.
    """

    headers: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    caption: str = ""
    numeric: frozenset[int] = frozenset()
    name: str = ""
    """A stable name for tests and anchors, such as ``workload``."""
    ids: frozenset[int] = frozenset()
    wide: frozenset[int] = frozenset()
    """Columns of running text that must not be squeezed narrow."""


@dataclass(frozen=True, slots=True)
class BulletList:
    items: tuple[str, ...]
    ordered: bool = False


@dataclass(frozen=True, slots=True)
class Image:
    """A chart as PNG or SVG bytes; ``name`` becomes its file name beside the Markdown.

    ``format`` is ``png`` or ``svg`` (the file's suffix and its media type). ``alt`` is its
    short text alternative; the tables named in ``tables`` hold its data in full.
    """

    name: str
    caption: str
    alt: str
    data: bytes
    format: str = "png"
    tables: tuple[str, ...] = ()
    """Names of the tables that hold the chart's data (its text equivalent)."""

    @property
    def media_type(self) -> str:
        return "image/svg+xml" if self.format == "svg" else "image/png"


Block = Heading | Paragraph | KeyValues | Table | BulletList | Image


@dataclass(frozen=True, slots=True)
class Section:
    id: str
    number: str
    title: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True, slots=True)
class Report:
    """The whole proposal, ready for a renderer."""

    lang: str
    title: str
    subtitle: str
    cover: KeyValues
    summary: tuple[Block, ...]
    sections: tuple[Section, ...]
    footer: str
    images: tuple[Image, ...] = field(default=())

    def section(self, section_id: str) -> Section:
        for section in self.sections:
            if section.id == section_id:
                return section
        raise KeyError(section_id)
