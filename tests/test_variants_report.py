"""The proposal's section 部局間の比較と標準化案: there with several bureaus' maps, not with one."""

from __future__ import annotations

import dataclasses

import pytest

from cocreate import storage
from cocreate.model import Variant
from cocreate.reports.assemble import SECTIONS, Table, assemble
from cocreate.reports.html import render as render_html
from cocreate.reports.markdown import render as render_md
from cocreate.variants.standard import savings
from tests.conftest import ROOT, SAMPLE


@pytest.fixture(scope="module")
def workshop():
    return storage.load(SAMPLE)


@pytest.fixture(scope="module")
def report(workshop):
    return assemble(workshop, "ja", figures=False)


def _tables(section) -> dict[str, Table]:
    return {b.name: b for b in section.blocks if isinstance(b, Table)}


def test_the_sample_gets_the_section_before_the_appendix(report) -> None:
    ids = [s.id for s in report.sections]
    assert ids == [section_id for section_id, _ in SECTIONS]
    section = report.sections[ids.index("variants")]
    assert (section.number, section.title) == ("9", "部局間の比較と標準化案")
    assert report.sections[-1].id == "appendix" and report.sections[-1].number == "10"


def test_the_comparison_has_a_column_per_map_and_the_steps_only_some_bureaus_have(
    report,
) -> None:
    section = next(s for s in report.sections if s.id == "variants")
    tables = _tables(section)
    figures = tables["variant_figures"]
    assert figures.headers[1:4] == ("政策局", "国際局", "地域局")
    steps = tables["variant_steps"]
    row = next(r for r in steps.rows if r[0] == "課長補佐の確認・押印")
    assert row[1] == row[2] == "—" and "押印" in row[3]  # only 地域局 has the extra seal
    assert any("chiiki:" in ref for ref in row[-1])  # traced to the map's step id
    best = next(r for r in steps.rows if r[0] == "貸出申請")
    assert best[2].startswith("★") and "メール" in best[2]  # 国際局 takes requests by email


def test_the_savings_per_bureau_are_the_standards(workshop, report) -> None:
    section = next(s for s in report.sections if s.id == "variants")
    table = _tables(section)["standard_savings"]
    saved = savings(workshop, "hyojun")
    assert [r[0] for r in table.rows[:-1]] == [b.map.name for b in saved.bureaus]
    assert table.rows[-1][0] == "合計"
    assert f"{saved.hours_saved:,.0f}" in table.rows[-1][4]
    for row, bureau in zip(table.rows, saved.bureaus, strict=False):
        assert f"{bureau.hours_saved:,.0f}" in row[4]


def test_one_map_has_no_such_section_and_the_numbers_close_up() -> None:
    one = storage.load(ROOT / "workshops" / "equipment-lending-pilot")
    ids = [s.id for s in assemble(one, "en", figures=False).sections]
    assert "variants" not in ids
    numbers = [s.number for s in assemble(one, "en", figures=False).sections]
    assert numbers == [str(n) for n in range(1, len(ids) + 1)]


def test_bureau_names_are_escaped_in_html_and_markdown(workshop) -> None:
    hostile = "<script>alert(1)</script>|**x**"
    variants = tuple(
        dataclasses.replace(v, name=hostile) if v.id == "kokusai" else v for v in workshop.variants
    )
    report = assemble(workshop.edit(variants=variants), "en", figures=False)
    html = render_html(report)
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html
    md, _ = render_md(report, "figures")
    assert "<script>" not in md


def test_the_drawing_of_the_standard_is_named_and_traced(workshop) -> None:
    report = assemble(workshop, "en", figures=True)
    names = [image.name for image in report.images]
    assert "standard" in names
    image = next(i for i in report.images if i.name == "standard")
    assert image.format == "svg" and image.tables == ("standard_choices",)
    assert isinstance(workshop.variant("hyojun"), Variant)


def test_each_bureau_is_checked_against_the_reference_flow(workshop, report) -> None:
    from cocreate.variants.fitgap import fit_gap

    section = next(s for s in report.sections if s.id == "variants")
    table = _tables(section)["fit_gap"]
    chiiki = next(r for r in table.rows if r[0] == "地域局")
    expected = fit_gap(workshop, "ref", "chiiki")
    assert chiiki[1] == str(len(expected.fits))
    assert "課長補佐の確認・押印 (chiiki:c01)" in chiiki[2]  # its own extra seal is a gap
    assert all(str(i.reference) in chiiki[3] for i in expected.missing)
