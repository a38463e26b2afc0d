"""Metrics that honour BPMN's gateways, boundary events, pools and message flows.

Every number here is worked out by hand in the docstring of its test (docs/process.md
has the first one as its worked example).
"""

from __future__ import annotations

import pytest

from cocreate.model import (
    EventMode,
    Flow,
    FlowKind,
    Gateway,
    Lane,
    Meta,
    Settings,
    Step,
    StepKind,
    Trigger,
    Workshop,
)
from cocreate.process.leadtime import has_concurrency, lead_time
from cocreate.process.metrics import analyse
from cocreate.process.visits import (
    branch_probabilities,
    expected_visits,
    join_factors,
    start_weights,
    trapped_steps,
)
from cocreate.validate import warnings

START, TASK, DECISION, WAIT, END = (
    StepKind.START,
    StepKind.TASK,
    StepKind.DECISION,
    StepKind.WAIT,
    StepKind.END,
)
MESSAGE = FlowKind.MESSAGE


def workshop(steps, flows, lanes=None, cases: int = 1000) -> Workshop:
    return Workshop(
        Meta("t"),
        Settings(annual_cases=cases),
        lanes=tuple(lanes or (Lane("l", "窓口"),)),
        steps=tuple(steps),
        flows=tuple(flows),
    )


def review(gateway: Gateway | None, shares=(None, None)) -> Workshop:
    """受付 -> split -> (書類確認 30+60 | 現地調査 90+120 -> 報告 20) -> join -> 決裁 10."""
    return workshop(
        [
            Step("s", "受付", "l", START),
            Step("f", "分岐", "l", DECISION, gateway=gateway),
            Step("a", "書類確認", "l", minutes=30, wait_minutes=60),
            Step("b", "現地調査", "l", minutes=90, wait_minutes=120),
            Step("c", "報告", "l", minutes=20),
            Step("j", "合流", "l", DECISION, gateway=gateway),
            Step("d", "決裁", "l", minutes=10),
            Step("e", "終了", "l", END),
        ],
        [
            Flow("s", "f"),
            Flow("f", "a", share=shares[0]),
            Flow("f", "b", share=shares[1]),
            Flow("a", "j"),
            Flow("b", "c"),
            Flow("c", "j"),
            Flow("j", "d"),
            Flow("d", "e"),
        ],
    )


def test_a_parallel_split_runs_every_branch_and_waits_for_the_longest() -> None:
    """Both branches run: every step once. Work 30 + 90 + 20 + 10 = 150 min, so 1,000
    cases are 2,500 h. Lead time: 書類確認 takes 90, 現地調査 and 報告 230; the longest,
    then 決裁: 240 min. The work on that path is 90 + 20 + 10 = 120, efficiency 0.5."""
    w = review(Gateway.PARALLEL)
    assert set(expected_visits(w).values()) == {1.0}
    assert join_factors(w) == {"j": 0.5}
    m = analyse(w)
    assert m.work_minutes == pytest.approx(150)
    assert m.annual_hours == pytest.approx(2500)
    assert m.lead_time_minutes == pytest.approx(240)
    assert m.cycle_efficiency == pytest.approx(0.5)


def test_an_inclusive_split_takes_each_branch_by_its_own_share() -> None:
    """書類確認 for 60% of cases, 現地調査 for 30%, independently; the join passes once.
    Work 0.6×30 + 0.3×(90+20) + 10 = 61 min (1,016.67 h). Lead: the expected longest
    branch, 230×0.3 + 90×0.6×(1-0.3) = 106.8, plus 決裁: 116.8 min."""
    w = review(Gateway.INCLUSIVE, (0.6, 0.3))
    visits = expected_visits(w)
    assert (visits["a"], visits["b"], visits["c"]) == pytest.approx((0.6, 0.3, 0.3))
    assert (visits["j"], visits["d"]) == pytest.approx((1.0, 1.0))
    m = analyse(w)
    assert m.work_minutes == pytest.approx(61)
    assert m.annual_hours == pytest.approx(61000 / 60)
    assert m.lead_time_minutes == pytest.approx(116.8)
    # Shares of an inclusive split are chances, not parts of one whole: no warning.
    assert not [f for f in warnings(w) if f.code == "shares"]


def test_an_exclusive_split_is_as_before() -> None:
    """60/40: work 0.6×30 + 0.4×110 + 10 = 72; lead 0.6×90 + 0.4×230 + 10 = 156."""
    w = review(None, (0.6, 0.4))
    m = analyse(w)
    assert not has_concurrency(w)
    assert m.work_minutes == pytest.approx(72)
    assert m.lead_time_minutes == pytest.approx(156)
    assert m.lead_time_minutes == pytest.approx(sum(s.lead_minutes for s in m.steps))


def test_unknown_inclusive_shares_are_even_chances() -> None:
    w = review(Gateway.INCLUSIVE)
    assert branch_probabilities(w)[("f", "a")] == 0.5
    assert expected_visits(w)["j"] == pytest.approx(1.0)


def test_a_task_that_splits_in_parallel_without_a_join_waits_for_both_ends() -> None:
    """受付 (5) splits in parallel into 入力 (20) and 通知 (40), each to its own end:
    work 65, lead 5 + max(20, 40) = 45."""
    w = workshop(
        [
            Step("s", "開始", "l", START),
            Step("t", "受付", "l", minutes=5, gateway=Gateway.PARALLEL),
            Step("x", "入力", "l", minutes=20),
            Step("y", "通知", "l", minutes=40),
            Step("e1", "終了", "l", END),
            Step("e2", "終了", "l", END),
        ],
        [
            Flow("s", "t"),
            Flow("t", "x"),
            Flow("t", "y"),
            Flow("x", "e1"),
            Flow("y", "e2"),
        ],
    )
    m = analyse(w)
    assert m.work_minutes == pytest.approx(65)
    assert m.lead_time_minutes == pytest.approx(45)
    assert lead_time(w).work_minutes == pytest.approx(45)


def test_a_non_interrupting_boundary_event_runs_beside_its_task() -> None:
    """審査 (30) goes on to 決裁 (10); for 25% of cases a reminder fires beside it and
    督促 (10 + 60 wait) follows. Work 30 + 10 + 0.25×10 = 42.5. Lead: after 審査 the
    longer of 督促's 70 (25%) and 決裁's 10: 70×0.25 + 10×0.75 = 25, so 55."""
    w = workshop(
        [
            Step("s", "開始", "l", START),
            Step("a", "審査", "l", minutes=30),
            Step(
                "r",
                "督促期限",
                "l",
                WAIT,
                trigger=Trigger.TIMER,
                event=EventMode.NON_INTERRUPTING,
                attached_to="a",
            ),
            Step("k", "督促", "l", minutes=10, wait_minutes=60),
            Step("b", "決裁", "l", minutes=10),
            Step("e", "終了", "l", END),
            Step("e2", "督促済み", "l", END),
        ],
        [
            Flow("s", "a"),
            Flow("a", "r", share=0.25),
            Flow("a", "b"),
            Flow("r", "k"),
            Flow("k", "e2"),
            Flow("b", "e"),
        ],
    )
    p = branch_probabilities(w)
    assert (p[("a", "b")], p[("a", "r")]) == (1.0, 0.25)
    m = analyse(w)
    assert m.work_minutes == pytest.approx(42.5)
    assert m.lead_time_minutes == pytest.approx(55)


def test_an_interrupting_boundary_event_is_an_alternative_way_out() -> None:
    w = workshop(
        [
            Step("s", "開始", "l", START),
            Step("a", "審査", "l", minutes=30),
            Step("r", "取下げ", "l", WAIT, trigger=Trigger.MESSAGE, attached_to="a"),
            Step("b", "決裁", "l", minutes=10),
            Step("e", "終了", "l", END),
        ],
        [Flow("s", "a"), Flow("a", "r", share=0.1), Flow("a", "b"), Flow("r", "e"), Flow("b", "e")],
    )
    visits = expected_visits(w)
    assert (visits["r"], visits["b"]) == pytest.approx((0.1, 0.9))


def two_pools() -> Workshop:
    """The citizen sends an application (5) and waits for the answer (120 wait); the
    office's pool starts with the message, handles it (30) and replies (5)."""
    return workshop(
        [
            Step("c1", "申請を思い立つ", "c", START),
            Step("c2", "申請書を送る", "c", minutes=5),
            Step("c3", "回答を待つ", "c", WAIT, wait_minutes=120, trigger=Trigger.MESSAGE),
            Step("c4", "受領", "c", END),
            Step("o1", "申請書が届く", "o", START, trigger=Trigger.MESSAGE),
            Step("o2", "審査", "o", minutes=30),
            Step("o3", "回答を送る", "o", minutes=5),
            Step("o4", "完了", "o", END),
        ],
        [
            Flow("c1", "c2"),
            Flow("c2", "c3"),
            Flow("c3", "c4"),
            Flow("o1", "o2"),
            Flow("o2", "o3"),
            Flow("o3", "o4"),
            Flow("c2", "o1", "申請書", kind=MESSAGE),
            Flow("o3", "c3", "回答", kind=MESSAGE),
        ],
        lanes=(Lane("c", "市民", "市民"), Lane("o", "市役所", "市役所")),
    )


def test_a_message_starts_the_other_pool_and_counts_as_a_handoff() -> None:
    """Cases enter at the citizen's start only; the message starts the office's pool
    once per case, and the reply only synchronises (回答を待つ is passed once). Work
    5 + 30 + 5 = 40. Lead: after 申請書を送る the longer of the citizen's 120 and the
    office's 35: 5 + 120 = 125. Both messages are handoffs, 2 per case."""
    w = two_pools()
    assert start_weights(w) == {"c1": 1.0}
    assert set(expected_visits(w).values()) == {1.0}
    m = analyse(w)
    assert m.work_minutes == pytest.approx(40)
    assert m.annual_hours == pytest.approx(40 * 1000 / 60)
    assert m.lead_time_minutes == pytest.approx(125)
    assert (m.handoffs, m.handoffs_per_case) == (2, pytest.approx(2.0))
    assert m.cycle_efficiency == pytest.approx(5 / 125)


def test_a_loop_that_answers_messages_is_driven_by_them() -> None:
    """The office answers each reminder (a loop with no exit of its own, ended by the
    case's end); it passes once per reminder the citizen sends, not forever."""
    w = two_pools()
    steps = (
        *w.steps,
        Step("o5", "督促を受ける", "o", WAIT, trigger=Trigger.MESSAGE),
        Step("o6", "督促に答える", "o", minutes=3),
        Step("c5", "督促する", "c", minutes=2),
    )
    flows = (
        *(f for f in w.flows if f != Flow("c2", "c3")),
        Flow("c2", "c5"),
        Flow("c5", "c3"),
        Flow("o1", "o5"),
        Flow("o5", "o6"),
        Flow("o6", "o5"),
        Flow("c5", "o5", "督促", kind=MESSAGE),
    )
    w = w.edit(steps=steps, flows=flows)
    w = w.edit(steps=tuple(s.edit(gateway=Gateway.PARALLEL) if s.id == "o1" else s for s in steps))
    assert trapped_steps(w) == []
    visits = expected_visits(w)
    assert (visits["o5"], visits["o6"]) == pytest.approx((1.0, 1.0))
    assert analyse(w).work_minutes == pytest.approx(40 + 3 + 2)


def test_a_parallel_split_inside_a_loop_without_a_join_is_refused() -> None:
    from cocreate.process.graph import ProcessError

    w = workshop(
        [
            Step("s", "開始", "l", START),
            Step("t", "受付", "l", gateway=Gateway.PARALLEL),
            Step("a", "再入力", "l"),
            Step("e", "終了", "l", END),
        ],
        [Flow("s", "t"), Flow("t", "a"), Flow("t", "e"), Flow("a", "t")],
    )
    with pytest.raises(ProcessError, match="parallel split"):
        analyse(w)


def test_the_new_fields_save_and_load_and_old_files_stay_as_they_were(tmp_path) -> None:
    from cocreate import storage
    from tests.conftest import SAMPLE

    sample = storage.load(SAMPLE)
    text = (SAMPLE / "workshop.toml").read_text(encoding="utf-8")
    for word in ("gateway", "trigger", "attached_to", "pool", "event ="):
        assert word not in storage.dump_workshop(sample, sample.revision)  # omitted defaults
    assert storage.dump_workshop(sample, sample.revision) == text
    w = two_pools()
    w = w.edit(
        steps=(
            *w.steps,
            Step("o9", "期限切れ", "o", WAIT, event=EventMode.NON_INTERRUPTING, attached_to="o2"),
        ),
        flows=(*w.flows, Flow("o2", "o9", share=0.1)),
    )
    folder = tmp_path / "ws"
    storage.create(
        folder,
        sample.edit(
            lanes=w.lanes,
            steps=w.steps,
            flows=w.flows,
            contributions=(),
            pilot=type(sample.pilot)(),
            variants=(),  # the sample's other bureaus align with its own map's steps
            alignments=(),
        ),
    )
    back = storage.load(folder)
    assert (back.lanes, back.steps, back.flows) == (w.lanes, w.steps, w.flows)
