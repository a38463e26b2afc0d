"""The effect/effort matrix chart, the shared chart helpers and the Mermaid export."""

from __future__ import annotations

import re
import warnings
from itertools import combinations

import pytest

from cocreate import storage
from cocreate.errors import InputError
from cocreate.prioritize.matrix import matrix_figure, mermaid_quadrant, write_matrix
from cocreate.prioritize.tally import IdeaTally, tally
from tests.conftest import SAMPLE

pytestmark = pytest.mark.filterwarnings("error")


@pytest.fixture(scope="module")
def rows() -> list[IdeaTally]:
    return tally(storage.load(SAMPLE))


def _row(
    idea_id: str,
    title: str,
    effect: float,
    effort: float,
    dots: int = 1,
    hours: float = 10.0,
    rank: int = 1,
) -> IdeaTally:
    return IdeaTally(
        idea_id, title, effect, effort, effect, effort, 0.0, 0.0, 3, dots, hours, None, rank
    )


def test_png_and_svg_are_written_with_japanese_and_no_warning(rows, tmp_path) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a missing glyph is a UserWarning: fail on it
        png = write_matrix(rows, tmp_path / "matrix.png", "ja")
        svg = write_matrix(rows, tmp_path / "matrix.svg", "en")
    assert png.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    assert b"<svg" in svg.read_bytes()[:500]
    assert png.stat().st_size > 20_000  # a real picture, not an empty canvas
    assert not list(tmp_path.glob(".*.tmp"))


def test_japanese_text_uses_the_bundled_font(rows) -> None:
    from matplotlib.font_manager import findfont
    from matplotlib.text import Text

    fig = matrix_figure(rows, "ja")
    texts = [
        t for t in fig.findobj(Text) if re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", t.get_text())
    ]
    assert len(texts) >= 4 + len(rows)  # quadrant names, axes and every label
    for text in texts:
        assert findfont(text.get_fontproperties()).endswith("ipaexg.ttf")


def test_a_font_without_japanese_would_fail_this_suite() -> None:
    """The negative control: the glyph warning really is raised, and really is an error."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure()
    FigureCanvasAgg(fig)
    fig.text(0.5, 0.5, "備品", family="DejaVu Sans")
    with pytest.raises(UserWarning, match="missing from font"):
        fig.canvas.draw()


def test_participant_text_is_never_mathtext(tmp_path) -> None:
    import matplotlib

    from cocreate.charts import figure_bytes

    titled = [_row("a.i1", "予算 $5 vs $7 の案", 4, 2), _row("b.i1", r"$\alpha$ と $x^2$", 2, 4)]
    fig = matrix_figure(titled, "ja", title="費用 $5 vs $7", label_chars=40)
    with matplotlib.rc_context({"svg.fonttype": "none"}):  # keep text as text in the SVG
        svg = figure_bytes(fig, "svg").decode("utf-8")
    # Text elements, not the comments matplotlib writes beside them: mathtext would split
    # "$5 vs $7" into glyph runs with no "$" at all.
    drawn = set(re.findall(r">([^<>]*\$[^<>]*)</text>", svg))
    assert {"費用 $5 vs $7", "a.i1 予算 $5 vs $7 の案", r"b.i1 $\alpha$ と $x^2$"} <= drawn
    write_matrix(titled, tmp_path / "m.png")  # mathtext parsing "$x^2$" would not raise


def test_labels_do_not_overlap_on_the_sample(rows) -> None:
    from matplotlib.text import Annotation

    fig = matrix_figure(rows, "ja")
    fig.draw_without_rendering()
    renderer = fig.canvas.get_renderer()
    boxes = [a.get_window_extent(renderer) for a in fig.findobj(Annotation)]
    assert len(boxes) == len(rows)
    overlapping = [(a, b) for a, b in combinations(boxes, 2) if a.overlaps(b)]
    assert overlapping == []


def test_crowded_points_are_fanned_out() -> None:
    crowd = [_row(f"m{i}.i1", f"同じ評価の案{i}", 4, 2, rank=i) for i in range(6)]
    fig = matrix_figure(crowd, "en")
    ax = fig.axes[0]
    offsets = ax.collections[0].get_offsets()
    assert len({(round(x, 3), round(y, 3)) for x, y in offsets}) == 6
    assert all(abs(x - 2) < 0.2 and abs(y - 4) < 0.2 for x, y in offsets)


def test_empty_matrix_says_so(tmp_path) -> None:
    from matplotlib.text import Text

    fig = matrix_figure([], "en")
    assert "No rated ideas yet" in [t.get_text() for t in fig.findobj(Text)]
    write_matrix([], tmp_path / "empty.png", "en")


def test_unknown_suffix_is_refused(rows, tmp_path) -> None:
    with pytest.raises(InputError, match=r"\.png or \.svg"):
        write_matrix(rows, tmp_path / "matrix.pdf")
    assert not (tmp_path / "matrix.pdf").exists()


def test_quadrant_names_follow_the_language(rows) -> None:
    from matplotlib.text import Text

    names = {t.get_text() for t in matrix_figure(rows, "en").findobj(Text)}
    assert {"Quick wins", "Major projects", "Fill-ins", "Thankless tasks"} <= names


# --------------------------------------------------------------------------- Mermaid

_POINT = re.compile(r'^    "([^"\n]*)": \[((?:1)|(?:0(?:\.\d+)?)), ((?:1)|(?:0(?:\.\d+)?))\]$')


def test_mermaid_quadrant_chart(rows) -> None:
    text = mermaid_quadrant(rows, "ja", 3.0)
    lines = text.splitlines()
    assert lines[0] == "quadrantChart"
    assert '    quadrant-2 "すぐやる"' in lines  # Mermaid's quadrant 2 is the top left
    points = [m for m in map(_POINT.match, lines) if m]
    assert len(points) == len([r for r in rows if r.effect is not None])
    by_id = {m[1].split()[0]: (float(m[2]), float(m[3])) for m in points}
    # the scale keeps a margin of 0.04 inside the edges: share s is drawn at 0.04 + 0.92 s
    # nakamura.i1: effort 1 -> share 0, effect 5 -> share 1
    assert by_id["nakamura.i1"] == (0.04, 0.96)
    # yamamoto.i1: effort 2.5 -> share 0.5 * 1.5 / 2 = 0.375, effect 4 -> share 0.75
    assert by_id["yamamoto.i1"] == (0.385, 0.73)
    # ito.i1: effort exactly on the split counts as high, so just right of the line
    assert by_id["ito.i1"][0] > 0.5


def test_mermaid_labels_cannot_break_the_syntax() -> None:
    text = mermaid_quadrant([_row("a.i1", 'say "hi": [0.1, 0.2] %% no\nnewline', 2, 4)])
    point = text.splitlines()[-1]
    assert _POINT.match(point), point
    assert "%%" not in point and "\n" not in point.strip()


def test_chart_helpers() -> None:
    from cocreate.charts import figure_bytes, new_figure, shorten

    assert (
        shorten("申請を\nオンライン  フォームにする", 8) == "申請を オンラ…"
    )  # 8 characters in all
    assert shorten("短い", 8) == "短い"
    fig = new_figure(3, 2)
    assert fig.get_size_inches().tolist() == [3.0, 2.0]
    with pytest.raises(InputError, match="unknown chart format"):
        figure_bytes(fig, "pdf")


def _mermaid_points(text: str) -> list[tuple[str, float, float]]:
    return [(m[1], float(m[2]), float(m[3])) for m in map(_POINT.match, text.splitlines()) if m]


def test_mermaid_points_on_the_axes_are_not_clipped() -> None:
    corners = [_row(f"m{i}.i1", f"端{i}", effect, effort, rank=i)
               for i, (effect, effort) in enumerate([(1, 1), (5, 5), (1, 5), (5, 1)])]  # fmt: skip
    for label, x, y in _mermaid_points(mermaid_quadrant(corners, "en")):
        # Mermaid cuts a point drawn on its edge in half: all stay a margin inside
        assert 0.02 <= x <= 0.98 and 0.02 <= y <= 0.98, (label, x, y)


def test_mermaid_identical_points_do_not_overlap() -> None:
    from cocreate.prioritize.tally import quadrant_of

    crowd = [_row(f"m{i}.i1", f"同じ{i}", 4, 3, rank=i) for i in range(5)]
    crowd.append(_row("z.i1", "別", 2, 2, rank=9))
    points = _mermaid_points(mermaid_quadrant(crowd, "en", 3.0))
    assert len({(x, y) for _, x, y in points}) == len(crowd)
    quadrant_at = {
        (True, True): "major_project",
        (False, True): "quick_win",
        (False, False): "fill_in",
        (True, False): "thankless",
    }
    for (label, x, y), row in zip(points, crowd, strict=True):
        # a fanned point stays in its own quadrant (effort 3 is on the split: high)
        drawn = quadrant_at[(x > 0.5, y > 0.5)]
        assert drawn == quadrant_of(row.effect, row.effort, 3.0), (label, x, y)


def test_an_idea_on_the_split_is_drawn_inside_its_quadrant() -> None:
    rows = [
        _row("a.i1", "両方が境界", 3, 3, rank=1),
        _row("b.i1", "手間が境界", 4, 3, rank=2),
        _row("c.i1", "効果が境界", 3, 2, rank=3),
        _row("d.i1", "同じ点1", 3, 3, rank=4),
    ]
    ax = matrix_figure(rows, "en", 3.0).axes[0]
    for (x, y), row in zip(ax.collections[0].get_offsets(), rows, strict=True):
        assert x != 3.0 and y != 3.0, (row.id, x, y)
        # the tally counts a value on the split as high: the bubble is on the high side
        high_effort, high_effect = row.effort >= 3.0, row.effect >= 3.0
        assert (x > 3.0) == high_effort and (y > 3.0) == high_effect, (row.id, x, y)


@pytest.mark.parametrize(("lang", "one", "many"), [("en", "1 dot", "3 dots"),
                                                   ("ja", "ドット 1個", "ドット 3個")])  # fmt: skip
def test_the_legend_says_one_dot(lang, one, many) -> None:
    rows = [_row("a.i1", "一つ", 4, 2, rank=1, dots=1), _row("b.i1", "三つ", 3, 4, rank=2, dots=3)]
    fig = matrix_figure(rows, lang)
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    assert legend[0] == one and legend[-1] == many
    assert "1 dots" not in legend
