"""The facilitator's edits from the command line (issue 14 §1–§4): the same domain as the app."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from cocreate import storage
from cocreate.model import Role


def test_member_edit_and_remove(sample: Path, cli) -> None:
    assert (
        cli("member", "edit", sample, "kato", "--name", "加藤 隆之", "--role", "manager").code == 0
    )
    kato = storage.load(sample).member("kato")
    assert (kato.name, kato.role) == ("加藤 隆之", Role.MANAGER)
    result = cli("member", "remove", sample, "kato")
    assert result.code == 0 and "former member" in result.out
    assert storage.load(sample).member("kato").role == Role.FORMER
    bad = cli("member", "edit", sample, "nobody", "--name", "x")
    assert bad.code == 2 and bad.err.count("\n") == 1 and "nobody" in bad.err


def test_details_and_settings(sample: Path, cli) -> None:
    result = cli(
        "details", sample, "--background", "照会電話が多い", "--dates", "2027/2/1,令和9年2月8日"
    )
    assert result.code == 0, result.err
    meta = storage.load(sample).meta
    assert meta.background == "照会電話が多い"
    assert meta.dates == (dt.date(2027, 2, 1), dt.date(2027, 2, 8))
    assert cli("settings", sample, "--hourly-cost", "４０００", "--annual-cases", "1,200").code == 0
    settings = storage.load(sample).settings
    assert (settings.hourly_cost, settings.annual_cases) == (4000, 1200)
    before = (sample / "workshop.toml").read_bytes()
    refused = cli("settings", sample, "--quadrant-split", "9")
    assert refused.code == 2 and "quadrant split" in refused.err
    assert (sample / "workshop.toml").read_bytes() == before, "nothing half-written"


def test_lane_rename_and_flow_edit(sample: Path, cli) -> None:
    ws = storage.load(sample)
    lane, flow = ws.lanes[0], ws.flows[0]
    assert cli("lane", "rename", sample, lane.id, "窓口").code == 0
    result = cli(
        "flow", "edit", sample, flow.source, flow.target, "--label", "通常", "--share", "80"
    )
    assert result.code == 0, result.err
    saved = storage.load(sample)
    assert saved.lanes[0].name == "窓口"
    assert (saved.flows[0].label, saved.flows[0].share) == ("通常", 0.8)


def test_the_pilot_plan(sample: Path, cli) -> None:
    idea = storage.load(sample).pilot.ideas[0]
    added = cli("pilot", "kpi-add", sample, "--name", "照会件数", "--target", "10", "--ideas", idea)
    assert added.code == 0, added.err
    kpi_id = added.out.strip()
    assert cli("pilot", "team", sample, "kato", "--role", "記録").code == 0
    assert cli("pilot", "milestone", sample, "令和9年1月12日", "キックオフ").code == 0
    assert cli("pilot", "risk", sample, "異動", "--mitigation", "手順書").code == 0
    assert cli("pilot", "rollout", sample, "照会が半分").code == 0
    assert cli("pilot", "rules", sample, "--often", "隔週").code == 0
    assert cli("pilot", "set", sample, "--start", "2027/1/12", "--scope-steps", "s01,s02").code == 0
    plan = storage.load(sample).pilot
    assert next(k for k in plan.kpis if k.id == kpi_id).ideas == (idea,)
    assert any(t.member == "kato" and t.role == "記録" for t in plan.team)
    assert any(m.text == "キックオフ" and m.date == dt.date(2027, 1, 12) for m in plan.milestones)
    assert plan.risks[-1].mitigation == "手順書" and "照会が半分" in plan.rollout_criteria
    assert plan.communication.meetings == "隔週" and plan.start == dt.date(2027, 1, 12)
    assert plan.scope_steps == ("s01", "s02")
    assert cli("pilot", "kpi-remove", sample, kpi_id).code == 0
    assert all(k.id != kpi_id for k in storage.load(sample).pilot.kpis)


def test_new_needs_the_facilitators_name_not_only_an_id(tmp_path: Path, cli) -> None:
    folder = tmp_path / "w"
    result = cli("new", folder, "--title", "見直し", "--facilitator", "sato")
    assert result.code == 2 and "--facilitator-name" in result.err
    assert not folder.exists()
