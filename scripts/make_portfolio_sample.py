"""Regenerate the sample portfolio, portfolios/kanbo/, from this script.

〇〇省 大臣官房's volunteer working group took stock of the office's work (業務の棚卸し):
fifteen processes with the fields of the 業務説明表. The members proposed two more,
rated each candidate's effect and feasibility and spent their dots; the facilitator
closed the vote and logged which were chosen and why. Four workshops followed:

* ``workshops/bihin-kashidashi``: 備品貸出, the bundled pilot sample
  (scripts/make_pilot_sample.py) after its eight-week pilot: decided 横展開 from 12 April
  2027;
* ``workshops/kaigishitsu``: 会議室予約, mapped, its pilot running since February 2027;
* ``workshops/ryohi``: 出張旅費精算, mapped with the members' problems, no pilot yet;
* ``workshops/yubin``: 郵便物の収受, chosen and started, nothing mapped yet.

Everything goes through cocreate's own functions, as the facilitator's and the members'
commands would. Run ``python scripts/make_portfolio_sample.py`` after changing it; never
edit the files.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import make_pilot_sample  # noqa: E402
import make_sample  # noqa: E402

from cocreate import storage  # noqa: E402
from cocreate.contribute import add_idea, add_problem  # noqa: E402
from cocreate.model import (  # noqa: E402
    Flow,
    Kpi,
    Lane,
    Measurement,
    Medium,
    Phase,
    Pilot,
    Step,
    StepKind,
    Workshop,
)
from cocreate.portfolio.inventory import add_candidate  # noqa: E402
from cocreate.portfolio.selection import (  # noqa: E402
    add_criterion,
    close_voting,
    decide,
    place_dots,
    propose,
    rate,
)
from cocreate.portfolio.start import link_workshop, workshop_from_candidate  # noqa: E402
from cocreate.portfolio_model import (  # noqa: E402
    Candidate,
    Core,
    LegalKind,
    Portfolio,
    PortfolioMeta,
    Routine,
)
from cocreate.storage.portfolio import create_portfolio  # noqa: E402

SLUG = "kanbo"
VOTE_CLOSED = dt.datetime(2026, 10, 2, 17, 0, tzinfo=dt.timezone(dt.timedelta(hours=9)))
DECIDED = dt.date(2026, 10, 5)
P, S, C = Medium.PAPER, Medium.SEAL, Medium.COUNTER
R, N = Routine.ROUTINE, Routine.NON_ROUTINE
CO, NC = Core.CORE, Core.NON_CORE

#: id: (name, purpose, owner, bureaus, legal kind, basis, volume figures, fte, minutes,
#:      routine, core, media, outsourceable, digitisable, note)
INVENTORY: dict[str, tuple] = {
    "c01": ("備品貸出", "職員が業務に必要な備品を借りられるようにする（物品の適正管理）", "総務課",
            ("政策局", "情報政策局", "地域振興局"), LegalKind.LAW, "物品管理法、物品管理規程",
            {"annual_volume": 2400}, 1.2, 28.0, R, NC, (P, S), False, True,
            "紙の申請書に押印、台帳は表計算ファイル"),
    "c02": ("出張旅費精算", "出張した職員に旅費を支給する（旅費法に基づく適正な支給）", "会計課",
            ("全部局",), LegalKind.LAW, "国家公務員等の旅費に関する法律",
            {"normal_volume": 450, "busy_volume": 900, "busy_months": (3, 9)}, 3.5, 35.0,
            R, NC, (P, S), True, True, "領収書の原本確認と押印回付"),
    "c03": ("会議室予約", "会議室を公平に使えるようにする", "総務課", ("全部局",),
            LegalKind.GUIDELINE, "庁舎管理要領", {"annual_volume": 9000}, 0.8, 6.0,
            R, NC, (C,), False, True, "窓口で台帳に記入、電話で空き照会"),
    "c04": ("郵便物の収受・配付", "届いた文書を確実に担当課へ届ける", "文書課", ("全部局",),
            LegalKind.RULE, "文書管理規則", {"monthly": (1900, 1800, 2600, 2400, 1700, 1800,
            1800, 1600, 1900, 1900, 1800, 2100)}, 2.0, 3.0, R, NC, (P, S), True, False,
            "収受印の押印と受付簿への記入"),
    "c05": ("公用車の運行管理", "公用車を安全に効率よく使う", "総務課", ("総務課",),
            LegalKind.GUIDELINE, "公用車管理要領", {"annual_volume": 1500}, 0.6, 15.0,
            R, NC, (P,), True, True, "運転日誌は紙"),
    "c06": ("超過勤務命令・実績管理", "職員の健康と適正な手当支給", "人事課", ("全部局",),
            LegalKind.LAW, "一般職の職員の給与に関する法律", {"annual_volume": 24000}, 2.5,
            4.0, R, CO, (P, S), False, True, "命令簿に事前押印"),
    "c07": ("物品購入の見積・発注", "必要な物品を適正な価格で調達する", "会計課", ("全部局",),
            LegalKind.LAW, "会計法、予算決算及び会計令", {"annual_volume": 3200}, 2.2, 40.0,
            R, CO, (P, S), False, True, "見積書3者徴取"),
    "c08": ("行政文書の開示請求対応", "国民の知る権利に応える", "文書課", ("全部局",),
            LegalKind.LAW, "行政機関の保有する情報の公開に関する法律",
            {"annual_volume": 380}, 1.8, 420.0, N, CO, (P, C), False, False,
            "不開示部分の判断は担当課と協議"),
    "c09": ("職員研修の受付・出欠管理", "職員の能力開発", "人事課", ("全部局",),
            LegalKind.GUIDELINE, "職員研修実施要綱", {"annual_volume": 2600}, 0.5, 8.0,
            R, NC, (P,), True, True, ""),
    "c10": ("入館証の発行", "庁舎の安全を守る", "総務課", ("総務課",), LegalKind.RULE,
            "庁舎管理規則", {"normal_volume": 120, "busy_volume": 700, "busy_months": (4,)},
            0.4, 12.0, R, NC, (P, C), True, True, "4月に異動者分が集中"),
    "c11": ("国会答弁資料の取りまとめ", "国会審議に正確な答弁を用意する", "総務課",
            ("全部局",), LegalKind.NONE, "", {"annual_volume": 600}, 4.0, 180.0,
            N, CO, (P,), False, False, "深夜に及ぶことが多い"),
    "c12": ("予算要求資料の作成", "必要な予算を確保する", "会計課", ("全部局",),
            LegalKind.LAW, "財政法", {"annual_volume": 150}, 3.0, None, N, CO, (), False,
            False, "8月に集中"),
    "c13": ("共済・福利厚生の手続", "職員の生活を支える", "人事課", ("人事課",),
            LegalKind.LAW, "国家公務員共済組合法", {"annual_volume": 1800}, 0.9, 20.0,
            R, NC, (P, S, C), True, True, "窓口での書類受付"),
    "c14": ("広報誌の編集・発行", "施策を国民に伝える", "広報室", ("広報室",),
            LegalKind.NONE, "", {"annual_volume": 12}, 1.0, None, N, CO, (), True, True,
            "月刊"),
    "c15": ("電話照会への対応", "国民の問い合わせに答える", "広報室", ("全部局",),
            LegalKind.NONE, "", {"annual_volume": 15000}, None, 7.0, N, NC, (C,), True,
            True, "同じ質問が多い"),
}  # fmt: skip

PROPOSALS = (
    ("tanaka", "押印・回付の多い決裁", "紙の決裁文書を持って回る時間を減らしたい", "文書課",
     4000, 15.0, (P, S)),
    ("ito", "名刺の発注", "年に数回だが毎回同じ手順を調べ直している", "総務課", 200, 20.0, (P,)),
)  # fmt: skip

CRITERIA = (
    ("年間業務時間が大きい（削減の効果が大きい）", "棚卸し表の年間業務時間で比べる"),
    ("複数の部局で同じように行っている（横展開できる）", ""),
    ("紙・押印・窓口の工程がある", ""),
    ("職員や利用者からの苦情・照会が多い", ""),
    ("法令の改正なしに見直せる", "根拠が法律の業務は手順の見直しにとどめる"),
)

#: member: {candidate: (effect, feasibility, dots)}
VOTES = {
    "suzuki": {"c01": (5, 5, 2), "c02": (4, 3, 2), "c03": (4, 4, 1)},
    "tanaka": {"c01": (4, 4, 1), "c04": (3, 4, 1), "tanaka.c1": (5, 2, 3)},
    "takahashi": {"c01": (5, 4, 2), "c03": (4, 5, 2), "c06": (4, 2, 1)},
    "watanabe": {"c02": (5, 3, 3), "c15": (4, 3, 2)},
    "ito": {"c01": (4, 5, 1), "c03": (3, 5, 1), "c04": (3, 4, 1), "ito.c1": (2, 5, 2)},
    "yamamoto": {"c02": (4, 4, 2), "c08": (5, 1, 1), "c13": (3, 3, 2)},
    "nakamura": {"c03": (4, 4, 2), "c07": (4, 2, 3)},
    "kato": {"c01": (5, 5, 3), "c02": (4, 4, 2)},
}  # yoshida has not voted

DECISIONS = (
    ("c01", "chosen", "紙・押印が多く全部局で同じ手順。投票1位で、要綱の改正で見直せる"),
    ("c03", "chosen", "効果・実現可能性ともに高く、窓口と電話照会をなくせる"),
    ("c02", "chosen", "年間業務時間が最大。法律に基づくため手順の見直しにとどめる"),
    ("c04", "chosen", "収受印と受付簿の電子化で全部局の配付が早まる"),
    ("tanaka.c1", "deferred", "電子決裁システムの更改（令和9年度）に合わせて検討する"),
    ("c08", "rejected", "法定の判断業務で、効率化より正確さを優先する"),
)  # fmt: skip


def inventory() -> Portfolio:
    portfolio = Portfolio(
        meta=PortfolioMeta(
            title="大臣官房 業務の棚卸しと見直し対象の選定",
            organisation="〇〇省 大臣官房",
            facilitator="sato",
            background="有志職員が大臣官房の業務を棚卸しし、見直す業務を自ら選ぶ。",
        ),
        members=make_sample.members,
    )
    for text, note in CRITERIA:
        portfolio = add_criterion(portfolio, text, note)
    for cid, row in INVENTORY.items():
        name, purpose, owner, bureaus, kind, basis, volumes, fte, minutes = row[:9]
        routine, core, media, outsource, digital, note = row[9:]
        portfolio = add_candidate(
            portfolio,
            Candidate(
                id=cid, name=name, purpose=purpose, owner=owner, bureaus=bureaus,
                shared=len(bureaus) > 1 or bureaus == ("全部局",), legal_kind=kind,
                legal_basis=basis, fte=fte, minutes=minutes, routine=routine, core=core,
                media=media, outsourceable=outsource, digitisable=digital, note=note,
                **volumes,
            ),
        )  # fmt: skip
    return portfolio


def vote(portfolio: Portfolio) -> Portfolio:
    created = dt.datetime(2026, 9, 25, 10, 0, tzinfo=VOTE_CLOSED.tzinfo)
    for n, (member, name, purpose, owner, volume, minutes, media) in enumerate(PROPOSALS):
        candidate = Candidate(
            id="", name=name, purpose=purpose, owner=owner, annual_volume=volume,
            minutes=minutes, media=media, created=created + dt.timedelta(minutes=7 * n),
        )  # fmt: skip
        portfolio = propose(portfolio, member, candidate)
    for member, ballot in VOTES.items():
        for candidate, (effect, feasibility, dots) in ballot.items():
            portfolio = rate(portfolio, member, candidate, effect, feasibility)
            portfolio = place_dots(portfolio, member, candidate, dots)
    portfolio = close_voting(portfolio, now=VOTE_CLOSED)
    for candidate, outcome, reason in DECISIONS:
        portfolio = decide(portfolio, candidate, outcome, reason, owner="小林 直子", date=DECIDED)
    return portfolio


# --------------------------------------------------------------------------- the workshops


def _map(workshop: Workshop, lanes, steps, flows, cases: int) -> Workshop:
    return workshop.edit(
        lanes=tuple(Lane(i, n) for i, n in lanes),
        steps=tuple(steps),
        flows=tuple(Flow(a, b) for a, b in flows),
        settings=workshop.settings.edit(annual_cases=cases),
    )


def meeting_rooms(portfolio: Portfolio) -> Workshop:
    """会議室予約: mapped, one idea piloted since 1 February 2027, measured twice."""
    workshop = workshop_from_candidate(portfolio, "c03", today=dt.date(2026, 10, 20))
    workshop = _map(
        workshop,
        (("staff", "申込職員"), ("desk", "総務課窓口")),
        (
            Step("s1", "空き状況を電話で照会", "staff", StepKind.START, minutes=4,
                 wait_minutes=30, medium=Medium.PHONE),
            Step("s2", "窓口で予約台帳に記入", "desk", minutes=5, wait_minutes=60, medium=C),
            Step("s3", "鍵の受け渡し", "desk", minutes=3, medium=C),
            Step("s4", "利用終了", "staff", StepKind.END),
        ),
        (("s1", "s2"), ("s2", "s3"), ("s3", "s4")),
        9000,
    )  # fmt: skip
    workshop = workshop.edit(meta=workshop.meta.edit(phase=Phase.PILOT))
    at = dt.datetime(2026, 11, 10, 14, 0, tzinfo=VOTE_CLOSED.tzinfo)
    workshop, _ = add_problem(workshop, "suzuki", "空きを聞く電話が1日30件ある", ("s1",), now=at)
    workshop, idea = add_idea(
        workshop, "takahashi", "予約をポータルの予定表で行う",
        steps=("s1", "s2"), action="digitise", reduction=0.8, now=at,
    )  # fmt: skip
    kpi = Kpi("k1", "空き照会の電話（件/週）", baseline=150, target=30, unit="件/週",
              measured_by="suzuki")  # fmt: skip
    return workshop.edit(
        pilot=Pilot(
            title="総務課フロアの会議室でポータル予約を試行",
            purpose="電話と窓口での予約をなくす",
            ideas=(idea.id,),
            scope_unit="総務課フロア",
            start=dt.date(2027, 2, 1),
            weeks=8,
            owner="suzuki",
            kpis=(kpi,),
            measurements=(
                Measurement("m1", "k1", dt.date(2027, 2, 15), 80, by="suzuki"),
                Measurement("m2", "k1", dt.date(2027, 3, 1), 45, by="suzuki"),
            ),
        )
    )


def travel(portfolio: Portfolio) -> Workshop:
    """出張旅費精算: mapped, the members' problems and an idea; no pilot yet."""
    workshop = workshop_from_candidate(portfolio, "c02", today=dt.date(2026, 11, 4))
    workshop = _map(
        workshop,
        (("traveller", "出張者"), ("bureau", "各局庶務"), ("accounts", "会計課")),
        (
            Step("t1", "精算書を作成し領収書を貼付", "traveller", StepKind.START, minutes=25,
                 medium=P),
            Step("t2", "庶務担当が確認・押印", "bureau", minutes=10, wait_minutes=1440, medium=S),
            Step("t3", "会計課が審査", "accounts", minutes=20, wait_minutes=2880, medium=P),
            Step("t4", "支払", "accounts", StepKind.END, minutes=5, medium=Medium.SYSTEM),
        ),
        (("t1", "t2"), ("t2", "t3"), ("t3", "t4")),
        6300,
    )  # fmt: skip
    workshop = workshop.edit(meta=workshop.meta.edit(phase=Phase.IDEAS))
    at = dt.datetime(2026, 11, 18, 15, 0, tzinfo=VOTE_CLOSED.tzinfo)
    workshop, _ = add_problem(workshop, "watanabe", "領収書の貼付と押印のために出勤している",
                              ("t1", "t2"), now=at)  # fmt: skip
    workshop, _ = add_problem(workshop, "yamamoto", "差戻しが多く支払まで3週間かかる", ("t3",),
                              now=at)  # fmt: skip
    workshop, _ = add_idea(
        workshop, "watanabe", "領収書を画像で提出し押印を廃止",
        steps=("t1", "t2"), action="digitise", reduction=0.5, now=at,
    )  # fmt: skip
    return workshop


def build(folder: Path) -> Portfolio:
    """The sample portfolio, built in ``folder``: its workshops first, then its own files."""
    portfolio = vote(inventory())
    workshops = folder / "workshops"
    bihin = workshops / "bihin-kashidashi"
    bihin.mkdir(parents=True)
    storage.create(bihin, make_pilot_sample.build(bihin))
    storage.create(workshops / "kaigishitsu", meeting_rooms(portfolio))
    storage.create(workshops / "ryohi", travel(portfolio))
    yubin = workshop_from_candidate(portfolio, "c04", today=dt.date(2026, 11, 9))
    storage.create(workshops / "yubin", yubin)
    for candidate, slug in (
        ("c01", "bihin-kashidashi"),
        ("c03", "kaigishitsu"),
        ("c02", "ryohi"),
        ("c04", "yubin"),
    ):
        portfolio = link_workshop(portfolio, candidate, f"workshops/{slug}")
    return create_portfolio(folder, portfolio)


def main() -> None:
    target = ROOT / "portfolios" / SLUG
    target.parent.mkdir(exist_ok=True)
    # Build beside the target and swap it in, so a failed run leaves the old sample whole.
    staging = Path(tempfile.mkdtemp(prefix=f".{SLUG}.", dir=target.parent))
    try:
        folder = staging / SLUG
        build(folder)
        if target.exists():
            shutil.rmtree(target)
        shutil.move(str(folder), str(target))
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
