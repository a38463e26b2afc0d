"""The portfolio from the command line: create, vote, start a candidate's workshop, dashboard."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest

from cocreate import storage
from cocreate.storage.portfolio import load_portfolio
from tests.conftest import ROOT, run_process

SAMPLE = ROOT / "portfolios" / "kanbo"
TODAY = "2027-03-10"


@pytest.fixture
def pf(tmp_path: Path, cli) -> Path:
    folder = tmp_path / "pf"
    assert cli("new-portfolio", folder, "--title", "棚卸し", "--organisation", "〇〇市",
               "--facilitator", "fac", "--facilitator-name", "進行 役").code == 0  # fmt: skip
    for args in (
        ("member", folder, "a", "A"),
        ("member", folder, "b", "B"),
        ("add", folder, "--name", "住民票の交付", "--owner", "市民課", "--volume", "12000",
         "--minutes", "6", "--medium", "counter"),
        ("add", folder, "--name", "旅費精算", "--fte", "1.5"),
    ):  # fmt: skip
        result = cli("portfolio", *args)
        assert result.code == 0, result.err
    return folder


def test_members_vote_and_the_facilitator_decides(pf, cli):
    assert (
        cli("portfolio", "rate", pf, "--as", "a", "c1", "--effect", "5", "--feasibility", "4").code
        == 0
    )
    assert cli("portfolio", "dot", pf, "--as", "a", "c1", "3").code == 0
    over = cli("portfolio", "dot", pf, "--as", "a", "c2", "3")
    assert over.code == 2 and "at most 2 can go on c2" in over.err
    hidden = cli("portfolio", "tally", pf, "--as", "b")
    assert hidden.code == 2 and "hidden until" in hidden.err
    assert cli("portfolio", "voting", pf, "--close").code == 0
    late = cli("portfolio", "rate", pf, "--as", "b", "c1", "--effect", "1", "--feasibility", "1")
    assert late.code == 2 and "voting is closed" in late.err
    shown = cli("portfolio", "tally", pf, "--as", "b", "--json", "--matrix", pf / "m.svg")
    assert shown.code == 0
    assert '"not_voted": [\n    "b"\n  ]' in shown.out
    assert (pf / "m.svg").read_text(encoding="utf-8").startswith("<svg")
    assert cli("portfolio", "decide", pf, "c1", "chosen", "--reason", "窓口が混む").code == 0
    portfolio = load_portfolio(pf)
    assert portfolio.voting.closed and portfolio.decision_of("c1").reason == "窓口が混む"
    assert [d.count for d in portfolio.dots] == [3]


def test_new_from_candidate_carries_the_data_over_and_links_it(pf, cli):
    target = pf / "workshops" / "juminhyo"
    result = cli("new", target, "--from-candidate", "c1")
    assert result.code == 0, result.err
    workshop = storage.load(target)
    assert workshop.meta.title == "住民票の交付"
    assert workshop.meta.organisation == "〇〇市 市民課"
    assert workshop.settings.annual_cases == 12000
    assert [m.id for m in workshop.members] == ["fac", "a", "b"]
    portfolio = load_portfolio(pf)
    assert portfolio.link_of("c1").folder == "workshops/juminhyo"
    again = cli("new", pf / "workshops" / "other", "--from-candidate", "c1")
    assert again.code == 2 and "already has a workshop" in again.err
    assert not (pf / "workshops" / "other").exists()


def test_new_from_candidate_outside_a_portfolio_is_refused(tmp_path, cli):
    result = cli("new", tmp_path / "w", "--from-candidate", "c1")
    assert result.code == 2 and "not inside a portfolio" in result.err
    assert not (tmp_path / "w").exists()


def test_new_still_needs_a_title_without_a_candidate(tmp_path, cli):
    result = cli("new", tmp_path / "w")
    assert result.code == 2 and "--title" in result.err


def test_import_a_bad_sheet_exits_2_with_one_line(pf):
    sheet = pf / "inventory.csv"
    sheet.write_bytes("業務名,年間件数\n旅費,abc\n".encode("cp932"))
    before = (pf / "portfolio.toml").read_bytes()
    result = run_process("portfolio", "import", pf, sheet)
    assert result.code == 2
    line = f"cocreate: {sheet}:row 2: column B (年間件数): not a number: 'abc'"
    assert result.err.strip() == line
    assert (pf / "portfolio.toml").read_bytes() == before


def test_export_and_import_keep_the_inventory(pf, cli, tmp_path):
    out = tmp_path / "inv.xlsx"
    assert cli("portfolio", "export", pf, "-o", out).code == 0
    before = load_portfolio(pf).inventory
    result = cli("portfolio", "import", pf, out)
    assert result.code == 0 and "0 added, 2 updated" in result.out
    assert load_portfolio(pf).inventory == before


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    target = tmp_path / "kanbo"
    shutil.copytree(SAMPLE, target)
    return target


def _csv(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


def test_dashboard_of_the_sample(sample, cli, tmp_path):
    out = tmp_path / "out"
    result = cli("dashboard", sample, "-o", out, "--today", TODAY)
    assert result.code == 0, result.err
    assert sorted(p.name for p in out.iterdir()) == [
        ".dashboard-cache.json",
        "dashboard-ja.csv",
        "dashboard-ja.html",
        "dashboard-ja.xlsx",
    ]
    assert (out / "dashboard-ja.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    rows = {r["業務名"]: r for r in _csv(out / "dashboard-ja.csv")}
    assert len(rows) == 17
    assert rows["備品貸出"]["状況"] == "効果検証済"
    assert rows["会議室予約"]["状況"] == "試行中"
    assert rows["出張旅費精算"]["状況"] == "分析中"
    assert rows["郵便物の収受・配付"]["状況"] == "対象選定"
    assert rows["名刺の発注"]["状況"] == "候補"
    assert rows["行政文書の開示請求対応"]["選定の判断"] == "対象外"
    assert float(rows["備品貸出"]["削減実績（時間/年）"]) > 0
    assert rows["出張旅費精算"]["削減実績（時間/年）"] == ""
    from openpyxl import load_workbook

    book = load_workbook(out / "dashboard-ja.xlsx", read_only=True)
    sheet = book.worksheets[0]
    values = list(sheet.iter_rows(values_only=True))
    assert values[0][0] == "業務名" and len(values) == 18
    book.close()
    html = (out / "dashboard-ja.html").read_text(encoding="utf-8")
    assert "default-src 'none'" in html and "<script" not in html
    assert "指標の定義と出典" in html and "横展開済" in html


def test_dashboard_marks_a_workshop_that_does_not_load(sample, cli, tmp_path):
    broken = sample / "workshops" / "ryohi" / "workshop.toml"
    broken.write_text(broken.read_text(encoding="utf-8") + "\n[[steps]\n", encoding="utf-8")
    result = cli("dashboard", sample, "-o", tmp_path / "out", "--today", TODAY, "--lang", "en")
    assert result.code == 0
    assert result.err.startswith(f"warning: {broken}:")
    assert len(result.err.strip().splitlines()) == 1
    rows = {r["Process"]: r for r in _csv(tmp_path / "out" / "dashboard-en.csv")}
    assert rows["出張旅費精算"]["Status"] == "Does not load"
    assert str(broken) in rows["出張旅費精算"]["Folder"]
    assert rows["会議室予約"]["Status"] == "Piloting"  # the others are still shown


def test_dashboard_in_worker_processes_gives_the_same_rows(sample, tmp_path, monkeypatch):
    import datetime as dt

    from cocreate import portfolio_session as cli_portfolio

    portfolio = load_portfolio(sample)
    day = dt.date.fromisoformat(TODAY)
    serial = cli_portfolio.dashboard_rows(sample, portfolio, today=day, jobs=1)
    monkeypatch.setattr(cli_portfolio, "_PARALLEL_FROM", 1)
    parallel = cli_portfolio.dashboard_rows(sample, portfolio, today=day, jobs=2)
    assert parallel == serial


def test_the_cache_reloads_only_the_workshops_that_changed(sample, tmp_path, monkeypatch):
    import datetime as dt
    import os

    from cocreate import portfolio_session as cli_portfolio

    portfolio = load_portfolio(sample)
    day = dt.date.fromisoformat(TODAY)
    cache = tmp_path / "out" / cli_portfolio.CACHE_FILE
    first = cli_portfolio.dashboard_rows(sample, portfolio, today=day, jobs=1, cache=cache)
    loaded: list[Path] = []
    real = storage.load
    monkeypatch.setattr(
        storage, "load", lambda folder, **kw: loaded.append(Path(folder)) or real(folder, **kw)
    )
    again = cli_portfolio.dashboard_rows(sample, portfolio, today=day, jobs=1, cache=cache)
    assert again == first and loaded == []
    ryohi = sample / "workshops" / "ryohi" / "workshop.toml"
    text = ryohi.read_text(encoding="utf-8").replace('title = "出張旅費精算"', 'title = "旅費"', 1)
    ryohi.write_text(text, encoding="utf-8")
    os.utime(ryohi, ns=(1, 1))  # a different change time, whatever the clock's resolution
    cli_portfolio.dashboard_rows(sample, portfolio, today=day, jobs=1, cache=cache)
    assert [p.name for p in loaded] == ["ryohi"]
    # another day judges statuses afresh: everything is loaded again
    loaded.clear()
    cli_portfolio.dashboard_rows(sample, portfolio, today=day + dt.timedelta(days=1), cache=cache)
    assert len(loaded) == 4


def test_the_dashboard_shows_each_bureau_of_a_workshop_with_variants(
    sample, cli, tmp_path, monkeypatch
):
    import datetime as dt
    import html as html_module

    from openpyxl import load_workbook

    from cocreate import portfolio_session as cli_portfolio
    from cocreate.reports.dashboard import COLUMNS
    from cocreate.variants.standard import savings

    shutil.copytree(ROOT / "workshops" / "equipment-lending", sample / "workshops" / "lending")
    workshop = storage.load(sample / "workshops" / "lending")
    expected = "・".join(
        f"{b.map.unit} {b.as_is.annual_hours:,.0f}h（−{b.hours_saved:,.0f}h）"
        for b in savings(workshop, "hyojun").bureaus
    )
    assert expected.startswith("政策局 4,412h（−")
    out = tmp_path / "out"
    assert cli("dashboard", sample, "-o", out, "--today", TODAY).code == 0
    rows = {r["フォルダ"]: r for r in _csv(out / "dashboard-ja.csv")}
    assert rows["workshops/lending"]["部局別"] == expected
    assert rows["workshops/ryohi"]["部局別"] == ""  # one as-is map: no bureaus
    book = load_workbook(out / "dashboard-ja.xlsx")
    sheet = book.worksheets[0]
    column = [key for key, _ in COLUMNS].index("bureaus") + 1
    assert sheet.cell(1, column).value == "部局別"
    cells = [sheet.cell(r, column) for r in range(2, sheet.max_row + 1)]
    filled = [c for c in cells if c.value]
    assert [c.value for c in filled] == [expected] and filled[0].data_type == "s"  # text
    page = (out / "dashboard-ja.html").read_text(encoding="utf-8")
    assert f"<td>{html_module.escape(expected)}</td>" in page
    # the figures are cached: a second run loads no workshop and shows the same
    loaded: list[Path] = []
    real = storage.load
    monkeypatch.setattr(
        storage, "load", lambda folder, **kw: loaded.append(Path(folder)) or real(folder, **kw)
    )
    day = dt.date.fromisoformat(TODAY)
    cache = out / cli_portfolio.CACHE_FILE
    again = cli_portfolio.dashboard_rows(
        sample, load_portfolio(sample), today=day, jobs=1, cache=cache
    )
    monkeypatch.undo()
    assert loaded == []
    lending = next(r for r in again if r.folder == "workshops/lending")
    assert [(b.hours, b.saved) for b in lending.bureaus] == [
        (b.as_is.annual_hours, b.hours_saved) for b in savings(workshop, "hyojun").bureaus
    ]
    english = cli("dashboard", sample, "-o", out, "--today", TODAY, "--lang", "en")
    assert english.code == 0
    rows = {r["Folder"]: r for r in _csv(out / "dashboard-en.csv")}
    cell = rows["workshops/lending"]["By bureau"]
    assert cell.startswith("政策局 4,412h (−") and "h); 国際局 " in cell
