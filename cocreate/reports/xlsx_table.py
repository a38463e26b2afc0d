"""One table as a small ``.xlsx`` written directly: fast for tens of thousands of rows.

The export workbooks (:mod:`cocreate.process.xlsx`) go through openpyxl, which builds
an object per cell and costs about a millisecond a row; the portfolio dashboard of a
national portfolio has ten thousand rows and must be written in seconds. A single sheet
of text and numbers is a handful of XML parts (the SpreadsheetML of ECMA-376), written
here in one pass: a bold, shaded header row that stays in view, fitted column widths,
a number format per column, every text an inline string (never a formula; text that
starts like one also gets Excel's quote prefix, as in the export), and the workbook's
title. The tests read the result back with openpyxl.
"""

from __future__ import annotations

import io
import math
import zipfile
from collections.abc import Sequence
from typing import Any
from xml.sax.saxutils import escape

from cocreate.text import formula_like

__all__ = ["table_xlsx"]

_XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_PACKAGE = "http://schemas.openxmlformats.org/package/2006"
_OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml"
_CONTENT_TYPES = (
    f'{_XML}<Types xmlns="{_PACKAGE}/content-types">'
    '<Default Extension="rels"'
    ' ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/xl/workbook.xml" ContentType="{_TYPE}.sheet.main+xml"/>'
    f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{_TYPE}.worksheet+xml"/>'
    f'<Override PartName="/xl/styles.xml" ContentType="{_TYPE}.styles+xml"/>'
    '<Override PartName="/docProps/core.xml"'
    ' ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    "</Types>"
)


def _relationships(*targets: tuple[str, str]) -> str:
    items = "".join(
        f'<Relationship Id="rId{i}" Type="{kind}" Target="{target}"/>'
        for i, (kind, target) in enumerate(targets, start=1)
    )
    return f'{_XML}<Relationships xmlns="{_PACKAGE}/relationships">{items}</Relationships>'


_ROOT_RELS = _relationships(
    (f"{_OFFICE}/officeDocument", "xl/workbook.xml"),
    (f"{_PACKAGE}/relationships/metadata/core-properties", "docProps/core.xml"),
)
_WORKBOOK_RELS = _relationships(
    (f"{_OFFICE}/worksheet", "worksheets/sheet1.xml"),
    (f"{_OFFICE}/styles", "styles.xml"),
)
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _text(value: str) -> str:
    return escape(value)


def _column(index: int) -> str:
    """The column letters of a 0-based index: 0 -> A, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _styles(formats: Sequence[str]) -> str:
    """styles.xml: style 0 plain, 1 the header, 2 quoted text, 3.. one per number format."""
    num_fmts = "".join(
        f'<numFmt numFmtId="{164 + i}" formatCode="{escape(code, {chr(34): "&quot;"})}"/>'
        for i, code in enumerate(formats)
    )
    number_xfs = "".join(
        f'<xf numFmtId="{164 + i}" fontId="0" fillId="0" borderId="0" xfId="0"'
        ' applyNumberFormat="1"/>'
        for i in range(len(formats))
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<styleSheet xmlns="{_MAIN}">'
        f'<numFmts count="{len(formats)}">{num_fmts}</numFmts>'
        '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>'
        '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
        '<fills count="3"><fill><patternFill patternType="none"/></fill>'
        '<fill><patternFill patternType="gray125"/></fill>'
        '<fill><patternFill patternType="solid"><fgColor rgb="FFDDEBF7"/>'
        '<bgColor indexed="64"/></patternFill></fill></fills>'
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border>'
        "</borders>"
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
        "</cellStyleXfs>"
        f'<cellXfs count="{3 + len(formats)}">'
        '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
        '<xf numFmtId="0" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1"'
        ' applyFill="1" applyAlignment="1"><alignment horizontal="center" vertical="center"'
        ' wrapText="1"/></xf>'
        '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" quotePrefix="1"/>'
        f"{number_xfs}</cellXfs>"
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
        "</styleSheet>"
    )  # fmt: skip


def table_xlsx(
    title: str,
    sheet: str,
    header: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    formats: Sequence[str | None] = (),
    widths: Sequence[float] = (),
) -> bytes:
    """The bytes of an ``.xlsx`` with one sheet: ``header`` then ``rows``.

    A cell is ``None`` (left empty), a number (with its column's format from
    ``formats``), or text. ``widths`` are column widths in characters.
    """
    codes = [code for code in dict.fromkeys(f for f in formats if f)]
    style_of = {code: 3 + i for i, code in enumerate(codes)}
    column_style = [style_of.get(f or "", 0) for f in formats]
    letters = [_column(i) for i in range(len(header))]
    parts = [
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<worksheet xmlns="{_MAIN}" xmlns:r="{_REL}">'
        '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2"'
        ' activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>'
    ]
    if widths:
        parts.append("<cols>")
        parts.extend(
            f'<col min="{i}" max="{i}" width="{w:.1f}" customWidth="1"/>'
            for i, w in enumerate(widths, start=1)
        )
        parts.append("</cols>")
    parts.append('<sheetData><row r="1">')
    parts.extend(
        f'<c r="{letters[i]}1" t="inlineStr" s="1"><is><t>{_text(h)}</t></is></c>'
        for i, h in enumerate(header)
    )
    parts.append("</row>")
    append = parts.append
    for number, row in enumerate(rows, start=2):
        cells = []
        for i, value in enumerate(row):
            if value is None or value == "":
                continue
            ref = f"{letters[i]}{number}"
            if isinstance(value, bool):
                cells.append(f'<c r="{ref}" t="b"><v>{int(value)}</v></c>')
            elif isinstance(value, int | float):
                if isinstance(value, float) and not math.isfinite(value):
                    continue
                style = column_style[i] if i < len(column_style) else 0
                cells.append(f'<c r="{ref}" s="{style}"><v>{value!r}</v></c>')
            else:
                text = str(value)
                quoted = ' s="2"' if formula_like(text) else ""
                space = ' xml:space="preserve"' if text != text.strip() else ""
                cells.append(
                    f'<c r="{ref}" t="inlineStr"{quoted}><is><t{space}>{_text(text)}</t></is></c>'
                )
        append(f'<row r="{number}">{"".join(cells)}</row>')
    parts.append("</sheetData></worksheet>")
    workbook = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><sheets>'
        f'<sheet name="{escape(sheet[:31], {chr(34): "&quot;"})}" sheetId="1" r:id="rId1"/>'
        "</sheets></workbook>"
    )
    core = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
        'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f"<dc:title>{_text(title)}</dc:title><dc:creator>cocreate</dc:creator>"
        "</cp:coreProperties>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _ROOT_RELS)
        archive.writestr("xl/workbook.xml", workbook)
        archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        archive.writestr("xl/styles.xml", _styles(codes))
        archive.writestr("xl/worksheets/sheet1.xml", "".join(parts))
        archive.writestr("docProps/core.xml", core)
    return buffer.getvalue()
