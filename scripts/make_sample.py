"""Regenerate the bundled sample workshop, workshops/equipment-lending/, from this script.

The sample is modelled on the case in the MIC's DX basic training: a ministry's volunteer
working group (働き方ソーター) reviewing equipment lending (備品貸出), whose procedure
differed by bureau and was partly on paper. Run ``python scripts/make_sample.py`` after
changing it; the files it writes are what the tests use.
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
import sys
from itertools import pairwise
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cocreate import storage  # noqa: E402
from cocreate.model import (  # noqa: E402
    Action,
    AlignedSteps,
    Cause,
    CauseCategory,
    Communication,
    Decision,
    Dot,
    Flow,
    Idea,
    Kpi,
    Lane,
    Medium,
    Member,
    MemberContributions,
    Meta,
    Milestone,
    Phase,
    Pilot,
    PrimaryMap,
    Problem,
    Rating,
    Risk,
    Role,
    Settings,
    StandardChoice,
    Step,
    StepChoice,
    StepKind,
    TeamMember,
    Variant,
    VariantKind,
    Voting,
    Workshop,
)

JST = dt.timezone(dt.timedelta(hours=9))
CASES = 2400  # lending requests a year across the ministry's bureaus
REWORK = 0.2  # share of applications sent back (差戻し)
VISITS = 1 / (1 - REWORK)  # expected passes through the application steps

members = (
    Member("sato", "佐藤 美咲", Role.FACILITATOR, "sato.misaki@example.go.jp"),
    Member("suzuki", "鈴木 由美", Role.VOLUNTEER, "suzuki.yumi@example.go.jp"),
    Member("tanaka", "田中 健一", Role.VOLUNTEER, "tanaka.kenichi@example.go.jp"),
    Member("takahashi", "高橋 翔", Role.VOLUNTEER, "takahashi.sho@example.go.jp"),
    Member("watanabe", "渡辺 さくら", Role.VOLUNTEER, "watanabe.sakura@example.go.jp"),
    Member("ito", "伊藤 大輔", Role.VOLUNTEER, "ito.daisuke@example.go.jp"),
    Member("yamamoto", "山本 愛", Role.VOLUNTEER, "yamamoto.ai@example.go.jp"),
    Member("nakamura", "中村 拓也", Role.VOLUNTEER, "nakamura.takuya@example.go.jp"),
    Member("kato", "加藤 隆", Role.VOLUNTEER, "kato.takashi@example.go.jp"),
    Member("yoshida", "吉田 真理", Role.VOLUNTEER, "yoshida.mari@example.go.jp"),
    Member("kobayashi", "小林 直子", Role.MANAGER, "kobayashi.naoko@example.go.jp"),
)

lanes = (
    Lane("applicant", "申請者（各課職員）"),
    Lane("chief", "所属課長"),
    Lane("general", "総務課 備品担当"),
    Lane("accounting", "会計課 物品管理官"),
)


def step(
    id,
    name,
    lane,
    kind=StepKind.TASK,
    minutes=0.0,
    volume=None,
    wait=0.0,
    medium=Medium.OTHER,
    notes="",
):
    return Step(id, name, lane, kind, float(minutes), volume, float(wait), medium, notes)


applied = round(CASES * VISITS)  # 3,000 passes through the application steps
steps = (
    step("s01", "備品の貸出が必要になる", "applicant", StepKind.START, volume=CASES),
    step(
        "s02",
        "空き状況を電話で照会",
        "applicant",
        minutes=10,
        volume=CASES,
        wait=60,
        medium=Medium.PHONE,
        notes="担当者不在時は折り返し待ち",
    ),
    step(
        "s03",
        "貸出申請書を作成（紙・局別様式）",
        "applicant",
        minutes=15,
        volume=applied,
        medium=Medium.PAPER,
    ),
    step(
        "s04",
        "所属課長の決裁・押印",
        "chief",
        minutes=5,
        volume=applied,
        wait=1440,
        medium=Medium.SEAL,
        notes="課長不在時は翌日以降",
    ),
    step(
        "s05",
        "申請書を総務課へ持参",
        "applicant",
        minutes=15,
        volume=applied,
        medium=Medium.COUNTER,
    ),
    step("s06", "申請内容の確認", "general", minutes=10, volume=applied, medium=Medium.PAPER),
    step(
        "s07",
        "記載漏れ・不備はないか",
        "general",
        StepKind.DECISION,
        minutes=1,
        volume=applied,
        medium=Medium.PAPER,
    ),
    step(
        "s08",
        "物品管理簿と紙台帳で在庫確認",
        "general",
        minutes=8,
        volume=CASES,
        medium=Medium.SYSTEM,
        notes="Excel の管理簿と紙の台帳を両方確認",
    ),
    step(
        "s09",
        "物品管理官の承認・押印",
        "accounting",
        minutes=5,
        volume=CASES,
        wait=720,
        medium=Medium.SEAL,
    ),
    step("s10", "貸出・受領印の押印", "general", minutes=10, volume=CASES, medium=Medium.COUNTER),
    step(
        "s11",
        "期限内に返却されたか",
        "general",
        StepKind.DECISION,
        minutes=2,
        volume=CASES,
        medium=Medium.SYSTEM,
    ),
    step(
        "s12",
        "返却の督促（メール・電話）",
        "general",
        minutes=12,
        volume=round(CASES * 0.15),
        wait=2880,
        medium=Medium.EMAIL,
    ),
    step("s13", "返却・点検", "general", minutes=10, volume=CASES, medium=Medium.COUNTER),
    step(
        "s14",
        "管理簿・台帳の更新と月次報告",
        "general",
        minutes=6,
        volume=CASES,
        medium=Medium.PAPER,
        notes="月次報告は会計課の様式へ転記",
    ),
    step("s15", "貸出完了", "general", StepKind.END, volume=CASES),
)

flows = (
    Flow("s01", "s02"),
    Flow("s02", "s03"),
    Flow("s03", "s04"),
    Flow("s04", "s05"),
    Flow("s05", "s06"),
    Flow("s06", "s07"),
    Flow("s07", "s03", "差戻し", REWORK),
    Flow("s07", "s08", "不備なし", 1 - REWORK),
    Flow("s08", "s09"),
    Flow("s09", "s10"),
    Flow("s10", "s11"),
    Flow("s11", "s13", "期限内", 0.85),
    Flow("s11", "s12", "期限超過", 0.15),
    Flow("s12", "s13"),
    Flow("s13", "s14"),
    Flow("s14", "s15"),
)

_clock = dt.datetime(2026, 10, 6, 10, 0, tzinfo=JST)


def at(day: int, minute: int) -> dt.datetime:
    return _clock + dt.timedelta(days=day, minutes=minute)


# problem id -> (author, text, steps, category)
PROBLEMS = {
    "watanabe.p1": (
        "空き状況がわからず、総務課に何度も電話で問い合わせている",
        ("s02",),
        "待ち・手戻り",
    ),
    "ito.p1": ("局ごとに申請様式が違い、どれを使えばよいかわからない", ("s03",), "ばらつき"),
    "nakamura.p1": ("課長が不在だと押印がもらえず、貸出が数日遅れる", ("s04",), "待ち・手戻り"),
    "yamamoto.p1": ("申請書を総務課まで持参する移動に毎回15分かかる", ("s05",), "移動・紙"),
    "suzuki.p1": (
        "記載漏れによる差戻しが約2割あり、申請者も担当も二度手間になっている",
        ("s06", "s07"),
        "待ち・手戻り",
    ),
    "suzuki.p2": (
        "Excelの管理簿と紙の台帳の二重管理で、在庫数が合わないことがある",
        ("s08",),
        "重複",
    ),
    "tanaka.p1": ("物品管理官の承認は形式的で、待ち時間だけが長い", ("s09",), "待ち・手戻り"),
    "suzuki.p3": ("返却期限を過ぎても返却されない備品がある", ("s11", "s12"), "管理"),
    "kato.p1": ("返却時の点検基準がなく、破損の責任があいまいになる", ("s13",), "管理"),
    "tanaka.p2": ("月次報告のために管理簿から会計課様式へ手で転記している", ("s14",), "重複"),
    "takahashi.p1": ("備品の所在がわからなくなり、年に数件紛失している", ("s08", "s13"), "管理"),
    "yoshida.p1": ("貸出できる備品の一覧がどこにあるのかわからない", ("s02",), "情報"),
    "kobayashi.p1": (
        "手続きが局ごとに異なり、異動してきた職員が毎回戸惑う",
        ("s03", "s06"),
        "ばらつき",
    ),
}

# cause id -> (problem, parent, text, category)
CAUSES = {
    "watanabe.c1": (
        "watanabe.p1",
        None,
        "在庫情報が総務課のExcelにしかなく、共有されていない",
        CauseCategory.INFORMATION,
    ),
    "watanabe.c2": (
        "watanabe.p1",
        "watanabe.c1",
        "管理簿の共有フォルダは総務課しか閲覧できない",
        CauseCategory.SYSTEM,
    ),
    "takahashi.c1": (
        "watanabe.p1",
        "watanabe.c2",
        "どこまで公開してよいか、決まりがない",
        CauseCategory.RULES,
    ),
    "ito.c1": ("ito.p1", None, "各局が独自に手順と様式を作ってきた", CauseCategory.METHOD),
    "ito.c2": (
        "ito.p1",
        "ito.c1",
        "備品貸出の手順を全体で所管する部署が決まっていない",
        CauseCategory.RULES,
    ),
    "nakamura.c1": (
        "nakamura.p1",
        None,
        "紙の申請書に課長の押印が必須になっている",
        CauseCategory.RULES,
    ),
    "nakamura.c2": (
        "nakamura.p1",
        "nakamura.c1",
        "内規に押印の根拠はないが、慣行として続いている",
        CauseCategory.RULES,
    ),
    "sato.c1": ("nakamura.p1", None, "代決者のルールが周知されていない", CauseCategory.INFORMATION),
    "yamamoto.c1": ("yamamoto.p1", None, "原本（紙）を提出しなければならない", CauseCategory.RULES),
    "yamamoto.c2": (
        "yamamoto.p1",
        "yamamoto.c1",
        "備品貸出が電子決裁システムの対象になっていない",
        CauseCategory.SYSTEM,
    ),
    "suzuki.c1": ("suzuki.p1", None, "記入例がなく、必須項目がわかりにくい", CauseCategory.METHOD),
    "suzuki.c2": ("suzuki.p1", "suzuki.c1", "様式が十年以上改訂されていない", CauseCategory.METHOD),
    "ito.c3": (
        "suzuki.p1",
        None,
        "申請は年に1〜2回なので、申請者が手順に慣れない",
        CauseCategory.PEOPLE,
    ),
    "suzuki.c3": ("suzuki.p2", None, "会計監査のために紙の台帳を残している", CauseCategory.RULES),
    "tanaka.c1": (
        "suzuki.p2",
        "suzuki.c3",
        "監査で電子の管理簿が認められるか確認していない",
        CauseCategory.INFORMATION,
    ),
    "tanaka.c2": (
        "tanaka.p1",
        None,
        "少額の備品も高額物品と同じ承認ルートを通る",
        CauseCategory.RULES,
    ),
    "tanaka.c3": (
        "tanaka.p1",
        "tanaka.c2",
        "物品管理規程で金額による区分がされていない",
        CauseCategory.RULES,
    ),
    "suzuki.c4": ("suzuki.p3", None, "返却期限を知らせる仕組みがない", CauseCategory.SYSTEM),
    "suzuki.c5": (
        "suzuki.p3",
        "suzuki.c4",
        "管理簿に借りた人の連絡先を記録していない",
        CauseCategory.METHOD,
    ),
    "kato.c1": ("kato.p1", None, "点検項目が文書になっていない", CauseCategory.METHOD),
    "kato.c2": ("kato.p1", "kato.c1", "点検は担当者の経験に頼っている", CauseCategory.PEOPLE),
    "tanaka.c4": (
        "tanaka.p2",
        None,
        "管理簿と報告様式の項目が一致していない",
        CauseCategory.METHOD,
    ),
    "tanaka.c5": (
        "tanaka.p2",
        "tanaka.c4",
        "報告様式は会計課が別に定めている",
        CauseCategory.RULES,
    ),
    "takahashi.c2": ("takahashi.p1", None, "課内での又貸しが記録されない", CauseCategory.METHOD),
    "takahashi.c3": (
        "takahashi.p1",
        "takahashi.c2",
        "記録の手続きが面倒で省略されている",
        CauseCategory.PEOPLE,
    ),
    "yoshida.c1": (
        "yoshida.p1",
        None,
        "庁内ポータルに備品の情報が載っていない",
        CauseCategory.INFORMATION,
    ),
    "yoshida.c2": (
        "yoshida.p1",
        "yoshida.c1",
        "ポータルへの掲載を誰が担当するか決まっていない",
        CauseCategory.PEOPLE,
    ),
    "kobayashi.c1": (
        "kobayashi.p1",
        None,
        "局をまたいで手順を見直す場がなかった",
        CauseCategory.ENVIRONMENT,
    ),
}

# idea id -> (title, description, causes, steps, action, reduction, effort_days, cost)
IDEAS = {
    "watanabe.i1": (
        "備品の在庫一覧を庁内ポータルで公開する",
        "管理簿から貸出可否を自動で掲載し、電話照会を不要にする。",
        ("watanabe.c2", "yoshida.c1"),
        ("s02",),
        Action.DIGITISE,
        0.8,
        5.0,
        0.0,
    ),
    "ito.i1": (
        "申請様式を全局で統一し、記入例を付ける",
        "総務課が標準様式を定め、必須項目に記入例を添える。",
        ("ito.c1", "suzuki.c1", "suzuki.c2"),
        ("s03", "s06"),
        Action.SIMPLIFY,
        0.3,
        10.0,
        0.0,
    ),
    "nakamura.i1": (
        "少額備品の貸出は課長決裁を不要にする",
        "内規を確認し、押印の慣行をやめる。",
        ("nakamura.c2",),
        ("s04",),
        Action.ELIMINATE,
        1.0,
        3.0,
        0.0,
    ),
    "yamamoto.i1": (
        "申請をオンラインフォームにして持参をなくす",
        "既存のフォームツールで申請を受け付け、原本提出をやめる。",
        ("yamamoto.c1", "yamamoto.c2"),
        ("s03", "s05"),
        Action.DIGITISE,
        0.6,
        8.0,
        0.0,
    ),
    "tanaka.i1": (
        "一定額以下は物品管理官の承認を事後確認にする",
        "規程に金額区分を設け、少額物品は月次でまとめて確認する。",
        ("tanaka.c2", "tanaka.c3"),
        ("s09",),
        Action.REARRANGE,
        0.8,
        5.0,
        0.0,
    ),
    "suzuki.i1": (
        "返却期限の前日に自動でリマインドメールを送る",
        "管理簿に連絡先欄を加え、メールを自動送信する。",
        ("suzuki.c4", "suzuki.c5"),
        ("s11", "s12"),
        Action.DIGITISE,
        0.7,
        4.0,
        0.0,
    ),
    "suzuki.i2": (
        "紙の台帳を廃止し、管理簿に一本化する",
        "監査部門に電子管理簿で足りることを確認し、台帳をやめる。",
        ("suzuki.c3", "tanaka.c1"),
        ("s08", "s14"),
        Action.COMBINE,
        0.5,
        6.0,
        0.0,
    ),
    "kato.i1": (
        "返却時の点検チェックリストを作る",
        "点検項目と破損時の連絡先を1枚にまとめる。",
        ("kato.c1", "kato.c2"),
        ("s13",),
        Action.SIMPLIFY,
        0.3,
        2.0,
        0.0,
    ),
    "takahashi.i1": (
        "備品にQRコードを貼り、貸出と所在を記録する",
        "スマートフォンで読み取って貸出・返却・又貸しを記録する。",
        ("takahashi.c2", "takahashi.c3"),
        ("s08", "s13"),
        Action.DIGITISE,
        0.4,
        7.0,
        150000.0,
    ),
    "tanaka.i2": (
        "RPAを導入して備品業務を自動化する",
        "RPAツールを導入し、転記作業などを自動化する。",
        (),
        ("s14",),
        Action.DIGITISE,
        0.5,
        30.0,
        1200000.0,
    ),
}

# Each voter's view of each idea: (effect, effort). The RPA idea splits the group.
BASE = {
    "watanabe.i1": (4, 2),
    "ito.i1": (4, 3),
    "nakamura.i1": (5, 1),
    "yamamoto.i1": (4, 3),
    "tanaka.i1": (3, 3),
    "suzuki.i1": (3, 1),
    "suzuki.i2": (3, 2),
    "kato.i1": (2, 1),
    "takahashi.i1": (3, 4),
    "tanaka.i2": (3, 5),
}
VOTERS = ("sato", "suzuki", "tanaka", "takahashi", "watanabe", "ito", "yamamoto", "nakamura")
DOTS = {
    "sato": {"nakamura.i1": 2, "yamamoto.i1": 2, "watanabe.i1": 1},
    "suzuki": {"suzuki.i2": 2, "ito.i1": 2, "nakamura.i1": 1},
    "tanaka": {"tanaka.i1": 3, "suzuki.i2": 2},
    "takahashi": {"takahashi.i1": 2, "tanaka.i2": 2, "watanabe.i1": 1},
    "watanabe": {"watanabe.i1": 3, "nakamura.i1": 2},
    "ito": {"ito.i1": 3, "yamamoto.i1": 1, "watanabe.i1": 1},
    "yamamoto": {"yamamoto.i1": 3, "nakamura.i1": 2},
    "nakamura": {"nakamura.i1": 3, "yamamoto.i1": 1, "suzuki.i1": 1},
}


def ratings_for(member: str, rng: random.Random) -> tuple[Rating, ...]:
    out = []
    for idea, (effect, effort) in BASE.items():
        if member == "sato" and idea.startswith("sato."):
            continue
        if idea == "tanaka.i2":
            # the solution-first idea: the IT-minded see a big effect, the rest see little
            effect = 5 if member in ("takahashi", "tanaka", "nakamura") else 1
        else:
            effect = min(5, max(1, effect + rng.choice((-1, 0, 0, 0, 1))))
            effort = min(5, max(1, effort + rng.choice((-1, 0, 0, 1))))
        out.append(Rating(member, idea, effect, effort))
    return tuple(out)


def build() -> Workshop:
    rng = random.Random(20261006)
    by_member: dict[str, dict[str, list]] = {
        m.id: {"problems": [], "causes": [], "ideas": []} for m in members
    }
    for n, (pid, (text, on_steps, category)) in enumerate(PROBLEMS.items()):
        author = pid.split(".")[0]
        by_member[author]["problems"].append(
            Problem(pid, text, author, on_steps, category, at(0, 5 * n))
        )
    for n, (cid, (problem, parent, text, category)) in enumerate(CAUSES.items()):
        author = cid.split(".")[0]
        by_member[author]["causes"].append(
            Cause(cid, problem, text, author, parent, category, at(7, 4 * n))
        )
    for n, (
        iid,
        (title, description, causes, on_steps, action, reduction, days, cost),
    ) in enumerate(IDEAS.items()):
        author = iid.split(".")[0]
        by_member[author]["ideas"].append(
            Idea(
                iid,
                title,
                author,
                description,
                causes,
                on_steps,
                action,
                reduction,
                days,
                cost or None,
                at(14, 6 * n),
            )
        )
    contributions = []
    for member in members:
        own = by_member[member.id]
        ratings = ratings_for(member.id, rng) if member.id in VOTERS else ()
        dots = tuple(Dot(member.id, idea, count) for idea, count in DOTS.get(member.id, {}).items())
        contributions.append(
            MemberContributions(
                member.id,
                tuple(own["problems"]),
                tuple(own["causes"]),
                tuple(own["ideas"]),
                ratings,
                dots,
            )
        )
    pilot = Pilot(
        title="政策局での備品貸出オンライン申請の試行",
        purpose="在庫の見える化と申請のオンライン化で、照会・持参・差戻しの手間を減らせるかを"
        "1つの局で確かめる。",
        ideas=("watanabe.i1", "yamamoto.i1", "ito.i1"),
        scope_unit="政策局（約120名）と総務課 備品担当",
        scope_steps=("s02", "s03", "s05", "s06"),
        start=dt.date(2027, 1, 12),
        weeks=8,
        owner="suzuki",
        team=(
            TeamMember("suzuki", "主担当・手順の改訂"),
            TeamMember("watanabe", "ポータル掲載"),
            TeamMember("takahashi", "フォームの作成"),
            TeamMember("ito", "様式の統一"),
            TeamMember("sato", "事務局・進捗管理"),
        ),
        communication=Communication(
            channel="Teams「備品貸出WG」チャネル",
            shared="週次で件数・差戻し件数・問い合わせ件数、課題と決定事項（5W1H）",
            audience="WGメンバー、政策局庶務係、総務課長",
            meetings="毎週火曜 15分の定例、2週ごとに課長へ報告",
        ),
        kpis=(
            Kpi(
                "k1",
                "年間業務時間（時間）",
                "annual_hours",
                None,
                None,
                "時間",
                "申請・照会件数 × 所要時間（業務量調査）",
            ),
            Kpi(
                "k2",
                "リードタイム（分）",
                "lead_time_minutes",
                None,
                None,
                "分",
                "申請から貸出までの日時をフォームの記録から集計",
            ),
            Kpi(
                "k3",
                "紙の接点（紙を扱う工程）",
                "paper_touches",
                None,
                None,
                "箇所",
                "業務フローで確認",
            ),
            Kpi("k4", "差戻し率", "", 0.2, 0.05, "", "差戻し件数 ÷ 申請件数", True),
        ),
        risks=(
            Risk(
                "紙の申請に慣れた職員が戸惑い、問い合わせが増える",
                "記入例付きの案内と、最初の2週間は紙も受け付ける",
            ),
            Risk(
                "在庫一覧の更新が遅れ、公開情報が実態と合わない",
                "貸出・返却の都度、担当が当日中に更新する",
            ),
            Risk(
                "会計監査で電子記録が認められない", "試行前に会計課・監査部門と記録様式を確認する"
            ),
        ),
        rollout_criteria=(
            "照会電話が試行前の半分以下になっている",
            "差戻し率が10%以下になっている",
            "利用者アンケートで7割以上が「使いやすい」と回答",
            "総務課の作業時間が増えていない",
        ),
        milestones=(
            Milestone(dt.date(2027, 1, 12), "試行開始（政策局）"),
            Milestone(dt.date(2027, 2, 9), "中間振り返り"),
            Milestone(dt.date(2027, 3, 9), "試行終了・効果測定"),
            Milestone(dt.date(2027, 3, 23), "横展開の判断（総務課長）"),
        ),
    )
    return Workshop(
        meta=Meta(
            title="備品貸出の業務改善ワーキンググループ",
            organisation="〇〇省 大臣官房",
            business_area="備品貸出",
            facilitator="sato",
            dates=(
                dt.date(2026, 10, 6),
                dt.date(2026, 10, 13),
                dt.date(2026, 10, 20),
                dt.date(2026, 10, 27),
            ),
            phase=Phase.VOTE,
            background="職員数が減る中で、庶務業務の負担を減らしたい。備品貸出は局ごとに手順が"
            "異なり、一部はいまだに紙と押印で行われている。有志の職員コミュニティ"
            "（働き方ソーター）のワーキンググループで、現場の困りごとから原因を掘り下げ、"
            "小さく試せる改善から始める。",
        ),
        settings=Settings(annual_cases=CASES),
        voting=Voting(dots_per_member=5, cap_per_idea=3),
        members=members,
        lanes=lanes,
        steps=steps,
        flows=flows,
        pilot=pilot,
        decisions=(
            Decision(
                dt.date(2026, 10, 6),
                "対象業務を備品貸出に決定（候補5業務から効果の大きさで選定）",
                "sato",
            ),
            Decision(
                dt.date(2026, 10, 13), "現状の業務フローを総務課・会計課と確認し確定", "suzuki"
            ),
            Decision(dt.date(2026, 10, 20), "投票は1人5ドット、1案あたり3ドットまでとする", "sato"),
        ),
        contributions=tuple(sorted(contributions, key=lambda c: c.member)),
    )


# --------------------------------------------------------------------------- variants
# The same lending as three bureaus run it (issue 17): the map above is 政策局's. 国際局
# already takes requests by e-mail, but keeps a paper ledger and a separate inventory
# sheet; 地域局 works as 政策局 does, with an extra 課長補佐 approval and seal. A
# reference flow (as a published standard flow would be imported from BPMN) and the
# standard flow composed from the three complete the comparison.

KOKUSAI_CASES = 1100
CHIIKI_CASES = 700


def kokusai() -> Variant:
    """国際局: e-mail requests and approvals; a paper ledger plus an inventory sheet."""
    return Variant(
        "kokusai",
        "国際局",
        unit="国際局",
        annual_cases=KOKUSAI_CASES,
        lanes=lanes,
        steps=(
            step("s01", "備品の貸出が必要になる", "applicant", StepKind.START),
            step(
                "s02",
                "共有カレンダーで空き状況を確認",
                "applicant",
                minutes=3,
                medium=Medium.SYSTEM,
            ),
            step("s03", "貸出申請をメールで送信", "applicant", minutes=5, medium=Medium.EMAIL),
            step(
                "s04",
                "所属課長の承認（メール返信）",
                "chief",
                minutes=2,
                wait=240,
                medium=Medium.EMAIL,
            ),
            step("s06", "申請内容の確認", "general", minutes=6, medium=Medium.EMAIL),
            step(
                "s07",
                "記載漏れ・不備はないか",
                "general",
                StepKind.DECISION,
                minutes=1,
                medium=Medium.EMAIL,
            ),
            step("s08", "紙の貸出台帳で在庫確認", "general", minutes=8, medium=Medium.PAPER),
            step(
                "k01",
                "在庫表（Excel）にも貸出を記入",
                "general",
                minutes=5,
                medium=Medium.SYSTEM,
                notes="台帳とは別に局独自の在庫表を管理",
            ),
            step(
                "s09",
                "物品管理官の承認・押印",
                "accounting",
                minutes=5,
                wait=720,
                medium=Medium.SEAL,
            ),
            step("s10", "貸出・受領印の押印", "general", minutes=10, medium=Medium.COUNTER),
            step(
                "s11",
                "期限内に返却されたか",
                "general",
                StepKind.DECISION,
                minutes=2,
                medium=Medium.SYSTEM,
            ),
            step(
                "s12",
                "返却の督促（メール・電話）",
                "general",
                minutes=12,
                wait=2880,
                medium=Medium.EMAIL,
            ),
            step("s13", "返却・点検", "general", minutes=10, medium=Medium.COUNTER),
            step("s14", "紙台帳と在庫表の更新", "general", minutes=10, medium=Medium.PAPER),
            step("s15", "貸出完了", "general", StepKind.END),
        ),
        flows=(
            Flow("s01", "s02"),
            Flow("s02", "s03"),
            Flow("s03", "s04"),
            Flow("s04", "s06"),
            Flow("s06", "s07"),
            Flow("s07", "s03", "差戻し", 0.1),
            Flow("s07", "s08", "不備なし", 0.9),
            Flow("s08", "k01"),
            Flow("k01", "s09"),
            Flow("s09", "s10"),
            Flow("s10", "s11"),
            Flow("s11", "s13", "期限内", 0.85),
            Flow("s11", "s12", "期限超過", 0.15),
            Flow("s12", "s13"),
            Flow("s13", "s14"),
            Flow("s14", "s15"),
        ),
    )


def chiiki() -> Variant:
    """地域局: 政策局's paper procedure with an extra 課長補佐 approval and seal."""
    deputy = Lane("deputy", "課長補佐")
    own = []
    for item in steps:
        if item.id == "s04":
            own.append(
                step(
                    "c01",
                    "課長補佐の確認・押印",
                    "deputy",
                    minutes=5,
                    wait=720,
                    medium=Medium.SEAL,
                    notes="課長決裁の前に内容を確認して押印",
                )
            )
        own.append(item.edit(volume=None))
    chained = []
    for flow in flows:
        if flow.source == "s03" and flow.target == "s04":
            chained.extend((Flow("s03", "c01"), Flow("c01", "s04")))
        else:
            chained.append(flow)
    return Variant(
        "chiiki",
        "地域局",
        unit="地域局",
        annual_cases=CHIIKI_CASES,
        lanes=(*lanes[:2], deputy, *lanes[2:]),
        steps=tuple(own),
        flows=tuple(chained),
    )


def reference() -> Variant:
    """A published standard flow of equipment lending, as its BPMN would import."""
    ref_lanes = (
        Lane("applicant", "申請者"),
        Lane("chief", "上長"),
        Lane("general", "備品管理担当"),
    )
    names = (
        ("r01", "貸出の必要が生じる", "applicant", StepKind.START, Medium.OTHER),
        ("r02", "在庫・空き状況をシステムで確認", "applicant", StepKind.TASK, Medium.SYSTEM),
        ("r03", "電子申請", "applicant", StepKind.TASK, Medium.SYSTEM),
        ("r04", "上長の電子承認", "chief", StepKind.TASK, Medium.SYSTEM),
        ("r05", "申請内容の確認", "general", StepKind.TASK, Medium.SYSTEM),
        ("r06", "貸出・受領の記録", "general", StepKind.TASK, Medium.SYSTEM),
        ("r07", "返却期限の自動通知", "general", StepKind.TASK, Medium.SYSTEM),
        ("r08", "返却・点検", "general", StepKind.TASK, Medium.COUNTER),
        ("r09", "備品台帳（システム）の更新", "general", StepKind.TASK, Medium.SYSTEM),
        ("r10", "貸出完了", "general", StepKind.END, Medium.OTHER),
    )
    ref_steps = tuple(step(i, name, lane, kind, medium=m) for i, name, lane, kind, m in names)
    return Variant(
        "ref",
        "物品貸出の標準業務フロー（参考）",
        VariantKind.REFERENCE,
        lanes=ref_lanes,
        steps=ref_steps,
        flows=tuple(Flow(a.id, b.id) for a, b in pairwise(ref_steps)),
        notes="各府省の標準的な業務フローを参考に作成した例",
    )


#: What the facilitator confirmed where names differ; the rest align by name.
ALIGNMENTS = (
    AlignedSteps(("seisaku:s02", "kokusai:s02", "ref:r02"), "空き状況の確認"),
    AlignedSteps(("seisaku:s03", "kokusai:s03", "ref:r03"), "貸出申請"),
    AlignedSteps(("seisaku:s04", "kokusai:s04", "ref:r04"), "所属課長の承認"),
    AlignedSteps(("chiiki:c01",), "課長補佐の確認・押印"),
    AlignedSteps(("seisaku:s08", "kokusai:s08"), "在庫確認"),
    AlignedSteps(("seisaku:s10", "ref:r06"), "貸出・受領"),
    AlignedSteps(("seisaku:s14", "kokusai:s14", "ref:r09"), "管理簿の更新"),
)

#: The standard: 政策局's map with 国際局's e-mail steps, no carrying of forms.
STANDARD_CHOICES = (
    StepChoice("seisaku:s02", StandardChoice.TAKE, "kokusai"),
    StepChoice("seisaku:s03", StandardChoice.TAKE, "kokusai"),
    StepChoice("seisaku:s04", StandardChoice.TAKE, "kokusai"),
    StepChoice("seisaku:s05", StandardChoice.DROP),
    StepChoice("seisaku:s06", StandardChoice.TAKE, "kokusai"),
    StepChoice("seisaku:s07", StandardChoice.TAKE, "kokusai"),
)


def with_variants(workshop: Workshop) -> Workshop:
    """The workshop with the other bureaus' maps, the reference and the standard flow."""
    from cocreate.variants.standard import adopt, compose

    workshop = workshop.edit(
        primary=PrimaryMap("seisaku", "政策局", "政策局"),
        variants=(kokusai(), chiiki(), reference()),
        alignments=ALIGNMENTS,
    )
    composition = compose(
        workshop, "hyojun", name="標準フロー案", unit="全局共通", choices=STANDARD_CHOICES
    )
    return adopt(workshop, composition)


def main() -> None:
    target = ROOT / "workshops" / "equipment-lending"
    if target.exists():
        shutil.rmtree(target)
    storage.create(target, with_variants(build()))
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
