"""A whole workshop done by keyboard, each step checked against the files saved on disk.

Facilitator maps a step; member kato (member mode) adds a problem on it, a why-chain and an
idea answering the root cause; kato and yoshida rate and dot it; the facilitator closes
voting, reads the matrix and the ranked list, fills in the pilot and exports the report.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, SelectionList

from cocreate import storage
from cocreate.prioritize.tally import tally
from cocreate.tui.widgets.text import number
from tests.conftest import SAMPLE
from tests.tui.conftest import build_app, settle


async def type_text(pilot, text: str) -> None:
    """Type text key by key, as an IME commits it (Japanese included)."""
    await pilot.press(*text)


async def choose(pilot, value: str) -> None:
    """Tick ``value`` in the focused SelectionList with the keyboard."""
    selection = pilot.app.focused
    assert isinstance(selection, SelectionList)
    index = next(
        i for i in range(selection.option_count) if selection.get_option_at_index(i).value == value
    )
    await pilot.press("home")
    for _ in range(index):
        await pilot.press("down")
    await pilot.press("space")
    assert value in selection.selected


@pytest.mark.long
async def test_a_whole_workshop_by_keyboard(sample: Path) -> None:
    # ---------------------------------------------------------------- 1. map a step
    app = build_app(sample, lang="ja")
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press("down")  # s02
        await pilot.press("a")
        await type_text(pilot, "在庫表を見る")
        await pilot.press("tab", "tab", "tab")  # lane, kind, minutes
        assert isinstance(app.focused, Input) and app.focused.id == "field-minutes"
        await type_text(pilot, "12")
        await pilot.press("enter")
        await settle(pilot)
        step_id = app.session.workshop.steps[2].id
        await pilot.press("ctrl+q")
    saved = storage.load(sample)
    step = saved.step(step_id)
    assert step is not None and step.name == "在庫表を見る" and step.minutes == 12
    assert step.lane == "applicant"
    assert [s.id for s in saved.steps][1:3] == ["s02", step_id]
    assert any(f.source == "s02" and f.target == step_id for f in saved.flows)

    # ---------------------------------------------------------------- 2. kato: problem, whys, idea
    app = build_app(sample, lang="ja", member="kato", phase="problems")
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await type_text(pilot, "在庫表が古くて当てにならない")
        await pilot.press("tab")
        await choose(pilot, step_id)
        await pilot.press("ctrl+s")
        await settle(pilot)
        kato = storage.load_member(sample, "kato")
        problem = next(p for p in kato.problems if p.text == "在庫表が古くて当てにならない")
        assert problem.steps == (step_id,)

        await pilot.press("3")
        await settle(pilot)
        causes = app.main.pane
        while causes.problem_id != problem.id:
            await pilot.press("down")
        await pilot.press("w")
        await type_text(pilot, "更新の担当が決まっていない")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("enter")  # into the tree
        await pilot.press("down")  # the first why
        await pilot.press("w")
        await type_text(pilot, "台帳の様式に更新日の欄がない")
        await pilot.press("enter")
        await settle(pilot)
        kato = storage.load_member(sample, "kato")
        first = next(c for c in kato.causes if c.text == "更新の担当が決まっていない")
        second = next(c for c in kato.causes if c.text == "台帳の様式に更新日の欄がない")
        assert first.problem == second.problem == problem.id
        assert first.parent is None and second.parent == first.id

        await pilot.press("4")
        await settle(pilot)
        await pilot.press("a")
        await type_text(pilot, "在庫表に更新日と担当を書く")
        await pilot.press("tab")
        await choose(pilot, second.id)
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("ctrl+q")
    kato = storage.load_member(sample, "kato")
    idea = next(i for i in kato.ideas if i.title == "在庫表に更新日と担当を書く")
    assert idea.causes == (second.id,)
    # member mode wrote only kato's file
    before = storage.load(sample)
    assert before.revision == saved.revision

    # ---------------------------------------------------------------- 3. two members vote
    for member, effect_presses, effort_presses, dots in (
        # An unrated idea starts at the middle (3): kato ends at effect 4, effort 3.
        ("kato", "ee", "f", 2),
        # yoshida: effect 3→4→5, effort 3→4, then E takes effect back down to 4.
        ("yoshida", "eee", "ffE", 1),
    ):
        app = build_app(sample, lang="en", member=member, phase="vote")
        async with app.run_test(size=(100, 32)) as pilot:
            await settle(pilot)
            table = app.screen.query_one("#ballot", DataTable)
            row = [i.id for i in app.session.workshop.ideas].index(idea.id)
            table.move_cursor(row=row)
            await pilot.press(*effect_presses, *effort_presses)
            await pilot.press(*("d" * dots))
            await settle(pilot)
            await pilot.press("6")
            await settle(pilot)
            assert app.screen.query_one("#matrix-views").current == "matrix-hidden"
            await pilot.press("ctrl+q")
    votes = storage.load(sample)
    ratings = {r.member: (r.effect, r.effort) for r in votes.ratings if r.idea == idea.id}
    assert ratings == {"kato": (4, 3), "yoshida": (4, 4)}
    dots_on = {d.member: d.count for d in votes.dots if d.idea == idea.id}
    assert dots_on == {"kato": 2, "yoshida": 1}

    # ------------------------------------------------------ 4. close, matrix, pilot, report
    app = build_app(sample, lang="ja", phase="vote")
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await pilot.pause()
        assert not storage.load(sample).voting.closed, "closing voting asks first"
        await pilot.press("y")
        await settle(pilot)
        assert storage.load(sample).voting.closed

        await pilot.press("6")
        await settle(pilot)
        expected = tally(storage.load(sample))
        ranked = app.screen.query_one("#ranked", DataTable)
        shown = [key.value for key in ranked.rows]  # the rows are keyed by idea id
        assert shown == [row.id for row in expected]
        mine = next(row for row in expected if row.id == idea.id)
        assert (mine.effect, mine.effort, mine.raters, mine.dots) == (4.0, 3.5, 2, 3)

        await pilot.press("7")
        await settle(pilot)
        title = app.screen.query_one("#pilot-title", Input)
        title.focus()
        await pilot.press("end", "ctrl+u")  # clear what is there
        await type_text(pilot, "在庫表の更新ルールの試行")
        await pilot.press("enter")
        weeks = app.screen.query_one("#pilot-weeks", Input)
        weeks.focus()
        await pilot.press("end", "backspace", "backspace", "backspace")
        await type_text(pilot, "6")
        await pilot.press("enter")
        await pilot.press("ctrl+o")
        await pilot.pause()
        await choose(pilot, idea.id)
        await pilot.press("ctrl+s")
        await settle(pilot)
        pilot_plan = storage.load(sample).pilot
        assert pilot_plan.title == "在庫表の更新ルールの試行"
        assert pilot_plan.weeks == 6
        assert idea.id in pilot_plan.ideas
        kpis = app.screen.query_one("#kpis", DataTable)
        from cocreate.process.metrics import analyse

        hours = analyse(storage.load(sample)).annual_hours
        assert str(kpis.get_row("k1")[2]).startswith(number(hours, 1))
        assert hours > analyse(storage.load(SAMPLE)).annual_hours  # the new step is counted

        await pilot.press("8")
        await settle(pilot)
        await pilot.press("ctrl+x")
        await settle(pilot)
        written = app.main.pane.last_export
        await pilot.press("ctrl+q")
    assert written, "the export listed no files"
    for path in written:
        assert Path(path).is_file()
    assert (sample / "report" / "report-ja.html").is_file()
    html = (sample / "report" / "report-ja.html").read_text(encoding="utf-8")
    assert "在庫表の更新ルールの試行" in html
