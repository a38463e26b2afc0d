"""The maps side by side: each figure is the metrics' own, per step the ways and the best."""

from __future__ import annotations

import csv
import io
import json

import pytest

from cocreate.errors import InputError
from cocreate.model import Medium, VariantKind
from cocreate.process.metrics import analyse, metric_value
from cocreate.variants.compare import PER_CASE, PER_YEAR, compare, csv_rows, write_csv
from cocreate.variants.maps import map_view
from tests.variants_fixtures import end, paper_and_mail, start, step, variant, workshop


def test_every_figure_is_the_metrics_of_the_maps_view():
    w = paper_and_mail()
    comparison = compare(w)
    assert comparison.ids == ("main", "b", "c")
    for figures in comparison.maps:
        expected = analyse(map_view(w, figures.map.id))
        for name in PER_CASE + PER_YEAR:
            want = expected.annual_cases if name == "annual_cases" else metric_value(expected, name)
            assert figures.value(name) == pytest.approx(want), (figures.map.id, name)
    # and the maps do differ, so the comparison says something
    hours = [f.value("annual_hours") for f in comparison.maps]
    assert len(set(hours)) == 3


def test_each_aligned_step_shows_every_maps_way_or_its_absence():
    comparison = compare(paper_and_mail())
    by_row = {step.row.id: step for step in comparison.steps}
    check = by_row["main:s3"]
    assert [(w.variant, w.minutes, w.medium) for w in check.ways] == [
        ("main", 10.0, Medium.PAPER),
        ("b", 6.0, Medium.EMAIL),
        ("c", 10.0, Medium.PAPER),
    ]
    seal = by_row["c:d1"]
    assert seal.partial and seal.present == ("c",)
    assert [w is None for w in seal.ways] == [True, True, False]
    assert {s.row.id for s in comparison.partial()} == {"main:s1", "main:s2", "b:m1", "c:d1"}


def test_the_best_way_is_the_fastest_without_paper_seal_or_counter():
    fast_paper = (start(), step("x", "確認", 3, medium=Medium.PAPER), end())
    slow_mail = (start(), step("x", "確認", 5, medium=Medium.EMAIL), end())
    slower_system = (start(), step("x", "確認", 8, medium=Medium.SYSTEM), end())
    w = workshop(fast_paper, variant("b", slow_mail), variant("c", slower_system))
    row = next(s for s in compare(w).steps if s.row.id == "main:x")
    assert row.fastest == "main"
    assert row.best == "b"
    assert row.paperless == ("b", "c")


def test_waiting_counts_in_how_fast_a_way_is():
    quick = (start(), step("x", "承認", 5, wait_minutes=1440.0, medium=Medium.SYSTEM), end())
    slow = (start(), step("x", "承認", 10, medium=Medium.SYSTEM), end())
    row = next(
        s for s in compare(workshop(quick, variant("b", slow))).steps if s.row.id == "main:x"
    )
    assert row.fastest == row.best == "b"


def test_a_step_done_the_same_way_everywhere_has_no_best():
    comparison = compare(paper_and_mail(), ["main", "c"])
    row = next(s for s in comparison.steps if s.row.id == "main:s3")
    assert row.best is None and row.fastest is None


def test_references_are_left_out_unless_named():
    w = paper_and_mail()
    ref = variant("r", (start(), step("x", "電子申請"), end()), kind=VariantKind.REFERENCE)
    w = w.edit(variants=(*w.variants, ref))
    assert compare(w).ids == ("main", "b", "c")
    assert compare(w, ["r", "main"]).ids == ("r", "main")
    with pytest.raises(InputError, match="unknown variant 'zz'"):
        compare(w, ["zz"])


def test_the_json_carries_figures_ways_and_partial_steps():
    data = json.loads(json.dumps(compare(paper_and_mail()).as_dict(), ensure_ascii=False))
    assert [m["id"] for m in data["maps"]] == ["main", "b", "c"]
    assert set(data["maps"][0]["per_case"]) == set(PER_CASE)
    assert set(data["maps"][0]["per_year"]) == set(PER_YEAR)
    seal = next(s for s in data["steps"] if s["id"] == "c:d1")
    assert seal["ways"][:2] == [None, None] and seal["ways"][2]["medium"] == "seal"
    assert "c:d1" in data["partial"]


def test_the_csv_is_neutralised_and_excel_ready(tmp_path):
    w = paper_and_mail()
    b = w.variant("b")
    b = b.edit(
        name='=HYPERLINK("http://x")',
        steps=tuple(s.edit(name="+申請メール") if s.id == "m1" else s for s in b.steps),
    )
    w = w.edit(variants=(b, w.variant("c")))
    target = write_csv(compare(w), tmp_path / "compare.csv", "en")
    raw = target.read_bytes()
    assert raw.startswith("\ufeff".encode()) and b"\r\n" in raw
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][:2] == ["section", "item"] and rows[0][-1] == "best"
    assert rows[0][3].startswith("'=HYPERLINK")
    assert any(row[1] == "'+申請メール" for row in rows)
    hours = next(row for row in rows if row[0] == "per_year" and row[1].startswith("Annual"))
    assert float(hours[2]) == pytest.approx(compare(w).maps[0].value("annual_hours"))
    # a step a map lacks is an empty cell, not a zero
    seal = next(row for row in rows if row[0] == "step_minutes" and row[1] == "課長補佐の押印")
    assert seal[2:5] == ["", "", "5.0"]
    assert len(csv_rows(compare(w))) == len(rows)
