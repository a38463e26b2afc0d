"""Regenerate the second sample workshop, workshops/equipment-lending-pilot/, from this script.

It is the first sample (scripts/make_sample.py) eight weeks later: the pilot of online
lending requests has run in 政策局 from 12 January to 8 March 2027. The tasks were done by
their owners, the KPIs were measured every two weeks, the process was mapped again as it
now runs (a step table at week 4 and at week 8, imported as to-be variants) and the
workload survey re-run on it, and 総務課長 decided to roll the change out to two more
bureaus. One target was missed: the rework rate reached 8%, not 5%.

Everything goes through cocreate's own functions (the step-table importer, the
measurement import, the verification functions), as a facilitator's commands would.
Run ``python scripts/make_pilot_sample.py`` after changing it; never edit the files.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import make_sample  # noqa: E402

from cocreate import storage  # noqa: E402
from cocreate.model import Kpi, Milestone, Phase, Workshop  # noqa: E402
from cocreate.process.steptable import read_steps  # noqa: E402
from cocreate.verify.criteria import add_criterion  # noqa: E402
from cocreate.verify.decide import record_decision  # noqa: E402
from cocreate.verify.issues import add_issue  # noqa: E402
from cocreate.verify.measure import plan_measurements  # noqa: E402
from cocreate.verify.resurvey import import_tobe, measure_from_variant  # noqa: E402
from cocreate.verify.tasks import add_task  # noqa: E402

SLUG = "equipment-lending-pilot"
START = dt.date(2027, 1, 12)
WEEK4 = dt.date(2027, 2, 8)
END = dt.date(2027, 3, 8)
PILOT_CASES = 300  # 政策局 (about 120 staff) makes about 300 of the 2,400 requests a year


def plan(workshop: Workshop) -> Workshop:
    """The plan as it stood when the pilot began: targets set, criteria tied to KPIs."""
    pilot = workshop.pilot
    kpis = {k.id: k for k in pilot.kpis}
    kpis["k1"] = kpis["k1"].edit(target=3000.0)
    kpis["k2"] = kpis["k2"].edit(target=2160.0)  # a day and a half
    kpis["k3"] = kpis["k3"].edit(target=2.0)  # half the paper steps
    calls = "総務課 備品担当が受けた照会電話を記録表に正の字で記入"
    survey = "政策局職員へのアンケート（5段階の上位2つ）。事前は紙の手続について"
    hours = "備品担当2名が日々の作業時間を記入（実績記入）"
    extra = (
        Kpi("k5", "政策局からの照会電話（件/週）", "", 8.0, 4.0, "件/週", calls),
        Kpi("k6", "利用者アンケート「使いやすい」の割合", "", 38.0, 70.0, "%", survey, False),
        Kpi("k7", "総務課 備品担当の作業時間（政策局分）", "", 5.2, 5.2, "時間/週", hours),
    )
    pilot = pilot.edit(
        kpis=(*kpis.values(), *extra),
        milestones=(
            Milestone(START, "試行開始（政策局）"),
            Milestone(dt.date(2027, 2, 9), "中間振り返り"),
            Milestone(dt.date(2027, 3, 5), "効果測定・結果の取りまとめ"),
        ),
    )
    workshop = workshop.edit(
        meta=workshop.meta.edit(phase=Phase.REPORT),
        voting=workshop.voting.edit(closed=True),
        pilot=pilot.edit(rollout_criteria=()),
    )
    for text, conditions in (
        ("照会電話が試行前の半分以下になっている", ["k5<=4"]),
        ("差戻し率が10%以下になっている", ["k4<=0.10"]),
        ("利用者アンケートで7割以上が「使いやすい」と回答", ["k6>=70"]),
        ("総務課の作業時間が増えていない", ["k7<=5.2"]),
    ):
        workshop, _ = add_criterion(workshop, text, conditions)
    return workshop


TASKS = (
    # title, owner, helpers, due, done on (None: cancelled), note
    ("会計課・監査部門と電子記録の扱いを確認", "sato", ("kobayashi",), dt.date(2026, 12, 25),
     dt.date(2026, 12, 22), "フォームの回答記録を物品管理簿の附属書類とすることで了承"),
    ("申請様式を統一し、記入例を作る", "ito", ("suzuki",), dt.date(2027, 1, 8),
     dt.date(2027, 1, 6), "局別の5様式を1つに統合"),
    ("オンライン申請フォームと承認フローを作る", "takahashi", ("watanabe",), dt.date(2027, 1, 8),
     dt.date(2027, 1, 7), "Microsoft Forms と Power Automate。課長承認はフロー上で行う"),
    ("備品の在庫一覧を庁内ポータルに掲載する", "watanabe", (), dt.date(2027, 1, 11),
     dt.date(2027, 1, 11), "貸出・返却のたびに備品担当が更新"),
    ("政策局への周知（説明会と案内文）", "suzuki", ("sato",), dt.date(2027, 1, 11),
     dt.date(2027, 1, 8), "庶務担当者会議で説明、全職員へメール"),
    ("照会電話の件数を毎週記録する", "tanaka", (), END, END, "記録表を備品担当の机に常備"),
    ("中間振り返りを開く", "sato", ("suzuki",), dt.date(2027, 2, 9), dt.date(2027, 2, 9),
     "差戻し理由の集計を共有し、記入例を改訂"),
    ("利用者アンケートを実施し集計する", "yamamoto", ("yoshida",), dt.date(2027, 3, 5),
     dt.date(2027, 3, 4), "回答52名（回収率43%）"),
    ("紙の申請書の受付を終える", "suzuki", (), dt.date(2027, 2, 22), None,
     "中間振り返りで、試行中は紙も受け付けることとした。横展開の際に終了時期を示す"),
)  # fmt: skip


def tasks(workshop: Workshop) -> Workshop:
    """The tasks as they ended: every one done by its owner but one, cancelled at week 4."""
    for title, owner, helpers, due, done, note in TASKS:
        status, on = ("done", done) if done else ("cancelled", dt.date(2027, 2, 9))
        workshop, _ = add_task(
            workshop, title, owner, helpers=helpers, due=due, status=status, note=note, today=on
        )
    return workshop


HEADER = ("ID", "工程", "担当", "種別", "所要時間(分)", "待ち時間(分)", "年間件数", "媒体")
HEADER += ("次工程", "備考")
APPLICANT, CHIEF = "申請者（各課職員）", "所属課長"
GENERAL, ACCOUNTING = "総務課 備品担当", "会計課 物品管理官"


def tobe_rows(s02: float, s03: float, s06: float, approval_wait: float, rework: float) -> list:
    """The process as 政策局 runs it: online form, approval in the flow, inventory online."""
    checked = f"s03（{rework * 100:g}%）、s08（{100 - rework * 100:g}%）"

    def row(id, name, lane, kind, minutes, wait, medium, after, note="", volume=""):
        return (id, name, lane, kind, minutes, wait, volume, medium, after, note)

    return [
        row("s01", "備品の貸出が必要になる", APPLICANT, "開始", "", "", "", "s02", "", PILOT_CASES),
        row("s02", "在庫一覧をポータルで確認（不明時のみ電話）", APPLICANT, "作業", s02, 10,
            "システム", "s03", "ポータルの在庫一覧"),
        row("s03", "オンラインフォームで申請（統一様式・記入例付き）", APPLICANT, "作業", s03, 0,
            "システム", "s04", "Microsoft Forms"),
        row("s04", "所属課長の承認（フォームの承認フロー）", CHIEF, "作業", 2, approval_wait,
            "システム", "s06", "押印に代えてフロー上で承認"),
        row("s06", "申請内容の確認", GENERAL, "作業", s06, 0, "システム", "s07"),
        row("s07", "記載漏れ・不備はないか", GENERAL, "判断", 1, 0, "システム", checked,
            "差戻しはフォームのコメントで"),
        row("s08", "物品管理簿と紙台帳で在庫確認", GENERAL, "作業", 8, 0, "システム", "s09"),
        row("s09", "物品管理官の承認・押印", ACCOUNTING, "作業", 5, 720, "押印", "s10"),
        row("s10", "貸出・受領印の押印", GENERAL, "作業", 10, 0, "窓口", "s11"),
        row("s11", "期限内に返却されたか", GENERAL, "判断", 2, 0, "システム",
            "s13（85%）、s12（15%）"),
        row("s12", "返却の督促（メール・電話）", GENERAL, "作業", 12, 2880, "メール", "s13"),
        row("s13", "返却・点検", GENERAL, "作業", 10, 0, "窓口", "s14"),
        row("s14", "管理簿・台帳の更新と月次報告", GENERAL, "作業", 6, 0, "紙", "s15"),
        row("s15", "貸出完了", GENERAL, "終了", "", "", "", ""),
    ]  # fmt: skip


def _csv(rows, header) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


MEASUREMENTS = (
    # kpi, date, value, method, by, note
    ("k4", "2027-01-25", "14%", "実績記入", "suzuki", "第2週：申請21件のうち差戻し3件"),
    ("k4", "2027-02-08", "11%", "実績記入", "suzuki", "第4週：主な不備は「使用目的」の記載不足"),
    ("k4", "2027-02-22", "9%", "実績記入", "suzuki", "第6週：記入例の改訂後"),
    ("k4", "2027-03-08", "8%", "実績記入", "suzuki", "8週間の累計（申請48件、差戻し4件）"),
    ("k5", "2027-01-25", "6件", "実績記入", "tanaka", "第1〜2週の平均。使い方の問合せを含む"),
    ("k5", "2027-02-08", "4件", "実績記入", "tanaka", "第3〜4週の平均"),
    ("k5", "2027-02-22", "3件", "実績記入", "tanaka", "第5〜6週の平均"),
    ("k5", "2027-03-08", "3件", "実績記入", "tanaka", "第7〜8週の平均"),
    ("k6", "2027-02-08", "64%", "アンケート", "yamamoto", "中間アンケート、回答45名"),
    ("k6", "2027-03-04", "78%", "アンケート", "yamamoto", "終了時アンケート、回答52名"),
    ("k7", "2027-01-25", "5.6時間", "実績記入", "tanaka", "紙とフォームの併用で一時的に増加"),
    ("k7", "2027-02-08", "5.3時間", "実績記入", "tanaka", ""),
    ("k7", "2027-02-22", "4.9時間", "実績記入", "tanaka", ""),
    ("k7", "2027-03-08", "4.7時間", "実績記入", "tanaka", "第7〜8週の平均"),
)

ISSUES = (
    ("試行の最初の2週間、フォームの入力方法についての電話が増えた",
     "フォームの各欄に記入例を表示し、よくある質問をポータルに掲載した。第3週以降は減少", ("k5",)),
    ("差戻し率が目標の5%に届かず8%にとどまった。不備の多くは「使用目的」欄の記載不足",
     "「使用目的」を選択式にし、横展開の前にフォームへ反映する", ("k4",)),
    ("在庫一覧の更新が返却当日に間に合わない日があった（第2〜3週に4回）",
     "返却・点検の直後にその場で更新する手順に改め、第5週以降は遅れなし", ()),
    ("紙の申請も受け付けたため、紙で届く申請が約1割残った",
     "横展開の際に紙の受付終了時期を周知する（タスクt9は中止し持ち越し）", ("k3",)),
)  # fmt: skip


def build(folder: Path) -> Workshop:
    """The pilot sample, built in ``folder`` (its data/ files are written there too)."""
    workshop = tasks(plan(make_sample.build()))
    data = folder / "data"
    data.mkdir(parents=True)
    for name, variant_id, title, args, on in (
        ("tobe-week4.csv", "tobe-w4", "政策局の試行（第4週）", (4, 8, 8, 600, 0.11), WEEK4),
        ("tobe-week8.csv", "tobe-w8", "政策局の試行（第8週・終了時）", (3, 6, 7, 480, 0.08), END),
    ):
        path = data / name
        path.write_text(_csv(tobe_rows(*args), HEADER), encoding="utf-8")
        imported = read_steps(path)
        workshop, _ = import_tobe(
            workshop, imported, variant_id, name=title, unit="政策局",
            source=f"data/{name}", notes=("試行中の業務を担当者が工程表に記入（実績記入）",),
        )  # fmt: skip
        workshop, _ = measure_from_variant(
            workshop, variant_id, on, by="sato", method="実績記入",
            note=f"{title}の工程表で業務量調査を再実施",
        )  # fmt: skip
    table = data / "measurements.csv"
    rows = [(k, d, v, m, b, n) for k, d, v, m, b, n in MEASUREMENTS]
    table.write_text(
        _csv(rows, ("指標", "測定日", "実績値", "測定方法", "測定者", "備考")), encoding="utf-8"
    )
    measured = plan_measurements(workshop, table)
    if measured.problems:
        raise SystemExit("\n".join(str(p) for p in measured.problems))
    workshop = measured.workshop
    for text, response, kpis in ISSUES:
        workshop, _ = add_issue(workshop, text, response, kpis)
    workshop, _ = record_decision(
        workshop,
        "横展開",
        by="kobayashi",
        reasons=(
            "横展開の判断基準4項目をすべて満たした（照会電話は週8件から3件、差戻し率8%、"
            "「使いやすい」78%、総務課の作業時間は週5.2時間から4.7時間）",
            "再実施した業務量調査で、年間の削減時間が試算を上回った",
            "差戻し率は目標の5%に届かなかったため、「使用目的」欄の選択式化を横展開の前に行う",
        ),
        units=("情報政策局", "地域振興局"),
        start=dt.date(2027, 4, 12),
        date=dt.date(2027, 3, 23),
    )
    return workshop


def main() -> None:
    target = ROOT / "workshops" / SLUG
    # Build beside the target and swap it in, so a failed run leaves the old sample whole.
    staging = Path(tempfile.mkdtemp(prefix=f".{SLUG}.", dir=target.parent))
    try:
        folder = staging / SLUG
        storage.create(folder, build(folder))
        if target.exists():
            shutil.rmtree(target)
        shutil.move(str(folder), str(target))
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
