"""Bad variants, alignments and standards: one line naming the file and field, exit 2."""

from __future__ import annotations

from pathlib import Path

import pytest

from cocreate import storage
from cocreate.errors import WorkshopError
from cocreate.model import (
    AlignedSteps,
    Flow,
    Member,
    MemberContributions,
    PrimaryMap,
    Problem,
    StandardChoice,
    StepChoice,
    Variant,
    VariantKind,
)
from tests.variants_fixtures import paper_and_mail, step


def _standard(*choices: StepChoice, base: str = "") -> Variant:
    return Variant("std", "標準", VariantKind.STANDARD, base=base, choices=choices)


def _with(**changes):
    return paper_and_mail().edit(**changes)


def _variants(*extra: Variant) -> tuple[Variant, ...]:
    return (*paper_and_mail().variants, *extra)


CASES = [
    pytest.param(
        _with(alignments=(AlignedSteps(("main:s1", "b:k09")),)),
        "alignments[0].steps[1]: no step 'k09' in variant 'b'",
        id="alignment-missing-step",
    ),
    pytest.param(
        _with(alignments=(AlignedSteps(("main:s1", "zz:s1")),)),
        "alignments[0].steps[1]: unknown variant 'zz'",
        id="alignment-unknown-variant",
    ),
    pytest.param(
        _with(alignments=(AlignedSteps(("main:s1", "b:m1")), AlignedSteps(("b:m1",)))),
        "alignments[1].steps[0]: b:m1 is already aligned in alignments[0]",
        id="alignment-step-twice",
    ),
    pytest.param(
        _with(alignments=(AlignedSteps(("b:m1", "b:s3")),)),
        "alignments[0].steps[1]: two steps of variant 'b' in one aligned step",
        id="alignment-two-of-one-map",
    ),
    pytest.param(
        _with(alignments=(AlignedSteps(("b:",)),)),
        "alignments[0].steps[0]: 'b:' is not a step reference",
        id="alignment-bad-ref",
    ),
    pytest.param(
        _with(alignments=(AlignedSteps(()),)),
        "alignments[0].steps: must name at least one step",
        id="alignment-empty",
    ),
    pytest.param(
        _with(variants=_variants(_standard(StepChoice("main:s2", StandardChoice.TAKE, "b")))),
        "variants[2].choices[0].variant: variant 'b' does not do 申請書を持参 (main:s2)",
        id="standard-takes-from-a-map-without-the-step",
    ),
    pytest.param(
        _with(variants=_variants(_standard(StepChoice("main:s2", StandardChoice.TAKE)))),
        "variants[2].choices[0].variant: a take names the variant whose way to take",
        id="standard-take-without-variant",
    ),
    pytest.param(
        _with(variants=_variants(_standard(StepChoice("b:m1", StandardChoice.KEEP)))),
        "variants[2].choices[0].choice: the base map 'main' does not do 申請メールを送信",
        id="standard-keeps-what-the-base-lacks",
    ),
    pytest.param(
        _with(variants=_variants(_standard(StepChoice("s0", StandardChoice.DROP)))),
        "variants[2].choices[0].choice: 開始 (main:s0) is where the flow starts or ends",
        id="standard-drops-the-start",
    ),
    pytest.param(
        _with(
            variants=_variants(
                _standard(
                    StepChoice("s1", StandardChoice.DROP), StepChoice("c:s1", StandardChoice.KEEP)
                )
            )
        ),
        "variants[2].choices[1].step: 申請書を作成 (main:s1) is chosen twice",
        id="standard-chooses-a-step-twice",
    ),
    pytest.param(
        _with(variants=_variants(_standard(StepChoice("b:nope", StandardChoice.DROP)))),
        "variants[2].choices[0].step: no step 'nope' in variant 'b'",
        id="standard-names-a-missing-step",
    ),
    pytest.param(
        _with(variants=_variants(_standard(base="zz"))),
        "variants[2].base: 'zz' is not an as-is map of this workshop",
        id="standard-unknown-base",
    ),
    pytest.param(
        _with(
            variants=_variants(
                Variant("r", "参照", VariantKind.REFERENCE, choices=(StepChoice("s1"),))
            )
        ),
        "variants[2].choices: only a standard has choices; this is reference",
        id="choices-on-a-reference",
    ),
    pytest.param(
        _with(variants=_variants(Variant("b", "重複"))),
        "variants[2].id: duplicate variant id 'b'",
        id="duplicate-variant",
    ),
    pytest.param(
        _with(variants=_variants(Variant("main", "本体"))),
        "variants[2].id: 'main' is the workshop's own map's id",
        id="variant-with-the-primary-id",
    ),
    pytest.param(
        _with(variants=_variants(Variant("b c", "空白"))),
        "variants[2].id: 'b c' is not a valid id",
        id="bad-variant-id",
    ),
    pytest.param(
        _with(variants=_variants(Variant(" ", " "))),
        "variants[2].id: ' ' is not a valid id",
        id="blank-variant",
    ),
    pytest.param(
        _with(
            variants=(
                paper_and_mail()
                .variants[0]
                .edit(steps=(*paper_and_mail().variants[0].steps, step("x", "余分", lane="zz"))),
            )
        ),
        "variants[0].steps[4].lane: unknown lane 'zz'",
        id="variant-step-in-an-unknown-lane",
    ),
    pytest.param(
        _with(
            variants=(
                paper_and_mail()
                .variants[0]
                .edit(flows=(*paper_and_mail().variants[0].flows, Flow("m1", "zz"))),
            )
        ),
        "variants[0].flows[3].target: unknown step 'zz'",
        id="variant-flow-to-a-missing-step",
    ),
    pytest.param(
        _with(variants=(paper_and_mail().variants[0].edit(annual_cases=-1),)),
        "variants[0].annual_cases: must not be negative",
        id="variant-negative-cases",
    ),
    pytest.param(
        _with(primary=PrimaryMap("本体")),
        "primary.id: '本体' is not a valid id",
        id="bad-primary-id",
    ),
]


def _save(tmp_path: Path, workshop) -> Path:
    folder = tmp_path / "w"
    storage.create(folder, workshop)
    return folder


@pytest.mark.parametrize(("workshop", "message"), CASES)
def test_bad_maps_are_refused_on_load_with_one_line(tmp_path, cli, workshop, message):
    folder = _save(tmp_path, workshop)
    with pytest.raises(WorkshopError) as caught:
        storage.load(folder)
    assert str(caught.value).startswith(f"{folder / 'workshop.toml'}: {message}")

    result = cli("compare", folder)
    assert result.code == 2
    lines = result.err.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"cocreate: {folder / 'workshop.toml'}: {message}")
    assert "Traceback" not in result.err and result.out == ""


def _member_workshop(problem: Problem):
    base = paper_and_mail().edit(members=(Member("sato", "佐藤"),))
    return base.with_contributions(MemberContributions("sato", problems=(problem,)))


def test_a_problem_naming_an_unknown_variant_is_refused(tmp_path):
    problem = Problem("sato.p1", "押印が多い", "sato", variants=("zz",))
    folder = _save(tmp_path, _member_workshop(problem))
    with pytest.raises(WorkshopError, match=r"sato\.toml: problems\[0\]\.variants\[0\]"):
        storage.load(folder)


def test_a_problems_steps_are_those_of_its_variants(tmp_path):
    fine = Problem("sato.p1", "メールの確認が手間", "sato", steps=("m1",), variants=("b",))
    storage.load(_save(tmp_path / "ok", _member_workshop(fine)))

    wrong = fine.edit(steps=("s2",))  # main's step, not b's
    folder = _save(tmp_path / "bad", _member_workshop(wrong))
    with pytest.raises(WorkshopError) as caught:
        storage.load(folder)
    assert "problems[0].steps[0]: unknown step 's2' in variant b" in str(caught.value)


def test_a_problem_of_the_own_map_is_still_checked_against_it(tmp_path):
    wrong = Problem("sato.p1", "待ち", "sato", steps=("m1",))
    folder = _save(tmp_path, _member_workshop(wrong))
    with pytest.raises(WorkshopError, match=r"problems\[0\]\.steps\[0\]: unknown step 'm1'"):
        storage.load(folder)
