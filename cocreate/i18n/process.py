"""Strings of the process area: metric names as people read them."""

from __future__ import annotations

__all__ = ["STRINGS"]

STRINGS: dict[str, dict[str, str]] = {
    "process.metric.annual_hours": {"ja": "年間業務時間", "en": "Annual workload (hours)"},
    "process.metric.person_years": {"ja": "人工（人年）", "en": "Person-years"},
    "process.metric.cost": {"ja": "人件費", "en": "Staff cost"},
    "process.metric.lead_time_minutes": {"ja": "リードタイム（分）", "en": "Lead time (min)"},
    "process.metric.work_minutes": {"ja": "作業時間（分／件）", "en": "Work time per case (min)"},
    "process.metric.cycle_efficiency": {"ja": "プロセス効率", "en": "Process cycle efficiency"},
    "process.metric.handoffs": {"ja": "担当間の受け渡し", "en": "Handoffs"},
    "process.metric.handoffs_per_case": {
        "ja": "1件あたりの受け渡し回数",
        "en": "Handoffs per case",
    },
    "process.metric.paper_touches": {"ja": "紙の接点", "en": "Paper touchpoints"},
    "process.metric.seal_touches": {"ja": "押印の接点", "en": "Seal touchpoints"},
    "process.metric.counter_touches": {"ja": "窓口・持参の接点", "en": "Counter touchpoints"},
    "process.metric.loops": {"ja": "手戻りループ", "en": "Rework loops"},
}
