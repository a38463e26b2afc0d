"""Every string of the terminal app, in Japanese and English (keys start with ``ui.``)."""
# ruff: noqa: E501 - catalogue lines hold whole sentences in both languages

from __future__ import annotations

from cocreate.i18n import _pairs

__all__ = ["STRINGS"]


STRINGS: dict[str, dict[str, str]] = {}

# ----------------------------------------------------------------------------- phases
STRINGS |= _pairs(
    "ui.phase.",
    {
        "map": ("マップ", "Map"),
        "problems": ("課題", "Problems"),
        "causes": ("原因", "Causes"),
        "ideas": ("アイデア", "Ideas"),
        "vote": ("投票", "Vote"),
        "matrix": ("マトリクス", "Matrix"),
        "pilot": ("試行", "Pilot"),
        "report": ("報告", "Report"),
        "map.help": (
            "現状の業務フロー：手順、担当、流れ、指標",
            "The as-is process: steps, lanes, flows and metrics",
        ),
        "problems.help": (
            "困りごとを手順にひもづけて集める",
            "Collect problems where they happen in the process",
        ),
        "causes.help": ("課題ごとに「なぜ」を掘り下げる", "Dig to root causes with why-chains"),
        "ideas.help": ("原因に答える改善アイデア", "Improvement ideas that answer causes"),
        "vote.help": ("効果と手間の評価、ドット投票", "Rate effect and effort, place dots"),
        "matrix.help": (
            "効果×手間のマトリクスと順位",
            "The effect-versus-effort matrix and ranking",
        ),
        "pilot.help": ("スモールスタートの試行計画", "The small-start pilot plan"),
        "report.help": ("提案書を書き出す", "Export the proposal"),
    },
)

# ----------------------------------------------------------------------------- keys
STRINGS |= _pairs(
    "ui.key.",
    {
        "phase.map": ("マップ", "map"),
        "phase.problems": ("課題", "problems"),
        "phase.causes": ("原因", "causes"),
        "phase.ideas": ("アイデア", "ideas"),
        "phase.vote": ("投票", "vote"),
        "phase.matrix": ("マトリクス", "matrix"),
        "phase.pilot": ("試行", "pilot"),
        "phase.report": ("報告", "report"),
        "help": ("ヘルプ", "help"),
        "help.tip": ("すべてのキーを表示", "show every key"),
        "undo": ("元に戻す", "undo"),
        "undo.tip": ("直前の変更を取り消して保存", "undo the last change and save"),
        "redo": ("やり直す", "redo"),
        "save": ("保存", "save"),
        "save.tip": ("保存に失敗した変更を保存し直す", "save again after a failed save"),
        "reload": ("再読み込み", "reload"),
        "reload.tip": ("ワークショップのファイルを読み直す", "read the workshop files again"),
        "theme": ("配色", "theme"),
        "theme.tip": (
            "配色を切り替える（明るい配色はプロジェクター向き）",
            "switch colours (light themes suit projectors)",
        ),
        "palette": ("コマンド", "commands"),
        "palette.tip": ("すべての操作を名前で探して実行", "find and run any action by name"),
        "quit": ("終了", "quit"),
        "quit.tip": ("入力中の内容を保存して終了", "save what is being typed and quit"),
        "map.add_step": ("手順追加", "add step"),
        "map.add_step.tip": ("選択中の手順の後に手順を追加", "add a step after the selected one"),
        "map.edit_step": ("編集", "edit"),
        "map.remove_step": ("削除", "remove"),
        "map.remove_step.tip": (
            "選択中の手順（担当と流れの表示では担当・流れ）を削除",
            "remove the selected step (or lane or flow in that view)",
        ),
        "map.minutes_up": ("作業＋1分", "min +1"),
        "map.minutes_up.tip": (
            "選択中の手順の作業時間を1分増やす（指標がすぐ変わる）",
            "one more minute of work on the selected step (the metrics follow)",
        ),
        "map.minutes_down": ("作業－1分", "min −1"),
        "map.add_flow": ("流れ追加", "add flow"),
        "map.add_lane": ("担当追加", "add lane"),
        "map.view": ("表示切替", "view"),
        "map.view.tip": (
            "表・フロー図・担当と流れを切り替え",
            "switch between table, drawing, lanes and flows",
        ),
        "map.metrics": ("指標の表示", "metrics"),
        "problems.add": ("課題追加", "add problem"),
        "problems.edit": ("編集", "edit"),
        "problems.mine": ("自分/全員", "mine/all"),
        "problems.remove": ("課題を削除", "remove problem"),
        "ideas.remove": ("アイデアを削除", "remove idea"),
        "causes.remove": ("原因を削除", "remove cause"),
        "causes.add": ("なぜ？追加", "add why"),
        "causes.add.tip": (
            "選択中の原因の下に、もう一段「なぜ」を追加",
            "add one more why below the selected cause",
        ),
        "causes.edit": ("原因編集", "edit cause"),
        "causes.focus": ("枠の切替", "switch pane"),
        "ideas.add": ("アイデア追加", "add idea"),
        "ideas.edit": ("編集", "edit"),
        "ideas.mine": ("自分/全員", "mine/all"),
        "vote.effect_up": ("効果＋", "effect +"),
        "vote.effect_down": ("効果－", "effect −"),
        "vote.effort_up": ("手間＋", "effort +"),
        "vote.effort_down": ("手間－", "effort −"),
        "vote.dot_up": ("ドット＋", "dot +"),
        "vote.dot_down": ("ドット－", "dot −"),
        "vote.member": ("メンバー切替", "member"),
        "vote.member.tip": (
            "紙の投票などを他のメンバーの分として入力",
            "enter another member's ballot, e.g. from paper",
        ),
        "vote.toggle": ("投票開始/締切", "open/close"),
        "vote.rules": ("投票のルール", "voting rules"),
        "vote.rules.tip": (
            "1人のドット数、1案あたりの上限、匿名",
            "dots per member, cap per idea, anonymous",
        ),
        "vote.toggle.tip": (
            "投票を締め切ると、メンバーにも集計が見えるようになる",
            "closing voting shows members the tally",
        ),
        "matrix.refresh": ("再集計", "recount"),
        "pilot.ideas": ("対象アイデア", "ideas"),
        "pilot.leave": ("入力欄を離れる（保存）", "leave the field (saves it)"),
        "pilot.add_kpi": ("KPI追加", "add KPI"),
        "pilot.edit_kpi": ("KPI編集", "edit KPI"),
        "report.export": ("書き出し", "export"),
        "form.cancel": ("キャンセル", "cancel"),
        "form.submit": ("保存", "save"),
        "confirm.no": ("いいえ", "no"),
        "confirm.yes": ("はい", "yes"),
        "help.close": ("閉じる", "close"),
    },
)
STRINGS |= _pairs("ui.group.", {"phases": ("画面", "phase")})

# ----------------------------------------------------------------------------- header, notes
STRINGS |= _pairs(
    "ui.header.",
    {
        "member": ("メンバー：{name}", "member: {name}"),
        "facilitator": ("ファシリテーター", "facilitator"),
        "saved": ("保存済み", "saved"),
        "saved_at": ("保存済み {time}", "saved {time}"),
        "unsaved": ("未保存", "unsaved"),
    },
)
STRINGS |= _pairs(
    "ui.note.",
    {
        "refused": ("できませんでした", "Not done"),
        "merged": (
            "他の人の変更を読み込み、その上にこの変更を反映して保存しました。",
            "Someone else had saved: their change was loaded and yours applied on top.",
        ),
        "reloaded": ("再読み込み", "Reloaded"),
        "save_failed": ("保存できませんでした", "Not saved"),
        "saved": ("保存しました", "Saved"),
        "nothing_to_undo": ("元に戻す変更はありません", "Nothing to undo"),
        "nothing_to_redo": ("やり直す変更はありません", "Nothing to redo"),
        "undone": ("元に戻しました：{what}", "Undone: {what}"),
        "redone": ("やり直しました：{what}", "Redone: {what}"),
        "reload_failed": ("読み込めないファイルがあります", "A file could not be read"),
        "changed_on_disk": (
            "他の人がファイルを更新したので読み込み直しました。",
            "Files were changed by someone else and have been reloaded.",
        ),
        "theme": ("配色：{theme}", "Theme: {theme}"),
        "not_yours": (
            "メンバーモードでは自分の書き込みだけを編集できます",
            "In member mode you can only edit your own contributions",
        ),
    },
)
STRINGS |= _pairs(
    "ui.label.",
    {
        "add_step": ("手順の追加", "add step"),
        "edit_step": ("手順の編集", "edit step"),
        "remove_step": ("手順の削除", "remove step"),
        "remove_flow": ("流れの削除", "remove flow"),
        "remove_lane": ("担当の削除", "remove lane"),
        "add_flow": ("流れの追加", "add flow"),
        "add_lane": ("担当の追加", "add lane"),
        "add_problem": ("課題の追加", "add problem"),
        "edit_problem": ("課題の編集", "edit problem"),
        "add_cause": ("原因の追加", "add cause"),
        "edit_cause": ("原因の編集", "edit cause"),
        "add_idea": ("アイデアの追加", "add idea"),
        "edit_idea": ("アイデアの編集", "edit idea"),
        "rate": ("評価", "rating"),
        "dot": ("ドット", "dot"),
        "open_voting": ("投票の開始", "open voting"),
        "close_voting": ("投票の締切", "close voting"),
        "remove": ("削除", "remove"),
        "voting_rules": ("投票のルール", "voting rules"),
        "pilot.title": ("試行名", "pilot title"),
        "pilot.purpose": ("試行の目的", "pilot purpose"),
        "pilot.scope_unit": ("試行の範囲", "pilot scope"),
        "pilot.start": ("開始日", "start date"),
        "pilot.weeks": ("期間", "duration"),
        "pilot.owner": ("主担当", "owner"),
        "pilot.ideas": ("対象アイデア", "pilot ideas"),
        "pilot.kpi": ("KPI", "KPI"),
    },
)
STRINGS |= _pairs(
    "ui.confirm.",
    {
        "unsaved": (
            "保存できていない変更があります（ヘッダーの「未保存」）。それでも終了しますか？",
            "Some changes could not be saved (see 'unsaved' in the header). Quit anyway?",
        ),
        "form_open": (
            "入力中のフォームはまだ保存されていません。終了しますか？（Esc で戻って Enter で保存）",
            "The open form is not saved yet. Quit anyway? (esc goes back; enter in the form saves)",
        ),
        "quit_anyway": ("終了する", "Quit anyway"),
    },
)
STRINGS |= _pairs(
    "ui.form.",
    {
        "save": ("保存 (Enter)", "Save (enter)"),
        "cancel": ("キャンセル (Esc)", "Cancel (esc)"),
        "not_a_number": ("「{field}」には数字を入れてください", "'{field}' must be a number"),
        "required": ("「{field}」を入力してください", "'{field}' is required"),
    },
)
STRINGS |= _pairs(
    "ui.help.",
    {
        "title": ("キー操作", "Keys"),
        "key": ("キー", "Key"),
        "does": ("操作", "What it does"),
        "everywhere": ("どの画面でも", "Everywhere"),
        "phase_keys": ("各画面へ移動（マップ…報告）", "jump to a phase (Map … Report)"),
        "palette": ("コマンドパレット", "Command palette"),
        "palette_text": ("すべての操作を名前で検索して実行", "find and run any action by name"),
        "footer": ("Esc または ? で閉じる", "esc or ? closes this"),
    },
)
STRINGS |= _pairs("ui.palette.", {"go_to": ("{phase} へ移動", "Go to {phase}")})
# Textual's own palette commands (App.get_system_commands), by their English title.
STRINGS |= _pairs(
    "ui.system.",
    {
        "theme": ("テーマ", "Theme"),
        "theme.help": ("配色を選ぶ", "Change the colour theme"),
        "quit": ("終了", "Quit"),
        "quit.help": ("入力中の項目を保存して終了する", "Save what is being typed and quit"),
        "keys": ("キー", "Keys"),
        "keys.help": ("この画面とアプリのすべてのキー", "Every key of this phase and the app"),
        "maximize": ("最大化", "Maximize"),
        "maximize.help": ("選択中の部品を画面いっぱいに表示", "Maximize the focused widget"),
        "minimize": ("元に戻す", "Minimize"),
        "minimize.help": ("最大化した部品を元の大きさに戻す", "Restore the widget to its size"),
        "screenshot": ("スクリーンショット", "Screenshot"),
        "screenshot.help": ("画面を SVG で保存", "Save an SVG screenshot of the screen"),
    },
)
STRINGS |= _pairs("ui.scope.", {"mine": ("自分の分", "mine"), "all": ("全員の分", "everyone's")})

# ----------------------------------------------------------------------------- values
STRINGS |= _pairs(
    "ui.kind.",
    {
        "start": ("開始", "start"),
        "task": ("作業", "task"),
        "decision": ("判断", "decision"),
        "wait": ("待ち", "wait"),
        "end": ("終了", "end"),
    },
)
STRINGS |= _pairs(
    "ui.medium.",
    {
        "paper": ("紙", "paper"),
        "seal": ("押印", "seal"),
        "counter": ("窓口・持参", "counter"),
        "phone": ("電話", "phone"),
        "mail": ("郵送", "mail"),
        "email": ("メール", "email"),
        "system": ("システム", "system"),
        "other": ("その他", "other"),
    },
)
STRINGS |= _pairs(
    "ui.category.",
    {
        "people": ("人", "people"),
        "method": ("手順", "method"),
        "system": ("システム", "system"),
        "rules": ("制度", "rules"),
        "information": ("情報", "information"),
        "environment": ("環境", "environment"),
    },
)
STRINGS |= _pairs(
    "ui.action.",
    {
        "eliminate": ("なくす", "eliminate"),
        "combine": ("まとめる", "combine"),
        "rearrange": ("入れ替える", "rearrange"),
        "simplify": ("簡素化", "simplify"),
        "digitise": ("デジタル化", "digitise"),
    },
)
STRINGS |= _pairs(
    "ui.quadrant.",
    {
        "quick_win": ("すぐやる", "quick win"),
        "major_project": ("大型案件", "major project"),
        "fill_in": ("余力で", "fill-in"),
        "thankless": ("見送り", "thankless"),
    },
)
STRINGS |= _pairs(
    "ui.flag.",
    {
        "disagreement": ("⚑意見割れ", "⚑split"),
        "solution-first": ("⚠原因なし", "⚠no cause"),
        "unrated": ("未評価", "unrated"),
        "no-estimate": ("試算なし", "no estimate"),
    },
)

# ----------------------------------------------------------------------------- map
STRINGS |= _pairs(
    "ui.map.",
    {
        "col.id": ("ID", "ID"),
        "col.lane": ("担当", "Lane"),
        "col.name": ("手順", "Step"),
        "col.kind": ("種類", "Kind"),
        "col.minutes": ("作業(分)", "Work min"),
        "col.wait": ("待ち(分)", "Wait min"),
        "col.volume": ("件数/年", "Cases/yr"),
        "col.medium": ("媒体", "Medium"),
        "col.lane_id": ("担当ID", "Lane id"),
        "col.steps": ("手順数", "Steps"),
        "col.from": ("元の手順", "From"),
        "col.to": ("次の手順", "To"),
        "col.label": ("条件", "Label"),
        "col.share": ("割合", "Share"),
        "view.steps": ("手順の表", "Steps"),
        "view.diagram": ("フロー図", "Drawing"),
        "view.flows": ("担当と流れ", "Lanes & flows"),
        "view_hint": ("v で切替", "v switches"),
        "field.name": ("手順名", "Step name"),
        "field.lane": ("担当", "Lane"),
        "field.kind": ("種類", "Kind"),
        "field.minutes": ("1件あたりの作業時間（分）", "Hands-on minutes per case"),
        "field.wait": ("1件あたりの待ち時間（分）", "Waiting minutes per case"),
        "field.volume": (
            "年間件数（空欄で流れから計算）",
            "Cases a year (empty: derived from the flows)",
        ),
        "field.medium": ("媒体", "Medium"),
        "field.notes": ("メモ", "Notes"),
        "field.share": ("割合（%、分岐のとき）", "Share (%, for a branch)"),
        "placeholder.name": ("例：申請書を作成", "e.g. Fill in the request form"),
        "placeholder.volume": ("例：2400", "e.g. 2400"),
        "placeholder.label": ("例：差戻し", "e.g. sent back"),
        "placeholder.lane": ("例：総務課 備品担当", "e.g. General affairs"),
        "add_title": ("手順を追加（{after} の後）", "Add a step (after {after})"),
        "edit_title": ("手順 {id} を編集", "Edit step {id}"),
        "flow_title": ("流れを追加", "Add a flow"),
        "lane_title": ("担当（レーン）を追加", "Add a lane"),
        "need_lane": ("先に担当（レーン）を追加してください（l キー）", "Add a lane first (key l)"),
    },
)
STRINGS |= _pairs(
    "ui.metrics.",
    {
        "title": ("現状の指標", "As-is metrics"),
        "computing": ("計算中…", "computing…"),
        "bottlenecks": ("ボトルネック", "Bottlenecks"),
    },
)
STRINGS |= _pairs(
    "ui.metric.",
    {
        "annual_hours": ("年間業務時間", "Annual hours"),
        "person_years": ("人工（人・年）", "Person-years"),
        "cost": ("年間コスト", "Annual cost"),
        "lead_time_minutes": ("リードタイム", "Lead time"),
        "work_minutes": ("作業時間/件", "Work per case"),
        "cycle_efficiency": ("工程効率", "Cycle efficiency"),
        "handoffs": ("担当間の受け渡し", "Handoffs"),
        "paper_touches": ("紙の手順", "Paper steps"),
        "seal_touches": ("押印の手順", "Seal steps"),
        "counter_touches": ("窓口・持参", "Counter steps"),
        "loops": ("手戻りループ", "Rework loops"),
        "hours": ("{value} 時間", "{value} h"),
        "minutes": ("{value} 分", "{value} min"),
        "yen": ("{value} 万円", "¥{full}"),
        "lead_time": ("{hours} 時間", "{hours} h"),
    },
)

# ----------------------------------------------------------------------------- problems, causes, ideas
STRINGS |= _pairs(
    "ui.problems.",
    {
        "col.id": ("ID", "ID"),
        "col.text": ("課題", "Problem"),
        "col.steps": ("手順", "Steps"),
        "col.author": ("記入者", "By"),
        "col.causes": ("原因", "Causes"),
        "summary": (
            "課題 {count} 件（{scope}／全 {total} 件）　★ は自分の記入",
            "{count} problems ({scope}, {total} in all)  ★ = yours",
        ),
        "field.text": ("課題（困っていること）", "The problem"),
        "field.steps": ("起きている手順", "Where it happens (steps)"),
        "field.category": ("分類", "Category"),
        "placeholder.text": (
            "例：課長が不在だと押印がもらえない",
            "e.g. No seal when the chief is out",
        ),
        "placeholder.category": ("例：待ち・手戻り", "e.g. waiting / rework"),
        "similar": ("似ている課題があります：", "Similar problems already there:"),
        "add_title": ("課題を追加", "Add a problem"),
        "edit_title": ("課題 {id} を編集", "Edit problem {id}"),
        "added": ("課題を追加しました", "Problem added"),
        "duplicate": (
            "同じ課題がすでにあります：{id} {text}",
            "The same problem is already there: {id} {text}",
        ),
    },
)
STRINGS |= _pairs(
    "ui.causes.",
    {
        "problems": ("課題", "Problems"),
        "tree_title": ("なぜなぜ分析：{id}", "Why-chain: {id}"),
        "no_problem": (
            "課題がありません。先に課題を追加してください",
            "No problems yet: add one first",
        ),
        "hint": (
            "w で「なぜ？」を追加（選んだ原因の下に）　tab で枠を移動",
            "w adds a why (below the selected cause)  tab switches pane",
        ),
        "why": ("なぜ{n}", "why {n}"),
        "field.text": ("原因（なぜ起きるのか）", "The cause (why does it happen?)"),
        "field.category": ("分類", "Category"),
        "placeholder.text": (
            "例：押印が慣行として続いている",
            "e.g. The seal is a habit, not a rule",
        ),
        "add_first": ("{id} の原因を追加（なぜ1）", "Add a cause of {id} (first why)"),
        "add_below": ("{id} の原因をさらに掘り下げる", "One more why below {id}"),
        "edit_title": ("原因 {id} を編集", "Edit cause {id}"),
    },
)
STRINGS |= _pairs(
    "ui.ideas.",
    {
        "col.id": ("ID", "ID"),
        "col.title": ("アイデア", "Idea"),
        "col.action": ("ECRS", "ECRS"),
        "col.causes": ("答える原因", "Causes"),
        "col.steps": ("手順", "Steps"),
        "col.reduction": ("削減率", "Cut"),
        "col.hours": ("削減時間/年", "Hours saved/yr"),
        "summary": (
            "アイデア {count} 件（{scope}／全 {total} 件）　⚠ は原因にひもづかない解決策先行",
            "{count} ideas ({scope}, {total} in all)  ⚠ = solution-first",
        ),
        "no_cause": ("原因なし", "no cause"),
        "solution_first": (
            "解決策先行：どの原因にも答えていません。原因を選んでください",
            "Solution-first: this idea answers no cause. Link it to one",
        ),
        "empty": ("アイデアはまだありません。a で追加", "No ideas yet: press a to add one"),
        "field.title": ("アイデア", "Idea"),
        "field.causes": ("答える原因", "Causes it answers"),
        "field.steps": ("変わる手順", "Steps it changes"),
        "field.action": ("ECRS（なくす・まとめる・入れ替える・簡素化）", "ECRS action"),
        "field.reduction": ("手順の時間の削減率（%）", "Expected cut of those steps' time (%)"),
        "field.description": ("説明", "Description"),
        "placeholder.title": (
            "例：少額備品は課長決裁を不要にする",
            "e.g. No chief's approval for small items",
        ),
        "add_title": ("アイデアを追加", "Add an idea"),
        "edit_title": ("アイデア {id} を編集", "Edit idea {id}"),
    },
)

# ----------------------------------------------------------------------------- vote, matrix
STRINGS |= _pairs(
    "ui.vote.",
    {
        "col.id": ("ID", "ID"),
        "col.title": ("アイデア", "Idea"),
        "col.effect": ("効果", "Effect"),
        "col.effort": ("手間", "Effort"),
        "col.dots": ("ドット", "Dots"),
        "summary": (
            "{name} の投票　残りドット [b]{left}[/b] / {budget}　1案あたり上限 {cap}　{state}",
            "{name}'s ballot   dots left [b]{left}[/b] / {budget}   cap {cap} per idea   {state}",
        ),
        "open": ("[$success]受付中[/]", "[$success]open[/]"),
        "closed": ("[$error]締切済み[/]", "[$error]closed[/]"),
        "keys": (
            "e/E 効果 ＋/－　f/F 手間 ＋/－　d/D ドット ＋/－（効果は大きいほど良く、手間は小さいほど良い）",
            "e/E effect +/−   f/F effort +/−   d/D dot +/−   (high effect is good, low effort is good)",
        ),
        "not_voted": ("未投票：{names}", "Not voted yet: {names}"),
        "now_effort": ("次に f で手間を評価してください", "Now rate the effort with f"),
        "now_effect": ("次に e で効果を評価してください", "Now rate the effect with e"),
        "closed_note": ("投票は締め切られています", "Voting is closed"),
        "over_cap": ("1つの案に置けるドットは {cap} 個までです", "At most {cap} dots on one idea"),
        "no_dots_left": (
            "ドットが残っていません。D で他の案から戻せます",
            "No dots left: D takes one back from another idea",
        ),
        "opened_note": ("投票を再開しました", "Voting is open again"),
        "field.member": ("メンバー", "Member"),
        "member_title": ("誰の投票を入力しますか", "Whose ballot?"),
        "rules_title": ("投票のルール", "Voting rules"),
        "field.dots": ("1人あたりのドット数", "Dots per member"),
        "field.cap": ("1案あたりの上限", "Cap per idea"),
        "field.anonymous": (
            "匿名（出力から名前を消す）",
            "Anonymous (names left out of every output)",
        ),
        "yes": ("はい", "yes"),
        "no": ("いいえ", "no"),
    },
)
STRINGS |= _pairs(
    "ui.matrix.",
    {
        "title": ("効果×手間マトリクス　⚑ 意見割れ", "Effect vs effort   ⚑ split opinions"),
        "ranked": ("順位", "Ranking"),
        "effect": ("効果", "effect"),
        "effort": ("手間", "effort"),
        "hidden": (
            "集計は投票が締め切られてから表示されます。\n（早く結果が見えると投票が引きずられるため）",
            "The tally is shown once voting closes,\nso early results cannot sway the vote.",
        ),
        "failed": ("集計できませんでした：{error}", "The tally could not be computed: {error}"),
        "col.rank": ("#", "#"),
        "col.id": ("ID", "ID"),
        "col.title": ("アイデア", "Idea"),
        "col.quadrant": ("区分", "Quadrant"),
        "col.effect": ("効果", "Effect"),
        "col.effort": ("手間", "Effort"),
        "col.dots": ("ドット", "Dots"),
        "col.hours": ("削減h/年", "Hours/yr"),
        "col.flags": ("注意", "Flags"),
    },
)

# ----------------------------------------------------------------------------- pilot, report
STRINGS |= _pairs(
    "ui.pilot.",
    {
        "field.title": ("試行名", "Title"),
        "field.purpose": ("目的", "Purpose"),
        "field.scope_unit": ("範囲", "Scope"),
        "field.start": ("開始日", "Start"),
        "field.weeks": ("期間（週）", "Weeks"),
        "field.owner": ("主担当", "Owner"),
        "field.ideas": ("対象アイデア", "Ideas"),
        "field.metric": ("基準値をとる指標", "Metric for the baseline"),
        "placeholder.title": ("例：政策局での試行", "e.g. Trial in one bureau"),
        "placeholder.purpose": ("何を確かめるか", "What the pilot should show"),
        "placeholder.scope_unit": ("例：政策局（約120名）", "e.g. One bureau, about 120 staff"),
        "placeholder.start": ("2027-01-12", "2027-01-12"),
        "placeholder.weeks": ("8", "8"),
        "placeholder.baseline": ("空欄でマップから", "empty: taken from the map"),
        "kpis": ("KPI（基準値はマップから）", "KPIs (baselines from the map)"),
        "col.id": ("ID", "ID"),
        "col.name": ("KPI", "KPI"),
        "col.baseline": ("基準値", "Baseline"),
        "col.target": ("目標", "Target"),
        "col.unit": ("単位", "Unit"),
        "from_map": ("マップ", "map"),
        "no_ideas": ("ctrl+o で試行するアイデアを選ぶ", "ctrl+o chooses the ideas to try"),
        "ideas_title": ("試行するアイデア", "Ideas the pilot tries"),
        "kpi_title": ("KPIを追加", "Add a KPI"),
        "kpi_edit_title": ("KPI {id} を編集", "Edit KPI {id}"),
        "summary_more": (
            "体制 {team} 名・リスク {risks} 件・マイルストーン {milestones} 件・横展開の条件 {criteria} 件",
            "Team {team}, risks {risks}, milestones {milestones}, roll-out criteria {criteria}",
        ),
    },
)
STRINGS |= _pairs(
    "ui.report.",
    {
        "intro": (
            "試行の提案書（背景、現状の指標、課題と原因、アイデアの順位、試行計画）を書き出します。",
            "Export the pilot proposal: background, as-is metrics, problems and causes, ranked ideas, the plan.",
        ),
        "formats": ("形式", "Formats"),
        "format.html": ("HTML", "HTML"),
        "format.md": ("Markdown", "Markdown"),
        "folder": ("出力先", "Folder"),
        "export": ("書き出し (ctrl+x)", "Export (ctrl+x)"),
        "started": ("{folder} に書き出しています…", "Exporting to {folder}…"),
        "done": ("{count} 個のファイルを書き出しました：", "Wrote {count} files:"),
        "failed": ("書き出せませんでした", "Export failed"),
        "no_format": ("形式を1つ以上選んでください", "Choose at least one format"),
        "member": (
            "提案書の書き出しはファシリテーターが行います。",
            "The facilitator exports the proposal.",
        ),
    },
)

# ----------------------------------------------------------------------------- anonymity
STRINGS |= _pairs(
    "ui.anon.",
    {
        "not_voted": (
            "未投票：{count} 人（匿名投票のため名前は出しません）",
            "Not voted yet: {count} (anonymous voting: no names)",
        ),
        "hidden": ("（匿名）", "(anonymous)"),
        "you": ("自分", "you"),
    },
)

# ----------------------------------------------------------------------------- short column labels
# Used when a table is short of room (80 columns): a number column is no wider than its numbers.
STRINGS |= _pairs(
    "ui.col_short.",
    {
        "minutes": ("分", "Min"),
        "wait": ("待ち", "Wait"),
        "volume": ("件/年", "Cases"),
        "hours_saved": ("時間/年", "h/yr"),
        "reduction": ("削減", "Cut"),
    },
)
STRINGS |= _pairs("ui.palette.", {"placeholder": ("操作を名前で検索…", "Search for an action…")})
