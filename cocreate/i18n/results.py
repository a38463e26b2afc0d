"""Strings of the results report (実証結果報告書), in Japanese and English.

The Japanese headings follow a government pilot report (概要, 実施内容, 効果測定の結果,
課題と対応, 結論と今後の展開); the English report has the same structure.
"""

from __future__ import annotations

__all__ = ["STRINGS"]

STRINGS: dict[str, dict[str, str]] = {
    "results.subtitle": {"ja": "実証結果報告書", "en": "Pilot results report"},
    "results.progress.evaluate": {"ja": "測定値を評価", "en": "Evaluating the measurements"},
    # -- sections
    "results.section.overview": {"ja": "概要", "en": "Overview"},
    "results.section.done": {"ja": "実施内容", "en": "What was done"},
    "results.section.kpis": {"ja": "KPIの測定結果", "en": "KPIs measured"},
    "results.section.workload": {
        "ja": "業務量の比較（試行前と試行後）",
        "en": "Workload before and after",
    },
    "results.section.criteria": {"ja": "判断基準の評価", "en": "Rollout criteria"},
    "results.section.issues": {"ja": "課題と対応", "en": "Issues and responses"},
    "results.section.conclusion": {"ja": "結論と次の展開", "en": "Conclusion and next steps"},
    "results.section.appendix": {"ja": "参考資料 (Appendix)", "en": "Appendix"},
    # -- cover and summary
    "results.cover.scope": {"ja": "試行の対象", "en": "Pilot scope"},
    "results.cover.period": {"ja": "試行期間", "en": "Pilot period"},
    "results.summary.pilot": {"ja": "試行", "en": "Pilot"},
    "results.summary.conclusion": {"ja": "結論", "en": "Conclusion"},
    "results.summary.kpis": {"ja": "KPI", "en": "KPIs"},
    "results.summary.kpis_value": {
        "ja": "{total}項目中{met}項目で目標を達成",
        "en": "{met} of {total} met their target",
    },
    "results.summary.missed": {"ja": "（未達：{kpis}）", "en": " (missed: {kpis})"},
    "results.summary.criteria": {"ja": "横展開の判断基準", "en": "Rollout criteria"},
    "results.summary.criteria_value": {
        "ja": "{total}項目中{met}項目を満たした",
        "en": "{met} of {total} met",
    },
    "results.summary.verified": {"ja": "削減効果（年間・実測）", "en": "Saving a year (verified)"},
    "results.summary.estimated": {
        "ja": "削減効果（年間・計画時の試算）",
        "en": "Saving a year (estimated in the plan)",
    },
    # -- headings
    "results.h.purpose": {"ja": "試行の目的", "en": "Purpose of the pilot"},
    "results.h.scope": {"ja": "対象と期間", "en": "Scope and period"},
    "results.h.result": {"ja": "結果の要点", "en": "The result in brief"},
    "results.h.tasks": {"ja": "タスクと主担当", "en": "Tasks and their owners"},
    "results.h.maps": {
        "ja": "試行中の業務フローの記録",
        "en": "The process mapped as it ran during the pilot",
    },
    "results.h.kpi_table": {"ja": "KPI一覧", "en": "KPIs at a glance"},
    "results.h.saving": {"ja": "年間の削減効果", "en": "Saving a year"},
    "results.h.by_idea": {
        "ja": "改善案ごとの試算と実測の差",
        "en": "Estimate and verified saving per idea",
    },
    "results.h.recorded_issues": {"ja": "試行中の課題と対応", "en": "Issues met and responses"},
    "results.h.noticed": {"ja": "測定結果から見える留意点", "en": "Points the figures raise"},
    "results.h.reasons": {"ja": "判断の理由", "en": "Reasons"},
    "results.h.trace": {
        "ja": "数値の出典（トレーサビリティ）",
        "en": "Where each figure comes from",
    },
    "results.h.basis": {"ja": "算定の前提", "en": "Basis of the figures"},
    # -- columns
    "results.col.id": {"ja": "ID", "en": "ID"},
    "results.col.task": {"ja": "タスク", "en": "Task"},
    "results.col.owner": {"ja": "主担当", "en": "Owner"},
    "results.col.helpers": {"ja": "協力", "en": "Helpers"},
    "results.col.dates": {"ja": "期限／完了", "en": "Due / done"},
    "results.text.due": {"ja": "期限 {date}", "en": "due {date}"},
    "results.text.done_on": {"ja": "完了 {date}", "en": "done {date}"},
    "results.text.cancelled_on": {"ja": "中止 {date}", "en": "cancelled {date}"},
    "results.col.status": {"ja": "状況", "en": "Status"},
    "results.col.note": {"ja": "備考", "en": "Note"},
    "results.col.map": {"ja": "業務フロー", "en": "Map"},
    "results.col.unit": {"ja": "部署", "en": "Unit"},
    "results.col.source": {"ja": "元ファイル", "en": "Source file"},
    "results.col.kpi": {"ja": "KPI", "en": "KPI"},
    "results.col.baseline": {"ja": "基準値", "en": "Baseline"},
    "results.col.target": {"ja": "目標値", "en": "Target"},
    "results.col.latest": {"ja": "実績（最新）", "en": "Latest measured"},
    "results.col.achievement": {"ja": "達成率", "en": "Achievement"},
    "results.col.verdict": {"ja": "判定", "en": "Verdict"},
    "results.col.evidence": {"ja": "根拠（測定ID）", "en": "Evidence (measurement ids)"},
    "results.col.measurement": {"ja": "測定ID", "en": "Measurement"},
    "results.col.date": {"ja": "測定日", "en": "Date"},
    "results.col.value": {"ja": "値", "en": "Value"},
    "results.col.method": {"ja": "測定方法", "en": "Method"},
    "results.col.by": {"ja": "測定者", "en": "Measured by"},
    "results.col.metric": {"ja": "指標", "en": "Metric"},
    "results.col.before": {"ja": "試行前", "en": "Before"},
    "results.col.expected": {"ja": "計画時の試算", "en": "Estimated"},
    "results.col.after": {"ja": "試行後（実測）", "en": "After (measured)"},
    "results.col.change": {"ja": "増減（実測−試行前）", "en": "Change (after − before)"},
    "results.col.idea": {"ja": "改善案", "en": "Idea"},
    "results.col.estimated": {"ja": "試算の削減（時間）", "en": "Estimated (h)"},
    "results.col.verified": {"ja": "実測の削減（時間）", "en": "Verified (h)"},
    "results.col.difference": {"ja": "差（時間）", "en": "Difference (h)"},
    "results.col.explanation": {"ja": "工程ごとの内訳", "en": "Step by step"},
    "results.col.criterion": {"ja": "判断基準", "en": "Criterion"},
    "results.col.condition": {"ja": "条件", "en": "Condition"},
    "results.col.measured": {"ja": "実績", "en": "Measured"},
    "results.col.issue": {"ja": "課題", "en": "Issue"},
    "results.col.response": {"ja": "対応", "en": "Response"},
    "results.col.figure": {"ja": "数値", "en": "Figure"},
    "results.col.cause": {"ja": "原因", "en": "Causes"},
    "results.col.problem": {"ja": "課題（現場の困りごと）", "en": "Problems"},
    # -- fields
    "results.field.estimated": {"ja": "計画時の試算", "en": "Estimated in the plan"},
    "results.field.verified": {"ja": "試行後の実測", "en": "Verified after the pilot"},
    "results.field.difference": {
        "ja": "差（実測−試算）",
        "en": "Difference (verified − estimated)",
    },
    "results.field.outcome": {"ja": "判断", "en": "Decision"},
    "results.field.decided_on": {"ja": "判断日", "en": "Decided on"},
    "results.field.decided_by": {"ja": "判断者", "en": "Decided by"},
    "results.field.next_units": {"ja": "次の対象", "en": "Next scope"},
    "results.field.next_start": {"ja": "開始時期", "en": "From"},
    "results.field.scale": {"ja": "試行後の業務量の換算", "en": "Scaling of the measured workload"},
    # -- captions and chart
    "results.caption.kpi": {"ja": "{id} {name}の推移", "en": "{id} {name} over the pilot"},
    "results.caption.by_idea": {
        "ja": "工程ごとの内訳は「試行前→試算→実測」の所要時間（分／件）と、"
        "年間件数（試行前→試行後）",
        "en": "Step by step: minutes a case before → estimated → measured, and cases a year"
        " before → after",
    },
    "results.caption.trace": {
        "ja": "各数値の根拠となったKPI・測定・改善案・原因・課題のID",
        "en": "The KPI, measurement, idea, cause and problem ids behind each figure",
    },
    "results.chart.period": {"ja": "試行期間", "en": "pilot period"},
    "results.chart.baseline": {"ja": "基準値 {value}", "en": "baseline {value}"},
    "results.chart.target": {"ja": "目標値 {value}", "en": "target {value}"},
    "results.chart.measured": {"ja": "実測値", "en": "measured"},
    "results.alt.kpi": {
        "ja": "{id} {name}の推移を示す折れ線グラフ。基準値{baseline}、目標値{target}。"
        "測定値は{points}。判定：{verdict}。",
        "en": "Line chart of {id} {name}: baseline {baseline}, target {target}; measured"
        " {points}; verdict: {verdict}.",
    },
    # -- running text
    "results.text.outcome_scope": {
        "ja": "{outcome}（{units}へ、{date}から）",
        "en": "{outcome} to {units} from {date}",
    },
    "results.text.outcome_units": {"ja": "{outcome}（{units}へ）", "en": "{outcome} to {units}"},
    "results.text.saving": {
        "ja": "{hours}（{person_years}、{cost}）",
        "en": "{hours} ({person_years}, {cost})",
    },
    "results.text.overview": {
        "ja": "試行期間中に{kpis}項目のKPIについて延べ{measurements}件の測定を行い、"
        "{met}項目で目標を達成した。横展開の判断基準は{criteria}項目中{criteria_met}項目を"
        "満たし、判断は「{outcome}」となった。",
        "en": "During the pilot {measurements} measurements were taken of {kpis} KPIs;"
        " {met} met their target. {criteria_met} of {criteria} rollout criteria were met,"
        " and the decision is: {outcome}.",
    },
    "results.text.no_owner": {"ja": "（主担当なし）", "en": "(no owner)"},
    "results.text.tasks": {
        "ja": "タスク{total}件のうち完了{done}件、中止{cancelled}件。各タスクの主担当は1人に限り、"
        "協力者と分けて記した。",
        "en": "{done} of {total} tasks were done and {cancelled} cancelled. Each task has"
        " exactly one owner, shown apart from those who helped.",
    },
    "results.text.projected": {"ja": "（試算）", "en": " (projected)"},
    "results.text.achievement": {
        "ja": "達成率＝（実績−基準値）÷（目標値−基準値）。計画した改善幅のうち実現した割合で、"
        "100%で目標どおり、100%超は目標以上、0%は変化なし、負は悪化を表す。"
        "目標値が基準値と同じ（「増やさない」など）ときは達成率を示さず、目標値との比較で判定する。",
        "en": "Achievement = (measured − baseline) ÷ (target − baseline): the share of the"
        " planned improvement reached. 100% is the target, above 100% beyond it, 0% no"
        ' change, below 0 worse. A target equal to the baseline ("no increase") has no'
        " rate; it is judged against the target alone.",
    },
    "results.text.not_measured": {
        "ja": "測定値がないため評価できない。",
        "en": "Not measured, so it cannot be judged.",
    },
    "results.text.from_map": {
        "ja": "{note}（業務フロー{variant}から算定）",
        "en": "{note} (computed from map {variant})",
    },
    "results.text.no_resurvey": {
        "ja": "試行後の業務フローが記録されていないため、業務量調査の再実施による比較はできない。",
        "en": "No map of the process as it ran during the pilot was recorded, so the"
        " workload survey could not be run again.",
    },
    "results.text.resurvey": {
        "ja": "試行中の業務フロー（{variant}：{name}）で業務量調査を再実施した。試行部署の年間"
        "{cases}件分の記録を、試行前と同じ年間{baseline}件に換算して比較している"
        "（1件あたりの所要時間・待ち時間・接点の数はそのまま）。",
        "en": "The workload survey was run again on the map of the process as it ran"
        " ({variant}: {name}). The pilot unit's {cases} cases a year are scaled to the"
        " as-is's {baseline}, so both count the same work (per-case times, waits and"
        " touchpoints unchanged).",
    },
    "results.text.saving_from_kpi": {
        "ja": "実測の削減時間は年間業務時間のKPIの最新値（{ids}）による。",
        "en": "The verified saving is the latest value of the annual-hours KPI ({ids}).",
    },
    "results.text.no_idea": {"ja": "改善案以外の変更", "en": "Changes no idea named"},
    "results.text.removed": {"ja": "廃止", "en": "removed"},
    "results.text.step_change": {
        "ja": "{step} {name}：{before}→{expected}→{measured}（{volume_before}→{volume_after}件）",
        "en": "{step} {name}: {before} → {expected} → {measured}"
        " ({volume_before} → {volume_after} cases)",
    },
    "results.text.condition": {"ja": "{kpi} {op} {threshold}", "en": "{kpi} {op} {threshold}"},
    "results.text.criteria_rule": {
        "ja": "各条件をKPIの最新の測定値と比べ、すべての条件を満たせば「達成」、"
        "一つでも満たさなければ「未達」、KPIに結び付いていない・測定値がない条件があれば「測定不能」とした。"
        "測定値のない基準を達成とすることはない。",
        "en": "Each condition is compared with its KPI's latest measurement: met when all"
        " are met, not met when any is not, not measurable when one is not linked to a"
        " KPI or has no measurement. A criterion is never met without a measurement.",
    },
    "results.text.kpi_missed": {
        "ja": "{id} {name}は目標に届かなかった（実績{latest}、目標{target}、達成率{rate}）。",
        "en": "{id} {name} missed its target (measured {latest}, target {target},"
        " achievement {rate}).",
    },
    "results.text.kpi_unmeasured": {
        "ja": "{id} {name}は測定されていない。",
        "en": "{id} {name} was not measured.",
    },
    "results.text.criterion_unmeasurable": {
        "ja": "判断基準{id}「{text}」は測定できなかった。",
        "en": 'Criterion {id} "{text}" could not be measured.',
    },
    "results.text.task_cancelled": {
        "ja": "タスク{id}「{title}」は中止した。",
        "en": 'Task {id} "{title}" was cancelled.',
    },
    "results.text.idea_short": {
        "ja": "改善案{ideas}の削減は試算を{hours}下回った。",
        "en": "Ideas {ideas} saved {hours} less than estimated.",
    },
    "results.text.no_decision": {
        "ja": "横展開の判断はまだ記録されていない（cocreate decide で記録する）。",
        "en": "No rollout decision has been recorded yet (record it with cocreate decide).",
    },
    "results.text.trace_saving": {"ja": "年間削減時間（実測）", "en": "Hours saved a year"},
    "results.text.trace_idea": {"ja": "削減時間：{ideas}", "en": "Hours saved: {ideas}"},
    "results.text.scale": {
        "ja": "試行部署の年間{cases}件を{scale}倍",
        "en": "the pilot unit's {cases} cases a year times {scale}",
    },
    "results.text.definitions": {
        "ja": "計画時の試算は改善案を現状の業務フローに適用した値（提案書と同じ）、実測は試行中の"
        "業務フローで業務量調査を再実施した値。人年は年間削減時間÷1人あたり年間労働時間、"
        "金額は年間削減時間×時間単価。",
        "en": "The estimate applies the ideas to the as-is map (as in the proposal); the"
        " verified figure re-runs the workload survey on the map as it ran. Person-years"
        " divide the hours by the annual hours of one person, cost multiplies them by"
        " the hourly cost.",
    },
}
