"""A corpus of malformed step tables, event logs and survey exports: one line, exit 2.

The files and the exact lines they give are in ``tests/data/malformed/`` (``tables.json``);
what is too large or too odd to commit (xlsx bombs, hostile workbooks, pipes, a huge
sheet) is made here.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from cocreate import tables
from tests.conftest import ROOT, SAMPLE, run_process
from tests.xlsx_parts import SHEET_HEAD, SHEET_TAIL, sheet_rows, write_xlsx

CORPUS = ROOT / "tests" / "data" / "malformed"
CASES = json.loads((CORPUS / "tables.json").read_text(encoding="utf-8"))["cases"]


def _snapshot(folder: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def _run(cli, tmp_path: Path, command: list[str], file: Path):
    workshop = tmp_path / "ws"
    if not workshop.exists():
        shutil.copytree(SAMPLE, workshop)
    before = _snapshot(workshop)
    args = [
        a.replace("{file}", str(file))
        .replace("{tmp}", str(tmp_path))
        .replace("{workshop}", str(workshop))
        for a in command
    ]
    result = cli(*args)
    assert _snapshot(workshop) == before, "a refused import changed the workshop"
    assert not (tmp_path / "new").exists(), "a refused import created a workshop"
    return result


def test_the_corpus_is_large_enough() -> None:
    kinds = {case["file"].split("/")[0] for case in CASES}
    assert kinds == {"steptables", "eventlogs", "surveys"}
    assert len(CASES) >= 40
    assert all((CORPUS / case["file"]).is_file() for case in CASES)
    listed = {case["file"] for case in CASES}
    on_disk = {
        f"{p.parent.name}/{p.name}"
        for kind in sorted(kinds)
        for p in (CORPUS / kind).glob("*")
        if p.is_file()
    }
    assert on_disk == listed, "every file in the corpus has its expected lines"


@pytest.mark.parametrize("case", CASES, ids=[c["file"] for c in CASES])
def test_malformed_input_gives_its_lines_and_exit_2(tmp_path: Path, cli, case: dict) -> None:
    file = CORPUS / case["file"]
    result = _run(cli, tmp_path, case["command"], file)
    assert result.code == 2
    assert result.out == ""
    assert result.err.splitlines() == [line.replace("{file}", str(file)) for line in case["stderr"]]


@pytest.mark.parametrize(
    "name",
    ["steptables/nul-in-name.csv", "eventlogs/billion-laughs.xes", "surveys/ragged.csv"],
)
def test_no_traceback_from_a_real_process(tmp_path: Path, name: str) -> None:
    case = next(c for c in CASES if c["file"] == name)
    file = CORPUS / name
    shutil.copytree(SAMPLE, tmp_path / "ws")
    args = [
        a.replace("{file}", str(file))
        .replace("{tmp}", str(tmp_path))
        .replace("{workshop}", str(tmp_path / "ws"))
        for a in case["command"]
    ]
    result = run_process(*args)
    assert result.code == 2 and "Traceback" not in result.err
    assert result.err.splitlines() == [line.replace("{file}", str(file)) for line in case["stderr"]]


# --------------------------------------------------------------------------- generated


def _bomb(tmp_path: Path, name: str) -> Path:
    """About 100 KB that unpacks to 40 MiB of sheet XML."""

    def chunks():
        yield SHEET_HEAD + '<row r="1"><c t="inlineStr"><is><t>工程</t></is></c></row>'
        for _ in range(40):
            yield b" " * (1 << 20)
        yield SHEET_TAIL

    return write_xlsx(tmp_path / name, chunks())


def _hostile(tmp_path: Path, name: str) -> Path:
    doctype = '<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>'
    head = SHEET_HEAD.replace("<worksheet", doctype + "<worksheet")
    body = '<row r="1"><c t="inlineStr"><is><t>&b;</t></is></c></row>'
    return write_xlsx(tmp_path / name, [head, body, SHEET_TAIL])


GENERATED = {
    "xlsx-bomb": (_bomb, "the workbook unpacks to 41,"),
    "xlsx-entities": (_hostile, "not read: the workbook's XML declares entities or a DTD"),
}
COMMANDS = {
    "steps": ["import", "steps", "{file}", "--into", "{tmp}/new"],
    "forms": ["import", "forms", "{file}", "--into", "{workshop}"],
}


@pytest.mark.parametrize("command", list(COMMANDS))
@pytest.mark.parametrize("kind", list(GENERATED))
def test_generated_workbooks_are_refused(tmp_path: Path, cli, command: str, kind: str) -> None:
    make, message = GENERATED[kind]
    file = make(tmp_path, f"{kind}.xlsx")
    result = _run(cli, tmp_path, COMMANDS[command], file)
    assert result.code == 2
    assert len(result.err.splitlines()) == 1
    assert result.err.startswith(f"cocreate: {file}: {message}")


@pytest.mark.parametrize("command", list(COMMANDS))
def test_a_sheet_of_too_many_rows_is_refused(
    tmp_path: Path, cli, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    # A small cap stands in for MAX_ROWS: the rule, not the size, is under test.
    monkeypatch.setattr(tables, "MAX_ROWS", 500)
    header = ["工程"] if command == "steps" else ["メールアドレス", "困りごと"]
    rows = [(1, header)] + [(n, [f"x{n}", f"y{n}"]) for n in range(2, 600)]
    file = write_xlsx(tmp_path / "long.xlsx", sheet_rows(rows))
    result = _run(cli, tmp_path, COMMANDS[command], file)
    assert result.code == 2
    assert result.err.splitlines() == [
        f"cocreate: {file}:row 501: more than 500 rows: too long for a table here; split it,"
        " or delete"
        " the rows below the table"
    ]


@pytest.mark.parametrize(
    "command",
    [
        ["import", "steps", "{file}", "--into", "{tmp}/new"],
        ["import", "forms", "{file}", "--into", "{workshop}"],
        ["discover", "{file}"],
    ],
)
def test_a_pipe_is_refused_without_waiting_on_it(tmp_path: Path, cli, command) -> None:
    fifo = tmp_path / "table.csv"
    os.mkfifo(fifo)
    result = _run(cli, tmp_path, command, fifo)
    assert result.code == 2
    assert result.err.startswith(f"cocreate: {fifo}: not a regular file (a pipe or a device)")
