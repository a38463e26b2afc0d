"""A real headless Chromium for tests, driven over the DevTools protocol, and axe-core in it.

Shared by every test that needs a browser (the report's, the web pages'); the one
launcher of Chromium here, :func:`chromium`, is also what ``tests.browser_tabs`` (the
keyboard-driven tabs of the member page's tests) starts its browser with:

* :func:`chromium` starts Debian's ``chromium`` headless with a fresh profile and
  ``--remote-debugging-port=0`` and yields its DevTools websocket URL; a test module
  wraps it in its own fixture::

      @pytest.fixture(scope="module")
      def browser(tmp_path_factory):
          with chromium(tmp_path_factory.mktemp("chromium-profile")) as url:
              yield url

* :func:`visit` opens a tab on a URL (``file://`` or ``http://``), records every network
  request, console error, uncaught exception and browser log error (where CSP violations
  appear) while it loads, evaluates expressions, and can take a screenshot and print a
  PDF;
* :func:`axe` runs axe-core in the loaded page and returns its violations, by default
  for WCAG 2.1 A and AA (which JIS X 8341-3:2016 AA follows).

axe-core is the npm package ``axe-core``, pinned in the repository's ``package.json`` and
``package-lock.json`` and installed into ``node_modules`` by ``npm ci`` at the repository
root (CI runs it), or found at ``$COCREATE_AXE``. Without Chromium, or without axe-core for the axe
checks, tests are skipped with a reason naming what to install.

Everything is sent over aiohttp's websocket client, already installed with
textual-serve: no Selenium, no Playwright.
"""

from __future__ import annotations

import asyncio
import base64
import itertools
import json
import os
import re
import shutil
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest

__all__ = [
    "AXE",
    "CHROMIUM",
    "FLAGS",
    "ROOT",
    "WCAG21AA",
    "PageVisit",
    "axe",
    "chromium",
    "needs_axe",
    "needs_chromium",
    "visit",
]

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = next((p for p in (shutil.which(n) for n in ("chromium", "chromium-browser")) if p), None)
AXE = Path(os.environ.get("COCREATE_AXE") or ROOT / "node_modules/axe-core/axe.min.js")
#: axe-core's rule tags for WCAG 2.1 level AA (A and AA, 2.0 and 2.1).
WCAG21AA = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")

needs_chromium = pytest.mark.skipif(
    CHROMIUM is None,
    reason="headless Chromium not found: install Debian's `chromium` package"
    " (apt-get install chromium) to run the browser tests",
)
needs_axe = pytest.mark.skipif(
    not AXE.is_file(),
    reason=f"axe-core not found at {AXE}: run `npm ci` in the repository root"
    " (or set COCREATE_AXE to axe.min.js)",
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


@contextmanager
def chromium(profile: Path) -> Iterator[str]:
    """A headless Chromium with a fresh profile in ``profile``; yields its DevTools URL."""
    if CHROMIUM is None:
        pytest.skip("headless Chromium not found: apt-get install chromium")
    # Chromium puts its singleton socket in a folder of its own under TMPDIR and leaves
    # it there when terminated: one such folder here per browser, removed below. (Not
    # in the profile: a socket's path must stay under 108 characters.)
    scratch = tempfile.mkdtemp(prefix="chromium-")
    proc = subprocess.Popen(
        [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", "about:blank"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=dict(os.environ, TMPDIR=scratch),
    )
    assert proc.stderr is not None
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
        shutil.rmtree(scratch, ignore_errors=True)
        pytest.fail("Chromium did not start:\n" + "".join(lines[-20:]))
    # keep draining stderr so Chromium never blocks on a full pipe
    drain = threading.Thread(target=proc.stderr.read, daemon=True)
    drain.start()
    try:
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)
        drain.join(timeout=5)
        proc.stderr.close()
        shutil.rmtree(scratch, ignore_errors=True)


@dataclass
class PageVisit:
    """What happened while a page loaded, and what was asked of it afterwards."""

    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    screenshot: bytes = b""
    pdf: bytes = b""
    evaluated: dict[str, object] = field(default_factory=dict)


class _Tab:
    """One DevTools session on one tab: calls, and the events recorded into a visit."""

    def __init__(self, ws, record: PageVisit) -> None:
        self.ws, self.record = ws, record
        self.ids = itertools.count(1)
        self.pending: dict[int, asyncio.Future] = {}
        self.loaded = asyncio.Event()
        self.session: str | None = None

    async def read(self) -> None:
        async for message in self.ws:
            data = json.loads(message.data)
            if "id" in data and data["id"] in self.pending:
                self.pending.pop(data["id"]).set_result(data)
                continue
            method, params = data.get("method"), data.get("params", {})
            if method == "Network.requestWillBeSent":
                self.record.requests.append(params["request"]["url"])
            elif method == "Runtime.consoleAPICalled" and params["type"] in ("error", "assert"):
                args = " ".join(str(a.get("value", "")) for a in params["args"])
                self.record.errors.append("console: " + args)
            elif method == "Runtime.exceptionThrown":
                self.record.errors.append("exception: " + params["exceptionDetails"]["text"])
            elif method == "Log.entryAdded" and params["entry"]["level"] == "error":
                self.record.errors.append("log: " + params["entry"]["text"])
            elif method == "Page.loadEventFired":
                self.loaded.set()

    async def call(self, method: str, *, browser_level: bool = False, **params) -> dict:
        number = next(self.ids)
        future = asyncio.get_running_loop().create_future()
        self.pending[number] = future
        message: dict = {"id": number, "method": method, "params": params}
        if self.session and not browser_level:
            message["sessionId"] = self.session
        await self.ws.send_str(json.dumps(message))
        reply = await asyncio.wait_for(future, 60)
        if "error" in reply:
            raise AssertionError(f"{method}: {reply['error']}")
        return reply["result"]

    async def evaluate(self, expression: str) -> object:
        result = await self.call(
            "Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True
        )
        if "exceptionDetails" in result:
            raise AssertionError(f"page script failed: {result['exceptionDetails']}")
        return result["result"].get("value")


async def _visit(
    ws_url: str,
    page_url: str,
    expressions: dict[str, str],
    *,
    width: int,
    height: int,
    screenshot: bool,
    pdf: bool,
    scripts: Sequence[str],
) -> PageVisit:
    import aiohttp

    record = PageVisit()
    async with (
        aiohttp.ClientSession() as http,
        http.ws_connect(ws_url, max_msg_size=0) as ws,
    ):
        tab = _Tab(ws, record)
        reader = asyncio.create_task(tab.read())
        target = (await tab.call("Target.createTarget", url="about:blank"))["targetId"]
        attached = await tab.call("Target.attachToTarget", targetId=target, flatten=True)
        tab.session = attached["sessionId"]
        for domain in ("Network", "Runtime", "Log", "Page"):
            await tab.call(f"{domain}.enable")
        # what a test injects (axe-core) must run under a page's strict CSP too
        await tab.call("Page.setBypassCSP", enabled=bool(scripts))
        await tab.call("Emulation.setDeviceMetricsOverride", width=width, height=height,
                       deviceScaleFactor=1, mobile=width < 600)  # fmt: skip
        await tab.call("Page.navigate", url=page_url)
        await asyncio.wait_for(tab.loaded.wait(), 60)
        await asyncio.sleep(0.3)  # let any late request or error arrive
        for script in scripts:
            await tab.evaluate(script)
        for name, expression in expressions.items():
            record.evaluated[name] = await tab.evaluate(expression)
        if screenshot:
            shot = await tab.call("Page.captureScreenshot", format="png")
            record.screenshot = base64.b64decode(shot["data"])
        if pdf:
            printed = await tab.call("Page.printToPDF", preferCSSPageSize=True,
                                     printBackground=True)  # fmt: skip
            record.pdf = base64.b64decode(printed["data"])
        await tab.call("Target.closeTarget", browser_level=True, targetId=target)
        reader.cancel()
    return record


def visit(
    ws_url: str,
    page: Path | str,
    *,
    width: int = 900,
    height: int = 1200,
    screenshot: bool = True,
    pdf: bool = True,
    scripts: Sequence[str] = (),
    **expressions: str,
) -> PageVisit:
    """Load ``page`` (a path or a URL) in a new tab and record the visit.

    ``scripts`` run in the page once it has loaded (before ``expressions``, each
    evaluated and awaited, its value kept in ``evaluated`` under its keyword).
    """
    url = page.as_uri() if isinstance(page, Path) else page
    run = _visit(ws_url, url, expressions, width=width, height=height,
                 screenshot=screenshot, pdf=pdf, scripts=scripts)  # fmt: skip
    return asyncio.run(asyncio.wait_for(run, 180))


_AXE_RUN = """
axe.run(document, {runOnly: {type: 'tag', values: %s}, resultTypes: ['violations']})
  .then(r => r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ': ' + n.failureSummary)})))
"""


def axe(
    ws_url: str,
    page: Path | str,
    tags: Sequence[str] = WCAG21AA,
    *,
    width: int = 900,
    height: int = 1200,
) -> list[dict]:
    """axe-core's violations on ``page`` for rules tagged ``tags`` (WCAG 2.1 AA).

    Each violation is ``{"id", "impact", "help", "nodes"}`` with up to five offending
    nodes as ``selector: summary``. An empty list is a page that passes.
    """
    if not AXE.is_file():
        pytest.skip(f"axe-core not found at {AXE}: run `npm ci` in the repository root")
    source = AXE.read_text(encoding="utf-8")
    seen = visit(ws_url, page, width=width, height=height, screenshot=False, pdf=False,
                 scripts=(source,), violations=_AXE_RUN % json.dumps(list(tags)))  # fmt: skip
    violations = seen.evaluated["violations"]
    assert isinstance(violations, list)
    return violations
