"""``cocreate serve`` over real HTTP and websocket connections on 127.0.0.1.

The member app is replaced by a tiny Textual stand-in (``tests/serve_standin.py``) so
these tests do not depend on the real app's screens; ``test_real_join_app`` runs the
real ``cocreate join`` once it exists.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import aiohttp
import pytest

from cocreate.errors import RuleError
from cocreate.serve import AccessKeys, ServeOptions, SessionServer, check_bind, is_loopback
from tests.conftest import ROOT

STANDIN = str(ROOT / "tests" / "serve_standin.py")
HOST = "127.0.0.1"


# --------------------------------------------------------------------------- processes


def _processes_with(marker: str) -> list[int]:
    """Live (non-zombie) processes whose command line contains ``marker``."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if marker in cmdline and state != "Z":
            found.append(int(entry.name))
    return found


async def _until(condition, timeout: float = 15.0, what: str = "condition") -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        await asyncio.sleep(0.05)


# --------------------------------------------------------------------------- fixtures


@pytest.fixture
async def make_server(sample: Path, tmp_path: Path):
    """Start servers on a free port of 127.0.0.1; stop them and check no child is left."""
    servers: list[SessionServer] = []
    marker = f"cocreate-serve-test-{uuid.uuid4().hex}"

    async def start(mode: str = "normal", **options) -> SessionServer:
        command = [sys.executable, STANDIN, "{member}", mode, marker]
        settings = {"folder": sample, "host": HOST, "port": 0, "lang": "en",
                    "command": command, "quit_grace": 1.0, **options}  # fmt: skip
        server = SessionServer(ServeOptions(**settings))
        await server.start()
        servers.append(server)
        return server

    start.marker = marker
    yield start
    for server in servers:  # whatever a test left running, even one that failed midway
        await asyncio.wait_for(server.stop(), 30)
    assert _processes_with(marker) == [], "a session's process outlived the tests"


async def _texts_until(ws, needle: str, timeout: float = 20.0) -> str:
    """Read the session's terminal output until ``needle`` shows up."""
    seen = b""
    deadline = time.monotonic() + timeout
    while needle.encode() not in seen:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            pytest.fail(f"{needle!r} never appeared; got {seen[-300:]!r}")
        message = await asyncio.wait_for(ws.receive(), remaining)
        if message.type == aiohttp.WSMsgType.BINARY:
            seen += message.data
        elif message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED):
            pytest.fail(f"closed before {needle!r} appeared: {seen[-300:]!r}")
    return seen.decode("utf-8", "replace")


def _ws_url(server: SessionServer, member: str, token: str | None = None) -> str:
    return server.member_link(member, token) + "ws"


def _origin(server: SessionServer) -> str:
    """The Origin a browser sends for a page of this server."""
    return f"http://{HOST}:{server.port}"


# --------------------------------------------------------------------------- refused


async def test_requests_without_the_right_token_are_refused(make_server):
    server = await make_server()
    base = server.base_url
    other = server.keys.member_token("suzuki")
    good = server.keys.member_token("sato")
    async with aiohttp.ClientSession() as http:
        for path in (
            "/",
            "/m/sato/",
            "/r/",
            "/static/js/textual.js",
            "/ws",
        ):
            async with http.get(base + path) as response:
                assert response.status == 404, path
        for path in (
            "/r/not-the-token/",
            f"/r/{good}/",  # a member's token is not the room's
            "/m/sato/not-the-token/",
            f"/m/sato/{other}/",  # suzuki's link does not open sato's session
            f"/m/sato/{good[:-1]}/",
            "/m/sato/not-the-token/static/js/textual.js",
            "/m/sato/%E4%BD%90%E8%97%A4/",  # non-ASCII token: refused, not a crash
            "/download/anything",
        ):
            async with http.get(base + path) as response:
                assert response.status == 403, path
                assert "text/html" in response.headers["Content-Type"]
                assert "Access denied" in await response.text()
        for url in (_ws_url(server, "sato", "wrong"), _ws_url(server, "sato", other)):
            with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                await http.ws_connect(url)
            assert refused.value.status == 403
    assert server.sessions == {}
    assert _processes_with(make_server.marker) == []


async def test_websocket_from_another_site_is_refused(make_server):
    server = await make_server()
    async with aiohttp.ClientSession() as http:
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await http.ws_connect(
                _ws_url(server, "sato"), headers={"Origin": "http://evil.example"}
            )
        assert refused.value.status == 403
    assert server.sessions == {}


async def test_unknown_member_is_refused_even_with_the_room_token(make_server):
    server = await make_server()
    async with aiohttp.ClientSession() as http:
        async with http.get(server.member_link("nobody", server.keys.room)) as response:
            assert response.status == 404
            assert "nobody" in await response.text()


# --------------------------------------------------------------------------- served


async def test_terminal_link_serves_the_app_page(make_server):
    server = await make_server()
    link = server.terminal_link("sato")
    token = server.keys.member_token("sato")
    async with aiohttp.ClientSession() as http:
        async with http.get(link) as response:
            assert response.status == 200
            page = await response.text()
            headers = response.headers
        assert f'data-session-websocket-url="ws://{HOST}:{server.port}/m/sato/{token}/ws"' in page
        assert "fonts.googleapis.com" not in page
        assert headers["Referrer-Policy"] == "no-referrer"
        assert headers["Cache-Control"] == "no-store"
        assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
        # The browser script comes from behind the same token.
        static = server.member_link("sato") + "static/"
        async with http.get(f"{static}js/textual.js") as response:
            assert response.status == 200
            assert len(await response.read()) > 10_000
        async with http.get(f"{static}../../../../cocreate/storage.py") as response:
            assert response.status in (403, 404)


async def test_room_link_prompts_for_the_member(make_server, sample: Path):
    from cocreate import storage

    server = await make_server()
    workshop = storage.load(sample)
    async with aiohttp.ClientSession() as http:
        async with http.get(server.room_link()) as response:
            assert response.status == 200
            page = await response.text()
        for member in workshop.members:
            assert member.name in page
            assert f"/m/{member.id}/{server.keys.room}/" in page
        # No member's personal token is handed out by the prompt.
        assert server.keys.member_token("sato") not in page
        async with http.get(server.member_link("sato", server.keys.room)) as response:
            assert response.status == 200


async def test_session_is_the_member_and_its_process_ends_on_disconnect(make_server):
    server = await make_server()
    async with aiohttp.ClientSession() as http:
        ws = await http.ws_connect(
            _ws_url(server, "suzuki") + "?width=100&height=30",
            headers={"Origin": f"http://{HOST}:{server.port}"},
        )
        await _texts_until(ws, "member=suzuki")
        [session] = server.sessions.values()
        assert session.member == "suzuki"
        pid = session.pid
        assert pid in _processes_with(make_server.marker)
        await ws.send_json(["ping", "x"])
        await ws.close()
    await _until(lambda: not server.sessions, what="the session to end")
    assert _processes_with(make_server.marker) == []
    await server.stop()


async def test_cap_holds_and_says_so(make_server):
    server = await make_server(max_sessions=2)
    async with aiohttp.ClientSession() as http:
        first = await http.ws_connect(_ws_url(server, "sato"), origin=_origin(server))
        second = await http.ws_connect(_ws_url(server, "suzuki"), origin=_origin(server))
        await _texts_until(first, "member=sato")
        await _texts_until(second, "member=suzuki")
        assert len(server.sessions) == 2

        async with http.get(server.terminal_link("tanaka")) as response:
            assert response.status == 503
            assert "Up to 2 sessions" in await response.text()
        third = await http.ws_connect(_ws_url(server, "tanaka"), origin=_origin(server))
        message = await asyncio.wait_for(third.receive(), 10)
        assert message.type == aiohttp.WSMsgType.BINARY
        assert "All sessions are in use (at most 2 at once)" in message.data.decode()
        closing = await asyncio.wait_for(third.receive(), 10)
        assert closing.type == aiohttp.WSMsgType.CLOSE
        assert third.close_code == aiohttp.WSCloseCode.TRY_AGAIN_LATER
        assert len(server.sessions) == 2
        assert len(_processes_with(make_server.marker)) == 2

        # A seat frees up when someone leaves.
        await first.close()
        await _until(lambda: len(server.sessions) == 1, what="a seat to free up")
        fourth = await http.ws_connect(_ws_url(server, "tanaka"), origin=_origin(server))
        await _texts_until(fourth, "member=tanaka")
        closed = await server.stop()
        assert closed == 2
    assert _processes_with(make_server.marker) == []


@pytest.mark.long
async def test_a_child_that_ignores_quit_is_killed(make_server):
    server = await make_server(mode="stubborn", quit_grace=0.5)
    async with aiohttp.ClientSession() as http:
        ws = await http.ws_connect(_ws_url(server, "sato"), origin=_origin(server))
        await _texts_until(ws, "member=sato")
        await ws.close()
    await _until(lambda: not server.sessions, timeout=20, what="SIGKILL to end the session")
    assert _processes_with(make_server.marker) == []
    await server.stop()


async def test_a_child_that_crashes_closes_the_browser_and_frees_the_seat(make_server):
    server = await make_server(mode="crash", max_sessions=1)
    async with aiohttp.ClientSession() as http:
        ws = await http.ws_connect(_ws_url(server, "sato"), origin=_origin(server))
        deadline = time.monotonic() + 20
        while True:
            message = await asyncio.wait_for(ws.receive(), deadline - time.monotonic())
            if message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED):
                break
        await _until(lambda: not server.sessions, what="the seat to free up")
        async with http.get(server.member_link("suzuki")) as response:
            assert response.status == 200
    assert _processes_with(make_server.marker) == []
    await server.stop()


# --------------------------------------------------------------------------- binding


def test_bind_is_loopback_unless_remote_is_allowed():
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("") and not is_loopback("pc01")
    assert check_bind("127.0.0.1", allow_remote=False) is None
    for host in ("0.0.0.0", "192.168.1.10", "::", "", "pc01.example.lg.jp"):
        with pytest.raises(RuleError, match="--allow-remote"):
            check_bind(host, allow_remote=False)
        warning = check_bind(host, allow_remote=True)
        assert warning is not None and warning.startswith("warning:")


def test_member_tokens_are_bound_to_their_member():
    keys = AccessKeys()
    again = AccessKeys()
    assert keys.member_token("sato") != again.member_token("sato")  # a new secret per run
    assert keys.member_token("sato") != keys.member_token("suzuki")
    assert keys.allows("sato", keys.member_token("sato"))
    assert not keys.allows("suzuki", keys.member_token("sato"))
    assert not keys.allows("sato", "")
    assert keys.allows("sato", keys.room) and keys.is_room(keys.room)
    assert len(keys.room) >= 40


# --------------------------------------------------------------------------- the command


def _serve_process(*args: str) -> subprocess.Popen:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env["PYTHONIOENCODING"] = "utf-8"
    return subprocess.Popen(
        [sys.executable, "-m", "cocreate", "serve", *args],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8", env=env,
    )  # fmt: skip


def test_cli_refuses_a_remote_bind_without_the_flag(sample: Path):
    proc = _serve_process(str(sample), "--host", "0.0.0.0", "--port", "0")
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 2
    assert err.count("\n") == 1 and "--allow-remote" in err
    assert out == ""


def test_cli_rejects_bad_options(sample: Path):
    for args, text in (
        (["--max-sessions", "0"], "--max-sessions 0: must be at least 1"),
        (["--port", "70000"], "--port 70000"),
        (["--public-url", "example.com"], "--public-url"),
    ):
        proc = _serve_process(str(sample), *args)
        _out, err = proc.communicate(timeout=30)
        assert proc.returncode == 2, args
        assert text in err and "Traceback" not in err


async def test_cli_serves_with_a_token_and_stops_cleanly(sample: Path):
    proc = _serve_process(str(sample), "--port", "0", "--lang", "en")
    try:
        lines = []
        while not lines or not lines[-1].startswith("Up to"):
            line = await asyncio.to_thread(proc.stdout.readline)
            assert line, f"serve ended early: {proc.stderr.read()}"
            lines.append(line.rstrip("\n"))
        room = next(line.strip() for line in lines if "/r/" in line)
        sato = next(line.split()[1] for line in lines if line.strip().startswith("sato "))
        assert room.startswith(f"http://{HOST}:")
        base = room.split("/r/")[0]
        async with aiohttp.ClientSession() as http:
            async with http.get(base + "/") as response:
                assert response.status == 404
            async with http.get(room.replace("/r/", "/r/x")) as response:
                assert response.status == 403
            async with http.get(room) as response:
                assert response.status == 200
            async with http.get(sato) as response:
                assert response.status == 200
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=30)
        assert proc.returncode == 0, err
        assert "Stopped serving (0 sessions closed)" in out
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_serve_imports_no_textual_or_rich():
    code = (
        "import sys, cocreate.serve, cocreate.cli.serve;"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'));"
        "print(bad)"
    )
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env=env, check=True).stdout  # fmt: skip
    assert out.strip() == "[]"


def test_cli_help_does_not_import_the_server():
    code = "import sys, cocreate.cli; cocreate.cli.build_parser(); print('aiohttp' in sys.modules)"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env=env, check=True).stdout  # fmt: skip
    assert out.strip() == "False"


# --------------------------------------------------------------------------- the real member app


async def test_real_join_app_is_served_as_the_member(sample: Path):
    server = SessionServer(ServeOptions(folder=sample, host=HOST, port=0, lang="en"))
    await server.start()
    marker = str(sample)
    try:
        async with aiohttp.ClientSession() as http:
            ws = await http.ws_connect(
                _ws_url(server, "sato") + "?width=120&height=40", origin=_origin(server)
            )
            await _texts_until(ws, "佐藤")  # the member's name, drawn by `cocreate join`
            [session] = server.sessions.values()
            # The page's language goes to the app (issue 14 §16): --lang follows the member.
            assert session.argv[-6:] == ["join", str(sample), "--as", "sato", "--lang", "en"]
            assert _processes_with(marker) == [session.pid]
            await ws.close()
        await _until(lambda: not server.sessions, what="join to quit")
        assert session._process.returncode == 0, "join quit when asked, without a kill"
    finally:
        await server.stop()
    assert _processes_with(marker) == []


async def test_sessions_die_with_a_killed_server(sample: Path):
    """SIGKILL gives the server no chance to clean up; its children must still go."""
    proc = _serve_process(str(sample), "--port", "0", "--lang", "en")
    marker = str(sample.resolve())
    try:
        lines = []
        while not lines or not lines[-1].startswith("Up to"):
            line = await asyncio.to_thread(proc.stdout.readline)
            assert line, f"serve ended early: {proc.stderr.read()}"
            lines.append(line.rstrip("\n"))
        link = next(line.split()[1] for line in lines if line.strip().startswith("suzuki "))
        async with aiohttp.ClientSession() as http:
            ws = await http.ws_connect(link + "ws", origin=link.split("/m/")[0])
            await _texts_until(ws, "鈴木")
            children = [pid for pid in _processes_with(marker) if pid != proc.pid]
            assert len(children) == 1
            proc.kill()
            proc.wait(timeout=10)
            await _until(lambda: not _processes_with(marker), what="the orphaned join to end")
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_cli_and_server_agree_on_the_defaults():
    from cocreate.cli import serve as cli_serve
    from cocreate.serve import DEFAULT_MAX_SESSIONS, DEFAULT_PORT

    assert cli_serve.DEFAULT_MAX_SESSIONS == DEFAULT_MAX_SESSIONS == 20
    assert cli_serve.DEFAULT_PORT == DEFAULT_PORT


async def test_a_delivered_file_downloads_for_its_member_only(make_server):
    server = await make_server(mode="deliver")
    jar = aiohttp.CookieJar(unsafe=True)  # unsafe: let the jar keep cookies for an IP
    async with aiohttp.ClientSession(cookie_jar=jar) as http:
        async with http.get(server.terminal_link("sato")) as response:
            assert response.status == 200  # sets the download cookie for sato
        ws = await http.ws_connect(_ws_url(server, "sato"), origin=_origin(server))
        deadline = time.monotonic() + 20
        while True:
            message = await asyncio.wait_for(ws.receive(), deadline - time.monotonic())
            if message.type == aiohttp.WSMsgType.TEXT and "deliver_file_start" in message.data:
                key = message.json()[1]
                break
        async with aiohttp.ClientSession() as stranger:  # no cookie
            async with stranger.get(f"{server.base_url}/download/{key}") as response:
                assert response.status == 403
        other = aiohttp.CookieJar(unsafe=True)
        async with aiohttp.ClientSession(cookie_jar=other) as suzuki:
            async with suzuki.get(server.terminal_link("suzuki")) as response:
                assert response.status == 200
            async with suzuki.get(f"{server.base_url}/download/{key}") as response:
                assert response.status == 403  # suzuki's cookie, sato's file
        async with http.get(f"{server.base_url}/download/{key}") as response:
            assert response.status == 200
            assert (await response.read()).decode("utf-8") == "sato の報告\n"
            disposition = response.headers["Content-Disposition"]
            assert disposition == "attachment; filename*=UTF-8''%E5%A0%B1%E5%91%8A.txt"
        await ws.close()


async def test_cli_writes_links_to_a_private_csv_instead_of_the_screen(sample: Path, tmp_path):
    import csv
    import stat

    from cocreate import storage

    links = tmp_path / "リンク.csv"
    proc = _serve_process(str(sample), "--port", "0", "--lang", "en", "--links", str(links))
    try:
        lines = []
        while not lines or not lines[-1].startswith("Up to"):
            line = await asyncio.to_thread(proc.stdout.readline)
            assert line, f"serve ended early: {proc.stderr.read()}"
            lines.append(line.rstrip("\n"))
        assert f"Links written to {links} (readable by you only)" in lines
        assert not any("/m/" in line or "/r/" in line for line in lines), "a link hit the screen"
        assert stat.S_IMODE(links.stat().st_mode) == 0o600
        assert links.read_bytes().startswith(b"\xef\xbb\xbf")  # Excel reads it as UTF-8
        rows = list(csv.DictReader(links.read_text(encoding="utf-8-sig").splitlines()))
        members = storage.load(sample).members
        assert [r["member"] for r in rows] == ["*", *(m.id for m in members), "#room"]
        assert [r["name"] for r in rows[1:-1]] == [m.name for m in members]
        assert "/f/" in rows[-1]["link"]
        async with aiohttp.ClientSession() as http:
            for row in (rows[0], rows[1]):
                async with http.get(row["link"]) as response:
                    assert response.status == 200
        proc.send_signal(signal.SIGINT)
        proc.communicate(timeout=30)
        assert proc.returncode == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


async def test_behind_a_proxy_only_the_public_origin_opens_sessions(make_server):
    public = "https://cocreate.example.lg.jp"
    server = await make_server(public_url=public)
    token = server.keys.member_token("sato")
    assert server.member_link("sato") == f"{public}/m/sato/{token}/"
    # Connect to the server directly on 127.0.0.1, as the proxy would.
    local = f"http://{HOST}:{server.port}/m/sato/{token}/"
    async with aiohttp.ClientSession() as http:
        async with http.get(local + "terminal/") as response:
            page = await response.text()
            assert response.cookies["cocreate_" + str(server.port)]["secure"]
        assert (
            f'data-session-websocket-url="wss://cocreate.example.lg.jp/m/sato/{token}/ws"' in page
        )
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await http.ws_connect(local + "ws", headers={"Origin": f"http://{HOST}:{server.port}"})
        assert refused.value.status == 403
        ws = await http.ws_connect(local + "ws", headers={"Origin": public})
        await _texts_until(ws, "member=sato")
        await ws.close()
