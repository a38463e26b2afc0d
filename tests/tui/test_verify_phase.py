"""The Verify phase (9): KPIs against the baseline, measurements, the survey re-run, the
criteria, the rollout decision and the results report, each checked on the files saved."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from cocreate import storage
from cocreate.model import Outcome
from cocreate.tui.screens.forms import FormScreen
from cocreate.verify.evaluate import evaluate
from cocreate.verify.kpis import Verdict
from tests.conftest import ROOT
from tests.tui.conftest import build_app, settle
from tests.tui.forms_fill import fill, told

PILOT_SAMPLE = ROOT / "workshops" / "equipment-lending-pilot"


@pytest.fixture
def piloted(tmp_path: Path) -> Path:
    target = tmp_path / "equipment-lending-pilot"
    shutil.copytree(PILOT_SAMPLE, target)
    return target


def _row_of(pane, kpi_id: str) -> int:
    return [k.kpi.id for k in pane.evaluation.kpis].index(kpi_id)


async def test_key_9_shows_every_kpi_judged_as_the_evaluation_judges_it(piloted: Path) -> None:
    expected = evaluate(storage.load(piloted))
    app = build_app(piloted)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press("9")
        await settle(pilot)
        pane = app.main.pane
        assert app.phase == "verify" and pane.evaluation is not None
        table = pane.table
        assert table.row_count == len(expected.kpis) == 7
        k4 = _row_of(pane, "k4")
        assert str(table.get_row_at(k4)[6]) == "未達"  # the sample's one missed target
        assert str(table.get_row_at(k4)[5]) == f"{expected.kpi('k4').achievement:.0%}"
        assert "r1" in str(pane.criteria.render()) and "m14" in str(pane.criteria.render())


async def test_a_measurement_added_turns_the_missed_target_met(piloted: Path) -> None:
    app = build_app(piloted, phase="verify")
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        pane = app.main.pane
        pane.table.move_cursor(row=_row_of(pane, "k4"))
        await pilot.press("a")
        assert app.screen.values()["kpi"] == "k4"  # the highlighted KPI to start with
        await fill(pilot, value="4%", date="2027-03-15", method="system-log", by="kato")
        await settle(pilot)
        assert pane.evaluation.kpi("k4").verdict == Verdict.MET
    saved = storage.load(piloted)
    latest = [m for m in saved.pilot.measurements if m.kpi == "k4"][-1]
    assert (latest.value, latest.date, latest.by) == (0.04, dt.date(2027, 3, 15), "kato")
    assert evaluate(saved).kpi("k4").verdict == Verdict.MET


async def test_a_measurement_before_the_pilot_or_of_the_wrong_unit_is_refused(
    piloted: Path,
) -> None:
    before = storage.load(piloted).pilot.measurements
    start = storage.load(piloted).pilot.start
    assert start is not None
    app = build_app(piloted, phase="verify")
    notes = told(app)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        early = (start - dt.timedelta(days=3)).isoformat()
        await fill(pilot, kpi="k4", value="0.04", date=early)
        await settle(pilot)
        assert not isinstance(app.screen, FormScreen)  # the domain refused it in apply
        assert any("before the pilot" in note for note in notes)
        await pilot.press("a")
        await fill(pilot, kpi="k4", value="たくさん", date="2027-03-10")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)  # asked again, value kept
        assert app.screen.values()["value"] == "たくさん"
    assert storage.load(piloted).pilot.measurements == before


async def test_the_survey_rerun_measures_the_map_kpis_on_the_to_be_map(piloted: Path) -> None:
    before = len(storage.load(piloted).pilot.measurements)
    app = build_app(piloted, phase="verify")
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await fill(pilot, variant="tobe-w8", date="2027-03-19", by="sato")
        await settle(pilot)
    saved = storage.load(piloted).pilot.measurements
    added = saved[before:]
    assert added and all(m.variant == "tobe-w8" and m.by == "sato" for m in added)
    assert {m.kpi for m in added} == {"k1", "k2", "k3"}  # the KPIs taken from the map


async def test_the_decision_needs_reasons_and_a_rollout_its_next_scope(piloted: Path) -> None:
    before = storage.load(piloted).decisions
    app = build_app(piloted, phase="verify")
    notes = told(app)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press("d")
        await fill(pilot, outcome="rollout", by="kobayashi", reasons="基準をすべて満たした")
        await settle(pilot)
        assert any("next scope" in note for note in notes)  # a rollout needs units
        assert storage.load(piloted).decisions == before
        await pilot.press("d")
        await fill(
            pilot,
            outcome="continue",
            by="kobayashi",
            reasons="差戻し率が目標に届かない、4月の繁忙期で再確認する",
            date="2027-03-30",
        )
        await settle(pilot)
        assert "継続試行" in str(app.main.pane.decision.render())
    decisions = storage.load(piloted).decisions
    assert len(decisions) == len(before) + 1
    last = decisions[-1]
    assert last.rollout is not None and last.rollout.outcome == Outcome.CONTINUE
    assert last.rollout.reasons == ("差戻し率が目標に届かない", "4月の繁忙期で再確認する")
    assert (last.date, last.owner) == (dt.date(2027, 3, 30), "kobayashi")


@pytest.mark.parametrize("way", ["key", "button"])
async def test_ctrl_x_or_the_button_exports_the_results_report(piloted: Path, way: str) -> None:
    app = build_app(piloted, phase="verify")
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        if way == "key":
            await pilot.press("ctrl+x")
        else:
            await pilot.click("#verify-export")
        await settle(pilot)
        written = app.main.pane.last_export
    names = sorted(p.name for p in written)
    assert "results-ja.html" in names and "results-ja.md" in names
    html = (piloted / "report" / "results-ja.html").read_text(encoding="utf-8")
    assert "実証結果報告書" in html


async def test_the_evaluation_waits_until_the_pane_is_shown(piloted: Path) -> None:
    app = build_app(piloted, prebuild=True)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        screen = app.main
        while len(screen.panes) < 11:
            await pilot.pause()
        await settle(pilot)
        pane = screen.panes["verify"]
        assert pane.evaluation is None  # built ahead, hidden: no worker ran for it
        await pilot.press("9")
        await settle(pilot)
        assert pane.evaluation is not None


class TestVerifySnapshot:
    def test_verify_japanese_100x32(self, snap_compare, piloted: Path) -> None:
        app = build_app(piloted, lang="ja", phase="verify")
        assert snap_compare(app, terminal_size=(100, 32), run_before=settle)
