"""Strings of the app's Tasks, Verify, Variants and Fit & Gap panes, in Japanese and English (``ui.``)."""
# ruff: noqa: E501 - catalogue lines hold whole sentences in both languages

from __future__ import annotations

from cocreate.i18n import _pairs

__all__ = ["STRINGS"]


STRINGS: dict[str, dict[str, str]] = {}

# ----------------------------------------------------------------------------- where
STRINGS |= _pairs(
    "ui.phase.",
    {
        "verify": ("検証", "Verify"),
        "verify.help": (
            "試行の効果測定：KPIの実測、判断基準、横展開の判断、結果報告書",
            "After the pilot: measured KPIs, criteria, the rollout decision, the results report",
        ),
        "variants": ("部局比較", "Bureaus"),
        "variants.help": (
            "部局ごとの業務フローを並べて比較し、標準フローを組み立てる",
            "The bureaus' maps side by side, their alignment and the standard flow",
        ),
        "fitgap": ("Fit & Gap", "Fit & Gap"),
        "fitgap.help": (
            "業務フローを参照フローと突き合わせる：適合・ギャップ・不足",
            "A map against a reference flow: its fits, its gaps and what it lacks",
        ),
        "tasks": ("タスク", "Tasks"),
        "tasks.help": (
            "試行のタスク：主担当は1人、期限、状況",
            "The pilot's tasks: one owner each, due dates, status",
        ),
    },
)
STRINGS |= _pairs(
    "ui.key.",
    {
        "phase.verify": ("検証", "verify"),
        "map.variants": ("部局比較", "bureaus"),
        "map.variants.tip": (
            "部局ごとの業務フローを並べて比較する",
            "the bureaus' maps side by side",
        ),
        "map.next_map": ("次の地図", "next map"),
        "map.next_map.tip": (
            "自局・他部局・標準・to-be の地図を順に表示して編集する",
            "show and edit the next map: another bureau's, the standard, a to-be",
        ),
        "pilot.tasks": ("タスク", "tasks"),
        "pilot.tasks.tip": ("試行のタスクの一覧（主担当・期限・状況）", "the pilot's tasks"),
        "tasks.add": ("タスク追加", "add task"),
        "tasks.edit": ("編集", "edit"),
        "tasks.complete": ("完了にする", "done"),
        "tasks.remove": ("削除", "remove"),
        "tasks.plan": ("試行計画へ", "plan"),
        "verify.measure": ("実測値を記録", "measure"),
        "verify.measure.tip": (
            "選択中のKPIに測定値を1件記録する",
            "record a measured value of the highlighted KPI",
        ),
        "verify.resurvey": ("業務量調査の再実施", "re-run survey"),
        "verify.resurvey.tip": (
            "試行後の業務フロー（to-be）でマップ由来のKPIを測り直す",
            "measure the map's KPIs on the to-be map of the process as it now runs",
        ),
        "verify.decide": ("判断を記録", "decision"),
        "verify.decide.tip": (
            "横展開・継続試行・見直し・中止の判断を理由とともに記録する",
            "record the rollout decision with its reasons",
        ),
        "verify.export": ("結果報告書を出力", "export results"),
        "verify.remove": ("最新の測定値を削除", "remove latest"),
        "variants.confirm": ("対応を確定", "confirm"),
        "variants.confirm.tip": (
            "この行の工程が同じ業務であると確定する（ファイルに書く）",
            "confirm the row's steps are the same work (written to the file)",
        ),
        "variants.join": ("別の行と結合", "join"),
        "variants.join.tip": (
            "名前の違う同じ業務の行を1行にまとめる",
            "join with a row that is the same work under another name",
        ),
        "variants.split": ("工程を切り離す", "split"),
        "variants.forget": ("確定を取り消す", "by rule"),
        "variants.keep": ("標準：維持", "keep"),
        "variants.drop": ("標準：削除", "drop"),
        "variants.take": ("標準：採用", "take"),
        "variants.take.tip": (
            "標準フローでこの工程をある部局のやり方で行う",
            "do this step in the standard the way one bureau does it",
        ),
        "variants.map": ("マップへ", "map"),
        "variants.fitgap": ("Fit & Gap", "fit & gap"),
        "variants.fitgap.tip": (
            "業務フローを参照フローと突き合わせる（適合・ギャップ・不足）",
            "a map against a reference flow: fits, gaps, what it lacks",
        ),
        "fitgap.map": ("次の業務フロー", "next map"),
        "fitgap.map.tip": (
            "次の部局の業務フローを参照フローと突き合わせる",
            "check the next bureau's map against the reference",
        ),
        "fitgap.reference": ("次の参照フロー", "next reference"),
        "fitgap.reference.tip": (
            "同じ業務フローを別の参照フローと突き合わせる",
            "check the map against the next reference flow",
        ),
        "fitgap.back": ("部局比較へ", "bureaus"),
    },
)
STRINGS |= _pairs(
    "ui.label.",
    {
        "add_task": ("タスクの追加", "add task"),
        "edit_task": ("タスクの編集", "edit task"),
        "complete_task": ("タスクの完了", "complete task"),
        "remove_task": ("タスクの削除", "remove task"),
        "measure": ("測定値の記録", "record measurement"),
        "remove_measurement": ("測定値の削除", "remove measurement"),
        "resurvey": ("業務量調査の再実施", "re-run survey"),
        "decide": ("判断の記録", "record decision"),
        "align": ("工程の対応", "alignment"),
        "standard": ("標準フロー", "standard flow"),
    },
)

# ----------------------------------------------------------------------------- tasks
STRINGS |= _pairs(
    "ui.tasks.",
    {
        "summary": (
            "タスク {count} 件（完了 {done}・進行中 {doing}・未着手 {todo}）　期限切れ {late} 件　Esc: 試行計画へ",
            "{count} tasks ({done} done, {doing} in progress, {todo} not started); {late} overdue. Esc: the plan",
        ),
        "col.id": ("ID", "ID"),
        "col.title": ("タスク", "Task"),
        "col.owner": ("主担当", "Owner"),
        "col.helpers": ("協力", "Helpers"),
        "col.due": ("期限", "Due"),
        "col.status": ("状況", "Status"),
        "col.note": ("メモ", "Note"),
        "no_owner": ("⚠ 主担当なし", "⚠ no owner"),
        "late": ("{days} 日超過", "{days} d late"),
        "warn.no_owner": (
            "{id}「{title}」に主担当がいません（お見合いを防ぐため1人決める）",
            "{id} “{title}” has no owner: give it exactly one",
        ),
        "warn.late": (
            "{id}「{title}」は期限を {days} 日過ぎています",
            "{id} “{title}” is {days} day(s) overdue",
        ),
        "warn.after": (
            "マイルストーン「{text}」（{date}）は試行期間の {days} 日後です",
            "milestone “{text}” ({date}) is {days} day(s) after the pilot period",
        ),
        "warn.before": (
            "マイルストーン「{text}」（{date}）は試行開始の {days} 日前です",
            "milestone “{text}” ({date}) is {days} day(s) before the pilot starts",
        ),
        "field.title": ("タスク", "Task"),
        "field.owner": ("主担当（1人）", "Owner (one person)"),
        "field.helpers": ("協力者", "Helpers"),
        "field.due": ("期限", "Due date"),
        "field.status": ("状況", "Status"),
        "field.note": ("メモ", "Note"),
        "placeholder.title": ("例：申請フォームの試作", "e.g. build the request form"),
        "placeholder.owner": ("主担当を選ぶ", "choose the owner"),
        "add_title": ("タスクの追加", "Add a task"),
        "edit_title": ("タスク {id} の編集", "Edit task {id}"),
        "added": ("タスクを追加しました", "Task added"),
        "already_done": ("{id} はもう完了しています", "{id} is already done"),
    },
)

# ----------------------------------------------------------------------------- verify
STRINGS |= _pairs(
    "ui.verify.",
    {
        "summary": (
            "{stage}　KPI 達成 {met}/{kpis}（測定済み {measured}）　判断基準 {criteria_met}/{criteria} を満たす",
            "{stage}: KPIs met {met}/{kpis} ({measured} measured); criteria met {criteria_met}/{criteria}",
        ),
        "no_kpis": (
            "試行計画にKPIがありません（7 試行 で追加）",
            "The pilot plan has no KPIs (add them on 7 Pilot)",
        ),
        "col.id": ("ID", "ID"),
        "col.kpi": ("KPI", "KPI"),
        "col.baseline": ("基準値", "Baseline"),
        "col.target": ("目標値", "Target"),
        "col.latest": ("最新の実測", "Latest"),
        "col.date": ("測定日", "Date"),
        "col.achieved": ("達成率", "Achieved"),
        "col.verdict": ("判定", "Verdict"),
        "col.count": ("件数", "Count"),
        "criteria": ("横展開の判断基準", "Rollout criteria"),
        "no_criteria": ("判断基準がありません", "No rollout criteria"),
        "evidence": ("根拠：{ids}", "evidence: {ids}"),
        "survey": (
            "業務量の比較（業務量調査の再実施）",
            "Workload before and after (survey re-run)",
        ),
        "no_survey": (
            "試行後の業務フロー（to-be）がまだありません",
            "No to-be map of the process as it now runs yet",
        ),
        "survey_of": ("試行後の業務フロー：{variant}", "to-be map: {variant}"),
        "before": ("試行前", "before"),
        "expected": ("見込み", "planned"),
        "after": ("試行後", "after"),
        "figure.annual_hours": ("年間業務時間", "annual hours"),
        "figure.person_years": ("人工", "person-years"),
        "figure.lead_time_minutes": ("リードタイム分", "lead time min"),
        "figure.paper_touches": ("紙の接点", "paper steps"),
        "savings": ("年間の削減（見込みと実績）", "Annual saving (estimated, verified)"),
        "saving.estimated": (
            "見込み　{hours} 時間・{py} 人工・{cost} 円",
            "estimated {hours} h, {py} person-years, {cost}",
        ),
        "saving.verified": (
            "実績　　{hours} 時間・{py} 人工・{cost} 円",
            "verified  {hours} h, {py} person-years, {cost}",
        ),
        "saving.estimated_none": ("見込み　—", "estimated —"),
        "saving.verified_none": ("実績　　— （測定待ち）", "verified  — (not measured yet)"),
        "decision": ("判断", "Decision"),
        "no_decision": (
            "まだ記録されていません（d で記録）",
            "not recorded yet (d records it)",
        ),
        "decided_by": ("{date}　{by}", "{date}, {by}"),
        "field.kpi": ("KPI", "KPI"),
        "field.value": ("測定値", "Value"),
        "field.date": ("日付", "Date"),
        "field.method": ("測定方法", "Method"),
        "field.by": ("測定者", "Measured by"),
        "field.note": ("メモ", "Note"),
        "field.variant": ("試行後の業務フロー", "To-be map"),
        "field.outcome": ("判断", "Decision"),
        "field.decided_by": ("判断者", "Decided by"),
        "field.reasons": ("理由（「、」で区切る）", "Reasons (separate with ;)"),
        "field.units": ("次の展開先（「、」で区切る）", "Next bureaus or units (separate with ;)"),
        "field.start": ("展開の開始日", "Rollout starts"),
        "placeholder.value": ("KPIの単位で（例：0.08、8%）", "in the KPI's unit (e.g. 0.08 or 8%)"),
        "placeholder.reasons": (
            "例：判断基準をすべて満たした、差戻し率は改善傾向",
            "e.g. every criterion met; rework still falling",
        ),
        "placeholder.units": ("例：情報政策局、地域振興局", "e.g. IT bureau; regional bureau"),
        "measure_title": ("測定値の記録", "Record a measurement"),
        "resurvey_title": ("業務量調査の再実施", "Re-run the workload survey"),
        "decide_title": ("横展開の判断", "The rollout decision"),
        "measured": ("測定値を記録しました", "Measurement recorded"),
        "resurveyed": (
            "{variant} から {count} 件のKPIを測定しました",
            "Measured {count} KPIs on {variant}",
        ),
        "decided": (
            "判断を記録しました（決定事項の記録に追加）",
            "Decision recorded (in the decisions log)",
        ),
        "no_tobe": (
            "試行後の業務フロー（to-be）がありません：cocreate import tobe で取り込む",
            "No to-be map yet: import one with cocreate import tobe",
        ),
        "nothing_to_remove": ("このKPIには測定値がありません", "This KPI has no measurement"),
        "export": ("結果報告書を出力 ^x", "Export results ^x"),
    },
)

# ----------------------------------------------------------------------------- variants
STRINGS |= _pairs(
    "ui.map.",
    {
        "own_map": ("{name}（自局）", "{name} (own)"),
        "named_kind": ("{name}（{kind}）", "{name} ({kind})"),
        "map_gone": (
            "表示していた地図「{map}」はなくなったため、自局の地図を表示します",
            "The map {map} is gone; showing the workshop's own map",
        ),
    },
)
STRINGS |= _pairs(
    "ui.variants.",
    {
        "summary": (
            "{maps} つの業務フロー（{names}）　一部だけにある工程 {partial}　確定済み {confirmed}/{rows} 行　★最良 ⚑一部のみ ✓確定",
            "{maps} maps ({names}); {partial} steps only some have; {confirmed}/{rows} rows confirmed. ★ best ⚑ some only ✓ confirmed",
        ),
        "col.figure": ("指標", "Figure"),
        "col.step": ("工程（分/待ち分・媒体）", "Step (min/wait · medium)"),
        "col.standard": ("標準", "Standard"),
        "cases": ("年間件数", "annual cases"),
        "take_from": ("{name}の方法", "{name}'s way"),
        "no_standard": (
            "標準フローはまだありません：k 維持・x 削除・t 採用 で組み立てる",
            "No standard flow yet: compose it with k keep, x drop, t take",
        ),
        "savings": (
            "「{name}」を全部局が採用した場合の削減（各部局の件数で計算）",
            "If every bureau adopted “{name}” (each at its own volume)",
        ),
        "saving_row": (
            "  {name}：現状 {now} 時間 → 標準 {std} 時間　削減 {saved} 時間（{py} 人工）",
            "  {name}: now {now} h → standard {std} h, saves {saved} h ({py} person-years)",
        ),
        "saving_total": (
            "  合計　削減 {saved} 時間（{py} 人工）",
            "  Total saved {saved} h ({py} person-years)",
        ),
        "already_confirmed": ("「{name}」はもう確定しています", "“{name}” is confirmed already"),
        "not_confirmed": (
            "「{name}」は規則で対応づけられています（確定していません）",
            "“{name}” is aligned by rule (not confirmed)",
        ),
        "single": ("「{name}」は1つの工程だけの行です", "“{name}” holds one step only"),
        "not_as_is": (
            "「{name}」は現状の業務フローのどれにもありません",
            "“{name}” is in no as-is map",
        ),
        "field.row": ("結合する行", "Row to join"),
        "field.name": ("比較での名前", "Name in comparisons"),
        "field.step": ("切り離す工程", "Step to take out"),
        "field.variant": ("採用する部局のやり方", "Whose way"),
        "join_title": ("「{name}」を別の行と結合", "Join “{name}” with another row"),
        "split_title": ("「{name}」から工程を切り離す", "Take a step out of “{name}”"),
        "take_title": ("標準フロー：「{name}」の採用", "Standard: whose way of “{name}”"),
    },
)

# ----------------------------------------------------------------------------- fit & gap
STRINGS |= _pairs(
    "ui.fitgap.",
    {
        "summary": (
            "{map} ↔ 参照フロー「{reference}」　業務フロー {index}/{count}",
            "{map} ↔ the reference “{reference}”; map {index} of {count}",
        ),
        "summary_references": (
            "　参照フロー {index}/{count}",
            "; reference {index} of {count}",
        ),
        "rate": ("適合率 {rate}", "Fit rate {rate}"),
        "rate_detail": (
            "参照フローの {total} 工程のうち {fits} 工程が適合",
            "{fits} of the reference's {total} steps fit",
        ),
        "col.step": ("{map}の工程", "{map}'s step"),
        "col.medium": ("媒体", "Medium"),
        "col.reference": ("参照フローの工程", "Reference step"),
        "fits": ("■ 適合（Fit） {count}（⚠ {touch}）", "■ Fits {count} (⚠ {touch})"),
        "gaps": ("■ ギャップ {count}", "■ Gaps {count}"),
        "missing": ("■ 不足 {count}", "■ Missing {count}"),
        "none": ("なし", "none"),
        "legend": (
            "⚠ 参照フローと違い紙・押印・窓口　ギャップ：参照フローにない{map}の工程　不足：{map}にない参照フローの工程　開始・終了は数えない",
            "⚠ on paper, seal or counter unlike the reference. Gaps: steps {map} does that the reference lacks. Missing: reference steps {map} lacks. Start and end not counted",
        ),
        "no_reference": (
            "参照フロー（種別 reference）がありません：cocreate import bpmn FILE.bpmn --into PATH --variant ref --variant-kind reference で取り込む",
            "No reference flow (kind reference) yet: import one with cocreate import bpmn FILE.bpmn --into PATH --variant ref --variant-kind reference",
        ),
        "no_map": (
            "参照フローと突き合わせる業務フローがありません",
            "No map to check against the reference flow",
        ),
    },
)
