"""Snapshot tests: every phase screen at 100x32 on the sample, the main screen at 80x24 and in
Japanese and English. Built through the CLI's app factory with a fixed clock."""

from __future__ import annotations

import pytest

from tests.tui.conftest import build_app, hint_settled, settle

SIZE = (100, 32)
PHASES = ("map", "problems", "causes", "ideas", "vote", "matrix", "pilot", "report")


@pytest.mark.parametrize("phase", PHASES)
def test_phase_screen_en(snap_compare, phase: str) -> None:
    assert snap_compare(build_app(phase=phase, lang="en"), terminal_size=SIZE, run_before=settle)


class TestMainScreen:
    def test_map_japanese_100x32(self, snap_compare) -> None:
        assert snap_compare(build_app(lang="ja"), terminal_size=SIZE, run_before=settle)

    def test_map_japanese_80x24(self, snap_compare) -> None:
        assert snap_compare(build_app(lang="ja"), terminal_size=(80, 24), run_before=settle)

    def test_map_english_80x24(self, snap_compare) -> None:
        assert snap_compare(build_app(lang="en"), terminal_size=(80, 24), run_before=settle)

    def test_process_drawing_japanese(self, snap_compare) -> None:
        async def drawing(pilot) -> None:
            await pilot.press("v")
            await settle(pilot)

        assert snap_compare(build_app(lang="ja"), terminal_size=SIZE, run_before=drawing)


class TestOverlays:
    def test_help_japanese(self, snap_compare) -> None:
        async def help_open(pilot) -> None:
            await settle(pilot)
            await pilot.press("question_mark")
            await pilot.pause()

        assert snap_compare(build_app(lang="ja"), terminal_size=SIZE, run_before=help_open)

    def test_add_problem_form_with_similar(self, snap_compare) -> None:
        async def typing(pilot) -> None:
            await settle(pilot)
            await pilot.press("a")
            await pilot.pause()
            await pilot.press(*"課長が不在で押印がもらえない")
            await hint_settled(pilot)
            # The hint comes after a pause in typing: keep the caret from blinking meanwhile.
            for field in pilot.app.screen.query("Input"):
                field.cursor_blink = False
            await pilot.pause()

        app = build_app(lang="ja", phase="problems")
        assert snap_compare(app, terminal_size=SIZE, run_before=typing)


class TestMemberMode:
    def test_matrix_hidden_until_voting_closes(self, snap_compare) -> None:
        app = build_app(lang="ja", phase="matrix", member="kato")
        assert snap_compare(app, terminal_size=SIZE, run_before=settle)

    def test_ballot_japanese(self, snap_compare) -> None:
        app = build_app(lang="ja", phase="vote", member="tanaka")
        assert snap_compare(app, terminal_size=SIZE, run_before=settle)
