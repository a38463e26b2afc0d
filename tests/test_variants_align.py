"""Alignment: steps of different maps that are the same work, by rule and as confirmed."""

from __future__ import annotations

import doctest
import importlib

import pytest

from cocreate.errors import InputError, RuleError
from cocreate.model import AlignedSteps, Flow, PrimaryMap, StepKind
from cocreate.variants.align import align, confirm_all, flow_positions, forget, keep_apart, match
from cocreate.variants.maps import StepRef
from tests.variants_fixtures import end, paper_and_mail, start, step, variant, workshop


def rows_by_step(alignment):
    return {str(ref): row for row in alignment.rows for ref in row.steps}


def test_steps_of_the_same_name_align_and_the_others_stand_alone():
    alignment = align(paper_and_mail())
    rows = rows_by_step(alignment)
    assert rows["main:s3"] is rows["b:s3"] is rows["c:s3"]
    assert rows["main:s1"] is rows["c:s1"]
    assert rows["b:m1"].variants == ("b",)
    assert rows["c:d1"].missing(alignment.maps) == ("main", "b")
    assert rows["main:s2"].missing(alignment.maps) == ("b",)
    assert {row.id for row in alignment.partial()} == {"main:s1", "main:s2", "b:m1", "c:d1"}


def test_names_are_compared_as_duplicates_are_full_width_and_spaces_folded():
    main = (start(), step("s1", "ＰＣの　貸出 確認"), end())
    other = (start(), step("x", " pcの 貸出\u3000 確\u200b認 "), end())
    alignment = align(workshop(main, variant("b", other)))
    assert rows_by_step(alignment)["b:x"].id == "main:s1"


def test_the_only_start_and_end_steps_align_whatever_they_are_called():
    main = (start("s0", "備品が必要になる"), step("s1", "申請"), end("s9", "貸出完了"))
    other = (start("b0", "申請の受付"), step("b1", "申請"), end("b9", "終了"))
    rows = rows_by_step(align(workshop(main, variant("b", other))))
    assert rows["b:b0"] is rows["main:s0"]
    assert rows["b:b9"] is rows["main:s9"]


def test_a_name_used_twice_in_a_map_aligns_by_position_in_the_flow():
    main = (
        start(),
        step("c1", "確認"),
        step("w", "作業"),
        step("w2", "作業2"),
        step("c2", "確認"),
        end(),
    )
    other = (start(), step("x", "作業"), step("y", "作業2"), step("z", "確認"), end())
    rows = rows_by_step(align(workshop(main, variant("b", other))))
    # b's only 確認 comes late in its flow, as main's second one does
    assert rows["b:z"] is rows["main:c2"]
    assert rows["main:c1"].variants == ("main",)


def test_flow_positions_set_rework_loops_aside():
    steps = (start(), step("a", "a"), step("d", "d", kind=StepKind.DECISION), end())
    w = workshop(steps, loops=(Flow("d", "a", "差戻し", 0.2),))
    places = flow_positions(w)
    assert places == {"s0": 0.0, "a": 1 / 3, "d": 2 / 3, "s9": 1.0}


def test_rows_come_in_flow_order():
    alignment = align(paper_and_mail())
    positions = [row.position for row in alignment.rows]
    assert positions == sorted(positions)
    assert alignment.rows[0].id == "main:s0" and alignment.rows[-1].id == "main:s9"


def test_a_confirmed_match_joins_steps_of_different_names():
    w = match(paper_and_mail(), ["s1", "b:m1"], "申請")
    assert w.alignments == (AlignedSteps(("main:s1", "b:m1"), "申請"),)
    rows = rows_by_step(align(w))
    row = rows["b:m1"]
    assert row is rows["main:s1"] and row.confirmed and row.name == "申請"
    # c's step of the same name as main:s1 still joins the confirmed row by rule 2
    assert rows["c:s1"] is row


def test_a_step_kept_apart_stays_alone_even_when_names_match():
    w = keep_apart(paper_and_mail(), "c:s1")
    rows = rows_by_step(align(w))
    assert rows["c:s1"].variants == ("c",) and rows["c:s1"].confirmed
    assert rows["main:s1"].variants == ("main",)


def test_matching_moves_a_step_out_of_its_former_entry():
    w = match(paper_and_mail(), ["s1", "b:m1"])
    w = match(w, ["c:d1", "b:m1"])
    assert [entry.steps for entry in w.alignments] == [("main:s1",), ("c:d1", "b:m1")]


def test_forget_returns_a_step_to_the_rules():
    w = match(paper_and_mail(), ["s1", "b:m1"])
    w = forget(w, "b:m1")
    assert w.alignments == ()
    assert rows_by_step(align(w))["b:m1"].variants == ("b",)
    with pytest.raises(RuleError):
        forget(w, "b:m1")


def test_confirm_all_writes_the_alignment_down_unchanged():
    before = align(paper_and_mail())
    w = confirm_all(paper_and_mail())
    after = align(w)
    assert [row.steps for row in after.rows] == [row.steps for row in before.rows]
    assert all(row.confirmed for row in after.rows)
    assert len(w.alignments) == len(before.rows)


@pytest.mark.parametrize(
    ("refs", "message"),
    [
        (["b:nope"], "no step 'nope' in variant 'b'"),
        (["zz:s1"], "unknown variant 'zz'"),
        (["b:s3", "b:m1"], "'b' is named twice"),
        (["b:"], "not a step reference"),
    ],
)
def test_matching_refuses_what_does_not_exist(refs, message):
    with pytest.raises((InputError, RuleError), match=message):
        match(paper_and_mail(), refs)


def test_bare_step_ids_name_the_primary_map_whatever_its_id():
    w = paper_and_mail().edit(primary=PrimaryMap("seisaku", "政策局"))
    w = match(w, ["s1", "b:m1"])
    assert w.alignments[0].steps == ("seisaku:s1", "b:m1")
    assert align(w).row_of(StepRef("seisaku", "s1")).variants == ("seisaku", "b", "c")


def test_among_keeps_only_the_chosen_maps():
    alignment = align(paper_and_mail()).among(["main", "b"])
    assert alignment.maps == ("main", "b")
    assert all(set(row.variants) <= {"main", "b"} for row in alignment.rows)
    assert not any(row.id == "c:d1" for row in alignment.rows)


@pytest.mark.parametrize(
    "module",
    [
        "cocreate.variants.maps",
        "cocreate.variants.align",
        "cocreate.variants.compare",
        "cocreate.variants.standard",
        "cocreate.variants.choices",
        "cocreate.variants.fitgap",
    ],
)
def test_the_docstring_examples_hold(module):
    failed, tried = doctest.testmod(importlib.import_module(module))
    assert tried > 0 and failed == 0


def test_a_start_or_end_that_is_work_aligns_by_its_name():
    main = (start(), step("s1", "受付", 5), step("s2", "確認", 3), end())
    table = (  # a step table makes its first and last rows the start and the end
        step("x", "受付", 5, kind=StepKind.START, lane="a"),
        step("y", "確認", 4, kind=StepKind.END),
    )
    rows = rows_by_step(align(workshop(main, variant("b", table))))
    assert rows["b:x"] is rows["main:s1"]
    assert rows["b:y"] is rows["main:s2"]
    assert rows["main:s0"].variants == ("main",)
