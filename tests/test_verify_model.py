"""The pilot's tasks, measurements, linked criteria, issues and rollout decision in the files."""

from __future__ import annotations

import datetime as dt
import tomllib

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cocreate import storage
from cocreate.model import (
    Criterion,
    CriterionCondition,
    Decision,
    Measurement,
    MeasurementMethod,
    Outcome,
    PilotIssue,
    RolloutDecision,
    Task,
    TaskStatus,
)

DAY = dt.date(2027, 1, 19)


def _filled(workshop):
    pilot = workshop.pilot.edit(
        tasks=(
            Task(
                "t1", "申請フォームを作る", "takahashi", ("ito",), DAY, TaskStatus.DONE, DAY, "済"
            ),
            Task("t2", "記入例を作る"),
        ),
        measurements=(
            Measurement("m1", "k4", DAY, 0.12, MeasurementMethod.RECORDED, "suzuki", "第1週"),
            Measurement("m2", "k1", DAY, 3100.5, variant=""),
        ),
        criteria=(Criterion("r1", "差戻し率が10%以下", (CriterionCondition("k4", 0.1),)),),
        issues=(PilotIssue("q1", "問い合わせが増えた", "FAQを掲載", ("k4",)),),
    )
    decision = Decision(
        dt.date(2027, 3, 23),
        "試行の判断：横展開",
        "kobayashi",
        RolloutDecision(
            Outcome.ROLLOUT, ("基準を満たした",), ("情報政策局",), dt.date(2027, 4, 12)
        ),
    )
    return workshop.edit(pilot=pilot, decisions=(*workshop.decisions, decision))


def test_everything_the_verification_adds_round_trips(sample):
    workshop = _filled(storage.load(sample))
    storage.save(sample, workshop)
    loaded = storage.load(sample)
    assert loaded.pilot == workshop.pilot
    assert loaded.decisions == workshop.decisions
    text = (sample / "workshop.toml").read_text(encoding="utf-8")
    assert 'status = "done"' in text and 'method = "recorded"' in text
    assert "[decisions.rollout]" in text and 'outcome = "rollout"' in text


def test_a_plan_from_before_keeps_loading_with_its_free_text_criteria(sample):
    loaded = storage.load(sample)
    assert loaded.pilot.tasks == loaded.pilot.measurements == loaded.pilot.criteria == ()
    assert len(loaded.pilot.rollout_criteria) == 4
    assert all(d.rollout is None for d in loaded.decisions)
    text = (sample / "workshop.toml").read_text(encoding="utf-8")
    assert "tasks" not in text and "measurements" not in text


def test_every_new_id_is_known_to_the_workshop(sample):
    kinds = {kind for kind, _ in _filled(storage.load(sample)).iter_ids()}
    assert {"task", "measurement", "criterion", "pilot-issue"} <= kinds


# Control characters are refused in every text field (cocreate.text), so none are drawn.
text = st.text(st.characters(exclude_categories=("Cc", "Cs")), max_size=8)
day = st.dates(dt.date(2000, 1, 1), dt.date(2100, 1, 1))


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    tasks=st.lists(
        st.builds(
            Task,
            id=st.from_regex(r"t[0-9]{1,3}", fullmatch=True),
            title=text,
            owner=st.sampled_from(["", "sato"]),
            helpers=st.lists(st.sampled_from(["ito", "kato"]), max_size=2).map(tuple),
            due=st.none() | day,
            status=st.sampled_from(TaskStatus),
            done_on=st.none() | day,
            note=text,
        ),
        max_size=3,
    ),
    values=st.lists(st.floats(0, 1e9, allow_nan=False), max_size=3),
    method=st.sampled_from(MeasurementMethod),
    outcome=st.sampled_from(Outcome),
    reasons=st.lists(text, max_size=2).map(tuple),
)
def test_any_pilot_data_round_trips(sample, tasks, values, method, outcome, reasons):
    workshop = storage.load(sample)
    measurements = tuple(
        Measurement(f"m{i}", "k1", DAY, v, method) for i, v in enumerate(values, start=1)
    )
    pilot = workshop.pilot.edit(tasks=tuple(tasks), measurements=measurements)
    decision = Decision(DAY, "x", rollout=RolloutDecision(outcome, reasons))
    changed = workshop.edit(pilot=pilot, decisions=(decision,))
    parsed = storage.parse_workshop(
        sample / "workshop.toml", tomllib.loads(storage.dump_workshop(changed, 1))
    )
    assert parsed.pilot == changed.pilot
    assert parsed.decisions == changed.decisions


def _append(sample, text):
    path = sample / "workshop.toml"
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def test_a_measurement_of_an_unknown_kpi_in_the_file_is_one_line(sample, cli):
    _append(
        sample, '\n[[pilot.measurements]]\nid = "m1"\nkpi = "k9"\ndate = 2027-02-01\nvalue = 1.0\n'
    )
    result = cli("check", sample)
    assert result.code == 2
    assert f"{sample}/workshop.toml: pilot.measurements[0].kpi: unknown KPI 'k9'" in result.err
    assert cli("evaluate", sample).err.strip() == (
        f"cocreate: {sample}/workshop.toml: pilot.measurements[0].kpi: unknown KPI 'k9'"
    )


def test_a_value_of_the_wrong_type_in_the_file_is_one_line(sample, cli):
    _append(
        sample, '\n[[pilot.measurements]]\nid = "m1"\nkpi = "k4"\ndate = 2027-02-01\nvalue = "8%"\n'
    )
    result = cli("evaluate", sample)
    assert result.code == 2 and result.err.count("\n") == 1
    assert "pilot.measurements[0].value: must be a number, not a string" in result.err


def test_a_decision_without_reasons_in_the_file_is_an_error(sample, cli):
    _append(sample, '\n[[decisions]]\ndate = 2027-03-23\ntext = "横展開"\nowner = "kobayashi"\n'
                    '\n[decisions.rollout]\noutcome = "rollout"\nunits = ["A局"]\n')  # fmt: skip
    result = cli("check", sample)
    assert result.code == 2
    assert "decisions[3].rollout.reasons: a decision needs at least one reason" in result.err
