"""The results report (実証結果報告書): its sections, figures, traceability and escaping."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from cocreate import storage
from cocreate.reports import html, markdown
from cocreate.reports.assemble import Image, Table
from cocreate.reports.results import export_results, output_names
from cocreate.reports.results.assemble import SECTIONS, assemble_results
from cocreate.verify.evaluate import evaluate
from tests.conftest import ROOT
from tests.report_payloads import PAYLOADS

PILOT = ROOT / "workshops" / "equipment-lending-pilot"
DAY = dt.date(2027, 3, 24)


@pytest.fixture(scope="module")
def workshop():
    return storage.load(PILOT)


@pytest.fixture(scope="module")
def report_ja(workshop):
    return assemble_results(workshop, "ja", today=DAY)


def _table(report, name):
    for section in report.sections:
        for block in section.blocks:
            if isinstance(block, Table) and block.name == name:
                return block
    raise KeyError(name)


def test_the_sections_are_those_of_a_results_report(report_ja):
    assert [s.title for s in report_ja.sections] == [
        "概要", "実施内容", "KPIの測定結果", "業務量の比較（試行前と試行後）", "判断基準の評価",
        "課題と対応", "結論と次の展開", "参考資料 (Appendix)",
    ]  # fmt: skip
    assert report_ja.subtitle == "実証結果報告書"
    assert [s.id for s in report_ja.sections] == [s[0] for s in SECTIONS]


def test_the_tasks_are_listed_with_their_one_owner(report_ja, workshop):
    tasks = _table(report_ja, "tasks")
    assert len(tasks.rows) == len(workshop.pilot.tasks)
    row = next(r for r in tasks.rows if r[0] == "t3")
    assert row[2] == "高橋 翔 (takahashi)" and row[3] == ("渡辺 さくら",)
    assert next(r for r in tasks.rows if r[0] == "t9")[5] == "中止"


def test_each_kpi_has_a_row_a_chart_with_words_and_its_data(report_ja, workshop):
    result = evaluate(workshop)
    kpis = _table(report_ja, "kpis")
    assert [r[0] for r in kpis.rows] == [k.id for k in workshop.pilot.kpis]
    k4 = next(r for r in kpis.rows if r[0] == "k4")
    assert k4[2:5] == ("20%", "5%", "8%") and k4[6:8] == ("80%", "未達")
    images = {i.name: i for i in report_ja.images}
    assert set(images) == {f"kpi-{k.id}" for k in workshop.pilot.kpis}
    assert all(isinstance(i, Image) and i.data.startswith(b"\x89PNG") for i in images.values())
    assert "基準値20%、目標値5%" in images["kpi-k4"].alt and "8%" in images["kpi-k4"].alt
    data = _table(report_ja, "measurements-k4")
    assert [r[0] for r in data.rows] == [m.id for m in result.kpi("k4").measurements]


def test_the_workload_compares_before_estimate_and_after(report_ja, workshop):
    survey = evaluate(workshop).resurvey
    rows = {r[0]: r for r in _table(report_ja, "workload").rows}
    hours = rows["年間業務時間"]
    assert hours[1] == f"{survey.before.annual_hours:,.0f}時間"
    assert hours[3] == f"{survey.after.annual_hours:,.0f}時間"
    by_idea = _table(report_ja, "by_idea")
    assert by_idea.rows[-1][0] == "改善案以外の変更"
    assert any(
        "s05 申請書を総務課へ持参：15分→6分→廃止" in line for r in by_idea.rows for line in r[4]
    )


def test_every_figure_traces_to_its_ids(report_ja, workshop):
    trace = _table(report_ja, "trace")
    figures = [r[0] for r in trace.rows]
    for kpi in workshop.pilot.kpis:
        assert any(f.startswith(f"{kpi.id} ") for f in figures)
    k4 = next(r for r in trace.rows if r[0].startswith("k4 "))
    measured = {m.id for m in workshop.pilot.measurements if m.kpi == "k4"}
    assert set(k4[3].split(", ")) == measured
    assert "ito.i1" in k4[4] and "suzuki.p1" in k4[6]
    assert any(r[0] == "年間削減時間（実測）" for r in trace.rows)
    criteria = [r for r in trace.rows if r[0].startswith("r")]
    assert len(criteria) == 4 and all(r[3] != "—" for r in criteria)


def test_the_conclusion_carries_the_decision(report_ja):
    section = report_ja.section("conclusion")
    rows = dict(section.blocks[0].rows)
    assert rows["判断"] == "横展開" and rows["次の対象"] == "情報政策局、地域振興局"
    assert rows["判断者"] == "小林 直子"
    summary = dict(report_ja.summary[0].rows)
    assert summary["結論"] == "横展開（情報政策局、地域振興局へ、2027年4月12日から）"
    assert "未達：k4 差戻し率" in summary["KPI"]


def test_the_english_report_has_the_same_shape(workshop, report_ja):
    en = assemble_results(workshop, "en", figures=False, today=DAY)
    assert [s.id for s in en.sections] == [s.id for s in report_ja.sections]
    assert en.subtitle == "Pilot results report"
    assert (
        dict(en.summary[0].rows)["Conclusion"]
        == "roll out to 情報政策局, 地域振興局 from 12 Apr 2027"
    )
    assert "未達" not in html.render(en)


def test_a_workshop_not_yet_measured_still_gets_a_report():
    report = assemble_results(storage.load(ROOT / "workshops" / "equipment-lending"), "ja",
                              figures=False, today=DAY)  # fmt: skip
    text = html.render(report)
    assert "測定値がないため評価できない" in text
    assert "横展開の判断はまだ記録されていない" in text


def _poisoned(workshop):
    n = len(PAYLOADS)
    pilot = workshop.pilot
    tasks = tuple(t.edit(title=PAYLOADS[i % n], note=PAYLOADS[(i + 1) % n])
                  for i, t in enumerate(pilot.tasks))  # fmt: skip
    measurements = tuple(m.edit(note=PAYLOADS[i % n]) for i, m in enumerate(pilot.measurements))
    issues = tuple(q.edit(text=PAYLOADS[i % n], response=PAYLOADS[(i + 2) % n])
                   for i, q in enumerate(pilot.issues))  # fmt: skip
    criteria = tuple(c.edit(text=PAYLOADS[i % n]) for i, c in enumerate(pilot.criteria))
    kpis = tuple(k.edit(name=PAYLOADS[(i + 5) % n]) for i, k in enumerate(pilot.kpis))
    decisions = tuple(
        d.edit(rollout=d.rollout.edit(reasons=PAYLOADS[:3], units=PAYLOADS[3:5]))
        if d.rollout
        else d
        for d in workshop.decisions
    )
    pilot = pilot.edit(tasks=tasks, measurements=measurements, issues=issues, criteria=criteria,
                       kpis=kpis)  # fmt: skip
    return workshop.edit(pilot=pilot, decisions=decisions)


def test_participant_text_is_escaped_in_html_and_markdown(workshop):
    report = assemble_results(_poisoned(workshop), "ja", today=DAY)
    page = html.render(report)
    tags = set(re.findall(r"<([a-zA-Z][a-zA-Z0-9]*)", page))
    assert tags <= {"html", "head", "meta", "title", "style", "body", "header", "div", "h1",
                    "h2", "h3", "h4", "table", "tbody", "tr", "th", "td", "thead", "section",
                    "nav", "ol", "ul", "li", "a", "main", "p", "figure", "img", "figcaption",
                    "caption", "footer", "br"}  # fmt: skip
    images = re.findall(r"<img ([^>]*)>", page)
    assert len(images) == len(workshop.pilot.kpis)
    assert all(re.fullmatch(r'src="data:image/png;base64,[A-Za-z0-9+/=]+" alt="[^"<>]*"', i)
               for i in images)  # fmt: skip
    assert "&lt;script&gt;window.__xss=1&lt;/script&gt;" in page
    text, _files = markdown.render(report, "results-ja-figures")
    assert "<script" not in text and "](javascript" not in text


def test_export_writes_everything_at_once_and_the_cli_switches_kind(workshop, tmp_path, cli):
    written = export_results(workshop, tmp_path / "out", "ja", today=DAY)
    names = output_names("ja")
    assert tmp_path / "out" / names["html"] in written
    assert sorted(p.name for p in (tmp_path / "out" / names["figures"]).iterdir()) == sorted(
        f"kpi-{k.id}.png" for k in workshop.pilot.kpis
    )
    md = (tmp_path / "out" / names["md"]).read_text(encoding="utf-8")
    assert "](results-ja-figures/kpi-k4.png)" in md
    result = cli("report", PILOT, "-o", tmp_path / "cli", "--kind", "results", "--lang", "en",
                 "--format", "md")  # fmt: skip
    assert result.code == 0 and result.out.strip().endswith("results-en.md")
    assert (
        cli("report", PILOT, "-o", tmp_path / "p", "--format", "html")
        .out.strip()
        .endswith("report-ja.html")
    )
    bad = tmp_path / "afile"
    bad.write_text("x", encoding="utf-8")
    result = cli("report", PILOT, "-o", bad, "--kind", "results")
    assert result.code == 2 and result.err.count("\n") == 1


def test_the_proposal_lists_the_tasks_with_their_owners_and_the_linked_criteria(workshop):
    from cocreate.reports.assemble import BulletList, assemble

    report = assemble(workshop, "ja", figures=False, today=DAY)
    tasks = _table(report, "tasks")
    assert [r[0] for r in tasks.rows] == [r[0] for r in _table(assemble_results(
        workshop, "ja", figures=False, today=DAY), "tasks").rows]  # fmt: skip
    assert any(r[2] == "伊藤 大輔 (ito)" for r in tasks.rows)
    lists = [b for b in report.section("rollout").blocks if isinstance(b, BulletList)]
    assert lists[0].items == tuple(c.text for c in workshop.pilot.criteria)
    # a plan without tasks shows none, and keeps its free-text criteria
    plain = assemble(storage.load(ROOT / "workshops" / "equipment-lending"), "ja", figures=False)
    with pytest.raises(KeyError):
        _table(plain, "tasks")
    first = next(b for b in plain.section("rollout").blocks if isinstance(b, BulletList))
    assert len(first.items) == 4
