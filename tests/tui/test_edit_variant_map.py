"""A bureau's or a to-be map is shown and edited on the Map pane like the own map
(issue 17 §1, issue 16 §2): `n` shows the next map; every edit lands in that map only."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, Label

from cocreate import storage
from cocreate.process.metrics import analyse
from tests.conftest import SAMPLE
from tests.tui.conftest import build_app, settle

PILOT_SAMPLE = SAMPLE.parent / "equipment-lending-pilot"


def _shown_ids(app) -> list[str]:
    table = app.screen.query_one("#steps", DataTable)
    return [str(table.get_row_at(row)[0]) for row in range(table.row_count)]


def _title(app) -> str:
    return str(app.screen.query_one("#view-title", Label).render())


async def _fill(pilot, name: str, text: str) -> None:
    widget = pilot.app.screen.inputs[name]
    assert isinstance(widget, Input)
    widget.focus()
    widget.value = text
    await pilot.pause()


async def test_n_shows_each_map_in_turn_and_its_own_metrics(sample: Path) -> None:
    workshop = storage.load(sample)
    app = build_app(sample, lang="ja")
    async with app.run_test(size=(140, 44)) as pilot:
        await settle(pilot)
        assert "政策局（自局）" in _title(app)
        assert _shown_ids(app) == [s.id for s in workshop.steps]
        await pilot.press("n")
        await settle(pilot)
        kokusai = workshop.variant_view("kokusai")
        assert "国際局（現状）" in _title(app)
        assert _shown_ids(app) == [s.id for s in kokusai.steps]
        pane = app.screen.query_one("#phase-map")
        assert pane.metrics.annual_hours == pytest.approx(analyse(kokusai).annual_hours)
        for _ in workshop.variants:  # past chiiki, ref and hyojun, back to the own map
            await pilot.press("n")
            await settle(pilot)
        assert "政策局（自局）" in _title(app)
        assert _shown_ids(app) == [s.id for s in workshop.steps]


async def test_an_added_step_and_a_nudge_land_in_the_bureaus_map_only(sample: Path) -> None:
    before = storage.load(sample)
    app = build_app(sample, lang="ja")
    async with app.run_test(size=(140, 44)) as pilot:
        await settle(pilot)
        await pilot.press("n")  # 国際局
        await settle(pilot)
        table = app.screen.query_one("#steps", DataTable)
        table.move_cursor(row=1)  # s02
        await pilot.press("plus", "plus")
        await settle(pilot)
        await pilot.press("a")
        await pilot.pause()
        await _fill(pilot, "name", "在庫表の二重記入を確認")
        await _fill(pilot, "minutes", "3")
        await pilot.press("enter")
        await settle(pilot)
    after = storage.load(sample)
    kokusai, was = after.variant_view("kokusai"), before.variant_view("kokusai")
    assert kokusai.step("s02").minutes == was.step("s02").minutes + 2
    added = [s for s in kokusai.steps if s.id not in {t.id for t in was.steps}]
    assert [(s.name, s.minutes) for s in added] == [("在庫表の二重記入を確認", 3.0)]
    assert after.steps == before.steps, "the own map is as it was"
    assert [v for v in after.variants if v.id != "kokusai"] == [
        v for v in before.variants if v.id != "kokusai"
    ]


async def test_the_standard_is_not_edited_by_hand(sample: Path) -> None:
    before = storage.load(sample)
    app = build_app(sample, lang="ja")
    async with app.run_test(size=(140, 44)) as pilot:
        await settle(pilot)
        for _ in range(len(before.variants)):  # the last map is the standard, hyojun
            await pilot.press("n")
            await settle(pilot)
        assert "標準フロー案（標準）" in _title(app)
        await pilot.press("plus")
        await settle(pilot)
        shown = [n.message for n in app._notifications]
        assert any("部局比較（b）" in text for text in shown), shown
    assert storage.load(sample).variant("hyojun") == before.variant("hyojun")


async def test_a_to_be_map_is_edited_where_the_pilot_runs(tmp_path: Path) -> None:
    """The pilot sample's to-be map (the process as it now runs) is edited in the app."""
    folder = tmp_path / "pilot"
    shutil.copytree(PILOT_SAMPLE, folder)
    before = storage.load(folder)
    target = before.variants[-1]
    app = build_app(folder, lang="en")
    async with app.run_test(size=(140, 44)) as pilot:
        await settle(pilot)
        for _ in before.variants:
            await pilot.press("n")
            await settle(pilot)
        assert f"{target.name} (to-be) │" in _title(app)
        table = app.screen.query_one("#steps", DataTable)
        table.move_cursor(row=2)
        step_id = _shown_ids(app)[2]
        await pilot.press("minus")
        await settle(pilot)
    after = storage.load(folder)
    was = before.variant_view(target.id).step(step_id).minutes
    assert after.variant_view(target.id).step(step_id).minutes == max(0.0, was - 1)
    assert after.steps == before.steps


async def test_one_map_only_has_no_next_map_key(tmp_path: Path) -> None:
    folder = tmp_path / "one"
    shutil.copytree(SAMPLE, folder)
    workshop = storage.load(folder)
    storage.save(folder, workshop.edit(variants=(), alignments=()))
    app = build_app(folder, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        pane = app.screen.query_one("#phase-map")
        assert pane.check_action("next_map", ()) is False
        assert "│" not in _title(app)
        await pilot.press("n")
        await settle(pilot)
        assert pane.map_id == ""
