"""Strings of the pilot proposal (HTML and Markdown report), in Japanese and English.

Japanese headings follow the shape of a government proposal form (背景・目的, 現状, 課題,
計画, 効果, 検証); the English report has the same structure.
"""

from __future__ import annotations

__all__ = ["STRINGS"]

STRINGS: dict[str, dict[str, str]] = {
    # -- document
    "report.subtitle": {
        "ja": "スモールスタート計画（案）",
        "en": "Small-start pilot proposal (draft)",
    },
    "report.footer": {
        "ja": "{date} 作成（cocreate {version}）。本資料はワークショップの記録から自動作成した。"
        "文中の記号（s06、k1 など）は元データのIDである。",
        "en": "Prepared {date} with cocreate {version} from the workshop's records. The codes"
        " in the text (s06, k1, ...) are the ids of the underlying items.",
    },
    "report.toc": {"ja": "目次", "en": "Contents"},
    "report.summary": {"ja": "要旨", "en": "Summary"},
    "report.figure": {"ja": "図{n}", "en": "Figure {n}"},
    "report.table": {"ja": "表{n}", "en": "Table {n}"},
    "report.progress.analyse": {
        "ja": "業務フローと投票を集計",
        "en": "Analysing the process and votes",
    },
    "report.progress.render": {"ja": "{format} を作成", "en": "Rendering {format}"},
    "report.progress.write": {"ja": "ファイルを保存", "en": "Saving files"},
    # -- sections
    "report.section.background": {"ja": "背景・目的", "en": "Background and purpose"},
    "report.section.asis": {
        "ja": "現状業務 (As-Is) の分析",
        "en": "Analysis of the current process (as-is)",
    },
    "report.section.problems": {"ja": "課題と原因", "en": "Problems and causes"},
    "report.section.ideas": {"ja": "改善案の評価", "en": "Evaluation of improvement ideas"},
    "report.section.pilot": {"ja": "スモールスタート計画", "en": "Small-start pilot plan"},
    "report.section.kpi": {"ja": "KPIと効果試算", "en": "KPIs and estimated effect"},
    "report.section.risks": {"ja": "リスクと対策", "en": "Risks and mitigations"},
    "report.section.rollout": {"ja": "横展開の判断基準", "en": "Criteria for rollout"},
    "report.section.appendix": {"ja": "参考資料 (Appendix)", "en": "Appendix"},
    # -- cover
    "report.cover.date": {"ja": "作成日", "en": "Date"},
    "report.cover.organisation": {"ja": "組織", "en": "Organisation"},
    "report.cover.area": {"ja": "対象業務", "en": "Business area"},
    "report.cover.workshop": {"ja": "検討の場", "en": "Workshop"},
    "report.cover.dates": {"ja": "開催日", "en": "Sessions"},
    "report.cover.facilitator": {"ja": "事務局（ファシリテーター）", "en": "Facilitator"},
    "report.cover.owner": {"ja": "主担当", "en": "Owner"},
    # -- summary
    "report.summary.proposal": {"ja": "提案", "en": "Proposal"},
    "report.summary.ideas": {"ja": "実施する改善案", "en": "Ideas to try"},
    "report.summary.scope": {"ja": "対象範囲", "en": "Scope"},
    "report.summary.period": {"ja": "期間", "en": "Period"},
    "report.summary.owner": {"ja": "主担当", "en": "Owner"},
    "report.summary.effect": {"ja": "効果試算（年間）", "en": "Estimated effect (a year)"},
    "report.summary.effect_value": {
        "ja": "{hours}削減（現状の{share}）、{person_years}、{cost}相当",
        "en": "{hours} saved ({share} of today's workload), {person_years}, worth {cost}",
    },
    "report.summary.decision": {"ja": "お願いしたい判断", "en": "Decision requested"},
    "report.summary.decision_value": {
        "ja": "{scope}で{weeks}週間の試行を行うことの承認",
        "en": "Approval to run a {weeks}-week pilot in {scope}",
    },
    # -- sub-headings
    "report.h.background": {"ja": "背景", "en": "Background"},
    "report.h.purpose": {"ja": "目的", "en": "Purpose"},
    "report.h.approach": {"ja": "検討の進め方", "en": "How the group worked"},
    "report.h.flow": {"ja": "業務フロー", "en": "Process flow"},
    "report.h.totals": {"ja": "業務量の概要", "en": "Workload at a glance"},
    "report.h.workload": {
        "ja": "工程別の業務量（業務量調査）",
        "en": "Workload by step (workload survey)",
    },
    "report.h.bottlenecks": {"ja": "ボトルネック", "en": "Bottlenecks"},
    "report.h.loops": {"ja": "手戻り（差戻し）のループ", "en": "Rework loops"},
    "report.h.category": {"ja": "{name}（{count}件）", "en": "{name} ({count})"},
    "report.h.ranking": {"ja": "優先順位", "en": "Ranking"},
    "report.h.disagreement": {"ja": "意見が分かれた点", "en": "Where opinions differed"},
    "report.h.scope": {"ja": "試行の範囲", "en": "Scope"},
    "report.h.team": {"ja": "主担当と体制", "en": "Owner and team"},
    "report.h.schedule": {"ja": "期間とマイルストーン", "en": "Period and milestones"},
    "report.h.communication": {"ja": "コミュニケーションルール", "en": "Communication rules"},
    "report.h.kpis": {"ja": "KPI（現状値 → 目標値）", "en": "KPIs (baseline → target)"},
    "report.h.effect": {"ja": "効果試算（年間）", "en": "Estimated effect (a year)"},
    "report.h.before_after": {
        "ja": "改善前後の比較（To-Be 試算）",
        "en": "Before and after (to-be estimate)",
    },
    "report.h.trace": {
        "ja": "トレーサビリティ表（工程 → 課題 → 原因 → 改善案 → KPI）",
        "en": "Traceability (step → problem → cause → idea → KPI)",
    },
    "report.h.participants": {"ja": "参加者", "en": "Participants"},
    "report.h.decisions": {"ja": "意思決定の記録", "en": "Decisions log"},
    "report.h.basis": {"ja": "試算の前提", "en": "Basis of the estimates"},
    # -- field labels
    "report.field.title": {"ja": "試行名", "en": "Pilot"},
    "report.field.ideas": {"ja": "実施する改善案", "en": "Ideas"},
    "report.field.unit": {"ja": "対象部署", "en": "Unit"},
    "report.field.steps": {"ja": "対象工程", "en": "Steps"},
    "report.field.period": {"ja": "期間", "en": "Period"},
    "report.field.channel": {"ja": "連絡手段（チャネル）", "en": "Channel"},
    "report.field.shared": {"ja": "共有する内容（5W1H）", "en": "What is shared (5W1H)"},
    "report.field.audience": {"ja": "共有先", "en": "With whom"},
    "report.field.meetings": {"ja": "会議の頻度", "en": "Meetings"},
    "report.field.hours_saved": {"ja": "削減時間", "en": "Hours saved"},
    "report.field.person_years_saved": {"ja": "人年換算", "en": "In person-years"},
    "report.field.cost_saved": {"ja": "人件費換算", "en": "Staff cost equivalent"},
    "report.field.annual_hours_per_person": {
        "ja": "1人あたり年間勤務時間",
        "en": "Working hours per person a year",
    },
    "report.field.hourly_cost": {"ja": "1時間あたり人件費", "en": "Staff cost per hour"},
    "report.field.annual_cases": {"ja": "年間件数", "en": "Cases a year"},
    "report.field.quadrant_split": {
        "ja": "象限の境界（評価1〜5）",
        "en": "Quadrant split (1-5 scale)",
    },
    "report.field.disagreement_iqr": {
        "ja": "意見の分かれの目安（四分位範囲）",
        "en": "Disagreement threshold (IQR)",
    },
    "report.field.revision": {
        "ja": "データの版（workshop.toml の revision）",
        "en": "Data revision (workshop.toml)",
    },
    # -- table columns
    "report.col.item": {"ja": "項目", "en": "Item"},
    "report.col.detail": {"ja": "内容", "en": "Details"},
    "report.col.metric": {"ja": "指標", "en": "Metric"},
    "report.col.value": {"ja": "値", "en": "Value"},
    "report.col.total": {"ja": "合計", "en": "Total"},
    "report.col.id": {"ja": "ID", "en": "ID"},
    "report.col.step": {"ja": "工程", "en": "Step"},
    "report.col.steps": {"ja": "工程", "en": "Steps"},
    "report.col.lane": {"ja": "担当", "en": "Lane"},
    "report.col.medium": {"ja": "媒体", "en": "Medium"},
    "report.col.minutes": {"ja": "所要時間(分)", "en": "Minutes"},
    "report.col.volume": {"ja": "年間件数", "en": "Cases a year"},
    "report.col.wait": {"ja": "待ち時間(分)", "en": "Wait (min)"},
    "report.col.annual_hours": {"ja": "年間時間", "en": "Hours a year"},
    "report.col.share": {"ja": "構成比", "en": "Share"},
    "report.col.person_years": {"ja": "人年", "en": "Person-years"},
    "report.col.problem_id": {"ja": "ID", "en": "ID"},
    "report.col.problem": {"ja": "課題", "en": "Problem"},
    "report.col.why_chain": {"ja": "原因（なぜなぜ）", "en": "Causes (why-chain)"},
    "report.col.cause_category": {"ja": "原因の区分", "en": "Cause type"},
    "report.col.cause": {"ja": "原因", "en": "Cause"},
    "report.col.causes": {"ja": "対応する原因", "en": "Causes addressed"},
    "report.col.rank": {"ja": "順位", "en": "Rank"},
    "report.col.idea": {"ja": "改善案", "en": "Idea"},
    "report.col.quadrant": {"ja": "区分", "en": "Quadrant"},
    "report.col.effect": {"ja": "効果", "en": "Effect"},
    "report.col.effort": {"ja": "手間", "en": "Effort"},
    "report.col.raters": {"ja": "評価者", "en": "Raters"},
    "report.col.dots": {"ja": "ドット", "en": "Dots"},
    "report.col.hours_saved": {"ja": "削減時間/年", "en": "Hours saved/yr"},
    "report.col.in_pilot": {"ja": "試行", "en": "Pilot"},
    "report.col.name": {"ja": "氏名", "en": "Name"},
    "report.col.member_id": {"ja": "ID", "en": "ID"},
    "report.col.owner": {"ja": "主担当", "en": "Owner"},
    "report.col.role": {"ja": "役割", "en": "Role"},
    "report.col.date": {"ja": "日付", "en": "Date"},
    "report.col.week": {"ja": "週", "en": "Week"},
    "report.col.milestone": {"ja": "内容", "en": "Milestone"},
    "report.col.kpi": {"ja": "KPI", "en": "KPI"},
    "report.col.baseline": {"ja": "現状値", "en": "Baseline"},
    "report.col.target": {"ja": "目標値", "en": "Target"},
    "report.col.change": {"ja": "増減", "en": "Change"},
    "report.col.source": {"ja": "現状値の出典", "en": "Baseline from"},
    "report.col.measured_by": {"ja": "測定方法", "en": "Measured by"},
    "report.col.before": {"ja": "現状", "en": "Before"},
    "report.col.after": {"ja": "改善後（試算）", "en": "After (estimate)"},
    "report.col.diff": {"ja": "差", "en": "Difference"},
    "report.col.no": {"ja": "No.", "en": "No."},
    "report.col.risk": {"ja": "リスク", "en": "Risk"},
    "report.col.mitigation": {"ja": "対策", "en": "Mitigation"},
    "report.col.decision": {"ja": "決定事項", "en": "Decision"},
    "report.col.from": {"ja": "元の工程", "en": "From"},
    "report.col.to": {"ja": "次の工程", "en": "To"},
    "report.col.flow_label": {"ja": "条件・ラベル", "en": "Label"},
    "report.col.flow_share": {"ja": "割合", "en": "Share"},
    "report.col.flow_kind": {"ja": "種類", "en": "Kind"},
    "report.text.handoff": {"ja": "担当の交代", "en": "Hand-off"},
    "report.text.rework": {"ja": "手戻り", "en": "Rework"},
    "report.h.flows": {
        "ja": "工程間の流れ（図のデータ）",
        "en": "Flows between steps (the data of the diagram)",
    },
    "report.data.intro": {"ja": "この図のデータ：", "en": "The data of this figure: "},
    "report.data.flows": {"ja": "工程間の流れの表", "en": "the table of flows between steps"},
    "report.data.workload": {"ja": "工程別の業務量の表", "en": "the workload table"},
    "report.data.ranking": {"ja": "改善案の順位の表", "en": "the ranking table"},
    # -- captions and alt texts
    "report.caption.flow": {
        "ja": "現状の業務フロー（担当別スイムレーン）。"
        "箱の下の数字は年間業務時間、赤い破線は差戻しの手戻り",
        "en": "The current process by lane (swimlanes). Numbers under the boxes are hours a"
        " year; the red dashed arrows are rework loops",
    },
    "report.caption.lanes": {"ja": "担当別の年間業務時間", "en": "Hours a year by lane"},
    "report.caption.matrix": {
        "ja": "効果と手間のマトリクス（円の大きさはドット数）",
        "en": "Effect versus effort (bubble size is the number of dots)",
    },
    "report.caption.ranking": {
        "ja": "効果・手間は評価（1〜5）の中央値。順位は区分、ドット数、削減時間の順で決定",
        "en": "Effect and effort are the medians of 1-5 ratings. Ranked by quadrant, then dots,"
        " then hours saved",
    },
    "report.caption.saved_by_idea": {
        "ja": "改善案ごとの削減時間（単独で実施した場合。"
        "同じ工程への重複分は合計では1回だけ数える）",
        "en": "Hours saved by each idea on its own (overlaps on the same step count once in the"
        " total)",
    },
    "report.caption.trace": {
        "ja": "★は試行で実施する改善案。KPIは試行の改善案にひもづく",
        "en": "★ marks ideas in the pilot; KPIs apply to the pilot's ideas",
    },
    "report.alt.flow": {
        "ja": "業務フロー図：{lanes}つの担当、{steps}の工程",
        "en": "Process diagram: {steps} steps in {lanes} lanes",
    },
    "report.alt.matrix": {
        "ja": "効果と手間のマトリクス：{ideas}件の改善案",
        "en": "Effect versus effort matrix of {ideas} ideas",
    },
    "report.legend.paper": {"ja": "紙", "en": "Paper"},
    "report.legend.seal": {"ja": "押印", "en": "Seal"},
    "report.legend.counter": {"ja": "窓口・持参", "en": "Counter"},
    "report.legend.system": {"ja": "システム", "en": "System"},
    "report.legend.email": {"ja": "メール", "en": "E-mail"},
    "report.legend.loop": {"ja": "手戻り（差戻し）", "en": "Rework loop"},
    "report.legend.bottleneck": {"ja": "ボトルネック", "en": "Bottleneck"},
    # -- metrics
    "report.metric.annual_cases": {"ja": "年間件数", "en": "Cases a year"},
    "report.metric.annual_hours": {"ja": "年間業務時間", "en": "Hours a year"},
    "report.metric.person_years": {"ja": "人年換算", "en": "Person-years"},
    "report.metric.cost": {"ja": "人件費換算", "en": "Staff cost"},
    "report.metric.lead_time_minutes": {
        "ja": "リードタイム（1件あたり、待ち含む）",
        "en": "Lead time per case (waits included)",
    },
    "report.metric.work_minutes": {"ja": "作業時間（1件あたり）", "en": "Work per case"},
    "report.metric.cycle_efficiency": {
        "ja": "処理効率（作業時間 ÷ リードタイム）",
        "en": "Cycle efficiency (work ÷ lead time)",
    },
    "report.metric.handoffs": {"ja": "担当間の受け渡し", "en": "Hand-offs between lanes"},
    "report.metric.handoffs_per_case": {
        "ja": "1件あたりの受け渡し回数",
        "en": "Hand-offs per case",
    },
    "report.metric.touches": {"ja": "紙・押印・窓口の工程", "en": "Paper, seal and counter steps"},
    "report.metric.paper_touches": {"ja": "紙の工程", "en": "Paper steps"},
    "report.metric.seal_touches": {"ja": "押印の工程", "en": "Seal steps"},
    "report.metric.counter_touches": {"ja": "窓口・持参の工程", "en": "Counter steps"},
    "report.metric.loops": {"ja": "手戻りのループ", "en": "Rework loops"},
    # -- media, causes, quadrants, roles
    "report.medium.paper": {"ja": "紙", "en": "paper"},
    "report.medium.seal": {"ja": "押印", "en": "seal"},
    "report.medium.counter": {"ja": "窓口", "en": "counter"},
    "report.medium.phone": {"ja": "電話", "en": "phone"},
    "report.medium.mail": {"ja": "郵送", "en": "mail"},
    "report.medium.email": {"ja": "メール", "en": "e-mail"},
    "report.medium.system": {"ja": "システム", "en": "system"},
    "report.medium.other": {"ja": "その他", "en": "other"},
    "report.cause.people": {"ja": "人", "en": "people"},
    "report.cause.method": {"ja": "手順", "en": "method"},
    "report.cause.system": {"ja": "システム", "en": "system"},
    "report.cause.rules": {"ja": "制度", "en": "rules"},
    "report.cause.information": {"ja": "情報", "en": "information"},
    "report.cause.environment": {"ja": "環境", "en": "environment"},
    "report.quadrant.quick_win": {"ja": "すぐやる", "en": "Quick win"},
    "report.quadrant.major_project": {"ja": "計画して取り組む", "en": "Major project"},
    "report.quadrant.fill_in": {"ja": "余力でやる", "en": "Fill-in"},
    "report.quadrant.thankless": {"ja": "見送る", "en": "Thankless"},
    "report.quadrant.none": {"ja": "未評価", "en": "Not rated"},
    "report.role.facilitator": {"ja": "ファシリテーター", "en": "Facilitator"},
    "report.role.volunteer": {"ja": "有志メンバー", "en": "Volunteer"},
    "report.role.manager": {"ja": "管理職", "en": "Manager"},
    # -- units
    "report.unit.hours": {"ja": "{value}時間", "en": "{value} h"},
    "report.unit.hours_short": {"ja": "時間", "en": " h"},
    "report.unit.person_years": {"ja": "{value}人年", "en": "{value} person-years"},
    "report.unit.minutes": {"ja": "{value}分", "en": "{value} min"},
    "report.unit.about_hours": {"ja": "（約{value}時間）", "en": " (about {value} h)"},
    "report.unit.cases": {"ja": "{value}件", "en": "{value} cases"},
    "report.unit.count": {"ja": "{value}", "en": "{value}"},
    # -- running text
    "report.text.not_filled": {"ja": "（未記入）", "en": "(not filled in)"},
    "report.text.no_pilot": {
        "ja": "試行計画はまだ作成されていない。",
        "en": "The pilot plan has not been written yet.",
    },
    "report.text.period": {
        "ja": "{start}〜{end}（{weeks}週間）",
        "en": "{start} to {end} ({weeks} weeks)",
    },
    "report.text.approach": {
        "ja": "有志{members}名が{sessions}回のワークショップで現状の業務フローを確認し、"
        "課題{problems}件を出し合い、なぜなぜで原因{causes}件まで掘り下げた。原因に対する改善案"
        "{ideas}件を{raters}名が効果と手間で評価し、ドット投票で優先順位を付けた。",
        "en": "{members} members mapped the current process in {sessions} workshop sessions,"
        " named {problems} problems and traced them to {causes} causes with why-chains. {raters}"
        " of them rated the {ideas} ideas that answer those causes for effect and effort and"
        " prioritised them with dot votes.",
    },
    "report.text.flow_note": {
        "ja": "工程ID（s01 など）は下の業務量の表と共通。",
        "en": "Step ids (s01, ...) match the workload table below.",
    },
    "report.text.metrics_error": {
        "ja": "業務フローを集計できなかった: {reason}",
        "en": "The process could not be analysed: {reason}",
    },
    "report.text.touches": {
        "ja": "紙 {paper}／押印 {seal}／窓口 {counter}",
        "en": "paper {paper} / seal {seal} / counter {counter}",
    },
    "report.text.assumptions": {
        "ja": "年間時間＝年間件数×所要時間。人年は1人年{hours}時間、人件費は1時間{cost}で換算。",
        "en": "Hours a year = cases a year × minutes per case. Person-years at {hours} hours a"
        " person; cost at {cost} an hour.",
    },
    "report.text.bottleneck": {
        "ja": "{id} {name}（{lane}）: {reasons}",
        "en": "{id} {name} ({lane}): {reasons}",
    },
    "report.text.by_hours": {"ja": "年間{hours}", "en": "{hours} a year"},
    "report.text.by_wait": {"ja": "1件あたり待ち{wait}", "en": "waits {wait} per case"},
    "report.text.problems_intro": {
        "ja": "課題{problems}件と原因{causes}件を、課題の区分ごとに示す。"
        "原因は「なぜ」を重ねた順に並べた。",
        "en": "{problems} problems and {causes} causes, grouped by kind of problem. Causes are"
        " listed in the order the group asked why.",
    },
    "report.text.uncategorised": {"ja": "区分なし", "en": "Uncategorised"},
    "report.text.no_cause": {"ja": "（原因未記入）", "en": "(no cause yet)"},
    "report.text.why": {"ja": "なぜ{n}: {text}（{id}）", "en": "why {n}: {text} ({id})"},
    "report.text.cause_counts": {
        "ja": "原因の区分別件数: {counts}",
        "en": "Causes by type: {counts}",
    },
    "report.text.ideas_intro": {
        "ja": "改善案{ideas}件を{raters}名が効果と手間の5段階で評価し、ドット{dots}個で投票した。"
        "評価{split}以上を「大」として4つの区分に分けた。",
        "en": "{raters} members rated {ideas} ideas for effect and effort on a 1-5 scale and"
        " spent {dots} dots. A rating of {split} or more counts as high.",
    },
    "report.text.yes": {"ja": "○", "en": "yes"},
    "report.text.disagreement_intro": {
        "ja": "評価のばらつき（四分位範囲）が{iqr}以上の案。試行前に論点を確認したい。",
        "en": "Ideas whose ratings spread over an interquartile range of {iqr} or more; worth"
        " discussing before the pilot.",
    },
    "report.text.disagreement_item": {
        "ja": "{idea}: 効果のばらつき {effect_iqr}、"
        "手間のばらつき {effort_iqr}（評価者{raters}名）",
        "en": "{idea}: effect IQR {effect_iqr}, effort IQR {effort_iqr} ({raters} raters)",
    },
    "report.text.no_disagreement": {
        "ja": "評価のばらつき（四分位範囲）が{iqr}以上の案はなかった。",
        "en": "No idea's ratings spread over an interquartile range of {iqr} or more.",
    },
    "report.text.solution_first": {
        "ja": "{idea}: 原因にひもづいていない（手段先行）",
        "en": "{idea}: addresses no cause (solution-first)",
    },
    "report.text.unrated": {"ja": "{idea}: まだ評価されていない", "en": "{idea}: not rated yet"},
    "report.text.small_start": {
        "ja": "1つの部署・1つの業務から小さく始め、効果を確かめてから横展開する。",
        "en": "Start small, in one unit and one process, and expand once the effect is shown.",
    },
    "report.text.owner_mark": {"ja": "◎", "en": "owner"},
    "report.text.one_owner": {
        "ja": "タスクごとに主担当を1名決め、担当の押し付け合い・お見合いを防ぐ。",
        "en": "Each task has one named owner, so nothing falls between two people.",
    },
    "report.text.week": {"ja": "第{n}週", "en": "week {n}"},
    "report.text.source_given": {"ja": "実測・入力値", "en": "measured / entered"},
    "report.text.source_map": {"ja": "業務フロー（{metric}）", "en": "process map ({metric})"},
    "report.text.projected": {"ja": "（試算）", "en": "(estimate)"},
    "report.text.eliminated": {
        "ja": "改善後に不要となる工程: {steps}",
        "en": "Steps no longer needed afterwards: {steps}",
    },
    "report.text.effect_note": {
        "ja": "試算は業務フローの所要時間と件数に基づく、"
        "対象業務全体に改善案を適用した場合の見込み値であり、"
        "試行で実測して検証する。試行範囲だけの効果はこの一部となる。",
        "en": "The estimate applies the ideas to the whole process, from the minutes and case"
        " counts in the process map; the pilot measures the real effect. The effect within the"
        " pilot's scope is a part of it.",
    },
    "report.text.rollout_intro": {
        "ja": "試行終了時に次の基準をすべて満たす場合、他の部署へ横展開する。",
        "en": "At the end of the pilot, the ideas are rolled out to other units when all of these"
        " hold:",
    },
    "report.text.rollout_kpis": {
        "ja": "あわせて、KPIの目標値の達成状況を確認する。",
        "en": "The KPI targets are checked as well:",
    },
    "report.text.kpi_target": {"ja": "{id} {name}: {target}", "en": "{id} {name}: {target}"},
    "report.text.rollout_when": {
        "ja": "判断の時期: {date}（{text}）",
        "en": "Decision on: {date} ({text})",
    },
    "report.text.anonymous": {
        "ja": "投票を匿名で行ったため、参加者の一覧は掲載しない。",
        "en": "Voting was anonymous, so the participants are not listed.",
    },
}
