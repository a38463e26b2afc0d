"""Strings of the portfolio: statuses, the dashboard, the inventory and the vote on candidates."""

from __future__ import annotations

__all__ = ["STRINGS"]

STRINGS: dict[str, dict[str, str]] = {
    "portfolio.status.candidate": {"ja": "候補", "en": "Candidate"},
    "portfolio.status.selected": {"ja": "対象選定", "en": "Selected"},
    "portfolio.status.analysing": {"ja": "分析中", "en": "Analysing"},
    "portfolio.status.piloting": {"ja": "試行中", "en": "Piloting"},
    "portfolio.status.verified": {"ja": "効果検証済", "en": "Verified"},
    "portfolio.status.rolled-out": {"ja": "横展開済", "en": "Rolled out"},
    "portfolio.status.stopped": {"ja": "中止", "en": "Stopped"},
    "portfolio.status.unreadable": {"ja": "読み込めず", "en": "Does not load"},
    "portfolio.decision.chosen": {"ja": "選定", "en": "chosen"},
    "portfolio.decision.deferred": {"ja": "見送り", "en": "deferred"},
    "portfolio.decision.rejected": {"ja": "対象外", "en": "rejected"},
    "portfolio.dashboard.subtitle": {"ja": "業務改革ダッシュボード", "en": "BPR dashboard"},
    "portfolio.dashboard.generated": {"ja": "作成日", "en": "Generated"},
    "portfolio.dashboard.processes": {"ja": "対象業務数", "en": "Processes"},
    "portfolio.dashboard.totals": {"ja": "全体の状況", "en": "Totals"},
    "portfolio.dashboard.by_status": {"ja": "状況別の業務数", "en": "Processes by status"},
    "portfolio.dashboard.chart": {
        "ja": "状況別の業務数と年間業務時間",
        "en": "Processes and annual hours by status",
    },
    "portfolio.dashboard.table": {"ja": "業務一覧", "en": "Every process"},
    "portfolio.dashboard.definitions": {"ja": "指標の定義と出典", "en": "Definitions and sources"},
    "portfolio.dashboard.matrix": {
        "ja": "候補の選定（効果 × 実現可能性）",
        "en": "Choosing candidates (effect × feasibility)",
    },
    "portfolio.dashboard.matrix.hidden": {
        "ja": "投票の集計は投票締切後に表示します。",
        "en": "The tally is shown once voting has closed.",
    },
    "portfolio.dashboard.matrix.caption": {
        "ja": "円の面積は年間業務時間に比例。番号は順位。",
        "en": "Bubble area is proportional to annual hours; the number is the rank.",
    },
    "portfolio.dashboard.unreadable": {
        "ja": (
            "読み込めない業務フォルダがあります（表の「読み込めず」行）。他の業務は集計に含めていま"
            "す。"
        ),
        "en": (
            "Some workshop folders do not load (rows marked 'does not load'); the others are counte"
            "d."
        ),
    },
    "portfolio.dashboard.skip": {"ja": "本文へ移動", "en": "Skip to the content"},
    "portfolio.dashboard.total_row": {"ja": "合計", "en": "Total"},
    "portfolio.col.name": {"ja": "業務名", "en": "Process"},
    "portfolio.col.candidate": {"ja": "候補ID", "en": "Candidate"},
    "portfolio.col.bureau": {"ja": "所管部署", "en": "Bureau"},
    "portfolio.col.owner": {"ja": "担当", "en": "Owner"},
    "portfolio.col.status": {"ja": "状況", "en": "Status"},
    "portfolio.col.decision": {"ja": "選定の判断", "en": "Selection"},
    "portfolio.col.hours": {"ja": "年間業務時間（現状）", "en": "Annual hours (baseline)"},
    "portfolio.col.person_years": {"ja": "人工（人年）", "en": "Person-years"},
    "portfolio.col.cost": {"ja": "人件費換算（円）", "en": "Cost"},
    "portfolio.col.source": {"ja": "現状値の出典", "en": "Baseline from"},
    "portfolio.col.bureaus": {"ja": "部局別", "en": "By bureau"},
    "portfolio.bureaus.hours": {"ja": "{bureau} {hours}h", "en": "{bureau} {hours}h"},
    "portfolio.bureaus.saving": {
        "ja": "{bureau} {hours}h（{change}h）",
        "en": "{bureau} {hours}h ({change}h)",
    },
    "portfolio.bureaus.separator": {"ja": "・", "en": "; "},
    "portfolio.col.planned": {"ja": "削減見込み（時間/年）", "en": "Planned saving (h/yr)"},
    "portfolio.col.verified": {"ja": "削減実績（時間/年）", "en": "Verified saving (h/yr)"},
    "portfolio.col.paper": {"ja": "紙の削減", "en": "Paper removed"},
    "portfolio.col.seal": {"ja": "押印の削減", "en": "Seals removed"},
    "portfolio.col.counter": {"ja": "窓口の削減", "en": "Counters removed"},
    "portfolio.col.folder": {"ja": "フォルダ", "en": "Folder"},
    "portfolio.col.error": {"ja": "エラー", "en": "Error"},
    "portfolio.col.count": {"ja": "業務数", "en": "Processes"},
    "portfolio.source.map": {"ja": "業務フロー", "en": "process map"},
    "portfolio.source.inventory": {"ja": "棚卸し", "en": "inventory"},
    "portfolio.def.status": {
        "ja": (
            "状況：各ワークショップのデータから自動で判定（手入力しない）。候補＝棚卸し表にあり未選"
            "定、対象選定＝選定済みでフロー未作成、分析中＝フロー・課題の作成開始後で試行前、試行中"
            "＝試行期間が始まったか測定値がある（継続試行を含む）、効果検証済＝試行後に判断を記録（"
            "見直し、または開始日前の横展開）、横展開済＝横展開の判断でその開始日が到来、中止＝中止"
            "の判断。"
        ),
        "en": (
            "Status: derived from each workshop's data, never typed. Candidate = in the inventory, "
            "not chosen; selected = chosen, no map yet; analysing = map or contributions begun, no "
            "pilot running; piloting = the pilot period has begun or is measured (a decision to con"
            "tinue included); verified = a decision recorded after the pilot (revise, or a rollout "
            "from a date to come); rolled out = a rollout decision whose start has come; stopped = "
            "a decision to stop."
        ),
    },
    "portfolio.def.hours": {
        "ja": (
            "年間業務時間：業務フローがあれば各工程の「年間件数×1件あたり時間÷60」の合計（業務量調"
            "査）。なければ棚卸し表の年間件数×1件あたり時間÷60、それもなければ投入人員×年間勤務時間"
            "。出典：各ワークショップの workshop.toml、portfolio.toml。"
        ),
        "en": (
            "Annual hours: with a process map, the sum over its steps of volume × minutes ÷ 60 (the"
            " workload survey); else the inventory's annual volume × minutes per case ÷ 60, else it"
            "s FTE × annual hours per person. Sources: each workshop.toml and portfolio.toml."
        ),
    },
    "portfolio.def.person_years": {
        "ja": (
            "人工：年間業務時間÷1人あたり年間勤務時間（設定値 {per_person} 時間）。人件費換算：年間"
            "業務時間×時間単価（設定値 {hourly} 円）。"
        ),
        "en": (
            "Person-years: annual hours ÷ annual hours per person (set to {per_person} h). Cost: an"
            "nual hours × hourly cost (set to {hourly})."
        ),
    },
    "portfolio.def.bureaus": {
        "ja": (
            "現状の業務フローが部局ごとに複数ある業務について、各部局の年間業務時間。標準フロー"
            "があれば、括弧内は各部局の年間件数で標準フローに移行した場合の増減（時間/年）。出典：wor"
            "kshop.toml の variants（現状・標準）。"
        ),
        "en": (
            "For a process with an as-is map per bureau: each bureau's annual hours; with a"
            " standard flow, in brackets the change in hours a year if that bureau adopted it"
            " at its own annual cases. Source: the variants (as-is, standard) in workshop.toml."
        ),
    },
    "portfolio.def.planned": {
        "ja": (
            "削減見込み：試行計画で選んだ改善案を業務フローに当てはめたときの年間業務時間の減少（重"
            "複は二重計上しない）。出典：workshop.toml の pilot.ideas。"
        ),
        "en": (
            "Planned saving: the fall in annual hours when the pilot's chosen ideas are applied to "
            "the map (overlaps never counted twice). Source: pilot.ideas in workshop.toml."
        ),
    },
    "portfolio.def.verified": {
        "ja": (
            "削減実績：試行後に記録した業務フロー（業務量の再調査）または年間業務時間のKPI測定値に"
            "よる削減時間。測定前は「—」。出典：workshop.toml の pilot.measurements と to-be の var"
            "iants。"
        ),
        "en": (
            "Verified saving: the hours saved by the map recorded after the pilot (the workload sur"
            "vey re-run), or by a measured KPI on annual hours; a dash until measured. Source: pilo"
            "t.measurements and the to-be variants in workshop.toml."
        ),
    },
    "portfolio.def.touches": {
        "ja": (
            "紙・押印・窓口の削減：現状の業務フローで紙・押印・窓口を伴う工程の数から、試行後に記録"
            "した業務フロー（なければ改善案適用後のフロー）の数を引いたもの。"
        ),
        "en": (
            "Paper, seals and counters removed: the as-is map's steps on paper, needing a seal or a"
            "t a counter, minus those of the map recorded after the pilot (or, before then, of the "
            "map with the chosen ideas applied)."
        ),
    },
    "portfolio.def.selection": {
        "ja": (
            "選定の判断：ファシリテーターが記録した選定・見送り・対象外とその理由（portfolio.toml "
            "の decisions）。"
        ),
        "en": (
            "Selection: the facilitator's decision log of chosen, deferred and rejected candidates "
            "with the reasons (decisions in portfolio.toml)."
        ),
    },
    "portfolio.quadrant.priority": {"ja": "優先して選ぶ", "en": "Choose first"},
    "portfolio.quadrant.plan": {"ja": "計画して取り組む", "en": "Plan for it"},
    "portfolio.quadrant.easy": {"ja": "手軽だが効果小", "en": "Easy, small effect"},
    "portfolio.quadrant.later": {"ja": "見送り候補", "en": "Leave for later"},
    "portfolio.matrix.title": {"ja": "効果 × 実現可能性", "en": "Effect × feasibility"},
    "portfolio.matrix.x": {"ja": "実現可能性 →", "en": "feasibility →"},
    "portfolio.matrix.y": {"ja": "効果 →", "en": "effect →"},
    "portfolio.tally.rank": {"ja": "順位", "en": "Rank"},
    "portfolio.tally.effect": {"ja": "効果", "en": "Effect"},
    "portfolio.tally.feasibility": {"ja": "実現可能性", "en": "Feasibility"},
    "portfolio.tally.raters": {"ja": "評価人数", "en": "Raters"},
    "portfolio.tally.dots": {"ja": "ドット", "en": "Dots"},
    "portfolio.tally.quadrant": {"ja": "区分", "en": "Quadrant"},
    # -- the portfolio screen in the app
    "portfolio.tui.tab.inventory": {"ja": "棚卸し", "en": "Inventory"},
    "portfolio.tui.tab.vote": {"ja": "投票", "en": "Vote"},
    "portfolio.tui.tab.ranking": {"ja": "順位", "en": "Ranking"},
    "portfolio.tui.tab.dashboard": {"ja": "ダッシュボード", "en": "Dashboard"},
    "portfolio.tui.facilitator": {"ja": "ファシリテーター", "en": "facilitator"},
    "portfolio.tui.criteria": {
        "ja": "選定基準: {criteria}",
        "en": "Selection criteria: {criteria}",
    },
    "portfolio.tui.open": {"ja": "投票受付中", "en": "voting open"},
    "portfolio.tui.closed": {"ja": "投票締切", "en": "voting closed"},
    "portfolio.tui.member_status": {
        "ja": "{state}　残りドット {left}/{budget}（1候補に{cap}個まで）　r 評価　+/- ドット",
        "en": "{state}   dots left {left}/{budget} (at most {cap} on one)   r rate   +/- dots",
    },
    "portfolio.tui.facilitator_status": {
        "ja": "{state}　未投票: {missing}　v 受付/締切",
        "en": "{state}   not voted yet: {missing}   v open/close",
    },
    "portfolio.tui.ranking": {
        "ja": "効果と実現可能性の中央値、ドット、年間業務時間による順位",
        "en": "Ranked by the medians of effect and feasibility, dots and annual hours",
    },
    "portfolio.tui.dashboard_status": {
        "ja": (
            "{processes}業務　年間{hours}時間　削減見込み{planned}時間"
            "　削減実績{verified}時間　enter で開く"
        ),
        "en": (
            "{processes} processes   {hours} h a year   planned saving {planned} h"
            "   verified {verified} h   enter opens"
        ),
    },
    "portfolio.tui.col.id": {"ja": "ID", "en": "ID"},
    "portfolio.tui.col.name": {"ja": "業務名", "en": "Process"},
    "portfolio.tui.col.owner": {"ja": "所管部署", "en": "Bureau"},
    "portfolio.tui.col.volume": {"ja": "年間件数", "en": "Cases a year"},
    "portfolio.tui.col.hours": {"ja": "年間時間", "en": "Hours a year"},
    "portfolio.tui.col.person_years": {"ja": "人工", "en": "Person-years"},
    "portfolio.tui.col.decision": {"ja": "判断", "en": "Decision"},
    "portfolio.tui.col.workshop": {"ja": "ワークショップ", "en": "Workshop"},
    "portfolio.tui.col.effect": {"ja": "効果", "en": "Effect"},
    "portfolio.tui.col.feasibility": {"ja": "実現可能性", "en": "Feasibility"},
    "portfolio.tui.col.dots": {"ja": "ドット", "en": "Dots"},
    "portfolio.tui.col.rank": {"ja": "順位", "en": "Rank"},
    "portfolio.tui.col.quadrant": {"ja": "区分", "en": "Quadrant"},
    "portfolio.tui.col.status": {"ja": "状況", "en": "Status"},
    "portfolio.tui.col.planned": {"ja": "削減見込み", "en": "Planned"},
    "portfolio.tui.col.verified": {"ja": "削減実績", "en": "Verified"},
    "portfolio.tui.col.bureaus": {"ja": "部局別", "en": "By bureau"},
    "portfolio.tui.col.folder": {"ja": "フォルダ", "en": "Folder"},
    "portfolio.tui.field.purpose": {"ja": "目的（誰のために・何のために）", "en": "Purpose"},
    "portfolio.tui.field.minutes": {"ja": "1件あたり時間（分）", "en": "Minutes per case"},
    "portfolio.tui.field.fte": {"ja": "投入人員（人）", "en": "Staff (FTE)"},
    "portfolio.tui.field.path": {"ja": "ファイル（.xlsx / .csv）", "en": "File (.xlsx / .csv)"},
    "portfolio.tui.field.reason": {"ja": "理由", "en": "Reason"},
    "portfolio.tui.add_title": {"ja": "候補を追加", "en": "Add a candidate"},
    "portfolio.tui.edit_title": {"ja": "候補を編集", "en": "Edit the candidate"},
    "portfolio.tui.import_title": {"ja": "業務説明表を取り込む", "en": "Import an inventory sheet"},
    "portfolio.tui.decide_title": {"ja": "{id} の判断を記録", "en": "Record the decision on {id}"},
    "portfolio.tui.rate_title": {"ja": "{id} を評価", "en": "Rate {id}"},
    "portfolio.tui.added": {"ja": "追加しました", "en": "added"},
    "portfolio.tui.saved": {"ja": "保存しました", "en": "saved"},
    "portfolio.tui.imported": {"ja": "{rows}行を取り込みました", "en": "imported {rows} rows"},
    "portfolio.tui.started": {
        "ja": "ワークショップを作成しました: {folder}",
        "en": "workshop created: {folder}",
    },
    # -- the portfolio screen's keys (descriptions in the footer, by binding id)
    "ui.key.portfolio.tab.inventory": {"ja": "棚卸し", "en": "inventory"},
    "ui.key.portfolio.tab.vote": {"ja": "投票", "en": "vote"},
    "ui.key.portfolio.tab.ranking": {"ja": "順位", "en": "ranking"},
    "ui.key.portfolio.tab.dashboard": {"ja": "ダッシュボード", "en": "dashboard"},
    "ui.key.portfolio.add": {"ja": "追加", "en": "add"},
    "ui.key.portfolio.edit": {"ja": "編集", "en": "edit"},
    "ui.key.portfolio.import": {"ja": "取込", "en": "import"},
    "ui.key.portfolio.decide": {"ja": "判断", "en": "decide"},
    "ui.key.portfolio.start": {"ja": "WS作成", "en": "workshop"},
    "ui.key.portfolio.rate": {"ja": "評価", "en": "rate"},
    "ui.key.portfolio.dot_more": {"ja": "ドット+", "en": "dot +"},
    "ui.key.portfolio.dot_less": {"ja": "ドット-", "en": "dot -"},
    "ui.key.portfolio.voting": {"ja": "受付/締切", "en": "open/close vote"},
}
