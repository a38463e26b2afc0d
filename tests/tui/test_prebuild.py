"""Phase panes built after the first frame, then shown up to date; forms opened over them."""

from __future__ import annotations

import datetime as dt
import gc
from pathlib import Path

import pytest
from textual.widgets import DataTable, Input

from cocreate import contribute, storage
from cocreate.tui.bindings import PANE_NAMES, PHASES
from cocreate.tui.phases.base import PhasePane
from cocreate.tui.screens.forms import FormScreen
from cocreate.tui.screens.workshop import pane_class
from tests.tui.conftest import build_app, settle

NOW = dt.datetime(2026, 10, 20, 10, 30)


@pytest.fixture
def shows(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Each time a pane is filled in with the workshop: its phase."""
    seen: list[str] = []
    for phase in PANE_NAMES:
        cls = pane_class(phase)
        original = cls.show_workshop

        def counting(self: PhasePane, workshop, original=original) -> None:
            seen.append(self.PHASE)
            original(self, workshop)

        monkeypatch.setattr(cls, "show_workshop", counting)
    return seen


async def test_every_phase_is_built_and_filled_in_before_its_first_visit(
    sample: Path, shows: list[str]
) -> None:
    app = build_app(sample, lang="en", prebuild=True)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert app.screens_built
        assert sorted(app.main.panes) == sorted(PANE_NAMES)
        assert all(pane.is_mounted for pane in app.main.panes.values())
        assert sorted(set(shows)) == sorted(PANE_NAMES)
        assert app.phase == "map", "building them does not show them"
        assert [pane.PHASE for pane in app.main.panes.values() if pane.display] == ["map"]
        shows.clear()
        for number, phase in enumerate(PHASES[1:], start=2):
            await pilot.press(str(number))
            await pilot.pause()
            assert app.phase == phase
        assert shows == [], "a first visit shows what was built, without filling it again"
        problems = app.main.panes["problems"].query_one("#problems", DataTable)
        assert problems.row_count == len(storage.load(sample).problems) > 0


async def test_a_built_pane_shows_a_change_made_before_its_first_visit(sample: Path) -> None:
    app = build_app(sample, lang="en", prebuild=True)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        before = len(app.session.workshop.problems)
        assert app.apply(
            "add",
            lambda ws: contribute.add_problem(ws, "sato", "在庫が見えない", ("s02",), "", NOW)[0],
        )
        await pilot.press("2")
        await settle(pilot)
        table = app.screen.query_one("#problems", DataTable)
        assert table.row_count == before + 1 == len(storage.load(sample).problems)


async def test_without_prebuild_a_phase_is_built_when_first_shown(sample: Path) -> None:
    app = build_app(sample, lang="en", prebuild=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert set(app.main.panes) == {"map"}
        await pilot.press("4")
        await settle(pilot)
        assert set(app.main.panes) == {"map", "ideas"} and app.phase == "ideas"
        table = app.screen.query_one("#ideas", DataTable)
        assert table.row_count == len(storage.load(sample).ideas) > 0
        assert app.focused is table


async def test_the_built_panes_are_left_out_of_full_garbage_collections(sample: Path) -> None:
    gc.unfreeze()
    try:
        app = build_app(sample, lang="en", prebuild=True)
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            assert sorted(app.main.panes) == sorted(PANE_NAMES)
            assert gc.get_freeze_count() > 0
            frozen = app.main.panes["report"]
            assert not any(frozen is obj for obj in gc.get_objects(generation=2))
        assert gc.get_freeze_count() == 0, "unfrozen when the app ends"
    finally:
        gc.unfreeze()


async def test_the_build_finishes_with_a_form_open_over_the_map(sample: Path) -> None:
    app = build_app(sample, lang="en", prebuild=True)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("a")  # before the other phases are built
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        await settle(pilot)
        assert app.screens_built and sorted(app.main.panes) == sorted(PANE_NAMES)
        assert isinstance(app.screen, FormScreen), "the open form stays open"
        await pilot.press(*"窓口で受け取る", "enter")
        await settle(pilot)
    assert any(s.name == "窓口で受け取る" for s in storage.load(sample).steps)


async def test_each_add_step_form_opens_empty_and_knows_a_new_lane(sample: Path) -> None:
    app = build_app(sample, lang="en", prebuild=True)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        steps = len(app.session.workshop.steps)
        await pilot.press("a")
        await pilot.pause()
        assert "after s01" in str(app.screen.query_one("#form-title").render())
        await pilot.press(*"窓口で受け取る", "enter")
        await settle(pilot)
        assert len(storage.load(sample).steps) == steps + 1
        await pilot.press("l", *"Mail room", "enter")
        await settle(pilot)
        lane = next(lane for lane in app.session.workshop.lanes if lane.name == "Mail room")
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormScreen)
        assert form.values()["name"] == "", "nothing typed in the last form is left"
        options = {value: label for label, value in form.fields[1].options}
        assert options[lane.id] == "Mail room"


async def test_a_form_opens_in_the_theme_chosen_and_blinks_once_open(sample: Path) -> None:
    from textual.color import Color

    app = build_app(sample, lang="en", prebuild=True)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+t")
        await settle(pilot)
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormScreen)
        surface = Color.parse(app.theme_variables["surface"])
        assert form.query_one("#form").styles.background == surface
        name = form.query_one("#field-name", Input)
        assert app.focused is name and name.cursor_blink


async def test_a_form_fits_the_terminal_after_a_resize(sample: Path) -> None:
    app = build_app(sample, lang="en", prebuild=True)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.resize_terminal(90, 28)
        await settle(pilot)
        await pilot.press("a")
        await pilot.pause()
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormScreen) and form.size == (90, 28)
        box = form.query_one("#form")
        assert box.region.right <= 90 and box.region.bottom <= 28


async def test_a_collector_paused_for_start_up_resumes_after_the_first_frame(
    sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`cocreate` pauses the garbage collector until the first frame (cocreate.cli.main)."""
    map_pane = pane_class("map")
    original = map_pane.show_workshop
    while_filled: list[bool] = []

    def recording(self: PhasePane, workshop) -> None:
        while_filled.append(gc.isenabled())
        original(self, workshop)

    monkeypatch.setattr(map_pane, "show_workshop", recording)
    gc.unfreeze()
    gc.disable()
    try:
        app = build_app(sample, lang="en")
        async with app.run_test(size=(120, 36)) as pilot:
            for _ in range(200):  # the first frame, then the call after its refresh
                await pilot.pause()
                if gc.isenabled():
                    break
            assert while_filled[0] is False, "the first frame is built with it paused"
            assert gc.isenabled() and app.frozen
            assert gc.get_freeze_count() > 0, "what start-up made is left out of its passes"
        assert gc.get_freeze_count() == 0, "unfrozen when the app ends"
    finally:
        gc.enable()
        gc.unfreeze()


async def test_an_app_started_with_the_collector_on_leaves_it_alone(sample: Path) -> None:
    gc.unfreeze()
    app = build_app(sample, lang="en")
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert gc.isenabled() and not app.frozen and gc.get_freeze_count() == 0
