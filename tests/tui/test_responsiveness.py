"""What keeps the app quick: footers not redrawn for nothing, phases built once and only
shown and hidden after that, never restyled, re-parsed or held back."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable

from cocreate import storage
from cocreate.tui.widgets.footer import KeyFooter
from tests.conftest import SAMPLE
from tests.tui.conftest import build_app, settle


@pytest.fixture
def rebuilds(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The screens whose footer was redrawn with new keys, in order."""
    seen: list[str] = []
    original = KeyFooter.show

    def counting(self: KeyFooter, entries: tuple) -> None:
        seen.append(type(self.screen).__name__)
        original(self, entries)

    monkeypatch.setattr(KeyFooter, "show", counting)
    return seen


def keys(app_or_screen) -> list[str]:
    """The keys a screen's footer shows, as drawn."""
    screen = getattr(app_or_screen, "screen", app_or_screen)
    footer = screen.query_one(KeyFooter)
    drawn = str(footer.render())
    shown = [display for _key, _action, display, _text, _on in footer.entries]
    assert all(f" {display} " in drawn for display in shown), drawn
    return shown


async def test_the_footer_is_redrawn_once_a_switch_and_not_for_a_form(
    sample: Path, rebuilds: list[str]
) -> None:
    app = build_app(sample, lang="en")
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        map_keys = keys(app)
        assert "a" in map_keys and "?" in map_keys and "1" not in map_keys  # 1-8: the tabs
        await pilot.press("2")
        await pilot.pause()
        assert app.phase == "problems"
        assert keys(app) != map_keys  # the problems phase's own keys are shown
        rebuilds.clear()
        await pilot.press("1")
        await pilot.pause()
        assert keys(app) == map_keys
        assert rebuilds == ["WorkshopScreen"], "once, though focus and bindings change more"
        rebuilds.clear()
        await pilot.press("a")  # a form and back: the footer seen through it stays as it is
        await pilot.pause()
        assert type(app.screen).__name__ == "FormScreen"
        assert keys(app.screen_stack[-2]) == map_keys
        await pilot.press("escape")
        await pilot.pause()
        assert keys(app) == map_keys
        assert rebuilds == []


async def test_the_footer_is_rebuilt_when_its_keys_change(
    sample: Path, rebuilds: list[str]
) -> None:
    app = build_app(sample, lang="en")
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        rebuilds.clear()
        footer = app.screen.query_one(KeyFooter)
        footer.entries = (("x", "other", "x", "something else", True),)  # as if other keys
        app.screen.refresh_bindings()
        await pilot.pause()
        assert rebuilds == ["WorkshopScreen"]
        assert "a" in keys(app)


async def test_opening_each_phase_does_not_reparse_the_css(
    sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from textual.css.stylesheet import Stylesheet

    from cocreate.tui.bindings import PHASES

    reparsed: list[str] = []
    original = Stylesheet.reparse

    def counting(self: Stylesheet) -> None:
        reparsed.append("reparse")
        original(self)

    app = build_app(sample, lang="en")
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        monkeypatch.setattr(Stylesheet, "reparse", counting)
        for number in range(2, len(PHASES) + 1):
            await pilot.press(str(number))
            await pilot.pause()
        assert app.phase == PHASES[-1]
        assert reparsed == []
        await pilot.press("ctrl+t")  # a new theme still restyles everything
        await pilot.pause()
        assert reparsed


async def test_a_stylesheet_is_read_when_its_pane_or_form_is_first_used(
    sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from textual.css.stylesheet import Stylesheet

    from cocreate.tui.screens.forms import FormScreen
    from cocreate.tui.screens.workshop import pane_class

    def read(app, cls: type) -> bool:
        return any(name == f"{cls.__name__}.DEFAULT_CSS" for _, name in app.stylesheet.source)

    reparsed: list[str] = []
    original = Stylesheet.reparse

    def counting(self: Stylesheet) -> None:
        reparsed.append("reparse")
        original(self)

    app = build_app(sample, lang="en")
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert read(app, pane_class("map")), "the first pane's, for the first frame"
        assert not read(app, pane_class("problems"))
        monkeypatch.setattr(Stylesheet, "reparse", counting)
        await pilot.press("2")
        await pilot.pause()
        assert read(app, pane_class("problems"))
        assert str(app.screen.query_one("#problems").styles.height) == "1fr"  # its own rule
        await pilot.press("a")  # the first form
        await pilot.pause()
        assert isinstance(app.screen, FormScreen) and read(app, FormScreen)
        assert str(app.screen.query_one("#form").styles.width) == "76"
        assert reparsed == [], "no stylesheet read later makes Textual parse them all again"


async def test_the_hidden_map_views_are_built_when_first_shown(sample: Path) -> None:
    from cocreate.tui.widgets.process_view import ProcessDiagram

    app = build_app(sample, lang="en")
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert not app.screen.query(ProcessDiagram)
        assert not app.screen.query("#flows-table")
        await pilot.press("v")
        await pilot.pause()
        assert app.screen.query_one(ProcessDiagram).display
        await pilot.press("v")
        await pilot.pause()
        flows = app.screen.query_one("#flows-table")
        assert flows.row_count == len(app.session.workshop.flows) > 0
        assert app.focused is flows


async def test_a_footer_key_clicked_runs_its_action(sample: Path) -> None:
    app = build_app(sample, lang="en")
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        footer = app.screen.query_one(KeyFooter)
        drawn = str(footer.render())
        column = drawn.index(" ? ") + 1
        await pilot.click(KeyFooter, offset=(column, 0))
        await pilot.pause()
        assert type(app.screen).__name__ == "HelpScreen"


async def test_a_refused_key_is_drawn_dim_and_does_nothing_when_clicked(sample: Path) -> None:
    # A member's edit key on someone else's problem is shown, dimmed, and refused.
    app = build_app(sample, lang="en", phase="problems", member="kato")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("o")  # everyone's problems: the first row is ito's
        table = app.screen.query_one("#problems", DataTable)
        table.move_cursor(row=0)
        await settle(pilot)
        assert app.screen.query_one("ProblemsPane").selected_author() == "ito"
        footer = app.screen.query_one(KeyFooter)
        line = footer.render()
        column = str(line).index(" ⏎ ") + 1
        styles = [str(span.style) for span in line.spans if span.start <= column < span.end]
        assert any("dim" in style for style in styles)
        assert not any("@click" in style for style in styles)
        await pilot.click(KeyFooter, offset=(column, 0))
        await settle(pilot)
        assert app.screen is app.main  # no form opened
    assert storage.load(sample).problems == storage.load(SAMPLE).problems


async def test_the_header_says_when_a_save_failed(
    sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cocreate import storage
    from cocreate.errors import SaveError

    app = build_app(sample, lang="en")
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        header = app.screen.query_one("WorkshopHeader")
        assert "saved" in str(header.render()) and "unsaved" not in str(header.render())

        def full_disk(*_args, **_kwargs):
            raise SaveError("workshop.toml: cannot save: no space left on device")

        monkeypatch.setattr(storage, "save_workshop", full_disk)
        monkeypatch.setattr(storage, "update_workshop", full_disk)
        await pilot.press("l", *"Desk", "enter")
        await pilot.pause()
        assert app.save_state == "unsaved"
        assert "unsaved" in str(header.render())


async def test_a_phase_shown_again_is_not_restyled_unless_the_theme_changed(
    sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from textual.screen import Screen

    restyled: list[str] = []
    original = Screen.update_node_styles

    def counting(self: Screen, animate: bool = True) -> None:
        restyled.append(type(self).__name__)
        original(self, animate)

    app = build_app(sample, lang="en")
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        header = app.screen.query_one("WorkshopHeader")
        steps = app.screen.query_one("#steps")
        dark = header.styles.background
        await pilot.press("2")
        await pilot.pause()
        monkeypatch.setattr(Screen, "update_node_styles", counting)
        await pilot.press("1", "2", "1")
        await pilot.pause()
        assert restyled == [], "switching phases restyles nothing"
        await pilot.press("2", "ctrl+t", "1")  # a light theme chosen on another phase
        await pilot.pause()
        assert app.theme == "textual-light"
        assert header.styles.background != dark
        assert steps.styles.background != dark, "the hidden Map took the new theme"


async def test_switching_phases_never_holds_the_paint_back(
    sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from textual.app import App

    held: list[str] = []
    original = App.delay_update

    def recording(self: App, delay: float = 0.05) -> None:
        held.append(getattr(self, "phase", "?"))
        original(self, delay)

    monkeypatch.setattr(App, "delay_update", recording)
    app = build_app(sample, lang="en")
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        # A mode or screen switch holds its first paint back 50 ms (App.delay_update) to
        # hide a screen being put together; a phase is a pane shown, never a new screen,
        # whether it was built before (1) or only now (2).
        await pilot.press("2", "1", "2")
        await pilot.pause()
        assert app.phase == "problems"
        assert held == []


@pytest.mark.parametrize("width", [80, 100, 120, 160])
async def test_the_footer_shows_whole_keys_the_help_key_and_says_when_keys_are_left_out(
    sample: Path, width: int
) -> None:
    # The bureaus' view has the longest Japanese footer; a key cut at the edge ("x 標")
    # could not be read, and the help key (which lists them all) must always be there.
    app = build_app(sample, lang="ja")
    async with app.run_test(size=(width, 36)) as pilot:
        await settle(pilot)
        await pilot.press("b")
        await settle(pilot)
        footer = app.screen.query_one(KeyFooter)
        drawn = str(footer.render())
        entries = [e for e in footer.entries if e[1] != "command_palette"]
    shown = [e for e in entries if f" {e[2]} {e[3]}" in drawn]
    left_out = [e for e in entries if e not in shown]
    for _key, _action, display, description, _enabled in left_out:
        assert f" {display} " not in drawn and description not in drawn, (display, drawn)
    assert any(e[1] == "help" for e in shown), drawn
    assert ("…" in drawn) == bool(left_out), drawn
    if width >= 160:
        assert left_out == []
