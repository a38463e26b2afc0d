"""Pilot tests of the app's behaviour, each checked against the files on disk."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from pathlib import Path

from textual.widgets import DataTable, Input

from cocreate import contribute, storage
from cocreate.i18n import catalogue
from cocreate.prioritize import voting
from cocreate.tui.bindings import PHASES
from tests.conftest import ROOT, SAMPLE
from tests.tui.conftest import build_app, hint_settled, settle


async def test_undo_puts_the_file_back(sample: Path) -> None:
    lanes_before = storage.load(sample).lanes
    app = build_app(sample, lang="en")
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await pilot.press(*"Accounting desk", "enter")
        await pilot.pause()
        assert [lane.name for lane in storage.load(sample).lanes][-1] == "Accounting desk"
        assert "saved" in str(app.screen.query_one("WorkshopHeader").render())
        await pilot.press("ctrl+z")
        await pilot.pause()
    assert storage.load(sample).lanes == lanes_before


async def test_quitting_saves_the_field_being_typed(sample: Path) -> None:
    app = build_app(sample, lang="ja", phase="pilot")
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        app.screen.query_one("#pilot-purpose", Input).focus()
        await pilot.press("end", *"追記です")
        await pilot.press("escape")  # leaves the field: saved, and 1-8 work again
        await pilot.pause()
        assert storage.load(sample).pilot.purpose.endswith("追記です")
        await pilot.press("home", "end", *"！")
        assert not app.screen.query_one("#pilot-purpose", Input).value.endswith("！")
        app.screen.query_one("#pilot-purpose", Input).focus()
        await pilot.press("end", *"まで")
        await pilot.press("ctrl+q")
    saved = storage.load(sample).pilot
    assert saved.purpose.endswith("確かめる。追記ですまで")
    assert saved.title == "政策局での備品貸出オンライン申請の試行", "other fields untouched"


async def test_others_contributions_appear_without_restart(sample: Path) -> None:
    app = build_app(sample, lang="ja", phase="problems", member="kato", poll_seconds=0.05)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press("o")  # everyone's problems, not only kato's
        table = app.screen.query_one("#problems", DataTable)
        rows_before = table.row_count
        now = dt.datetime(2026, 10, 20, 11, 0)
        storage.update_member(
            sample,
            "yoshida",
            lambda mine: contribute.add_problem(
                storage.load(sample).with_contributions(mine),
                "yoshida",
                "別の端末から",
                (),
                "",
                now,
            )[0].contributions_of("yoshida"),
        )
        for _ in range(40):
            await pilot.pause(0.05)
            if table.row_count > rows_before:
                break
        assert table.row_count == rows_before + 1
        assert any("別の端末から" in str(table.get_row_at(i)[1]) for i in range(table.row_count))


async def test_a_facilitator_change_on_top_of_someone_elses_is_merged(sample: Path) -> None:
    app = build_app(sample, lang="ja", phase="vote")
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        # another facilitator session renames the workshop in the meantime
        storage.update_workshop(sample, lambda ws: ws.edit(meta=ws.meta.edit(title="改名")))
        await pilot.press("c", "y")  # close voting
        await pilot.pause()
        assert app.session.workshop.meta.title == "改名"
    saved = storage.load(sample)
    assert saved.voting.closed and saved.meta.title == "改名"


async def test_member_mode_has_no_facilitator_keys(sample: Path) -> None:
    before = (sample / "workshop.toml").read_bytes()
    app = build_app(sample, lang="en", member="kato")
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        actions = {b.binding.action for b in app.screen.active_bindings.values()}
        assert "add_step" not in actions and "next_view" in actions
        await pilot.press("a", "l", "f")
        assert app.screen is app.screen_stack[-1] and not app.screen.is_modal
        await pilot.press("5")
        await settle(pilot)
        actions = {b.binding.action for b in app.screen.active_bindings.values()}
        assert "toggle_voting" not in actions and "dot(1)" in actions
        await pilot.press("c")
    assert (sample / "workshop.toml").read_bytes() == before


async def test_the_palette_runs_a_screen_action_and_ctrl_t_changes_theme(sample: Path) -> None:
    app = build_app(sample, lang="en", phase="problems")
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"add problem")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause(0.2)
        from cocreate.tui.screens.forms import FormScreen

        assert isinstance(app.screen, FormScreen)
        await pilot.press("escape")
        theme = app.theme
        await pilot.press("ctrl+t")
        assert app.theme != theme


def test_first_frame_does_not_wait_for_heavy_libraries() -> None:
    script = f"""
import asyncio, sys
sys.path.insert(0, {str(ROOT)!r})
import cocreate.tui
assert "textual" not in sys.modules, "importing cocreate.tui must stay cheap"
from tests.tui.conftest import build_app

async def main():
    app = build_app(lang="ja")
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        assert app.phase == "map" and type(app.main.pane).__name__ == "MapPane"
        heavy = sorted(
            m for m in ("pandas", "matplotlib", "numpy", "networkx") if m in sys.modules
        )
        print("HEAVY", heavy)
        # Only the first phase's pane module loads before the first frame; forms, the
        # drawing and the edits' domain modules load when first used.
        later = sorted(m for m in sys.modules if m.startswith("cocreate.tui.phases."))
        print("PANES", later)
        unused = ("cocreate.tui.screens.forms", "cocreate.tui.widgets.process_view")
        print("UNUSED", sorted(m for m in unused if m in sys.modules))

asyncio.run(main())
"""
    proc = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=60
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "HEAVY []" in proc.stdout
    assert "cocreate.tui.phases.vote" not in proc.stdout
    assert "cocreate.tui.phases.map" in proc.stdout
    assert "UNUSED []" in proc.stdout


def test_every_ui_string_has_both_languages_and_every_used_key_exists() -> None:
    texts = catalogue()
    ui = {key: value for key, value in texts.items() if key.startswith("ui.")}
    for key, value in ui.items():
        assert value.get("ja") and value.get("en"), f"{key} lacks a language"
    source = "\n".join(
        p.read_text(encoding="utf-8") for p in (ROOT / "cocreate" / "tui").rglob("*.py")
    )
    used = set(re.findall(r"""["'](ui\.[a-z_]+(?:\.[a-z_]+)+)["']""", source))
    assert used, "no keys found: the pattern is wrong"
    missing = sorted(used - set(ui))
    assert not missing, missing
    from cocreate.tui.app import CocreateApp
    from cocreate.tui.screens.workshop import PANES, pane_class

    ids = {b.id for b in CocreateApp.BINDINGS}
    for phase in PANES:
        ids |= {b.id for b in pane_class(phase).BINDINGS}
    assert all(f"ui.key.{i}" in ui for i in ids), sorted(i for i in ids if f"ui.key.{i}" not in ui)


def test_voting_closed_shows_members_the_tally(sample: Path) -> None:
    storage.update_workshop(sample, voting.close_voting)
    assert voting.can_see_tally(storage.load(sample), "kato")


async def test_clicking_a_tab_opens_its_phase(sample: Path) -> None:
    app = build_app(sample, lang="en")
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        tabs = app.screen.query_one("PhaseTabs")
        column = str(tabs.render()).index(tabs.label("ideas"))
        await pilot.click("PhaseTabs", offset=(column + 2, 0))
        await pilot.pause()
        assert app.phase == "ideas" and tabs.phase == "ideas"
        await pilot.press("1")
        await pilot.pause()
        assert app.phase == "map"
        assert app.screen.query_one("PhaseTabs").phase == "map"


async def test_a_flow_is_removed_from_the_lanes_and_flows_view(sample: Path) -> None:
    first = storage.load(sample).flows[0]
    app = build_app(sample, lang="en")
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press("v", "v")  # steps -> drawing -> lanes and flows
        assert app.focused is app.screen.query_one("#flows-table")
        await pilot.press("delete", "y")
        await pilot.pause()
        await pilot.press("shift+tab")  # the lanes table: its lane still has steps
        assert app.focused is app.screen.query_one("#lanes-table")
        await pilot.press("delete", "y")
        await pilot.pause()
    saved = storage.load(sample)
    assert (first.source, first.target) not in {(f.source, f.target) for f in saved.flows}
    assert len(saved.flows) == len(storage.load(SAMPLE).flows) - 1
    assert saved.lanes == storage.load(SAMPLE).lanes, "a lane with steps is not removed"
    assert saved.steps == storage.load(SAMPLE).steps


async def test_the_metrics_panel_follows_an_edit(sample: Path) -> None:
    from cocreate.process.metrics import analyse
    from cocreate.tui.widgets.text import number

    app = build_app(sample, lang="en")
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        panel = app.screen.query_one("#metrics-body")
        before = analyse(storage.load(sample)).annual_hours
        assert f"{number(before)} h" in str(panel.render())
        await pilot.press("down", "down", "enter")  # edit s03
        await pilot.press("tab", "tab", "tab")  # lane, kind, minutes
        await pilot.press("ctrl+u", *"30", "enter")
        await settle(pilot)
        after = analyse(storage.load(sample)).annual_hours
        assert storage.load(sample).step("s03").minutes == 30
        assert after > before
        assert f"{number(after)} h" in str(panel.render())
        await pilot.press("plus", "plus", "minus")  # in place, a minute at a time
        await settle(pilot)
        assert storage.load(sample).step("s03").minutes == 31
        nudged = analyse(storage.load(sample)).annual_hours
        assert f"{number(nudged)} h" in str(panel.render())


async def test_quitting_over_an_open_form_asks_first(sample: Path) -> None:
    from cocreate.tui.screens.confirm import ConfirmScreen

    app = build_app(sample, lang="en", phase="problems")
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press("a", *"課長が不在で押印がもらえない")
        await hint_settled(pilot)
        hint = str(app.screen.query_one("#form-hint").render())
        assert "nakamura.p1" in hint, "a near-duplicate is suggested while typing"
        await pilot.press("ctrl+z")  # app undo must not act under the form
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape", "escape", "y")  # back to the form, then close it
        await pilot.pause()
        assert app.phase == "problems" and not app.screen.is_modal
    assert storage.load(sample).problems == storage.load(SAMPLE).problems


async def test_a_failing_tally_is_shown_not_a_crash(sample: Path, monkeypatch) -> None:
    import cocreate.prioritize.tally as tally_module

    def broken(workshop, **kwargs):
        raise RuntimeError("no tally today")

    monkeypatch.setattr(tally_module, "tally", broken)
    app = build_app(sample, lang="en", phase="matrix")
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        assert app.screen.query_one("#matrix-views").current == "matrix-hidden"
        assert "no tally today" in str(app.screen.query_one("#matrix-hidden").render())


async def test_a_file_broken_on_disk_is_reported_and_the_app_keeps_its_state(
    sample: Path,
) -> None:
    app = build_app(sample, lang="en", poll_seconds=0.05)
    told: list[str] = []
    real_notify = app.notify

    def notify(message, *args, **kwargs):
        told.append(str(message))
        return real_notify(message, *args, **kwargs)

    app.notify = notify
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        steps = app.session.workshop.steps
        member_file = sample / "members" / "kato.toml"
        member_file.write_text("this is = = not toml", encoding="utf-8")
        await pilot.pause(0.3)
        assert app.session.workshop.steps == steps
        assert app.is_running
        assert any("kato.toml" in message for message in told)


async def test_dots_stop_at_the_cap_with_a_message_in_japanese(sample: Path) -> None:
    app = build_app(sample, lang="ja", phase="vote", member="kato")
    told: list[str] = []
    real_notify = app.notify
    app.notify = lambda message, *a, **k: (told.append(str(message)), real_notify(message, *a, **k))
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press("d", "d", "d", "d")
        await pilot.pause()
    cap = storage.load(sample).voting.cap_per_idea
    first_idea = storage.load(sample).ideas[0].id
    dots = {d.idea: d.count for d in storage.load_member(sample, "kato").dots}
    assert dots == {first_idea: cap}
    assert any("までです" in message for message in told)


async def test_a_phase_seen_before_catches_up_with_edits_made_elsewhere(
    sample: Path, monkeypatch
) -> None:
    import cocreate.prioritize.tally as tally_module

    runs: list[int] = []
    real_tally = tally_module.tally

    def counted(workshop, **kwargs):
        runs.append(1)
        return real_tally(workshop, **kwargs)

    monkeypatch.setattr(tally_module, "tally", counted)
    app = build_app(sample, lang="en", phase="matrix")
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        ranked = app.screen.query_one("#ranked", DataTable)
        me = app.session.author
        mine = next(d for d in app.session.workshop.dots if d.member == me and d.count > 0)
        dots_before = int(str(ranked.get_cell(mine.idea, "dots")))
        await pilot.press("5")  # the facilitator's own ballot
        await settle(pilot)
        row = [i.id for i in app.session.workshop.ideas].index(mine.idea)
        app.screen.query_one("#ballot", DataTable).move_cursor(row=row)
        runs_before = len(runs)
        await pilot.press("D")  # take one of my dots back
        await settle(pilot)
        assert len(runs) == runs_before, "no tally for a hidden matrix"
        await pilot.press("6")
        await settle(pilot)
        assert int(str(ranked.get_cell(mine.idea, "dots"))) == dots_before - 1


async def test_a_new_empty_workshop_opens_on_every_phase_and_takes_a_first_lane_and_step(
    tmp_path: Path,
) -> None:
    from cocreate.model import Member, Meta, Role, Workshop

    folder = tmp_path / "new"
    storage.create(
        folder,
        Workshop(
            meta=Meta(title="空のワークショップ", facilitator="f"),
            members=(Member("f", "進行役", Role.FACILITATOR),),
        ),
    )
    app = build_app(folder, lang="ja")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        # Keys 1-9 go to the phases in order and the tabs show where you are.
        for key, phase in zip("23456789", PHASES[1:], strict=True):
            await pilot.press(key)
            await settle(pilot)
            assert app.phase == phase
            assert app.screen.query_one("PhaseTabs").phase == phase
        await pilot.press("1", "l", *"窓口", "enter")
        await pilot.press("a", *"受付", "enter")
        await settle(pilot)
    saved = storage.load(folder)
    assert app.phase == "map"
    assert [lane.name for lane in saved.lanes] == ["窓口"]
    assert [(s.name, s.lane) for s in saved.steps] == [("受付", saved.lanes[0].id)]


async def test_the_facilitator_sets_the_voting_rules(sample: Path) -> None:
    app = build_app(sample, lang="ja", phase="vote")
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press("s", "ctrl+u", *"７", "tab", "ctrl+u", "4", "ctrl+s")
        await pilot.pause()
    rules = storage.load(sample).voting
    assert (rules.dots_per_member, rules.cap_per_idea) == (7, 4)


async def test_a_member_removes_their_own_problem_but_not_someone_elses(sample: Path) -> None:
    app = build_app(sample, lang="en", phase="problems", member="kato")
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press("a", *"typo problem", "enter")
        await settle(pilot)
        table = app.screen.query_one("#problems", DataTable)
        table.move_cursor(row=table.row_count - 1)
        await pilot.press("delete", "y")
        await settle(pilot)
        assert "typo problem" not in {p.text for p in storage.load_member(sample, "kato").problems}
        await pilot.press("o")  # everyone's: the first row is ito's
        table.move_cursor(row=0)
        await pilot.press("delete")
        await settle(pilot)
    assert storage.load(sample).problems == storage.load(SAMPLE).problems


async def test_the_palettes_own_commands_speak_the_ui_language_and_keys_opens_the_help(
    sample: Path,
) -> None:
    from cocreate.tui.screens.help import HelpScreen

    app = build_app(sample, lang="ja")
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        commands = {c.title: c for c in app.get_system_commands(app.screen)}
        assert {"テーマ", "終了", "キー"} <= set(commands), sorted(commands)
        commands["キー"].callback()
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert (
            str(app.screen.query_one("#help-title").render()) == catalogue()["ui.help.title"]["ja"]
        )
