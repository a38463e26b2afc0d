"""The results report in headless Chromium: offline, no errors, every chart shown, nothing cut off.

It reuses the proposal's DevTools harness (``tests/test_report_browser.py``): a fresh
profile, the flags that keep Chromium off the network, and a recorder of every request,
console error and exception. Chromium is given the Japanese font cocreate bundles for its
charts (through a fontconfig file of the test's own), so the screenshot shows the text as
a reader with a Japanese font sees it, on a machine with none installed.
"""

from __future__ import annotations

import datetime as dt
import os
import re

import pytest

from cocreate import storage
from cocreate.reports.results import export_results, output_names
from tests import test_report_browser as harness
from tests.browser import needs_chromium, visit
from tests.conftest import ROOT
from tests.test_report_browser import CHECKS, _foreign, _non_white_share

PILOT = ROOT / "workshops" / "equipment-lending-pilot"
browser = harness.browser  # the harness's module-scoped Chromium, started for this module too
pytestmark = needs_chromium


@pytest.fixture(scope="module", autouse=True)
def japanese_font(tmp_path_factory):
    """Let Chromium find IPAexGothic, as on a desktop with a Japanese font."""
    from cocreate.charts import japanese_font_path

    folder = tmp_path_factory.mktemp("fonts")
    conf = folder / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
        '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>'
        f"<dir>{os.path.dirname(japanese_font_path())}</dir>"
        f"<cachedir>{folder / 'cache'}</cachedir></fontconfig>",
        encoding="utf-8",
    )
    before = os.environ.get("FONTCONFIG_FILE")
    os.environ["FONTCONFIG_FILE"] = str(conf)
    yield
    if before is None:
        os.environ.pop("FONTCONFIG_FILE", None)
    else:
        os.environ["FONTCONFIG_FILE"] = before


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_results_report_renders_offline_with_every_chart(browser, tmp_path, lang):
    workshop = storage.load(PILOT)
    export_results(workshop, tmp_path, lang, formats=("html",), today=dt.date(2027, 3, 24))
    page = tmp_path / output_names(lang)["html"]
    seen = visit(browser, page, **CHECKS)
    assert _foreign(seen.requests, page) == [], "the report fetched something"
    assert seen.errors == []
    assert seen.evaluated["images"] == len(workshop.pilot.kpis), "every KPI chart decodes"
    assert seen.evaluated["overflowing"] == 0, "a table or figure is wider than the page"
    assert len([h for h in seen.evaluated["h2"] if re.match(r"\d\. ", h)]) == 8
    assert seen.screenshot.startswith(b"\x89PNG")
    assert _non_white_share(seen.screenshot) > 0.02, "the screenshot is blank"
    assert seen.pdf.startswith(b"%PDF")
    (tmp_path / f"screenshot-{lang}.png").write_bytes(seen.screenshot)
