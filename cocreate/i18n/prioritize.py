"""Strings of the prioritising area: quadrants, flags, the matrix chart and the tally table."""

from __future__ import annotations

__all__ = ["STRINGS"]

STRINGS: dict[str, dict[str, str]] = {
    # -- quadrants
    "prioritize.quadrant.quick_win": {"ja": "すぐやる（効果大・手間小）", "en": "Quick wins"},
    "prioritize.quadrant.major_project": {
        "ja": "計画して取り組む（効果大・手間大）",
        "en": "Major projects",
    },
    "prioritize.quadrant.fill_in": {"ja": "余力でやる（効果小・手間小）", "en": "Fill-ins"},
    "prioritize.quadrant.thankless": {"ja": "見送る（効果小・手間大）", "en": "Thankless tasks"},
    "prioritize.quadrant.none": {"ja": "未評価", "en": "Not rated"},
    "prioritize.quadrant_short.quick_win": {"ja": "すぐやる", "en": "Quick win"},
    "prioritize.quadrant_short.major_project": {"ja": "計画して取り組む", "en": "Major project"},
    "prioritize.quadrant_short.fill_in": {"ja": "余力でやる", "en": "Fill-in"},
    "prioritize.quadrant_short.thankless": {"ja": "見送る", "en": "Thankless"},
    # -- flags
    "prioritize.flag.disagreement": {"ja": "意見が割れている", "en": "disagreement"},
    "prioritize.flag.solution-first": {"ja": "原因にひもづかない", "en": "solution-first"},
    "prioritize.flag.unrated": {"ja": "未評価", "en": "unrated"},
    "prioritize.flag.no-estimate": {"ja": "削減時間の見積りなし", "en": "no estimate"},
    # -- matrix chart
    "prioritize.matrix.title": {"ja": "効果と手間のマトリクス", "en": "Effect versus effort"},
    "prioritize.matrix.x": {
        "ja": "手間（中央値、1＝小〜5＝大）",
        "en": "Effort (median, 1 low – 5 high)",
    },
    "prioritize.matrix.y": {
        "ja": "効果（中央値、1＝小〜5＝大）",
        "en": "Effect (median, 1 low – 5 high)",
    },
    "prioritize.matrix.colour": {"ja": "年間削減時間（時間）", "en": "Hours saved a year"},
    "prioritize.matrix.dot": {"ja": "ドット {count}個", "en": "{count} dot"},
    "prioritize.matrix.dots": {"ja": "ドット {count}個", "en": "{count} dots"},
    "prioritize.matrix.empty": {"ja": "評価されたアイデアがありません", "en": "No rated ideas yet"},
    "prioritize.mermaid.x_low": {"ja": "手間 小", "en": "Low effort"},
    "prioritize.mermaid.x_high": {"ja": "手間 大", "en": "High effort"},
    "prioritize.mermaid.y_low": {"ja": "効果 小", "en": "Low effect"},
    "prioritize.mermaid.y_high": {"ja": "効果 大", "en": "High effect"},
    # -- tally table
    "prioritize.table.rank": {"ja": "順位", "en": "Rank"},
    "prioritize.table.id": {"ja": "ID", "en": "ID"},
    "prioritize.table.quadrant": {"ja": "区分", "en": "Quadrant"},
    "prioritize.table.effect": {"ja": "効果", "en": "Effect"},
    "prioritize.table.effort": {"ja": "手間", "en": "Effort"},
    "prioritize.table.iqr": {"ja": "IQR", "en": "IQR"},
    "prioritize.table.raters": {"ja": "評価者", "en": "Raters"},
    "prioritize.table.dots": {"ja": "ドット", "en": "Dots"},
    "prioritize.table.hours": {"ja": "削減時間/年", "en": "Hours/yr"},
    "prioritize.table.title": {"ja": "アイデア", "en": "Idea"},
    "prioritize.table.flags": {"ja": "注意", "en": "Flags"},
}
