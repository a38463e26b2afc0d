"""The pilot plan's edits (cocreate.pilot): typed fields, typed-in text read once, KPIs."""

from __future__ import annotations

import datetime as dt
import doctest

import pytest

from cocreate import pilot as pilot_module
from cocreate import storage
from cocreate.errors import InputError
from cocreate.pilot import add_kpi, choose_ideas, edit_kpi, edit_pilot, parse_start, parse_weeks
from tests.conftest import SAMPLE


def test_only_the_fields_given_change() -> None:
    before = storage.load(SAMPLE)
    after = edit_pilot(before, title="  新しい試行 ", weeks=8)
    assert after.pilot == before.pilot.edit(title="新しい試行", weeks=8)
    assert edit_pilot(after, start=None, owner="").pilot.start is None


def test_typed_dates_and_weeks_are_read_as_people_type_them() -> None:
    assert parse_start("2027-01-12") == dt.date(2027, 1, 12)
    assert parse_start("２０２７-０１-１２") == dt.date(2027, 1, 12)
    assert parse_start("  ") is None
    assert parse_weeks("１２") == 12 and parse_weeks("") is None
    with pytest.raises(InputError, match="start must be a date like 2027-01-12"):
        parse_start("来月")
    with pytest.raises(InputError, match="weeks must be a whole number"):
        parse_weeks("6.5")


@pytest.mark.parametrize(
    ("changes", "says"),
    [
        ({"owner": "nobody"}, "unknown member 'nobody'"),
        ({"weeks": 0}, "at least a week"),
        ({"weeks": "6"}, "weeks must be a whole number"),
        ({"start": "2027-01-12"}, "start must be a date"),
    ],
)
def test_bad_values_are_refused(changes: dict, says: str) -> None:
    with pytest.raises(InputError, match=says):
        edit_pilot(storage.load(SAMPLE), **changes)


def test_the_ideas_tried_must_exist() -> None:
    workshop = storage.load(SAMPLE)
    ideas = [i.id for i in workshop.ideas][:2]
    assert choose_ideas(workshop, [*ideas, ideas[0]]).pilot.ideas == tuple(ideas)
    with pytest.raises(InputError, match=r"unknown idea 'x\.i9'"):
        choose_ideas(workshop, ["x.i9"])


def test_kpis_are_added_and_edited_by_id() -> None:
    workshop = storage.load(SAMPLE)
    after, kpi = add_kpi(workshop, name="紙の件数", metric="paper_touches", target=0)
    assert after.pilot.kpis[-1] == kpi and kpi.baseline is None and kpi.target == 0.0
    assert kpi.id not in {k.id for k in workshop.pilot.kpis}
    edited = edit_kpi(after, kpi.id, baseline=12, unit="件")
    assert edited.pilot.kpis[-1] == kpi.edit(baseline=12.0, unit="件")
    assert edited.pilot.kpis[:-1] == workshop.pilot.kpis
    with pytest.raises(InputError, match="unknown metric 'speed'"):
        add_kpi(workshop, name="速さ", metric="speed")
    with pytest.raises(InputError, match="unknown KPI 'k99'"):
        edit_kpi(workshop, "k99", unit="h")
    with pytest.raises(InputError, match="name must not be empty"):
        edit_kpi(after, kpi.id, name=" ")


def test_the_examples_in_the_docstring_run() -> None:
    assert doctest.testmod(pilot_module).failed == 0
