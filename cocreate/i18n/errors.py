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
    "error.member.unknown_id": {
        "ja": "メンバー「{member}」はいません",
        "en": "unknown member {member!r}",
    },
    "error.member.facilitator": {
        "ja": "{member} さんはこのワークショップの進行役です（先に別の進行役を指定してください）",
        "en": "{member} is the workshop's facilitator; name another first",
    },
    "error.member.in_pilot": {
        "ja": "{member} さんは試行計画（責任者かチーム）に入っています（先に外してください）",
        "en": "{member} is in the pilot plan (owner or team); take them off first",
    },
    "error.map.step_in_use": {
        "ja": "地図「{map}」のステップ {step} は {users} が使っています"
        "（先にその参照を外してください）",
        "en": "step {step} of the map {map!r} is used by {users}; unlink it first",
    },
    "error.map.standard_composed": {
        "ja": "標準フロー「{map}」は各部局の業務フローから組み立てます。"
        "部局比較（b）で工程ごとの選択（維持・削除・採用）を変えてください",
        "en": "the standard {map!r} is composed from the bureaus' maps; change its"
        " choices (keep, drop, take) instead",
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
    # -- the map
    "error.step.volume_whole": {
        "ja": "件数は整数で入力してください（{value!r} は整数ではありません）",
        "en": "volume must be a whole number of cases, not {value!r}",
    },
    "error.step.unknown_kind": {
        "ja": "手順の種類「{value}」はありません（{choices} のいずれかです）",
        "en": "unknown step kind {value!r}; expected one of {choices}",
    },
    "error.step.unknown_medium": {
        "ja": "媒体「{value}」はありません（{choices} のいずれかです）",
        "en": "unknown medium {value!r}; expected one of {choices}",
    },
    "error.lane.unknown": {
        "ja": "担当（レーン）「{lane}」はありません",
        "en": "unknown lane {lane!r}",
    },
    "error.flow.unknown": {
        "ja": "{source} から {target} への流れはありません",
        "en": "there is no flow from {source} to {target}",
    },
    "error.remove.step_used": {
        "ja": "手順 {item} は {users} で使われているため削除できません"
        "（先にひもづけを外してください）",
        "en": "step {item} is used by {users}; unlink it first",
    },
    "error.remove.lane_has_steps": {
        "ja": "担当 {item} にはまだ手順（{steps}）があるため削除できません"
        "（先に手順を移してください）",
        "en": "lane {item} still has steps ({steps}); move them first",
    },
    # -- the pilot plan
    "error.pilot.weeks_whole": {
        "ja": "週数は整数で入力してください（{value!r} は整数ではありません）",
        "en": "weeks must be a whole number, not {value!r}",
    },
    "error.pilot.weeks_too_few": {
        "ja": "試行は1週間以上にしてください（{weeks} 週は短すぎます）",
        "en": "a pilot runs for at least a week, not {weeks}",
    },
    "error.pilot.start_not_a_date": {
        "ja": "開始日は日付で入力してください（{value!r} は日付ではありません）",
        "en": "start must be a date, not {value!r}",
    },
    "error.pilot.unknown_member": {
        "ja": "メンバー「{member}」はいません",
        "en": "unknown member {member!r}",
    },
    "error.pilot.team_duplicate": {
        "ja": "{member} さんはすでにチームにいます",
        "en": "{member} is already in the team",
    },
    "error.pilot.milestone_date": {
        "ja": "マイルストーンには日付が必要です（{value!r} は日付ではありません）",
        "en": "a milestone needs a date, not {value!r}",
    },
    "error.pilot.stale.team_member": {
        "ja": "そのチームメンバーはその後に変更か削除されています。表示し直してください",
        "en": "that team member was changed or removed since; look again",
    },
    "error.pilot.stale.milestone": {
        "ja": "そのマイルストーンはその後に変更か削除されています。表示し直してください",
        "en": "that milestone was changed or removed since; look again",
    },
    "error.pilot.stale.risk": {
        "ja": "そのリスクはその後に変更か削除されています。表示し直してください",
        "en": "that risk was changed or removed since; look again",
    },
    "error.pilot.stale.criterion": {
        "ja": "その横展開の判断基準はその後に変更か削除されています。表示し直してください",
        "en": "that criterion was changed or removed since; look again",
    },
    # -- the command line's own refusals (cocreate/cli/edit.py)
    "error.pilot.not_in_team": {
        "ja": "{member} さんは試行チームにいません",
        "en": "{member} is not in the pilot team",
    },
    "error.pilot.no_milestone": {
        "ja": "「{text}」というマイルストーンはありません",
        "en": "no milestone says {text!r}",
    },
    "error.pilot.no_risk": {
        "ja": "「{text}」というリスクはありません",
        "en": "no risk says {text!r}",
    },
    "error.pilot.no_criterion": {
        "ja": "「{text}」という横展開の判断基準はありません",
        "en": "no rollout criterion says {text!r}",
    },
    "error.cli.needs.member_edit": {
        "ja": "member edit: --name、--role、--email のいずれかを指定してください",
        "en": "member edit: give --name, --role or --email",
    },
    "error.cli.needs.flow_edit": {
        "ja": "flow edit: --label、--share、--even のいずれかを指定してください",
        "en": "flow edit: give --label, --share or --even",
    },
    "error.cli.needs.pilot_rules": {
        "ja": "pilot rules: --channel、--shared、--audience、--often のいずれかを指定してください",
        "en": "pilot rules: give --channel, --shared, --audience or --often",
    },
    "error.kpi.unknown": {"ja": "KPI「{kpi}」はありません", "en": "unknown KPI {kpi!r}"},
    "error.kpi.unknown_metric": {
        "ja": "指標「{value}」はありません（{choices} のいずれかです）",
        "en": "unknown metric {value!r}; expected one of {choices}",
    },
    "error.kpi.baseline_not_a_number": {
        "ja": "現状値は数値で入力してください（{value!r} は数値ではありません）",
        "en": "a baseline must be a number, not {value!r}",
    },
    "error.kpi.target_not_a_number": {
        "ja": "目標値は数値で入力してください（{value!r} は数値ではありません）",
        "en": "a target must be a number, not {value!r}",
    },
    "error.remove.kpi_used": {
        "ja": "KPI {item} は {users} で使われているため削除できません"
        "（先にそちらを削除してください）",
        "en": "KPI {item} is used by {users}; remove those first",
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
