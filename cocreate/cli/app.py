"""``open`` and ``join``: the terminal app on a workshop (or a portfolio), as facilitator or as
one member."""

from __future__ import annotations

import argparse
import gc
import sys
from pathlib import Path

from cocreate.cli.workshop import resolve_workshop

__all__ = ["ORDER", "register"]

ORDER = 0


def register(subparsers: argparse._SubParsersAction, groups: dict) -> None:
    p = subparsers.add_parser(
        "open",
        help="open a workshop in the app (the default command)",
        description="Open a workshop folder in the terminal app as the facilitator. With no"
        " PATH, the bundled sample workshop opens. Every change is saved at once.",
    )
    p.add_argument("path", nargs="?", metavar="PATH", help="workshop folder (default: the sample)")
    _common(p, FACILITATOR_PHASE)
    p.set_defaults(func=cmd_open)

    p = subparsers.add_parser(
        "join",
        help="open a workshop as one member (member mode)",
        description="Open a workshop as one member: add your problems, causes and ideas,"
        " rate and place your dots. Only members/MEMBER.toml is written; the tally stays"
        " hidden until the facilitator closes voting; others' contributions appear as they"
        " are saved.",
    )
    p.add_argument("path", metavar="PATH", help="workshop folder (e.g. on a shared drive)")
    p.add_argument(
        "--as",
        dest="member",
        metavar="MEMBER",
        required=True,
        help="your member id, as listed in workshop.toml",
    )
    _common(p, MEMBER_PHASE)
    p.set_defaults(func=cmd_join)


#: The phase each command opens on when --phase is not given (its --help says it).
FACILITATOR_PHASE = "map"
MEMBER_PHASE = "problems"


def _common(p: argparse.ArgumentParser, default_phase: str) -> None:
    p.add_argument(
        "--lang",
        choices=("ja", "en"),
        help="UI language (default: the workshop's setting, then the locale)",
    )
    p.add_argument(
        "--phase",
        choices=(
            *("map", "problems", "causes", "ideas", "vote", "matrix", "pilot", "report"),
            *("verify", "variants", "fitgap", "tasks"),
        ),
        default=None,
        help=f"the phase (or view: variants, fitgap, tasks) to open on (default: {default_phase})",
    )


def _run(args: argparse.Namespace, member: str | None) -> int:
    from cocreate.tui import app_factory

    path = getattr(args, "path", None)
    if path and (Path(path) / "portfolio.toml").is_file():
        # A portfolio folder opens the portfolio screen (cocreate/tui/portfolio.py).
        from cocreate.tui.portfolio import run_portfolio

        gc.enable()  # paused by cocreate.cli.main for the workshop app's first frame only
        return run_portfolio(path, lang=args.lang, member=member)
    folder = resolve_workshop(getattr(args, "path", None), writable=True)
    phase = args.phase or (MEMBER_PHASE if member else FACILITATOR_PHASE)
    app = app_factory(folder, lang=args.lang, member=member, phase=phase)
    app.run()
    if not getattr(args, "path", None):
        print(f"cocreate: your copy of the sample workshop is in {folder}", file=sys.stderr)
    return app.return_code or 0


def cmd_open(args: argparse.Namespace) -> int:
    return _run(args, None)


def cmd_join(args: argparse.Namespace) -> int:
    return _run(args, args.member)
