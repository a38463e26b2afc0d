"""The HTML report in a real browser: headless Chromium over the DevTools protocol.

Chromium is started once with ``--remote-debugging-port=0``; each test opens a tab
through the DevTools protocol (a websocket, with aiohttp's client) and records every
network request (``Network.requestWillBeSent``), console message
(``Runtime.consoleAPICalled``), uncaught exception (``Runtime.exceptionThrown``) and
browser log entry (``Log.entryAdded``, where CSP violations appear) while the page loads.
A control page that does fetch and does log an error proves the recorder sees both.
"""

from __future__ import annotations

import asyncio
import base64
import io
import itertools
import json
import re
import shutil
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from cocreate import storage
from cocreate.reports import export, output_names
from tests.conftest import SAMPLE
from tests.report_payloads import poisoned

CHROMIUM = next((p for p in (shutil.which(n) for n in ("chromium", "chromium-browser")) if p), None)
pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="headless Chromium not found: install Debian's `chromium` package"
    " (apt-get install chromium) to run the browser test",
)

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--remote-debugging-port=0",
)


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    """A headless Chromium; yields its DevTools websocket URL."""
    profile = tmp_path_factory.mktemp("chromium-profile")
    proc = subprocess.Popen(
        [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", "about:blank"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    url = None
    deadline = time.monotonic() + 30
    lines = []
    while time.monotonic() < deadline:
        line = proc.stderr.readline()
        if not line:
            if proc.poll() is not None:
                break
            continue
        lines.append(line)
        found = re.search(r"DevTools listening on (ws://\S+)", line)
        if found:
            url = found.group(1)
            break
    if url is None:
        proc.kill()
        proc.wait(timeout=10)
        proc.stderr.close()
        pytest.fail("Chromium did not start:\n" + "".join(lines[-20:]))
    # keep draining stderr so Chromium never blocks on a full pipe
    import threading

    drain = threading.Thread(target=proc.stderr.read, daemon=True)
    drain.start()
    yield url
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)
    drain.join(timeout=5)
    proc.stderr.close()


@dataclass
class PageVisit:
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    screenshot: bytes = b""
    pdf: bytes = b""
    evaluated: dict[str, object] = field(default_factory=dict)


async def _visit(ws_url: str, page_url: str, expressions: dict[str, str]) -> PageVisit:
    import aiohttp

    visit = PageVisit()
    ids = itertools.count(1)
    async with (
        aiohttp.ClientSession() as http,
        http.ws_connect(ws_url, max_msg_size=0) as ws,
    ):
        pending: dict[int, asyncio.Future] = {}
        loaded = asyncio.Event()

        async def reader() -> None:
            async for message in ws:
                data = json.loads(message.data)
                if "id" in data and data["id"] in pending:
                    pending.pop(data["id"]).set_result(data)
                    continue
                method, params = data.get("method"), data.get("params", {})
                if method == "Network.requestWillBeSent":
                    visit.requests.append(params["request"]["url"])
                elif method == "Runtime.consoleAPICalled" and params["type"] in (
                    "error",
                    "assert",
                ):
                    visit.errors.append(
                        "console: " + " ".join(str(a.get("value", "")) for a in params["args"])
                    )
                elif method == "Runtime.exceptionThrown":
                    visit.errors.append("exception: " + params["exceptionDetails"]["text"])
                elif method == "Log.entryAdded" and params["entry"]["level"] == "error":
                    visit.errors.append("log: " + params["entry"]["text"])
                elif method == "Page.loadEventFired":
                    loaded.set()

        async def call(method: str, session: str | None = None, **params) -> dict:
            number = next(ids)
            future = asyncio.get_running_loop().create_future()
            pending[number] = future
            message = {"id": number, "method": method, "params": params}
            if session:
                message["sessionId"] = session
            await ws.send_str(json.dumps(message))
            reply = await asyncio.wait_for(future, 30)
            if "error" in reply:
                raise AssertionError(f"{method}: {reply['error']}")
            return reply["result"]

        task = asyncio.create_task(reader())
        target = (await call("Target.createTarget", url="about:blank"))["targetId"]
        session = (await call("Target.attachToTarget", targetId=target, flatten=True))["sessionId"]
        for domain in ("Network", "Runtime", "Log", "Page"):
            await call(f"{domain}.enable", session)
        await call(
            "Emulation.setDeviceMetricsOverride",
            session,
            width=900,
            height=1200,
            deviceScaleFactor=1,
            mobile=False,
        )
        await call("Page.navigate", session, url=page_url)
        await asyncio.wait_for(loaded.wait(), 30)
        await asyncio.sleep(0.3)  # let any late request or error arrive
        for name, expression in expressions.items():
            result = await call("Runtime.evaluate", session, expression=expression,
                                returnByValue=True)  # fmt: skip
            visit.evaluated[name] = result["result"].get("value")
        shot = await call("Page.captureScreenshot", session, format="png")
        visit.screenshot = base64.b64decode(shot["data"])
        pdf = await call("Page.printToPDF", session, preferCSSPageSize=True,
                         printBackground=True)  # fmt: skip
        visit.pdf = base64.b64decode(pdf["data"])
        await call("Target.closeTarget", targetId=target)
        task.cancel()
    return visit


def visit(ws_url: str, path: Path, **expressions: str) -> PageVisit:
    return asyncio.run(asyncio.wait_for(_visit(ws_url, path.as_uri(), expressions), 90))


def _non_white_share(png: bytes) -> float:
    from PIL import Image

    histogram = Image.open(io.BytesIO(png)).convert("L").histogram()
    return sum(histogram[:240]) / sum(histogram)


def _foreign(requests: list[str], page: Path) -> list[str]:
    own = page.as_uri()
    return [u for u in requests if u != own and not u.startswith("data:")]


CHECKS = {
    "xss": "typeof window.__xss",
    "images": "Array.from(document.images).filter(i => i.complete && i.naturalWidth > 0).length",
    "tables": "document.querySelectorAll('table').length",
    "h2": "Array.from(document.querySelectorAll('h2')).map(h => h.textContent)",
    # tables and figures wider than the text column would be cut off in print
    "overflowing": "Array.from(document.querySelectorAll('table, figure')).filter("
    "e => e.getBoundingClientRect().right > document.body.getBoundingClientRect().right"
    " - parseFloat(getComputedStyle(document.body).paddingRight) + 1).length",
}


def test_harness_sees_requests_and_console_errors(browser, tmp_path):
    """The recorder is not blind: a page that fetches and logs an error is caught."""
    page = tmp_path / "control.html"
    page.write_text(
        "<!DOCTYPE html><html><body><p>control</p>"
        '<img src="http://127.0.0.1:9/pixel.png">'
        "<script>console.error('boom')</script></body></html>",
        encoding="utf-8",
    )
    seen = visit(browser, page)
    assert any(u.startswith("http://127.0.0.1:9/") for u in _foreign(seen.requests, page))
    assert any("boom" in e for e in seen.errors)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_sample_report_renders_offline_without_errors(browser, tmp_path, lang):
    files = export(storage.load(SAMPLE), tmp_path, lang, formats=("html",))
    page = tmp_path / output_names(lang)["html"]
    assert files == [page]
    seen = visit(browser, page, **CHECKS)
    assert _foreign(seen.requests, page) == [], "the report fetched something"
    assert seen.errors == []
    assert seen.evaluated["images"] == 2, "both charts decode and show"
    assert seen.evaluated["tables"] >= 15
    assert seen.evaluated["overflowing"] == 0, "a table or figure is wider than the page"
    assert len([h for h in seen.evaluated["h2"] if re.match(r"\d\. ", h)]) == 9
    assert seen.screenshot.startswith(b"\x89PNG")
    assert _non_white_share(seen.screenshot) > 0.02, "the screenshot is blank"
    assert seen.pdf.startswith(b"%PDF")
    # A4 pages: the PDF's media box is 595 x 842 points
    assert re.search(rb"/MediaBox\s*\[\s*0 0 595(\.\d+)? 841(\.\d+)?|/MediaBox\s*\[\s*0 0 59[45]",
                     seen.pdf)  # fmt: skip


def test_injected_report_runs_no_script_and_fetches_nothing(browser, tmp_path):
    export(poisoned(storage.load(SAMPLE)), tmp_path, "ja", formats=("html",))
    page = tmp_path / output_names("ja")["html"]
    seen = visit(browser, page, **CHECKS)
    assert seen.evaluated["xss"] == "undefined", "a payload ran as script"
    assert _foreign(seen.requests, page) == []
    assert seen.errors == []
    assert _non_white_share(seen.screenshot) > 0.02
