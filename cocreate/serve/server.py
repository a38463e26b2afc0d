"""The web server of ``cocreate serve``: textual-serve's sessions behind tokens and a cap.

textual-serve turns a websocket into a Textual app running in a child process, but it
checks nothing: no authentication, no Origin, no limit on sessions, and a shell
command line. This module keeps its browser script (``textual.js``) and its
``AppService`` (the process protocol) and supplies the rest:

* every URL carries a token in its path (``/m/<member>/<token>/``); a request without a
  valid one gets 403, before any process starts;
* the websocket's ``Origin`` must be this server (the same host the page came from, or
  ``public_url``), so another site cannot drive a session from a member's browser;
* a session is one member: the child runs ``python -m cocreate join PATH --as MEMBER``,
  started with an argument list (no shell), in its own process group;
* at most ``max_sessions`` run at once; past that a page (or the terminal) says so;
* when the browser goes away the child is asked to quit, then terminated, then killed,
  and on Linux it also dies with the server (``PR_SET_PDEATHSIG``).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import signal
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from aiohttp import WSCloseCode, WSMsgType, web
from textual_serve.app_service import AppService
from textual_serve.download_manager import DownloadManager

from cocreate import storage
from cocreate.errors import CocreateError
from cocreate.i18n import t
from cocreate.model import ID_PATTERN
from cocreate.serve import pages
from cocreate.serve.access import AccessKeys

__all__ = [
    "DEFAULT_MAX_SESSIONS",
    "DEFAULT_PORT",
    "ServeError",
    "ServeOptions",
    "Session",
    "SessionServer",
    "join_command",
]

log = logging.getLogger("cocreate.serve")

#: Sessions (browser tabs, each a child process of ~60-100 MB) allowed at once. A
#: workshop has a dozen people voting in the same ten minutes; 20 leaves room for a
#: facilitator's second tab and a few reconnects on an ordinary office PC.
DEFAULT_MAX_SESSIONS = 20
DEFAULT_PORT = 8000
#: Seconds a child gets to quit on its own after its browser left, then after SIGTERM.
QUIT_GRACE = 3.0
TERM_GRACE = 2.0
#: Largest websocket message accepted from a browser (keystrokes and resizes are tiny).
MAX_MESSAGE = 64 * 1024
_TEXTUAL_SERVE = Path(__import__("textual_serve").__file__).parent
STATIC_ROOT = _TEXTUAL_SERVE / "static"


class ServeError(CocreateError):
    """The server cannot start or run (port in use, no such address, ...)."""


def join_command(folder: str | Path) -> list[str]:
    """The member app's command line, with ``{member}`` where the member id goes."""
    return [sys.executable, "-m", "cocreate", "join", str(folder), "--as", "{member}"]


@dataclass(frozen=True)
class ServeOptions:
    """How to serve one workshop folder.

    ``command`` is the child's argument list; ``{member}`` in any argument is replaced
    by the member id (never through a shell). ``public_url`` is the address browsers
    use when a reverse proxy stands in front (``https://cocreate.example.go.jp``).
    """

    folder: Path
    host: str = "127.0.0.1"
    port: int = DEFAULT_PORT
    max_sessions: int = DEFAULT_MAX_SESSIONS
    public_url: str | None = None
    command: Sequence[str] | None = None
    lang: str = "ja"
    quit_grace: float = QUIT_GRACE


def _parent_death_signal() -> Callable[[], None] | None:
    """A preexec function that has the kernel SIGTERM the child when the server dies.

    ``prctl`` is looked up here, in the server, so that the child between fork and exec
    only makes one foreign call: no import, no ``dlopen``, whose locks another thread
    of the server might have held at the moment of the fork.
    """
    if not sys.platform.startswith("linux"):
        return None
    import ctypes

    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):  # pragma: no cover - no C library to ask
        return None
    pr_set_pdeathsig = 1
    term = int(signal.SIGTERM)

    def preexec() -> None:  # pragma: no cover - runs in the child
        prctl(pr_set_pdeathsig, term)

    return preexec


_PREEXEC = _parent_death_signal()


class Session(AppService):
    """One browser tab: one member's app in a child process (textual-serve's protocol)."""

    def __init__(self, argv: Sequence[str], member: str, **kwargs: Any) -> None:
        super().__init__(" ".join(argv), **kwargs)
        self.argv = list(argv)
        self.member = member
        self._ending: asyncio.Future[None] | None = None

    @property
    def pid(self) -> int | None:
        """The child's process id, once started."""
        return self._process.pid if self._process is not None else None

    @property
    def finished(self) -> bool:
        """Whether the child's output has ended (it exited or closed its stdout)."""
        return self._task is not None and self._task.done()

    async def _open_app_process(self, width: int = 80, height: int = 24):
        # textual-serve runs a shell command line; an argument list cannot be injected.
        environment = self._build_environment(width=width, height=height)
        self._process = process = await asyncio.create_subprocess_exec(
            *self.argv,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            env=environment,
            start_new_session=True,
            preexec_fn=_PREEXEC,
        )
        self._stdin = process.stdin
        return process

    async def wait_finished(self) -> None:
        """Return when the child's output ends."""
        if self._task is not None:
            await asyncio.shield(self._task)

    def end(self, grace: float = QUIT_GRACE) -> asyncio.Future[None]:
        """End the child for good: ask it to quit, then SIGTERM, then SIGKILL its group.

        Safe to call more than once and from a cancelled task: every call waits for the
        one ending, which cancelling a caller does not stop.
        """
        if self._ending is None:
            self._ending = asyncio.ensure_future(self._end(grace))
        return asyncio.shield(self._ending)

    async def _end(self, grace: float) -> None:
        process = self._process
        if process is None:
            return
        if process.returncode is None:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self.send_meta({"type": "quit"}), grace)
            for sig, wait in ((None, grace), (signal.SIGTERM, TERM_GRACE), (signal.SIGKILL, None)):
                if sig is not None and process.returncode is None:
                    with contextlib.suppress(ProcessLookupError, PermissionError):
                        os.killpg(process.pid, sig)
                try:
                    await asyncio.wait_for(process.wait(), wait)
                    break
                except TimeoutError:
                    continue
        if self._stdin is not None:
            self._stdin.close()
        if self._task is not None:
            try:
                await asyncio.wait_for(asyncio.shield(self._task), TERM_GRACE)
            except TimeoutError:
                self._task.cancel()


@dataclass
class SessionServer:
    """The aiohttp application serving one workshop; ``start`` binds, ``stop`` ends all."""

    options: ServeOptions
    keys: AccessKeys = field(default_factory=AccessKeys)
    sessions: dict[int, Session] = field(default_factory=dict)
    downloads: DownloadManager = field(default_factory=DownloadManager)
    on_session_change: Callable[[int], None] | None = None
    _runner: web.AppRunner | None = None
    _sockets: set[web.WebSocketResponse] = field(default_factory=set)
    port: int = 0

    # ------------------------------------------------------------------- lifecycle

    def make_app(self) -> web.Application:
        app = web.Application(middlewares=[_security_headers])
        app.add_routes([
            web.get("/r/{token}/", self.handle_pick),
            web.get("/m/{member}/{token}/", self.handle_app),
            web.get("/m/{member}/{token}/ws", self.handle_websocket),
            web.get("/m/{member}/{token}/static/{file:.+}", self.handle_static),
            web.get("/download/{key}", self.handle_download),
        ])  # fmt: skip
        return app

    async def start(self) -> None:
        """Bind the address and start serving; ``self.port`` is then the real port."""
        self._runner = web.AppRunner(self.make_app(), access_log=None, handle_signals=False)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.options.host, self.options.port)
        try:
            await site.start()
        except OSError as exc:
            await self._runner.cleanup()
            reason = exc.strerror.lower() if exc.strerror else str(exc)
            raise ServeError(
                f"cannot serve on {self.options.host}:{self.options.port}: {reason}"
            ) from None
        server = site._server  # aiohttp gives no public accessor
        sockets = getattr(server, "sockets", None) or ()
        self.port = sockets[0].getsockname()[1] if sockets else self.options.port

    async def stop(self) -> int:
        """Close every websocket, end every child, stop listening; return sessions closed."""
        closed = len(self.sessions)
        for websocket in list(self._sockets):
            with contextlib.suppress(Exception):
                await websocket.close(code=WSCloseCode.GOING_AWAY, message=b"server stopped")
        await asyncio.gather(
            *(s.end(self.options.quit_grace) for s in list(self.sessions.values())),
            return_exceptions=True,
        )
        self.sessions.clear()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
        return closed

    # ------------------------------------------------------------------- links

    @property
    def base_url(self) -> str:
        """Where browsers reach this server (``public_url``, or the bound address)."""
        if self.options.public_url:
            return self.options.public_url.rstrip("/")
        host = self.options.host or "127.0.0.1"
        if host in ("0.0.0.0", "::"):  # every interface: name this machine
            import socket

            host = socket.gethostname()
        if ":" in host:
            host = f"[{host}]"
        return f"http://{host}:{self.port}"

    def room_link(self) -> str:
        return f"{self.base_url}/r/{self.keys.room}/"

    def member_link(self, member_id: str, token: str | None = None) -> str:
        token = token if token is not None else self.keys.member_token(member_id)
        return f"{self.base_url}{_member_path(member_id, token)}"

    # ------------------------------------------------------------------- handlers

    def _lang(self) -> str:
        return self.options.lang

    def _refuse(self, status: int, title_key: str, text: str) -> web.Response:
        lang = self._lang()
        return web.Response(
            status=status,
            text=pages.message_page(lang, t(title_key, lang), text),
            content_type="text/html",
        )

    def _forbidden(self) -> web.Response:
        return self._refuse(403, "serve.page.forbidden.title",
                            t("serve.page.forbidden.text", self._lang()))  # fmt: skip

    def _full(self) -> web.Response:
        return self._refuse(
            503, "serve.page.full.title",
            t("serve.page.full.text", self._lang(), count=self.options.max_sessions),
        )  # fmt: skip

    async def _check_member(
        self, request: web.Request, *, exists: bool = True
    ) -> tuple[str, str] | web.Response:
        """The (member, token) of a member URL, or the response refusing it.

        With ``exists`` the workshop is read to check the member is (still) in it.
        """
        member = request.match_info["member"]
        token = request.match_info["token"]
        if not ID_PATTERN.match(member) or not self.keys.allows(member, token):
            return self._forbidden()
        if not exists:
            return member, token
        try:
            workshop = await self._load()
        except CocreateError as exc:
            return self._refuse(500, "serve.page.broken.title", str(exc))
        if workshop.member(member) is None:
            return self._refuse(
                404, "serve.page.unknown_member.title",
                t("serve.page.unknown_member.text", self._lang(), member=member),
            )  # fmt: skip
        return member, token

    async def handle_pick(self, request: web.Request) -> web.Response:
        """The room link: a prompt listing every member."""
        if not self.keys.is_room(request.match_info["token"]):
            return self._forbidden()
        try:
            workshop = await self._load()
        except CocreateError as exc:
            return self._refuse(500, "serve.page.broken.title", str(exc))
        # The room token covers every member, so the prompt's links carry it rather
        # than handing out each member's personal token.
        members = [
            (member.name or member.id, _member_path(member.id, self.keys.room))
            for member in workshop.members
        ]
        return web.Response(
            text=pages.pick_page(self._lang(), workshop.meta.title, members),
            content_type="text/html",
        )

    async def handle_app(self, request: web.Request) -> web.Response:
        """A member's page: textual-serve's terminal, connected to this member's session."""
        checked = await self._check_member(request)
        if isinstance(checked, web.Response):
            return checked
        member, token = checked
        if len(self.sessions) >= self.options.max_sessions:
            return self._full()
        path = _member_path(member, token)
        origin = self._origin(request)
        ws_origin = "wss" + origin[5:] if origin.startswith("https") else "ws" + origin[4:]
        title = f"cocreate: {member}"
        response = web.Response(
            text=pages.app_page(
                self._lang(), title, f"{path}static/", f"{ws_origin}{path}ws",
                _clamp(request.query.get("fontsize"), 16, 8, 48),
            ),
            content_type="text/html",
        )  # fmt: skip
        # textual.js opens downloads at /download/<key>, outside the token path; this
        # cookie (HttpOnly, SameSite=Strict, this port only) lets them through.
        response.set_cookie(
            self._cookie_name, f"{member}/{token}", httponly=True, samesite="Strict",
            path="/download/", secure=origin.startswith("https"),
        )  # fmt: skip
        response.headers["Content-Security-Policy"] = (
            "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self'"
            f" 'unsafe-inline'; connect-src 'self' {ws_origin}; img-src 'self' data:;"
            " font-src 'self' data:; frame-ancestors 'none'; base-uri 'none'"
        )
        return response

    @property
    def _cookie_name(self) -> str:
        return f"cocreate_{self.port}"

    def _origin(self, request: web.Request) -> str:
        """The origin browsers see for this server."""
        if self.options.public_url:
            parts = urlsplit(self.options.public_url)
            return f"{parts.scheme}://{parts.netloc}"
        return f"{request.scheme}://{request.host}"

    def _origin_allowed(self, request: web.Request) -> bool:
        origin = request.headers.get("Origin")
        if origin is None:
            # Browsers always send Origin on a websocket; a client that does not is not
            # a browser that another site could be driving. The token still applies.
            return True
        return origin == self._origin(request)

    async def handle_static(self, request: web.Request) -> web.StreamResponse:
        """textual-serve's script, styles and fonts, behind the same token."""
        checked = await self._check_member(request, exists=False)
        if isinstance(checked, web.Response):
            return checked
        target = (STATIC_ROOT / request.match_info["file"]).resolve()
        if not target.is_relative_to(STATIC_ROOT.resolve()) or not target.is_file():
            raise web.HTTPNotFound()
        return web.FileResponse(target)

    async def handle_websocket(self, request: web.Request) -> web.StreamResponse:
        """Run one member's app for as long as the browser stays connected."""
        checked = await self._check_member(request)
        if isinstance(checked, web.Response):
            return checked
        member, _token = checked
        if not self._origin_allowed(request):
            return self._forbidden()
        websocket = web.WebSocketResponse(heartbeat=15, max_msg_size=MAX_MESSAGE)
        await websocket.prepare(request)
        if len(self.sessions) >= self.options.max_sessions:
            message = t("serve.terminal.full", self._lang(), count=self.options.max_sessions)
            await websocket.send_bytes(f"\r\n  {message}\r\n".encode())
            await websocket.close(code=WSCloseCode.TRY_AGAIN_LATER, message=b"session limit")
            return websocket
        argv = [arg.replace("{member}", member) for arg in self._command()]
        session = Session(
            argv, member, write_bytes=websocket.send_bytes, write_str=websocket.send_str,
            close=websocket.close, download_manager=self.downloads,
        )  # fmt: skip
        key = id(session)
        self.sessions[key] = session
        self._sockets.add(websocket)
        self._changed()
        try:
            await session.start(
                _clamp(request.query.get("width"), 80, 10, 1000),
                _clamp(request.query.get("height"), 24, 5, 500),
            )
            watcher = asyncio.create_task(self._close_when_finished(session, websocket))
            try:
                await self._relay(websocket, session)
            finally:
                watcher.cancel()
        except Exception:
            log.exception("session of %s failed", member)
        finally:
            self._sockets.discard(websocket)
            if not websocket.closed:
                with contextlib.suppress(Exception):
                    await websocket.close()
            # Shielded: a server shutdown cancels this handler, and the child must
            # still be ended, not orphaned.
            await session.end(self.options.quit_grace)
            self.sessions.pop(key, None)
            self._changed()
        return websocket

    async def _close_when_finished(self, session: Session, websocket) -> None:
        # The app quit or crashed: close the browser's connection so the page says the
        # session ended and the seat is freed (textual-serve leaves it open).
        await session.wait_finished()
        await websocket.close()

    async def _relay(self, websocket: web.WebSocketResponse, session: Session) -> None:
        """Pass the browser's keys, resizes and focus changes to the app."""
        async for message in websocket:
            if message.type != WSMsgType.TEXT:
                continue
            try:
                envelope = json.loads(message.data)
            except ValueError:
                continue
            if not isinstance(envelope, list) or not envelope:
                continue
            kind = envelope[0]
            data = envelope[1] if len(envelope) > 1 else None
            if kind == "stdin" and isinstance(data, str):
                await session.send_bytes(data.encode("utf-8"))
            elif kind == "resize" and isinstance(data, dict):
                await session.set_terminal_size(
                    _clamp(data.get("width"), 80, 10, 1000), _clamp(data.get("height"), 24, 5, 500)
                )
            elif kind == "ping":
                await websocket.send_json(["pong", data])
            elif kind == "blur":
                await session.blur()
            elif kind == "focus":
                await session.focus()

    async def handle_download(self, request: web.Request) -> web.StreamResponse:
        """A file the member's app delivers to the browser (its key is random)."""
        cookie = request.cookies.get(self._cookie_name, "")
        member, _, token = cookie.partition("/")
        if not member or not self.keys.allows(member, token):
            return self._forbidden()
        key = request.match_info["key"]
        try:
            meta = await self.downloads.get_download_metadata(key)
        except KeyError:
            raise web.HTTPNotFound() from None
        owner = getattr(meta.app_service, "member", None)
        if owner != member:
            return self._forbidden()
        response = web.StreamResponse()
        content_type = meta.mime_type + (f"; charset={meta.encoding}" if meta.encoding else "")
        response.headers["Content-Type"] = content_type
        disposition = "inline" if meta.open_method == "browser" else "attachment"
        # RFC 6266: Japanese file names go in filename*, percent-encoded UTF-8.
        response.headers["Content-Disposition"] = (
            f"{disposition}; filename*=UTF-8''{quote(Path(meta.file_name).name)}"
        )
        await response.prepare(request)
        async for chunk in self.downloads.download(key):
            await response.write(chunk)
        await response.write_eof()
        return response

    # ------------------------------------------------------------------- helpers

    async def _load(self):
        # In a thread: a large workshop takes a moment to read, and other sessions'
        # keystrokes must not wait for it.
        return await asyncio.to_thread(storage.load, self.options.folder)

    def _command(self) -> Sequence[str]:
        return self.options.command or join_command(self.options.folder)

    def _changed(self) -> None:
        if self.on_session_change is not None:
            self.on_session_change(len(self.sessions))


def _member_path(member_id: str, token: str) -> str:
    return f"/m/{quote(member_id, safe='')}/{token}/"


def _clamp(raw: object, default: int, low: int, high: int) -> int:
    try:
        value = int(raw)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return default
    return max(low, min(high, value))


@web.middleware
async def _security_headers(request: web.Request, handler) -> web.StreamResponse:
    response = await handler(request)
    if response.prepared:  # a websocket: its handshake has gone out already
        return response
    # Tokens live in URLs: never send them on as a Referer, never cache the pages.
    response.headers.setdefault("Referrer-Policy", "no-referrer")
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("X-Frame-Options", "DENY")
    if response.content_type == "text/html":
        response.headers.setdefault("Cache-Control", "no-store")
    return response
