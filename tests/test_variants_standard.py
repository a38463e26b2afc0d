"""The standard flow: composed per aligned step, measured against each bureau at its volume."""

from __future__ import annotations

import pytest

from cocreate.errors import InputError
from cocreate.model import Flow, Medium, StandardChoice, StepChoice, StepKind, VariantKind
from cocreate.process.metrics import analyse
from cocreate.variants.align import match
from cocreate.variants.maps import map_view
from cocreate.variants.standard import (
    adopt,
    as_is_maps,
    best_choices,
    compose,
    is_current,
    savings,
)
from tests.variants_fixtures import end, paper_and_mail, start, step, variant, workshop

TAKE, DROP, KEEP = StandardChoice.TAKE, StandardChoice.DROP, StandardChoice.KEEP


def _email_standard():
    w = match(paper_and_mail(), ["s1", "b:m1"], "申請")
    return w, compose(
        w,
        "std",
        name="標準",
        choices=[StepChoice("s1", TAKE, "b"), StepChoice("s2", DROP), StepChoice("s3", TAKE, "b")],
    )


def test_without_choices_the_standard_is_the_base_map():
    w = paper_and_mail()
    std = compose(w, "std").variant
    assert [s.id for s in std.steps] == [s.id for s in w.steps]
    assert [(f.source, f.target) for f in std.flows] == [(f.source, f.target) for f in w.flows]
    assert std.kind == VariantKind.STANDARD


def test_take_drop_and_keep_build_the_map():
    _, composition = _email_standard()
    std = composition.variant
    assert [(s.id, s.name, s.minutes, s.medium) for s in std.steps] == [
        ("s0", "開始", 0.0, Medium.OTHER),
        ("s1", "申請メールを送信", 5.0, Medium.EMAIL),
        ("s3", "内容の確認", 6.0, Medium.EMAIL),
        ("s9", "完了", 0.0, Medium.OTHER),
    ]
    assert {(f.source, f.target) for f in std.flows} == {("s0", "s1"), ("s1", "s3"), ("s3", "s9")}
    chosen = {c.row.id: (c.choice, c.chosen) for c in composition.steps}
    assert chosen["main:s2"] == (DROP, True)
    assert chosen["c:d1"] == (DROP, False)  # the base does not do it: left out by default
    assert chosen["main:s3"] == (TAKE, True)


def test_a_step_the_base_lacks_is_put_between_its_neighbours():
    w = paper_and_mail()
    std = compose(w, "std", choices=[StepChoice("c:d1", TAKE, "c")]).variant
    assert [s.id for s in std.steps] == ["s0", "s1", "d1", "s2", "s3", "s9"]
    pairs = [(f.source, f.target) for f in std.flows]
    assert ("s1", "d1") in pairs and ("d1", "s2") in pairs and ("s1", "s2") not in pairs


def test_dropping_a_step_joins_its_flows_and_keeps_the_others_visits():
    steps = (
        start(),
        step("a", "作成", 10),
        step("b", "持参", 10),
        step("d", "不備はないか", 1, kind=StepKind.DECISION),
        end(),
    )
    w = workshop(steps, loops=(Flow("d", "a", "差戻し", 0.2),))
    std = compose(w, "std", choices=[StepChoice("b", DROP)]).variant
    pairs = [(f.source, f.target) for f in std.flows]
    assert ("a", "d") in pairs and "b" not in {s.id for s in std.steps}
    before = analyse(w)
    after = analyse(
        adopt(w, compose(w, "std", choices=[StepChoice("b", DROP)])).variant_view("std")
    )
    assert after.step("a").visits == pytest.approx(before.step("a").visits) == pytest.approx(1.25)


def test_a_decision_taken_from_another_map_brings_its_shares():
    steps = (start(), step("a", "作成", 10), step("d", "不備", 1, kind=StepKind.DECISION), end())
    rework = (Flow("d", "a", "差戻し", 0.3),)
    fewer = (Flow("d", "a", "差戻し", 0.05),)
    w = workshop(steps, variant("b", steps, loops=fewer), loops=rework)
    std = compose(w, "std", choices=[StepChoice("d", TAKE, "b")]).variant
    back = next(f for f in std.flows if (f.source, f.target) == ("d", "a"))
    forward = next(f for f in std.flows if (f.source, f.target) == ("d", "s9"))
    assert (back.share, forward.share) == (0.05, 0.95)


def test_steps_carry_no_volume_and_the_cases_are_the_bureaus_sum():
    w = paper_and_mail()
    w = w.edit(steps=tuple(s.edit(volume=100) for s in w.steps))
    std = compose(w, "std").variant
    assert all(s.volume is None for s in std.steps)
    assert std.annual_cases == 100 + 50 + 30


def test_wrong_choices_are_refused_naming_the_choice():
    w = paper_and_mail()
    with pytest.raises(InputError, match=r"choices\[1\]\.variant: variant 'b' does not do"):
        compose(w, "std", choices=[StepChoice("s1", DROP), StepChoice("s2", TAKE, "b")])
    with pytest.raises(InputError, match="'zz' is not an as-is map"):
        compose(w, "std", base="zz")


def test_each_bureau_saves_its_hours_minus_the_standards_at_its_own_volume():
    w, composition = _email_standard()
    w = adopt(w, composition)
    result = savings(w, "std")
    assert [b.map.id for b in result.bureaus] == ["main", "b", "c"]
    view = map_view(w, "std")
    for bureau in result.bureaus:
        now = analyse(map_view(w, bureau.map.id))
        cases = now.annual_cases
        at_volume = analyse(view.edit(settings=view.settings.edit(annual_cases=round(cases))))
        assert bureau.annual_cases == cases
        assert bureau.hours_saved == pytest.approx(now.annual_hours - at_volume.annual_hours)
    assert result.hours_saved == pytest.approx(sum(b.hours_saved for b in result.bureaus))
    # main carries paper forms to a counter: the standard saves it time; b already works so
    by_id = {b.map.id: b for b in result.bureaus}
    assert by_id["main"].hours_saved > 0 and by_id["c"].hours_saved > 0
    assert by_id["b"].hours_saved == pytest.approx(0)
    # hours scale with each bureau's own cases: c has 30 a year, main 100
    per_case = {k: b.hours_saved / b.annual_cases for k, b in by_id.items() if k != "b"}
    assert per_case["c"] == pytest.approx(per_case["main"] + 5 / 60)  # plus c's 5-min seal


def test_best_choices_take_the_best_way_where_the_base_differs():
    w = match(paper_and_mail(), ["s1", "b:m1"])
    choices = best_choices(w)
    assert StepChoice("main:s1", TAKE, "b") in choices
    assert StepChoice("main:s3", TAKE, "b") in choices
    assert all(c.variant != "main" for c in choices)


def test_a_stored_standard_knows_when_its_maps_have_moved_on():
    w, composition = _email_standard()
    w = adopt(w, composition)
    assert is_current(w, "std")
    b = w.variant("b")
    slower = b.edit(steps=tuple(s.edit(minutes=9.0) if s.id == "m1" else s for s in b.steps))
    moved = w.edit(variants=tuple(slower if v.id == "b" else v for v in w.variants))
    assert not is_current(moved, "std")


def test_adopt_replaces_a_standard_but_not_another_kind_of_map():
    w, composition = _email_standard()
    w = adopt(w, composition)
    again = adopt(w, compose(w, "std", name="標準2"))
    assert [v.id for v in again.variants].count("std") == 1
    assert again.variant("std").name == "標準2"
    with pytest.raises(InputError, match="'b' is a map of kind as-is"):
        adopt(w, compose(w, "b"))
    assert as_is_maps(again) == ("main", "b", "c")


def test_adopting_pins_the_rows_it_chose_for_so_a_rename_does_not_break_them():
    w = paper_and_mail()
    w = adopt(w, compose(w, "std", choices=[StepChoice("s3", TAKE, "b")]))
    assert ("main:s3", "b:s3", "c:s3") in [entry.steps for entry in w.alignments]
    b = w.variant("b")
    renamed = b.edit(
        steps=tuple(s.edit(name="内容をチェック") if s.id == "s3" else s for s in b.steps)
    )
    w = w.edit(variants=tuple(renamed if v.id == "b" else v for v in w.variants))
    from cocreate.validate import errors

    assert errors(w) == []
    again = compose(w, "std", choices=w.variant("std").choices).variant
    assert next(s for s in again.steps if s.id == "s3").name == "内容をチェック"
