"""cocreate export xlsx: the workload survey, metrics, the step table that comes back
unchanged, the ranked ideas; Japanese headers, formats, widths, and no live formulas."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from cocreate import storage
from cocreate.contribute import add_idea
from cocreate.process.metrics import analyse
from cocreate.process.steptable import LAYOUT, read_steps, table_rows
from cocreate.process.xlsx import SHEETS, workbook_bytes, write_xlsx
from tests.conftest import SAMPLE


@pytest.fixture(scope="module")
def ws():
    return storage.load(SAMPLE)


def _book(path: Path):
    from openpyxl import load_workbook

    return load_workbook(path)


def _rows(sheet) -> list[tuple]:
    return [tuple(r) for r in sheet.iter_rows(values_only=True)]


def test_the_sheets_and_the_survey_totals(ws, tmp_path: Path) -> None:
    path = write_xlsx(ws, tmp_path / "業務量.xlsx")
    book = _book(path)
    assert book.sheetnames == list(SHEETS)
    survey = book["業務量調査票"]
    rows = _rows(survey)
    assert rows[0][0] == f"業務量調査票：{ws.meta.title}"
    header = rows[3]
    assert header[:4] == ("工程ID", "工程", "担当", "種別") and header[-1] == "媒体"
    assert survey.freeze_panes == "A5"
    metrics = analyse(ws)
    body = rows[4:-1]
    assert [r[0] for r in body] == [s.id for s in ws.steps]
    hours = header.index("年間時間")
    assert sum(r[hours] for r in body) == pytest.approx(metrics.annual_hours)
    total = rows[-1]
    assert total[0] == "合計"
    assert total[hours] == pytest.approx(metrics.annual_hours)
    assert total[header.index("人年")] == pytest.approx(metrics.person_years)
    assert total[header.index("コスト(JPY)")] == pytest.approx(metrics.cost)
    derived = {s.id for s in metrics.steps if not s.volume_given}
    assert {r[0] for r in body if r[header.index("件数の根拠")] == "推計"} == derived
    # number formats on the numbers, widths that fit the widest Japanese text
    assert survey.cell(row=6, column=hours + 1).number_format == "#,##0.0"
    widest = max(
        sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s.name) for s in ws.steps
    )
    assert survey.column_dimensions["B"].width >= widest


def test_metrics_and_ranked_ideas(ws, tmp_path: Path) -> None:
    from cocreate.prioritize.tally import tally

    book = _book(write_xlsx(ws, tmp_path / "w.xlsx"))
    metrics = {r[0]: r[1] for r in _rows(book["指標"])[1:] if r[0]}
    assert metrics["年間業務時間"] == pytest.approx(analyse(ws).annual_hours)
    ideas = _rows(book["アイデア順位"])
    assert ideas[0][:3] == ("順位", "ID", "アイデア")
    ranked = tally(ws)
    assert [(r[0], r[1]) for r in ideas[1:]] == [(t.rank, t.id) for t in ranked]
    assert ideas[1][3] in {"すぐやる", "計画して取り組む", "余力でやる", "見送る", "未評価"}


def test_no_ranked_ideas_without_a_tally(ws, tmp_path: Path) -> None:
    bare = ws.edit(contributions=())
    book = _book(write_xlsx(bare, tmp_path / "w.xlsx"))
    assert book.sheetnames == list(SHEETS[:3])


def test_the_step_table_goes_out_and_comes_back_unchanged(ws, tmp_path: Path) -> None:
    path = write_xlsx(ws, tmp_path / "w.xlsx")
    assert _rows(_book(path)["工程表"])[0] == LAYOUT
    back = read_steps(path)  # the 工程表 sheet is found without --sheet
    assert back.steps == ws.steps
    assert set(back.flows) == set(ws.flows)
    assert set(back.lanes) == {
        lane for lane in ws.lanes if any(s.lane == lane.id for s in ws.steps)
    }
    assert back.unmapped == ()
    again = ws.edit(lanes=back.lanes, steps=back.steps, flows=back.flows)
    assert table_rows(again) == table_rows(ws)
    # and the file itself: a second trip writes the same table
    second = write_xlsx(again, tmp_path / "again.xlsx")
    assert _rows(_book(second)["工程表"]) == _rows(_book(path)["工程表"])


def test_cli_export_then_import_steps(tmp_path: Path, cli, ws) -> None:
    out = tmp_path / "out.xlsx"
    result = cli("export", "xlsx", SAMPLE, "-o", out)
    assert (result.code, result.out) == (0, f"wrote {out}\n"), result.err
    folder = tmp_path / "copy"
    result = cli("import", "steps", out, "--into", folder)
    assert result.code == 0, result.err
    assert storage.load(folder).steps == ws.steps
    result = cli("export", "xlsx", SAMPLE, "-o", tmp_path / "out.csv")
    assert result.code == 2 and "must end in .xlsx" in result.err


def test_participant_text_never_becomes_a_formula(ws, tmp_path: Path) -> None:
    payloads = ['=HYPERLINK("http://x","押す")', "+1+1", "-2", "@SUM(A1)", "=cmd|' /C calc'!A0"]
    workshop = ws
    for text in payloads:
        workshop, _ = add_idea(workshop, "kato", text)
    step = workshop.steps[1].edit(name="=1+2", notes="@SUM(1)")
    workshop = workshop.edit(steps=(workshop.steps[0], step, *workshop.steps[2:]))
    workshop, idea = add_idea(workshop, "kato", "=2*3")
    from cocreate.prioritize.voting import rate

    workshop = rate(workshop, "kato", idea.id, 4, 2)
    path = tmp_path / "w.xlsx"
    path.write_bytes(workbook_bytes(workshop))
    book = _book(path)
    cells = [c for sheet in book for row in sheet.iter_rows() for c in row if c.value is not None]
    texts = [
        c for c in cells if isinstance(c.value, str) and c.value.startswith(("=", "+", "-", "@"))
    ]
    assert {c.value for c in texts} >= {*payloads, "=1+2", "@SUM(1)", "=2*3"}
    assert all(c.data_type == "s" and c.quotePrefix for c in texts)
    # the step table keeps the text as written
    assert read_steps(path).steps[1].name == "=1+2"


def test_a_failed_write_leaves_the_old_file(ws, tmp_path: Path, cli) -> None:
    target = tmp_path / "w.xlsx"
    target.write_bytes(b"old")
    result = cli("export", "xlsx", SAMPLE, "-o", tmp_path / "missing" / "w.xlsx")
    assert result.code == 2 and result.err.count("\n") == 1
    assert "cannot save" in result.err
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["w.xlsx"]
