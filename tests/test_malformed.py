"""A corpus of broken workshop files: each gives one exact line and exit status 2.

The corpus lives in tests/data/malformed/ (its README says how to add a case): the
unbroken files, and workshop-cases.toml, where each case changes one thing in them.
"""

from __future__ import annotations

import shutil
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pytest

from cocreate import storage
from tests.conftest import ROOT, run_process

CORPUS = ROOT / "tests" / "data" / "malformed"
BASE = CORPUS / "workshop"
W = "workshop.toml"
M = "members/suzuki.toml"


@dataclass(frozen=True)
class Case:
    name: str
    file: str
    old: str | bytes | None
    new: str | bytes | None
    expected: str
    """The exact line printed, with {dir} for the workshop folder."""
    rename: str | None = None


def _cases() -> list[Case]:
    data = tomllib.loads((CORPUS / "workshop-cases.toml").read_text(encoding="utf-8"))
    out = []
    for raw in data["case"]:
        new = raw.get("new")
        if new is not None and "new_encoding" in raw:
            new = new.encode(raw["new_encoding"])
        out.append(
            Case(raw["name"], raw["file"], raw.get("old"), new, raw["expected"], raw.get("rename"))
        )
    return out


CASES = _cases()


def _write(tmp_path: Path, case: Case | None = None) -> Path:
    folder = tmp_path / "ws"
    shutil.copytree(BASE, folder)
    if case is None:
        return folder
    path = folder / case.file
    if case.rename is not None:
        path.rename(folder / case.rename)
        return folder
    data = path.read_bytes()
    old = case.old if isinstance(case.old, bytes) else str(case.old).encode()
    new = case.new if isinstance(case.new, bytes) else str(case.new).encode()
    assert data.count(old) >= 1, f"{case.name}: {case.old!r} not in {case.file}"
    path.write_bytes(data.replace(old, new, 1))
    return folder


def test_the_unbroken_files_are_valid(tmp_path: Path, cli) -> None:
    folder = _write(tmp_path)
    result = cli("check", folder)
    assert result.code == 0, result.err
    assert storage.load(folder).idea("suzuki.i1").reduction == 0.5


def test_the_corpus_is_large_enough() -> None:
    assert len(CASES) >= 40
    assert len({c.name for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_broken_file_gives_one_exact_line_and_exit_2(tmp_path: Path, cli, case: Case) -> None:
    folder = _write(tmp_path, case)
    before = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    result = cli("check", folder)
    assert result.code == 2
    lines = [line for line in result.err.splitlines() if line and not line.endswith("error(s)")]
    # every error line starts with "cocreate: ", then the file (and line), as compilers do
    assert lines == ["cocreate: " + case.expected.format(dir=folder)]
    assert result.out == ""
    # checking never writes
    assert {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()} == before


@pytest.mark.parametrize(
    "name", ["not-utf8", "deep-nesting", "huge-integer", "rating-out-of-range"]
)
def test_no_traceback_from_a_real_process(tmp_path: Path, name: str) -> None:
    case = next(c for c in CASES if c.name == name)
    folder = _write(tmp_path, case)
    result = run_process("summary", folder)
    assert result.code == 2
    assert "Traceback" not in result.err
    assert result.err.strip() == "cocreate: " + case.expected.format(dir=folder)


def test_a_utf8_bom_is_accepted(tmp_path: Path, cli) -> None:
    folder = _write(tmp_path)
    path = folder / W
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert cli("check", folder).code == 0
    assert storage.load(folder).meta.title == "窓口業務の見直し"


def test_a_file_over_the_size_limit_is_refused(tmp_path: Path, cli, monkeypatch) -> None:
    folder = _write(tmp_path)
    monkeypatch.setattr(storage.files, "MAX_FILE_BYTES", 100)
    result = cli("check", folder)
    assert result.code == 2
    size = (folder / W).stat().st_size
    assert (
        result.err.strip()
        == f"cocreate: {folder}/workshop.toml: file is {size:,} bytes, over the limit of 100"
    )


def test_a_missing_folder_and_a_plain_file(tmp_path: Path, cli) -> None:
    result = cli("check", tmp_path / "nowhere")
    assert (result.code, result.err.strip()) == (
        2,
        f"cocreate: {tmp_path}/nowhere: no such workshop folder",
    )
    empty = tmp_path / "empty"
    empty.mkdir()
    result = cli("check", empty)
    assert (
        result.err.strip() == f"cocreate: {empty}: not a workshop folder: workshop.toml is missing"
    )


@pytest.mark.parametrize(
    ("new", "field", "message"),
    [
        (
            '"suzuki.i1" = { effect = 4, effort = "2" }',
            "effort",
            "must be a whole number, not a string",
        ),
        (
            '"suzuki.i1" = { effect = true, effort = 2 }',
            "effect",
            "must be a whole number, not a boolean",
        ),
        ('"suzuki.i1" = { effect = 4 }', "effort", "missing"),
        ('"suzuki.i1" = { effect = 4, effort = 2, note = "x" }', "note", "unknown field"),
    ],
)
def test_each_broken_rating_names_its_field(tmp_path: Path, cli, new, field, message) -> None:
    case = Case("rating", M, '"suzuki.i1" = { effect = 4, effort = 2 }', new, "")
    folder = _write(tmp_path, case)
    result = cli("check", folder)
    assert result.code == 2
    assert (
        result.err.strip()
        == f'cocreate: {folder}/members/suzuki.toml: ratings."suzuki.i1".{field}: {message}'
    )
