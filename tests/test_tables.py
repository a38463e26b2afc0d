"""The one table reader: encodings, row numbers as a spreadsheet shows them, and its limits."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest

from cocreate import tables
from cocreate.errors import InputError
from cocreate.tables import check_text, read_table, sniff_encoding
from tests.xlsx_parts import SHEET_HEAD, SHEET_TAIL, sheet_rows, write_xlsx

TEXT = '工程,担当,備考\n受付,窓口,"二行の\n備考"\n審査,審査係,\n'
ROWS = (
    (1, ("工程", "担当", "備考")),
    (2, ("受付", "窓口", "二行の\n備考")),
    (3, ("審査", "審査係", "")),
)


@pytest.mark.parametrize(
    ("encoding", "expected"),
    [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("cp932", "cp932"), ("utf-16", "utf-16")],
)
def test_each_encoding_reads_the_same_rows(tmp_path: Path, encoding: str, expected: str) -> None:
    path = tmp_path / "t.csv"
    path.write_bytes(TEXT.encode(encoding))
    table = read_table(path)
    assert table.encoding == expected
    assert table.rows == ROWS


def test_a_quoted_cell_over_two_lines_is_one_row(tmp_path: Path) -> None:
    # The spreadsheet's numbering, not the line number: row 3 starts on line 4.
    path = tmp_path / "t.csv"
    path.write_text(TEXT + "通知,審査係,x\n", encoding="utf-8")
    assert read_table(path).rows[-1] == (4, ("通知", "審査係", "x"))


def test_tabs_and_semicolons(tmp_path: Path) -> None:
    for delimiter in ("\t", ";"):
        path = tmp_path / "t.txt"
        path.write_text(TEXT.replace(",", delimiter), encoding="utf-8")
        table = read_table(path)
        assert table.delimiter == delimiter and table.rows == ROWS


def test_an_explicit_encoding_wins_and_a_wrong_one_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_bytes(TEXT.encode("cp932"))
    assert read_table(path, encoding="cp932").rows == ROWS
    with pytest.raises(InputError) as caught:
        read_table(path, encoding="utf-8")
    assert str(caught.value) == f"{path}:1: not utf-8 (byte 0x8d)"
    with pytest.raises(InputError, match="unknown encoding 'klingon'"):
        read_table(path, encoding="klingon")


def test_bytes_in_neither_encoding(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_bytes("工程\n受付\n".encode() + b"\x81\xff\n")
    with pytest.raises(InputError) as caught:
        read_table(path)
    assert str(caught.value) == (
        f"{path}:3: neither UTF-8 nor cp932 (Shift_JIS); save it as CSV UTF-8, or give"
        " --encoding (byte 0x81)"
    )


def test_sniffing_the_head_of_a_long_file_forgives_a_cut_character(tmp_path: Path) -> None:
    head = "受付".encode()[:4]  # a character cut in two by the read
    assert sniff_encoding(tmp_path / "x.csv", head) == "utf-8"
    # as a whole file, the cut character is no UTF-8 (these bytes happen to be cp932)
    assert sniff_encoding(tmp_path / "x.csv", head, complete=True) == "cp932"


def test_xlsx_rows_keep_the_sheet_numbers(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "t.xlsx", sheet_rows([(2, ["工程", "担当"]), (5, ["受付"])]))
    table = read_table(path)
    assert table.encoding == "xlsx" and table.sheet == "Sheet1"
    assert table.rows == ((1, ()), (2, ("工程", "担当")), (3, ()), (4, ()), (5, ("受付",)))


def test_xlsx_values_read_as_text(tmp_path: Path) -> None:
    import datetime as dt

    from openpyxl import Workbook

    book = Workbook()
    book.active.append([5.0, 30.5, True, dt.datetime(2026, 4, 1), dt.datetime(2026, 4, 1, 9, 30)])
    book.save(tmp_path / "v.xlsx")
    assert read_table(tmp_path / "v.xlsx").rows[0][1] == (
        "5",
        "30.5",
        "TRUE",
        "2026-04-01",
        "2026-04-01T09:30:00",
    )


# --------------------------------------------------------------------------- limits


def test_an_xlsx_that_unpacks_past_the_limit_is_refused_before_parsing(tmp_path: Path) -> None:
    # 33 MiB of blanks inside the sheet, about 100 KB on disk: a zip bomb.
    def bomb():
        yield SHEET_HEAD
        for _ in range(33):
            yield b" " * (1 << 20)
        yield SHEET_TAIL

    path = write_xlsx(tmp_path / "bomb.xlsx", bomb())
    assert path.stat().st_size < 1 << 20
    with pytest.raises(InputError) as caught:
        read_table(path)
    assert str(caught.value).startswith(f"{path}: the workbook unpacks to 34,")
    assert "over the limit of 33,554,432" in str(caught.value)


def test_a_zip_member_that_lies_about_its_size_is_cut_short(tmp_path: Path) -> None:
    """Python's zip reader stops at the declared size, so the check above bounds the work."""
    path = write_xlsx(tmp_path / "t.xlsx", sheet_rows([(1, ["工程"]), (2, ["受付"])]))
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("xl/worksheets/sheet1.xml")
        info.file_size = 10
        member = archive.open(info)
        # It reaches its end after the 10 declared bytes, and the checksum then fails.
        with pytest.raises(zipfile.BadZipFile, match="CRC"):
            member.read(11)


def test_rows_past_the_cap_are_refused_with_their_number(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "long.xlsx", sheet_rows((n, [f"x{n}"]) for n in range(1, 1_002)))
    with pytest.raises(InputError) as caught:
        read_table(path, max_rows=1_000)
    assert str(caught.value).startswith(f"{path}:row 1001: more than 1,000 rows")
    csv = tmp_path / "long.csv"
    csv.write_text("".join(f"x{n}\n" for n in range(1, 1_002)), encoding="utf-8")
    with pytest.raises(InputError, match="row 1001: more than 1,000 rows"):
        read_table(csv, max_rows=1_000)


def test_empty_rows_past_the_cap_are_not_held_against_a_table(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "t.xlsx", sheet_rows([(1, ["工程"]), (2, ["受付"]), (5_000, [])]))
    assert read_table(path, max_rows=10).rows[:2] == ((1, ("工程",)), (2, ("受付",)))


def test_a_declared_dimension_of_the_whole_sheet_does_not_pad_rows(tmp_path: Path) -> None:
    head = SHEET_HEAD.replace("<sheetData>", '<dimension ref="A1:XFD1048576"/><sheetData>')
    chunks = list(sheet_rows([(1, ["工程"]), (2, ["受付"])]))
    path = write_xlsx(tmp_path / "t.xlsx", [head, *chunks[1:]])
    assert read_table(path).rows == ((1, ("工程",)), (2, ("受付",)))


def test_hostile_xml_in_a_workbook_is_refused(tmp_path: Path) -> None:
    doctype = '<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
    head = SHEET_HEAD.replace("<worksheet", doctype + "<worksheet")
    path = write_xlsx(
        tmp_path / "e.xlsx",
        [head, '<row r="1"><c t="inlineStr"><is><t>&b;</t></is></c></row>', SHEET_TAIL],
    )
    with pytest.raises(InputError, match="declares entities or a DTD"):
        read_table(path)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"not a zip", "not a readable Excel workbook (.xlsx): not a zip archive"),
        (b"PK\x03\x04" + b"\x00" * 40, "not a readable Excel workbook (.xlsx): not a zip archive"),
    ],
)
def test_files_that_are_no_workbook(tmp_path: Path, data: bytes, message: str) -> None:
    path = tmp_path / "x.xlsx"
    path.write_bytes(data)
    with pytest.raises(InputError) as caught:
        read_table(path)
    assert str(caught.value) == f"{path}: {message}"


def test_a_zip_that_is_no_workbook(tmp_path: Path) -> None:
    path = tmp_path / "x.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "hi")
    with pytest.raises(InputError, match=r"^.*x\.xlsx: not a readable Excel workbook \(\.xlsx\)"):
        read_table(path)


def test_special_files_are_refused_without_opening_them(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    with pytest.raises(InputError) as caught:
        read_table(fifo, what="a step table")
    assert str(caught.value) == f"{fifo}: not a regular file (a pipe or a device), not a step table"
    with pytest.raises(InputError, match="is a folder, not a step table"):
        read_table(tmp_path, what="a step table")
    with pytest.raises(InputError, match="no such file"):
        read_table(tmp_path / "nowhere.csv")


def test_a_file_over_the_size_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "t.csv"
    path.write_text(TEXT, encoding="utf-8")
    monkeypatch.setattr(tables, "MAX_TABLE_BYTES", 10)
    with pytest.raises(InputError, match="over the limit of 10"):
        read_table(path)


@pytest.mark.parametrize("suffix", [".xls", ".ods"])
def test_old_and_other_spreadsheet_formats(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"t{suffix}"
    path.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(InputError, match=rf"\{suffix} files are not read; save it as \.xlsx"):
        read_table(path)


def test_ragged_rows_in_a_csv(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("工程,担当,備考\n受付,窓口\n", encoding="utf-8")
    table = read_table(path)
    with pytest.raises(InputError) as caught:
        table.check_ragged(0)
    assert str(caught.value) == (
        f"{path}:row 2: the row has 2 cells but the header has 3: a delimiter comma is"
        " missing, or the row was cut short"
    )
    path.write_text("工程,担当\n受付,窓口,一,二\n", encoding="utf-8")
    with pytest.raises(InputError, match="row 2: a value in column 3, which has no header"):
        read_table(path).check_ragged(0)
    # trailing empty cells, and blank header cells at the end, are not ragged
    path.write_text("工程,担当,,\n受付,窓口,,\n審査,審査係\n", encoding="utf-8")
    read_table(path).check_ragged(0)


@pytest.mark.parametrize(
    ("text", "code"),
    [("受\x00付", "0000"), ("a\x1bb", "001B"), ("x\x7f", "007F"), ("\x85", "0085")],
)
def test_control_characters_are_refused(text: str, code: str) -> None:
    with pytest.raises(InputError) as caught:
        check_text(text, "t.csv", row=4, field="工程")
    assert str(caught.value).startswith(f"t.csv:row 4: 工程: control character U+{code} in ")


def test_tab_and_new_lines_are_text() -> None:
    assert check_text("一行目\n二行目\r\n\t字下げ", "t.csv", row=2) == "一行目\n二行目\r\n\t字下げ"
