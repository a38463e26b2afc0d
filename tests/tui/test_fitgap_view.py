"""Fit & Gap under the Map tab (``g`` in the bureaus' view): one map against a reference flow,
its fits, gaps and missing steps as the view lists them, the next map and reference, and
a workshop without a reference."""

from __future__ import annotations

from pathlib import Path

from cocreate import storage
from cocreate.tui.widgets.phase_tabs import PhaseTabs
from cocreate.variants.maps import add_variant, remove_variant
from tests.tui.conftest import build_app, settle


def _sections(pane) -> dict[str, list[list[str]]]:
    """The table's rows as plain text under the heading of their section."""
    sections: dict[str, list[list[str]]] = {}
    current: list[list[str]] = []
    for key in pane.table.rows:
        cells = [str(c) for c in pane.table.get_row(key)]
        if str(key.value).startswith("-"):
            current = sections.setdefault(str(key.value)[1:], [])
        else:
            current.append(cells)
    return sections


def _names(rows: list[list[str]], column: int) -> list[str]:
    return [row[column] for row in rows]


async def test_g_lists_the_fits_gaps_and_missing_steps_of_the_first_bureau(sample: Path) -> None:
    app = build_app(sample, lang="ja", phase="variants")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("g")
        await settle(pilot)
        pane = app.main.pane
        assert app.phase == "fitgap" and app.main.query_one(PhaseTabs).phase == "map"
        assert "政策局" in str(pane.summary.render())
        assert "物品貸出の標準業務フロー（参考）" in str(pane.summary.render())
        assert "88%" in str(pane.rate.render())  # 7 of the reference's 8 steps
        lists = _sections(pane)
        fits = {row[1]: row for row in lists["fits"]}
        assert len(fits) == 7
        # On paper where the reference takes an e-application: marked, both media shown.
        assert fits["貸出申請書を作成（紙・局別様式）"] == [
            "⚠", "貸出申請書を作成（紙・局別様式）", "紙", "電子申請", "システム"
        ]  # fmt: skip
        assert fits["所属課長の決裁・押印"][0] == "⚠" and fits["所属課長の決裁・押印"][2] == "押印"
        assert fits["返却・点検"][0] == ""  # at the counter in both
        assert sum(row[0] == "⚠" for row in lists["fits"]) == 5
        gaps = lists["gaps"]
        assert _names(gaps, 1)[0] == "申請書を総務課へ持参" and gaps[0][2] == "窓口・持参"
        assert "物品管理官の承認・押印" in _names(gaps, 1) and len(gaps) == 6
        assert all(row[3] == "—" for row in gaps), "the reference lacks them"
        assert lists["missing"] == [["", "—", "", "返却期限の自動通知", "システム"]]
        await pilot.press("escape")
        assert app.phase == "variants"


async def test_n_goes_through_every_bureau_then_the_standard_and_back(sample: Path) -> None:
    app = build_app(sample, lang="ja", phase="fitgap")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        pane = app.main.pane
        seen = []
        for _ in range(5):
            seen.append(pane.computed.result.map.id)
            if pane.map_id == "kokusai":
                gaps = _names(_sections(pane)["gaps"], 1)
                assert "在庫表（Excel）にも貸出を記入" in gaps
                assert "申請書を総務課へ持参" not in gaps  # 国際局 sends it by e-mail
            if pane.map_id == "chiiki":
                assert "課長補佐の確認・押印" in _names(_sections(pane)["gaps"], 1)
                assert "地域局" in str(pane.summary.render())
            await pilot.press("n")
            await settle(pilot)
        assert seen == ["seisaku", "kokusai", "chiiki", "hyojun", "seisaku"]
        assert pane.check_action("next_reference", ()) is None, "one reference: dimmed"
        assert pane.check_action("next_map", ()) is True


async def test_r_checks_the_same_map_against_the_next_reference(sample: Path) -> None:
    storage.update_workshop(
        sample,
        lambda w: add_variant(w, "ref2", "電子化後の参照", kind="reference", copy_from="kokusai"),
    )
    app = build_app(sample, lang="en", phase="fitgap")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        pane = app.main.pane
        await pilot.press("n")
        await settle(pilot)
        assert (pane.reference_id, pane.map_id) == ("ref", "kokusai")
        await pilot.press("r")
        await settle(pilot)
        result = pane.computed.result
        assert (result.reference.id, result.map.id) == ("ref2", "kokusai")
        assert "reference 2 of 2" in str(pane.summary.render())
        assert "100%" in str(pane.rate.render()) and _sections(pane)["gaps"][0][1] == "none"
        await pilot.press("r")
        await settle(pilot)
        assert pane.computed.result.reference.id == "ref"


async def test_without_a_reference_it_says_how_to_import_one(sample: Path) -> None:
    storage.update_workshop(sample, lambda w: remove_variant(w, "ref"))
    app = build_app(sample, lang="en", phase="variants")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("g")
        await settle(pilot)
        pane = app.main.pane
        line = str(pane.rate.render())
        assert "No reference flow" in line and "\n" not in line.strip()
        assert "cocreate import bpmn FILE.bpmn --into PATH --variant ref" in line
        assert "--variant-kind reference" in line
        assert not pane.table.display and pane.table.row_count == 0
        assert pane.check_action("next_map", ()) is None


async def test_a_reference_removed_while_away_is_gone_on_return(sample: Path) -> None:
    app = build_app(sample, lang="en", phase="fitgap")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.main.pane.computed.result is not None
        await pilot.press("escape")
        await settle(pilot)
        assert app.apply("remove", lambda w: remove_variant(w, "ref"))
        await pilot.press("g")
        await settle(pilot)
        pane = app.main.pane
        assert app.phase == "fitgap" and pane.computed.result is None
        assert "No reference flow" in str(pane.rate.render())


class TestFitGapSnapshot:
    def test_fit_and_gap_japanese_120x40(self, snap_compare, sample: Path) -> None:
        app = build_app(sample, lang="ja", phase="fitgap")
        assert snap_compare(app, terminal_size=(120, 40), run_before=settle)
