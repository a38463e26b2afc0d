"""Maps of a workshop by variant id: views, references and edits."""

from __future__ import annotations

from pathlib import Path

import pytest

from cocreate.errors import InputError, RuleError, WorkshopError
from cocreate.model import (
    AlignedSteps,
    Member,
    MemberContributions,
    PrimaryMap,
    Problem,
    StandardChoice,
    StepChoice,
    VariantKind,
)
from cocreate.process.imports import ProcessImport
from cocreate.variants.maps import (
    add_variant,
    edit_variant,
    import_variant,
    map_ids,
    map_info,
    map_view,
    maps,
    remove_variant,
)
from tests.variants_fixtures import LANES, end, paper_and_mail, start, step


def test_the_primary_map_is_one_map_among_the_others():
    w = paper_and_mail()
    assert map_ids(w) == ("main", "b", "c")
    assert map_view(w, "main") is w
    assert [s.id for s in map_view(w, "b").steps] == ["s0", "m1", "s3", "s9"]
    assert [m.primary for m in maps(w)] == [True, False, False]
    w = w.edit(primary=PrimaryMap("seisaku", "政策局", "政策局 総務課"))
    info = map_info(w, "seisaku")
    assert (info.name, info.unit, info.annual_cases, info.steps) == (
        "政策局",
        "政策局 総務課",
        100,
        5,
    )
    with pytest.raises(InputError, match="unknown variant 'main'"):
        map_view(w, "main")


def test_a_copy_starts_from_another_map_with_volumes_left_to_its_cases():
    w = paper_and_mail()
    w = w.edit(steps=tuple(s.edit(volume=100) for s in w.steps))
    copied = add_variant(w, "d", "D局", copy_from="main", annual_cases=40).variant("d")
    assert [s.id for s in copied.steps] == [s.id for s in w.steps]
    assert copied.flows == w.flows and copied.lanes == w.lanes
    assert all(s.volume is None for s in copied.steps)
    assert copied.annual_cases == 40
    # without cases of its own it takes the source's
    assert add_variant(w, "e", "E局", copy_from="b").variant("e").annual_cases == 50


@pytest.mark.parametrize(
    ("variant_id", "name", "message"),
    [
        ("b", "重複", "already a map"),
        ("main", "本体", "already a map"),
        ("x y", "X", "valid"),
        ("x", " ", "must not be empty"),
    ],
)
def test_adding_refuses_bad_ids_and_names(variant_id, name, message):
    with pytest.raises(InputError, match=message):
        add_variant(paper_and_mail(), variant_id, name)


def test_a_new_id_is_written_through_to_alignments_and_standards():
    w = paper_and_mail().edit(alignments=(AlignedSteps(("s1", "b:m1", "c:s1")),))
    w = add_variant(w, "std", "標準", kind=VariantKind.STANDARD)
    std = w.variant("std").edit(base="b", choices=(StepChoice("b:s3", StandardChoice.TAKE, "b"),))
    w = w.edit(variants=tuple(std if v.id == "std" else v for v in w.variants))
    renamed = edit_variant(w, "b", new_id="kokusai", name="国際局", unit="国際局")
    assert renamed.alignments[0].steps == ("s1", "kokusai:m1", "c:s1")
    std = renamed.variant("std")
    assert std.base == "kokusai" and std.choices[0] == StepChoice(
        "kokusai:s3", StandardChoice.TAKE, "kokusai"
    )
    assert renamed.variant("kokusai").name == "国際局"


def test_the_primary_map_can_be_renamed_and_its_cases_are_the_settings():
    w = edit_variant(paper_and_mail(), "main", new_id="seisaku", name="政策局", annual_cases=250)
    assert w.primary == PrimaryMap("seisaku", "政策局", "")
    assert w.settings.annual_cases == 250
    with pytest.raises(RuleError, match="always an as-is"):
        edit_variant(w, "seisaku", kind="reference")


def _named_by_a_problem():
    w = paper_and_mail().edit(members=(Member("sato", "佐藤"),))
    problem = Problem("sato.p1", "押印が多い", "sato", steps=("d1",), variants=("c",))
    return w.with_contributions(MemberContributions("sato", problems=(problem,)))


def test_a_map_members_name_is_neither_renamed_nor_removed():
    w = _named_by_a_problem()
    with pytest.raises(RuleError, match=r"sato\.p1"):
        edit_variant(w, "c", new_id="chiiki")
    with pytest.raises(RuleError, match=r"sato\.p1"):
        remove_variant(w, "c")


def test_removing_a_variant_takes_its_steps_out_of_the_alignments():
    w = paper_and_mail().edit(
        alignments=(AlignedSteps(("s1", "b:m1")), AlignedSteps(("b:s3",)), AlignedSteps(("c:d1",)))
    )
    w = remove_variant(w, "b")
    assert map_ids(w) == ("main", "c")
    assert [a.steps for a in w.alignments] == [("s1",), ("c:d1",)]
    with pytest.raises(RuleError, match="own map"):
        remove_variant(w, "main")


def test_a_map_a_standard_takes_from_is_not_removed():
    w = add_variant(paper_and_mail(), "std", "標準", kind=VariantKind.STANDARD)
    std = w.variant("std").edit(choices=(StepChoice("s3", StandardChoice.TAKE, "b"),))
    w = w.edit(variants=tuple(std if v.id == "std" else v for v in w.variants))
    with pytest.raises(RuleError, match="the standard 'std' takes steps from it"):
        remove_variant(w, "b")


def _imported(steps=None) -> ProcessImport:
    steps = steps or (start(), step("x1", "受付", 5), end())
    from tests.variants_fixtures import chain

    return ProcessImport(
        Path("/data/kaikei.bpmn"), LANES, steps, chain(*steps), title="会計課", annual_cases=80
    )


def test_an_import_lands_in_a_new_variant_and_keeps_the_own_map():
    w = paper_and_mail()
    after = import_variant(w, _imported(), "kaikei", unit="会計課", source="kaikei.bpmn")
    variant = after.variant("kaikei")
    assert (variant.name, variant.unit, variant.annual_cases) == ("会計課", "会計課", 80)
    assert [s.id for s in variant.steps] == ["s0", "x1", "s9"]
    assert variant.sources == ("kaikei.bpmn",)
    assert after.steps == w.steps


def test_an_import_does_not_replace_a_variants_map_unless_asked():
    w = paper_and_mail()
    with pytest.raises(InputError, match="already has a map of 4 steps; pass --replace"):
        import_variant(w, _imported(), "b")
    replaced = import_variant(w, _imported(), "b", replace=True)
    assert [s.id for s in replaced.variant("b").steps] == ["s0", "x1", "s9"]


def test_an_import_into_the_primary_id_is_an_import_of_the_own_map():
    w = paper_and_mail()
    after = import_variant(w, _imported(), "main", replace=True, source="x.bpmn")
    assert [s.id for s in after.steps] == ["s0", "x1", "s9"]
    assert after.variants == w.variants


def test_an_import_that_breaks_a_check_is_refused_whole():
    bad = (start(), step("x1", "受付", 5, lane="nowhere"), end())
    with pytest.raises(WorkshopError, match=r"cannot import: variants\[2\]\.steps\[1\]\.lane"):
        import_variant(paper_and_mail(), _imported(bad), "kaikei")


# --------------------------------------------------------------------------- edit_map


def test_an_edit_on_a_variants_map_changes_that_map_only():
    from cocreate.process import edit
    from cocreate.variants.maps import edit_map

    w = paper_and_mail()
    changed = edit_map(w, "b", lambda v: edit.edit_step(v, "s3", minutes=4))
    assert changed.variant_view("b").step("s3").minutes == 4
    assert changed.step("s3").minutes == 10, "the own map's step of the same id stays"
    assert changed.variant_view("c").step("s3").minutes == 10
    changed = edit_map(changed, "b", lambda v: edit.add_step(v, name="受付", lane="a")[0])
    assert [s.name for s in changed.variant("b").steps][-1] == "受付"
    assert len(changed.steps) == len(w.steps)
    # The own map is edited by its id, or by "", exactly as without edit_map.
    own = edit_map(w, "main", lambda v: edit.edit_step(v, "s3", minutes=7))
    assert own == edit_map(w, "", lambda v: edit.edit_step(v, "s3", minutes=7))
    assert own.step("s3").minutes == 7 and own.variants == w.variants
    with pytest.raises(InputError, match="unknown variant 'zz'"):
        edit_map(w, "zz", lambda v: v)


def test_a_variants_step_named_by_a_problem_on_that_map_is_not_removed():
    from cocreate.process import edit
    from cocreate.variants.maps import edit_map

    w = _named_by_a_problem()  # sato.p1 names c:d1
    with pytest.raises(RuleError, match=r"step d1 of the map 'c' is used by sato\.p1"):
        edit_map(w, "c", lambda v: edit.remove_step(v, "d1"))
    # A problem on the own map naming s3 does not hold the variant b's s3.
    problem = Problem("sato.p2", "確認が長い", "sato", steps=("s3",))
    w = w.with_contributions(MemberContributions("sato", problems=(problem,)))
    changed = edit_map(w, "b", lambda v: edit.remove_step(v, "s3"))
    assert changed.variant_view("b").step("s3") is None
    with pytest.raises(RuleError, match=r"sato\.p2"):
        edit_map(w, "main", lambda v: edit.remove_step(v, "s3"))


def test_removing_an_aligned_step_lets_the_alignment_go_and_a_taken_one_is_kept():
    from cocreate.process import edit
    from cocreate.variants.maps import edit_map

    w = paper_and_mail().edit(alignments=(AlignedSteps(("s1", "c:s1")), AlignedSteps(("b:m1",))))
    changed = edit_map(w, "c", lambda v: edit.remove_step(v, "s1"))
    assert [a.steps for a in changed.alignments] == [("s1",), ("b:m1",)]
    changed = edit_map(w, "b", lambda v: edit.remove_step(v, "m1"))
    assert [a.steps for a in changed.alignments] == [("s1", "c:s1")]

    w = add_variant(w, "std", "標準", kind=VariantKind.STANDARD)
    std = w.variant("std").edit(choices=(StepChoice("s3", StandardChoice.TAKE, "b"),))
    w = w.edit(variants=tuple(std if v.id == "std" else v for v in w.variants))
    # The standard takes b's way of the row of s3: b's s3 (aligned by name) is its way.
    with pytest.raises(RuleError, match="step s3 of the map 'b' is used by std"):
        edit_map(w, "b", lambda v: edit.remove_step(v, "s3"))
    with pytest.raises(RuleError, match="step s3 of the map 'main' is used by std"):
        edit_map(w, "main", lambda v: edit.remove_step(v, "s3"))
    without = edit_map(w, "c", lambda v: edit.remove_step(v, "s3"))
    assert without.variant_view("c").step("s3") is None
    with pytest.raises(RuleError, match="the standard 'std' is composed"):
        edit_map(w, "std", lambda v: edit.edit_step(v, "s3", minutes=1))
