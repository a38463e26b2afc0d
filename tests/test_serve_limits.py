"""What one client can do to ``cocreate serve``: half-sent requests, idle sockets, floods,
forged Hosts and Origins, and the links file (issue 12 §7).

Everything runs on loopback; the "other client" connects from 127.0.0.2, which Linux
routes to this machine like 127.0.0.1.
"""

from __future__ import annotations

import asyncio
import csv
import logging
import socket
import stat
import time
from pathlib import Path

import aiohttp
import pytest

from cocreate.serve import ServeOptions, SessionServer
from cocreate.serve.links import links_csv, write_private
from tests.conftest import ROOT

HOST = "127.0.0.1"
STANDIN = str(ROOT / "tests" / "serve_standin.py")


@pytest.fixture
async def make_server(sample: Path):
    servers: list[SessionServer] = []

    async def start(**options) -> SessionServer:
        import sys

        settings = {"folder": sample, "host": HOST, "port": 0, "lang": "en",
                    "command": [sys.executable, STANDIN, "{member}", "normal", "limits"],
                    "quit_grace": 1.0, **options}  # fmt: skip
        server = SessionServer(ServeOptions(**settings))
        await server.start()
        servers.append(server)
        return server

    yield start
    for server in servers:
        await asyncio.wait_for(server.stop(), 30)


async def _open(server: SessionServer, source: str = HOST):
    return await asyncio.open_connection(HOST, server.port, local_addr=(source, 0))


async def _closed_within(reader: asyncio.StreamReader, seconds: float) -> bool:
    """Whether the server closes the connection within ``seconds`` (reads until EOF)."""
    deadline = time.monotonic() + seconds
    try:
        while time.monotonic() < deadline:
            data = await asyncio.wait_for(reader.read(65536), deadline - time.monotonic())
            if not data:
                return True
    except (TimeoutError, ConnectionResetError):
        return False if time.monotonic() >= deadline else True
    return False


async def _status(server: SessionServer, path: str, source: str = HOST) -> int:
    reader, writer = await _open(server, source)
    writer.write(f"GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
    await writer.drain()
    line = await asyncio.wait_for(reader.readline(), 10)
    writer.close()
    return int(line.split()[1])


# --------------------------------------------------------------------------- timeouts


@pytest.mark.serial  # times the server's timeout against the wall clock
async def test_a_half_sent_request_head_is_closed_after_the_header_timeout(make_server):
    server = await make_server(header_timeout=0.5)
    reader, writer = await _open(server)
    writer.write(b"GET /r/x/ HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")  # never finished
    await writer.drain()
    started = time.monotonic()
    assert await _closed_within(reader, 5), "a half-sent request stayed open"
    assert time.monotonic() - started < 3
    await asyncio.sleep(0.05)
    assert server.guard.connections == 0
    writer.close()


async def test_a_socket_that_sends_nothing_is_closed_too(make_server):
    server = await make_server(header_timeout=0.5)
    reader, writer = await _open(server)
    assert await _closed_within(reader, 5)
    writer.close()


@pytest.mark.serial  # times the server's timeout against the wall clock
async def test_an_idle_keep_alive_connection_is_closed_after_the_idle_timeout(make_server):
    server = await make_server(idle_timeout=0.6, header_timeout=5)
    reader, writer = await _open(server)
    writer.write(b"GET /r/x/ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
    await writer.drain()
    status = await asyncio.wait_for(reader.readline(), 5)
    assert b" 403 " in status  # served, and the connection kept alive
    started = time.monotonic()
    assert await _closed_within(reader, 5), "an idle connection stayed open"
    assert 0.4 < time.monotonic() - started < 3
    writer.close()


async def test_a_long_request_is_not_cut_by_the_deadlines(make_server):
    # A websocket session is one request that lasts: the head and idle deadlines stop
    # while it runs.
    server = await make_server(header_timeout=0.3, idle_timeout=0.3)
    origin = f"http://{HOST}:{server.port}"
    async with aiohttp.ClientSession() as http:
        ws = await http.ws_connect(server.member_link("sato") + "ws", origin=origin)
        await asyncio.sleep(1.2)
        await ws.send_json(["ping", "still here"])
        deadline = time.monotonic() + 15
        while True:
            message = await asyncio.wait_for(ws.receive(), deadline - time.monotonic())
            assert message.type in (aiohttp.WSMsgType.TEXT, aiohttp.WSMsgType.BINARY)
            if message.type == aiohttp.WSMsgType.TEXT and "still here" in message.data:
                break
        await ws.close()


# --------------------------------------------------------------------------- connection caps


async def test_one_client_cannot_take_every_connection(make_server, caplog):
    server = await make_server(connections_per_client=5, header_timeout=30)
    held = [await _open(server) for _ in range(5)]
    await asyncio.sleep(0.1)
    assert server.guard.connections == 5
    # Past its share, the same client's new connections are closed at once ...
    caplog.set_level(logging.WARNING, logger="cocreate.serve")
    extra = [await _open(server) for _ in range(40)]
    for reader, _writer in extra:
        assert await _closed_within(reader, 2)
    assert server.guard.connections == 5
    # ... with one log line, not one traceback per socket ...
    lines = [r for r in caplog.records if r.name == "cocreate.serve"]
    assert len(lines) == 1 and "refusing connections from 127.0.0.1" in lines[0].getMessage()
    assert not any(r.exc_info for r in caplog.records)
    # ... while another client is served as usual.
    assert await _status(server, server.room_link().split(str(server.port))[1], "127.0.0.2") == 200
    for _reader, writer in held + extra:
        writer.close()


async def test_the_total_is_bounded_below_the_open_file_limit(make_server):
    server = await make_server(max_connections=8, connections_per_client=100, header_timeout=30)
    held = [await _open(server, f"127.0.0.{2 + n % 3}") for n in range(8)]
    await asyncio.sleep(0.1)
    reader, writer = await _open(server, "127.0.0.9")
    assert await _closed_within(reader, 2)
    assert server.guard.connections == 8
    for _reader, other in held:
        other.close()
    writer.close()
    await asyncio.sleep(0.2)
    assert server.guard.connections == 0


# --------------------------------------------------------------------------- origins


async def test_a_forged_host_with_a_matching_origin_is_refused(make_server):
    server = await make_server()
    async with aiohttp.ClientSession() as http:
        for host in ("evil.example", f"evil.example:{server.port}"):
            with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                await http.ws_connect(
                    server.member_link("sato") + "ws",
                    headers={"Host": host, "Origin": f"http://{host}"},
                )
            assert refused.value.status == 403
    assert server.sessions == {}


async def test_a_websocket_without_an_origin_is_refused_unless_allowed(make_server):
    server = await make_server()
    async with aiohttp.ClientSession() as http:
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await http.ws_connect(server.member_link("sato") + "ws")  # no Origin header
        assert refused.value.status == 403
    assert server.sessions == {}

    allowing = await make_server(allow_missing_origin=True)
    async with aiohttp.ClientSession() as http:
        ws = await http.ws_connect(allowing.member_link("sato") + "ws")
        await ws.send_json(["ping", "x"])
        await ws.close()


async def test_localhost_is_the_same_server_but_another_port_is_not(make_server):
    server = await make_server()
    assert f"http://localhost:{server.port}" in server.origins
    assert f"http://127.0.0.1:{server.port}" in server.origins
    assert f"http://127.0.0.1:{server.port + 1}" not in server.origins
    proxied = await make_server(public_url="https://cocreate.example.lg.jp/")
    assert proxied.origins == {"https://cocreate.example.lg.jp"}


def test_the_cli_flag_allows_a_missing_origin():
    import argparse

    from cocreate.cli import serve as cli_serve

    parser = argparse.ArgumentParser()
    cli_serve.register(parser.add_subparsers(), {})
    assert parser.parse_args(["serve", "w", "--allow-no-origin"]).allow_no_origin
    assert not parser.parse_args(["serve", "w"]).allow_no_origin


# --------------------------------------------------------------------------- the links file


def test_the_links_csv_is_formula_neutralised():
    payloads = ['=HYPERLINK("http://x","y")', "+SUM(1,2)", "-2+3", "@cmd", "\t=1", "\r=1"]
    rows = [(f"m{n}", text, text, "http://127.0.0.1:1/m/x/t/") for n, text in enumerate(payloads)]
    text = links_csv("http://127.0.0.1:1/r/t/", rows, "http://127.0.0.1:1/f/t/")
    parsed = list(csv.DictReader(text.splitlines()))
    cells = [row[key] for row in parsed[1:-1] for key in ("name", "email")]
    assert len(cells) == 2 * len(payloads)
    for cell in cells:
        assert cell.startswith("'"), cell
    assert parsed[0]["link"].startswith("http") and parsed[-1]["member"] == "#room"


def test_the_links_file_goes_through_storage_atomic_write(tmp_path, monkeypatch):
    from cocreate import storage

    calls = []
    real = storage.atomic_write

    def spy(path, data, **options):
        calls.append(Path(path))
        real(path, data, **options)

    monkeypatch.setattr(storage, "atomic_write", spy)
    target = tmp_path / "links.csv"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o644)
    write_private(target, "member,name\r\n佐藤,x\r\n")
    assert calls == [target]
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert target.read_bytes() == "member,name\r\n佐藤,x\r\n".encode("utf-8-sig")
    assert [p.name for p in tmp_path.iterdir()] == ["links.csv"]  # no temp file left


def test_a_links_file_that_cannot_be_written_is_one_line(tmp_path):
    from cocreate.errors import SaveError

    with pytest.raises(SaveError) as failed:
        write_private(tmp_path / "no-such-folder" / "links.csv", "x")
    assert "\n" not in str(failed.value) and "links.csv" in str(failed.value)


def test_loopback_addresses_other_than_127_0_0_1_reach_this_machine():
    # The connection-cap tests rely on it.
    with socket.create_server(("127.0.0.1", 0)) as listener:
        port = listener.getsockname()[1]
        with socket.create_connection(("127.0.0.1", port), source_address=("127.0.0.2", 0)):
            conn, peer = listener.accept()
            conn.close()
    assert peer[0] == "127.0.0.2"
