"""The swimlane diagram: layout rules, loops, readability at 15 and at 40 steps."""

from __future__ import annotations

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
