"""The dashboard in a real headless Chromium: offline, no script, readable, and WCAG 2.1 AA."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest

from cocreate.portfolio.ranking import tally
from cocreate.portfolio_session import dashboard_rows
from cocreate.reports.dashboard import Dashboard, write_dashboard
from cocreate.storage.portfolio import load_portfolio
from tests.browser import axe as run_axe
from tests.browser import chromium, needs_axe, needs_chromium, visit
from tests.conftest import ROOT

pytestmark = needs_chromium

SAMPLE = ROOT / "portfolios" / "kanbo"
TODAY = dt.date(2027, 5, 1)


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    with chromium(tmp_path_factory.mktemp("chromium-profile")) as url:
        yield url


def _page(tmp_path: Path, lang: str, *, poisoned: bool = False) -> Path:
    portfolio = load_portfolio(SAMPLE)
    if poisoned:
        payload = '<script>window.__xss=1</script><img src="http://example.com/x.png">'
        first = portfolio.inventory[0].edit(name=payload, owner=payload)
        portfolio = portfolio.edit(
            inventory=(first, *portfolio.inventory[1:]), meta=portfolio.meta.edit(title=payload)
        )
    rows = dashboard_rows(SAMPLE, portfolio, today=TODAY, jobs=1)
    dashboard = Dashboard(portfolio, tuple(rows), lang, TODAY, tuple(tally(portfolio)))
    write_dashboard(dashboard, tmp_path)
    return tmp_path / f"dashboard-{lang}.html"


CHECKS = {
    "xss": "typeof window.__xss",
    "rows": "document.querySelectorAll('#table ~ div tbody tr').length",
    "bubbles": "document.querySelectorAll('svg circle').length",
    "statuses": "Array.from(document.querySelectorAll('tbody th[scope=row]'))"
    ".map(t => t.textContent)",
    "definitions": "document.querySelectorAll('dl.defs dt').length",
}


def _non_white_share(png: bytes) -> float:
    from PIL import Image

    histogram = Image.open(io.BytesIO(png)).convert("L").histogram()
    return sum(histogram[:240]) / sum(histogram)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_dashboard_renders_offline(browser, tmp_path, lang):
    page = _page(tmp_path, lang)
    seen = visit(browser, page, width=1280, height=1600, pdf=False, **CHECKS)
    assert [u for u in seen.requests if u != page.as_uri()] == [], "the page fetched something"
    assert seen.errors == []
    assert seen.evaluated["rows"] == 17
    assert seen.evaluated["bubbles"] >= 10, "the matrix shows the rated candidates"
    assert seen.evaluated["definitions"] == 8  # with 部局別
    labels = seen.evaluated["statuses"]
    assert ("横展開済" if lang == "ja" else "Rolled out") in labels
    assert seen.screenshot.startswith(b"\x89PNG")
    assert _non_white_share(seen.screenshot) > 0.03, "the screenshot is blank"
    (ROOT / "tests" / "output").mkdir(exist_ok=True)
    (ROOT / "tests" / "output" / f"dashboard-{lang}.png").write_bytes(seen.screenshot)


def test_participant_text_runs_no_script_and_fetches_nothing(browser, tmp_path):
    page = _page(tmp_path, "ja", poisoned=True)
    seen = visit(browser, page, pdf=False, **CHECKS)
    assert seen.evaluated["xss"] == "undefined"
    assert [u for u in seen.requests if u != page.as_uri()] == []


@needs_axe
# The English page is built from the same templates as the Japanese one: the normal
# suite checks the Japanese page at both widths, the slow run (CI) both languages.
@pytest.mark.parametrize("lang", ["ja", pytest.param("en", marks=pytest.mark.slow)])
def test_dashboard_passes_axe_at_wcag21_aa(browser, tmp_path, lang):
    page = _page(tmp_path, lang)
    for width in (1280, 360):
        violations = run_axe(browser, page, width=width)
        assert violations == [], "\n".join(
            f"{v['id']}: {v['help']} {v['nodes']}" for v in violations
        )
