"""Strings of the proposal's section 部局間の比較と標準化案 (bureaus' variants), ja and en."""
# ruff: noqa: E501 - catalogue lines hold whole sentences in both languages

from __future__ import annotations

from cocreate.i18n import _pairs

__all__ = ["STRINGS"]


STRINGS: dict[str, dict[str, str]] = {
    "report.data.standard_choices": {
        "ja": "標準フローでの各工程の扱いの表",
        "en": "the table of what the standard does with each step",
    },
    "report.section.variants": {
        "ja": "部局間の比較と標準化案",
        "en": "Comparison across bureaus and the proposed standard",
    },
}
STRINGS |= _pairs(
    "report.variants.",
    {
        "intro": (
            "同じ業務を部局ごとに {maps} つの業務フローで比べた。工程は名前（表記ゆれを正規化）とフロー上の位置で対応づけ、ファシリテーターが確認した。",
            "The same work was compared across {maps} maps, one per bureau. Steps were aligned by name (normalised) and position in the flow, and checked by the facilitator.",
        ),
        "error": (
            "部局間の比較ができなかった：{reason}",
            "The bureaus could not be compared: {reason}",
        ),
        "h.figures": ("部局ごとの指標", "Figures per bureau"),
        "h.steps": ("工程ごとの比較", "Step by step"),
        "h.partial": ("一部の部局だけにある工程", "Steps only some bureaus have"),
        "h.standard": ("標準化案：{name}", "Proposed standard: {name}"),
        "h.savings": (
            "全部局が標準を採用した場合の削減",
            "Savings if every bureau adopted the standard",
        ),
        "cases": ("年間件数", "Annual cases"),
        "col.figure": ("指標", "Figure"),
        "col.step": ("工程", "Step"),
        "col.best": ("最良の方法", "Best practice"),
        "col.refs": ("工程ID", "Step ids"),
        "col.choice": ("標準での扱い", "In the standard"),
        "col.source": ("採用した方法", "Way taken"),
        "col.chosen": ("選択", "Chosen"),
        "col.bureau": ("部局", "Bureau"),
        "col.cases": ("年間件数", "Cases a year"),
        "col.now": ("現状の年間時間", "Hours now"),
        "col.with": ("標準での年間時間", "Hours with standard"),
        "col.saved": ("削減時間", "Hours saved"),
        "col.person_years": ("削減人工", "Person-years saved"),
        "col.cost": ("削減コスト", "Cost saved"),
        "way": ("{minutes}分／待ち{wait}分・{medium}", "{minutes} min / {wait} wait · {medium}"),
        "steps_caption": (
            "★ は最良の方法（最も速いか紙・押印・窓口を使わない）、— はその部局にない工程。",
            "★ the best practice (the fastest, or the one without paper, seal or counter); — the bureau does not do the step.",
        ),
        "partial_item": (
            "{step}：{present} にあり、{absent} にない",
            "{step}: done by {present}, not by {absent}",
        ),
        "no_standard": (
            "標準フローはまだ作成していない（cocreate standard で作成する）。",
            "No standard flow has been composed yet (cocreate standard).",
        ),
        "chosen": ("選択", "chosen"),
        "caption": ("標準フロー案「{name}」", "Proposed standard flow “{name}”"),
        "savings_note": (
            "各部局の年間件数で標準フローを計算し、現状の年間業務時間との差を削減とした。合計は各部局の削減の和で、部局間で件数は移さない。",
            "Each bureau's standard hours are computed at its own annual cases; a bureau saves its current hours minus those. The total is the sum; no cases move between bureaus.",
        ),
        "total": ("合計", "Total"),
        "h.fitgap": (
            "参照フロー「{name}」とのFit & Gap",
            "Fit and gap against the reference “{name}”",
        ),
        "col.fits": ("一致", "Fits"),
        "col.gaps": ("参照にない自部局の工程", "Own steps the reference lacks"),
        "col.missing": ("自部局にない参照の工程", "Reference steps the bureau lacks"),
        "fitgap_caption": (
            "開始・終了は数えない。括弧内は工程ID。",
            "Start and end steps are not counted; step ids in brackets.",
        ),
    },
)
