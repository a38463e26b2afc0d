"""The Report pane: the report's language and kind are chosen there (issue 14 §5)."""

from __future__ import annotations

from pathlib import Path

from tests.tui.conftest import build_app, settle


async def test_an_english_report_from_the_japanese_app(sample: Path) -> None:
    app = build_app(sample, lang="ja", phase="report")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        pane = app.screen.query_one("#phase-report")
        pane.language.value = "en"
        pane.formats["md"].value = False
        await pilot.pause()
        await pilot.press("ctrl+x")
        await settle(pilot)
        assert pane.last_export, "the export finished"
    assert [p.name for p in (sample / "report").iterdir() if p.is_file()] == ["report-en.html"]


async def test_exporting_with_no_format_ticked_says_so_and_writes_nothing(sample: Path) -> None:
    app = build_app(sample, lang="en", phase="report")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        pane = app.screen.query_one("#phase-report")
        for box in pane.formats.values():
            box.value = False
        await pilot.pause()
        await pilot.press("ctrl+x")
        await settle(pilot)
        logged = " ".join(str(line.text) for line in pane.log_view.lines)
        assert "Choose at least one format" in logged
    assert not (sample / "report").exists()


async def test_the_kind_offers_the_results_report(sample: Path) -> None:
    app = build_app(sample, lang="en", phase="report")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        pane = app.screen.query_one("#phase-report")
        pane.kind.value = "results"
        pane.formats["md"].value = False
        await pilot.pause()
        await pilot.press("ctrl+x")
        await settle(pilot)
        written = [p.name for p in pane.last_export]
    assert written and all("result" in name for name in written), written
