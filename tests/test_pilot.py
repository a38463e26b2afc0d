"""The pilot plan's edits (cocreate.pilot): typed fields, typed-in text read once, KPIs."""

from __future__ import annotations

import datetime as dt
import doctest

import pytest

from cocreate import pilot as pilot_module
from cocreate import storage
from cocreate.errors import InputError, RuleError
from cocreate.model import Risk
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


# ---------------------------------------------------------------- the whole plan (issue 14 §4)


def test_kpis_link_to_ideas_and_the_traceability_table_uses_the_link(sample) -> None:
    from cocreate import storage
    from cocreate.i18n import t
    from cocreate.reports.assemble import assemble
    from cocreate.reports.document import Table

    ws = storage.load(sample)
    first, second = ws.pilot.ideas[:2]
    ws = pilot_module.edit_kpi(ws, "k1", ideas=[first])
    ws = pilot_module.edit_kpi(ws, "k2", ideas=[second])
    for kpi in ws.pilot.kpis[2:]:
        ws = pilot_module.edit_kpi(ws, kpi.id, ideas=[first])
    assert ws.pilot.kpis[0].ideas == (first,)
    with pytest.raises(InputError):
        pilot_module.edit_kpi(ws, "k1", ideas=["nobody.i9"])
    report = assemble(ws, "en", figures=False)
    kpi_header = t("report.col.kpi", "en")
    table = next(
        b
        for section in report.sections
        for b in section.blocks
        if isinstance(b, Table) and b.headers[-1] == kpi_header
    )
    rows = [r for r in table.rows if "★" in str(r[3])]
    assert rows
    checked = 0
    for row in rows:
        kpis = str(row[4])
        if second in str(row[3]) and first not in str(row[3]):
            assert "k2" in kpis and "k1" not in kpis
            checked += 1
        if first in str(row[3]) and second not in str(row[3]):
            assert "k1" in kpis and "k2" not in kpis
            checked += 1
    assert checked >= 2, "rows of both ideas were compared"


def test_a_dangling_kpi_idea_is_reported_by_the_integrity_check(sample) -> None:
    from cocreate import integrity, storage
    from cocreate.model import Kpi

    ws = storage.load(sample)
    ws = ws.edit(pilot=ws.pilot.edit(kpis=(*ws.pilot.kpis, Kpi("k9", "x", ideas=("gone.i1",)))))
    findings = [f for f in integrity.errors(ws) if "gone.i1" in str(f)]
    assert findings


def test_team_milestones_risks_criteria_and_rules_are_edited(sample) -> None:
    import datetime as dt

    from cocreate import storage

    ws = storage.load(sample)
    team = ws.pilot.team
    ws = pilot_module.set_team_member(ws, team[0], team[0].member, "リーダー")
    assert ws.pilot.team[0].role == "リーダー"
    with pytest.raises(RuleError):
        pilot_module.set_team_member(ws, None, team[1].member, "二重")
    ws = pilot_module.set_team_member(ws, ws.pilot.team[-1], None)
    assert len(ws.pilot.team) == len(team) - 1
    ws = pilot_module.set_milestone(ws, None, dt.date(2027, 1, 1), "キックオフ")
    assert ws.pilot.milestones[0].text == "キックオフ", "kept in date order"
    ws = pilot_module.set_milestone(ws, ws.pilot.milestones[0], None)
    ws = pilot_module.set_risk(ws, None, "人が足りない", "応援を頼む")
    assert ws.pilot.risks[-1].mitigation == "応援を頼む"
    with pytest.raises(RuleError):
        pilot_module.set_risk(ws, Risk("no such risk"), "x")
    ws = pilot_module.set_criterion(ws, ws.pilot.rollout_criteria[0], "照会が半分")
    assert ws.pilot.rollout_criteria[0] == "照会が半分"
    ws = pilot_module.edit_communication(ws, channel=" メール ", meetings="隔週")
    assert ws.pilot.communication.channel == "メール"
    assert ws.pilot.communication.meetings == "隔週"
    ws = pilot_module.choose_scope_steps(ws, ["s03", "s01"])
    assert ws.pilot.scope_steps == ("s01", "s03")
    storage.save_workshop(sample, ws)
    again = storage.load(sample)
    assert again.pilot == ws.pilot


def test_a_kpi_is_removed_unless_a_measurement_uses_it(sample) -> None:
    from cocreate import storage

    ws = storage.load(sample)
    ws = pilot_module.remove_kpi(ws, "k3")
    assert [k.id for k in ws.pilot.kpis] == ["k1", "k2", "k4"]
    with pytest.raises(InputError):
        pilot_module.remove_kpi(ws, "k3")
