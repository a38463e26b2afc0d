"""The verification from the command line: one line and exit 2 for bad input, nothing written."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from cocreate import storage
from cocreate.model import MeasurementMethod, Outcome, TaskStatus, VariantKind


def _bytes(folder):
    return (folder / "workshop.toml").read_bytes()


def test_tasks_are_added_edited_done_listed_and_removed(sample, cli):
    result = cli("task", "add", sample, "--title", "申請フォームを作る", "--owner", "takahashi",
                 "--helpers", "ito,watanabe", "--due", "2027-01-08")  # fmt: skip
    assert (result.code, result.out) == (0, "t1\n")
    assert cli("task", "add", sample, "--title", "周知").err.startswith(
        "warning: task t2 has no owner"
    )
    assert cli("task", "edit", sample, "t2", "--owner", "suzuki", "--status", "進行中").code == 0
    assert cli("task", "done", sample, "t1", "--on", "2027-01-07").code == 0
    tasks = storage.load(sample).pilot.tasks
    assert [(t.id, t.owner, t.status) for t in tasks] == [
        ("t1", "takahashi", TaskStatus.DONE),
        ("t2", "suzuki", TaskStatus.IN_PROGRESS),
    ]
    assert tasks[0].done_on == dt.date(2027, 1, 7) and tasks[0].helpers == ("ito", "watanabe")
    assert cli("task", "edit", sample, "t1", "--due", "none").code == 0
    assert storage.load(sample).pilot.tasks[0].due is None
    listed = json.loads(cli("task", "list", sample, "--json").out)
    assert [row["id"] for row in listed] == ["t1", "t2"]
    text = cli("task", "list", sample, "--lang", "ja").out
    assert "完了" in text and "高橋 翔 (takahashi)" in text and "進行中" in text
    assert cli("task", "remove", sample, "t2").code == 0
    assert [t.id for t in storage.load(sample).pilot.tasks] == ["t1"]


def test_an_overdue_task_shows_in_check(sample, cli):
    yesterday = (dt.date.today() - dt.timedelta(days=1)).isoformat()
    cli("task", "add", sample, "--title", "記入例を作る", "--owner", "ito", "--due", yesterday)
    result = cli("check", sample, "--json")
    found = {(f["code"], f["subject"]) for f in json.loads(result.out)}
    assert ("task-overdue", "t1") in found


#: Every warning of the pilot's verification (cocreate.verify.checks.warnings).
VERIFY_CODES = {"task-no-owner", "task-owner-helper", "task-overdue", "milestone-outside",
                "measured-before-start", "measurement-range", "criterion-unlinked"}  # fmt: skip


def _every_verify_warning(workshop):
    from cocreate.model import Measurement, Milestone, Task

    late = dt.date.today() - dt.timedelta(days=3)
    pilot = workshop.pilot
    return workshop.edit(pilot=pilot.edit(
        tasks=(
            Task("t1", "持ち主のいない作業"),
            Task("t2", "兼務の作業", owner="ito", helpers=("ito",)),
            Task("t3", "遅れた作業", owner="suzuki", due=late),
            Task("t4", "進行中の遅れ", owner="suzuki", due=late, status=TaskStatus.IN_PROGRESS),
        ),
        measurements=(
            Measurement("m1", "k4", dt.date(2027, 1, 5), 0.1),  # before the start
            Measurement("m2", "k4", dt.date(2027, 2, 1), 12.0),  # a share over 1
            Measurement("m3", "k3", dt.date(2027, 2, 1), 2.5),  # a count, not whole
        ),
        milestones=(Milestone(dt.date(2027, 1, 4), "準備会"), *pilot.milestones),
    ))  # fmt: skip


@pytest.mark.parametrize("how", ["COCREATE_LANG", "workshop"])
def test_check_says_the_pilots_warnings_in_japanese(sample, cli, monkeypatch, how):
    storage.update_workshop(sample, _every_verify_warning)
    found = [f for f in json.loads(cli("check", sample, "--json").out) if f["code"] in VERIFY_CODES]
    assert {f["code"] for f in found} == VERIFY_CODES
    if how == "COCREATE_LANG":
        monkeypatch.setenv("COCREATE_LANG", "ja")
    else:  # the workshop's own language, the locale English
        storage.update_workshop(sample, lambda w: w.edit(settings=w.settings.edit(language="ja")))
    out = cli("check", sample).out
    for finding in found:
        line = next(x for x in out.splitlines() if f": {finding['field']}: " in x)
        assert line.startswith("警告: "), line
        assert finding["message"] not in line, line  # not the English words
        assert any(ord(ch) > 0x3000 for ch in line.rsplit(f"{finding['field']}: ", 1)[1]), line
    for said in (
        "タスク t1 に主担当がいません",
        "タスク t2：主担当 ito が協力者にも入っています",
        "まだ未着手です",
        "まだ進行中です",
        "マイルストーン「準備会」（2027-01-04）が試行期間（2027-01-12〜2027-03-08）の外にあります"
        "：開始の 8 日前",
        "：終了の 1 日後",
        "測定 m1 の日付 2027-01-05 は試行の開始（2027-01-12）より前です",
        "測定 m2 の値 12 は範囲外です：KPI k4（差戻し率）は 0〜1 の割合です（0.12 か 12% と",
        "測定 m3 の値 2.5 は整数ではありません：KPI k3 は 箇所 を数えます",
    ):
        assert said in out, said


def test_a_measurement_is_recorded_and_listed(sample, cli):
    result = cli("measure", sample, "--kpi", "k4", "--value", "12%", "--date", "2027-01-26",
                 "--method", "実績記入", "--by", "suzuki", "--note", "第2週")  # fmt: skip
    assert (result.code, result.out) == (0, "m1\n")
    (m,) = storage.load(sample).pilot.measurements
    assert (m.kpi, m.value, m.method, m.by, m.note) == (
        "k4",
        0.12,
        MeasurementMethod.RECORDED,
        "suzuki",
        "第2週",
    )
    assert json.loads(cli("measure", sample, "--json").out)[0]["id"] == "m1"
    assert cli("measure", sample, "--remove", "m1").code == 0
    assert storage.load(sample).pilot.measurements == ()


BAD = [
    ("k9 1 2027-02-01", "--kpi: unknown KPI 'k9'; KPIs: k1, k2, k3, k4"),
    ("k4 0.1 2027-01-11", "--date: 2027-01-11 is before the pilot started (2027-01-12)"),
    ("k4 12 2027-02-01", "--value: 12 is out of range: KPI k4 (差戻し率) is a share between 0"
     " and 1; write 0.12 or 12%"),
    ("k2 3件 2027-02-01", "--value: '3件' is in another unit: KPI k2 (リードタイム（分）) is 分"),
    ("k4 abc 2027-02-01", "--value: 'abc' is not a number"),
    ("k4 0.1 2027-02-01 --by ghost", "--by: 'ghost' is not a member of the workshop"),
]  # fmt: skip


@pytest.mark.parametrize(("given", "message"), BAD)
def test_a_bad_measurement_is_one_line_exit_2_and_nothing_written(sample, cli, given, message):
    kpi, value, date, *more = given.split()
    before = _bytes(sample)
    result = cli("measure", sample, "--kpi", kpi, "--value", value, "--date", date, *more)
    assert (result.code, result.err) == (2, f"cocreate: {sample}: {message}\n")
    assert _bytes(sample) == before


def test_a_measurement_needs_a_date(sample, cli):
    result = cli("measure", sample, "--kpi", "k4", "--value", "0.1")
    assert (result.code, result.err) == (2, f"cocreate: {sample}: --date is needed with --kpi\n")


def test_a_bad_date_on_the_command_line_is_one_line(sample, cli):
    result = cli("measure", sample, "--kpi", "k4", "--value", "0.1", "--date", "2027-13-01")
    assert result.code == 2 and result.err.count("\n") == 1
    assert "'2027-13-01' is not a date (YYYY-MM-DD)" in result.err


def test_a_table_imports_all_rows_or_none(sample, cli, tmp_path):
    good = tmp_path / "measurements.csv"
    good.write_text("kpi,date,value,method\nk4,2027-01-26,0.12,実績記入\nk4,2027-02-23,8%,\n",
                    encoding="utf-8-sig")  # fmt: skip
    result = cli("measure", sample, "--import", good)
    assert (result.code, result.out) == (0, "m1\nm2\n")
    assert "2 measurement(s) imported" in result.err
    assert cli("measure", sample, "--import", good).out == ""  # the same rows again: skipped
    bad = tmp_path / "bad.csv"
    bad.write_text("kpi,date,value\nk4,2027-03-01,0.07\nk9,2027-03-01,1\nk4,2027-03-02,x\n",
                   encoding="utf-8")  # fmt: skip
    before = _bytes(sample)
    result = cli("measure", sample, "--import", bad)
    assert result.code == 2
    assert result.err.splitlines() == [
        f"cocreate: {bad}:row 3: kpi: unknown KPI 'k9'; KPIs: k1, k2, k3, k4",
        f"cocreate: {bad}:row 4: value: 'x' is not a number (2 bad row(s); nothing imported)",
    ]
    assert _bytes(sample) == before


def test_a_to_be_map_is_imported_and_measured(sample, cli, tmp_path):
    table = tmp_path / "tobe.csv"
    table.write_text(
        "ID,工程,担当,種別,所要時間(分),年間件数,次工程\n"
        "s01,開始,申請者,開始,,300,s03\n"
        "s03,フォームで申請,申請者,作業,6,,s06\n"
        "s06,確認,総務課,作業,7,,s15\n"
        "s15,完了,総務課,終了,,,\n",
        encoding="utf-8",
    )
    result = cli("import", "tobe", table, "--into", sample, "--variant", "tobe", "--name", "試行")
    assert result.code == 0, result.err
    variant = storage.load(sample).variant("tobe")
    assert variant.kind == VariantKind.TO_BE and variant.sources == ("../tobe.csv",)
    again = cli("import", "tobe", table, "--into", sample, "--variant", "tobe")
    assert again.code == 2 and "pass --replace" in again.err
    result = cli("measure", sample, "--variant", "tobe", "--date", "2027-03-08", "--by", "sato")
    assert result.out.split() == ["m1", "m2", "m3"]
    found = {m.kpi: m for m in storage.load(sample).pilot.measurements}
    # (6 + 7) minutes a case, at the as-is's 2,400 cases a year
    assert found["k1"].value == pytest.approx(2400 * 13 / 60)
    assert found["k1"].variant == "tobe"
    data = json.loads(cli("evaluate", sample, "--json").out)
    assert data["savings"]["source"] == "resurvey" and data["savings"]["variant"] == "tobe"
    assert data["kpis"][0]["latest_id"] == "m1"


def test_criteria_are_linked_and_judged(sample, cli):
    assert cli("criterion", "link", sample, "2", "--kpi", "k4<=0.1").out == "r2\n"
    cli("measure", sample, "--kpi", "k4", "--value", "8%", "--date", "2027-03-02")
    listed = json.loads(cli("criterion", "list", sample, "--json").out)
    assert [(c["ref"], c["verdict"]) for c in listed] == [
        ("r1", "not-measurable"), ("r2", "met"), ("r3", "not-measurable"), ("r4", "not-measurable")
    ]  # fmt: skip
    assert listed[1]["evidence"] == ["m1"]
    assert cli("criterion", "add", sample, "--text", "満足度7割", "--kpi", "k9").code == 2


def test_the_decision_is_logged_and_needs_reasons(sample, cli):
    before = _bytes(sample)
    result = cli("decide", sample, "--outcome", "横展開", "--by", "kobayashi", "--units", "A局")
    assert (result.code, result.err) == (
        2,
        f"cocreate: {sample}: --reason: a decision needs at least one reason\n",
    )
    result = cli("decide", sample, "--outcome", "rollout", "--by", "kobayashi", "--reason", "x")
    assert result.code == 2 and "--units: a rollout" in result.err
    assert _bytes(sample) == before
    scope = ("--units", "情報政策局,地域振興局", "--from", "2027-04-12", "--date", "2027-03-23")
    result = cli("decide", sample, "--outcome", "横展開", "--by", "kobayashi",
                 "--reason", "基準を満たした", *scope, "--lang", "ja")  # fmt: skip
    assert result.out == "試行の判断：横展開（情報政策局、地域振興局、2027年4月12日から）\n"
    decision = storage.load(sample).decisions[-1]
    assert decision.owner == "kobayashi" and decision.rollout.outcome == Outcome.ROLLOUT
    assert decision.rollout.units == ("情報政策局", "地域振興局")
    data = json.loads(cli("evaluate", sample, "--json").out)
    assert data["stage"] == "decided" and data["decision"]["from"] == "2027-04-12"


def test_a_workshop_that_is_not_there_is_one_line(tmp_path, cli):
    result = cli(
        "measure", tmp_path / "nowhere", "--kpi", "k1", "--value", "1", "--date", "2027-02-01"
    )
    assert result.code == 2 and result.err.count("\n") == 1
    assert not (tmp_path / "nowhere").exists()


def test_measurements_recorded_at_once_by_several_people_are_all_kept(sample):
    """Four processes record at the same moment; the lock makes each see the others' saves."""
    import os
    import subprocess
    import sys

    from tests.conftest import ROOT

    env = dict(os.environ, PYTHONPATH=str(ROOT))
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "cocreate",
                "measure",
                str(sample),
                "--kpi",
                "k4",
                "--value",
                f"0.{10 + n}",
                "--date",
                f"2027-02-0{n + 1}",
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for n in range(4)
    ]
    outs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0] * 4, [err for _out, err in outs]
    found = storage.load(sample).pilot.measurements
    assert sorted(m.value for m in found) == [0.10, 0.11, 0.12, 0.13]
    assert sorted(m.id for m in found) == ["m1", "m2", "m3", "m4"]
    assert sorted(out.strip() for out, _err in outs) == ["m1", "m2", "m3", "m4"]
