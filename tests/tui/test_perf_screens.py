"""What the form, the Pilot and the Matrix skip to open faster still shows what it should."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import ContentSwitcher, DataTable, Label

from cocreate import storage
from cocreate.tui.phases.matrix import MatrixPane
from cocreate.tui.screens.forms import FormScreen
from tests.tui.conftest import build_app, settle


def _shown(app) -> str:
    """What the terminal shows, as text (the screen on top and what shows through it)."""
    return app.export_screenshot().replace("&#160;", " ")


async def test_the_form_shows_changes_behind_it_while_it_is_open(sample: Path) -> None:
    app = build_app(sample, lang="en")
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormScreen)
        before = _shown(app)
        assert "ZZZ-behind" not in before and "Add a step" in before
        label = app.main.query(Label).first()
        label.update("ZZZ-behind")
        await pilot.pause()
        await pilot.pause()
        assert "ZZZ-behind" in _shown(app)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, FormScreen)


async def test_the_form_follows_a_new_size(sample: Path) -> None:
    app = build_app(sample, lang="en")
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormScreen) and form.size == (100, 32)
        await pilot.resize_terminal(90, 28)
        await pilot.pause()
        await pilot.pause()
        assert form.size == (90, 28)
        assert form.query_one("#form").region.right <= 90
        # The screen behind was laid out again at the new size, not only the form.
        assert app.main.size == (90, 28)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.size == (90, 28)
        assert app.screen.query_one("#steps", DataTable).region.right <= 90


async def test_pilot_takes_kpi_baselines_from_the_map_only_when_a_kpi_needs_one(
    sample: Path,
) -> None:
    # The sample's KPIs name metrics without a baseline of their own: analysed.
    app = build_app(sample, lang="en", phase="pilot")
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        assert app.main.pane.baselines
        table = app.screen.query_one("#kpis", DataTable)
        assert "map" in str(table.get_row_at(0)[2])

    workshop = storage.load(sample)
    kpis = tuple(kpi.edit(baseline=1.0) for kpi in workshop.pilot.kpis)
    storage.save_workshop(sample, workshop.edit(pilot=workshop.pilot.edit(kpis=kpis)))
    app = build_app(sample, lang="en", phase="pilot")
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        assert app.main.pane.baselines == {}
        table = app.screen.query_one("#kpis", DataTable)
        assert str(table.get_row_at(0)[2]) == "1"


async def test_matrix_without_ideas_shows_the_empty_matrix_without_a_worker(
    sample: Path, monkeypatch
) -> None:
    tallies: list[object] = []
    monkeypatch.setattr(MatrixPane, "compute_tally", lambda self, ws: tallies.append(ws))
    workshop = storage.load(sample)
    storage.save_workshop(sample, workshop.edit(pilot=workshop.pilot.edit(ideas=())))
    for contributions in workshop.contributions:
        storage.save_member(sample, contributions.edit(ideas=(), ratings=(), dots=()))
    assert not storage.load(sample).ideas
    app = build_app(sample, lang="en", phase="matrix")
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        assert app.screen.query_one("#matrix-views", ContentSwitcher).current == "matrix-layout"
        assert tallies == []
        assert app.screen.query_one("#ranked", DataTable).row_count == 0


async def test_matrix_with_ideas_still_tallies_them(sample: Path) -> None:
    app = build_app(sample, lang="en", phase="matrix")
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        assert app.screen.query_one("#matrix-views", ContentSwitcher).current == "matrix-layout"
        assert app.screen.query_one("#ranked", DataTable).row_count == len(
            storage.load(sample).ideas
        )


async def test_the_matrix_spinner_stops_once_the_tally_is_shown(sample: Path) -> None:
    from textual.widgets import LoadingIndicator

    app = build_app(sample, lang="en", phase="matrix")
    async with app.run_test(size=(100, 32)) as pilot:
        spinner = app.screen.query_one("#matrix-loading", LoadingIndicator)
        await settle(pilot)
        switcher = app.screen.query_one("#matrix-views", ContentSwitcher)
        assert switcher.current == "matrix-layout"
        assert spinner.auto_refresh is None, "a hidden spinner redraws 16 times a second"
        app.main.pane.rows = []
        app.main.pane.action_refresh_tally()  # counting again from nothing: spinning
        assert switcher.current == "matrix-loading" and spinner.auto_refresh
        await settle(pilot)
        assert switcher.current == "matrix-layout" and spinner.auto_refresh is None
