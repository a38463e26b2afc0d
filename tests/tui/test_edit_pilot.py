"""The Pilot pane: the whole plan edited in the app (issue 14 §4, §8, §17)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input

from cocreate import storage
from cocreate.dates import read_date
from tests.tui.conftest import build_app, settle


async def test_the_first_tab_on_pilot_goes_to_a_field_that_keeps_what_is_typed(
    sample: Path,
) -> None:
    app = build_app(sample, lang="en", phase="pilot")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("tab")
        focused = app.focused
        assert isinstance(focused, Input) and focused.region.height > 0, focused
        await pilot.press(*"Trial", "enter")
        await settle(pilot)
    name = focused.id.removeprefix("pilot-")
    assert "Trial" in str(getattr(storage.load(sample).pilot, name))


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
