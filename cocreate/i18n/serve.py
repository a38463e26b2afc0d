"""Strings of ``cocreate serve``: its console output and the pages it shows in a browser."""

from __future__ import annotations

__all__ = ["STRINGS"]

STRINGS: dict[str, dict[str, str]] = {
    "serve.serving": {
        "ja": "「{title}」をブラウザに配信しています",
        "en": "Serving “{title}” to browsers",
    },
    "serve.room_link": {
        "ja": "全員用リンク(開いた人が自分の名前を選びます):",
        "en": "Room link (whoever opens it picks who they are):",
    },
    "serve.member_links": {
        "ja": "個人用リンク(本人にだけ渡してください):",
        "en": "Personal links (give each only to that member):",
    },
    "serve.links_written": {
        "ja": "リンクを {path} に書き出しました(本人だけが読める設定です)",
        "en": "Links written to {path} (readable by you only)",
    },
    "serve.limits": {
        "ja": "同時に {count} セッションまで。終了は Ctrl+C。",
        "en": "Up to {count} sessions at once. Press Ctrl+C to stop.",
    },
    "serve.stopped": {
        "ja": "配信を終了しました(セッション {count} 件を閉じました)",
        "en": "Stopped serving ({count} sessions closed)",
    },
    "serve.page.forbidden.title": {
        "ja": "アクセスできません",
        "en": "Access denied",
    },
    "serve.page.forbidden.text": {
        "ja": "このリンクは無効です。"
        "ファシリテーターから受け取ったリンクをそのまま開いてください。",
        "en": "This link is not valid. Open the link your facilitator gave you, exactly as given.",
    },
    "serve.page.full.title": {
        "ja": "満席です",
        "en": "All sessions are in use",
    },
    "serve.page.full.text": {
        "ja": "同時に使えるのは {count} セッションまでで、すべて使用中です。"
        "誰かが終了するまで待ってから再読み込みするか、ファシリテーターに伝えてください。",
        "en": "Up to {count} sessions can run at once and all are in use. Reload after someone"
        " leaves, or tell the facilitator.",
    },
    "serve.page.unknown_member.title": {
        "ja": "メンバーが見つかりません",
        "en": "No such member",
    },
    "serve.page.unknown_member.text": {
        "ja": "このワークショップに「{member}」というメンバーはいません。",
        "en": "This workshop has no member “{member}”.",
    },
    "serve.page.broken.title": {
        "ja": "ワークショップを読み込めません",
        "en": "The workshop cannot be loaded",
    },
    "serve.page.pick.title": {
        "ja": "あなたは誰ですか?",
        "en": "Who are you?",
    },
    "serve.page.pick.text": {
        "ja": "自分の名前を選ぶと、その人としてワークショップに参加します。",
        "en": "Pick your name to join the workshop as that member.",
    },
    "serve.page.loading": {
        "ja": "接続しています…",
        "en": "Connecting…",
    },
    "serve.page.closed": {
        "ja": "セッションが終了しました。",
        "en": "The session has ended.",
    },
    "serve.page.restart": {
        "ja": "もう一度接続する",
        "en": "Connect again",
    },
    "serve.terminal.full": {
        "ja": "満席です: 同時に使えるのは {count} セッションまでです。"
        "しばらくしてから接続し直してください。",
        "en": "All sessions are in use (at most {count} at once). Connect again later.",
    },
    "serve.facilitator_link": {
        "ja": "ファシリテーター用の進捗ページ(参加状況と未投票者。本人だけが開いてください):",
        "en": "Facilitator's room page (who has contributed, who has not voted; for you only):",
    },
    "serve.terminal_note": {
        "ja": "各リンクは Web ページです。末尾に terminal/ を付けるとターミナル版のアプリが開きます"
        "(WebSocket が必要)。",
        "en": "Each link opens the web page; add terminal/ to it for the terminal app"
        " (needs websockets).",
    },
    "serve.page.busy.title": {"ja": "少し待ってください", "en": "Please wait a moment"},
    "serve.page.busy.text": {
        "ja": "短い時間に送られたリクエストが多すぎます。数秒待ってから再読み込みしてください。",
        "en": "Too many requests in a short time. Wait a few seconds, then reload.",
    },
}

_WEB: dict[str, tuple[str, str]] = {
    "skip": ("本文へ移動", "Skip to main content"),
    "nav": ("ワークショップの各段階", "Workshop sections"),
    "signed_in": ("{name} さんとして参加中", "Taking part as {name}"),
    "you": ("あなた", "you"),
    "by": ("記入: {name}", "by {name}"),
    "where": ("工程:", "at:"),
    "edit": ("編集", "Edit"),
    "remove": ("削除", "Remove"),
    "save": ("保存する", "Save"),
    "cancel": ("やめて戻る", "Cancel and go back"),
    "back": ("戻る", "Go back"),
    "none_yet": ("まだありません。", "None yet."),
    "pages": ("{what}のページ", "Pages of {what}"),
    "required": ("(必須)", "(required)"),
    "error_prefix": ("エラー:", "Error:"),
    "errors_title": ("入力内容を確認してください", "There is a problem"),
    "section.home": ("はじめに", "Start"),
    "section.process": ("業務フロー", "Process"),
    "section.problems": ("課題", "Problems"),
    "section.causes": ("原因", "Causes"),
    "section.ideas": ("改善案", "Ideas"),
    "section.vote": ("投票", "Vote"),
    "section.results": ("結果", "Results"),
    "home.intro": (
        "業務フローを見て、困っていること(課題)を挙げ、なぜを繰り返して原因を掘り下げ、"
        "原因に答える改善案を出し、最後に投票します。書いた内容はあなたのファイルにだけ保存されます。",
        "Look at the process, raise the problems you see, ask why until you reach the causes,"
        " propose ideas that answer them, then vote. What you write is saved in your own"
        " file only.",
    ),
    "home.yours": ("あなたの記入", "What you have added"),
    "home.problems": ("課題 {count} 件", "{count} problem(s)"),
    "home.causes": ("原因 {count} 件", "{count} cause(s)"),
    "home.ideas": ("改善案 {count} 件", "{count} idea(s)"),
    "home.rated": ("評価済み {rated} / {ideas} 案", "{rated} of {ideas} ideas rated"),
    "home.vote": ("投票", "The vote"),
    "home.terminal_title": ("ターミナル版", "Terminal app"),
    "home.terminal": (
        "キーボード操作のターミナル版アプリも使えます(WebSocket が必要です)。",
        "The keyboard-driven terminal app is available too (it needs websockets).",
    ),
    "home.terminal_link": ("ターミナル版を開く", "Open the terminal app"),
    "process.empty": ("業務フローはまだありません。", "There is no process yet."),
    "process.diagram": ("スイムレーン図", "Swimlane diagram"),
    "process.alt": (
        "現状業務のスイムレーン図: {lanes} レーン、{steps} 工程。同じ内容を下の表に示します。",
        "Swimlane diagram of the as-is process: {lanes} lanes, {steps} steps. The table below"
        " lists the same steps.",
    ),
    "process.caption": ("現状業務 (As-Is) の流れ", "The as-is process"),
    "process.no_diagram": (
        "図を描けませんでした。工程は下の表で確認できます。",
        "The diagram could not be drawn; the steps are in the table below.",
    ),
    "process.full_size": ("図を原寸で開く", "Open the diagram at full size"),
    "process.steps": ("工程の一覧", "Steps"),
    "process.table_caption": ("工程 {steps} 件", "{steps} steps"),
    "col.id": ("ID", "ID"),
    "col.step": ("工程", "Step"),
    "col.lane": ("担当(レーン)", "Lane"),
    "col.kind": ("種類", "Kind"),
    "col.minutes": ("作業時間(分/件)", "Minutes per case"),
    "col.volume": ("年間件数", "Cases a year"),
    "col.wait": ("待ち時間(分)", "Wait (minutes)"),
    "col.medium": ("媒体", "Medium"),
    "col.next": ("次の工程", "Next"),
    "col.rank": ("順位", "Rank"),
    "col.idea": ("改善案", "Idea"),
    "col.quadrant": ("区分", "Quadrant"),
    "col.effect": ("効果(中央値)", "Effect (median)"),
    "col.effort": ("手間(中央値)", "Effort (median)"),
    "col.raters": ("評価者数", "Raters"),
    "col.dots": ("ドット", "Dots"),
    "col.hours": ("削減時間(時間/年)", "Hours saved a year"),
    "col.member": ("メンバー", "Member"),
    "col.problems": ("課題", "Problems"),
    "col.causes": ("原因", "Causes"),
    "col.ideas": ("改善案", "Ideas"),
    "col.voted": ("投票", "Voted"),
    "problems.jump": ("課題を追加する", "Add a problem"),
    "problems.list": ("挙がっている課題({count} 件)", "Problems raised ({count})"),
    "problems.add": ("課題を追加", "Add a problem"),
    "problems.add_cause": ("原因を書く", "Add a cause"),
    "problems.similar_title": ("似た課題がすでにあります", "Similar problems are already there"),
    "problems.similar": (
        "同じ課題なら、新しく追加せずにその課題の原因を書いてください。別の課題なら、"
        "下のボタンでそのまま追加できます。",
        "If yours is the same problem, add a cause to it instead. If it is a different"
        " problem, add it with the button below.",
    ),
    "problems.submit": ("課題を追加する", "Add the problem"),
    "problems.submit_anyway": ("別の課題として追加する", "Add it as a different problem"),
    "causes.intro": (
        "課題ごとに「なぜ?」を繰り返して原因を掘り下げます。いちばん深い原因に改善案で答えます。",
        "For each problem, ask “why?” again and again; ideas should answer the deepest cause.",
    ),
    "causes.jump": ("原因を追加する", "Add a cause"),
    "causes.list": ("なぜなぜの連鎖", "Why-chains"),
    "causes.none": ("原因はまだありません。", "No causes yet."),
    "causes.no_problems": (
        "課題がまだありません。先に課題を挙げてください。",
        "There are no problems yet; raise one first.",
    ),
    "causes.add": ("原因を追加", "Add a cause"),
    "causes.why": ("さらに「なぜ?」", "Ask why again"),
    "causes.submit": ("原因を追加する", "Add the cause"),
    "causes.idea": ("この原因に答える改善案", "An idea for this cause"),
    "ideas.intro": (
        "改善案は原因に答えるものにしてください。",
        "An idea should answer one or more causes.",
    ),
    "ideas.jump": ("改善案を追加する", "Add an idea"),
    "ideas.list": ("改善案({count} 件)", "Ideas ({count})"),
    "ideas.add": ("改善案を追加", "Add an idea"),
    "ideas.answers": ("答える原因:", "Answers:"),
    "ideas.flag": ("解決策先行:", "Solution-first:"),
    "ideas.flag_text": ("どの原因にも結び付いていません。", "it answers no cause."),
    "ideas.reduction": ("時間削減 {percent}%", "{percent}% less time"),
    "ideas.closed": (
        "投票が締め切られたため、改善案は追加できません。",
        "Voting is closed, so no more ideas can be added.",
    ),
    "ideas.solution_first_title": ("原因が選ばれていません", "No cause is chosen"),
    "ideas.solution_first": (
        "どの原因にも答えない改善案は「解決策先行」として印が付きます。"
        "できれば上の一覧から答える原因を選んでください。このままでよければ、もう一度送信してください。",
        "An idea that answers no cause is flagged as solution-first. If you can, tick the"
        " causes it answers; to add it as it is, send the form again.",
    ),
    "ideas.submit": ("改善案を追加する", "Add the idea"),
    "ideas.pick": ("どの課題の原因に答えますか", "Which problem's causes does it answer"),
    "ideas.pick_hint": (
        "課題を選んで「原因を表示」を押すと、その原因を下の一覧から選べます。",
        "Choose a problem and press “Show its causes” to tick them below.",
    ),
    "ideas.pick_submit": ("原因を表示", "Show its causes"),
    "ideas.submit_anyway": ("このまま追加する", "Add it anyway"),
    "vote.closed": (
        "投票は締め切られました。",
        "Voting is closed.",
    ),
    "vote.budget": (
        "残りのドット: {left} / {budget}(1 案に {cap} 個まで)",
        "Dots left: {left} of {budget} (at most {cap} on one idea)",
    ),
    "vote.intro": (
        "各改善案の効果と手間を 1〜5 で評価し、特に良いと思う案にドットを置いてください。",
        "Rate each idea's effect and effort from 1 to 5, and put your dots on the ideas you"
        " like best.",
    ),
    "vote.no_ideas": ("改善案はまだありません。", "There are no ideas yet."),
    "vote.submit": ("保存する", "Save"),
    "vote.yours": (
        "あなたの評価: 効果 {effect}、手間 {effort}、ドット {dots}",
        "Your vote: effect {effect}, effort {effort}, dots {dots}",
    ),
    "scale.1": ("(とても小さい)", "(very low)"),
    "scale.2": ("(小さい)", "(low)"),
    "scale.3": ("(中くらい)", "(medium)"),
    "scale.4": ("(大きい)", "(high)"),
    "scale.5": ("(とても大きい)", "(very high)"),
    "results.hidden": (
        "結果は投票が締め切られてから表示されます。",
        "The results are shown once voting is closed.",
    ),
    "results.error": ("結果を集計できませんでした。", "The results could not be tallied."),
    "results.anonymous": (
        "無記名投票のため、誰がどう投票したかは示しません。",
        "Voting is anonymous: nobody's own votes are shown.",
    ),
    "results.caption": ("改善案 {count} 件の集計", "Tally of {count} ideas"),
    "field.problem_text": ("課題の内容", "The problem"),
    "hint.problem_text": (
        "何に困っているかを、具体的に書いてください。",
        "Say what goes wrong, as concretely as you can.",
    ),
    "field.steps": ("起きている工程", "Where it happens"),
    "hint.steps": (
        "当てはまる工程をすべて選んでください(任意)。",
        "Tick every step it concerns (optional).",
    ),
    "field.problem": ("どの課題の原因ですか", "Problem"),
    "hint.problem": (
        "このページの課題から選べます。ほかの課題は、その課題の「原因を書く」から。",
        "Choose from the problems on this page; for another, use its “Add a cause” link.",
    ),
    "field.parent": ("どの原因の「なぜ?」ですか", "Why of which cause"),
    "field.parent_none": ("(最初のなぜ)", "(a first why)"),
    "hint.parent": (
        "すでにある原因をさらに掘り下げるときに選びます。",
        "Choose a cause to dig one level deeper below it.",
    ),
    "field.cause_text": ("原因", "The cause"),
    "hint.cause_text": ("「なぜそうなるのか」を書いてください。", "Say why it happens."),
    "field.category": ("原因の分類", "Category"),
    "field.category_none": ("(分類しない)", "(no category)"),
    "field.idea_title": ("改善案の名前", "The idea"),
    "field.description": ("説明", "Description"),
    "field.causes": ("答える原因", "Causes it answers"),
    "hint.causes": ("この案で解消する原因を選んでください。", "Tick the causes this idea removes."),
    "field.idea_steps": ("変わる工程", "Steps it changes"),
    "field.action": ("改善の種類", "Kind of change"),
    "field.action_none": ("(選ばない)", "(none)"),
    "hint.action": (
        "ECRS: なくす・まとめる・入れ替える・簡素化、またはデジタル化。",
        "ECRS: eliminate, combine, rearrange, simplify; or digitise.",
    ),
    "field.reduction": ("時間の削減見込み(%)", "Expected time saved (%)"),
    "hint.reduction": (
        "選んだ工程の作業時間が何 % 減るか(0〜100)。",
        "How much less time the chosen steps take, 0 to 100.",
    ),
    "field.effect": ("効果", "Effect"),
    "field.effort": ("手間", "Effort"),
    "field.not_rated": ("(未評価)", "(not rated)"),
    "field.dots": ("ドット", "Dots"),
    "hint.dots": ("0〜{cap} 個", "0 to {cap}"),
    "error.required.text": ("内容を入力してください。", "Enter the text."),
    "error.required.title": ("改善案の名前を入力してください。", "Enter the idea."),
    "error.control": (
        "表示できない制御文字が含まれています。取り除いてください。",
        "This contains control characters; remove them.",
    ),
    "error.too_long": (
        "{limit} 文字以内にしてください(いまは {length} 文字)。",
        "Use at most {limit} characters (this is {length}).",
    ),
    "error.unknown": (
        "選択肢にない値です。ページを読み込み直して選び直してください。",
        "That choice is not on the list; reload the page and choose again.",
    ),
    "error.whole": (
        "{low}〜{high} の整数を入力してください。",
        "Enter a whole number from {low} to {high}.",
    ),
    "error.duplicate": (
        "同じ課題がすでにあります({id})。その課題の原因として書いてください。",
        "The same problem is already there ({id}); add a cause to it instead.",
    ),
    "error.parent": (
        "選んだ原因は、選んだ課題のものではありません。",
        "The cause you chose belongs to another problem.",
    ),
    "error.closed": (
        "投票は締め切られました。評価とドットは変更できません。",
        "Voting is closed: ratings and dots can no longer change.",
    ),
    "error.both": (
        "効果と手間は両方とも評価してください。",
        "Rate both effect and effort.",
    ),
    "error.budget": (
        "ドットは {budget} 個までで、すでに {elsewhere} 個を他の案に置いています。"
        "この案に置けるのは {left} 個までです。",
        "You have {budget} dots and {elsewhere} are on other ideas: at most {left} can go"
        " on this one.",
    ),
    "error.remove.causes": (
        "この課題には原因が書かれているため削除できません。",
        "This problem has causes, so it cannot be removed.",
    ),
    "error.remove.deeper": (
        "この原因の下にさらに「なぜ」があるため削除できません。先にそちらを削除してください。",
        "There is a deeper why below this cause; remove that first.",
    ),
    "error.remove.answered": (
        "この原因に答える改善案があるため削除できません。",
        "An idea answers this cause, so it cannot be removed.",
    ),
    "error.remove.voted": (
        "この改善案には評価かドットがあるため削除できません。",
        "This idea has ratings or dots, so it cannot be removed.",
    ),
    "error.remove.pilot": (
        "この改善案は試行計画に入っているため削除できません。",
        "This idea is part of the pilot plan, so it cannot be removed.",
    ),
    "error.remove.kpi": (
        "この改善案は試行計画の KPI で測る対象のため削除できません。",
        "A KPI of the pilot plan measures this idea, so it cannot be removed.",
    ),
    "done.added": ("追加しました({id})。", "Added ({id})."),
    "done.saved": ("保存しました({id})。", "Saved ({id})."),
    "done.removed": ("削除しました({id})。", "Removed ({id})."),
    "done.rated": ("投票を保存しました({id})。", "Vote saved ({id})."),
    "done.dotted": ("ドットを保存しました({id})。", "Dots saved ({id})."),
    "edit_title.problem": ("課題を編集({id})", "Edit problem {id}"),
    "edit_title.cause": ("原因を編集({id})", "Edit cause {id}"),
    "edit_title.idea": ("改善案を編集({id})", "Edit idea {id}"),
    "remove_title.problem": ("課題を削除({id})", "Remove problem {id}"),
    "remove_title.cause": ("原因を削除({id})", "Remove cause {id}"),
    "remove_title.idea": ("改善案を削除({id})", "Remove idea {id}"),
    "remove_question": (
        "本当に削除しますか。元に戻せません。",
        "Remove it? This cannot be undone.",
    ),
    "remove_confirm": ("削除する", "Remove"),
    "remove_refused": ("削除できません", "It cannot be removed"),
    "refused.title": ("送信を受け付けられません", "The form was not accepted"),
    "refused.origin": (
        "このフォームは別のサイトから送られたため受け付けませんでした。",
        "This form was sent from another site, so it was not accepted.",
    ),
    "refused.type": ("フォームの形式が正しくありません。", "The form was not sent as a form."),
    "refused.size": (
        "送信内容が大きすぎます({limit} バイトまで)。",
        "What was sent is too large (at most {limit} bytes).",
    ),
    "refused.slow": (
        "送信に時間がかかりすぎました。もう一度送ってください。",
        "Sending took too long; send it again.",
    ),
    "refused.forged": (
        "このフォームは無効です。ページを読み込み直してから送ってください。",
        "This form is not valid; reload the page, then send it again.",
    ),
    "refused.expired": (
        "このフォームは古くなりました。ページを読み込み直してから送ってください。",
        "This form has expired; reload the page, then send it again.",
    ),
    "refused.replayed": (
        "このフォームはすでに送信済みです(二重送信を防ぎました)。ページを読み込み直してください。",
        "This form was already sent (it is not applied twice); reload the page.",
    ),
    "refused.not_yours": (
        "自分で書いた項目だけを編集・削除できます。",
        "You can edit or remove only what you wrote yourself.",
    ),
    "room.title": ("進捗(ファシリテーター用)", "Room (facilitator)"),
    "room.reload": (
        "再読み込みすると最新の状態になります。",
        "Reload the page to see the latest counts.",
    ),
    "room.summary": ("全体", "Overall"),
    "room.members": ("メンバー {count} 人", "{count} members"),
    "room.contributed": ("記入したメンバー {count} 人", "{count} members have contributed"),
    "room.items": (
        "課題 {problems} 件、原因 {causes} 件、改善案 {ideas} 件",
        "{problems} problems, {causes} causes, {ideas} ideas",
    ),
    "room.not_voted_count": ("未投票 {count} 人", "{count} not voted yet"),
    "room.voting_open": ("投票受付中", "Voting is open"),
    "room.voting_closed": ("投票は締め切り済み", "Voting is closed"),
    "room.sessions": ("ターミナル版のセッション {count} 件", "{count} terminal sessions"),
    "room.by_member": ("メンバー別", "By member"),
    "room.anonymous": (
        "無記名投票のため、誰が投票したかは表示しません。",
        "Voting is anonymous, so who has voted is not shown.",
    ),
    "room.caption": ("メンバーごとの記入数と投票", "Contributions and votes by member"),
    "room.yes": ("済", "yes"),
    "room.no": ("未", "not yet"),
    "room.abstains": ("対象外", "abstains"),
}

STRINGS |= {f"serve.web.{key}": {"ja": ja, "en": en} for key, (ja, en) in _WEB.items()}
