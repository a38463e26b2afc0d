"""Strings of the command line (keys ``cli.*``): --help, and what process, check, voting
status and summary print. The CLI follows the locale like the app; ``--lang`` overrides."""
# ruff: noqa: E501 - catalogue lines hold whole sentences in both languages

from __future__ import annotations

from cocreate.i18n import _pairs

__all__ = ["STRINGS"]


STRINGS: dict[str, dict[str, str]] = {}

# ----------------------------------------------------------------------------- --help
STRINGS |= _pairs(
    "cli.help.",
    {
        "description": (
            "cocreate は業務改革（BPR）のワークショップを進めるツールです。現状の業務フローを描き、\n"
            "課題と根本原因を集め、改善アイデアを評価・投票し、スモールスタートの試行を提案します。\n"
            "\n"
            "引数なしの `cocreate` で同梱のサンプルを、`cocreate PATH` でワークショップのフォルダーを開きます。",
            "",
        ),
        "epilog": (
            "終了コード：0 成功、1 --strict で警告あり、2 入力の誤りか拒否された操作。\n"
            "各サブコマンドにも --help があります。",
            "",
        ),
        "usage": ("使い方: ", "usage: "),
        "positional": ("引数:", "positional arguments:"),
        "options": ("オプション:", "options:"),
        "help_option": ("このヘルプを表示して終了する", "show this help message and exit"),
        "version_option": (
            "バージョンを表示して終了する",
            "show program's version number and exit",
        ),
        "lang_option": (
            "出力の言語（既定：ロケールに従う）",
            "language of the output (default: the locale)",
        ),
        # the commands, as `cocreate --help` lists them
        "cmd.import": ("業務フロー、手順表、イベントログ、アンケート回答を取り込む", ""),
        "cmd.export": ("業務フローやマトリクスをほかのツールの形式で書き出す", ""),
        "cmd.add": ("メンバー、課題、原因、アイデアを追加する", ""),
        "cmd.open": ("ワークショップをアプリで開く（既定のコマンド）", ""),
        "cmd.join": ("メンバーとしてワークショップを開く（メンバーモード）", ""),
        "cmd.new": ("新しいワークショップのフォルダーを作る", ""),
        "cmd.check": ("ワークショップを検証し、警告を一覧する", ""),
        "cmd.summary": ("ワークショップの概要を表示する", ""),
        "cmd.process": ("業務フローの指標：業務量、人件費、リードタイム、受け渡し、接点", ""),
        "cmd.discover": ("イベントログ（CSV・XES）の直接後続グラフ", ""),
        "cmd.variant": ("局ごとのバリエーション：一覧、追加、名前の変更、削除", ""),
        "cmd.align": ("マップ間で同じ作業の手順を対応づけ、確認・修正する", ""),
        "cmd.compare": ("マップを並べて比較：1件あたり、年間、手順ごと、最良のやり方", ""),
        "cmd.standard": ("マップから標準フローを作り、局ごとの削減時間を出す", ""),
        "cmd.fitgap": ("参照フローに対するフィット＆ギャップ", ""),
        "cmd.rate": ("アイデアの効果と手間を評価する（1〜5）", ""),
        "cmd.dot": ("メンバーのドットをアイデアに置く", ""),
        "cmd.voting": ("投票の開始・締切、未投票者の確認", ""),
        "cmd.tally": ("全アイデアの評価とドットを集計する", ""),
        "cmd.matrix": ("効果×手間のマトリクスを描く（PNG・SVG）", ""),
        "cmd.task": ("試行のタスク（主担当は1人）", ""),
        "cmd.issue": ("試行中の課題と対応", ""),
        "cmd.measure": ("KPIの実測値を記録・取込、To-Beマップで測定する", ""),
        "cmd.criterion": ("横展開の判断基準（KPIとしきい値にひもづく）", ""),
        "cmd.decide": ("横展開の判断を記録する：横展開・継続試行・見直し・中止", ""),
        "cmd.evaluate": ("計画に対する試行の評価：KPI、達成率、削減時間、基準、判断", ""),
        "cmd.report": ("試行提案書を書き出す（HTML・Markdown、日本語・英語）", ""),
        "cmd.serve": (
            "メンバー用のウェブページとアプリをブラウザーに配信する（トークン付きリンク）",
            "",
        ),
        "cmd.merge-file": ("ワークショップのファイルの git マージドライバー（git が呼ぶ）", ""),
        "cmd.git-setup": ("git のクローンに cocreate のマージドライバーを登録する", ""),
    },
)

# ----------------------------------------------------------------------------- process
STRINGS |= _pairs(
    "cli.process.",
    {
        "title": (
            "{title}：{steps} 手順、{lanes} 担当、{flows} 本の流れ、年 {cases} 件",
            "{title}: {steps} steps in {lanes} lanes, {flows} flows, {cases} cases a year",
        ),
        "annual_workload": ("年間業務量", "annual workload"),
        "annual_workload.value": (
            "{hours} 時間 = {person_years} 人年（1人 {per_person} 時間として）",
            "{hours} h = {person_years} person-years (at {per_person} h each)",
        ),
        "cost": ("人件費", "cost"),
        "cost.value": ("{cost} {currency}（時給 {hourly}）", "{cost} {currency} (at {hourly}/h)"),
        "lead_time": ("リードタイム", "lead time"),
        "lead_time.value": (
            "1件 {minutes} 分（{hours} 時間）、うち作業 {work} 分",
            "{minutes} min per case ({hours} h), of which work {work} min",
        ),
        "cycle_efficiency": ("プロセス効率", "cycle efficiency"),
        "handoffs": ("受け渡し", "handoffs"),
        "handoffs.value": (
            "担当をまたぐ流れ {handoffs} 本（1件あたり {per_case} 回）",
            "{handoffs} flows cross lanes ({per_case} crossings per case)",
        ),
        "touchpoints": ("接点", "touchpoints"),
        "touchpoints.value": (
            "紙 {paper}、押印 {seal}、窓口 {counter}",
            "paper {paper}, seal {seal}, counter {counter}",
        ),
        "loops": ("手戻りループ", "rework loops"),
        "loops.none": ("なし", "none"),
        "loops.more": ("ほか {count} 件（--json を参照）", "and {count} more (see --json)"),
        "bottlenecks": ("ボトルネック", "bottlenecks"),
        "bottlenecks.value": (
            "時間では {hours}；待ちでは {wait}",
            "by hours {hours}; by wait {wait}",
        ),
        "by_lane": ("担当ごとの時間", "hours by lane"),
        "col.id": ("ID", "id"),
        "col.step": ("手順", "step"),
        "col.lane": ("担当", "lane"),
        "col.kind": ("種類", "kind"),
        "col.min": ("分", "min"),
        "col.wait": ("待ち", "wait"),
        "col.volume": ("件数", "volume"),
        "col.visits": ("回数", "visits"),
        "col.hours": ("時間", "hours"),
        "col.medium": ("媒体", "medium"),
        "derived": (
            "* 件数は年間件数と期待訪問回数から算出",
            "* volume derived from the annual cases and the expected visits",
        ),
        "compare.title": (
            "{title}：現状と {ideas} 実施後",
            "{title}: as-is and to-be after {ideas}",
        ),
        "compare.eliminated": ("なくなる手順：{steps}", "eliminated steps: {steps}"),
        "compare.metric": ("指標", "metric"),
        "compare.before": ("現状", "as-is"),
        "compare.after": ("改善後", "to-be"),
        "compare.change": ("増減", "change"),
        "compare.saved": ("年間削減時間：{hours}", "hours saved a year: {hours}"),
    },
)

# ----------------------------------------------------------------------------- check
STRINGS |= _pairs(
    "cli.check.",
    {
        "warning": ("警告", "warning"),
        "ok": ("{folder}：問題なし、警告 {count} 件", "{folder}: ok, {count} warning(s)"),
        "errors": ("エラー {count} 件", "{count} error(s)"),
    },
)
STRINGS |= _pairs(
    "cli.finding.",
    {
        "no-start": ('開始の手順がありません：業務の始まりを示してください（kind = "start"）', ""),
        "unreachable": ("手順 {subject} には開始から到達できません", ""),
        "dead-end": (
            "手順 {subject} は行き止まりです：出ていく流れがなく、終了の手順でもありません",
            "",
        ),
        "no-cause": ("課題 {subject} にはまだ原因がありません：「なぜ」を問いましょう", ""),
        "solution-first": ("アイデア {subject} は解決策先行です：どの原因にも答えていません", ""),
        "unrated": ("アイデア {subject} はまだ誰も評価していません", ""),
        "not-voted": ("メンバー {subject} はまだ投票していません", ""),
        "not-voted-count": ("{count} 人のボランティアがまだ投票していません（匿名投票）", ""),
        "no-exit": (
            "手順 {subject} を含むループからは抜け出せません：どの案件も終わりに着きません",
            "",
        ),
        "shares": ("手順 {subject} から出る分岐の割合の合計が 1 になりません", ""),
        "voted-after-close": (
            "{subject} さんの評価かドットが投票の締切後に変わっています（投票を再開するか取り消してください）",
            "",
        ),
        "kpi-worse": ("KPI {subject} の目標値が現状値より悪くなっています", ""),
        "criterion-unlinked": (
            "横展開の判断基準 {subject} は KPI にひもづかない自由記述のため、達成を判定できません（cocreate criterion link）",
            "",
        ),
        "milestone-outside.after": (
            "マイルストーン「{subject}」（{date}）が試行期間（{start}〜{end}）の外にあります：終了の {days} 日後",
            "",
        ),
        "milestone-outside.before": (
            "マイルストーン「{subject}」（{date}）が試行期間（{start}〜{end}）の外にあります：開始の {days} 日前",
            "",
        ),
        "task-no-owner": ("タスク {subject} に主担当がいません：ちょうど1人決めてください", ""),
        "task-owner-helper": ("タスク {subject}：主担当 {owner} が協力者にも入っています", ""),
        "task-overdue.not-started": (
            "タスク {subject} が期限切れです：期限 {due}（{days} 日前）で、まだ未着手です",
            "",
        ),
        "task-overdue.in-progress": (
            "タスク {subject} が期限切れです：期限 {due}（{days} 日前）で、まだ進行中です",
            "",
        ),
        "measured-before-start": (
            "測定 {subject} の日付 {date} は試行の開始（{start}）より前です",
            "",
        ),
        "measurement-range.not-a-number": ("測定 {subject} の値 {value} は数値ではありません", ""),
        "measurement-range.negative": (
            "測定 {subject} の値 {value} は負の数です：KPI {kpi} は 0 から数えます",
            "",
        ),
        "measurement-range.over-share": (
            "測定 {subject} の値 {value} は範囲外です：KPI {kpi}（{name}）は 0〜1 の割合です"
            "（{fraction} か {value}% と書いてください）",
            "",
        ),
        "measurement-range.over-percent": (
            "測定 {subject} の値 {value} は範囲外です：KPI {kpi}（{name}）は 0〜100 のパーセントです",
            "",
        ),
        "measurement-range.not-whole": (
            "測定 {subject} の値 {value} は整数ではありません：KPI {kpi} は {unit} を数えます",
            "",
        ),
    },
)

# ----------------------------------------------------------------------------- voting, summary
STRINGS |= _pairs(
    "cli.voting.",
    {
        "open": ("投票受付中", "voting open"),
        "closed": ("投票締切", "voting closed"),
        "rules": (
            "{state}：1人 {dots} ドット、1アイデア最大 {cap}{anonymous}",
            "{state}: {dots} dots per member, at most {cap} per idea{anonymous}",
        ),
        "anonymous": ("、匿名", ", anonymous"),
        "counts": (
            "  評価 {ratings} 件、ドット {dots} 個",
            "  {ratings} ratings, {dots} dots placed",
        ),
        "not_voted_count": (
            "  {count} 人のボランティアがまだ投票していません",
            "  {count} volunteer(s) have not voted yet",
        ),
        "not_voted": ("  未投票：{names}", "  not voted yet: {names}"),
        "all_voted": ("  ボランティア全員が投票済みです", "  every volunteer has voted"),
    },
)
STRINGS |= _pairs(
    "cli.summary.",
    {
        "folder": ("  フォルダー：{value}", "  folder:   {value}"),
        "phase": ("  フェーズ：  {value}", "  phase:    {value}"),
        "members": ("  メンバー：  {value} 人", "  members:  {value}"),
        "process": (
            "  業務フロー：{steps} 手順、{lanes} 担当、{flows} 本の流れ",
            "  process:  {steps} steps in {lanes} lanes, {flows} flows",
        ),
        "contributions": (
            "  課題 {problems} 件、原因 {causes} 件、アイデア {ideas} 件",
            "  problems: {problems}, causes: {causes}, ideas: {ideas}",
        ),
        "votes": (
            "  投票：評価 {ratings} 件、ドット {dots} 個",
            "  votes:    {ratings} ratings, {dots} dots",
        ),
    },
)

# ----------------------------------------------------------------------------- member remove
STRINGS |= _pairs(
    "cli.member.",
    {
        "removed": ("{member} を削除しました", "removed {member}"),
        "kept": (
            "{member} は元メンバーとして残ります（課題・原因・アイデア {items} 件を残します）",
            "{member} stays as a former member: their {items} problems, causes and ideas are kept",
        ),
        "kept_ballot": (
            "{member} は元メンバーとして残ります（課題・原因・アイデア {items} 件と投票を残します）",
            "{member} stays as a former member: their {items} problems, causes and ideas and their ballot are kept",
        ),
    },
)

# ----------------------------------------------------------------------------- details, settings
STRINGS |= _pairs(
    "cli.details.",
    {
        "title": ("題名", "title"),
        "organisation": ("組織", "organisation"),
        "area": ("業務分野", "area"),
        "dates": ("開催日", "dates"),
        "background": ("背景", "background"),
    },
)
STRINGS |= _pairs(
    "cli.settings.",
    {
        "annual_cases": ("年間件数", "annual cases"),
        "from_the_steps": ("手順から算出", "from the steps"),
        "hourly_cost": ("時間単価", "hourly cost"),
        "hours_per_person": ("1人年の時間", "hours per person"),
        "quadrant_split": ("マトリクスの境界", "quadrant split"),
    },
)
