"""The bureaus' comparison under the Map tab: side by side, alignment confirmed or corrected,
and the standard flow composed; each checked on the workshop file saved."""

from __future__ import annotations

from pathlib import Path

from cocreate import storage
from cocreate.model import StandardChoice
from cocreate.tui.widgets.phase_tabs import PhaseTabs
from cocreate.variants.align import align
from cocreate.variants.standard import savings
from tests.tui.conftest import build_app, settle
from tests.tui.forms_fill import fill, told


def _row(pane, name: str) -> int:
    return [s.row.name for s in pane.computed.comparison.steps].index(name)


async def test_b_shows_the_bureaus_side_by_side_under_the_map_tab(sample: Path) -> None:
    app = build_app(sample)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("b")
        await settle(pilot)
        pane = app.main.pane
        assert app.phase == "variants" and app.main.query_one(PhaseTabs).phase == "map"
        names = [f.map.name for f in pane.computed.comparison.maps]
        assert names[:3] == ["政策局", "国際局", "地域局"]
        row = pane.steps.get_row_at(_row(pane, "課長補佐の確認・押印"))
        assert "⚑" in row[0]  # only one bureau has the extra approval
        assert [str(c) for c in row[2:5]] == ["—", "—", "5/720 押印"]
        assert "★" in str(pane.steps.get_row_at(_row(pane, "貸出申請"))[3])  # 国際局 by email
        assert "削減" in str(pane.savings.render())
        await pilot.press("escape")
        assert app.phase == "map"


async def test_confirming_and_letting_go_of_a_row_is_written_to_the_file(sample: Path) -> None:
    app = build_app(sample, phase="variants")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        pane = app.main.pane
        rule = next(s for s in pane.computed.comparison.steps if not s.row.confirmed)
        pane.steps.move_cursor(row=_row(pane, rule.row.name))
        await pilot.press("m")
        await settle(pilot)
        saved = storage.load(sample)
        assert align(saved).row_of(rule.row.steps[0]).confirmed
        pane.steps.move_cursor(row=_row(pane, rule.row.name))
        await pilot.press("u")
        await settle(pilot)
    assert not align(storage.load(sample)).row_of(rule.row.steps[0]).confirmed


async def test_splitting_a_step_out_keeps_it_apart(sample: Path) -> None:
    app = build_app(sample, phase="variants")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        pane = app.main.pane
        step = pane.computed.comparison.steps[_row(pane, "在庫確認")]
        pane.steps.move_cursor(row=_row(pane, "在庫確認"))
        apart = str(step.row.steps[-1])
        await pilot.press("s")
        await fill(pilot, step=apart)
        await settle(pilot)
    alignment = align(storage.load(sample))
    row = alignment.row_of(step.row.steps[-1])
    assert row is not None and len(row.steps) == 1 and row.confirmed


async def test_the_standard_flow_drops_and_takes_a_bureaus_way(sample: Path) -> None:
    std = "hyojun"
    before = savings(storage.load(sample), std).hours_saved
    app = build_app(sample, phase="variants")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        pane = app.main.pane
        pane.steps.move_cursor(row=_row(pane, "在庫確認"))
        await pilot.press("t")
        await fill(pilot, variant="kokusai")
        await settle(pilot)
        pane.steps.move_cursor(row=_row(pane, "管理簿の更新"))
        await pilot.press("x")
        await settle(pilot)
        assert "削除" in str(pane.steps.get_row_at(_row(pane, "管理簿の更新"))[-1])
    saved = storage.load(sample)
    choices = {(c.choice, c.variant) for c in saved.variant(std).choices}
    assert (StandardChoice.TAKE, "kokusai") in choices and (StandardChoice.DROP, "") in choices
    assert savings(saved, std).hours_saved != before


async def test_joining_two_rows_of_the_same_bureau_is_refused(sample: Path) -> None:
    before = storage.load(sample).alignments
    app = build_app(sample, phase="variants")
    notes = told(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        pane = app.main.pane
        other = pane.computed.comparison.steps[_row(pane, "在庫確認")].row.id
        pane.steps.move_cursor(row=_row(pane, "貸出申請"))
        await pilot.press("j")
        await fill(pilot, row=other)
        await settle(pilot)
    assert any("named twice" in note for note in notes), notes  # the one-line reason
    assert storage.load(sample).alignments == before


class TestVariantsSnapshot:
    def test_bureaus_japanese_120x40(self, snap_compare, sample: Path) -> None:
        app = build_app(sample, lang="ja", phase="variants")
        assert snap_compare(app, terminal_size=(120, 40), run_before=settle)
