"""The workshop itself in the app (F2): members, details, settings; lanes and flows (§1–§3)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from textual.widgets import DataTable

from cocreate import storage
from cocreate.model import Role
from cocreate.tui.screens.confirm import ConfirmScreen
from tests.tui.conftest import build_app, settle
from tests.tui.test_edit_forms import fill, form


async def open_editor(pilot):
    from cocreate.tui.screens.forms_workshop import WorkshopEditor

    await pilot.press("f2")
    await pilot.pause()
    assert isinstance(pilot.app.screen, WorkshopEditor)
    return pilot.app.screen


class TestMembers:
    async def test_add_rename_change_role_and_remove_a_member(self, sample: Path) -> None:
        app = build_app(sample, lang="ja")
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            editor = await open_editor(pilot)
            await pilot.press("a")
            await pilot.pause()
            await fill(pilot, "member_id", "mori")
            await fill(pilot, "name", "森 一郎")
            await pilot.press("enter")
            await settle(pilot)
            assert app.screen is editor
            assert storage.load(sample).member("mori").name == "森 一郎"
            editor.members.move_cursor(row=editor.members.row_count - 1)
            await pilot.press("e")
            await pilot.pause()
            await fill(pilot, "name", "森 一朗")
            form(app).inputs["role"].value = Role.MANAGER.value
            await pilot.pause()
            await pilot.press("enter")
            await settle(pilot)
            mori = storage.load(sample).member("mori")
            assert (mori.name, mori.role) == ("森 一朗", Role.MANAGER)
            await pilot.press("delete")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmScreen)
            await pilot.press("y")
            await settle(pilot)
        assert storage.load(sample).member("mori") is None

    async def test_removing_a_member_with_contributions_says_they_are_kept(
        self, sample: Path
    ) -> None:
        kato_items = storage.load_member(sample, "kato")
        app = build_app(sample, lang="en")
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            editor = await open_editor(pilot)
            ids = [m.id for m in storage.load(sample).members]
            editor.members.move_cursor(row=ids.index("kato"))
            await pilot.press("delete")
            await pilot.pause()
            question = str(app.screen.query_one("#question").render())
            assert "kept" in question and "former member" in question
            await pilot.press("y")
            await settle(pilot)
        saved = storage.load(sample)
        assert saved.member("kato").role == Role.FORMER
        assert storage.load_member(sample, "kato") == kato_items
        from cocreate.prioritize.voting import members_not_voted

        assert "kato" not in members_not_voted(saved)

    async def test_a_duplicate_member_id_keeps_the_form(self, sample: Path) -> None:
        before = storage.load(sample).members
        app = build_app(sample, lang="en")
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            await open_editor(pilot)
            await pilot.press("a")
            await pilot.pause()
            await fill(pilot, "member_id", "kato")
            await fill(pilot, "name", "Another Kato")
            await pilot.press("enter")
            await pilot.pause()
            assert "already a member" in str(form(app).query_one("#form-error").render())
            assert form(app).inputs["member_id"].has_class("-invalid")
        assert storage.load(sample).members == before


class TestDetailsAndSettings:
    async def test_details_with_japanese_dates_and_background(self, sample: Path) -> None:
        app = build_app(sample, lang="ja")
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            await open_editor(pilot)
            await pilot.press("d")
            await pilot.pause()
            await fill(pilot, "title", "備品貸出の見直し")
            await fill(pilot, "organisation", "〇〇市")
            await fill(pilot, "business_area", "備品")
            await fill(pilot, "dates", "令和9年2月1日、２０２７／０２／０８")
            await fill(pilot, "background", "照会電話が多い")
            await pilot.press("enter")
            await settle(pilot)
        meta = storage.load(sample).meta
        assert meta.title == "備品貸出の見直し" and meta.organisation == "〇〇市"
        assert meta.business_area == "備品" and meta.background == "照会電話が多い"
        assert meta.dates == (dt.date(2027, 2, 1), dt.date(2027, 2, 8))

    async def test_settings_are_edited_and_a_bad_split_keeps_the_form(self, sample: Path) -> None:
        app = build_app(sample, lang="en")
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            await open_editor(pilot)
            await pilot.press("s")
            await pilot.pause()
            await fill(pilot, "annual_cases", "１２００")
            await fill(pilot, "hourly_cost", "4000")
            await fill(pilot, "annual_hours_per_person", "1800")
            await fill(pilot, "currency", "jpy")
            await fill(pilot, "quadrant_split", "7")
            await pilot.press("enter")
            await pilot.pause()
            screen = form(app)
            assert screen.inputs["quadrant_split"].has_class("-invalid")
            await fill(pilot, "quadrant_split", "3.5")
            await pilot.press("enter")
            await settle(pilot)
        settings = storage.load(sample).settings
        assert settings.annual_cases == 1200 and settings.hourly_cost == 4000
        assert settings.annual_hours_per_person == 1800 and settings.currency == "JPY"
        assert settings.quadrant_split == 3.5


class TestLanesAndFlows:
    async def test_rename_a_lane_and_edit_a_flows_label_and_share(self, sample: Path) -> None:
        ws = storage.load(sample)
        lane, flow = ws.lanes[0], ws.flows[0]
        app = build_app(sample, lang="en")
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            await pilot.press("v", "v")  # lanes and flows; the flows table has focus
            await pilot.pause()
            flows = app.screen.query_one("#flows-table", DataTable)
            assert app.focused is flows
            await pilot.press("enter")
            await pilot.pause()
            await fill(pilot, "label", "usual way")
            await fill(pilot, "share", "80")
            await pilot.press("enter")
            await settle(pilot)
            await pilot.press("shift+tab")
            await pilot.press("e")
            await pilot.pause()
            await fill(pilot, "name", "Front desk")
            await pilot.press("enter")
            await settle(pilot)
        saved = storage.load(sample)
        edited = next(f for f in saved.flows if (f.source, f.target) == (flow.source, flow.target))
        assert (edited.label, edited.share) == ("usual way", 0.8)
        assert saved.lanes[0] == lane.edit(name="Front desk")
