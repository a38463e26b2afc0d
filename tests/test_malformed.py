"""A corpus of broken workshop files: each gives one exact line and exit status 2."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from cocreate import storage
from tests.conftest import run_process

WORKSHOP = """\
schema_version = 1
revision = 1

[meta]
title = "窓口業務の見直し"

[voting]
dots_per_member = 5
cap_per_idea = 3

[[members]]
id = "sato"
name = "佐藤"
role = "facilitator"

[[members]]
id = "suzuki"
name = "鈴木"

[[lanes]]
id = "l1"
name = "窓口"

[[steps]]
id = "s1"
name = "受付"
lane = "l1"
kind = "start"

[[steps]]
id = "s2"
name = "審査"
lane = "l1"
minutes = 10.0
volume = 1200

[[steps]]
id = "s3"
name = "完了"
lane = "l1"
kind = "end"

[[flows]]
source = "s1"
target = "s2"

[[flows]]
source = "s2"
target = "s3"
"""

MEMBER = """\
schema_version = 1
revision = 1
member = "suzuki"

[[problems]]
id = "suzuki.p1"
text = "審査に時間がかかる"
steps = ["s2"]

[[causes]]
id = "suzuki.c1"
problem = "suzuki.p1"
text = "確認項目が多い"
category = "method"

[[ideas]]
id = "suzuki.i1"
title = "確認項目を減らす"
causes = ["suzuki.c1"]
steps = ["s2"]
reduction = 0.5

[ratings]
"suzuki.i1" = { effect = 4, effort = 2 }

[dots]
"suzuki.i1" = 2
"""

W = "workshop.toml"
M = "members/suzuki.toml"


@dataclass(frozen=True)
class Case:
    name: str
    file: str
    old: str | bytes
    new: str | bytes
    expected: str
    """The exact line printed, with {dir} for the workshop folder."""


CASES = [
    # -- TOML syntax: path:line:col
    Case(
        "unterminated-string",
        W,
        'title = "窓口業務の見直し"',
        'title = "窓口業務の見直し',
        "{dir}/workshop.toml:5:18: TOML syntax error: illegal character '\\n'",
    ),
    Case(
        "duplicate-key",
        W,
        'name = "佐藤"',
        'name = "佐藤"\nname = "佐藤"',
        "{dir}/workshop.toml:14:12: TOML syntax error: cannot overwrite a value",
    ),
    Case(
        "missing-value",
        W,
        "cap_per_idea = 3",
        "cap_per_idea =",
        "{dir}/workshop.toml:9:15: TOML syntax error: invalid value",
    ),
    Case(
        "bad-table-header",
        W,
        "[voting]",
        "[voting",
        "{dir}/workshop.toml:7:8: TOML syntax error: expected ']' at the end of a table"
        " declaration",
    ),
    Case(
        "not-utf8",
        W,
        "窓口業務の見直し".encode(),
        "窓口業務の見直し".encode("cp932"),
        "{dir}/workshop.toml:5:10: not UTF-8 (byte 0x91); save the file as UTF-8",
    ),
    Case(
        "member-syntax",
        M,
        "effect = 4, effort = 2 }",
        "effect = 4, effort = 2",
        "{dir}/members/suzuki.toml:24:39: TOML syntax error: unclosed inline table",
    ),
    # -- the header
    Case(
        "no-schema-version",
        W,
        "schema_version = 1\n",
        "",
        "{dir}/workshop.toml: schema_version: missing (is this a cocreate file?)",
    ),
    Case(
        "newer-schema",
        W,
        "schema_version = 1",
        "schema_version = 99",
        "{dir}/workshop.toml: schema_version: version 99 is newer than this cocreate"
        " understands (1); upgrade cocreate",
    ),
    Case(
        "schema-as-text",
        W,
        "schema_version = 1",
        'schema_version = "1"',
        "{dir}/workshop.toml: schema_version: must be a whole number, not a string",
    ),
    Case(
        "no-meta",
        W,
        '[meta]\ntitle = "窓口業務の見直し"\n',
        "",
        "{dir}/workshop.toml: meta: missing",
    ),
    # -- wrong types and unknown values: path: field.path: message
    Case(
        "unknown-field",
        W,
        'title = "窓口業務の見直し"',
        'title = "窓口業務の見直し"\ntitel = "x"',
        "{dir}/workshop.toml: meta.titel: unknown field",
    ),
    Case(
        "minutes-as-text",
        W,
        "minutes = 10.0",
        'minutes = "10分"',
        "{dir}/workshop.toml: steps[1].minutes: must be a number, not a string",
    ),
    Case(
        "volume-as-float",
        W,
        "volume = 1200",
        "volume = 1200.5",
        "{dir}/workshop.toml: steps[1].volume: must be a whole number, not a number",
    ),
    Case(
        "huge-integer",
        W,
        "volume = 1200",
        "volume = 1" + "0" * 40,
        "{dir}/workshop.toml: steps[1].volume: number is too large",
    ),
    Case(
        "unknown-kind",
        W,
        'kind = "end"',
        'kind = "finish"',
        "{dir}/workshop.toml: steps[2].kind: unknown value 'finish'; expected one of start,"
        " task, decision, wait, end",
    ),
    Case(
        "unknown-medium",
        W,
        "minutes = 10.0",
        'minutes = 10.0\nmedium = "fax"',
        "{dir}/workshop.toml: steps[1].medium: unknown value 'fax'; expected one of paper,"
        " seal, counter, phone, mail, email, system, other",
    ),
    Case(
        "unknown-role",
        W,
        'role = "facilitator"',
        'role = "boss"',
        "{dir}/workshop.toml: members[0].role: unknown value 'boss'; expected one of"
        " facilitator, volunteer, manager",
    ),
    Case(
        "bool-as-text",
        W,
        "cap_per_idea = 3",
        'cap_per_idea = 3\nclosed = "no"',
        "{dir}/workshop.toml: voting.closed: must be true or false, not a string",
    ),
    Case(
        "steps-not-a-list",
        M,
        'steps = ["s2"]\n\n[[causes]]',
        'steps = "s2"\n\n[[causes]]',
        "{dir}/members/suzuki.toml: problems[0].steps: must be a list, not a string",
    ),
    Case(
        "datetime-for-date",
        W,
        'title = "窓口業務の見直し"',
        'title = "窓口業務の見直し"\ndates = [2026-10-06T10:00:00]',
        "{dir}/workshop.toml: meta.dates[0]: must be a date (YYYY-MM-DD), not a date and time",
    ),
    Case(
        "missing-required", W, 'name = "受付"\n', "", "{dir}/workshop.toml: steps[0].name: missing"
    ),
    # -- rules and references
    Case(
        "negative-minutes",
        W,
        "minutes = 10.0",
        "minutes = -5.0",
        "{dir}/workshop.toml: steps[1].minutes: must not be negative (-5)",
    ),
    Case(
        "dangling-lane",
        W,
        'lane = "l1"\nkind = "end"',
        'lane = "l9"\nkind = "end"',
        "{dir}/workshop.toml: steps[2].lane: unknown lane 'l9'",
    ),
    Case(
        "flow-to-unknown-step",
        W,
        'target = "s3"',
        'target = "s4"',
        "{dir}/workshop.toml: flows[1].target: unknown step 's4'",
    ),
    Case(
        "duplicate-step-id",
        W,
        "[[flows]]",
        '[[steps]]\nid = "s1"\nname = "再受付"\nlane = "l1"\n\n[[flows]]',
        "{dir}/workshop.toml: steps[3].id: duplicate step id 's1'",
    ),
    Case(
        "share-over-one",
        W,
        'target = "s3"',
        'target = "s3"\nshare = 1.5',
        "{dir}/workshop.toml: flows[1].share: must be between 0 and 1 (1.5)",
    ),
    Case(
        "bad-id",
        W,
        "[[steps]]",
        '[[lanes]]\nid = "窓口"\nname = "窓口"\n\n[[steps]]',
        "{dir}/workshop.toml: lanes[1].id: '窓口' is not a valid id (letters, digits, '.',"
        " '-', '_'; at most 64)",
    ),
    Case(
        "wrong-member-field",
        M,
        'member = "suzuki"',
        'member = "sato"',
        "{dir}/members/suzuki.toml: member: must be 'suzuki' to match the file name, not 'sato'",
    ),
    Case(
        "id-without-prefix",
        M,
        "[[causes]]",
        '[[problems]]\nid = "p2"\ntext = "x"\n\n[[causes]]',
        "{dir}/members/suzuki.toml: problems[1].id: 'p2' must start with 'suzuki.' (ids in a"
        " member's file carry the member id, so they never collide)",
    ),
    Case(
        "cause-of-unknown-problem",
        M,
        'problem = "suzuki.p1"',
        'problem = "suzuki.p9"',
        "{dir}/members/suzuki.toml: causes[0].problem: unknown problem 'suzuki.p9'",
    ),
    Case(
        "idea-unknown-cause",
        M,
        'causes = ["suzuki.c1"]',
        'causes = ["suzuki.c7"]',
        "{dir}/members/suzuki.toml: ideas[0].causes[0]: unknown cause 'suzuki.c7'",
    ),
    Case(
        "reduction-over-one",
        M,
        "reduction = 0.5",
        "reduction = 1.5",
        "{dir}/members/suzuki.toml: ideas[0].reduction: must be a fraction between 0 and 1 (1.5)",
    ),
    Case(
        "rating-out-of-range",
        M,
        "effect = 4",
        "effect = 6",
        '{dir}/members/suzuki.toml: ratings."suzuki.i1".effect: must be 1 to 5, not 6',
    ),
    Case(
        "rating-of-unknown-idea",
        M,
        '"suzuki.i1" = { effect',
        '"suzuki.i9" = { effect',
        "{dir}/members/suzuki.toml: ratings.\"suzuki.i9\": unknown idea 'suzuki.i9'",
    ),
    Case(
        "rating-as-number",
        M,
        '"suzuki.i1" = { effect = 4, effort = 2 }',
        '"suzuki.i1" = 4',
        '{dir}/members/suzuki.toml: ratings."suzuki.i1": must be a table like'
        " {{ effect = 4, effort = 2 }}",
    ),
    Case(
        "dots-over-cap",
        M,
        '"suzuki.i1" = 2',
        '"suzuki.i1" = 4',
        '{dir}/members/suzuki.toml: dots."suzuki.i1": 4 dots on one idea, over the cap of 3',
    ),
    Case(
        "dots-over-budget",
        W,
        "cap_per_idea = 3",
        "cap_per_idea = 3\ndots_per_member = 1",
        "{dir}/workshop.toml: voting.dots_per_member: ...",
    ),  # replaced below
    Case(
        "deep-nesting",
        W,
        "cap_per_idea = 3",
        "cap_per_idea = 3\nx = " + "[" * 5000,
        "{dir}/workshop.toml: nested too deeply to read",
    ),
]
# TOML forbids a key twice, so over-budget is built by lowering the budget instead.
CASES[-2] = Case(
    "dots-over-budget",
    W,
    "dots_per_member = 5",
    "dots_per_member = 1",
    "{dir}/members/suzuki.toml: dots: 2 dots spent, over the budget of 1",
)


def _write(tmp_path: Path, case: Case | None = None) -> Path:
    folder = tmp_path / "ws"
    (folder / "members").mkdir(parents=True)
    files = {W: WORKSHOP.encode(), M: MEMBER.encode()}
    if case is not None:
        old = case.old if isinstance(case.old, bytes) else case.old.encode()
        new = case.new if isinstance(case.new, bytes) else case.new.encode()
        assert files[case.file].count(old) >= 1, f"{case.name}: {case.old!r} not in {case.file}"
        files[case.file] = files[case.file].replace(old, new, 1)
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return folder


def test_the_unbroken_files_are_valid(tmp_path: Path, cli) -> None:
    folder = _write(tmp_path)
    result = cli("check", folder)
    assert result.code == 0, result.err
    assert storage.load(folder).idea("suzuki.i1").reduction == 0.5


def test_the_corpus_is_large_enough() -> None:
    assert len(CASES) >= 25
    assert len({c.name for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_broken_file_gives_one_exact_line_and_exit_2(tmp_path: Path, cli, case: Case) -> None:
    folder = _write(tmp_path, case)
    before = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    result = cli("check", folder)
    assert result.code == 2
    lines = [line for line in result.err.splitlines() if line and not line.endswith("error(s)")]
    assert lines == [case.expected.format(dir=folder)]
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
    assert result.err.strip() == case.expected.format(dir=folder)


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
        == f"{folder}/workshop.toml: file is {size:,} bytes, over the limit of 100"
    )


def test_a_missing_folder_and_a_plain_file(tmp_path: Path, cli) -> None:
    result = cli("check", tmp_path / "nowhere")
    assert (result.code, result.err.strip()) == (2, f"{tmp_path}/nowhere: no such workshop folder")
    empty = tmp_path / "empty"
    empty.mkdir()
    result = cli("check", empty)
    assert result.err.strip() == f"{empty}: not a workshop folder: workshop.toml is missing"


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
        == f'{folder}/members/suzuki.toml: ratings."suzuki.i1".{field}: {message}'
    )
