"""``open``: the terminal app on a workshop (the default command)."""

from __future__ import annotations

import argparse

from cocreate import storage
from cocreate.cli.workshop import print_summary, resolve_workshop

__all__ = ["ORDER", "register"]

ORDER = 0


def register(subparsers: argparse._SubParsersAction, groups: dict) -> None:
    p = subparsers.add_parser(
        "open",
        help="open a workshop in the app (the default command)",
        description="Open a workshop folder in the terminal app. With no PATH, the bundled"
        " sample workshop opens.",
    )
    p.add_argument("path", nargs="?", metavar="PATH", help="workshop folder (default: the sample)")
    p.add_argument("--lang", choices=("ja", "en"), help="UI language (default: from the locale)")
    p.set_defaults(func=cmd_open)


def cmd_open(args: argparse.Namespace) -> int:
    folder = resolve_workshop(args.path)
    workshop = storage.load(folder)
    # Until the terminal app lands, opening prints the workshop's summary.
    return print_summary(folder, workshop)
