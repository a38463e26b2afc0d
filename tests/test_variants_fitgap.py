"""Fit and gap of a bureau's map against a reference flow."""

from __future__ import annotations

import json

import pytest

from cocreate.errors import InputError
from cocreate.model import Medium, VariantKind
from cocreate.variants.align import match
from cocreate.variants.fitgap import fit_gap, reference_maps
from tests.variants_fixtures import end, paper_and_mail, start, step, variant


def _with_reference():
    reference = variant(
        "ref",
        (
            start("r0", "申請の必要"),
            step("r1", "電子申請", medium=Medium.SYSTEM, lane="a"),
            step("r2", "内容の確認", medium=Medium.SYSTEM),
            step("r3", "台帳の自動更新", medium=Medium.SYSTEM),
            end("r9", "完了"),
        ),
        kind=VariantKind.REFERENCE,
        name="標準業務フロー",
    )
    w = paper_and_mail()
    w = w.edit(variants=(*w.variants, reference))
    return match(w, ["s1", "b:m1", "ref:r1"], "申請")


def test_fits_gaps_and_missing_steps():
    result = fit_gap(_with_reference(), "ref", "c")
    assert [i.step.step for i in result.fits] == ["s1", "s3"]
    assert [i.reference.step for i in result.fits] == ["r1", "r2"]
    assert [i.step.step for i in result.gaps] == ["d1", "s2"]  # the deputy's seal, carrying
    assert [i.reference.step for i in result.missing] == ["r3"]
    assert result.fit_rate == pytest.approx(2 / 3)


def test_a_fit_on_paper_where_the_reference_is_not_is_marked():
    result = fit_gap(_with_reference(), "ref", "main")
    marked = {i.step.step: i.touch_differs for i in result.fits}
    assert marked == {"s1": True, "s3": True}
    assert {i.step.step: i.touch_differs for i in fit_gap(_with_reference(), "ref", "b").fits} == {
        "m1": False,
        "s3": False,
    }


def test_start_and_end_steps_are_not_counted():
    result = fit_gap(_with_reference(), "ref", "b")
    named = {i.row for i in (*result.fits, *result.gaps, *result.missing)}
    assert "main:s0" not in named and "main:s9" not in named


def test_the_json_lists_all_three(tmp_path):
    data = json.loads(json.dumps(fit_gap(_with_reference(), "ref", "c").as_dict()))
    assert data["reference"]["id"] == "ref" and data["map"]["id"] == "c"
    assert [i["step"] for i in data["gaps"]] == ["d1", "s2"]
    assert data["missing"][0]["reference_name"] == "台帳の自動更新"


def test_unknown_maps_are_refused():
    w = _with_reference()
    assert reference_maps(w) == ("ref",)
    with pytest.raises(InputError, match="unknown variant 'zz'"):
        fit_gap(w, "zz", "main")
    with pytest.raises(InputError, match="not itself"):
        fit_gap(w, "ref", "ref")
