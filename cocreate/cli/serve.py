"""``serve``: members take part from a browser: a plain web page, or the terminal app."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from cocreate import storage
from cocreate.errors import InputError

if TYPE_CHECKING:
    from cocreate.model import Workshop
    from cocreate.serve import ServeOptions

__all__ = ["ORDER", "register"]

ORDER = 60

#: Kept here (not imported) so ``cocreate --help`` does not import aiohttp.
DEFAULT_MAX_SESSIONS = 20
DEFAULT_PORT = 8000


def register(subparsers: argparse._SubParsersAction, groups: dict) -> None:
    p = subparsers.add_parser(
        "serve",
        help="serve members' web pages and the member app to browsers (token links)",
        description="Serve the workshop to web browsers. Prints a room link, where each"
        " person picks who they are, a personal link per member and the facilitator's"
        " room page; every link carries a random access token and anything without one is"
        " refused. A member's link opens a plain web page (forms, no JavaScript or"
        " websocket needed); adding terminal/ to it opens the terminal app (`cocreate"
        " join`), one process per tab, ended when the tab closes. Binds 127.0.0.1 unless"
        " told otherwise: to let other machines in, put an HTTPS reverse proxy with a"
        " login in front (see docs/deployment.md).",
    )
    p.add_argument("path", metavar="PATH", help="workshop folder")
    p.add_argument(
        "--host",
        default="127.0.0.1",
        help="address to bind (default: 127.0.0.1, this machine only)",
    )
    p.add_argument(
        "--port",
        type=int,
        default=DEFAULT_PORT,
        help=f"port to listen on; 0 picks a free one (default: {DEFAULT_PORT})",
    )
    p.add_argument(
        "--max-sessions",
        type=int,
        default=DEFAULT_MAX_SESSIONS,
        metavar="K",
        help=f"browser sessions allowed at once, each a process (default: {DEFAULT_MAX_SESSIONS})",
    )
    p.add_argument(
        "--allow-remote",
        action="store_true",
        help="allow a --host other machines can reach (prints a warning)",
    )
    p.add_argument(
        "--public-url",
        metavar="URL",
        help="the address browsers use when a reverse proxy is in front,"
        " e.g. https://cocreate.example.lg.jp (its origin is the only one"
        " allowed to open sessions)",
    )
    p.add_argument(
        "--links",
        metavar="FILE.csv",
        help="write the links to this CSV (member, name, email, link; readable"
        " by you only) instead of printing them, e.g. when the screen is"
        " projected; ready for a mail merge",
    )
    p.add_argument(
        "--allow-no-origin",
        action="store_true",
        help="accept form posts and websockets that carry no Origin header (browsers"
        " always send one; only for scripted clients you trust)",
    )
    p.add_argument(
        "--lang",
        choices=("ja", "en"),
        help="language of every page and of the output (default: each browser's"
        " Accept-Language, then the workshop's setting, then the locale)",
    )
    p.set_defaults(func=cmd_serve)  # fmt: skip


def cmd_serve(args: argparse.Namespace) -> int:
    import asyncio
    from pathlib import Path
    from urllib.parse import urlsplit

    from cocreate.i18n import default_language
    from cocreate.serve import ServeOptions, check_bind

    if not 0 <= args.port <= 65535:
        raise InputError(None, f"--port {args.port}: must be between 0 and 65535")
    if args.max_sessions < 1:
        raise InputError(None, f"--max-sessions {args.max_sessions}: must be at least 1")
    if args.public_url:
        parts = urlsplit(args.public_url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise InputError(None, f"--public-url {args.public_url}: must be http(s)://host")
    warning = check_bind(args.host, allow_remote=args.allow_remote)
    folder = Path(args.path)
    workshop = storage.load(folder)  # a broken workshop fails here, in one line
    fallback = workshop.settings.language or default_language()
    if fallback not in ("ja", "en"):
        fallback = "ja"
    open_files = _raise_open_file_limit()
    options = ServeOptions(
        folder=folder.resolve(), host=args.host, port=args.port,
        max_sessions=args.max_sessions, public_url=args.public_url, lang=args.lang,
        fallback_lang=fallback, allow_missing_origin=args.allow_no_origin,
        # Room for the sessions' pipes, the workshop's files and the locks.
        max_connections=max(64, min(4096, open_files - 64 - 8 * args.max_sessions)),
    )  # fmt: skip
    if warning:
        print(warning, file=sys.stderr)
    return asyncio.run(_serve(options, workshop, args.links))


async def _serve(options: ServeOptions, workshop: Workshop, links_file: str | None) -> int:
    import asyncio
    import signal

    from cocreate.errors import CocreateError
    from cocreate.i18n import t
    from cocreate.serve import SessionServer

    lang = options.lang or options.fallback_lang
    server = SessionServer(options)
    await server.start()
    if links_file:
        from cocreate.serve.links import links_csv, write_private

        rows = [(m.id, m.name, m.email, server.member_link(m.id)) for m in workshop.members]
        try:
            write_private(
                links_file, links_csv(server.room_link(), rows, server.facilitator_link())
            )
        except CocreateError:
            await server.stop()
            raise
        shown = [t("serve.links_written", lang, path=links_file)]
    else:
        width = max((len(m.id) for m in workshop.members), default=0)
        shown = [
            t("serve.room_link", lang),
            f"  {server.room_link()}",
            "",
            t("serve.member_links", lang),
            *(f"  {m.id:<{width}}  {server.member_link(m.id)}  {m.name}"
              for m in workshop.members),
            "",
            t("serve.facilitator_link", lang),
            f"  {server.facilitator_link()}",
        ]  # fmt: skip
    lines = [
        t("serve.serving", lang, title=workshop.meta.title),
        "",
        *shown,
        "",
        t("serve.terminal_note", lang),
        t("serve.limits", lang, count=options.max_sessions),
    ]
    print("\n".join(lines), flush=True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    try:
        await stop.wait()
    finally:
        closed = await server.stop()
    print(t("serve.stopped", lang, count=closed), flush=True)
    return 0


def _raise_open_file_limit() -> int:
    """Lift the soft limit of open files to the hard one (many members, many sockets).

    The server bounds its own connections below this (see ``ServeOptions``), so a flood
    of idle sockets is refused cleanly instead of failing every ``accept``.
    """
    try:
        import resource
    except ImportError:  # pragma: no cover - not on Windows
        return 1024
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = 65536 if hard == resource.RLIM_INFINITY else min(hard, 65536)
    if soft == resource.RLIM_INFINITY:
        return 65536
    if soft < wanted:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))
            return wanted
        except (ValueError, OSError):
            pass
    return soft
