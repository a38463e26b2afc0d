"""The samples' KPIs say what they measure (issue 14 §25: k3 counted paper steps only)."""

from __future__ import annotations

import pytest

from cocreate import storage
from tests.conftest import ROOT

#: What a KPI on a touchpoint metric must name, and what it must not claim to count.
TOUCHPOINTS = {
    "paper_touches": ("紙", ("押印", "窓口")),
    "seal_touches": ("押印", ("紙", "窓口")),
    "counter_touches": ("窓口", ("紙", "押印")),
}


@pytest.mark.parametrize("name", ["equipment-lending", "equipment-lending-pilot"])
def test_each_touchpoint_kpi_is_named_for_the_one_thing_it_counts(name: str) -> None:
    workshop = storage.load(ROOT / "workshops" / name)
    checked = 0
    for kpi in workshop.pilot.kpis:
        if kpi.metric not in TOUCHPOINTS:
            continue
        named, others = TOUCHPOINTS[kpi.metric]
        assert named in kpi.name, (kpi.id, kpi.name)
        assert not any(word in kpi.name for word in others), (kpi.id, kpi.name)
        checked += 1
    assert checked, "the sample has a KPI on a touchpoint metric"
