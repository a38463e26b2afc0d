"""The swimlane diagram: layout rules, loops, readability at 15 and at 40 steps."""

from __future__ import annotations

import itertools
import random
import warnings

import pytest

from cocreate import storage
from cocreate.model import Flow, Lane, Meta, Settings, Step, StepKind, Workshop
from cocreate.reports.diagram import (
    MAX_COLUMNS,
    draw,
    layout,
    page_groups,
    text_width,
    wrap_text,
)
from tests.conftest import SAMPLE


def _big(steps: int = 40, lanes: int = 6, seed: int = 7) -> Workshop:
    """A process of ``steps`` steps over ``lanes`` lanes, with branches and two loops."""
    rng = random.Random(seed)
    lane_list = tuple(Lane(f"l{i}", f"担当部署{i}（係）") for i in range(lanes))
    step_list = []
    for i in range(steps):
        kind = StepKind.START if i == 0 else StepKind.END if i == steps - 1 else StepKind.TASK
        if 0 < i < steps - 1 and i % 7 == 3:
            kind = StepKind.DECISION
        step_list.append(
            Step(
                f"s{i:02d}",
                f"工程{i}の申請書類を確認して回付する",
                rng.choice(lane_list).id,
                kind,
                minutes=rng.randint(1, 30),
                volume=1000,
            )
        )
    flows = [Flow(f"s{i:02d}", f"s{i + 1:02d}") for i in range(steps - 1)]
    flows += [Flow("s10", "s05", "差戻し", 0.2), Flow("s30", "s24", "再提出", 0.1)]
    flows += [Flow("s12", "s15", "省略", 0.3)]
    return Workshop(
        Meta("big"),
        Settings(annual_cases=1000),
        lanes=lane_list,
        steps=tuple(step_list),
        flows=tuple(flows),
    )


def _check_layout(ws: Workshop):
    lay = layout(ws)
    assert set(lay.columns) == {s.id for s in ws.steps}
    places = [(s.lane, lay.columns[s.id]) for s in ws.steps]
    assert len(places) == len(set(places)), "two steps share a lane and a column"
    for first, last in lay.panels:
        assert last - first + 1 <= MAX_COLUMNS
    steps = {s.id: s for s in ws.steps}
    for flow in ws.flows:
        if (flow.source, flow.target) in lay.back_edges:
            continue
        # forward flows never point left; in the same lane they point right
        a, b = lay.columns[flow.source], lay.columns[flow.target]
        assert b >= a
        if steps[flow.source].lane == steps[flow.target].lane:
            assert b > a
    return lay


def test_sample_layout_shows_the_rework_loop():
    ws = storage.load(SAMPLE)
    lay = _check_layout(ws)
    assert lay.back_edges == {("s07", "s03")}
    assert len(lay.panels) == 1
    # hand-offs to another lane may go straight down: narrower than one column per step
    assert max(lay.columns.values()) + 1 < len(ws.steps)


def test_forty_steps_are_cut_into_panels():
    ws = _big()
    lay = _check_layout(ws)
    assert len(lay.panels) >= 2
    assert {("s10", "s05"), ("s30", "s24")} <= lay.back_edges


def _text_sizes(fig):
    from matplotlib.text import Text

    return [t.get_fontsize() for t in fig.findobj(Text) if t.get_text()]


@pytest.mark.parametrize("size", [15, 40])
def test_diagram_draws_readably_without_glyph_warnings(size):
    from cocreate.charts import figure_bytes

    ws = storage.load(SAMPLE) if size == 15 else _big(size)
    groups = page_groups(ws)
    assert sorted(p for g in groups for p in g) == list(range(len(layout(ws).panels)))
    drawn = set()
    for panels in groups:
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # a missing Japanese glyph would warn
            fig = draw(
                ws,
                legend={"paper": "紙", "loop": "手戻り", "bottleneck": "ボトルネック"},
                step_hours={s.id: 100.0 for s in ws.steps},
                bottlenecks={ws.steps[1].id},
                panels=panels,
            )
            png = figure_bytes(fig)
        assert png.startswith(b"\x89PNG")
        width, height = fig.get_size_inches()
        assert width == pytest.approx(7.1)  # the printable width of A4
        assert height <= 9.84, "each figure fits one A4 page (the HTML caps it at 250 mm)"
        assert min(_text_sizes(fig)) >= 4.5, "no text too small to read in print"
        drawn |= {t.get_text() for t in fig.findobj(lambda a: hasattr(a, "get_text"))}
    if size == 15:
        assert len(groups) == 1 and height < 5, "the sample fits in under half a page"
    else:
        assert len(groups) >= 2
    # every step's id is drawn, so the diagram traces to the tables
    assert {s.id for s in ws.steps} <= drawn


def test_loop_is_drawn_dashed_in_red():
    from matplotlib.patches import FancyArrowPatch

    fig = draw(storage.load(SAMPLE))
    arrows = [p for p in fig.axes[0].patches if isinstance(p, FancyArrowPatch)]
    red = [a for a in arrows if a.get_edgecolor()[0] > 0.6 and a.get_edgecolor()[1] < 0.4]
    assert len(red) == 1 and red[0].get_linestyle() != "solid"


def test_wrap_text_counts_full_width_as_two():
    assert text_width("申請abc") == 7
    wrapped = wrap_text("申請書を総務課へ持参する", 8, 2)
    lines = wrapped.split("\n")
    assert len(lines) == 2 and lines[-1].endswith("…")
    assert all(text_width(line) <= 8 for line in lines)
    # closing brackets never start a line
    assert not any(
        line.startswith("）") for line in wrap_text("貸出申請書（紙）を作成", 10).split("\n")
    )


def test_module_examples():
    import doctest

    import cocreate.reports.diagram as diagram
    import cocreate.reports.escape as escape

    for module in (diagram, escape):
        failed, tried = doctest.testmod(module)
        assert tried and not failed, module.__name__


# --------------------------------------------------------------------------- routing


def _discovered() -> Workshop:
    """The running example's process as `discover --into` makes it: a rework branch."""
    from cocreate.process.eventlog import discover, to_process
    from tests.conftest import SHARED_DATA

    log = SHARED_DATA / "eventlogs" / "running-example.csv"
    imported = to_process(
        discover(
            log,
            case="case:concept:name",
            activity="Activity",
            timestamp="time:timestamp",
            resource="Resource",
        )
    )
    return Workshop(
        Meta("running example"),
        lanes=imported.lanes,
        steps=imported.steps,
        flows=imported.flows,
    )


ROUTED = [_discovered, lambda: storage.load(SAMPLE), lambda: _big(40)]


def _geometry(fig):
    """Boxes, arrows (as polylines) and texts of a drawn diagram, in data inches."""
    from matplotlib.patches import FancyArrowPatch, FancyBboxPatch, Polygon

    ax = fig.axes[0]
    to_data = ax.transData.inverted()
    fig.draw_without_rendering()
    boxes, arrows = [], []
    for patch in ax.patches:
        if isinstance(patch, FancyBboxPatch | Polygon):
            corners = to_data.transform(patch.get_window_extent().get_points())
            (x0, y0), (x1, y1) = corners
            boxes.append((min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)))
        elif isinstance(patch, FancyArrowPatch):
            path = patch.get_path()  # in data coordinates; curves flattened below
            arrows.append((patch, path.to_polygons(closed_only=False)))
    return boxes, arrows


def _crosses(a, b, box, margin=0.02) -> bool:
    """Whether the segment a-b enters ``box`` shrunk by ``margin`` (sampled finely)."""
    x0, y0, x1, y1 = box[0] + margin, box[1] + margin, box[2] - margin, box[3] - margin
    for k in range(41):
        x = a[0] + (b[0] - a[0]) * k / 40
        y = a[1] + (b[1] - a[1]) * k / 40
        if x0 < x < x1 and y0 < y < y1:
            return True
    return False


def _shaft(lines):
    """The polyline of an arrow without its head (which is a closed triangle)."""
    open_lines = [line for line in lines if tuple(line[0]) != tuple(line[-1])]
    return max(open_lines, key=len)


@pytest.mark.parametrize("make", ROUTED, ids=["discovered", "sample", "forty"])
def test_no_arrow_runs_through_a_box(make):
    ws = make()
    for panels in page_groups(ws):
        boxes, arrows = _geometry(draw(ws, panels=panels))
        for patch, lines in arrows:
            shaft = _shaft(lines)
            for a, b in itertools.pairwise(shaft):
                hit = [box for box in boxes if _crosses(a, b, box)]
                assert not hit, (patch.get_gid(), a, b, hit)


@pytest.mark.parametrize("make", ROUTED, ids=["discovered", "sample", "forty"])
def test_no_two_arrows_share_a_vertical_channel(make):
    ws = make()
    for panels in page_groups(ws):
        _boxes, arrows = _geometry(draw(ws, panels=panels))
        verticals = []
        for n, (_patch, lines) in enumerate(arrows):
            shaft = _shaft(lines)
            for a, b in itertools.pairwise(shaft):
                if abs(a[0] - b[0]) < 1e-3 and abs(a[1] - b[1]) > 0.05:
                    verticals.append((n, a[0], min(a[1], b[1]), max(a[1], b[1])))
        for i, (n, x, lo, hi) in enumerate(verticals):
            for m, x2, lo2, hi2 in verticals[i + 1 :]:
                if m != n and abs(x - x2) < 0.01:
                    overlap = min(hi, hi2) - max(lo, lo2)
                    assert overlap <= 0.01, ("shared channel", x, (lo, hi), (lo2, hi2))


def _distance(point, a, b) -> float:
    (px, py), (ax, ay), (bx, by) = point, a, b
    dx, dy = bx - ax, by - ay
    share = 0.0 if dx == dy == 0 else ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)
    share = min(max(share, 0.0), 1.0)
    return ((px - ax - share * dx) ** 2 + (py - ay - share * dy) ** 2) ** 0.5


@pytest.mark.parametrize("make", ROUTED, ids=["discovered", "sample", "forty"])
def test_share_labels_sit_by_their_own_arrows(make):
    ws = make()
    shares = {(f.source, f.target) for f in ws.flows if f.share is not None}
    seen = 0
    for panels in page_groups(ws):
        fig = draw(ws, panels=panels)
        _boxes, arrows = _geometry(fig)
        by_gid = {patch.get_gid(): _shaft(lines) for patch, lines in arrows}
        for text in fig.axes[0].texts:
            gid = text.get_gid() or ""
            if not gid.startswith("flow-label:") or "%" not in text.get_text():
                continue
            source, target = gid.removeprefix("flow-label:").split(">")
            assert (source, target) in shares
            shaft = by_gid[f"flow:{source}>{target}"]
            point = text.get_position()
            near = min(_distance(point, a, b) for a, b in itertools.pairwise(shaft))
            assert near <= 0.06, (gid, text.get_text(), point, near)
            seen += 1
    assert seen >= 2, "the test saw the share labels"
