"""Domain operations on problems, causes and ideas (cocreate.contribute)."""

from __future__ import annotations

import datetime as dt

import pytest

from cocreate import storage, validate
from cocreate.contribute import (
    add_cause,
    add_idea,
    add_member,
    add_problem,
    duplicate_of,
    edit_cause,
    edit_idea,
    edit_problem,
    is_solution_first,
    merge_problems,
    normalise,
    remove_item,
    root_causes,
    similar_problems,
    touched_members,
    why_chains,
)
from cocreate.errors import InputError, RuleError
from cocreate.model import Action, CauseCategory, Role
from tests.conftest import SAMPLE

NOW = dt.datetime(2026, 10, 13, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=9)))


@pytest.fixture(scope="module")
def ws():
    return storage.load(SAMPLE)


# --------------------------------------------------------------------------- normalising


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("ＡＢＣ１２３", "abc123"),  # full-width letters and digits (NFKC)
        ("申請\u3000書", "申請 書"),  # ideographic space
        ("申\u200b請\u200d書\ufeff", "申請書"),  # zero-width characters
        ("  a \t\n b  ", "a b"),  # runs of white space, ends
        ("ｶﾀｶﾅ", "カタカナ"),  # half-width katakana
        ("Excel", "excel"),  # case
    ],
)
def test_normalise(raw: str, expected: str) -> None:
    assert normalise(raw) == expected


def test_duplicate_found_through_normalisation_and_text_kept_exactly(ws) -> None:
    original = ws.problem("watanabe.p1").text
    noisy = "  " + original.replace("、", "、\u200b").replace("Excel", "Ｅｘｃｅｌ") + "\u3000"
    assert duplicate_of(ws, noisy).id == "watanabe.p1"
    with pytest.raises(RuleError, match=r"watanabe\.p1"):
        add_problem(ws, "tanaka", noisy, now=NOW)
    changed, problem = add_problem(ws, "tanaka", noisy, now=NOW, allow_duplicate=True)
    assert problem.text == noisy  # stored byte for byte as typed
    assert changed.problem(problem.id).text == noisy


def test_similar_problems_suggests_near_duplicates_best_first(ws) -> None:
    text = "空き状況がわからず、総務課に何度も電話で問い合わせる"
    found = similar_problems(ws, text)
    assert found[0][0].id == "watanabe.p1"
    assert 0.6 <= found[0][1] < 1.0
    assert [score for _, score in found] == sorted((s for _, s in found), reverse=True)
    assert similar_problems(ws, "全く関係のない話題についての文章") == []
    assert similar_problems(ws, "\u200b ") == []


def test_similar_problems_limit(ws) -> None:
    assert len(similar_problems(ws, "備品", limit=2, threshold=0.0)) == 2


# --------------------------------------------------------------------------- adding


def test_add_problem_gives_member_prefixed_id_and_validates(ws) -> None:
    changed, problem = add_problem(ws, "tanaka", "台帳が二つある", steps=["s08"], now=NOW)
    assert problem.id == "tanaka.p3"  # tanaka has p1 and p2
    assert problem.author == "tanaka" and problem.steps == ("s08",)
    assert problem.created == NOW
    assert changed.contributions_of("tanaka").problems[-1] == problem
    assert ws.problem("tanaka.p3") is None  # the input is never changed
    assert validate.errors(changed) == []
    # every other member's contributions are untouched
    assert touched_members(ws, changed) == ["tanaka"]


def test_ids_from_two_members_never_collide(ws) -> None:
    a, first = add_problem(ws, "kato", "一つ目の問題です", now=NOW)
    b, second = add_problem(a, "yoshida", "二つ目の問題です", now=NOW)
    assert first.id.startswith("kato.p") and second.id.startswith("yoshida.p")
    assert first.id != second.id
    assert validate.errors(b) == []


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"member": "nobody", "text": "x"}, "unknown member 'nobody'"),
        ({"member": "tanaka", "text": " \u200b\u3000"}, "must not be empty"),
        ({"member": "tanaka", "text": "x", "steps": ["s99"]}, "unknown step 's99'"),
    ],
)
def test_add_problem_refuses_bad_input(ws, kwargs, message) -> None:
    with pytest.raises(InputError, match=message):
        add_problem(ws, **kwargs)


def test_add_cause_builds_a_why_chain(ws) -> None:
    changed, first = add_cause(
        ws, "kato", "tanaka.p1", "承認の意味が共有されていない", category="information", now=NOW
    )
    changed, second = add_cause(
        changed, "kato", "tanaka.p1", "規程の趣旨を説明する場がない", parent=first.id, now=NOW
    )
    assert first.category is CauseCategory.INFORMATION
    assert second.parent == first.id
    assert [c.id for c in changed.why_chain(second.id)] == [first.id, second.id]
    assert (first.id, second.id) in [
        tuple(c.id for c in ch) for ch in why_chains(changed, "tanaka.p1")
    ]
    assert second.id in [c.id for c in root_causes(changed, "tanaka.p1")]
    assert validate.errors(changed) == []


def test_add_cause_refuses_parent_of_another_problem(ws) -> None:
    with pytest.raises(InputError, match=r"belongs to problem 'watanabe\.p1'"):
        add_cause(ws, "kato", "tanaka.p1", "x", parent="watanabe.c1")
    with pytest.raises(InputError, match="unknown problem"):
        add_cause(ws, "kato", "nope.p1", "x")
    with pytest.raises(InputError, match="unknown cause category"):
        add_cause(ws, "kato", "tanaka.p1", "x", category="weather")


def test_add_idea_links_causes_and_steps(ws) -> None:
    changed, idea = add_idea(
        ws,
        "kato",
        "点検表を電子化する",
        causes=["kato.c2", "kato.c2"],
        steps=["s13"],
        action="digitise",
        reduction=0.25,
        effort_days=2,
        now=NOW,
    )
    assert idea.id == "kato.i2"
    assert idea.causes == ("kato.c2",)  # repeated references kept once
    assert idea.action is Action.DIGITISE and idea.reduction == 0.25
    assert idea.effort_days == 2.0
    assert not is_solution_first(idea)
    assert validate.errors(changed) == []


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"reduction": 1.5}, InputError, "between 0 and 1"),
        ({"reduction": -0.1}, InputError, "between 0 and 1"),
        ({"reduction": float("nan")}, InputError, "number between 0 and 1"),
        ({"causes": ["kato.c9"]}, InputError, "unknown cause 'kato.c9'"),
        ({"steps": ["zz"]}, InputError, "unknown step 'zz'"),
        ({"action": "automate"}, InputError, "unknown action"),
        ({"cost": -1}, InputError, "must not be negative"),
        ({"title": ""}, InputError, "must not be empty"),
    ],
)
def test_add_idea_refuses_bad_input(ws, kwargs, error, message) -> None:
    args = {"member": "kato", "title": "案"} | kwargs
    with pytest.raises(error, match=message):
        add_idea(ws, **args)


def test_solution_first(ws) -> None:
    _, idea = add_idea(ws, "kato", "とりあえずRPAを入れる", now=NOW)
    assert is_solution_first(idea)
    assert is_solution_first(ws.idea("tanaka.i2"))  # the sample's own solution-first idea
    assert not is_solution_first(ws.idea("watanabe.i1"))


def test_add_member(ws) -> None:
    changed, member = add_member(ws, "mori", "森 花子", "manager", "mori@example.go.jp")
    assert changed.member("mori") == member and member.role is Role.MANAGER
    for bad_id, message in (
        ("sato", "already exists"),
        ("a.b", "must not contain"),
        ("日本", "not a valid member id"),
    ):
        with pytest.raises(InputError, match=message):
            add_member(ws, bad_id, "x")
    with pytest.raises(InputError, match="already has the email"):
        add_member(ws, "mori", "森", email="SATO.MISAKI@example.go.jp")
    with pytest.raises(InputError, match="unknown role"):
        add_member(ws, "mori", "森", role="boss")


# --------------------------------------------------------------------------- editing


def test_edit_problem_changes_only_the_authors_file(ws) -> None:
    changed = edit_problem(ws, "watanabe.p1", text="新しい文面", steps=["s02", "s03"])
    problem = changed.problem("watanabe.p1")
    assert problem.text == "新しい文面" and problem.steps == ("s02", "s03")
    assert problem.author == "watanabe" and problem.created == ws.problem("watanabe.p1").created
    assert touched_members(ws, changed) == ["watanabe"]
    with pytest.raises(InputError, match="cannot be edited"):
        edit_problem(ws, "watanabe.p1", author="sato")
    with pytest.raises(InputError, match="unknown problem"):
        edit_problem(ws, "x.p1", text="a")


def test_edit_cause_and_idea(ws) -> None:
    changed = edit_cause(ws, "kato.c1", category="method")
    assert changed.cause("kato.c1").category is CauseCategory.METHOD
    changed = edit_idea(changed, "kato.i1", reduction=0.5, causes=["kato.c1"])
    assert changed.idea("kato.i1").reduction == 0.5
    with pytest.raises(InputError):
        edit_idea(ws, "kato.i1", reduction=2)
    with pytest.raises(InputError, match="cannot be edited"):
        edit_idea(ws, "kato.i1", id="kato.i9")


# --------------------------------------------------------------------------- merging


def test_merge_moves_causes_and_steps_and_drops_the_duplicate(ws) -> None:
    # yoshida.p1 ("where is the list?") and watanabe.p1 ("we phone to ask") are one problem.
    merged = merge_problems(ws, "watanabe.p1", "yoshida.p1")
    assert merged.problem("yoshida.p1") is None
    assert merged.problem("watanabe.p1").text == ws.problem("watanabe.p1").text
    moved = {c.id for c in ws.causes_of("yoshida.p1")}
    assert moved and moved <= {c.id for c in merged.causes_of("watanabe.p1")}
    # chains stay whole; ideas answering the moved causes still point at them
    assert [c.id for c in merged.why_chain("yoshida.c2")] == ["yoshida.c1", "yoshida.c2"]
    assert "yoshida.c1" in merged.idea("watanabe.i1").causes
    assert validate.errors(merged) == []
    assert touched_members(ws, merged) == ["yoshida"]


def test_merge_union_of_steps_changes_the_kept_problems_file(ws) -> None:
    merged = merge_problems(ws, "tanaka.p1", "suzuki.p2")
    assert merged.problem("tanaka.p1").steps == ("s09", "s08")
    assert touched_members(ws, merged) == ["suzuki", "tanaka"]
    assert validate.errors(merged) == []


def test_who_may_merge(ws) -> None:
    with pytest.raises(RuleError, match="only the facilitator"):
        merge_problems(ws, "watanabe.p1", "yoshida.p1", by="watanabe")
    assert merge_problems(ws, "watanabe.p1", "yoshida.p1", by="sato")  # the facilitator
    own, first = add_problem(ws, "kato", "一つ目", now=NOW)
    own, second = add_problem(own, "kato", "二つ目", now=NOW)
    own, _ = add_cause(own, "kato", second.id, "理由", now=NOW)
    merged = merge_problems(own, first.id, second.id, by="kato")  # all kato's own
    assert touched_members(own, merged) == ["kato"]
    with pytest.raises(InputError, match="into itself"):
        merge_problems(ws, "kato.p1", "kato.p1")


# --------------------------------------------------------------------------- removing


def test_remove_item_refuses_referenced_items(ws) -> None:
    with pytest.raises(RuleError, match="has causes"):
        remove_item(ws, "kato.p1")
    with pytest.raises(RuleError, match="answered by idea"):
        remove_item(ws, "kato.c2")
    with pytest.raises(RuleError, match="ratings or dots"):
        remove_item(ws, "kato.i1")
    changed, problem = add_problem(ws, "kato", "消す予定", now=NOW)
    assert remove_item(changed, problem.id).problem(problem.id) is None
    with pytest.raises(InputError, match="unknown"):
        remove_item(ws, "nothing.x1")


def test_an_idea_a_kpi_measures_is_not_removed_until_it_is_taken_off_the_kpi(ws) -> None:
    from cocreate import pilot
    from cocreate.i18n import error_text

    changed, idea = add_idea(ws, "kato", "点検表を電子化する", causes=["kato.c1"], now=NOW)
    kpi = changed.pilot.kpis[0]
    assert idea.id not in changed.pilot.ideas  # not in the pilot: only the KPI names it
    linked = pilot.edit_kpi(changed, kpi.id, ideas=[idea.id])
    with pytest.raises(RuleError) as refused:
        remove_item(linked, idea.id)
    error = refused.value
    assert str(error).count("\n") == 0 and f"KPI {kpi.id} ({kpi.name})" in str(error)
    assert error.key == "error.remove.idea_in_kpi"
    assert error_text(error, "en") == str(error)
    assert f"KPI {kpi.id}（{kpi.name}）" in error_text(error, "ja")
    unlinked = pilot.edit_kpi(linked, kpi.id, ideas=[])
    assert remove_item(unlinked, idea.id).idea(idea.id) is None
