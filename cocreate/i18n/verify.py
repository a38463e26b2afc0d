"""Strings of the pilot's verification: task statuses, measurement methods, verdicts, outcomes.

Stored values are stable English words (``not-started``, ``system-log``, ``rollout``); these
are the labels people read, on screen, in the CLI and in the results report.
"""

from __future__ import annotations

__all__ = ["STRINGS"]

STRINGS: dict[str, dict[str, str]] = {
    # -- task statuses
    "verify.status.not-started": {"ja": "未着手", "en": "not started"},
    "verify.status.in-progress": {"ja": "進行中", "en": "in progress"},
    "verify.status.done": {"ja": "完了", "en": "done"},
    "verify.status.cancelled": {"ja": "中止", "en": "cancelled"},
    # -- how a KPI was measured
    "verify.method.measured": {"ja": "実測", "en": "measured"},
    "verify.method.recorded": {"ja": "実績記入", "en": "recorded by staff"},
    "verify.method.system-log": {"ja": "システムログ", "en": "system log"},
    "verify.method.survey": {"ja": "アンケート", "en": "survey"},
    # -- verdicts on a KPI or a rollout criterion
    "verify.verdict.met": {"ja": "達成", "en": "met"},
    "verify.verdict.not-met": {"ja": "未達", "en": "not met"},
    "verify.verdict.not-measurable": {"ja": "測定不能", "en": "not measurable"},
    # -- the rollout decision
    "verify.outcome.rollout": {"ja": "横展開", "en": "roll out"},
    "verify.outcome.continue": {"ja": "継続試行", "en": "continue the pilot"},
    "verify.outcome.revise": {"ja": "見直し", "en": "revise"},
    "verify.outcome.stop": {"ja": "中止", "en": "stop"},
    "verify.decision.text": {"ja": "試行の判断：{outcome}", "en": "Pilot decision: {outcome}"},
    "verify.decision.text_scope": {
        "ja": "試行の判断：{outcome}（{units}、{start}から）",
        "en": "Pilot decision: {outcome} ({units}, from {start})",
    },
    "verify.decision.text_units": {
        "ja": "試行の判断：{outcome}（{units}）",
        "en": "Pilot decision: {outcome} ({units})",
    },
    # -- where a pilot stands, for the portfolio
    "verify.stage.no-pilot": {"ja": "試行計画なし", "en": "no pilot"},
    "verify.stage.planned": {"ja": "試行前", "en": "planned"},
    "verify.stage.running": {"ja": "試行中", "en": "running"},
    "verify.stage.ended": {"ja": "判断待ち", "en": "awaiting decision"},
    "verify.stage.decided": {"ja": "判断済み", "en": "decided"},
    # -- why a condition cannot be judged
    "verify.reason.unlinked": {
        "ja": "KPIに結び付いていない",
        "en": "not linked to a KPI",
    },
    "verify.reason.unknown-kpi": {"ja": "KPIが見つからない", "en": "unknown KPI"},
    "verify.reason.no-threshold": {
        "ja": "目標値・閾値がない",
        "en": "no target or threshold",
    },
    "verify.reason.no-measurement": {"ja": "測定値がない", "en": "no measurement yet"},
}
