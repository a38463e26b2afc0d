"""The map's edits (cocreate.process.edit): a step inserted keeps the process a process,
every field is checked, and what is still in use cannot be removed."""

from __future__ import annotations

import doctest

import pytest

from cocreate import storage
from cocreate.errors import InputError, RuleError
from cocreate.model import Medium, StepKind
from cocreate.process import edit
from cocreate.process.edit import (
    add_flow,
    add_lane,
    add_step,
    edit_step,
    remove_flow,
    remove_lane,
    remove_step,
)
from cocreate.process.metrics import analyse
from tests.conftest import SAMPLE

VALUES = {"name": "受付印を押す", "kind": StepKind.TASK, "minutes": 6.0}


def _ways_out(workshop, step_id: str) -> list[str]:
    return [flow.target for flow in workshop.flows if flow.source == step_id]


def test_a_step_added_in_a_sequence_goes_in_between() -> None:
    before = storage.load(SAMPLE)
    assert _ways_out(before, "s02") == ["s03"]
    lane = before.step("s02").lane
    after, step = add_step(before, **VALUES, lane=lane, after="s02")
    (new_id,) = {s.id for s in after.steps} - {s.id for s in before.steps}
    assert step.id == new_id and after.step(new_id) == step
    order = [s.id for s in after.steps]
    assert order.index(new_id) == order.index("s02") + 1
    assert _ways_out(after, "s02") == [new_id]
    assert _ways_out(after, new_id) == ["s03"]
    # Every case still goes through the whole process, and now through the new step too.
    old, now = analyse(before), analyse(after)
    assert now.lead_time_minutes >= old.lead_time_minutes
    assert now.annual_hours > old.annual_hours


def test_a_step_added_after_a_decision_is_only_joined_to_it() -> None:
    before = storage.load(SAMPLE)
    decision = next(s.id for s in before.steps if len(_ways_out(before, s.id)) > 1)
    ways = _ways_out(before, decision)
    after, step = add_step(before, **VALUES, lane=before.steps[0].lane, after=decision)
    assert _ways_out(after, decision) == [*ways, step.id]
    assert _ways_out(after, step.id) == [], "which way on is the facilitator's to say"


def test_a_step_added_after_nothing_goes_last_with_no_flow() -> None:
    before = storage.load(SAMPLE)
    after, step = add_step(before, name="保管", lane=before.lanes[0].id, medium="paper")
    assert after.steps[-1] == step and step.medium is Medium.PAPER
    assert after.flows == before.flows


@pytest.mark.parametrize(
    ("changes", "says"),
    [
        ({"name": "  "}, "name must not be empty"),
        ({"lane": "nowhere"}, "unknown lane 'nowhere'"),
        ({"kind": "meeting"}, "unknown step kind 'meeting'"),
        ({"medium": "fax"}, "unknown medium 'fax'"),
        ({"minutes": -1.0}, "minutes cannot be negative"),
        ({"wait_minutes": float("nan")}, "wait minutes must be a number"),
        ({"volume": -3}, "volume cannot be negative"),
        ({"volume": 2.5}, "volume must be a whole number"),
        ({"after": "s99"}, "unknown step 's99'"),
    ],
)
def test_a_bad_step_is_refused_in_one_line(changes: dict, says: str) -> None:
    workshop = storage.load(SAMPLE)
    values = {**VALUES, "lane": workshop.lanes[0].id, **changes}
    with pytest.raises(InputError, match=says) as caught:
        add_step(workshop, **values)
    assert "\n" not in str(caught.value)


def test_editing_a_step_changes_only_the_fields_given() -> None:
    before = storage.load(SAMPLE)
    step = before.step("s03")
    after = edit_step(before, "s03", minutes=12, volume=None)
    assert after.step("s03") == step.edit(minutes=12.0, volume=None)
    assert [s for s in after.steps if s.id != "s03"] == [s for s in before.steps if s.id != "s03"]
    renamed = edit_step(after, "s03", name="確認", kind="decision", medium=Medium.SEAL)
    assert renamed.step("s03").kind is StepKind.DECISION and renamed.step("s03").minutes == 12
    with pytest.raises(InputError, match="unknown step 'nope'"):
        edit_step(before, "nope", minutes=1)
    with pytest.raises(InputError, match="cannot be negative"):
        edit_step(before, "s03", minutes=-2)


def test_a_step_in_use_is_not_removed_and_a_free_one_takes_its_flows() -> None:
    workshop = storage.load(SAMPLE)
    used = next(s for p in workshop.problems for s in p.steps)
    with pytest.raises(RuleError, match=f"step {used} is used by"):
        remove_step(workshop, used)
    workshop, step = add_step(workshop, **VALUES, lane=workshop.lanes[0].id, after="s02")
    removed = remove_step(workshop, step.id)
    assert removed.step(step.id) is None
    assert all(step.id not in (f.source, f.target) for f in removed.flows)


def test_flows_are_added_once_with_a_share_between_0_and_1() -> None:
    workshop = storage.load(SAMPLE)
    ids = [s.id for s in workshop.steps]
    after = add_flow(workshop, source=ids[-1], target=ids[0], label="再申請", share=0.1)
    assert after.flows[-1].share == 0.1 and after.flows[-1].label == "再申請"
    with pytest.raises(RuleError, match="already a flow"):
        add_flow(after, source=ids[-1], target=ids[0])
    with pytest.raises(InputError, match="between 0 and 1"):
        add_flow(workshop, source=ids[-1], target=ids[0], share=20)
    with pytest.raises(InputError, match="unknown step 'x'"):
        add_flow(workshop, source="x", target=ids[0])
    back = remove_flow(after, ids[-1], ids[0])
    assert back.flows == workshop.flows
    with pytest.raises(InputError, match="no flow from"):
        remove_flow(back, ids[-1], ids[0])


def test_a_lane_is_added_and_removed_only_when_empty() -> None:
    workshop = storage.load(SAMPLE)
    after, lane = add_lane(workshop, name="会計課")
    assert after.lanes[-1] == lane and lane.id not in {x.id for x in workshop.lanes}
    assert remove_lane(after, lane.id).lanes == workshop.lanes
    with pytest.raises(RuleError, match="still has steps"):
        remove_lane(workshop, workshop.steps[0].lane)
    with pytest.raises(InputError, match="must not be empty"):
        add_lane(workshop, name="")


def test_the_examples_in_the_docstring_run() -> None:
    assert doctest.testmod(edit).failed == 0
