"""The portfolio screen: the inventory, the vote, the ranking and the dashboard, by keyboard.

Behaviour is checked on the files saved on disk; one snapshot per tab at a fixed size.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, Static

from cocreate.storage.portfolio import load_portfolio
from tests.conftest import ROOT

SAMPLE = ROOT / "portfolios" / "kanbo"
TODAY = dt.date(2027, 3, 10)
SIZE = (110, 32)


def build(folder: Path = SAMPLE, **options):
    from cocreate.tui.portfolio import PortfolioApp

    options.setdefault("lang", "ja")
    options.setdefault("today", TODAY)
    return PortfolioApp(folder, **options)


async def settle(pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


@pytest.fixture
def kanbo(tmp_path: Path) -> Path:
    target = tmp_path / "kanbo"
    shutil.copytree(SAMPLE, target)
    return target


def _move_to(table: DataTable, key: str) -> int:
    return table.get_row_index(key)


async def test_facilitator_adds_and_edits_a_candidate(kanbo):
    app = build(kanbo)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.focused, Input) and app.focused.id == "field-name"
        await pilot.press(*"議事録の作成")
        await pilot.press("tab")
        await pilot.press(*"総務課")
        await pilot.press("tab", "tab")
        await pilot.press(*"1200")
        await pilot.press("tab")
        await pilot.press(*"30")
        await pilot.press("ctrl+s")
        await settle(pilot)
        added = load_portfolio(kanbo).inventory[-1]
        assert (added.id, added.name, added.owner) == ("c16", "議事録の作成", "総務課")
        assert (added.annual_volume, added.minutes) == (1200, 30.0)
        table = app.query_one("#inventory-table", DataTable)
        table.move_cursor(row=table.get_row_index("c16"))
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("end", *"と配付")
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert load_portfolio(kanbo).candidate("c16").name == "議事録の作成と配付"


async def test_a_member_rates_and_dots_in_their_own_file(kanbo):
    portfolio = load_portfolio(kanbo)
    from cocreate.portfolio.selection import open_voting
    from cocreate.storage.portfolio import save_portfolio

    save_portfolio(kanbo, open_voting(portfolio))
    before = (kanbo / "portfolio.toml").read_bytes()
    app = build(kanbo, member="yoshida")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("2")
        table = app.query_one("#vote-table", DataTable)
        table.focus()
        table.move_cursor(row=table.get_row_index("c05"))
        await pilot.press("r")
        await pilot.pause()
        # down opens a choice's list (enter saves the form), enter picks the highlighted one
        await pilot.press("down", "down", "down", "down", "enter")  # effect 4
        await pilot.press("tab", "down", "down", "down", "enter")  # feasibility 3
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("plus", "plus")
        await settle(pilot)
        assert "残りドット 3/5" in str(app.query_one("#vote-status", Static).render())
        # the tally stays hidden from a member while voting is open
        await pilot.press("3")
        assert "締切後" in str(app.query_one("#ranking-status", Static).render())
    after = load_portfolio(kanbo)
    mine = after.contributions_of("yoshida")
    assert [(r.candidate, r.effect, r.feasibility) for r in mine.ratings] == [("c05", 4, 3)]
    assert [(d.candidate, d.count) for d in mine.dots] == [("c05", 2)]
    assert (kanbo / "portfolio.toml").read_bytes() == before  # a member never writes it


async def test_a_closed_vote_refuses_the_member_with_one_line(kanbo):
    app = build(kanbo, member="yoshida")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("2")
        app.query_one("#vote-table", DataTable).focus()
        await pilot.press("plus")
        await settle(pilot)
    assert load_portfolio(kanbo).contributions_of("yoshida").dots == ()


async def test_facilitator_decides_and_starts_the_workshop(kanbo):
    app = build(kanbo)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        table = app.query_one("#inventory-table", DataTable)
        table.focus()
        table.move_cursor(row=table.get_row_index("c05"))
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("tab")
        await pilot.press(*"運転日誌の紙をなくせる")
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
    portfolio = load_portfolio(kanbo)
    assert portfolio.decision_of("c05").reason == "運転日誌の紙をなくせる"
    assert portfolio.link_of("c05").folder == "workshops/c05"
    assert (kanbo / "workshops" / "c05" / "workshop.toml").is_file()
    # The same files as `cocreate new` writes: git merges the workshop by item id.
    from cocreate import storage

    started = kanbo / "workshops" / "c05"
    assert (started / ".gitattributes").read_text(encoding="utf-8") == storage.GITATTRIBUTES
    assert (started / ".gitignore").read_text(encoding="utf-8") == storage.GITIGNORE


async def test_enter_on_the_dashboard_opens_the_workshop(kanbo):
    app = build(kanbo)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("4")
        table = app.query_one("#dashboard-table", DataTable)
        table.focus()
        table.move_cursor(row=table.get_row_index("workshops/ryohi"))
        await pilot.press("enter")
        await pilot.pause()
    assert app.return_value == str(kanbo / "workshops" / "ryohi")


async def test_the_dashboard_tab_shows_each_bureau_of_a_workshop_with_variants(kanbo):
    from cocreate import storage
    from cocreate.variants.standard import savings

    shutil.copytree(ROOT / "workshops" / "equipment-lending", kanbo / "workshops" / "lending")
    workshop = storage.load(kanbo / "workshops" / "lending")
    expected = "・".join(
        f"{b.map.unit} {b.as_is.annual_hours:,.0f}h（−{b.hours_saved:,.0f}h）"
        for b in savings(workshop, "hyojun").bureaus
    )
    app = build(kanbo)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        table = app.query_one("#dashboard-table", DataTable)
        labels = [str(column.label) for column in table.columns.values()]
        bureaus = labels.index("部局別")
        lending = table.get_row("workshops/lending")
        ryohi = table.get_row("workshops/ryohi")
    assert lending[bureaus] == expected and expected.startswith("政策局 4,412h（−")
    assert ryohi[bureaus] == ""  # one as-is map: no bureaus


class TestPortfolioSnapshots:
    @pytest.mark.parametrize("tab", ["1", "3", "4"])
    def test_tab_japanese(self, snap_compare, tab):
        async def show(pilot) -> None:
            await settle(pilot)
            await pilot.press(tab)
            await settle(pilot)

        assert snap_compare(build(), terminal_size=SIZE, run_before=show)

    def test_vote_tab_as_member_english(self, snap_compare):
        async def show(pilot) -> None:
            await settle(pilot)
            await pilot.press("2")
            await settle(pilot)

        app = build(lang="en", member="suzuki")
        assert snap_compare(app, terminal_size=SIZE, run_before=show)
