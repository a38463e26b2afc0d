"""The dashboard's one-pass workbook reads back in openpyxl as it was meant."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from cocreate.reports.xlsx_table import table_xlsx


def test_cells_formats_header_and_title_read_back():
    data = table_xlsx(
        "大臣官房",
        "業務一覧",
        ["業務名", "年間業務時間", "紙の削減"],
        [
            ['=HYPERLINK("http://x")', 1234.5, 3],
            [" 前後に空白 ", None, 0],
            ["<b>&amp;</b>", float("nan"), None],
        ],
        formats=[None, "#,##0.0", "#,##0"],
        widths=[30, 12, 8],
    )
    book = load_workbook(io.BytesIO(data))
    sheet = book.active
    assert sheet.title == "業務一覧" and book.properties.title == "大臣官房"
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values == [
        ["業務名", "年間業務時間", "紙の削減"],
        ['=HYPERLINK("http://x")', 1234.5, 3],
        [" 前後に空白 ", None, 0],
        ["<b>&amp;</b>", None, None],
    ]
    assert sheet["A2"].data_type == "s" and sheet["A2"].quotePrefix  # text, never a formula
    assert sheet["B2"].number_format == "#,##0.0" and sheet["C2"].number_format == "#,##0"
    assert sheet["A1"].font.b and sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["A"].width == 30
