"""Survey import from Microsoft Forms and Google Forms exports (CSV UTF-8/cp932, XLSX)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from cocreate import storage, validate
from cocreate.errors import InputError, RuleError
from cocreate.prioritize.survey import (
    apply_plan,
    load_mapping,
    match_columns,
    plan_import,
    read_export,
)
from tests.conftest import ROOT, SAMPLE

DATA = ROOT / "tests" / "data" / "forms"
MS = DATA / "ms-forms-utf8-bom.csv"
GOOGLE_CP932 = DATA / "google-forms-cp932.csv"
GOOGLE_UTF8 = DATA / "google-forms-utf8.csv"
INVALID = DATA / "invalid-utf8-bom.csv"
MAPPED = DATA / "mapped-utf8.csv"
MAPPING = DATA / "mapping.json"

# What the Microsoft Forms fixture says, read off the file by hand.
MS_EXPECTED = {
    "kato": {
        "ratings": {"watanabe.i1": (5, 2), "kato.i1": (4, 1)},
        "dots": {"watanabe.i1": 2, "kato.i1": 3},
        "problems": ["返却された備品の置き場所が決まっていない"],
    },
    "yoshida": {
        "ratings": {"watanabe.i1": (4, 1), "kato.i1": (2, 2)},
        "dots": {"watanabe.i1": 1},
        "problems": [],
    },
    # tanaka placed no dots in the survey: the dots he already has stay as they are
    "tanaka": {
        "ratings": {"watanabe.i1": (3, 3)},
        "dots": None,
        "problems": ["申請書の控えを紙で保管する場所が足りない\n（年度末に特に困る）"],
    },
}
GOOGLE_EXPECTED = {
    "kato": {
        "ratings": {"watanabe.i1": (4, 1), "kato.i1": (5, 2)},
        "dots": {"watanabe.i1": 1, "kato.i1": 1},
        "problems": [],
    },
    "yoshida": {
        "ratings": {"watanabe.i1": (3, 2), "kato.i1": (3, 1)},
        "dots": {"watanabe.i1": 2},
        "problems": ["電話がつながらず、空き状況の確認に時間がかかる"],
    },
}


@pytest.fixture(scope="module")
def ws():
    return storage.load(SAMPLE)


def _xlsx_from_csv(source: Path, target: Path) -> Path:
    """The same export as Microsoft Forms' own "Open in Excel" download."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Sheet1"
    text = source.read_bytes().decode("utf-8-sig")
    for r, record in enumerate(csv.reader(io.StringIO(text, newline=""))):
        values = []
        for c, value in enumerate(record):
            # Forms writes numbers as numbers and the ID column as an integer
            values.append(int(value) if value.isdigit() and (r > 0) and c != 3 else value or None)
        sheet.append(values)
    book.save(target)
    return target


def _answers(workshop, members):
    out = {}
    for member in members:
        mine = workshop.contributions_of(member)
        out[member] = {
            "ratings": {r.idea: (r.effect, r.effort) for r in mine.ratings},
            "dots": {d.idea: d.count for d in mine.dots},
        }
    return out


def _check(plan, before, expected) -> None:
    assert plan.issues == ()
    after = plan.workshop
    for member, answers in expected.items():
        mine = after.contributions_of(member)
        had = {r.idea: (r.effect, r.effort) for r in before.contributions_of(member).ratings}
        assert {r.idea: (r.effect, r.effort) for r in mine.ratings} == had | answers["ratings"]
        dots = answers["dots"]
        if dots is None:
            dots = {d.idea: d.count for d in before.contributions_of(member).dots}
            assert dots  # the fixture must make this check mean something
        assert {d.idea: d.count for d in mine.dots} == dots
        new = [p.text for p in mine.problems][len(before.contributions_of(member).problems) :]
        assert new == answers["problems"]
    assert validate.errors(after) == []
    # nobody else's contributions changed
    others = {c.member for c in before.contributions} - set(expected)
    for member in others:
        assert after.contributions_of(member) == before.contributions_of(member)


# --------------------------------------------------------------------------- each format


def test_microsoft_forms_csv_utf8_with_bom(ws) -> None:
    table = read_export(MS)
    assert table.encoding == "utf-8-sig"
    assert table.headers[0] == "ID"  # the BOM is not part of the first header
    _check(plan_import(ws, table), ws, MS_EXPECTED)


def test_google_forms_csv_cp932(ws) -> None:
    table = read_export(GOOGLE_CP932)
    assert table.encoding == "cp932"
    _check(plan_import(ws, table), ws, GOOGLE_EXPECTED)


def test_google_forms_csv_utf8_without_bom(ws) -> None:
    table = read_export(GOOGLE_UTF8)
    assert table.encoding == "utf-8"
    _check(plan_import(ws, table), ws, GOOGLE_EXPECTED)


def test_microsoft_forms_xlsx(ws, tmp_path) -> None:
    table = read_export(_xlsx_from_csv(MS, tmp_path / "answers.xlsx"))
    assert table.encoding == "xlsx"
    assert [row for row, _ in table.rows] == [2, 3, 4]
    _check(plan_import(ws, table), ws, MS_EXPECTED)


def test_problem_step_comes_from_the_header(ws) -> None:
    plan = plan_import(ws, read_export(GOOGLE_CP932))
    added = plan.workshop.contributions_of("yoshida").problems[-1]
    assert added.steps == ("s02",) and added.author == "yoshida"


def test_respondents_matched_by_email_case_and_by_name_with_any_spaces(ws) -> None:
    # MS row 2 writes yoshida's email in capitals; Google row 2 has kato by name only,
    # written with an ideographic space.
    assert "yoshida" in {a.member for a in plan_import(ws, read_export(MS)).answers}
    assert "kato" in {a.member for a in plan_import(ws, read_export(GOOGLE_CP932)).answers}


def test_columns_are_matched_by_idea_title_and_id(ws) -> None:
    columns, notes = match_columns(ws, read_export(GOOGLE_CP932))
    kinds = {(c.kind, c.idea) for c in columns}
    assert ("effect", "watanabe.i1") in kinds and ("effort", "kato.i1") in kinds
    assert ("dots", "kato.i1") in kinds
    assert notes == []
    ignored = {c.header for c in columns if c.kind == "ignore"}
    assert "タイムスタンプ" in ignored


# --------------------------------------------------------------------------- invalid files


def test_invalid_cells_are_reported_one_per_line_with_the_row(ws) -> None:
    plan = plan_import(ws, read_export(INVALID))
    lines = [issue.format() for issue in plan.issues]
    name = str(INVALID)
    assert lines == [
        f"{name}:row 2: 効果 [watanabe.i1]: invalid effect rating: 6 is outside 1-5",
        f"{name}:row 3: unknown respondent 'someone.else@example.com': not a member of this"
        " workshop (add them, or map them in a mapping file)",
        f"{name}:row 4: 効果 [watanabe.i1]: invalid effect rating: 'かなりいい' is not a"
        " whole number or a five-step answer",
        f"{name}:row 4: 7 dots in all, over the budget of 5 per member; none of this row's"
        " dots imported",
        f"{name}:row 5: 効果 [watanabe.i1]: rates watanabe.i1 but its effort is not answered;"
        " a rating needs both",
    ]
    # the valid rest: kato's dot (row 2) and ito's whole row 6
    assert {a.member for a in plan.answers} == {"kato", "ito"}
    ito = plan.workshop.contributions_of("ito")
    assert ("watanabe.i1", 5, 1) in {(r.idea, r.effect, r.effort) for r in ito.ratings}
    assert {d.idea: d.count for d in ito.dots} == {"watanabe.i1": 2}


def test_cli_imports_nothing_from_an_invalid_file(sample, cli) -> None:
    before = {p.name: p.read_bytes() for p in (sample / "members").iterdir()}
    result = cli("import", "forms", INVALID, "--into", sample)
    assert result.code == 2
    lines = result.err.strip().splitlines()
    assert len(lines) == 6  # five issues, one per line, then the summary
    assert lines[0].startswith(f"cocreate: {INVALID}:row 2: ")
    assert "nothing imported" in lines[-1]
    assert {p.name: p.read_bytes() for p in (sample / "members").iterdir()} == before


def test_cli_skip_invalid_imports_the_rest(sample, cli) -> None:
    result = cli("import", "forms", INVALID, "--into", sample, "--skip-invalid")
    assert result.code == 0, result.err
    assert "skipped 5 invalid" in result.out
    workshop = storage.load(sample)
    assert {d.idea: d.count for d in workshop.contributions_of("ito").dots} == {"watanabe.i1": 2}
    assert {d.idea: d.count for d in workshop.contributions_of("kato").dots} == {"watanabe.i1": 1}
    # yoshida's row was over budget: her (empty) ballot is untouched
    assert workshop.contributions_of("yoshida").dots == ()


def test_cli_round_trip_and_reimport_is_idempotent(sample, cli) -> None:
    first = cli("import", "forms", MS, "--into", sample)
    assert first.code == 0, first.err
    assert "3 respondent(s): 5 rating(s), 6 dot(s), 2 problem(s)" in first.out
    snapshot = {
        p.name: storage.load_member(sample, p.stem) for p in (sample / "members").glob("*.toml")
    }
    again = cli("import", "forms", MS, "--into", sample)
    assert again.code == 0 and "0 problem(s)" in again.out
    for name, before in snapshot.items():
        assert storage.load_member(sample, name.removesuffix(".toml")) == before
    workshop = storage.load(sample)
    assert _answers(workshop, ["kato"])["kato"]["dots"] == {"watanabe.i1": 2, "kato.i1": 3}


def test_dry_run_writes_nothing(sample, cli) -> None:
    before = {p.name: p.read_bytes() for p in (sample / "members").iterdir()}
    result = cli("import", "forms", GOOGLE_CP932, "--into", sample, "--dry-run")
    assert result.code == 0 and result.out.startswith("dry run")
    assert {p.name: p.read_bytes() for p in (sample / "members").iterdir()} == before


def test_closed_voting_refuses_survey_ratings(ws) -> None:
    closed = ws.edit(voting=ws.voting.edit(closed=True))
    plan = plan_import(closed, read_export(MS))
    assert plan.issues and all("voting is closed" in i.message for i in plan.issues)
    assert plan.issues[0].format() == (
        f"{MS}: answers of kato: voting is closed: the survey's ratings and dots cannot be imported"
    )
    assert plan.workshop.ratings == closed.ratings


def test_mapping_to_an_unknown_member_is_refused(ws, tmp_path) -> None:
    path = tmp_path / "m.json"
    path.write_text(json.dumps({"respondents": {"guest@example.com": "ghost"}}), encoding="utf-8")
    with pytest.raises(InputError, match="who is not a member"):
        plan_import(ws, read_export(MAPPED), load_mapping(path))


# --------------------------------------------------------------------------- mapping


def test_mapping_file_maps_columns_respondents_and_word_scales(ws) -> None:
    plan = plan_import(ws, read_export(MAPPED), load_mapping(MAPPING))
    assert plan.issues == ()
    kato = plan.workshop.contributions_of("kato")
    assert ("ito.i1", 5, 2) in {(r.idea, r.effect, r.effort) for r in kato.ratings}
    assert kato.problems[-1].text == "Forms are all different per bureau"
    assert kato.problems[-1].steps == ("s03",)
    yoshida = plan.workshop.contributions_of("yoshida")  # guest@example.com, mapped
    assert ("ito.i1", 4, 3) in {(r.idea, r.effect, r.effort) for r in yoshida.ratings}


def test_without_the_mapping_no_column_matches_and_nothing_is_imported(ws, sample, cli) -> None:
    with pytest.raises(InputError, match="none of the 6 columns is a question this import knows"):
        plan_import(ws, read_export(MAPPED))
    result = cli("import", "forms", MAPPED, "--into", sample)
    assert result.code == 2
    assert result.err.startswith(f"cocreate: {MAPPED}: none of the 6 columns")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[1, 2]", "must be a JSON object"),
        ('{"columns": {"Q1": {"kind": "vote"}}}', "kind must be one of"),
        ('{"columns": {"Q1": {"kind": "effect"}}}', "needs the idea id"),
        ('{"columns": {"Q1": {"kind": "effect", "idea": "x", "oops": 1}}}', "unknown key"),
        ('{"colums": {}}', "unknown key"),
        ('{"scale": {"高い": "5"}}', "whole numbers"),
        ('{"columns": {', "JSON syntax error"),
    ],
)
def test_bad_mapping_files(tmp_path, content, message) -> None:
    path = tmp_path / "mapping.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message) as caught:
        load_mapping(path)
    assert str(caught.value).startswith(str(path))


def test_mapping_naming_a_missing_column_or_unknown_idea(ws, tmp_path) -> None:
    path = tmp_path / "m.json"
    path.write_text(json.dumps({"columns": {"Q9": {"kind": "ignore"}}}), encoding="utf-8")
    with pytest.raises(InputError, match="does not have"):
        plan_import(ws, read_export(MAPPED), load_mapping(path))
    path.write_text(
        json.dumps({"columns": {"Q1": {"kind": "effect", "idea": "no.i1"}}}), encoding="utf-8"
    )
    with pytest.raises(InputError, match=r"unknown idea 'no\.i1'"):
        plan_import(ws, read_export(MAPPED), load_mapping(path))


# --------------------------------------------------------------------------- unreadable


def test_unreadable_files(tmp_path, ws) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_export(tmp_path / "missing.csv")
    fake = tmp_path / "fake.xlsx"
    fake.write_bytes(b"not a zip")
    with pytest.raises(InputError, match=r"not a readable Excel workbook \(\.xlsx\)"):
        read_export(fake)
    old = tmp_path / "old.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(InputError, match=r"save it as \.xlsx or CSV"):
        read_export(old)
    binary = tmp_path / "binary.csv"
    binary.write_bytes(b"\x80\x81\xff\xfe\xfd" * 10)
    with pytest.raises(InputError, match=r"neither UTF-8 nor cp932 \(Shift_JIS\)"):
        read_export(binary)
    nobody = tmp_path / "nobody.csv"
    nobody.write_text("Q1,Q2\n1,2\n", encoding="utf-8")
    with pytest.raises(InputError, match="no column identifies the respondent"):
        plan_import(ws, read_export(nobody))


def test_explicit_encoding(tmp_path) -> None:
    with pytest.raises(InputError, match="not utf-8"):
        read_export(GOOGLE_CP932, "utf-8")
    assert read_export(GOOGLE_CP932, "cp932").headers[1] == "メールアドレス"


def test_apply_plan_keeps_work_saved_meanwhile(sample) -> None:
    workshop = storage.load(sample)
    plan = plan_import(workshop, read_export(MS))
    # kato adds a problem in the app after the plan was made
    from cocreate.contribute import add_problem

    later, problem = add_problem(workshop, "kato", "その間に書いた困りごと")
    storage.save_member(sample, later.contributions_of("kato"))
    apply_plan(sample, plan)
    kato = storage.load(sample).contributions_of("kato")
    texts = [p.text for p in kato.problems]
    assert problem.text in texts and MS_EXPECTED["kato"]["problems"][0] in texts


def test_closed_voting_is_a_rule_error_on_apply(sample) -> None:
    workshop = storage.load(sample)
    plan = plan_import(workshop, read_export(MS))
    storage.update_workshop(sample, lambda w: w.edit(voting=w.voting.edit(closed=True)))
    with pytest.raises(RuleError, match="voting is closed"):
        apply_plan(sample, plan)


# --------------------------------------------------------------------------- checkbox ballots


def test_checkbox_ballot_gives_one_dot_per_chosen_idea(ws) -> None:
    table = read_export(DATA / "google-forms-ballot-utf8.csv")
    columns, _ = match_columns(ws, table)
    assert [c.kind for c in columns] == ["ignore", "email", "ballot"]
    plan = plan_import(ws, table)
    header = table.headers[2]
    assert [i.format() for i in plan.issues] == [
        f"{table.path}:row 4: {header}: '全部やめる' in the ballot is not an idea of this workshop",
        f"{table.path}:row 5: 6 dots in all, over the budget of 5 per member; none of this"
        " row's dots imported",
    ]
    after = plan.workshop
    # Google joins choices with ", " even though a title holds "、"; Microsoft uses ";"
    assert {d.idea: d.count for d in after.contributions_of("kato").dots} == {
        "watanabe.i1": 1,
        "suzuki.i2": 1,
        "kato.i1": 1,
    }
    assert {d.idea: d.count for d in after.contributions_of("yoshida").dots} == {
        "kato.i1": 1,
        "yamamoto.i1": 1,
    }
    # ito's valid choice still counts once the unknown item is skipped
    assert {d.idea: d.count for d in after.contributions_of("ito").dots} == {"watanabe.i1": 1}
    # tanaka's over-budget ballot leaves his dots as they were
    assert after.contributions_of("tanaka").dots == ws.contributions_of("tanaka").dots


def test_cli_imports_xlsx(sample, cli, tmp_path) -> None:
    workbook = _xlsx_from_csv(MS, tmp_path / "回答.xlsx")
    result = cli("import", "forms", workbook, "--into", sample)
    assert result.code == 0, result.err
    kato = storage.load(sample).contributions_of("kato")
    assert {d.idea: d.count for d in kato.dots} == MS_EXPECTED["kato"]["dots"]
