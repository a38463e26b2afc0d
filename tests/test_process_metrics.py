"""Process metrics: hand-computed small graphs, the sample workshop's numbers, validation."""

from __future__ import annotations

import json
import math

import pytest

from cocreate import storage
from cocreate.model import Flow, Lane, Medium, Meta, Settings, Step, StepKind, Workshop
from cocreate.process.graph import (
    ProcessError,
    branch_probabilities,
    build_graph,
    expected_visits,
    find_loops,
    start_weights,
    trapped_steps,
)
from cocreate.process.metrics import METRICS, analyse, metric_label, metric_value
from cocreate.validate import dead_ends, errors, unreachable_steps, warnings
from tests.conftest import SAMPLE

START, TASK, DECISION, END = StepKind.START, StepKind.TASK, StepKind.DECISION, StepKind.END


def workshop(steps, flows, *, cases: int | None = 300, lanes=("l", "m")) -> Workshop:
    return Workshop(
        Meta("test"),
        Settings(annual_cases=cases, annual_hours_per_person=1500.0, hourly_cost=3000.0),
        lanes=tuple(Lane(lane, lane.upper()) for lane in lanes),
        steps=tuple(steps),
        flows=tuple(flows),
    )


@pytest.fixture
def rework() -> Workshop:
    """a -> b -> c? ; c -> b (25%, 差戻し) ; c -> d (75%) ; d -> e.

    By hand: b and c are visited 1 / (1 - 0.25) = 4/3 times per case, d once.
    """
    return workshop(
        [
            Step("a", "受付", "l", START),
            Step("b", "入力", "l", TASK, minutes=10, wait_minutes=5, medium=Medium.PAPER),
            Step("c", "点検", "m", DECISION, minutes=2, medium=Medium.SEAL),
            Step("d", "発送", "m", TASK, minutes=20, volume=500, medium=Medium.COUNTER),
            Step("e", "完了", "m", END),
        ],
        [
            Flow("a", "b"),
            Flow("b", "c"),
            Flow("c", "b", "差戻し", 0.25),
            Flow("c", "d", "OK", 0.75),
            Flow("d", "e"),
        ],
    )


# --------------------------------------------------------------------------- small graphs


def test_expected_visits_of_a_rework_loop_count_it_by_its_share(rework: Workshop) -> None:
    visits = expected_visits(rework)
    assert visits["a"] == pytest.approx(1.0)
    assert visits["b"] == pytest.approx(4 / 3)
    assert visits["c"] == pytest.approx(4 / 3)
    assert visits["d"] == pytest.approx(1.0)
    assert visits["e"] == pytest.approx(1.0)


def test_metrics_of_a_rework_loop_by_hand(rework: Workshop) -> None:
    m = analyse(rework)
    # b: derived volume 300 * 4/3 = 400 -> 400 * 10 / 60; c: 400 * 2 / 60; d: given 500.
    hours = {"b": 400 * 10 / 60, "c": 400 * 2 / 60, "d": 500 * 20 / 60}
    assert {s.id: s.annual_hours for s in m.steps if s.annual_hours} == pytest.approx(hours)
    assert m.annual_hours == pytest.approx(sum(hours.values()))
    assert m.person_years == pytest.approx(sum(hours.values()) / 1500)
    assert m.cost == pytest.approx(sum(hours.values()) * 3000)
    assert m.step("b").volume == pytest.approx(400) and not m.step("b").volume_given
    assert m.step("d").volume == 500 and m.step("d").volume_given
    work = 4 / 3 * 10 + 4 / 3 * 2 + 20
    lead = 4 / 3 * (10 + 5) + 4 / 3 * 2 + 20
    assert m.work_minutes == pytest.approx(work)
    assert m.lead_time_minutes == pytest.approx(lead)
    assert m.cycle_efficiency == pytest.approx(work / lead)
    # b -> c and c -> b cross from lane l to m and back; c -> d stays in m.
    assert m.handoffs == 2
    assert m.handoffs_per_case == pytest.approx(4 / 3 * 1 + 4 / 3 * 0.25)
    assert (m.paper_touches, m.seal_touches, m.counter_touches) == (1, 1, 1)
    assert m.loops == [["b", "c"]]
    assert m.lanes == pytest.approx({"l": hours["b"], "m": hours["c"] + hours["d"]})
    assert m.bottlenecks_by_hours == ["d", "b", "c"]
    assert m.bottlenecks_by_wait == ["b"]
    assert m.bottlenecks == ["d", "b", "c"]


def test_a_decision_weights_the_lead_time_by_its_shares() -> None:
    w = workshop(
        [
            Step("a", "a", "l", START),
            Step("x", "x", "l", DECISION),
            Step("y", "y", "l", minutes=10, wait_minutes=30),
            Step("z", "z", "l", minutes=20),
            Step("e", "e", "l", END),
        ],
        [Flow("a", "x"), Flow("x", "y", share=0.3), Flow("x", "z"), Flow("y", "e"), Flow("z", "e")],
    )
    # z has no share: it takes what y leaves, 0.7.
    assert branch_probabilities(w)[("x", "z")] == pytest.approx(0.7)
    m = analyse(w)
    assert m.lead_time_minutes == pytest.approx(0.3 * 40 + 0.7 * 20)
    assert m.work_minutes == pytest.approx(0.3 * 10 + 0.7 * 20)
    assert m.step("y").volume == pytest.approx(90)
    assert m.annual_hours == pytest.approx((90 * 10 + 210 * 20) / 60)
    assert m.loops == []


def test_shares_that_do_not_add_up_are_scaled_and_warned_about() -> None:
    w = workshop(
        [
            Step("a", "a", "l", START),
            Step("b", "b", "l"),
            Step("c", "c", "l"),
            Step("e", "e", "l", END),
        ],
        [Flow("a", "b", share=0.2), Flow("a", "c", share=0.6), Flow("b", "e"), Flow("c", "e")],
    )
    assert branch_probabilities(w)[("a", "b")] == pytest.approx(0.25)
    assert [f.code for f in warnings(w) if f.code == "shares"] == ["shares"]
    assert expected_visits(w)["c"] == pytest.approx(0.75)


def test_unbranched_flows_split_equally() -> None:
    w = workshop(
        [
            Step("a", "a", "l", START),
            Step("b", "b", "l"),
            Step("c", "c", "l"),
            Step("e", "e", "l", END),
        ],
        [Flow("a", "b"), Flow("a", "c"), Flow("b", "e"), Flow("c", "e")],
    )
    assert expected_visits(w) == pytest.approx({"a": 1, "b": 0.5, "c": 0.5, "e": 1})


def test_nested_loops_solve_as_a_markov_chain() -> None:
    # b -> b 50% (inner), c -> a 50% (outer): by hand a = 2, b = 4, c = 2.
    w = workshop(
        [
            Step("a", "a", "l", START),
            Step("b", "b", "l"),
            Step("c", "c", "l"),
            Step("e", "e", "l", END),
        ],
        [
            Flow("a", "b"),
            Flow("b", "b", share=0.5),
            Flow("b", "c", share=0.5),
            Flow("c", "a", share=0.5),
            Flow("c", "e", share=0.5),
        ],
    )
    assert expected_visits(w) == pytest.approx({"a": 2, "b": 4, "c": 2, "e": 1})
    assert find_loops(w) == [["a", "b", "c"], ["b"]]


def test_a_loop_no_case_can_leave_is_refused_and_warned() -> None:
    w = workshop(
        [
            Step("a", "a", "l", START),
            Step("b", "b", "l"),
            Step("c", "c", "l"),
            Step("e", "e", "l", END),
        ],
        [Flow("a", "b"), Flow("b", "c"), Flow("c", "b")],
    )
    assert trapped_steps(w) == ["b", "c"]
    with pytest.raises(ProcessError, match="b, c form a loop no case can leave"):
        analyse(w)
    assert {f.subject for f in warnings(w) if f.code == "no-exit"} == {"b", "c"}


def test_unreachable_steps_get_no_visits_and_are_reported() -> None:
    w = workshop(
        [
            Step("a", "a", "l", START),
            Step("b", "b", "l", minutes=5),
            Step("x", "x", "l"),
            Step("e", "e", "l", END),
        ],
        [Flow("a", "b"), Flow("b", "e"), Flow("x", "e")],
    )
    assert expected_visits(w)["x"] == 0
    assert analyse(w).step("x").volume == 0
    assert unreachable_steps(w) == ["x"]
    assert [f.subject for f in warnings(w) if f.code == "unreachable"] == ["x"]


def test_validation_reports_no_start_dead_ends_and_unknown_steps() -> None:
    w = workshop(
        [Step("a", "a", "l"), Step("b", "b", "l"), Step("e", "e", "l", END)],
        [Flow("a", "b"), Flow("a", "zz")],
    )
    codes = {f.code for f in warnings(w)}
    assert "no-start" in codes
    assert dead_ends(w) == ["b"]
    assert "dead-end" in codes
    assert any(f.code == "unknown-ref" and "zz" in f.message for f in errors(w))
    # Metrics still work: with no start, cases enter where no flow leads (a and e); the
    # unknown flow is ignored and the dead end absorbs cases.
    assert start_weights(w) == {"a": 0.5, "e": 0.5}
    assert expected_visits(w) == pytest.approx({"a": 0.5, "b": 0.5, "e": 0.5})


def test_without_annual_cases_start_volumes_are_the_cases() -> None:
    w = workshop(
        [
            Step("a", "a", "l", START, volume=120),
            Step("b", "b", "l", minutes=30),
            Step("e", "e", "l", END),
        ],
        [Flow("a", "b"), Flow("b", "e")],
        cases=None,
    )
    assert analyse(w).annual_cases == 120
    assert analyse(w).annual_hours == pytest.approx(60)


def test_an_empty_process_has_zero_metrics() -> None:
    m = analyse(workshop([], []))
    assert (m.annual_hours, m.lead_time_minutes, m.cycle_efficiency, m.handoffs) == (0, 0, 0, 0)
    assert m.lanes == {"l": 0.0, "m": 0.0}


def test_build_graph_carries_steps_flows_and_probabilities(rework: Workshop) -> None:
    graph = build_graph(rework)
    assert set(graph.nodes) == {"a", "b", "c", "d", "e"}
    assert graph.nodes["c"]["kind"] == DECISION
    assert graph.edges["c", "b"]["probability"] == pytest.approx(0.25)
    assert graph.edges["c", "b"]["label"] == "差戻し"


# --------------------------------------------------------------------------- the sample


@pytest.fixture(scope="module")
def sample_workshop() -> Workshop:
    return storage.load(SAMPLE)


def test_sample_visits_follow_the_rework_share(sample_workshop: Workshop) -> None:
    w = sample_workshop
    rework = next(f.share for f in w.flows if (f.source, f.target) == ("s07", "s03"))
    late = next(f.share for f in w.flows if (f.source, f.target) == ("s11", "s12"))
    loop = {"s03", "s04", "s05", "s06", "s07"}
    visits = expected_visits(w)
    for step in w.steps:
        by_hand = 1 / (1 - rework) if step.id in loop else late if step.id == "s12" else 1.0
        assert visits[step.id] == pytest.approx(by_hand), step.id
    assert visits["s03"] == pytest.approx(1.25)


def test_sample_given_volumes_equal_the_derived_ones(sample_workshop: Workshop) -> None:
    w = sample_workshop
    derived = analyse(w.edit(steps=tuple(s.edit(volume=None) for s in w.steps)))
    given = {s.id: s.volume for s in w.steps}
    assert all(v is not None for v in given.values())
    for step in derived.steps:
        assert step.volume == pytest.approx(given[step.id]), step.id
    assert derived.step("s03").volume == pytest.approx(2400 / (1 - 0.2))


def test_sample_metrics_by_hand(sample_workshop: Workshop) -> None:
    w = sample_workshop
    m = analyse(w)
    hours = math.fsum(s.volume * s.minutes / 60 for s in w.steps)
    # Worked out on paper from workshop.toml: 264,720 minutes a year.
    assert hours == pytest.approx(264_720 / 60) == 4412
    assert m.annual_hours == pytest.approx(hours)
    assert m.person_years == pytest.approx(4412 / 1860)
    assert m.cost == pytest.approx(4412 * 4000)
    visits = {s: 1.25 for s in ("s03", "s04", "s05", "s06", "s07")} | {"s12": 0.15}
    lead = math.fsum(visits.get(s.id, 1.0) * (s.minutes + s.wait_minutes) for s in w.steps)
    assert lead == pytest.approx(3122.3)
    assert m.lead_time_minutes == pytest.approx(lead)
    work = math.fsum(visits.get(s.id, 1.0) * s.minutes for s in w.steps)
    assert m.cycle_efficiency == pytest.approx(work / lead)
    # s03->s04, s04->s05, s05->s06, s07->s03, s08->s09, s09->s10 cross lanes.
    assert m.handoffs == 6
    assert (m.paper_touches, m.seal_touches, m.counter_touches) == (4, 2, 3)
    assert m.loops == [["s03", "s04", "s05", "s06", "s07"]]
    lanes = {lane.id: 0.0 for lane in w.lanes}
    for s in w.steps:
        lanes[s.lane] += s.volume * s.minutes / 60
    assert m.lanes == pytest.approx(lanes)
    assert m.bottlenecks_by_hours[0] in ("s03", "s05")  # 750 h each, the largest
    assert m.bottlenecks_by_wait == ["s04", "s09", "s12"]  # 1.25*1440, 720, 0.15*2880


def test_metric_value_and_labels(sample_workshop: Workshop) -> None:
    m = analyse(sample_workshop)
    for name in (
        "annual_hours",
        "person_years",
        "cost",
        "lead_time_minutes",
        "cycle_efficiency",
        "handoffs",
        "paper_touches",
        "seal_touches",
        "counter_touches",
    ):
        assert name in METRICS
        assert metric_value(m, name) == pytest.approx(float(getattr(m, name)))
    assert metric_value(m, "loops") == 1
    with pytest.raises(ProcessError, match="unknown process metric"):
        metric_value(m, "happiness")
    assert metric_label("annual_hours", "ja") == "年間業務時間"
    assert metric_label("annual_hours", "en").startswith("Annual")


def test_as_dict_is_json_with_the_issue_keys(sample_workshop: Workshop) -> None:
    data = json.loads(json.dumps(analyse(sample_workshop).as_dict(), ensure_ascii=False))
    for key in (
        "annual_hours",
        "person_years",
        "cost",
        "lead_time_minutes",
        "cycle_efficiency",
        "handoffs",
        "paper_touches",
        "seal_touches",
        "counter_touches",
        "loops",
        "bottlenecks",
        "lanes",
        "steps",
    ):
        assert key in data
    for key in (
        "id",
        "name",
        "lane",
        "minutes",
        "volume",
        "wait_minutes",
        "medium",
        "annual_hours",
    ):
        assert key in data["steps"][0]
    assert data["steps"][2]["volume"] == 3000


# --------------------------------------------------------------------------- the CLI


def test_cli_process_json_keys(cli, sample) -> None:
    result = cli("process", sample, "--json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert set(data) >= {
        "annual_hours",
        "person_years",
        "cost",
        "lead_time_minutes",
        "cycle_efficiency",
        "handoffs",
        "paper_touches",
        "seal_touches",
        "counter_touches",
        "loops",
        "bottlenecks",
        "lanes",
        "steps",
    }
    assert data["annual_hours"] == pytest.approx(4412)
    assert data["loops"] == [["s03", "s04", "s05", "s06", "s07"]]
    assert list(data["lanes"]) == ["applicant", "chief", "general", "accounting"]
    assert {
        "id",
        "name",
        "lane",
        "minutes",
        "volume",
        "wait_minutes",
        "medium",
        "annual_hours",
    } <= set(data["steps"][0])


def test_cli_process_prints_summary_and_table(cli, sample) -> None:
    result = cli("process", sample)
    assert result.code == 0, result.err
    assert "4,412.0 h" in result.out
    # loops are said by the steps' names (s03 → s04 → s05 → s06 → s07)
    names = storage.load(SAMPLE)
    loop = " → ".join(names.step(s).name for s in ("s03", "s04", "s05", "s06", "s07"))
    assert loop in result.out
    assert "貸出申請書を作成" in result.out
    assert result.out.count("\ns") >= 15  # one table row per step


def test_cli_process_refuses_a_trapped_loop_in_one_line(cli, sample) -> None:
    storage.update_workshop(
        sample,
        lambda w: w.edit(flows=tuple(f for f in w.flows if (f.source, f.target) != ("s07", "s08"))),
    )
    result = cli("process", sample)
    assert result.code == 2
    assert result.err.count("\n") == 1 and "loop no case can leave" in result.err
