"""The map's step edits keep the process a process: inserting a step keeps the sequence."""

from __future__ import annotations

from cocreate import storage
from cocreate.process.metrics import analyse
from cocreate.tui.screens.map import add_step
from tests.conftest import SAMPLE

VALUES = {"name": "受付印を押す", "lane": None, "kind": "task", "minutes": 6.0}


def _ways_out(workshop, step_id: str) -> list[str]:
    return [flow.target for flow in workshop.flows if flow.source == step_id]


def test_a_step_added_in_a_sequence_goes_in_between() -> None:
    before = storage.load(SAMPLE)
    assert _ways_out(before, "s02") == ["s03"]
    lane = before.step("s02").lane
    after = add_step(before, {**VALUES, "lane": lane}, "s02")
    (new_id,) = {s.id for s in after.steps} - {s.id for s in before.steps}
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
    after = add_step(before, {**VALUES, "lane": before.steps[0].lane}, decision)
    (new_id,) = {s.id for s in after.steps} - {s.id for s in before.steps}
    assert _ways_out(after, decision) == [*ways, new_id]
    assert _ways_out(after, new_id) == [], "which way on is the facilitator's to say"
