"""Step tables: Japanese and English headers, UTF-8 with or without BOM, cp932, Excel."""

from __future__ import annotations

from pathlib import Path

import pytest

from cocreate import storage
from cocreate.errors import InputError
from cocreate.model import Medium, StepKind
from cocreate.process.metrics import analyse
from cocreate.process.steptable import read_steps
from tests.conftest import ROOT

DATA = ROOT / "tests" / "data" / "process"
JA = DATA / "steps-ja.csv"


def test_japanese_step_table() -> None:
    imported = read_steps(JA)
    assert [lane.name for lane in imported.lanes] == ["申請者", "所属課長", "総務課"]
    steps = {s.name: s for s in imported.steps}
    assert len(steps) == 7
    assert steps["貸出の申込み"].kind == StepKind.START
    assert steps["申請内容の確認"].kind == StepKind.DECISION
    assert steps["貸出完了"].kind == StepKind.END
    phone = steps["空き状況を電話で照会"]
    assert (phone.minutes, phone.wait_minutes, phone.volume) == (10, 60, 2400)
    assert phone.medium == Medium.PHONE and phone.notes == "担当者不在時は折り返し"
    assert steps["所属課長の押印"].medium == Medium.SEAL
    assert steps["貸出"].volume == 2400  # "2,400"
    assert steps["貸出申請書を作成"].volume is None
    flows = {(f.source, f.target): f.share for f in imported.flows}
    check, write, lend = steps["申請内容の確認"].id, steps["貸出申請書を作成"].id, steps["貸出"].id
    assert flows[(check, write)] == pytest.approx(0.2)
    assert flows[(check, lend)] == pytest.approx(0.8)
    assert len(imported.flows) == 7  # six in sequence plus the 差戻し
    # The table reads as a process: derived volumes follow the 20% rework.
    workshop = storage.load(ROOT / "workshops" / "equipment-lending").edit(
        lanes=imported.lanes, steps=imported.steps, flows=imported.flows
    )
    metrics = analyse(workshop)
    assert metrics.step(write).volume == pytest.approx(2400 / 0.8)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp932"])
def test_encodings(encoding: str, tmp_path: Path) -> None:
    path = tmp_path / f"{encoding}.csv"
    path.write_bytes(JA.read_text(encoding="utf-8").encode(encoding))
    imported = read_steps(path)
    assert (imported.lanes, imported.steps, imported.flows) == (
        read_steps(JA).lanes,
        read_steps(JA).steps,
        read_steps(JA).flows,
    )


def test_xlsx_with_full_width_headers(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "工程表"
    sheet.append(
        [
            "ＩＤ",
            "工程",
            "担当",
            "所要時間（分）",
            "年間件数",
            "待ち時間（分）",
            "媒体",
            "次工程",
            "種別",
        ]
    )
    sheet.append(["A", "受付", "窓口係", 5, 1200, None, "窓口", "B", "開始"])
    sheet.append(
        ["B", "審査", "審査係", 30.5, None, 2880, "システム", "C（90%）、A（10%）", "判断"]
    )
    sheet.append(["C", "通知", "審査係", 3, None, None, "郵送", "", "終了"])
    path = tmp_path / "steps.xlsx"
    book.save(path)
    imported = read_steps(path, sheet="工程表")
    steps = {s.id: s for s in imported.steps}
    assert list(steps) == ["A", "B", "C"]
    assert steps["B"].minutes == 30.5 and steps["B"].wait_minutes == 2880
    assert steps["B"].kind == StepKind.DECISION and steps["C"].kind == StepKind.END
    assert steps["C"].medium == Medium.MAIL
    assert {(f.source, f.target, f.share) for f in imported.flows} == {
        ("A", "B", None),
        ("B", "C", 0.9),
        ("B", "A", 0.1),
    }
    with pytest.raises(InputError, match="no sheet 'x'"):
        read_steps(path, sheet="x")


def test_english_headers_without_next_column_run_in_sequence(tmp_path: Path) -> None:
    path = tmp_path / "en.csv"
    path.write_text(
        "Step,Lane,Minutes,Medium,Colour\nOpen,desk,1,email,red\n"
        "Check,desk,4,fax,blue\nClose,office,2,,\n",
        encoding="utf-8",
    )
    imported = read_steps(path)
    assert [(f.source, f.target) for f in imported.flows] == [("s01", "s02"), ("s02", "s03")]
    assert [s.kind for s in imported.steps] == [StepKind.START, StepKind.TASK, StepKind.END]
    # Unknown media and extra columns are listed, not fatal.
    assert any("Colour" in line for line in imported.unmapped)
    assert any("'fax'" in line for line in imported.unmapped)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("工程,所要時間(分)\n受付,五分\n", r"row 2: 所要時間\(分\): not a number: '五分'"),
        ("工程,年間件数\n受付,-3\n", r"row 2: 年間件数: must be a number of at least 0"),
        ("工程,次工程\n受付,審査\n", r"row 2: 次工程: unknown next step '審査'"),
        ("工程,種別\n受付,たぶん\n", r"row 2: 種別: unknown kind 'たぶん'"),
        ("名前,担当\n受付,窓口\n", r"row 1: no header row with a step column"),
        ("工程,担当\n", r"no steps"),
        ("工程,次工程\n受付,受付（150%）\n", r"row 2: 次工程: share over 100%"),
    ],
)
def test_bad_tables_name_the_row(text: str, message: str, tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=message) as caught:
        read_steps(path)
    assert str(caught.value).startswith(str(path))


def test_a_file_in_neither_encoding_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "latin.csv"
    path.write_bytes("工程\n".encode() + b"\x81\xff\xfe\n")
    with pytest.raises(InputError, match="neither UTF-8 nor cp932"):
        read_steps(path)


def test_cli_import_steps(tmp_path: Path, cli) -> None:
    folder = tmp_path / "ws"
    result = cli("import", "steps", JA, "--into", folder, "--title", "備品貸出")
    assert result.code == 0, result.err
    workshop = storage.load(folder)
    assert workshop.meta.title == "備品貸出"
    assert len(workshop.steps) == 7
    assert len(workshop.sources) == 1
    assert (folder / workshop.sources[0]).resolve() == JA.resolve()
    bad = tmp_path / "bad.csv"
    bad.write_text("工程,所要時間(分)\n受付,x\n", encoding="utf-8")
    result = cli("import", "steps", bad, "--into", tmp_path / "other")
    assert result.code == 2
    assert result.err == f"cocreate: {bad}:row 2: 所要時間(分): not a number: 'x'\n"
    assert not (tmp_path / "other").exists()


def test_a_ragged_row_is_refused_with_its_row(tmp_path: Path, cli) -> None:
    path = tmp_path / "ragged.csv"
    path.write_text("工程,担当,所要時間(分)\n受付,窓口,5\n審査,10\n", encoding="utf-8")
    result = cli("import", "steps", path, "--into", tmp_path / "ws")
    assert result.code == 2
    assert result.err == (
        f"cocreate: {path}:row 3: the row has 2 cells but the header has 3: a delimiter comma is"
        " missing, or the row was cut short\n"
    )
    assert not (tmp_path / "ws").exists()


def test_a_control_character_is_refused_with_its_row_and_column(tmp_path: Path) -> None:
    path = tmp_path / "nul.csv"
    path.write_text("工程,担当\n受付,窓口\n受\x00付,窓口\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_steps(path)
    assert str(caught.value) == (
        f"{path}:row 3: 工程: control character U+0000 in '受\\x00付'; remove it and import again"
    )


def test_labels_and_lane_ids_in_the_next_column(tmp_path: Path) -> None:
    path = tmp_path / "labels.csv"
    path.write_text(
        "ID,工程,担当,担当ID,次工程,種別\n"
        "s1,受付,窓口,madoguchi,s2,開始\n"
        's2,確認,窓口,madoguchi,"s3「不備なし、そのまま」（80%）、s1「差戻し」（20%）",判断\n'
        "s3,完了,審査係,,-,終了\n",
        encoding="utf-8",
    )
    imported = read_steps(path)
    assert [(lane.id, lane.name) for lane in imported.lanes] == [
        ("madoguchi", "窓口"),
        ("lane1", "審査係"),
    ]
    assert {(f.source, f.target, f.label, f.share) for f in imported.flows} == {
        ("s1", "s2", "", None),
        ("s2", "s3", "不備なし、そのまま", 0.8),
        ("s2", "s1", "差戻し", 0.2),
    }


def test_a_lane_given_two_ids_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "lanes.csv"
    path.write_text("工程,担当,担当ID\n受付,窓口,a\n確認,窓口,b\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"row 3: 担当ID: 担当 '窓口' has the lane id 'a'"):
        read_steps(path)


def test_an_xlsx_bomb_is_refused_by_import_steps(tmp_path: Path, cli) -> None:
    from tests.xlsx_parts import SHEET_HEAD, SHEET_TAIL, write_xlsx

    def bomb():
        yield SHEET_HEAD + '<row r="1"><c t="inlineStr"><is><t>工程</t></is></c></row>'
        for _ in range(40):
            yield b" " * (1 << 20)
        yield SHEET_TAIL

    path = write_xlsx(tmp_path / "bomb.xlsx", bomb())
    result = cli("import", "steps", path, "--into", tmp_path / "ws")
    assert result.code == 2
    assert "the workbook unpacks to" in result.err and result.err.count("\n") == 1
    assert not (tmp_path / "ws").exists()


def test_many_rows_import_without_scanning_the_flows(tmp_path: Path) -> None:
    """Each flow is checked against the flows so far through a set: the same flow twice
    is still reported, once per row."""
    rows = ["ID,工程,次工程"] + [f"s{i},工程{i},s{i + 1}、s{i + 1}" for i in range(1, 3000)]
    rows.append("s3000,工程3000,-")
    path = tmp_path / "long.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    imported = read_steps(path)
    assert len(imported.flows) == 2999
    assert sum("named twice" in line for line in imported.unmapped) == 2999
