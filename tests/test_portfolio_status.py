"""Each process's status is derived from its workshop's state; the figures come from its data."""

from __future__ import annotations

import datetime as dt

import pytest

from cocreate import storage
from cocreate.model import (
    Decision,
    Flow,
    Kpi,
    Lane,
    Measurement,
    MemberContributions,
    Meta,
    Outcome,
    Pilot,
    Problem,
    RolloutDecision,
    Step,
    StepKind,
    Workshop,
)
from cocreate.portfolio.status import (
    Status,
    bureau_figures,
    process_row,
    status_of,
    summarise,
    totals,
)
from cocreate.portfolio_model import Candidate, Portfolio, PortfolioMeta, SelectionOutcome
from tests.conftest import ROOT

TODAY = dt.date(2027, 3, 10)
PILOT_SAMPLE = ROOT / "workshops" / "equipment-lending-pilot"


def mapped() -> Workshop:
    return Workshop(
        Meta("w"),
        lanes=(Lane("l", "L"),),
        steps=(
            Step("a", "a", "l", StepKind.START, volume=100),
            Step("b", "b", "l", minutes=60),
            Step("c", "c", "l", StepKind.END),
        ),
        flows=(Flow("a", "b"), Flow("b", "c")),
    )


def decided(outcome: Outcome, start: dt.date | None = None) -> Workshop:
    rollout = RolloutDecision(outcome=outcome, start=start)
    decision = Decision(dt.date(2027, 3, 1), "決定", rollout=rollout)
    return mapped().edit(pilot=Pilot(title="p", start=dt.date(2027, 1, 1)), decisions=(decision,))


PROBLEM = MemberContributions("m", problems=(Problem("m.p1", "x", "m"),))
MEASURED = Pilot(kpis=(Kpi("k", "k"),), measurements=(Measurement("m", "k", TODAY, 1.0),))


@pytest.mark.parametrize(
    ("workshop", "decision", "status"),
    [
        (None, None, Status.CANDIDATE),
        (None, SelectionOutcome.DEFERRED, Status.CANDIDATE),
        (None, SelectionOutcome.CHOSEN, Status.SELECTED),
        (Workshop(Meta("new")), SelectionOutcome.CHOSEN, Status.SELECTED),
        (mapped(), None, Status.ANALYSING),
        (Workshop(Meta("w"), contributions=(PROBLEM,)), None, Status.ANALYSING),
        (mapped().edit(pilot=Pilot(title="p", start=dt.date(2027, 6, 1))), None, Status.ANALYSING),
        (mapped().edit(pilot=Pilot(title="p", start=dt.date(2027, 2, 1))), None, Status.PILOTING),
        (mapped().edit(pilot=MEASURED), None, Status.PILOTING),
        (decided(Outcome.CONTINUE), None, Status.PILOTING),
        (decided(Outcome.REVISE), None, Status.VERIFIED),
        (decided(Outcome.ROLLOUT, dt.date(2027, 4, 1)), None, Status.VERIFIED),
        (decided(Outcome.ROLLOUT, dt.date(2027, 3, 10)), None, Status.ROLLED_OUT),
        (decided(Outcome.ROLLOUT), None, Status.ROLLED_OUT),
        (decided(Outcome.STOP), None, Status.STOPPED),
    ],
)  # fmt: skip
def test_status_follows_the_workshop(workshop, decision, status):
    assert status_of(workshop, decision, today=TODAY) == status


def test_the_pilot_sample_row_has_its_verified_saving():
    portfolio = Portfolio(PortfolioMeta("p"), inventory=(Candidate("c1", "備品貸出", fte=9.0),))
    workshop = storage.load(PILOT_SAMPLE)
    row = process_row(portfolio, portfolio.candidate("c1"), workshop, folder="w", today=TODAY)
    assert row.status == Status.VERIFIED  # rollout decided, from 12 April 2027
    assert row.source == "map"
    from cocreate.process.metrics import analyse
    from cocreate.verify.decide import verification_status

    assert row.hours == pytest.approx(analyse(workshop).annual_hours)
    assert row.verified_hours == pytest.approx(verification_status(workshop).hours_verified)
    assert row.planned_hours is not None and row.planned_hours > 0
    assert row.paper_removed is not None and row.paper_removed >= 1
    later = process_row(portfolio, portfolio.candidate("c1"), workshop, today=dt.date(2027, 5, 1))
    assert later.status == Status.ROLLED_OUT


def test_a_candidate_without_a_workshop_takes_the_inventory_figures():
    portfolio = Portfolio(PortfolioMeta("p"), inventory=(Candidate("c1", "x", fte=2.0),))
    row = process_row(portfolio, portfolio.candidate("c1"), None, today=TODAY)
    assert (row.status, row.source, row.hours) == (Status.CANDIDATE, "inventory", 3720.0)
    assert row.planned_hours is None and row.verified_hours is None


def test_totals_add_the_known_figures_only():
    portfolio = Portfolio(
        PortfolioMeta("p"),
        inventory=(Candidate("c1", "x", fte=1.0), Candidate("c2", "y")),
    )
    rows = [process_row(portfolio, c, None, today=TODAY) for c in portfolio.candidates]
    rows.append(process_row(portfolio, None, None, folder="workshops/bad", error="bad: broken"))
    sums = totals(rows)
    assert sums.processes == 3 and sums.hours == 1860.0
    assert sums.by_status[Status.CANDIDATE] == 2 and sums.by_status[Status.UNREADABLE] == 1
    assert rows[-1].name == "bad" and rows[-1].error == "bad: broken"


VARIANTS_SAMPLE = ROOT / "workshops" / "equipment-lending"


def test_bureau_figures_are_the_standards_savings_per_bureau():
    from cocreate.variants.standard import savings

    workshop = storage.load(VARIANTS_SAMPLE)
    expected = savings(workshop, "hyojun")
    bureaus = summarise(workshop).bureaus
    assert [b.bureau for b in bureaus] == ["政策局", "国際局", "地域局"]
    assert [(b.hours, b.saved) for b in bureaus] == [
        (s.as_is.annual_hours, s.hours_saved) for s in expected.bureaus
    ]
    row = process_row(Portfolio(PortfolioMeta("p")), None, workshop, today=TODAY)
    assert row.bureaus == bureaus


def test_bureau_figures_without_a_standard_are_each_maps_hours():
    from cocreate.process.metrics import analyse
    from cocreate.variants.maps import map_view

    workshop = storage.load(VARIANTS_SAMPLE)
    workshop = workshop.edit(variants=tuple(v for v in workshop.variants if v.id != "hyojun"))
    bureaus = bureau_figures(workshop)
    assert [(b.bureau, b.hours, b.saved) for b in bureaus] == [
        (unit, analyse(map_view(workshop, variant_id)).annual_hours, None)
        for unit, variant_id in [("政策局", "seisaku"), ("国際局", "kokusai"), ("地域局", "chiiki")]
    ]


def test_a_workshop_with_one_as_is_map_has_no_bureau_figures():
    from cocreate.reports.dashboard import bureau_cell

    assert summarise(mapped()).bureaus == ()
    pilot = storage.load(PILOT_SAMPLE)  # its other maps are to-be maps, not bureaus
    row = process_row(Portfolio(PortfolioMeta("p")), None, pilot, today=TODAY)
    assert row.bureaus == () and bureau_cell(row) == ""
