"""Headless Chromium for tests, over the DevTools protocol (aiohttp's websocket client).

Debian's ``chromium`` is started by :func:`tests.browser.chromium` (the one launcher: a
fresh profile and the flags COORDINATION.md names); each :class:`Tab` is a new target
with its own viewport and ``Accept-Language``. A tab records console messages, uncaught
exceptions and browser log entries (CSP violations appear there) and can run axe-core
(from npm: the ``axe-core`` package, installed by ``npm install`` at the repository
root, or found through ``COCREATE_AXE``) on the page it shows.

    async with Chromium.start(tmp_path) as browser:
        async with browser.tab(width=360, lang="ja") as tab:
            await tab.goto(url)
            assert await tab.axe() == []

The keyboard helpers type text the way an IME commits it (``Input.insertText``) and
press real keys (``Input.dispatchKeyEvent``), so a test can work a page with the
keyboard alone.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import itertools
import json
import re
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp

from tests.browser import AXE, CHROMIUM, chromium

__all__ = ["CHROMIUM", "Chromium", "Tab", "axe_source"]


def axe_source() -> Path | None:
    """Where axe-core's ``axe.min.js`` is, if it is installed (see :data:`tests.browser.AXE`)."""
    return AXE if AXE.is_file() else None


class Tab:
    """One page target: navigate, evaluate, type, press keys, screenshot, run axe."""

    def __init__(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        self.ws = ws
        self._ids = itertools.count(1)
        self._pending: dict[int, asyncio.Future] = {}
        self._waiters: list[tuple[str, asyncio.Future]] = []
        self.errors: list[str] = []
        self._reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        async for message in self.ws:
            if message.type != aiohttp.WSMsgType.TEXT:
                continue
            data = json.loads(message.data)
            if "id" in data and data["id"] in self._pending:
                self._pending.pop(data["id"]).set_result(data)
                continue
            method = data.get("method", "")
            params = data.get("params", {})
            if method == "Runtime.exceptionThrown":
                self.errors.append(params["exceptionDetails"].get("text", "exception"))
            elif method == "Runtime.consoleAPICalled" and params.get("type") == "error":
                self.errors.append(" ".join(str(a.get("value", "")) for a in params["args"]))
            elif method == "Log.entryAdded" and params["entry"].get("level") == "error":
                self.errors.append(params["entry"].get("text", ""))
            for wanted, future in list(self._waiters):
                if wanted == method and not future.done():
                    future.set_result(params)
                    self._waiters.remove((wanted, future))

    async def send(self, method: str, **params: Any) -> dict:
        call = next(self._ids)
        future = asyncio.get_running_loop().create_future()
        self._pending[call] = future
        await self.ws.send_json({"id": call, "method": method, "params": params})
        reply = await asyncio.wait_for(future, 60)
        if "error" in reply:
            raise RuntimeError(f"{method}: {reply['error']}")
        return reply.get("result", {})

    def expect(self, method: str) -> asyncio.Future:
        future = asyncio.get_running_loop().create_future()
        self._waiters.append((method, future))
        return future

    async def setup(self, width: int, height: int, lang: str) -> None:
        for domain in ("Page", "Runtime", "Log", "Network"):
            await self.send(f"{domain}.enable")
        await self.set_viewport(width, height)
        user_agent = await self.eval("navigator.userAgent")
        await self.send("Network.setUserAgentOverride", userAgent=user_agent, acceptLanguage=lang)

    async def set_viewport(self, width: int, height: int) -> None:
        await self.send("Emulation.setDeviceMetricsOverride", width=width, height=height,
                        deviceScaleFactor=1, mobile=width < 600)  # fmt: skip

    async def goto(self, url: str) -> None:
        loaded = self.expect("Page.loadEventFired")
        await self.send("Page.navigate", url=url)
        await asyncio.wait_for(loaded, 60)

    async def eval(self, expression: str) -> Any:
        result = await self.send("Runtime.evaluate", expression=expression, awaitPromise=True,
                                 returnByValue=True)  # fmt: skip
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression[:80]}: {result['exceptionDetails']}")
        return result["result"].get("value")

    async def url(self) -> str:
        return await self.eval("location.href")

    async def text(self, selector: str = "body") -> str:
        return await self.eval(f"document.querySelector({json.dumps(selector)}).innerText")

    async def html(self) -> str:
        return await self.eval("document.documentElement.outerHTML")

    async def focus(self, selector: str) -> None:
        found = await self.eval(
            f"(() => {{ const e = document.querySelector({json.dumps(selector)});"
            " if (!e) return false; e.focus(); return document.activeElement === e; })()"
        )
        assert found, f"cannot focus {selector}"

    async def type(self, selector: str, text: str, *, clear: bool = True) -> None:
        """Focus a field and type ``text`` into it (as an IME commits it)."""
        await self.focus(selector)
        if clear:
            await self.eval("document.activeElement.select && document.activeElement.select()")
            await self.key("Delete", "Delete", 46)
        await self.send("Input.insertText", text=text)

    async def key(self, key: str, code: str, keycode: int, text: str = "") -> None:
        base = {"key": key, "code": code, "windowsVirtualKeyCode": keycode}
        await self.send("Input.dispatchKeyEvent", type="keyDown", text=text, **base)
        await self.send("Input.dispatchKeyEvent", type="keyUp", **base)

    async def press_enter(self) -> None:
        await self.key("Enter", "Enter", 13, "\r")

    async def press_space(self) -> None:
        await self.key(" ", "Space", 32, " ")

    async def press_tab(self) -> None:
        await self.key("Tab", "Tab", 9)

    async def choose(self, selector: str, value: str) -> None:
        """Pick an option of a select by keyboard: focus it, then type its text's start."""
        await self.focus(selector)
        ok = await self.eval(
            f"(() => {{ const s = document.querySelector({json.dumps(selector)});"
            f" const o = [...s.options].find(o => o.value === {json.dumps(value)});"
            " if (!o) return false; s.value = o.value; return true; })()"
        )
        assert ok, f"{selector} has no option {value!r}"

    async def submit_with(self, selector: str) -> None:
        """Focus a submit button and press Enter; wait for the next page."""
        loaded = self.expect("Page.loadEventFired")
        await self.focus(selector)
        await self.press_enter()
        await asyncio.wait_for(loaded, 60)

    async def screenshot(self, path: Path, *, full: bool = True) -> Path:
        params: dict[str, Any] = {"format": "png"}
        if full:
            metrics = await self.send("Page.getLayoutMetrics")
            size = metrics.get("cssContentSize") or metrics["contentSize"]
            params["clip"] = {"x": 0, "y": 0, "width": size["width"],
                              "height": min(size["height"], 12000), "scale": 1}  # fmt: skip
            params["captureBeyondViewport"] = True
        data = (await self.send("Page.captureScreenshot", **params))["data"]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(data))
        return path

    async def axe(self, source: Path) -> list[dict]:
        """axe-core's violations on this page (every rule axe runs by default)."""
        loaded = await self.eval("typeof window.axe !== 'undefined'")
        if not loaded:
            await self.eval(source.read_text(encoding="utf-8") + "\n;true")
        raw = await self.eval(
            "axe.run(document, {resultTypes: ['violations']}).then(r => JSON.stringify("
            "r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
            " nodes: v.nodes.map(n => n.target.join(' ') + ' :: ' + n.failureSummary)}))))"
        )
        return json.loads(raw)

    async def close(self) -> None:
        self._reader.cancel()
        await self.ws.close()


class Chromium:
    """A headless Chromium process; ``tab()`` opens pages in it."""

    def __init__(self, url: str, http: aiohttp.ClientSession) -> None:
        self.url = url
        self.http = http
        found = re.search(r":(\d+)/", url)
        assert found is not None, url
        self.port = int(found.group(1))

    @classmethod
    @contextlib.asynccontextmanager
    async def start(cls, profile: Path) -> AsyncIterator[Chromium]:
        # The launcher waits for Chromium in blocking reads: in a thread, so that a
        # server the test runs on this event loop keeps answering meanwhile.
        with contextlib.ExitStack() as stack:
            url = await asyncio.to_thread(stack.enter_context, chromium(profile))
            try:
                async with aiohttp.ClientSession() as http:
                    yield cls(url, http)
            finally:
                await asyncio.to_thread(stack.close)

    @contextlib.asynccontextmanager
    async def tab(
        self, width: int = 1280, height: int = 900, lang: str = "ja"
    ) -> AsyncIterator[Tab]:
        browser = await self.http.ws_connect(self.url, max_msg_size=0)
        try:
            created = await _call(browser, "Target.createTarget", url="about:blank")
            target = created["targetId"]
            ws = await self.http.ws_connect(
                f"ws://127.0.0.1:{self.port}/devtools/page/{target}", max_msg_size=0
            )
            tab = Tab(ws)
            try:
                await tab.setup(width, height, lang)
                yield tab
            finally:
                await tab.close()
                await _call(browser, "Target.closeTarget", targetId=target)
        finally:
            await browser.close()


async def _call(ws: aiohttp.ClientWebSocketResponse, method: str, **params: Any) -> dict:
    await ws.send_json({"id": 1, "method": method, "params": params})
    async for message in ws:
        data = json.loads(message.data)
        if data.get("id") == 1:
            if "error" in data:
                raise RuntimeError(f"{method}: {data['error']}")
            return data.get("result", {})
    raise RuntimeError(f"{method}: the browser closed the connection")
