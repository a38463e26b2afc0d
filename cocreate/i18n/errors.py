"""Strings of the domain's refusals and save errors (``error.*``), shown in the UI's language.

The domain raises ``CocreateError(...).keyed("error.…", **values)`` with its English
message; :func:`cocreate.i18n.error_text` says it again from here in the UI's language.
The English texts say what the domain's own messages say (a test compares them).
"""

from __future__ import annotations

__all__ = ["STRINGS"]

STRINGS: dict[str, dict[str, str]] = {
    # -- names of fields inside messages
    "error.field.member_name": {"ja": "メンバーの名前", "en": "the member's name"},
    "error.field.problem_text": {"ja": "課題の内容", "en": "the problem's text"},
    "error.field.cause_text": {"ja": "原因の内容", "en": "the cause's text"},
    "error.field.idea_title": {"ja": "アイデアの題名", "en": "the idea's title"},
    "error.field.effort_days": {"ja": "工数（人日）", "en": "effort_days"},
    "error.field.cost": {"ja": "費用", "en": "cost"},
    # -- contributions
    "error.text.empty": {"ja": "{field}を入力してください", "en": "{field} must not be empty"},
    "error.text.control": {
        "ja": "{field}に使えない制御文字が含まれています",
        "en": "{field} {problem}",
    },
    "error.member.unknown": {
        "ja": "メンバー「{member}」はいません（先にメンバーを追加してください）",
        "en": "unknown member {member!r}; add them first with `add member`",
    },
    "error.step.unknown": {"ja": "ステップ「{step}」はありません", "en": "unknown step {step!r}"},
    "error.problem.unknown": {
        "ja": "課題「{problem}」はありません",
        "en": "unknown problem {problem!r}",
    },
    "error.cause.unknown": {"ja": "原因「{cause}」はありません", "en": "unknown cause {cause!r}"},
    "error.idea.unknown": {"ja": "アイデア「{idea}」はありません", "en": "unknown idea {idea!r}"},
    "error.idea.reduction": {
        "ja": "削減率は 0〜1（割合）で入力してください（{value} は範囲外です）",
        "en": "reduction must be between 0 and 1 (a fraction), not {value}",
    },
    "error.amount.negative": {
        "ja": "{field}は 0 以上にしてください（{value}）",
        "en": "{field} must not be negative ({value})",
    },
    "error.problem.duplicate": {
        "ja": "同じ課題がすでにあります：{problem}（{author}）{text}",
        "en": "the same problem is already there as {problem} ({author}): {text}",
    },
    "error.idea.voting_closed": {
        "ja": "投票は締め切られています。新しいアイデアは評価できないため追加できません"
        "（ファシリテーターが投票を再開すれば追加できます）",
        "en": "voting is closed: a new idea could not be rated; the facilitator can reopen"
        " voting to take it",
    },
    "error.remove.problem_has_causes": {
        "ja": "課題 {item} には原因があるため削除できません（先に原因を削除か統合してください）",
        "en": "problem {item} has causes; remove or merge them first",
    },
    "error.remove.cause_has_why": {
        "ja": "原因 {item} の下にさらに「なぜ」があるため削除できません"
        "（先にそちらを削除してください）",
        "en": "cause {item} has a deeper why below it; remove that first",
    },
    "error.remove.cause_answered": {
        "ja": "原因 {item} はアイデア {idea} が対応しているため削除できません",
        "en": "cause {item} is answered by idea {idea}",
    },
    "error.remove.idea_voted": {
        "ja": "アイデア {item} には評価かドットがあるため削除できません",
        "en": "idea {item} has ratings or dots; it cannot be removed",
    },
    "error.remove.idea_in_pilot": {
        "ja": "アイデア {item} は試行計画に含まれているため削除できません",
        "en": "idea {item} is part of the pilot plan",
    },
    "error.remove.idea_in_kpi": {
        "ja": "アイデア {item} は試行計画の KPI {kpi}（{name}）で測る対象のため削除できません"
        "（先に KPI から外してください）",
        "en": "idea {item} is measured by KPI {kpi} ({name}) of the pilot plan;"
        " take it off the KPI first",
    },
    # -- the vote
    "error.voting.closed": {
        "ja": "投票は締め切られています。評価もドットも受け付けません"
        "（ファシリテーターが再開できます）",
        "en": "voting is closed: no more ratings or dots (the facilitator can reopen it)",
    },
    "error.voting.unknown_member": {
        "ja": "メンバー「{member}」はいません",
        "en": "unknown member {member!r}",
    },
    "error.voting.scale": {
        "ja": "{field}は 1〜5 の整数で入力してください（{value!r}）",
        "en": "{field} must be a whole number from 1 to 5, not {value!r}",
    },
    "error.field.effect": {"ja": "効果", "en": "effect"},
    "error.field.effort": {"ja": "手間", "en": "effort"},
    "error.voting.dots_negative": {
        "ja": "ドットは 0 以上の整数で入力してください（{value!r}）",
        "en": "dots must be a whole number of 0 or more, not {value!r}",
    },
    "error.voting.cap": {
        "ja": "1つのアイデアに置けるドットは {cap} 個までです（{count} 個は置けません）",
        "en": "{count} dots on one idea is over the cap of {cap} per idea",
    },
    "error.voting.budget": {
        "ja": "{member} さんのドットは {budget} 個で、{elsewhere} 個はほかのアイデアにあります。"
        "{idea} に置けるのは {left} 個までです",
        "en": "{member} has {budget} dots and {elsewhere} are on other ideas:"
        " at most {left} can go on {idea}",
    },
    # -- who may change what
    "error.session.facilitator_only": {
        "ja": "ワークショップ自体を変更できるのはファシリテーターだけです",
        "en": "only the facilitator can change the workshop itself",
    },
    "error.session.own_only": {
        "ja": "変更できるのは自分の投稿だけです（{member} さんの投稿は変更できません）",
        "en": "you can only change your own contributions, not {member}'s",
    },
    # -- saving
    "error.save.failed": {
        "ja": "{path}：保存できませんでした：{reason}",
        "en": "{path}: cannot save: {reason}",
    },
    "error.save.failed_unchanged": {
        "ja": "{path}：保存できませんでした：{reason}（ファイルは元のままです）",
        "en": "{path}: cannot save: {reason}; the file is unchanged",
    },
    "error.save.lock": {
        "ja": "{path}：ロックできませんでした：{reason}",
        "en": "{path}: cannot lock: {reason}",
    },
    # -- reasons of the operating system, by errno name (else its own English words)
    "error.os.ENOSPC": {"ja": "ディスクの空きがありません", "en": "no space left on device"},
    "error.os.EDQUOT": {"ja": "ディスク容量の上限を超えました", "en": "disk quota exceeded"},
    "error.os.EACCES": {"ja": "アクセス権がありません", "en": "permission denied"},
    "error.os.EPERM": {"ja": "操作が許可されていません", "en": "operation not permitted"},
    "error.os.EROFS": {"ja": "読み取り専用の場所です", "en": "read-only file system"},
    "error.os.ENOENT": {"ja": "フォルダーがありません", "en": "no such file or directory"},
    "error.os.EIO": {"ja": "入出力エラーです", "en": "input/output error"},
}
