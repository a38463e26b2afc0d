"""Help with real key names and wrapped text; a palette of every action in the UI language."""

from __future__ import annotations

from pathlib import Path

from cocreate.i18n import t
from tests.tui.conftest import build_app, settle


async def test_help_names_keys_as_people_read_them_and_wraps_its_text(sample: Path) -> None:
    from cocreate.tui.screens.help import HelpScreen

    app = build_app(sample, lang="ja", phase="vote")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        table = app.screen.query_one("#help-keys")
        rows = [table.get_row(key) for key in table.rows]
        keys = [key.plain.strip() for key, _ in rows]
        assert "d / +" in keys and "D / -" in keys
        assert not any("plus" in k or "equals_sign" in k or "," in k for k in keys)
        width = table.columns[next(iter(c for c in table.columns if c.value == "does"))].width
        long = [(k, text) for (k, text) in rows if text.cell_len > width]
        assert long, "a description longer than its column"
        for key in table.rows:
            _, text = table.get_row(key)
            if text.cell_len > width:
                assert table.rows[key].height > 1, "it wraps, it is not cut"


async def _palette_prompts(app, pilot, query: str = "") -> list[str]:
    await pilot.press("ctrl+p")
    await pilot.pause(0.3)
    if query:
        await pilot.press(*query)
    await pilot.pause(0.5)
    from textual.command import CommandList

    return [str(option.prompt) for option in app.screen.query_one(CommandList).options]


async def test_the_palette_lists_every_app_action_in_japanese_and_no_textual_internals(
    sample: Path,
) -> None:
    app = build_app(sample, lang="ja", phase="map")
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        prompts = await _palette_prompts(app, pilot)
        placeholder = app.screen.query_one("CommandInput").placeholder
    assert placeholder == t("ui.palette.placeholder", "ja")
    for key in ("help", "undo", "redo", "save", "reload"):
        assert any(p.startswith(t(f"ui.key.{key}", "ja")) for p in prompts), key
    for phase in ("map", "report"):
        go = t("ui.palette.go_to", "ja", phase=t(f"ui.phase.{phase}", "ja"))
        assert any(p.startswith(go) for p in prompts), phase
    for english in ("Cursor up", "Focus Next", "Copy selected text", "Page Left", "Select"):
        assert not any(p.startswith(english) for p in prompts), english
    assert any(p.startswith(t("ui.key.map.add_step", "ja") + "  (a)") for p in prompts)


async def test_undo_from_the_palette_runs_once_it_has_closed(sample: Path) -> None:
    app = build_app(sample, lang="en", phase="map")
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        before = app.session.workshop.step("s01").minutes
        await pilot.press("plus")
        await settle(pilot)
        assert app.session.workshop.step("s01").minutes == before + 1
        await _palette_prompts(app, pilot, "undo")
        await pilot.press("enter")
        await settle(pilot)
        assert app.session.workshop.step("s01").minutes == before
