"""The Pilot pane: the whole plan edited in the app (issue 14 §4, §8, §17)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input

from cocreate import storage
from cocreate.dates import read_date
from tests.tui.conftest import build_app, screen_lines, settle


async def test_the_first_tab_on_pilot_goes_to_a_field_that_keeps_what_is_typed(
    sample: Path,
) -> None:
    app = build_app(sample, lang="en", phase="pilot")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        from textual.containers import VerticalScroll

        seen = []
        for _ in range(4):  # every stop is one the user sees, up to the first field
            await pilot.press("tab")
            focused = app.focused
            seen.append(focused)
            assert not isinstance(focused, VerticalScroll), seen
            assert focused.region.height > 0, seen
            if isinstance(focused, Input):
                break
        assert isinstance(focused, Input), seen
        await pilot.press(*"Trial", "enter")
        await settle(pilot)
    name = focused.id.removeprefix("pilot-")
    assert "Trial" in str(getattr(storage.load(sample).pilot, name))


@pytest.mark.parametrize("columns", [100, 101])  # a field of an even and an odd width
async def test_a_field_filled_to_its_width_shows_every_character_once_left(
    sample: Path, columns: int
) -> None:
    # Typed to the end, the cursor's extra cell scrolls a full field by one cell, through
    # its first double-width character; Textual's Input kept that scroll once left and
    # the character stayed blank (issue 14 §15). The pilot's fields scroll back on leaving.
    app = build_app(sample, lang="ja", phase="pilot")
    async with app.run_test(size=(columns, 32)) as pilot:
        await settle(pilot)
        field = app.screen.query_one("#pilot-title", Input)
        width = field.content_region.width
        value = "試" * (width // 2) + "a" * (width % 2)  # exactly the field's width
        field.focus()
        field.clear()
        await pilot.press(*value)
        await pilot.pause()
        await pilot.press("tab")  # leave the field: it is saved
        await settle(pilot)
        row = screen_lines(app)[field.region.y]
    assert storage.load(sample).pilot.title == value
    assert value in row


async def test_a_plain_textual_input_filled_to_its_width_blanks_its_first_character() -> None:
    # The cause above, in Textual alone (8.2.8): when an upgrade fixes it this fails, and
    # cocreate/tui/widgets/text_input.py can go.
    from textual.app import App, ComposeResult
    from textual.widgets import Button

    class Plain(App[None]):
        CSS = "Input { width: 22; }"

        def compose(self) -> ComposeResult:
            yield Input(compact=True)
            yield Button("next")

    app = Plain()
    async with app.run_test(size=(40, 6)) as pilot:
        app.query_one(Input).focus()
        await pilot.press(*"試" * 11, "tab")  # 22 cells, then leave the field
        await pilot.pause()
        row = screen_lines(app)[0]
    assert "試" * 10 in row
    assert "試" * 11 not in row


@pytest.mark.parametrize("lang", ["ja", "en"])
async def test_placeholders_do_not_look_like_saved_values(sample: Path, lang: str) -> None:
    app = build_app(sample, lang=lang, phase="pilot")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        pane = app.screen.query_one("#phase-pilot")
        start = pane.inputs["start"].placeholder
        weeks = pane.inputs["weeks"].placeholder
        with pytest.raises(ValueError):
            read_date(start)
        with pytest.raises(ValueError):
            float(weeks)
        await pilot.press("1")
        await settle(pilot)
        await pilot.press("a")
        await pilot.pause()
        minutes = app.screen.inputs["minutes"].placeholder
        with pytest.raises(ValueError):
            float(minutes)


async def focus_plan_row(pilot, part: str, *, add: bool = False):
    pane = pilot.app.screen.query_one("#phase-pilot")
    pane.plan.focus()
    rows = pane.plan_rows
    index = next(i for i, r in enumerate(rows) if r.part == part and (r.item is None) == add)
    pane.plan.move_cursor(row=index)
    await pilot.pause()
    return pane


class TestThePlan:
    async def test_team_milestone_risk_criterion_and_rules_from_the_plan_table(
        self, sample: Path
    ) -> None:
        from tests.tui.test_edit_forms import fill

        app = build_app(sample, lang="ja", phase="pilot")
        async with app.run_test(size=(120, 50)) as pilot:
            await settle(pilot)
            await focus_plan_row(pilot, "milestones", add=True)
            await pilot.press("enter")
            await pilot.pause()
            await fill(pilot, "date", "令和9年1月12日")
            await fill(pilot, "text", "キックオフ")
            await pilot.press("enter")
            await settle(pilot)
            await focus_plan_row(pilot, "risks", add=True)
            await pilot.press("a")
            await pilot.pause()
            await fill(pilot, "text", "担当者の異動")
            await fill(pilot, "mitigation", "手順書を残す")
            await pilot.press("enter")
            await settle(pilot)
            await focus_plan_row(pilot, "communication")
            await pilot.press("e")
            await pilot.pause()
            await fill(pilot, "meetings", "隔週金曜")
            await pilot.press("enter")
            await settle(pilot)
            pane = await focus_plan_row(pilot, "criteria")
            first = storage.load(sample).pilot.rollout_criteria[0]
            await pilot.press("delete", "y")
            await settle(pilot)
            team = storage.load(sample).pilot.team
            await focus_plan_row(pilot, "team")
            await pilot.press("enter")
            await pilot.pause()
            await fill(pilot, "role", "リーダー")
            await pilot.press("enter")
            await settle(pilot)
            shown = " ".join(
                str(c) for row in range(pane.plan.row_count) for c in pane.plan.get_row_at(row)
            )
            assert "キックオフ" in shown and "担当者の異動" in shown and "隔週金曜" in shown
        plan = storage.load(sample).pilot
        assert any(
            m.text == "キックオフ" and m.date.isoformat() == "2027-01-12" for m in plan.milestones
        )
        assert plan.risks[-1].text == "担当者の異動" and plan.risks[-1].mitigation == "手順書を残す"
        assert plan.communication.meetings == "隔週金曜"
        assert first not in plan.rollout_criteria
        assert plan.team[0] == team[0].edit(role="リーダー")

    async def test_a_kpi_links_ideas_and_is_removed_after_asking(self, sample: Path) -> None:
        from textual.widgets import SelectionList

        from tests.tui.test_edit_forms import form

        before = storage.load(sample).pilot
        app = build_app(sample, lang="en", phase="pilot")
        async with app.run_test(size=(120, 50)) as pilot:
            await settle(pilot)
            pane = app.screen.query_one("#phase-pilot")
            pane.kpis.focus()
            await pilot.press("ctrl+g")
            await pilot.pause()
            ideas = form(app).inputs["ideas"]
            assert isinstance(ideas, SelectionList)
            ideas.deselect_all()
            ideas.select(before.ideas[0])
            await pilot.pause()
            await pilot.press("enter")
            await settle(pilot)
            assert storage.load(sample).pilot.kpis[0].ideas == (before.ideas[0],)
            pane.kpis.move_cursor(row=2)
            await pilot.press("delete")
            await pilot.pause()
            await pilot.press("n")
            await settle(pilot)
            assert len(storage.load(sample).pilot.kpis) == len(before.kpis)
            await pilot.press("delete", "y")
            await settle(pilot)
        kpis = storage.load(sample).pilot.kpis
        assert [k.id for k in kpis] == [k.id for k in before.kpis if k.id != before.kpis[2].id]


async def test_removing_an_idea_a_kpi_measures_is_refused_in_japanese(sample: Path) -> None:
    from cocreate import contribute, pilot
    from cocreate.i18n import t

    added = contribute.add_idea(storage.load(sample), "kato", "点検表を電子化する")
    storage.update_member(sample, "kato", lambda c: added[0].contributions_of("kato"))
    storage.update_workshop(
        sample, lambda w: pilot.edit_kpi(w, w.pilot.kpis[0].id, ideas=[added[1].id])
    )
    workshop = storage.load(sample)
    kpi = workshop.pilot.kpis[0]
    idea_id = kpi.ideas[0]
    app = build_app(sample, lang="ja", phase="ideas")
    told: list[str] = []
    real_notify = app.notify
    app.notify = lambda message, *a, **k: (told.append(str(message)), real_notify(message, *a, **k))
    async with app.run_test(size=(120, 32)) as pilot_:
        await settle(pilot_)
        pane = app.main.pane
        pane.post_message(pane.IdeaRemoved(idea_id))
        await settle(pilot_)
    said = t("error.remove.idea_in_kpi", "ja", item=idea_id, kpi=kpi.id, name=kpi.name)
    assert said in told
    after = storage.load(sample)
    assert after.idea(idea_id) is not None and after.pilot.kpis[0].ideas == (idea_id,)
