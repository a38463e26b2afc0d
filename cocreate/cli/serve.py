"""``serve``: members open the workshop app in a browser, through textual-serve."""

from __future__ import annotations

import argparse
import sys

from cocreate import storage
from cocreate.errors import InputError

__all__ = ["ORDER", "register"]

ORDER = 60

#: Kept here (not imported) so ``cocreate --help`` does not import aiohttp.
DEFAULT_MAX_SESSIONS = 20
DEFAULT_PORT = 8000


def register(subparsers: argparse._SubParsersAction, groups: dict) -> None:
    p = subparsers.add_parser(
        "serve",
        help="serve the member app to browsers (token links, session cap)",
        description="Serve the member app (`cocreate join`) to web browsers. Prints a room"
        " link, where each person picks who they are, and a personal link per member;"
        " every link carries a random access token and anything without one is refused."
        " Each browser tab runs one member's app in its own process, ended when the tab"
        " closes. Binds 127.0.0.1 unless told otherwise: to let other machines in, put an"
        " HTTPS reverse proxy with a login in front (see docs/deployment.md).",
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
    p.add_argument("--lang", choices=("ja", "en"), help="language of the pages and output")
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
    lang = args.lang or workshop.settings.language or default_language()
    options = ServeOptions(
        folder=folder.resolve(), host=args.host, port=args.port,
        max_sessions=args.max_sessions, public_url=args.public_url, lang=lang,
    )  # fmt: skip
    if warning:
        print(warning, file=sys.stderr)
    return asyncio.run(_serve(options, workshop, args.links))


async def _serve(options, workshop, links_file: str | None) -> int:
    import asyncio
    import signal

    from cocreate.errors import CocreateError
    from cocreate.i18n import t
    from cocreate.serve import SessionServer

    lang = options.lang
    server = SessionServer(options)
    await server.start()
    if links_file:
        from cocreate.serve.links import links_csv, write_private

        rows = [(m.id, m.name, m.email, server.member_link(m.id)) for m in workshop.members]
        try:
            write_private(links_file, links_csv(server.room_link(), rows))
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
        ]  # fmt: skip
    lines = [
        t("serve.serving", lang, title=workshop.meta.title),
        "",
        *shown,
        "",
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
