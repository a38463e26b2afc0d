"""The to-be process: eliminated steps bypassed, reductions combined once, hours saved."""

from __future__ import annotations

import pytest

from cocreate import storage
from cocreate.model import (
    Action,
    Flow,
    Idea,
    Lane,
    Medium,
    MemberContributions,
    Meta,
    Settings,
    Step,
    StepKind,
    Workshop,
)
from cocreate.process.graph import ProcessError, expected_visits
from cocreate.process.metrics import analyse
from cocreate.process.tobe import (
    apply_ideas,
    compare,
    eliminated_steps,
    hours_saved,
    hours_saved_by_idea,
    remaining_factors,
)
from tests.conftest import SAMPLE


def with_ideas(*ideas: Idea) -> Workshop:
    """a -> b (60 min) -> c? -> b 20% / d (30 min, wait 100) 80% -> e; 600 cases a year."""
    return Workshop(
        Meta("to-be"),
        Settings(annual_cases=600),
        lanes=(Lane("l", "L"), Lane("m", "M")),
        steps=(
            Step("a", "a", "l", StepKind.START),
            Step("b", "b", "l", minutes=60, medium=Medium.PAPER),
            Step("c", "c", "m", StepKind.DECISION, minutes=6, medium=Medium.SEAL),
            Step("d", "d", "m", minutes=30, wait_minutes=100),
            Step("e", "e", "m", StepKind.END),
        ),
        flows=(
            Flow("a", "b"),
            Flow("b", "c"),
            Flow("c", "b", "差戻し", 0.2),
            Flow("c", "d", "OK", 0.8),
            Flow("d", "e"),
        ),
        contributions=(MemberContributions("x", ideas=ideas),),
    )


def idea(idea_id: str, steps: tuple[str, ...], reduction: float, action=Action.SIMPLIFY):
    return Idea(idea_id, idea_id, "x", steps=steps, reduction=reduction, action=action)


def test_overlapping_reductions_combine_multiplicatively() -> None:
    w = with_ideas(idea("x.i1", ("b",), 0.6), idea("x.i2", ("b", "d"), 0.3))
    # b: 750 visits a year (600 / 0.8) * 60 min = 750 h. Alone: 60% = 450 h, 30% = 225 h.
    # Together 1 - 0.4 * 0.7 = 72% = 540 h, not 90% = 675 h. d: 600 * 30 / 60 * 0.3 = 90 h.
    assert remaining_factors(w, ["x.i1", "x.i2"])["b"] == pytest.approx(0.28)
    assert hours_saved(w, ["x.i1"]) == pytest.approx(450)
    assert hours_saved(w, ["x.i2"]) == pytest.approx(225 + 90)
    both = hours_saved(w, ["x.i1", "x.i2"])
    assert both == pytest.approx(540 + 90)
    assert both < hours_saved(w, ["x.i1"]) + hours_saved(w, ["x.i2"])
    assert hours_saved_by_idea(w) == pytest.approx({"x.i1": 450, "x.i2": 315})


def test_no_set_of_ideas_saves_more_than_the_step_takes() -> None:
    w = with_ideas(*(idea(f"x.i{n}", ("b",), 0.9) for n in range(1, 6)))
    saved = hours_saved(w, [i.id for i in w.ideas])
    assert saved <= analyse(w).step("b").annual_hours
    assert saved == pytest.approx(750 * (1 - 0.1**5))


def test_a_reduction_shortens_work_and_wait() -> None:
    w = with_ideas(idea("x.i1", ("d",), 0.5))
    tobe = apply_ideas(w, ["x.i1"])
    assert (tobe.step("d").minutes, tobe.step("d").wait_minutes) == (15, 50)
    assert w.step("d").minutes == 30  # the as-is workshop is untouched


def test_eliminating_a_decision_reconnects_with_the_product_of_shares() -> None:
    w = with_ideas(idea("x.i1", ("c",), 0.0, Action.ELIMINATE))
    assert eliminated_steps(w, ["x.i1"]) == ["c"]
    tobe = apply_ideas(w, ["x.i1"])
    assert tobe.step("c") is None
    flows = {(f.source, f.target): f for f in tobe.flows}
    assert flows[("b", "b")].share == pytest.approx(0.2)
    assert flows[("b", "d")].share == pytest.approx(0.8)
    assert flows[("b", "d")].label == "OK"
    assert all("c" not in (f.source, f.target) for f in tobe.flows)
    # Every other step keeps its expected visits.
    before, after = expected_visits(w), expected_visits(tobe)
    assert {k: after[k] for k in after} == pytest.approx({k: before[k] for k in after})
    # The whole of c goes: 750 visits * 6 min = 75 h.
    assert hours_saved(w, ["x.i1"]) == pytest.approx(75)
    comparison = compare(w, ["x.i1"])
    assert comparison.hours_saved == pytest.approx(75)
    assert comparison.after.seal_touches == 0 and comparison.before.seal_touches == 1
    assert comparison.eliminated == ("c",)


def test_eliminating_a_plain_step_joins_its_neighbours() -> None:
    w = with_ideas(idea("x.i1", ("d",), 1.0, Action.ELIMINATE))
    tobe = apply_ideas(w, ["x.i1"])
    flows = [(f.source, f.target, f.share) for f in tobe.flows]
    assert ("c", "e", 0.8) in flows
    assert compare(w, ["x.i1"]).after.lead_time_minutes == pytest.approx(
        analyse(w).lead_time_minutes - 130
    )


def test_start_and_end_steps_are_never_removed() -> None:
    w = with_ideas(idea("x.i1", ("a", "e"), 1.0, Action.ELIMINATE))
    assert eliminated_steps(w, ["x.i1"]) == []
    assert len(apply_ideas(w, ["x.i1"]).steps) == 5


def test_digitise_moves_steps_onto_a_system() -> None:
    w = with_ideas(idea("x.i1", ("b",), 0.5, Action.DIGITISE))
    comparison = compare(w, ["x.i1"])
    assert comparison.tobe.step("b").medium == Medium.SYSTEM
    assert (comparison.before.paper_touches, comparison.after.paper_touches) == (1, 0)
    assert comparison.change("paper_touches") == -1


def test_unknown_ideas_are_refused() -> None:
    w = with_ideas()
    with pytest.raises(ProcessError, match="unknown idea 'nope'"):
        apply_ideas(w, ["nope"])
    with pytest.raises(ProcessError):
        hours_saved(w, ["nope"])
    assert hours_saved(w, []) == 0


def test_hours_saved_equals_the_compared_metrics_on_the_sample() -> None:
    w = storage.load(SAMPLE)
    every = [i.id for i in w.ideas]
    comparison = compare(w, every)
    assert hours_saved(w, every) == pytest.approx(comparison.hours_saved)
    assert comparison.before.annual_hours == pytest.approx(4412)
    by_idea = hours_saved_by_idea(w)
    assert set(by_idea) == set(every)
    # 少額備品の課長決裁を不要にする eliminates s04: 3,000 a year * 5 min = 250 h.
    assert by_idea["nakamura.i1"] == pytest.approx(3000 * 5 / 60)
    # Online form (60% on s03 and s05) and unified form (30% on s03, s06) overlap on s03.
    pair = hours_saved(w, ["yamamoto.i1", "ito.i1"])
    s03 = 3000 * 15 / 60
    assert pair == pytest.approx(
        s03 * (1 - 0.4 * 0.7) + 3000 * 15 / 60 * 0.6 + 3000 * 10 / 60 * 0.3
    )
    assert pair < by_idea["yamamoto.i1"] + by_idea["ito.i1"]
    data = comparison.as_dict()
    assert data["eliminated"] == ["s04"] and "before" in data and "after" in data


def test_cli_process_ideas_compares(cli, sample) -> None:
    result = cli("process", sample, "--ideas", "nakamura.i1", "--json")
    assert result.code == 0, result.err
    import json

    data = json.loads(result.out)
    assert data["hours_saved"] == pytest.approx(250)
    assert data["before"]["seal_touches"] - data["after"]["seal_touches"] == 1
    bad = cli("process", sample, "--ideas", "nobody.i9")
    assert bad.code == 2 and "unknown idea" in bad.err


def test_bypassing_keeps_visits_exact_when_flows_meet_and_loop() -> None:
    # a splits three ways (no shares: 1/3 each); x goes on to b or loops on itself.
    w = Workshop(
        Meta("meet"),
        Settings(annual_cases=300),
        lanes=(Lane("l", "L"),),
        steps=(
            Step("a", "a", "l", StepKind.START),
            Step("x", "x", "l", minutes=6),
            Step("b", "b", "l", minutes=10),
            Step("c", "c", "l", minutes=20),
            Step("e", "e", "l", StepKind.END),
        ),
        flows=(
            Flow("a", "x"),
            Flow("a", "b"),
            Flow("a", "c"),
            Flow("x", "x", share=0.5),
            Flow("x", "b", share=0.5),
            Flow("b", "e"),
            Flow("c", "e"),
        ),
        contributions=(
            MemberContributions("x", ideas=(idea("x.i1", ("x",), 0.0, Action.ELIMINATE),)),
        ),
    )
    tobe = apply_ideas(w, ["x.i1"])
    shares = {(f.source, f.target): f.share for f in tobe.flows}
    assert shares[("a", "b")] == pytest.approx(2 / 3)
    assert shares[("a", "c")] == pytest.approx(1 / 3)
    before, after = expected_visits(w), expected_visits(tobe)
    assert after == pytest.approx({k: v for k, v in before.items() if k != "x"})
    # x: 1/3 of 300 cases, twice each on average = 200 visits * 6 min = 20 h.
    assert hours_saved(w, ["x.i1"]) == pytest.approx(20)
    assert compare(w, ["x.i1"]).hours_saved == pytest.approx(20)


def _parallel(*ideas: Idea) -> Workshop:
    """受付 -> split (+) -> 書類確認 (30) / 現地調査 (90) -> join (+) -> 決裁 (10)."""
    from cocreate.model import Gateway

    return Workshop(
        Meta("parallel"),
        Settings(annual_cases=100),
        lanes=(Lane("l", "L"),),
        steps=(
            Step("s", "受付", "l", StepKind.START),
            Step("f", "分岐", "l", StepKind.DECISION, gateway=Gateway.PARALLEL),
            Step("a", "書類確認", "l", minutes=30),
            Step("b", "現地調査", "l", minutes=90),
            Step("j", "合流", "l", StepKind.DECISION, gateway=Gateway.PARALLEL),
            Step("d", "決裁", "l", minutes=10),
            Step("e", "終了", "l", StepKind.END),
        ),
        flows=(
            Flow("s", "f"),
            Flow("f", "a"),
            Flow("f", "b"),
            Flow("a", "j"),
            Flow("b", "j"),
            Flow("j", "d"),
            Flow("d", "e"),
        ),
        contributions=(MemberContributions("m", ideas=ideas),),
    )


def test_eliminating_a_parallel_branch_keeps_the_join_and_the_other_branch() -> None:
    """Without 書類確認 the split leads straight to the join: every step still passes
    once, 50 h are saved (100 × 30 min), and the lead time is the other branch's."""
    idea = Idea("m.i1", "書類確認を廃止", "m", action=Action.ELIMINATE, steps=("a",))
    workshop = _parallel(idea)
    comparison = compare(workshop, ["m.i1"])
    tobe = comparison.tobe
    assert "a" not in {s.id for s in tobe.steps}
    assert ("f", "j") in {(f.source, f.target) for f in tobe.flows}
    assert set(expected_visits(tobe).values()) == {1.0}
    assert comparison.hours_saved == pytest.approx(50) == hours_saved(workshop, ["m.i1"])
    assert comparison.after.lead_time_minutes == pytest.approx(100)  # 90 + 10
    assert comparison.before.lead_time_minutes == pytest.approx(100)  # the longer branch


def test_eliminating_a_parallel_split_keeps_it_with_no_time() -> None:
    """Joining the split's flows onto 受付 would make the branches a choice: it stays."""
    idea = Idea("m.i1", "分岐をなくす", "m", action=Action.ELIMINATE, steps=("f", "j"))
    workshop = _parallel(idea)
    tobe = apply_ideas(workshop, ["m.i1"])
    assert {"f", "j"} <= {s.id for s in tobe.steps}
    assert expected_visits(tobe) == expected_visits(workshop)
    assert eliminated_steps(workshop, ["m.i1"]) == ["f", "j"]
