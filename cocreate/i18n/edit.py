"""The facilitator's editing strings: refusals a form shows, questions before a delete (``ui.``)."""
# ruff: noqa: E501 - catalogue lines hold whole sentences in both languages

from __future__ import annotations

from cocreate.i18n import _pairs

__all__ = ["STRINGS"]


STRINGS: dict[str, dict[str, str]] = {}

# A value the domain refused, shown in the form under the field it marks.
STRINGS |= _pairs(
    "ui.refusal.",
    {
        "negative": (
            "{value} は使えません。0 以上の数を入れてください",
            "{value} is not allowed: enter 0 or more",
        ),
        "not_a_number": ("{value} は数ではありません", "{value} is not a number"),
        "percent": (
            "{value} は使えません。0〜100% で入れてください",
            "{value} is not allowed: enter 0–100%",
        ),
        "at_least": (
            "{value} は使えません。{least} 以上にしてください",
            "{value} is not allowed: enter {least} or more",
        ),
        "budget_below_spent": (
            "すでに {spent} 個のドットを置いた人がいます。それより少なくはできません",
            "a member has already placed {spent} dots: the budget cannot be lower",
        ),
        "duplicate_flow": (
            "{source} → {target} の流れはもうあります",
            "there is already a flow {source} → {target}",
        ),
        "not_a_date": (
            "日付として読めません（例：2027-02-01、2027/2/1、令和9年2月1日）",
            "not a date (e.g. 2027-02-01, 2027/2/1, 令和9年2月1日)",
        ),
        "duplicate_member": (
            "ID「{id}」のメンバーはもういます",
            "there is already a member '{id}'",
        ),
        "bad_id": (
            "ID は半角英数字と - _ で入れてください（例：sato）",
            "an id is letters, digits, - and _ (e.g. sato)",
        ),
        "empty": ("空にはできません", "must not be empty"),
        "unknown_idea": ("アイデア {id} はありません", "there is no idea {id}"),
        "scale": (
            "{value} は使えません。1〜5 で入れてください",
            "{value} is not allowed: enter 1 to 5",
        ),
        "not_an_email": (
            "「{value}」はメールアドレスとして読めません（例：sato@example.go.jp）",
            "'{value}' is not an email address (e.g. sato@example.go.jp)",
        ),
        "email_taken": (
            "メールアドレス「{value}」は別のメンバーが使っています",
            "another member already has the email '{value}'",
        ),
        "unknown_role": (
            "役割「{value}」はありません（{choices} のどれか）",
            "there is no role '{value}' (one of {choices})",
        ),
        "not_dates": ("開催日は日付で入れてください", "session dates must be dates"),
        "unknown_language": (
            "言語「{value}」は使えません（ja か en）",
            "there is no language '{value}' (ja or en)",
        ),
    },
)

# Questions before anything is deleted or closed, and before a form's changes are dropped.
STRINGS |= _pairs(
    "ui.ask.",
    {
        "remove_step": (
            "手順 {id}「{name}」を削除しますか？（ctrl+z で戻せます）",
            "Remove step {id} '{name}'? (ctrl+z brings it back)",
        ),
        "remove_flow": (
            "流れ {source} → {target} を削除しますか？",
            "Remove the flow {source} → {target}?",
        ),
        "remove_lane": ("担当（レーン）「{name}」を削除しますか？", "Remove the lane '{name}'?"),
        "remove_problem": ("課題 {id} を削除しますか？", "Remove problem {id}?"),
        "remove_cause": ("原因 {id} を削除しますか？", "Remove cause {id}?"),
        "remove_idea": ("アイデア {id} を削除しますか？", "Remove idea {id}?"),
        "remove_kpi": ("KPI {id}「{name}」を削除しますか？", "Remove KPI {id} '{name}'?"),
        "remove_member": (
            "メンバー {name}（{id}）を削除しますか？",
            "Remove member {name} ({id})?",
        ),
        "remove_member_with": (
            "{name}（{id}）をメンバーから外しますか？ この人の課題・原因・アイデア {items} 件と投票は消さずに残り、{name} は「元メンバー」として一覧に残ります（未投票には数えません）。",
            "Take {name} ({id}) off the workshop? Their {items} problems, causes and ideas and their ballot are kept, and {name} stays listed as a former member (not counted as not voted).",
        ),
        "remove_item": ("「{text}」を削除しますか？", "Remove '{text}'?"),
        "close_voting": (
            "投票を締め切りますか？ 締め切ると評価とドットは変えられず、メンバーに集計が見えます。",
            "Close voting? Ratings and dots can no longer change, and members see the tally.",
        ),
        "discard": ("入力した内容を破棄しますか？", "Discard what you typed?"),
        "remove": ("削除する", "Remove"),
        "close": ("締め切る", "Close voting"),
        "discard_yes": ("破棄する", "Discard"),
    },
)

# Placeholders: an example or what an empty field means, never a value that looks saved.
STRINGS |= _pairs(
    "ui.edit.placeholder.",
    {
        "minutes": ("空欄は 0 分", "empty: 0 minutes"),
        "share": ("例：20（%）。空欄は均等に分岐", "e.g. 20 (%); empty: an even split"),
        "reduction": ("例：50（%）。空欄は 0%", "e.g. 50 (%); empty: 0%"),
        "start": ("例：2027/1/12、令和9年1月12日", "e.g. 2027-01-12 or 2027/1/12"),
        "weeks": ("例：8（週）", "e.g. 8 (weeks)"),
        "date": ("例：2027/2/1、令和9年2月1日", "e.g. 2027-02-01 or 2027/2/1"),
        "dates": ("例：2027/2/1, 2027/2/8", "e.g. 2027-02-01, 2027-02-08"),
    },
)

# What undo and redo name (ui.label.*), the new edits.
STRINGS |= _pairs(
    "ui.label.",
    {
        "edit_lane": ("担当（レーン）の名前の変更", "rename a lane"),
        "edit_flow": ("流れの変更", "edit a flow"),
        "add_member": ("メンバーの追加", "add a member"),
        "edit_member": ("メンバーの変更", "edit a member"),
        "remove_member": ("メンバーの削除", "remove a member"),
        "details": ("ワークショップ情報の変更", "edit the workshop's details"),
        "settings": ("設定の変更", "edit the settings"),
        "pilot.scope": ("試行の対象工程", "the pilot's scope"),
        "pilot.team": ("試行チーム", "the pilot team"),
        "pilot.milestones": ("マイルストーン", "a milestone"),
        "pilot.risks": ("リスクと対策", "a risk"),
        "pilot.criteria": ("本格展開の判断基準", "a rollout criterion"),
        "pilot.communication": ("情報共有のルール", "the communication rules"),
    },
)
STRINGS |= {
    "report.role.former": {"ja": "元メンバー", "en": "Former member"},
}

# Titles and words of the new forms.
STRINGS |= _pairs(
    "ui.edit.",
    {
        "lane_title": ("担当（レーン）{id} の名前", "Rename lane {id}"),
        "flow_title": ("流れ {source} → {target}", "Flow {source} → {target}"),
    },
)

# The workshop itself (F2): details, settings, members.
STRINGS |= _pairs(
    "ui.workshop.",
    {
        "title": ("ワークショップ", "The workshop"),
        "members": ("メンバー", "Members"),
        "keys": (
            "a 追加・e/Enter 変更・Del 削除（メンバー）　d 基本情報　s 設定　Esc 閉じる",
            "a add, e/enter edit, del remove (members)   d details   s settings   esc close",
        ),
        "col.id": ("ID", "id"),
        "col.name": ("氏名", "name"),
        "col.role": ("役割", "role"),
        "col.email": ("メール", "email"),
        "col.items": ("投稿", "items"),
        "role.facilitator": ("ファシリテーター", "facilitator"),
        "role.volunteer": ("有志メンバー", "volunteer"),
        "role.manager": ("管理職", "manager"),
        "role.former": ("元メンバー", "former member"),
        "field.title": ("題名", "Title"),
        "field.organisation": ("組織", "Organisation"),
        "field.business_area": ("対象業務", "Business area"),
        "field.dates": ("開催日", "Session dates"),
        "field.background": ("背景", "Background"),
        "no_background": ("（未記入：d で入力）", "(none yet: d to write it)"),
        "settings_line": (
            "年間件数 {cases}　時間単価 {cost} {currency}　年間労働時間 {hours} 時間　象限の境目 {split}",
            "cases a year {cases}   hourly cost {cost} {currency}   hours per person-year {hours}   quadrant split {split}",
        ),
        "setting.annual_cases": ("年間件数", "Cases a year"),
        "setting.hourly_cost": ("時間単価", "Hourly cost"),
        "setting.annual_hours_per_person": ("1人の年間労働時間", "Hours per person-year"),
        "setting.currency": ("通貨", "Currency"),
        "setting.quadrant_split": ("象限の境目（1〜5）", "Quadrant split (1–5)"),
        "placeholder.annual_cases": ("空欄は手順の件数から", "empty: from the steps' volumes"),
        "placeholder.id": ("例：sato（半角英数字）", "e.g. sato (letters and digits)"),
        "placeholder.name": ("例：佐藤 一郎", "e.g. Ichiro Sato"),
        "placeholder.email": ("例：sato@example.go.jp（任意）", "e.g. sato@example.org (optional)"),
        "placeholder.background": ("なぜこの業務を見直すのか", "Why this work is being reviewed"),
        "add_member": ("メンバーの追加", "Add a member"),
        "edit_member": ("メンバー {id} の変更", "Edit member {id}"),
        "details_title": ("ワークショップの基本情報", "The workshop's details"),
        "settings_title": ("設定（試算に使う数値）", "Settings (the numbers estimates use)"),
    },
)
STRINGS |= _pairs(
    "ui.key.",
    {
        "workshop.edit": ("ワークショップ", "workshop"),
        "workshop.edit.tip": (
            "基本情報・設定・メンバーを編集",
            "edit details, settings and members",
        ),
        "workshop.close": ("閉じる", "close"),
        "workshop.add_member": ("メンバー追加", "add member"),
        "workshop.edit_member": ("メンバー変更", "edit member"),
        "workshop.remove_member": ("メンバー削除", "remove member"),
        "workshop.details": ("基本情報", "details"),
        "workshop.settings": ("設定", "settings"),
        "form.enter": ("保存", "save"),
    },
)

# The Pilot pane's plan table: every part of the plan in full.
STRINGS |= _pairs(
    "ui.plan.",
    {
        "title": (
            "計画の詳細（a 追加・Enter/e 編集・Del 削除）",
            "The plan (a add, enter/e edit, del remove)",
        ),
        "col.part": ("項目", "part"),
        "col.item": ("内容", "item"),
        "col.detail": ("詳細", "detail"),
        "add": ("＋ 追加…", "+ add…"),
        "part.team": ("試行チーム", "Team"),
        "part.scope": ("対象工程", "Steps in scope"),
        "part.milestones": ("マイルストーン", "Milestones"),
        "part.risks": ("リスクと対策", "Risks and countermeasures"),
        "part.criteria": ("本格展開の判断基準", "Rollout criteria"),
        "part.communication": ("情報共有のルール", "Communication rules"),
        "rule.channel": ("手段（どこで）", "Channel (where)"),
        "rule.shared": ("共有する内容（5W1H）", "What is shared (5W1H)"),
        "rule.audience": ("共有する相手", "With whom"),
        "rule.meetings": ("頻度・定例", "How often"),
        "rule.channel_placeholder": ("例：Teams のチャネル", "e.g. a Teams channel"),
        "rule.shared_placeholder": (
            "例：件数・課題・決定事項（いつ・誰が・何を…）",
            "e.g. counts, issues, decisions (who, what, when…)",
        ),
        "rule.audience_placeholder": (
            "例：WGメンバー、課長",
            "e.g. the group and the section head",
        ),
        "rule.meetings_placeholder": ("例：毎週火曜 15分", "e.g. every Tuesday, 15 minutes"),
        "team.member": ("メンバー", "Member"),
        "team.role": ("役割", "Role"),
        "team.role_placeholder": ("例：手順の改訂", "e.g. rewrites the procedure"),
        "milestone.date": ("日付", "Date"),
        "milestone.text": ("内容", "What"),
        "risk.text": ("リスク", "Risk"),
        "risk.mitigation": ("対策", "Countermeasure"),
        "kpi.measured_by": ("測り方", "Measured by"),
        "kpi.measured_by_placeholder": (
            "例：フォームの記録から集計",
            "e.g. counted from the form's records",
        ),
        "kpi.ideas": (
            "測るアイデア（なし：試行全体）",
            "Ideas it measures (none: the whole pilot)",
        ),
    },
)
STRINGS |= _pairs(
    "ui.key.",
    {
        "pilot.add_to_plan": ("追加", "add"),
        "pilot.edit_plan": ("編集", "edit"),
        "pilot.remove": ("削除", "remove"),
    },
)

# The Report pane: which report, in which language.
STRINGS |= _pairs(
    "ui.report.",
    {
        "kind": ("種類", "Report"),
        "language": ("言語", "Language"),
        "kind.proposal": ("試行提案書", "Pilot proposal"),
        "kind.results": ("実証結果報告書", "Results report"),
        "lang.ja": ("日本語", "Japanese"),
        "lang.en": ("英語", "English"),
    },
)
