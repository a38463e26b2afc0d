"""The ``cocreate`` command line: one parser, subcommands registered by area modules.

Every module in this package (``cocreate.cli.<area>``) has ``ORDER`` (its place in
``--help``) and ``register(subparsers, groups)``, which adds its subcommands and sets
``func`` on each. ``groups`` holds the subparsers of the shared command groups
(``import``, ``export``, ``add``), so several areas can add to one group. Heavy
libraries are imported inside the command functions, never at module level, so
``cocreate --help`` stays fast.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from typing import NoReturn

from cocreate import __version__
from cocreate.errors import CocreateError, InputError

__all__ = ["build_parser", "main"]


def _areas(only: Sequence[str] | None = None) -> list:
    import pkgutil

    names = only or [info.name for info in pkgutil.iter_modules(__path__)]
    modules = [
        importlib.import_module(f"{__name__}.{name}") for name in names if not name.startswith("_")
    ]
    return sorted(modules, key=lambda m: (getattr(m, "ORDER", 100), m.__name__))


#: Every top-level command, so that ``cocreate [PATH]`` can tell a command from a path
#: without importing every area module (each pulls in its part of the domain: about a
#: third of the start-up's own time before the app's first frame).
#: ``tests/test_cli_workshop.py`` checks it against the parser that the areas build.
COMMANDS = frozenset(
    {
        *("open", "join", "new", "check", "summary", "process", "discover", "import", "export"),
        *("add", "rate", "dot", "voting", "tally", "matrix", "report", "serve", "criterion"),
        *("merge-file", "git-setup", "variant", "align", "compare", "standard", "fitgap"),
        *("task", "measure", "evaluate", "decide", "issue"),
        *("member", "details", "settings", "lane", "flow", "pilot"),
    }
)


DESCRIPTION = """\
cocreate runs business-process re-engineering (BPR) workshops: map the as-is process,
collect problems and their root causes, rate and vote on improvement ideas, and propose
a small-start pilot.

Run `cocreate` with no arguments to open the bundled sample workshop, or `cocreate PATH`
to open a workshop folder."""

EPILOG = """\
exit status: 0 success, 1 warnings with --strict, 2 bad input or a refused operation.
Each subcommand has its own --help."""


#: Command groups several areas add kinds to: `cocreate import bpmn`, `cocreate export dot`.
GROUPS = {
    "import": "import a process, a step table, an event log or survey answers",
    "export": "export the process or the matrix to another tool's format",
    "add": "add a member, problem, cause or idea",
}


class _Parser(argparse.ArgumentParser):
    """argparse, but usage errors exit 2 with one line and no usage dump."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message}\n")


def build_parser(only: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The whole command line, or with ``only`` the commands of those area modules."""
    parser = _Parser(
        prog="cocreate",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"cocreate {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    groups = {}
    for name, text in GROUPS.items():
        group = subparsers.add_parser(name, help=text, description=text)
        groups[name] = group.add_subparsers(
            dest=f"{name}_kind", metavar="KIND", parser_class=_Parser, required=True
        )
    for area in _areas(only):
        area.register(subparsers, groups)
    return parser


def _commands(parser: argparse.ArgumentParser) -> set[str]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return set(action.choices)
    return set()


def main(argv: Sequence[str] | None = None) -> int:
    args_in = list(sys.argv[1:] if argv is None else argv)
    # `cocreate [PATH] [options]` opens the app: anything that is not a subcommand
    # (or a top-level flag) is taken as the arguments of `open`, and only the app's
    # own commands are built, so the first frame waits for no other area's imports.
    if not args_in or (
        args_in[0] not in COMMANDS and args_in[0] not in ("-h", "--help", "--version")
    ):
        args_in = ["open", *args_in]
        parser = build_parser(only=["app"])
    else:
        parser = build_parser()
    args = parser.parse_args(args_in)
    try:
        return int(args.func(args) or 0)
    except InputError as exc:
        # Starts with the file's path (and line), as compilers print it, so editors
        # and CI annotators can jump to it.
        print(exc, file=sys.stderr)
        return exc.exit_code
    except CocreateError as exc:
        print(f"cocreate: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("cocreate: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
