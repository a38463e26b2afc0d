"""The facilitator's editing strings: refusals a form shows, questions before a delete (``ui.``)."""
# ruff: noqa: E501 - catalogue lines hold whole sentences in both languages

from __future__ import annotations

__all__ = ["STRINGS"]


def _pairs(prefix: str, table: dict[str, tuple[str, str]]) -> dict[str, dict[str, str]]:
    return {f"{prefix}{key}": {"ja": ja, "en": en} for key, (ja, en) in table.items()}


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
            "メンバー {name}（{id}）を削除しますか？ この人の課題・原因・アイデア {items} 件と投票は members/{id}.toml に残り、作成者 {id} のまま表示されます。",
            "Remove member {name} ({id})? Their {items} problems, causes and ideas and their ballot stay in members/{id}.toml and are still shown as by {id}.",
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
