"""Work the Pilot, Matrix and step form skip to open faster still shows what it should."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import ContentSwitcher, DataTable, Label

from cocreate import storage
from cocreate.tui.screens.forms import FormScreen
from cocreate.tui.screens.matrix import MatrixScreen
from tests.tui.conftest import build_app, settle


def _lines(screen: FormScreen) -> str:
    return "\n".join(screen.render_line(y).text for y in range(screen.size.height))


async def test_the_form_shows_changes_behind_it_while_it_is_open(sample: Path) -> None:
    app = build_app(sample, lang="en")
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormScreen)
        behind = app.screen_stack[-2]
        before = _lines(form)
        assert "ZZZ-behind" not in before
        # The tinted lines are kept between repaints: unchanged, they are the same.
        assert _lines(form) == before
        label = behind.query(Label).first()
        label.update("ZZZ-behind")
        await pilot.pause()
        await pilot.pause()
        assert "ZZZ-behind" in _lines(form)
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
        assert len(_lines(form).splitlines()) == 32
        await pilot.resize_terminal(90, 28)
        await pilot.pause()
        await pilot.pause()
        assert len(_lines(form).splitlines()) == 28
        assert all(form.render_line(y).cell_length == 90 for y in range(28))
        # The screen behind was laid out again at the new size, not only the form.
        behind = app.screen_stack[-2]
        assert behind._compositor.size == (90, 28)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.size == (90, 28)
        assert app.screen.query_one(DataTable).region.right <= 90


async def test_pilot_takes_kpi_baselines_from_the_map_only_when_a_kpi_needs_one(
    sample: Path,
) -> None:
    # The sample's KPIs name metrics without a baseline of their own: analysed.
    app = build_app(sample, lang="en", phase="pilot")
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        assert app.screen.baselines
        table = app.screen.query_one("#kpis", DataTable)
        assert "map" in str(table.get_row_at(0)[2])

    workshop = storage.load(sample)
    kpis = tuple(kpi.edit(baseline=1.0) for kpi in workshop.pilot.kpis)
    storage.save_workshop(sample, workshop.edit(pilot=workshop.pilot.edit(kpis=kpis)))
    app = build_app(sample, lang="en", phase="pilot")
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        assert app.screen.baselines == {}
        table = app.screen.query_one("#kpis", DataTable)
        assert str(table.get_row_at(0)[2]) == "1"


async def test_matrix_without_ideas_shows_the_empty_matrix_without_a_worker(
    sample: Path, monkeypatch
) -> None:
    tallies: list[object] = []
    monkeypatch.setattr(MatrixScreen, "compute_tally", lambda self, ws: tallies.append(ws))
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
        app.screen.rows = []
        app.screen.action_refresh_tally()  # counting again from nothing: spinning
        assert switcher.current == "matrix-loading" and spinner.auto_refresh
        await settle(pilot)
        assert switcher.current == "matrix-layout" and spinner.auto_refresh is None
