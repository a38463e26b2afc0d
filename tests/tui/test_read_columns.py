"""Tables fit their width: bounded text, whole right-aligned numbers, essential columns at 80."""

from __future__ import annotations

from pathlib import Path

from rich.cells import cell_len

from cocreate import contribute, storage
from cocreate.tui.widgets.columns import Column, allot
from tests.tui.conftest import build_app, settle

LONG = "窓口で申請書の書き方を毎回説明している" * 500  # 10,000 characters


def _widths(table) -> dict[str, int]:
    return {column.key.value: column.width for column in table.columns.values()}


def _fits(table) -> bool:
    padding = 2 * table.cell_padding
    return sum(w + padding for w in _widths(table).values()) <= table.size.width


def test_numbers_are_never_squeezed_and_text_is_bounded() -> None:
    columns = [
        Column("id", "ID", "fixed"),
        Column("text", "Text", least=8, most=40, enough=20),
        Column("volume", "Volume", "number"),
        Column("lane", "Lane", least=4, drop=1),
    ]
    widths = allot(columns, [3, 10_000, 5, 20], available=36)
    assert widths[0] == 3 and widths[2] == 5, "numbers and ids keep their width"
    assert widths[3] is None, "the optional column goes before the text gets too narrow"
    assert widths[1] is not None and 20 <= widths[1] <= 40
    assert sum(w + 2 for w in widths if w) <= 36


async def test_a_very_long_problem_keeps_the_other_columns_on_screen(sample: Path) -> None:
    workshop, _ = contribute.add_problem(storage.load(sample), "kato", LONG)
    storage.save_member(sample, workshop.contributions_of("kato"))
    app = build_app(sample, lang="ja", phase="problems")
    async with app.run_test(size=(120, 32)) as pilot:
        await settle(pilot)
        table = app.main.pane.table
        assert table.shown_columns == ["id", "text", "steps", "author", "causes"]
        assert _fits(table), _widths(table)
        long_row = next(key for key in table.rows if table.get_row(key)[1].plain.endswith("…"))
        assert cell_len(table.get_row(long_row)[1].plain) <= _widths(table)["text"]
        wide = _widths(table)["text"]
        # once it is gone, its column no longer keeps the room
        problem = next(p for p in app.session.workshop.problems if p.text == LONG)
        app.apply("ui.label.remove", lambda ws: contribute.remove_item(ws, problem.id))
        await settle(pilot)
        assert _widths(table)["text"] < wide
        assert _fits(table)


async def test_map_at_80x24_shows_its_essential_columns_and_whole_numbers(sample: Path) -> None:
    app = build_app(sample, lang="ja", phase="map")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.main.pane.steps_table
        assert {"id", "name", "minutes", "volume", "medium"} <= set(table.shown_columns)
        assert _fits(table)
        for key in table.rows:
            volume = table.get_cell(key, "volume")
            step = app.session.workshop.step(key.value)
            if step.volume is not None:
                assert volume.plain == f"{step.volume:,.0f}", "never cut mid-digit"
            assert volume.justify == "right"
        tabs = app.screen.query_one("PhaseTabs")
        drawn = str(tabs.render())
        assert cell_len(drawn.rstrip()) <= 80 and "8 報告" in drawn, "the last tab is whole"


async def test_a_members_ballot_at_80x24_shows_effort_and_dots(sample: Path) -> None:
    app = build_app(sample, lang="ja", phase="vote", member="kato")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.main.pane.table
        assert table.shown_columns == ["id", "title", "effect", "effort", "dots"]
        assert _fits(table)


async def test_ideas_show_hours_saved_at_120_columns(sample: Path) -> None:
    app = build_app(sample, lang="ja", phase="ideas")
    async with app.run_test(size=(120, 32)) as pilot:
        await settle(pilot)
        table = app.main.pane.table
        assert "hours" in table.shown_columns and _fits(table)
        hours = [table.get_cell(key, "hours").plain for key in table.rows]
        assert any(h not in ("…", "—") for h in hours)


async def test_the_ranking_shows_idea_titles_at_80_columns(sample: Path) -> None:
    app = build_app(sample, lang="ja", phase="matrix")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.main.pane.ranked
        assert "title" in table.shown_columns and _fits(table)
        first = next(iter(table.rows))
        title = app.session.workshop.idea(first.value).title
        shown = table.get_cell(first, "title").plain.rstrip("…")
        assert shown and title.startswith(shown.rstrip())
