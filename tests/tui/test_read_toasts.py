"""Toasts over a panel's edge keep every double-width character (issue 14 §15).

Textual's compositor divides each screen line at every widget's edge, also under a toast,
and draws a double-width character cut in two as two blanks (Textualize/textual#6357). The
app lays a toast's text out around the edges beneath it (``cocreate/tui/toasts.py``).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rich.cells import cell_len
from textual.content import Content
from textual.geometry import Size

from cocreate import storage
from cocreate.i18n import t
from cocreate.model import Member, Meta, Role, Workshop
from cocreate.tui.toasts import RACK_MARGIN_BOTTOM, lay_out, text_area
from tests.tui.conftest import build_app, screen_lines, settle

#: Sizes where, without the layout, a toast on the Map lost a character over the edge of
#: the metrics panel (the edge falls at an odd cell of the toast's text).
SIZES = [(80, 24), (100, 32), (120, 40)]


def _shown(app) -> str:
    """Every character drawn on screen, without blanks and the toast's border."""
    return re.sub(r"[\s▌]", "", "".join(screen_lines(app)))


def _squashed(text: str) -> str:
    return re.sub(r"\s", "", text)


@pytest.fixture
def empty(tmp_path: Path) -> Path:
    folder = tmp_path / "new"
    storage.create(
        folder,
        Workshop(
            meta=Meta(title="空のワークショップ", facilitator="f"),
            members=(Member("f", "進行役", Role.FACILITATOR),),
        ),
    )
    return folder


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_add_a_lane_first_over_the_metrics_panel_edge_keeps_every_character(
    empty: Path, size: tuple[int, int]
) -> None:
    app = build_app(empty, lang="ja", phase="map")
    async with app.run_test(size=size, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("a")  # a step needs a lane: refused with a toast
        await pilot.pause(0.3)
        shown = _shown(app)
    assert _squashed(t("ui.map.need_lane", "ja")) in shown  # 先に担当（レーン）を追加…
    assert storage.load(empty).steps == ()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_a_titled_error_over_the_metrics_panel_edge_keeps_every_character(
    sample: Path, size: tuple[int, int]
) -> None:
    app = build_app(sample, lang="ja", phase="map")
    async with app.run_test(size=size, notifications=True) as pilot:
        await settle(pilot)
        title = app.tr("ui.note.save_failed")  # 保存できませんでした
        message = "workshop.toml：書き込めませんでした：権限がありません"
        app.notify(message, title=title, severity="error", timeout=30)
        await pilot.pause(0.3)
        shown = _shown(app)
    assert _squashed(title + message) in shown


async def test_a_toast_shows_brackets_that_were_typed(sample: Path) -> None:
    # Toasts quote what people typed; as markup, "[案]" was a tag and vanished. A pane's
    # notify asks for markup whatever it shows, so the app's own notify decides.
    app = build_app(sample, lang="ja", phase="map")
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        pane = app.screen.query_one("PhasePane")
        pane.notify("[案] 受付 [b]は[/b] 使われています", timeout=30)
        await pilot.pause(0.3)
        shown = _shown(app)
    assert _squashed("[案] 受付 [b]は[/b] 使われています") in shown


@pytest.mark.parametrize("size", [(60, 20), (80, 24), (99, 30), (100, 32), (125, 40), (160, 50)])
async def test_the_toasts_text_lies_where_the_layout_expects_it(
    sample: Path, size: tuple[int, int]
) -> None:
    # cocreate/tui/toasts.py writes out Textual's layout of toasts: an upgrade that moves
    # them fails here, before toasts are laid out for the wrong columns.
    app = build_app(sample, lang="ja", phase="map")
    async with app.run_test(size=size, notifications=True) as pilot:
        await settle(pilot)
        app.notify("x", timeout=30)
        await pilot.pause(0.3)
        (toast,) = app.screen.query("Toast")
        text = toast.content_region
    left, width = text_area(Size(*size))
    assert (text.x, text.width) == (left, width)
    assert text.bottom == size[1] - RACK_MARGIN_BOTTOM - 1  # one line of padding below


async def test_a_plain_textual_app_loses_the_character_without_the_layout() -> None:
    # Textualize/textual#6357 in Textual alone: a panel's edge under a toast, as on the Map
    # at 100x32. When an upgrade fixes it this fails, and cocreate/tui/toasts.py can go.
    from textual.app import App, ComposeResult
    from textual.containers import Horizontal
    from textual.widgets import Static

    class Plain(App[None]):
        CSS = "Static { height: 1fr; } #left { width: 68; } #right { border-left: vkey red; }"

        def compose(self) -> ComposeResult:
            with Horizontal():
                yield Static("left", id="left")
                yield Static("right", id="right")

    app = Plain()
    async with app.run_test(size=(100, 32), notifications=True) as pilot:
        app.notify("先に担当（レーン）を追加してください", timeout=30)
        await pilot.pause(0.3)
        shown = _shown(app)
    assert "先に担当（レーン" in shown
    assert "（レーン）を" not in shown  # the ） over the edge is drawn as two blanks


def _straddles(laid_out: Content, left: int, edges: set[int]) -> list[str]:
    found = []
    for line in laid_out.plain.split("\n"):
        x = left
        for char in line:
            if cell_len(char) == 2 and x + 1 in edges:
                found.append(char)
            x += cell_len(char)
    return found


class TestLayOut:
    def test_a_blank_goes_before_the_character_on_an_edge(self) -> None:
        text = Content("先に担当（レーン）を追加してください")
        laid_out = lay_out(text, 51, 46, {68})
        assert laid_out is not None
        assert laid_out.plain == "先に担当（レーン ）を追加してください"
        assert _straddles(laid_out, 51, {68}) == []

    def test_lines_stay_within_the_width_and_keep_every_character(self) -> None:
        text = Content("ファイルを書き込めません：権限がありません（l キー）" * 3)
        for edges in ({44, 47}, {44}, {42, 50, 61}, {44, 46, 48, 52, 60}):
            laid_out = lay_out(text, 41, 26, edges)
            assert laid_out is not None
            assert all(cell_len(line) <= 26 for line in laid_out.plain.split("\n"))
            assert _squashed(laid_out.plain) == _squashed(text.plain)
            assert _straddles(laid_out, 41, edges) == []

    def test_text_that_loses_nothing_is_left_as_it_is(self) -> None:
        assert lay_out(Content("Add a lane first (key l)"), 51, 46, {68}) is None
        assert lay_out(Content("先に担当"), 51, 46, set()) is None
        assert lay_out(Content("先に担当"), 52, 46, {68}) is None  # the edge falls between two

    def test_styles_are_kept(self) -> None:
        text = Content.from_markup("[b]先に[/b]担当（レーン）")
        laid_out = lay_out(text, 51, 46, {68})
        assert laid_out is not None
        assert laid_out.markup == "[b]先に[/b]担当（レーン ）"
