"""Forms never lose input, and destructive actions ask (issue 14 §6–§8)."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, SelectionList

from cocreate import storage
from cocreate.tui.screens.confirm import ConfirmScreen
from tests.tui.conftest import build_app, settle


def form(app):
    from cocreate.tui.screens.forms import FormScreen

    assert isinstance(app.screen, FormScreen), f"no form on screen but {app.screen!r}"
    return app.screen


async def fill(pilot, name: str, text: str) -> None:
    widget = form(pilot.app).inputs[name]
    assert isinstance(widget, Input)
    widget.focus()
    widget.value = text
    await pilot.pause()


class TestRefusedValuesKeepTheForm:
    async def test_negative_minutes_keep_the_form_open_with_the_field_marked(
        self, sample: Path
    ) -> None:
        steps_before = storage.load(sample).steps
        app = build_app(sample, lang="ja")
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            await pilot.press("a")
            await pilot.pause()
            await fill(pilot, "name", "確認の電話")
            await fill(pilot, "minutes", "-5")
            await fill(pilot, "name", "確認の電話")  # focus elsewhere: the refusal moves it back
            await pilot.press("enter")
            await pilot.pause()
            screen = form(app)
            minutes = screen.inputs["minutes"]
            assert app.focused is minutes and minutes.has_class("-invalid")
            assert "0 以上" in str(screen.query_one("#form-error").render())
            assert screen.inputs["name"].value == "確認の電話", "what was typed is kept"
            await fill(pilot, "minutes", "５")  # full-width digits
            assert not minutes.has_class("-invalid")
            await pilot.press("enter")
            await settle(pilot)
        steps = storage.load(sample).steps
        assert len(steps) == len(steps_before) + 1
        assert next(s for s in steps if s.name == "確認の電話").minutes == 5

    async def test_a_duplicate_flow_keeps_the_form_open(self, sample: Path) -> None:
        ws = storage.load(sample)
        existing = ws.flows[0]
        app = build_app(sample, lang="en")
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            await pilot.press("f")
            await pilot.pause()
            screen = form(app)
            screen.inputs["source"].value = existing.source
            screen.inputs["target"].value = existing.target
            await pilot.pause()
            await screen.run_action("submit")
            await pilot.pause()
            assert form(app) is screen
            assert screen.inputs["target"].has_class("-invalid")
            assert "already a flow" in str(screen.query_one("#form-error").render())
        assert storage.load(sample).flows == ws.flows

    async def test_escape_with_changes_asks_before_discarding(self, sample: Path) -> None:
        app = build_app(sample, lang="en")
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            await pilot.press("a")
            await pilot.pause()
            await fill(pilot, "name", "typed")
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmScreen)
            await pilot.press("n")
            await pilot.pause()
            assert form(app).inputs["name"].value == "typed"
            await pilot.press("escape")
            await pilot.pause()
            await pilot.press("y")
            await pilot.pause()
            assert app.screen is app.main
            # An untouched form closes at once.
            await pilot.press("a")
            await pilot.pause()
            await pilot.press("escape")
            await pilot.pause()
            assert app.screen is app.main

    async def test_enter_on_a_checklist_saves_rather_than_toggles(self, sample: Path) -> None:
        app = build_app(sample, lang="en")
        before = len(storage.load(sample).problems)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            await pilot.press("2")
            await settle(pilot)
            await pilot.press("a")
            await pilot.pause()
            screen = form(app)
            text = next(w for w in screen.inputs.values() if isinstance(w, Input))
            text.value = "The form is long"
            checklist = next(w for w in screen.inputs.values() if isinstance(w, SelectionList))
            checklist.focus()
            await pilot.press("space")  # space ticks
            ticked = tuple(checklist.selected)
            await pilot.press("enter")  # enter saves
            await settle(pilot)
            assert app.screen is app.main
        problems = storage.load(sample).problems
        assert len(problems) == before + 1
        assert next(p for p in problems if p.text == "The form is long").steps == ticked

    async def test_dots_below_zero_in_the_voting_rules_keep_the_form(self, sample: Path) -> None:
        before = storage.load(sample).voting
        app = build_app(sample, lang="ja", phase="vote")
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            await pilot.press("s")
            await pilot.pause()
            await fill(pilot, "dots_per_member", "-1")
            await pilot.press("enter")
            await pilot.pause()
            screen = form(app)
            assert screen.inputs["dots_per_member"].has_class("-invalid")
            assert app.focused is screen.inputs["dots_per_member"]
        assert storage.load(sample).voting == before

    async def test_a_reduction_of_150_percent_keeps_the_idea_form(self, sample: Path) -> None:
        before = storage.load(sample).ideas
        app = build_app(sample, lang="en", phase="ideas")
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            await pilot.press("a")
            await pilot.pause()
            await fill(pilot, "title", "Scan the forms")
            await fill(pilot, "reduction", "150")
            await pilot.press("enter")
            await pilot.pause()
            screen = form(app)
            assert screen.inputs["reduction"].has_class("-invalid")
            assert "150%" in str(screen.query_one("#form-error").render())
        assert storage.load(sample).ideas == before


class TestDeletesAsk:
    async def test_delete_in_lanes_and_flows_never_removes_a_hidden_step(
        self, sample: Path
    ) -> None:
        before = storage.load(sample)
        app = build_app(sample, lang="en")
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            await pilot.press("v", "v", "tab")  # lanes & flows, then focus leaves the tables
            await pilot.pause()
            assert app.focused is not app.screen.query_one("#steps")
            await pilot.press("delete")
            await pilot.pause()
            await pilot.press("y")
            await settle(pilot)
        after = storage.load(sample)
        assert after.steps == before.steps and after.flows == before.flows

    async def test_removing_a_step_asks_and_no_keeps_it(self, sample: Path) -> None:
        app = build_app(sample, lang="en")
        first = storage.load(sample).steps[-1]
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            table = app.screen.query_one("#steps")
            table.move_cursor(row=table.row_count - 1)
            await pilot.press("delete")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmScreen)
            assert first.id in str(app.screen.query_one("#question").render())
            await pilot.press("n")
            await settle(pilot)
            assert storage.load(sample).step(first.id) is not None
            await pilot.press("delete", "y")
            await settle(pilot)
        assert storage.load(sample).step(first.id) is None
