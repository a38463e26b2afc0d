"""The Tasks view under the Pilot tab: one owner each, due dates, status; refusals shown."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from textual.widgets import DataTable

from cocreate import storage
from cocreate.model import TaskStatus
from cocreate.tui.screens.forms import FormScreen
from cocreate.tui.widgets.phase_tabs import PhaseTabs
from tests.conftest import ROOT
from tests.tui.conftest import FIXED_NOW, build_app, settle
from tests.tui.forms_fill import fill, told

PILOT_SAMPLE = ROOT / "workshops" / "equipment-lending-pilot"


@pytest.fixture
def piloted(tmp_path: Path) -> Path:
    """A writable copy of the sample whose 8-week pilot has run."""
    target = tmp_path / "equipment-lending-pilot"
    shutil.copytree(PILOT_SAMPLE, target)
    return target


async def test_ctrl_l_opens_the_tasks_under_the_pilot_tab_and_escape_goes_back(
    piloted: Path,
) -> None:
    app = build_app(piloted, phase="pilot")
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+l")
        await settle(pilot)
        assert app.phase == "tasks"
        assert app.main.query_one(PhaseTabs).phase == "pilot"  # the Pilot tab stays lit
        table = app.main.pane.query_one("#tasks", DataTable)
        assert table.row_count == len(app.session.workshop.pilot.tasks) == 9
        await pilot.press("escape")
        await settle(pilot)
        assert app.phase == "pilot"


async def test_a_task_added_in_the_form_is_saved_with_its_one_owner(piloted: Path) -> None:
    app = build_app(piloted, phase="tasks")
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await fill(
            pilot,
            title="横展開先への説明会",
            owner="sato",
            helpers=("sato", "kato"),  # the owner ticked as a helper too: kept owner only
            due="２０２７年４月５日",
            status="in-progress",
        )
        await settle(pilot)
    saved = storage.load(piloted).pilot.tasks
    task = next(t for t in saved if t.title == "横展開先への説明会")
    assert task.owner == "sato" and task.helpers == ("kato",)
    assert task.due == dt.date(2027, 4, 5) and task.status == TaskStatus.IN_PROGRESS


async def test_a_date_that_is_not_one_is_refused_and_the_form_keeps_what_was_typed(
    piloted: Path,
) -> None:
    before = storage.load(piloted).pilot.tasks
    app = build_app(piloted, phase="tasks")
    notes = told(app)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await fill(pilot, title="説明資料の作成", owner="kato", due="来週中")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, FormScreen)  # asked again
        assert form.values()["title"] == "説明資料の作成" and form.values()["due"] == "来週中"
        assert any("not a date" in note for note in notes)
    assert storage.load(piloted).pilot.tasks == before


async def test_space_completes_the_task_today_and_late_or_unowned_tasks_are_flagged(
    piloted: Path,
) -> None:
    app = build_app(piloted, phase="tasks")
    async with app.run_test(size=(120, 32)) as pilot:
        await settle(pilot)
        pane = app.main.pane
        # A task due before the app's (fixed) today, still open, and with nobody named.
        await pilot.press("a")
        await fill(pilot, title="回覧文書の差し替え", owner="kato", due="2026-10-01")
        await settle(pilot)
        warnings = str(pane.warnings.render())
        assert "期限を 19 日過ぎています" in warnings
        added = next(t for t in app.session.workshop.pilot.tasks if t.title == "回覧文書の差し替え")
        row = [r.task.id for r in pane.rows].index(added.id)
        pane.table.move_cursor(row=row)
        await pilot.press("space")
        await settle(pilot)
        assert "回覧文書の差し替え" not in str(pane.warnings.render())
    task = next(t for t in storage.load(piloted).pilot.tasks if t.id == added.id)
    assert task.status == TaskStatus.DONE and task.done_on == FIXED_NOW.date()


async def test_a_milestone_outside_the_period_is_named(sample: Path) -> None:
    # The bundled sample's 効果測定 milestone falls after its 8-week period.
    app = build_app(sample, phase="tasks")
    async with app.run_test(size=(120, 32)) as pilot:
        await settle(pilot)
        text = str(app.main.pane.warnings.render())
    assert "効果測定" in text and "試行期間の" in text


async def test_members_cannot_edit_tasks(piloted: Path) -> None:
    before = storage.load(piloted).pilot.tasks
    app = build_app(piloted, phase="tasks", member="kato")
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press("a", "space", "delete")
        await settle(pilot)
        assert not isinstance(app.screen, FormScreen)
    assert storage.load(piloted).pilot.tasks == before
