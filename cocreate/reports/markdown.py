"""The report as GitHub-flavoured Markdown, with its charts as files beside it.

Every text goes through :func:`cocreate.reports.escape.md_text`, so participant text can
open no emphasis, link, autolink, raw HTML or table cell, and each table row keeps its
column count. Image paths are built from chart names only, never from participant text.
"""

from __future__ import annotations

from cocreate.i18n import t
from cocreate.reports.assemble import (
    BulletList,
    Heading,
    Image,
    KeyValues,
    Paragraph,
    Report,
    Table,
)
from cocreate.reports.escape import md_cell, md_text

__all__ = ["render"]


def _cell(cell: str | tuple[str, ...], separator: str) -> str:
    if isinstance(cell, str):
        return md_cell(cell)
    return md_cell(separator.join(cell))


def _table(
    headers: tuple[str, ...],
    rows: tuple[tuple, ...],
    numeric: frozenset[int] = frozenset(),
    separator: str = " / ",
) -> list[str]:
    width = len(headers)
    lines = ["| " + " | ".join(md_cell(h) for h in headers) + " |"]
    lines.append("|" + "|".join("---:" if i in numeric else "---" for i in range(width)) + "|")
    for row in rows:
        cells = [*row, *[""] * (width - len(row))][:width]
        lines.append("| " + " | ".join(_cell(c, separator) for c in cells) + " |")
    return lines


class _Renderer:
    def __init__(self, report: Report, image_dir: str) -> None:
        self.report = report
        self.lang = report.lang
        self.image_dir = image_dir.rstrip("/")
        self.figures = 0
        self.tables = 0
        self.files: dict[str, bytes] = {}

    def block(self, block: object) -> list[str]:
        if isinstance(block, Heading):
            return ["#" * min(max(block.level, 3), 4) + " " + md_text(block.text), ""]
        if isinstance(block, Paragraph):
            text = md_text(block.text)
            return [
                f"*{text}*"
                if block.style == "muted"
                else f"> {text}"
                if block.style == "note"
                else text,
                "",
            ]
        if isinstance(block, KeyValues):
            header = (t("report.col.item", self.lang), t("report.col.detail", self.lang))
            return [*_table(header, block.rows), ""]
        if isinstance(block, Table):
            separator = "　／　" if self.lang == "ja" else " / "
            lines = _table(block.headers, block.rows, block.numeric, separator)
            if block.caption:
                self.tables += 1
                label = t("report.table", self.lang, n=self.tables)
                lines += ["", f"*{md_text(label)}: {md_text(block.caption)}*"]
            return [*lines, ""]
        if isinstance(block, BulletList):
            return [
                *(
                    (f"{n}. " if block.ordered else "- ") + md_text(item)
                    for n, item in enumerate(block.items, start=1)
                ),
                "",
            ]
        if isinstance(block, Image):
            self.figures += 1
            file_name = f"{block.name}.{block.format}"
            self.files[file_name] = block.data
            label = t("report.figure", self.lang, n=self.figures)
            sep = ", " if self.lang == "en" else "、"
            data = sep.join(t(f"report.data.{name}", self.lang) for name in block.tables)
            note = f" {t('report.data.intro', self.lang)}{data}" if data else ""
            return [
                f"![{md_text(block.alt)}]({self.image_dir}/{file_name})",
                "",
                f"*{md_text(label)}: {md_text(block.caption + note)}*",
                "",
            ]
        raise TypeError(f"unknown report block {type(block).__name__}")

    def render(self) -> str:
        report = self.report
        lines = [f"# {md_text(report.title)}", "", f"**{md_text(report.subtitle)}**", ""]
        lines += self.block(report.cover)
        lines += [f"## {md_text(t('report.summary', self.lang))}", ""]
        for block in report.summary:
            lines += self.block(block)
        lines += [f"## {md_text(t('report.toc', self.lang))}", ""]
        lines += [f"{s.number}. {md_text(s.title)}" for s in report.sections]
        lines.append("")
        for section in report.sections:
            lines += [f"## {section.number}. {md_text(section.title)}", ""]
            for block in section.blocks:
                lines += self.block(block)
        lines += ["---", "", f"*{md_text(report.footer)}*", ""]
        return "\n".join(lines)


def render(report: Report, image_dir: str) -> tuple[str, dict[str, bytes]]:
    """The report as Markdown text, and the chart files it links to.

    Parameters
    ----------
    report : the assembled report.
    image_dir : folder of the charts relative to the Markdown file, such as
        ``report-ja-figures``; it must be a plain relative path made by cocreate.

    Returns
    -------
    (str, dict)
        The Markdown text and ``{file name: PNG or SVG bytes}`` to write into ``image_dir``.
    """
    renderer = _Renderer(report, image_dir)
    text = renderer.render()
    return text, renderer.files
