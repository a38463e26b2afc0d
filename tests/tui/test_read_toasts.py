"""Toasts over a panel's edge (issue 14 §15): what is ours and what is Textual's."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.tui.conftest import build_app, settle

MESSAGE = "先に担当（レーン）を追加してください。保存できませんでした"


def _screen_lines(app) -> list[str]:
    # The compositor's strips are the characters on screen (no public API gives them).
    return ["".join(seg.text for seg in strip) for strip in app.screen._compositor.render_strips()]


@pytest.mark.xfail(
    strict=True,
    reason="Textual's compositor cuts each line at the edges of the widgets under an overlay"
    " and drops a double-width character that straddles one (Textualize/textual#6357);"
    " the Map's metrics panel puts such an edge under the toasts",
)
async def test_a_toast_over_the_metrics_panel_edge_keeps_every_character(sample: Path) -> None:
    app = build_app(sample, lang="ja", phase="map")
    async with app.run_test(size=(100, 32), notifications=True) as pilot:
        await settle(pilot)
        app.notify(MESSAGE, timeout=30)
        await pilot.pause(0.5)
        shown = "".join(line.strip() for line in _screen_lines(app) if "先に" in line)
    assert "（レーン）を" in shown
