"""Pilot tasks with exactly one owner, and the checks on tasks, milestones and criteria."""

from __future__ import annotations

import datetime as dt

import pytest

from cocreate import storage, validate
from cocreate.errors import InputError
from cocreate.model import Milestone, TaskStatus
from cocreate.verify import checks
from cocreate.verify.period import pilot_period
from cocreate.verify.tasks import add_task, complete_task, edit_task, remove_task, task_rows
from tests.conftest import SAMPLE

TODAY = dt.date(2027, 2, 1)


@pytest.fixture(scope="module")
def workshop():
    return storage.load(SAMPLE)


def test_a_task_has_one_owner_and_helpers_who_are_others(workshop):
    ws, task = add_task(workshop, " 申請フォームを 作る ", "takahashi", helpers=["ito", "ito"])
    assert (task.id, task.title, task.owner, task.helpers) == (
        "t1",
        "申請フォームを 作る",
        "takahashi",
        ("ito",),
    )
    ws, second = add_task(ws, "記入例を作る", "ito")
    assert second.id == "t2"
    assert [t.id for t in ws.pilot.tasks] == ["t1", "t2"]
    with pytest.raises(InputError, match="is the owner"):
        add_task(ws, "x", "ito", helpers=["ito"])
    with pytest.raises(InputError, match="'nobody' is not a member"):
        add_task(ws, "x", "nobody")
    with pytest.raises(InputError, match="title: must not be empty"):
        add_task(ws, "  ", "ito")


def test_giving_a_helper_the_task_moves_them_out_of_the_helpers(workshop):
    ws, task = add_task(workshop, "様式の統一", "ito", helpers=["suzuki", "kato"])
    ws, task = edit_task(ws, task.id, owner="suzuki")
    assert (task.owner, task.helpers) == ("suzuki", ("kato",))


def test_status_and_done_date_move_together(workshop):
    ws, task = add_task(workshop, "周知文を出す", "sato", due=dt.date(2027, 1, 8))
    ws, task = edit_task(ws, task.id, status="進行中")
    assert task.status == TaskStatus.IN_PROGRESS and task.done_on is None
    ws, task = complete_task(ws, task.id, on=dt.date(2027, 1, 7))
    assert task.status == TaskStatus.DONE and task.done_on == dt.date(2027, 1, 7)
    ws, task = edit_task(ws, task.id, status="not-started")
    assert task.done_on is None
    with pytest.raises(InputError, match="only a done task has a done date"):
        edit_task(ws, task.id, done_on=dt.date(2027, 1, 7))
    with pytest.raises(InputError, match="unknown status 'later'"):
        edit_task(ws, task.id, status="later")
    assert remove_task(ws, task.id).pilot.tasks == ()
    with pytest.raises(InputError, match="unknown task 't9'"):
        remove_task(ws, "t9")


def test_rows_come_in_due_order_with_the_late_ones_flagged(workshop):
    ws, _ = add_task(workshop, "後で", "sato", due=dt.date(2027, 3, 1))
    ws, _ = add_task(ws, "期限なし", "sato")
    ws, _ = add_task(ws, "遅れている", "suzuki", due=dt.date(2027, 1, 20))
    ws, _ = add_task(ws, "済んだ", "suzuki", due=dt.date(2027, 1, 10), status="done", today=TODAY)
    rows = task_rows(ws, today=TODAY)
    assert [r.task.title for r in rows] == ["済んだ", "遅れている", "後で", "期限なし"]
    assert [r.overdue_days for r in rows] == [0, 12, 0, 0]
    assert rows[1].owner_name == "鈴木 由美"


def test_the_period_runs_weeks_times_seven_days_from_the_start(workshop):
    period = pilot_period(workshop.pilot)
    assert (period.start, period.end) == (dt.date(2027, 1, 12), dt.date(2027, 3, 8))
    assert dt.date(2027, 3, 8) in period and dt.date(2027, 3, 9) not in period


def _codes(found):
    return [(f.code, f.subject) for f in found]


def test_check_warns_of_a_task_without_owner_and_an_overdue_one(workshop):
    ws, _ = add_task(workshop, "持ち主のいない作業")
    ws, _ = add_task(ws, "遅れ", "suzuki", due=dt.date(2027, 1, 20))
    ws, _ = add_task(ws, "まだ先", "suzuki", due=dt.date(2027, 2, 20))
    found = _codes(checks.warnings(ws, today=TODAY))
    assert ("task-no-owner", "t1") in found
    assert ("task-overdue", "t2") in found
    assert ("task-overdue", "t3") not in found
    # done on time is not overdue, however late today is
    ws, _ = complete_task(ws, "t2", on=dt.date(2027, 1, 19))
    assert ("task-overdue", "t2") not in _codes(checks.warnings(ws, today=TODAY))


def test_the_samples_measurement_milestone_falls_after_its_eight_weeks(workshop):
    found = [f for f in validate.warnings(workshop) if f.code == "milestone-outside"]
    assert "試行終了・効果測定" in [f.subject for f in found]
    first = next(f for f in found if f.subject == "試行終了・効果測定")
    assert first.field == "pilot.milestones[2]"
    assert "2027-03-08" in first.message and "1 day(s) after it ends" in first.message
    moved = workshop.pilot.edit(milestones=(Milestone(dt.date(2027, 3, 5), "試行終了・効果測定"),))
    assert not [
        f for f in checks.warnings(workshop.edit(pilot=moved)) if f.code == "milestone-outside"
    ]


def test_free_text_criteria_are_flagged_as_unlinked(workshop):
    found = [f.subject for f in checks.warnings(workshop) if f.code == "criterion-unlinked"]
    assert found == ["#1", "#2", "#3", "#4"]


def test_bad_references_in_tasks_are_errors(workshop):
    ws, _ = add_task(workshop, "x", "suzuki")
    task = ws.pilot.tasks[0].edit(owner="ghost", helpers=("ghost2",))
    broken = ws.edit(pilot=ws.pilot.edit(tasks=(task, task)))
    found = [(f.field, f.code) for f in validate.errors(broken)]
    assert ("pilot.tasks[0].owner", "unknown-ref") in found
    assert ("pilot.tasks[0].helpers[0]", "unknown-ref") in found
    assert ("pilot.tasks[1].id", "duplicate-id") in found
