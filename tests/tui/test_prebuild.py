"""Phase screens built in the background after the first frame, then shown up to date."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from textual.widgets import DataTable

from cocreate import contribute, storage
from cocreate.tui.bindings import PHASES
from cocreate.tui.screens.base import PhaseScreen
from tests.tui.conftest import build_app, settle

NOW = dt.datetime(2026, 10, 20, 10, 30)


@pytest.fixture
def shows(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Each time a screen is filled in with the workshop: its phase."""
    seen: list[str] = []
    for phase in PHASES:
        from cocreate.tui.app import screen_class

        cls = screen_class(phase)
        original = cls.show_workshop

        def counting(self: PhaseScreen, workshop, original=original) -> None:
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
        assert sorted(set(app._screen_stacks) - {"_default"}) == sorted(PHASES)
        assert sorted(set(shows)) == sorted(PHASES)
        assert app.current_mode == "map", "building them does not show them"
        shows.clear()
        for number, phase in enumerate(PHASES[1:], start=2):
            await pilot.press(str(number))
            await pilot.pause()
            assert app.current_mode == phase
        assert shows == [], "a first visit shows what was built, without filling it again"
        problems = app.get_screen_stack("problems")[0].query_one("#problems", DataTable)
        assert problems.row_count == len(storage.load(sample).problems) > 0


async def test_a_built_screen_shows_a_change_made_before_its_first_visit(sample: Path) -> None:
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


async def test_without_prebuild_only_the_first_phase_is_built(sample: Path) -> None:
    app = build_app(sample, lang="en", prebuild=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert set(app._screen_stacks) - {"_default"} == {"map"}


async def test_the_built_screens_are_left_out_of_full_garbage_collections(sample: Path) -> None:
    import gc

    gc.unfreeze()
    try:
        app = build_app(sample, lang="en", prebuild=True)
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            assert sorted(set(app._screen_stacks) - {"_default"}) == sorted(PHASES)
            assert gc.get_freeze_count() > 0
            frozen_screen = app.get_screen_stack("report")[0]
            assert not any(frozen_screen is obj for obj in gc.get_objects(generation=2))
        assert gc.get_freeze_count() == 0, "unfrozen when the app ends"
    finally:
        gc.unfreeze()


def test_quitting_while_the_screens_are_being_built(sample: Path) -> None:
    app = build_app(sample, lang="en", prebuild=True)
    built: list[int] = []

    async def quit_at_first_frame(pilot) -> None:
        built.append(len(app._screen_stacks))
        assert app.screen._spare_form._form is None, "nothing is built ahead before this"
        pilot.app.exit()

    app.run(headless=True, size=(100, 32), auto_pilot=quit_at_first_frame)
    assert app.return_code == 0
    assert built and built[0] < len(PHASES), "it quit before every screen was built"


async def test_the_add_step_form_is_built_ahead_and_used_once(sample: Path) -> None:
    from cocreate.tui.screens.forms import FormScreen

    app = build_app(sample, lang="en", prebuild=True)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        spare = app.screen._spare_form._form
        assert isinstance(spare, FormScreen) and spare.is_running
        steps = len(app.session.workshop.steps)
        await pilot.press("a")
        await pilot.pause()
        assert app.screen is spare, "the form built ahead is the one opened"
        assert "after s01" in str(spare.query_one("#form-title").render())
        await pilot.press(*"窓口で受け取る", "enter")
        await settle(pilot)
        assert len(storage.load(sample).steps) == steps + 1
        assert any(s.name == "窓口で受け取る" for s in storage.load(sample).steps)
        # The change drew the map again, and with it the next form: a new one, empty.
        after = app.screen._spare_form._form
        assert after is not None and after is not spare and not spare.is_attached
        await pilot.press("a")
        await pilot.pause()
        assert app.screen is after
        assert after.values()["name"] == "", "nothing typed in the last form is left"


async def test_a_new_lane_gives_a_new_form_with_it(sample: Path) -> None:
    app = build_app(sample, lang="en", prebuild=True)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("l", *"Mail room", "enter")
        await settle(pilot)
        lane = next(lane for lane in app.session.workshop.lanes if lane.name == "Mail room")
        await pilot.press("a")
        await pilot.pause()
        options = dict((value, label) for label, value in app.screen.fields[1].options)
        assert options[lane.id] == "Mail room"


async def test_a_form_built_before_a_theme_change_opens_in_the_new_theme(sample: Path) -> None:
    from textual.color import Color

    app = build_app(sample, lang="en", prebuild=True)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        spare = app.screen._spare_form._form
        assert spare is not None
        await pilot.press("ctrl+t")
        await settle(pilot)
        await pilot.press("a")
        await pilot.pause()
        assert app.screen is spare
        surface = Color.parse(app.theme_variables["surface"])
        assert spare.query_one("#form").styles.background == surface


async def test_a_spare_form_blinks_only_once_opened(sample: Path) -> None:
    from textual.widgets import Input

    app = build_app(sample, lang="en", prebuild=True)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        spare = app.screen._spare_form._form
        assert spare is not None
        name = spare.query_one("#field-name", Input)
        assert spare.focused is name, "focused while hidden: opening it restyles nothing"
        assert not name.cursor_blink, "a hidden input would blink for nobody"
        await pilot.press("a")
        await pilot.pause()
        assert app.screen is spare
        assert app.focused is name and name.cursor_blink


async def test_a_spare_form_is_laid_out_ahead_and_again_after_a_resize(sample: Path) -> None:
    app = build_app(sample, lang="en", prebuild=True)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        spare = app.screen._spare_form._form
        assert spare is not None and spare._compositor.size == (120, 36)
        await pilot.resize_terminal(90, 28)
        await settle(pilot)
        await pilot.press("a")
        await pilot.pause()
        await pilot.pause()
        assert app.screen is spare and spare._compositor.size == (90, 28)
        form = spare.query_one("#form")
        assert form.region.right <= 90 and form.region.bottom <= 28


async def test_the_build_finishes_with_a_form_open_over_the_map(sample: Path) -> None:
    from cocreate.tui.screens.forms import FormScreen

    app = build_app(sample, lang="en", prebuild=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        app.prebuild = True
        await app._prebuild_screens()  # as if the form had been opened during the build
        await settle(pilot)
        assert app.screens_built
        assert sorted(set(app._screen_stacks) - {"_default"}) == sorted(PHASES)
        assert isinstance(app.screen, FormScreen), "the open form stays open"
