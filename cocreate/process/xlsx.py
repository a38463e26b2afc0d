"""The workshop as an Excel workbook a public servant can hand on (``cocreate export xlsx``).

Sheets, each with Japanese headers, its header row frozen, number formats and column
widths that fit the text (East Asian wide characters counted as two):

* **業務量調査票**: per step its lane, minutes, annual volume (entered or derived),
  annual hours, person-years, cost and medium, then the totals;
* **指標**: the process metrics (workload, cost, lead time, cycle efficiency, hand-offs,
  touchpoints, loops, bottlenecks) and the hours of each lane;
* **工程表**: the step table in exactly the layout ``cocreate import steps`` reads
  (:data:`cocreate.process.steptable.LAYOUT`), so it goes out and comes back unchanged;
* **アイデア順位**, when the workshop has ratings or dots: the ranked ideas of the tally
  (anonymised as the tally is in anonymous mode).

Participant text goes in as text cells: a value starting with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return is stored as a string with Excel's quote prefix, so it
shows as written and never runs as a formula (the tally CSV's rule, without changing the
text). The workbook is written atomically.
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from cocreate.model import Workshop
from cocreate.text import formula_like

__all__ = ["SHEETS", "Sheet", "cell_width", "workbook_bytes", "write_xlsx"]

#: The sheets, in their order (the last only with a tally).
SHEETS = ("業務量調査票", "指標", "工程表", "アイデア順位")

_MAX_WIDTH = 60
_HOURS = "#,##0.0"
_WHOLE = "#,##0"
_MINUTES = "#,##0.0"
_YEARS = "0.00"
_SHARE = "0.0%"
_QUADRANTS = {
    "quick_win": "すぐやる",
    "major_project": "計画して取り組む",
    "fill_in": "余力でやる",
    "thankless": "見送る",
}
_FLAGS = {
    "disagreement": "評価が割れている",
    "solution-first": "原因に結びついていない",
    "unrated": "未評価",
    "no-estimate": "削減時間を見積もれない",
}


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _cell_width(value: Any, number_format: str | None) -> int:
    if value is None:
        return 0
    if isinstance(value, float | int) and not isinstance(value, bool):
        text = f"{value:,.2f}" if isinstance(value, float) else f"{value:,}"
        return len(text) + (1 if number_format and "%" in number_format else 0)
    return max((_width(line) for line in str(value).splitlines()), default=0)


class _Sheet:
    """One worksheet being filled: rows of values, a format per column, fitted widths."""

    def __init__(self, book: Any, title: str) -> None:
        self.ws = book.create_sheet(title)
        self.widths: dict[int, int] = {}
        self.row = 0

    def append(
        self,
        values: Sequence[Any],
        formats: Sequence[str | None] = (),
        *,
        bold: bool = False,
        fit: bool = True,
    ) -> None:
        from openpyxl.styles import Alignment, Font

        self.row += 1
        for column, value in enumerate(values, start=1):
            cell = self.ws.cell(row=self.row, column=column)
            form = formats[column - 1] if column - 1 < len(formats) else None
            if isinstance(value, str):
                cell.value = value
                # openpyxl would take "=..." for a formula: keep every text a string.
                cell.data_type = "s"
                if formula_like(value):
                    cell.quotePrefix = True
                if "\n" in value:
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
            else:
                cell.value = value
                if form and value is not None:
                    cell.number_format = form
            if bold:
                cell.font = Font(bold=True)
            if fit:
                self.widths[column] = max(self.widths.get(column, 0), _cell_width(value, form))

    def header(self, values: Sequence[str]) -> None:
        from openpyxl.styles import Alignment, Font, PatternFill

        self.append(values)
        fill = PatternFill("solid", fgColor="DDEBF7")
        for column in range(1, len(values) + 1):
            cell = self.ws.cell(row=self.row, column=column)
            cell.font = Font(bold=True)
            cell.fill = fill
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        self.ws.freeze_panes = self.ws.cell(row=self.row + 1, column=1).coordinate

    def finish(self) -> None:
        from openpyxl.utils import get_column_letter

        for column, width in self.widths.items():
            letter = get_column_letter(column)
            self.ws.column_dimensions[letter].width = min(max(width + 2, 6), _MAX_WIDTH)


#: One worksheet with fitted widths and formula-safe text, for other workbooks to build on
#: (the portfolio's inventory and dashboard sheets).
Sheet = _Sheet
#: How wide a cell's value shows, East Asian wide characters counted as two.
cell_width = _cell_width


def _survey_sheet(book: Any, workshop: Workshop, metrics: Any) -> None:
    from cocreate.process.steptable import kind_label, medium_label

    settings = workshop.settings
    sheet = _Sheet(book, SHEETS[0])
    sheet.append([f"業務量調査票：{workshop.meta.title}"], bold=True, fit=False)
    sheet.append(
        [
            f"年間時間 ＝ 所要時間 × 年間件数 ÷ 60。人年 ＝ 年間時間 ÷"
            f" {settings.annual_hours_per_person:,g} 時間。コスト ＝ 年間時間 ×"
            f" {settings.hourly_cost:,g} {settings.currency}/時間。年間件数の「推計」は"
            "工程の流れと分岐の割合から求めた値。"
        ],
        fit=False,
    )
    sheet.append([])
    sheet.header(
        [
            "工程ID",
            "工程",
            "担当",
            "種別",
            "所要時間(分)",
            "年間件数",
            "件数の根拠",
            "年間時間",
            "人年",
            f"コスト({settings.currency})",
            "媒体",
        ]
    )
    lanes = {lane.id: lane.name for lane in workshop.lanes}
    per_person = settings.annual_hours_per_person
    formats = [None, None, None, None, _MINUTES, _WHOLE, None, _HOURS, _YEARS, _WHOLE, None]
    for step in metrics.steps:
        sheet.append(
            [
                step.id,
                step.name,
                lanes.get(step.lane, step.lane),
                kind_label(step.kind),
                step.minutes,
                round(step.volume, 1),
                "入力" if step.volume_given else "推計",
                step.annual_hours,
                step.annual_hours / per_person if per_person else 0.0,
                step.cost,
                medium_label(step.medium),
            ],
            formats,
        )
    sheet.append(
        [
            "合計",
            "",
            "",
            "",
            None,
            None,
            "",
            metrics.annual_hours,
            metrics.person_years,
            metrics.cost,
            "",
        ],
        formats,
        bold=True,
    )
    sheet.finish()


def _metrics_sheet(book: Any, workshop: Workshop, metrics: Any) -> None:
    from cocreate.i18n import t

    sheet = _Sheet(book, SHEETS[1])
    sheet.header(["指標", "値", "単位"])

    def metric(name: str, value: Any, unit: str, form: str | None) -> None:
        sheet.append([t(f"report.metric.{name}", "ja"), value, unit], [None, form, None])

    currency = workshop.settings.currency
    metric("annual_cases", metrics.annual_cases, "件/年", _WHOLE)
    metric("annual_hours", metrics.annual_hours, "時間/年", _HOURS)
    metric("person_years", metrics.person_years, "人年", _YEARS)
    metric("cost", metrics.cost, f"{currency}/年", _WHOLE)
    metric("lead_time_minutes", metrics.lead_time_minutes, "分", _MINUTES)
    metric("work_minutes", metrics.work_minutes, "分", _MINUTES)
    metric("cycle_efficiency", metrics.cycle_efficiency, "", _SHARE)
    metric("handoffs", metrics.handoffs, "本", _WHOLE)
    metric("handoffs_per_case", metrics.handoffs_per_case, "回/件", "0.00")
    metric("paper_touches", metrics.paper_touches, "工程", _WHOLE)
    metric("seal_touches", metrics.seal_touches, "工程", _WHOLE)
    metric("counter_touches", metrics.counter_touches, "工程", _WHOLE)
    metric("loops", len(metrics.loops), "ループ", _WHOLE)
    sheet.append(["ボトルネック（年間時間）", "、".join(metrics.bottlenecks_by_hours), ""])
    sheet.append(["ボトルネック（待ち時間）", "、".join(metrics.bottlenecks_by_wait), ""])
    sheet.append([])
    sheet.append(["担当ごとの年間時間", "時間/年", ""], bold=True)
    lanes = {lane.id: lane.name for lane in workshop.lanes}
    for lane_id, hours in metrics.lanes.items():
        sheet.append([lanes.get(lane_id, lane_id), hours, ""], [None, _HOURS, None])
    sheet.finish()


def _steps_sheet(book: Any, workshop: Workshop) -> None:
    from cocreate.process.steptable import LAYOUT, table_rows

    sheet = _Sheet(book, SHEETS[2])
    rows = table_rows(workshop)
    sheet.header(rows[0])
    formats: list[str | None] = [None] * len(LAYOUT)
    formats[LAYOUT.index("年間件数")] = "0"
    for row in rows[1:]:
        sheet.append(row, formats)
    sheet.finish()


def _ideas_sheet(book: Any, rows: Iterable[Any]) -> None:
    sheet = _Sheet(book, SHEETS[3])
    sheet.header(
        [
            "順位",
            "ID",
            "アイデア",
            "区分",
            "効果(中央値)",
            "手間(中央値)",
            "評価人数",
            "ドット",
            "年間削減時間",
            "注意",
        ]
    )
    formats = [_WHOLE, None, None, None, "0.0", "0.0", _WHOLE, _WHOLE, _HOURS, None]
    for item in rows:
        sheet.append(
            [
                item.rank,
                item.id,
                item.title,
                _QUADRANTS.get(item.quadrant or "", "未評価"),
                item.effect,
                item.effort,
                item.raters,
                item.dots,
                item.hours_saved,
                "、".join(_FLAGS.get(f, f) for f in item.flags),
            ],
            formats,
        )
    sheet.finish()


def workbook_bytes(workshop: Workshop) -> bytes:
    """The workbook of ``workshop`` as the bytes of an ``.xlsx`` file."""
    from openpyxl import Workbook

    from cocreate.process.metrics import analyse

    book = Workbook()
    if book.active is not None:  # a new workbook has one empty sheet; ours are added
        book.remove(book.active)
    metrics = analyse(workshop)
    _survey_sheet(book, workshop, metrics)
    _metrics_sheet(book, workshop, metrics)
    _steps_sheet(book, workshop)
    if workshop.ratings or workshop.dots:
        from cocreate.prioritize.tally import tally

        _ideas_sheet(book, tally(workshop))
    book.properties.title = workshop.meta.title
    book.properties.creator = "cocreate"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def write_xlsx(workshop: Workshop, path: str | Path) -> Path:
    """Write the workbook to ``path`` atomically (the old file is kept on failure)."""
    from cocreate.storage import atomic_write

    target = Path(path)
    atomic_write(target, workbook_bytes(workshop))
    return target
