"""The web server of ``cocreate serve``: members' web pages, and the terminal app behind
tokens and a cap.

Each member's link opens a plain web page (:mod:`cocreate.serve.web`): server-rendered
forms that need neither JavaScript nor a websocket. The terminal app stays available
under ``<link>terminal/``, through textual-serve, which turns a websocket into a Textual
app running in a child process but checks nothing itself. This module keeps
textual-serve's browser script (``textual.js``) and process protocol and supplies the
rest:

* every URL carries a token in its path (``/m/<member>/<token>/``); a request without a
  valid one gets 403, before any process starts or any file is read;
* a websocket's and a form post's ``Origin`` must be the served address (or
  ``public_url``), never judged by the request's own ``Host``; a websocket or post
  without an ``Origin`` is refused unless ``allow_missing_origin``;
* a session is one member: the child runs ``python -m cocreate join PATH --as MEMBER
  --lang L``, started with an argument list (no shell), in its own process group;
* at most ``max_sessions`` run at once; past that a page (or the terminal) says so;
* when the browser goes away the child is asked to quit, then terminated, then killed,
  and on Linux it also dies with the server (``PR_SET_PDEATHSIG``);
* every connection must send its request head within ``header_timeout`` and is closed
  after ``idle_timeout`` between requests; a client address may hold at most
  ``connections_per_client`` connections (:class:`~cocreate.serve.guard.ConnectionGuard`).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import socket
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar, cast
from urllib.parse import quote, urlsplit

from aiohttp import WSCloseCode, WSMsgType, web
from aiohttp.typedefs import Handler
from textual_serve.download_manager import DownloadManager

from cocreate.errors import CocreateError
from cocreate.i18n import t
from cocreate.model import ID_PATTERN, Workshop
from cocreate.serve import pages
from cocreate.serve.access import AccessKeys, is_loopback
from cocreate.serve.guard import ConnectionGuard, FormTokens, RateLimiter
from cocreate.serve.terminal import QUIT_GRACE, Session, join_command
from cocreate.serve.view import FolderView

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
#: Largest websocket message accepted from a browser (keystrokes and resizes are tiny).
MAX_MESSAGE = 64 * 1024
#: Largest request body: a form of a few texts. Anything bigger is refused (413).
MAX_BODY = 32 * 1024
T = TypeVar("T")
_TEXTUAL_SERVE = Path(cast(str, __import__("textual_serve").__file__)).parent
STATIC_ROOT = _TEXTUAL_SERVE / "static"


class ServeError(CocreateError):
    """The server cannot start or run (port in use, no such address, ...)."""


@dataclass(frozen=True)
class ServeOptions:
    """How to serve one workshop folder.

    ``command`` is the terminal app's argument list; ``{member}`` in any argument is
    replaced by the member id (never through a shell), and ``{lang}`` by the page's
    language. ``public_url`` is the address browsers use when a reverse proxy stands in
    front (``https://cocreate.example.go.jp``). ``lang`` fixes the language of every
    page; without it each browser's ``Accept-Language`` chooses, then ``fallback_lang``.
    """

    folder: Path
    host: str = "127.0.0.1"
    port: int = DEFAULT_PORT
    max_sessions: int = DEFAULT_MAX_SESSIONS
    public_url: str | None = None
    command: Sequence[str] | None = None
    lang: str | None = None
    fallback_lang: str = "ja"
    quit_grace: float = QUIT_GRACE
    allow_missing_origin: bool = False
    header_timeout: float = 10.0
    idle_timeout: float = 30.0
    body_timeout: float = 10.0
    connections_per_client: int = 128
    max_connections: int = 900
    max_body: int = MAX_BODY
    rate_burst: int = 60
    rate_per_second: float = 5.0


@dataclass
class SessionServer:
    """The aiohttp application serving one workshop; ``start`` binds, ``stop`` ends all."""

    options: ServeOptions
    keys: AccessKeys = field(default_factory=AccessKeys)
    sessions: dict[int, Session] = field(default_factory=dict)
    downloads: DownloadManager = field(default_factory=DownloadManager)
    on_session_change: Callable[[int], None] | None = None
    port: int = 0
    _runner: web.AppRunner | None = None
    _listener: asyncio.Server | None = None
    _sockets: set[web.WebSocketResponse] = field(default_factory=set)

    def __post_init__(self) -> None:
        options = self.options
        self.view = FolderView(options.folder)
        self.writers = ThreadPoolExecutor(max_workers=16, thread_name_prefix="cocreate-save")
        self.forms = FormTokens()
        self.limiter = RateLimiter(options.rate_burst, options.rate_per_second)
        self.guard = ConnectionGuard(
            header_timeout=options.header_timeout, idle_timeout=options.idle_timeout,
            per_client=options.connections_per_client, total=options.max_connections,
        )  # fmt: skip
        from cocreate.serve.web import MemberSite

        self.site = MemberSite(self)

    # ------------------------------------------------------------------- lifecycle

    def make_app(self) -> web.Application:
        app = web.Application(
            middlewares=[self._connection_middleware, _security_headers],
            client_max_size=self.options.max_body,
        )
        app.add_routes([
            web.get("/r/{token}/", self.handle_pick),
            web.get("/m/{member}/{token}/terminal/", self.handle_app),
            web.get("/m/{member}/{token}/ws", self.handle_websocket),
            web.get("/m/{member}/{token}/static/{file:.+}", self.handle_static),
            web.get("/download/{key}", self.handle_download),
        ])  # fmt: skip
        self.site.add_routes(app)
        return app

    async def start(self) -> None:
        """Bind the address and start serving; ``self.port`` is then the real port."""
        options = self.options
        self._runner = web.AppRunner(
            self.make_app(), access_log=None, handle_signals=False,
            keepalive_timeout=options.idle_timeout,
        )  # fmt: skip
        await self._runner.setup()
        loop = asyncio.get_running_loop()
        server = self._runner.server
        assert server is not None  # made by setup()
        try:
            self._listener = await loop.create_server(
                self.guard.wrap(server), options.host or None, options.port,
                reuse_address=True, backlog=128,
            )  # fmt: skip
        except OSError as exc:
            await self._runner.cleanup()
            reason = exc.strerror.lower() if exc.strerror else str(exc)
            raise ServeError(f"cannot serve on {options.host}:{options.port}: {reason}") from None
        sockets = self._listener.sockets or ()
        self.port = sockets[0].getsockname()[1] if sockets else options.port

    async def stop(self) -> int:
        """Close every websocket, end every child, stop listening; return sessions closed."""
        closed = len(self.sessions)
        if self._listener is not None:
            self._listener.close()
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
        await self.site.close()
        self.writers.shutdown(wait=True)
        self._listener = None
        return closed

    @web.middleware
    async def _connection_middleware(
        self, request: web.Request, handler: Handler
    ) -> web.StreamResponse:
        # A complete request head has arrived: stop the connection's head deadline
        # until this request is done (a websocket is one long request).
        connection = self.guard.connection_of(request.transport)
        if connection is not None:
            connection.head_received()
        try:
            return await handler(request)
        finally:
            if connection is not None:
                connection.request_done()

    # ------------------------------------------------------------------- links

    @property
    def base_url(self) -> str:
        """Where browsers reach this server (``public_url``, or the bound address)."""
        if self.options.public_url:
            return self.options.public_url.rstrip("/")
        host = self.options.host or "127.0.0.1"
        if host in ("0.0.0.0", "::"):  # every interface: name this machine
            host = socket.gethostname()
        if ":" in host:
            host = f"[{host}]"
        return f"http://{host}:{self.port}"

    def room_link(self) -> str:
        return f"{self.base_url}/r/{self.keys.room}/"

    def facilitator_link(self) -> str:
        """The facilitator's room page: who has contributed, who has not voted."""
        return f"{self.base_url}/f/{self.keys.facilitator_token()}/"

    def member_link(self, member_id: str, token: str | None = None) -> str:
        """A member's web page (what to hand out)."""
        token = token if token is not None else self.keys.member_token(member_id)
        return f"{self.base_url}{member_path(member_id, token)}"

    def terminal_link(self, member_id: str, token: str | None = None) -> str:
        """A member's terminal app in the browser (needs websockets)."""
        return self.member_link(member_id, token) + "terminal/"

    @property
    def origins(self) -> frozenset[str]:
        """The origins browsers may show for this server: the served address's.

        Never taken from a request (its ``Host`` header is the client's to choose).
        Behind a proxy only ``public_url`` counts; on a loopback address its other
        names too (``localhost``); on every interface, this machine's names.
        """
        if self.options.public_url:
            parts = urlsplit(self.options.public_url)
            return frozenset({f"{parts.scheme}://{parts.netloc}".lower()})
        host = (self.options.host or "").strip("[]")
        if host in ("", "0.0.0.0", "::"):
            names = {socket.gethostname(), socket.getfqdn(), "localhost", "127.0.0.1"}
            with contextlib.suppress(OSError):
                names |= {str(a[4][0]) for a in socket.getaddrinfo(socket.gethostname(), None)}
        elif is_loopback(host):
            names = {host, "localhost", "127.0.0.1"}
        else:
            names = {host}
        port = self.port
        return frozenset(
            f"http://{f'[{name}]' if ':' in name else name}:{port}".lower() for name in names
        )

    def origin_allowed(self, request: web.Request) -> bool:
        """Whether the request comes from this server's own pages (or no browser, if allowed)."""
        origin = request.headers.get("Origin")
        if origin is None:
            return self.options.allow_missing_origin
        return origin.lower() in self.origins

    # ------------------------------------------------------------------- handlers

    def lang(self, request: web.Request | None = None) -> str:
        """The language of a page: ``--lang``, else the browser's, else the fallback."""
        if self.options.lang:
            return self.options.lang
        header = request.headers.get("Accept-Language") if request is not None else None
        return pages.pick_language(header, self.options.fallback_lang)

    def refuse(
        self, request: web.Request, status: int, title_key: str, text: str, **headers: str
    ) -> web.Response:
        lang = self.lang(request)
        response = web.Response(
            status=status,
            text=self.site.render_message(lang, t(title_key, lang), text),
            content_type="text/html",
        )
        response.headers.update(headers)
        return response

    def forbidden(self, request: web.Request) -> web.Response:
        return self.refuse(request, 403, "serve.page.forbidden.title",
                           t("serve.page.forbidden.text", self.lang(request)))  # fmt: skip

    def _full(self, request: web.Request) -> web.Response:
        return self.refuse(
            request, 503, "serve.page.full.title",
            t("serve.page.full.text", self.lang(request), count=self.options.max_sessions),
        )  # fmt: skip

    def check_token(self, request: web.Request) -> tuple[str, str] | web.Response:
        """The (member, token) of a member URL without reading the workshop, or a refusal.

        Also applies the rate limit of the token.
        """
        member = request.match_info["member"]
        token = request.match_info["token"]
        if not ID_PATTERN.fullmatch(member) or not self.keys.allows(member, token):
            return self.forbidden(request)
        key = f"{member}/{token}"
        if not self.limiter.allow(key):
            text = t("serve.page.busy.text", self.lang(request))
            return self.refuse(
                request, 429, "serve.page.busy.title", text,
                **{"Retry-After": str(self.limiter.retry_after(key))},
            )  # fmt: skip
        return member, token

    async def check_member(self, request: web.Request) -> tuple[str, str] | web.Response:
        """The (member, token) of a member URL whose member is in the workshop, or a refusal."""
        checked = self.check_token(request)
        if isinstance(checked, web.Response):
            return checked
        member, token = checked
        try:
            workshop = await self.load()
        except CocreateError as exc:
            return self.refuse(request, 500, "serve.page.broken.title", str(exc))
        if workshop.member(member) is None:
            return self.refuse(
                request, 404, "serve.page.unknown_member.title",
                t("serve.page.unknown_member.text", self.lang(request), member=member),
            )  # fmt: skip
        return member, token

    async def handle_pick(self, request: web.Request) -> web.Response:
        """The room link: a prompt listing every member."""
        if not self.keys.is_room(request.match_info["token"]):
            return self.forbidden(request)
        # Everyone in a room opens this link at once: the limit is per client address.
        if not self.limiter.allow(f"room/{request.remote}"):
            return self.refuse(request, 429, "serve.page.busy.title",
                               t("serve.page.busy.text", self.lang(request)))  # fmt: skip
        try:
            workshop = await self.load()
        except CocreateError as exc:
            return self.refuse(request, 500, "serve.page.broken.title", str(exc))
        # The room token covers every member, so the prompt's links carry it rather
        # than handing out each member's personal token.
        members = [
            (member.name or member.id, member_path(member.id, self.keys.room))
            for member in workshop.members
        ]
        return web.Response(
            text=self.site.render_pick(self.lang(request), workshop.meta.title, members),
            content_type="text/html",
        )

    async def handle_app(self, request: web.Request) -> web.Response:
        """A member's terminal page: textual-serve's terminal, connected to their session."""
        checked = await self.check_member(request)
        if isinstance(checked, web.Response):
            return checked
        member, token = checked
        if len(self.sessions) >= self.options.max_sessions:
            return self._full(request)
        path = member_path(member, token)
        origin = self._page_origin()
        ws_origin = "wss" + origin[5:] if origin.startswith("https") else "ws" + origin[4:]
        title = f"cocreate: {member}"
        response = web.Response(
            text=pages.app_page(
                self.lang(request), title, f"{path}static/", f"{ws_origin}{path}ws",
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
        response.headers["Referrer-Policy"] = "no-referrer"  # no forms here
        response.headers["Content-Security-Policy"] = (
            "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self'"
            f" 'unsafe-inline'; connect-src 'self' {ws_origin}; img-src 'self' data:;"
            " font-src 'self' data:; frame-ancestors 'none'; base-uri 'none'"
        )
        return response

    @property
    def _cookie_name(self) -> str:
        return f"cocreate_{self.port}"

    def _page_origin(self) -> str:
        """The origin of the links this server hands out (``public_url`` or the address)."""
        parts = urlsplit(self.base_url)
        return f"{parts.scheme}://{parts.netloc}"

    async def handle_static(self, request: web.Request) -> web.StreamResponse:
        """textual-serve's script, styles and fonts, behind the same token."""
        checked = self.check_token(request)
        if isinstance(checked, web.Response):
            return checked
        target = (STATIC_ROOT / request.match_info["file"]).resolve()
        if not target.is_relative_to(STATIC_ROOT.resolve()) or not target.is_file():
            raise web.HTTPNotFound()
        return web.FileResponse(target)

    async def handle_websocket(self, request: web.Request) -> web.StreamResponse:
        """Run one member's app for as long as the browser stays connected."""
        checked = await self.check_member(request)
        if isinstance(checked, web.Response):
            return checked
        member, _token = checked
        if not self.origin_allowed(request):
            return self.forbidden(request)
        lang = self.lang(request)
        websocket = web.WebSocketResponse(heartbeat=15, max_msg_size=MAX_MESSAGE)
        await websocket.prepare(request)
        if len(self.sessions) >= self.options.max_sessions:
            message = t("serve.terminal.full", lang, count=self.options.max_sessions)
            await websocket.send_bytes(f"\r\n  {message}\r\n".encode())
            await websocket.close(code=WSCloseCode.TRY_AGAIN_LATER, message=b"session limit")
            return websocket
        argv = [
            arg.replace("{member}", member).replace("{lang}", lang) for arg in self._command(lang)
        ]
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

    async def _close_when_finished(
        self, session: Session, websocket: web.WebSocketResponse
    ) -> None:
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
            return self.forbidden(request)
        key = request.match_info["key"]
        try:
            meta = await self.downloads.get_download_metadata(key)
        except KeyError:
            raise web.HTTPNotFound() from None
        owner = getattr(meta.app_service, "member", None)
        if owner != member:
            return self.forbidden(request)
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

    async def load(self) -> Workshop:
        """The workshop as on disk now: at once if nothing moved, else read in a thread."""
        workshop = self.view.peek()
        if workshop is not None:
            return workshop
        return await asyncio.to_thread(self.view.load)

    async def write(self, call: Callable[[], T]) -> T:
        """Run a save in the writers' threads: each waits on its own lock and fsync, so
        many members' saves overlap, and never hold up the reads in the default pool."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self.writers, call)

    def _command(self, lang: str) -> Sequence[str]:
        return self.options.command or join_command(self.options.folder, lang)

    def _changed(self) -> None:
        if self.on_session_change is not None:
            self.on_session_change(len(self.sessions))


def member_path(member_id: str, token: str) -> str:
    return f"/m/{quote(member_id, safe='')}/{token}/"


def _clamp(raw: object, default: int, low: int, high: int) -> int:
    if not isinstance(raw, str | int | float):  # None, or JSON that is no number
        return default
    try:
        value = int(raw)
    except ValueError:
        return default
    return max(low, min(high, value))


@web.middleware
async def _security_headers(request: web.Request, handler: Handler) -> web.StreamResponse:
    try:
        response = await handler(request)
    except web.HTTPRequestEntityTooLarge:
        response = web.Response(status=413, text="request body too large\n")
    if response.prepared:  # a websocket: its handshake has gone out already
        return response
    # Tokens live in URLs: never send them to another site as a Referer, never cache
    # the pages. Same-origin referrers are kept so that form posts carry a real Origin.
    response.headers.setdefault("Referrer-Policy", "same-origin")
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault(
        "Content-Security-Policy",
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self';"
        " frame-ancestors 'none'; base-uri 'none'",
    )
    if response.content_type == "text/html":
        response.headers.setdefault("Cache-Control", "no-store")
    return response
