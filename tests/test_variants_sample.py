"""The sample's three bureaus of 備品貸出: a comparison a ministry reader would act on."""

from __future__ import annotations

import re

import pytest

from cocreate import storage
from cocreate.model import Medium, VariantKind
from cocreate.variants.compare import compare
from cocreate.variants.fitgap import fit_gap
from cocreate.variants.maps import maps
from cocreate.variants.standard import as_is_maps, is_current, savings
from tests.conftest import ROOT, SAMPLE


@pytest.fixture(scope="module")
def workshop():
    return storage.load(SAMPLE)


def test_the_sample_has_three_bureaus_a_reference_and_a_standard(workshop):
    kinds = {m.id: m.kind for m in maps(workshop)}
    assert as_is_maps(workshop) == ("seisaku", "kokusai", "chiiki")
    assert kinds["ref"] == VariantKind.REFERENCE and kinds["hyojun"] == VariantKind.STANDARD
    assert is_current(workshop, "hyojun"), "regenerate the sample: python scripts/make_sample.py"


def test_the_comparison_finds_each_bureaus_own_way(workshop):
    comparison = compare(workshop, as_is_maps(workshop))
    only = {step.row.name: step for step in comparison.partial()}
    deputy = only["課長補佐の確認・押印"]
    assert deputy.present == ("chiiki",) and deputy.way("chiiki").medium == Medium.SEAL
    sheet = only["在庫表（Excel）にも貸出を記入"]
    assert sheet.present == ("kokusai",)
    carrying = only["申請書を総務課へ持参"]
    assert carrying.present == ("seisaku", "chiiki")
    by_name = {step.row.name: step for step in comparison.steps}
    assert by_name["貸出申請"].best == "kokusai"
    assert by_name["貸出申請"].way("kokusai").medium == Medium.EMAIL
    ledger = by_name["在庫確認"]
    assert ledger.way("kokusai").medium == Medium.PAPER and ledger.best == "seisaku"
    hours = {f.map.id: f.value("annual_hours") / f.value("annual_cases") for f in comparison.maps}
    assert hours["kokusai"] < hours["seisaku"] < hours["chiiki"]


def test_every_bureau_saves_with_the_standard(workshop):
    result = savings(workshop, "hyojun")
    assert [b.map.id for b in result.bureaus] == ["seisaku", "kokusai", "chiiki"]
    assert all(b.hours_saved > 0 for b in result.bureaus)
    assert result.hours_saved == pytest.approx(sum(b.hours_saved for b in result.bureaus))


def test_the_savings_table_in_the_docs_is_the_samples(workshop):
    text = (ROOT / "docs" / "process.md").read_text(encoding="utf-8")
    result = savings(workshop, "hyojun")
    for bureau in result.bureaus:
        row = (
            f"| {bureau.map.name} | {bureau.annual_cases:,.0f} | {bureau.as_is.annual_hours:,.1f}"
            f" | {bureau.standard.annual_hours:,.1f} | {bureau.hours_saved:,.1f} |"
        )
        assert row in text, row
    assert re.search(
        rf"\| total \| [\d,]+ \| [\d,.]+ \| [\d,.]+ \| {result.hours_saved:,.1f} \|", text
    )


def test_fit_and_gap_against_the_reference(workshop):
    chiiki = fit_gap(workshop, "ref", "chiiki")
    assert "c01" in [item.step.step for item in chiiki.gaps]
    assert [item.reference_name for item in chiiki.missing] == ["返却期限の自動通知"]
    kokusai = fit_gap(workshop, "ref", "kokusai")
    assert not any(item.touch_differs for item in kokusai.fits if item.step.step == "s03")
    seisaku = fit_gap(workshop, "ref", "seisaku")
    assert any(item.touch_differs for item in seisaku.fits if item.step.step == "s03")
