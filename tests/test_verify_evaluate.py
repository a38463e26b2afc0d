"""The evaluation: 達成率, estimated versus verified saving, criteria verdicts, the decision."""

from __future__ import annotations

import datetime as dt
import math

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from cocreate import storage
from cocreate.errors import InputError
from cocreate.model import Kpi, Measurement, Meta, Outcome, Pilot, Workshop
from cocreate.process.metrics import analyse
from cocreate.verify.criteria import add_criterion, all_criteria, link_criterion, remove_criterion
from cocreate.verify.decide import Stage, record_decision, rollout_decision, verification_status
from cocreate.verify.evaluate import Verdict, achievement_rate, evaluate, reaches
from cocreate.verify.measure import add_measurement
from cocreate.verify.resurvey import measure_from_variant, resurvey, scaled_view
from tests.conftest import SAMPLE
from tests.verify_helpers import tobe_variant

END = dt.date(2027, 3, 8)


@pytest.fixture(scope="module")
def workshop():
    return storage.load(SAMPLE)


@pytest.fixture(scope="module")
def piloted(workshop):
    ws = workshop.edit(variants=(tobe_variant(workshop),))
    ws, _ = measure_from_variant(ws, "tobe", END, by="sato")
    return ws


def test_achievement_is_the_share_of_the_planned_improvement():
    assert achievement_rate(0.2, 0.05, 0.08, True) == pytest.approx(0.8)
    assert achievement_rate(0.2, 0.05, 0.05, True) == pytest.approx(1.0)
    assert achievement_rate(0.2, 0.05, 0.25, True) == pytest.approx(-1 / 3)
    assert achievement_rate(40, 70, 76, False) == pytest.approx(1.2)
    # no planned improvement, or a figure missing: undefined
    assert achievement_rate(30, 30, 28, True) is None
    assert achievement_rate(30, 35, 28, True) is None
    assert achievement_rate(None, 30, 28, True) is None
    assert achievement_rate(30, 20, None, True) is None


@given(
    baseline=st.floats(0, 1e6),
    target=st.floats(0, 1e6),
    value=st.floats(0, 1e6),
    lower=st.booleans(),
)
@example(baseline=122071.0, target=0.0, value=6.1e-05, lower=True)  # rounded to 100%, missed
def test_reaching_the_target_is_an_achievement_of_at_least_100_percent(
    baseline, target, value, lower
):
    rate = achievement_rate(baseline, target, value, lower)
    if rate is not None and not math.isclose(value, target, rel_tol=1e-6, abs_tol=1e-6):
        assert (rate >= 1) == reaches(value, target, lower)


def test_the_resurvey_puts_the_pilots_map_on_the_as_is_basis(piloted):
    survey = resurvey(piloted, "tobe")
    assert (survey.tobe_cases, survey.baseline_cases, survey.scale) == (300, 2400, 8)
    view = scaled_view(piloted, "tobe")
    assert view.settings.annual_cases == 2400
    # at the same annual cases the to-be's per-case work is what the hours say
    assert survey.after.annual_hours == pytest.approx(
        2400 * survey.after.work_minutes / 60, rel=1e-9
    )
    assert survey.before.annual_hours == pytest.approx(analyse(piloted).annual_hours)
    assert survey.after.paper_touches < survey.before.paper_touches


def test_the_map_kpis_are_measured_on_the_to_be(piloted):
    survey = resurvey(piloted, "tobe")
    found = {m.kpi: m for m in piloted.pilot.measurements}
    assert set(found) == {"k1", "k2", "k3"}
    assert found["k1"].value == pytest.approx(survey.after.annual_hours)
    assert found["k2"].value == pytest.approx(survey.after.lead_time_minutes)
    assert all(m.variant == "tobe" and m.by == "sato" for m in found.values())


def test_verified_saving_is_explained_step_by_step_and_adds_up(piloted):
    result = evaluate(piloted)
    savings = result.savings
    survey = result.resurvey
    assert savings.source == "resurvey" and savings.variant == "tobe"
    assert savings.verified.hours == pytest.approx(
        survey.before.annual_hours - survey.after.annual_hours
    )
    assert savings.estimated.hours == pytest.approx(1460.0)
    assert math.fsum(g.verified_hours for g in savings.by_idea) == pytest.approx(
        savings.verified.hours
    )
    assert math.fsum(g.estimated_hours for g in savings.by_idea) == pytest.approx(
        savings.estimated.hours
    )
    assert savings.verified.person_years == pytest.approx(
        savings.verified.hours / piloted.settings.annual_hours_per_person
    )
    groups = {g.ideas: g for g in savings.by_idea}
    # s03 is named by two of the pilot's ideas: shown for both together
    assert [s.step for s in groups[("yamamoto.i1", "ito.i1")].steps] == ["s03"]
    assert groups[("watanabe.i1",)].steps[0].measured_minutes == 3.0
    # s05 (持参) is gone from the to-be; its hours are all saved
    s05 = groups[("yamamoto.i1",)].steps[0]
    assert (s05.step, s05.measured_minutes, s05.measured_hours) == ("s05", None, 0.0)
    # the approval went online though no pilot idea named it: its own row
    assert "s04" in [s.step for s in groups[()].steps]
    assert list(groups)[-1] == ()


def test_the_map_metrics_a_caller_has_are_the_ones_evaluated(piloted):
    # The dashboard passes the metrics it has computed for the workshop already.
    from cocreate.verify.kpis import map_metrics

    metrics = map_metrics(piloted)
    assert evaluate(piloted, metrics=metrics) == evaluate(piloted)
    before, _, error = metrics
    other = (before, before, error)  # a to-be that saves nothing
    assert evaluate(piloted, metrics=other).savings.estimated.hours == 0.0


def test_kpi_verdicts_follow_the_latest_measurement(piloted):
    ws, _ = add_measurement(piloted, "k4", 0.12, dt.date(2027, 1, 26))
    ws, last = add_measurement(ws, "k4", 0.08, dt.date(2027, 3, 2))
    result = evaluate(ws).kpi("k4")
    assert result.latest == last and result.verdict == Verdict.NOT_MET
    assert result.achievement == pytest.approx(0.8)
    assert [m.value for m in result.measurements] == [0.12, 0.08]
    k3 = evaluate(ws).kpi("k3")
    assert k3.plan.baseline_from_map and k3.plan.target_projected
    assert (k3.baseline, k3.target, k3.latest.value) == (4, 3, 2)  # s07 and s14 are still on paper
    assert k3.verdict == Verdict.MET
    assert evaluate(piloted).kpi("k4").verdict == Verdict.NOT_MEASURABLE


def test_a_criterion_is_never_met_without_a_measurement(workshop):
    ws, criterion = add_criterion(workshop, "差戻し率が10%以下になっている", ["k4<=0.1"])
    result = next(c for c in evaluate(ws).criteria if c.ref == criterion.id)
    assert (
        result.verdict == Verdict.NOT_MEASURABLE and result.conditions[0].reason == "no-measurement"
    )
    ws, m = add_measurement(ws, "k4", "8%", dt.date(2027, 3, 2))
    result = next(c for c in evaluate(ws).criteria if c.ref == criterion.id)
    assert result.verdict == Verdict.MET and result.evidence == (m.id,)
    ws, _ = add_measurement(ws, "k4", "11%", dt.date(2027, 3, 5))
    result = next(c for c in evaluate(ws).criteria if c.ref == criterion.id)
    assert result.verdict == Verdict.NOT_MET


def test_linking_a_free_text_criterion_keeps_the_order_and_the_others(workshop):
    ws, linked = link_criterion(workshop, "2", ["k4=0.1"])
    assert ws.pilot.rollout_criteria == ()
    assert [c.id for c in ws.pilot.criteria] == ["r1", "r2", "r3", "r4"]
    assert [c.text for c in ws.pilot.criteria] == list(workshop.pilot.rollout_criteria)
    assert linked.id == "r2" and linked.conditions[0].threshold == 0.1
    assert [r.linked for r in all_criteria(workshop.pilot)] == [False] * 4
    verdicts = [(c.ref, c.verdict, c.reason) for c in evaluate(ws).criteria]
    assert verdicts[0] == ("r1", Verdict.NOT_MEASURABLE, "unlinked")
    with pytest.raises(InputError, match="unknown KPI 'k9'"):
        link_criterion(ws, "r1", ["k9"])
    with pytest.raises(InputError, match="unknown criterion 'r9'"):
        link_criterion(ws, "r9", ["k4"])
    with pytest.raises(InputError, match="out of range"):
        link_criterion(ws, "r1", ["k4=10"])
    assert [c.id for c in remove_criterion(ws, "r3").pilot.criteria] == ["r1", "r2", "r4"]


@given(
    values=st.lists(st.floats(0, 1), max_size=4),
    threshold=st.none() | st.floats(0, 1),
    lower=st.booleans(),
)
def test_met_always_has_measurements_behind_it(values, threshold, lower):
    kpi = Kpi("k", "率", baseline=0.5, target=0.3 if lower else 0.7, lower_is_better=lower)
    measurements = tuple(
        Measurement(f"m{i}", "k", dt.date(2027, 1, 1 + i), v) for i, v in enumerate(values)
    )
    ws = Workshop(Meta("t"), pilot=Pilot(kpis=(kpi,), measurements=measurements))
    ws, _ = add_criterion(ws, "基準", [f"k={threshold}" if threshold is not None else "k"])
    result = evaluate(ws).criteria[0]
    if result.verdict == Verdict.MET:
        assert result.evidence and all(c.latest is not None for c in result.conditions)
    assert (result.verdict == Verdict.NOT_MEASURABLE) == (not values)


def test_the_decision_needs_reasons_and_a_rollout_its_scope(workshop):
    with pytest.raises(InputError, match=r"^reasons: a decision needs at least one reason$"):
        record_decision(workshop, "横展開", by="kobayashi", reasons=["  "], units=["A局"])
    with pytest.raises(InputError, match=r"^units: a rollout"):
        record_decision(workshop, "rollout", by="kobayashi", reasons=["基準を満たした"])
    with pytest.raises(InputError, match="'ghost' is not a member"):
        record_decision(workshop, "stop", by="ghost", reasons=["x"])
    with pytest.raises(InputError, match="unknown outcome 'maybe'"):
        record_decision(workshop, "maybe", by="kobayashi", reasons=["x"])
    ws, decision = record_decision(
        workshop,
        "横展開",
        by="kobayashi",
        reasons=["判断基準4項目のうち4項目を満たした"],
        units=["情報政策局", "地域振興局"],
        start=dt.date(2027, 4, 12),
        date=dt.date(2027, 3, 23),
    )
    assert decision.text == "試行の判断：横展開（情報政策局、地域振興局、2027年4月12日から）"
    assert ws.decisions[-1] == decision == rollout_decision(ws)
    assert decision.rollout.outcome == Outcome.ROLLOUT


def test_the_status_follows_the_pilot_from_plan_to_decision(piloted):
    plan = verification_status(piloted.edit(pilot=piloted.pilot.edit(measurements=())),
                               today=dt.date(2026, 12, 1))  # fmt: skip
    assert plan.stage == Stage.PLANNED and plan.hours_verified is None
    assert verification_status(piloted, today=dt.date(2027, 2, 1)).stage == Stage.RUNNING
    ended = verification_status(piloted, today=dt.date(2027, 3, 10))
    assert ended.stage == Stage.ENDED and ended.hours_verified > 0
    ws, _ = record_decision(piloted, "continue", by="kobayashi", reasons=["もう一度"],
                            date=dt.date(2027, 3, 23))  # fmt: skip
    status = verification_status(ws, today=dt.date(2027, 3, 24))
    assert (status.stage, status.outcome, status.decided_by) == (
        Stage.DECIDED,
        Outcome.CONTINUE,
        "kobayashi",
    )
    assert status.hours_verified == pytest.approx(evaluate(ws).savings.verified.hours)


def test_each_figure_traces_to_the_ideas_that_move_it(piloted):
    from cocreate.verify.trace import kpi_ideas, traces

    ideas = kpi_ideas(piloted)
    assert ideas["k3"] == ("yamamoto.i1",), "only the online form takes paper away"
    assert ideas["k1"] == piloted.pilot.ideas
    assert ideas["k4"] == piloted.pilot.ideas, "a KPI not on the map follows all the ideas"
    found = {(t.kind, t.subject): t for t in traces(piloted, evaluate(piloted))}
    k3 = found[("kpi", "k3")]
    assert k3.measurements == tuple(m.id for m in piloted.pilot.measurements if m.kpi == "k3")
    assert set(k3.causes) == set(piloted.idea("yamamoto.i1").causes) | {
        c.id for cause in piloted.idea("yamamoto.i1").causes for c in piloted.why_chain(cause)
    }
    assert all(piloted.cause(c).problem in k3.problems for c in k3.causes)
    assert ("saving", "") in found and ("idea-saving", "watanabe.i1") in found
