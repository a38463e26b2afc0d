"""Survey layouts as facilitators build them: other words for effort and problems, the
five-step word scales, Microsoft Forms Likert columns and anonymous responses."""

from __future__ import annotations

from pathlib import Path

import pytest

from cocreate import storage, validate
from cocreate.errors import InputError
from cocreate.prioritize.survey import apply_plan, match_columns, plan_import, read_export
from cocreate.prioritize.survey.scales import WordScale
from tests.conftest import ROOT, SAMPLE

DATA = ROOT / "tests" / "data" / "forms"
ANONYMOUS = DATA / "ms-forms-anonymous-likert.csv"
FEASIBILITY = DATA / "google-forms-feasibility-utf8.csv"
W, K = "watanabe.i1", "kato.i1"


@pytest.fixture(scope="module")
def ws():
    return storage.load(SAMPLE)


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        # とても大きい … とても小さい, with plain words one step in
        (
            ["とても大きい", "大きい", "普通", "小さい", "とても小さい"],
            [5, 4, 3, 2, 1],
        ),
        (
            ["非常に高い", "やや高い", "どちらともいえない", "やや低い", "非常に低い"],
            [5, 4, 3, 2, 1],
        ),
        # そう思う … そう思わない: the plain words are the ends
        (
            [
                "そう思う",
                "ややそう思う",
                "どちらともいえない",
                "あまりそう思わない",
                "そう思わない",
            ],
            [5, 4, 3, 2, 1],
        ),
        # … unless the file's answers have a stronger form
        (
            ["強くそう思う", "そう思う", "どちらでもない", "そう思わない", "全くそう思わない"],
            [5, 4, 3, 2, 1],
        ),
        # 大きい … 小さい with やや middles and no とても: the plain words are the ends
        (["大きい", "やや大きい", "普通", "やや小さい", "小さい"], [5, 4, 3, 2, 1]),
        # full-width spaces, NFKC, a trailing 。
        (["とても　大きい。", "ﾄﾃﾓ大きい"], [5, None]),
    ],
)
def test_five_step_word_scales(answers: list[str], expected: list[int | None]) -> None:
    words = WordScale.from_answers(answers)
    assert [words.value(a) for a in answers] == expected


def test_words_that_are_no_scale() -> None:
    words = WordScale.from_answers([])
    assert [words.value(w) for w in ("かなりいい", "大きいです", "4", "")] == [None] * 4


def test_effort_words_feasibility_and_problem_words(ws) -> None:
    table = read_export(FEASIBILITY)
    columns, notes = match_columns(ws, table)
    assert [(c.kind, c.idea) for c in columns] == [
        ("ignore", None),
        ("email", None),
        ("effect", W),
        ("feasibility", W),
        ("effort", K),
        ("effect", K),
        ("problem", None),
    ]
    assert notes == []
    plan = plan_import(ws, table)
    assert plan.issues == ()
    ratings = {
        m: {r.idea: (r.effect, r.effort) for r in plan.workshop.contributions_of(m).ratings}
        for m in ("kato", "yoshida")
    }
    # 実現性 is the opposite of effort: ややそう思う (4) is an effort of 2, そう思わない (1) of 5
    assert ratings["kato"][W] == (5, 2) and ratings["kato"][K] == (2, 3)
    assert ratings["yoshida"][W] == (3, 5) and ratings["yoshida"][K] == (5, 1)
    kato = plan.workshop.contributions_of("kato")
    assert kato.problems[-1].text == "申請書の回覧に時間がかかる"


def test_an_idea_whose_title_holds_a_keyword_is_rated_by_the_rest_of_the_header(ws) -> None:
    idea = ws.idea(K).edit(title="手間を減らす点検チェックリスト")
    edited = ws.with_contributions(
        ws.contributions_of("kato").edit(
            ideas=tuple(idea if i.id == K else i for i in ws.contributions_of("kato").ideas)
        )
    )
    from cocreate.prioritize.survey.columns import find_idea

    assert find_idea(edited, "効果 [手間を減らす点検チェックリスト]")[0] == K
    header = "効果.手間を減らす点検チェックリスト"
    idea_id, rest = find_idea(edited, header)
    assert (idea_id, rest.strip()) == (K, "効果")


def test_anonymous_microsoft_forms_likert(sample: Path, cli) -> None:
    workshop = storage.load(sample)
    table = read_export(ANONYMOUS)
    columns, _ = match_columns(workshop, table)
    assert [(c.kind, c.idea) for c in columns[6:10]] == [
        ("effect", W),
        ("effect", K),
        ("effort", W),
        ("effort", K),  # a title cut short with … by the export
    ]
    assert columns[10].kind == "problem"  # 不便
    result = cli("import", "forms", ANONYMOUS, "--into", sample)
    assert result.code == 0, result.err
    assert "note: 3 anonymous response(s)" in result.err
    assert "added 3 anonymous respondent(s)" in result.out
    after = storage.load(sample)
    strangers = [m for m in after.members if m.id.startswith("anon-")]
    assert len(strangers) == 3
    assert sorted(m.name for m in strangers) == [f"匿名の回答者（ID {n}）" for n in (1, 2, 3)]
    ratings = sorted(
        (r.idea, r.effect, r.effort)
        for m in strangers
        for r in after.contributions_of(m.id).ratings
    )
    # とても is in the file, so plain 大きい/小さい are 4/2
    assert ratings == sorted([(W, 5, 2), (K, 4, 1), (W, 4, 2), (K, 3, 3), (W, 1, 5), (K, 2, 4)])
    assert validate.errors(after) == []
    # the same export again: each response is still counted once
    again = cli("import", "forms", ANONYMOUS, "--into", sample)
    assert again.code == 0, again.err
    assert "added" not in again.out
    twice = storage.load(sample)
    assert len([m for m in twice.members if m.id.startswith("anon-")]) == 3
    assert len(twice.ratings) == len(after.ratings)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "メールアドレス,効果 [watanabe.i1],手間 [watanabe.i1]\n",
            "the file has a header but no answers",
        ),
        (
            "メールアドレス,効果 [watanabe.i1],手間 [watanabe.i1]\nkato.takashi@example.go.jp,,\n",
            "its 1 row(s) answer none of the questions",
        ),
        (
            "メールアドレス,効果 [watanabe.i1],手間 [watanabe.i1]\nnobody@example.com,4,2\n",
            "every answer in its 1 row(s) is invalid",
        ),
    ],
)
def test_a_file_that_would_import_nothing_exits_2(sample, cli, tmp_path, text, message) -> None:
    path = tmp_path / "answers.csv"
    path.write_text(text, encoding="utf-8")
    args = ["import", "forms", path, "--into", sample, "--skip-invalid"]
    result = cli(*args)
    assert result.code == 2
    assert result.err.splitlines()[-1].startswith(f"cocreate: {path}: nothing to import: {message}")
    assert not [m for m in storage.load(sample).members if m.id.startswith("anon-")]


def test_a_control_character_in_a_problem_is_an_invalid_cell(ws, tmp_path) -> None:
    path = tmp_path / "answers.csv"
    path.write_text(
        "メールアドレス,困りごと\nkato.takashi@example.go.jp,受\x00付が遅い\n", encoding="utf-8"
    )
    plan = plan_import(ws, read_export(path))
    assert [i.format() for i in plan.issues] == [
        f"{path}:row 2: 困りごと: control character U+0000 in '受\\x00付が遅い'; remove it"
    ]


def test_apply_plan_reads_the_workshop_once(sample, monkeypatch) -> None:
    from tests.test_forms import MS

    workshop = storage.load(sample)
    plan = plan_import(workshop, read_export(MS))
    assert len(plan.answers) == 3
    calls = []
    real = storage.load
    monkeypatch.setattr(storage, "load", lambda *a, **k: calls.append(a) or real(*a, **k))
    apply_plan(sample, plan)
    assert len(calls) == 1
    kato = storage.load_member(sample, "kato")
    assert {d.idea: d.count for d in kato.dots} == {W: 2, K: 3}


def test_a_ragged_survey_csv_is_refused(tmp_path) -> None:
    path = tmp_path / "answers.csv"
    path.write_text("メールアドレス,効果 [watanabe.i1],手間 [watanabe.i1]\nkato@x.jp,4\n", "utf-8")
    with pytest.raises(InputError, match="row 2: the row has 2 cells but the header has 3"):
        read_export(path)
