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
import gc
import importlib
import sys
from collections.abc import Sequence

from cocreate import __version__
from cocreate.errors import CocreateError

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
        *("new-portfolio", "portfolio", "dashboard"),
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


#: The language of --help, set by main() from the command line and the locale.
_help_lang = "en"


class _Parser(argparse.ArgumentParser):
    """argparse, but usage errors exit 2 with one line and no usage dump, and --help in the
    language of the command line (argparse's own headings said again in Japanese)."""

    def error(self, message: str) -> None:  # type: ignore[override]
        command = self.prog.removeprefix("cocreate").strip()
        where = f"{command}: " if command else ""
        self.exit(2, f"cocreate: {where}error: {message}\n")

    def format_help(self) -> str:
        text = super().format_help()
        if _help_lang == "en":
            return text
        from cocreate.cli._lang import say

        lines = []
        for line in text.splitlines(keepends=True):
            for key in ("usage", "positional", "options"):
                english = say(f"cli.help.{key}", "en")
                if line.startswith(english):
                    line = say(f"cli.help.{key}", _help_lang) + line[len(english) :]
            for key in ("help_option", "version_option", "lang_option"):
                line = line.replace(
                    say(f"cli.help.{key}", "en"), say(f"cli.help.{key}", _help_lang)
                )
            lines.append(line)
        return "".join(lines)

    def format_usage(self) -> str:
        text = super().format_usage()
        if _help_lang == "en":
            return text
        from cocreate.cli._lang import say

        english = say("cli.help.usage", "en")
        return say("cli.help.usage", _help_lang) + text.removeprefix(english)


def _translate_commands(subparsers: argparse._SubParsersAction, lang: str) -> None:
    """Say each command's line of ``cocreate --help`` in ``lang`` where the catalogue has it."""
    from cocreate.cli._lang import said

    for action in subparsers._choices_actions:
        text = said(f"cli.help.cmd.{action.dest}", lang)
        if text:
            action.help = text


def build_parser(only: Sequence[str] | None = None, lang: str = "en") -> argparse.ArgumentParser:
    """The whole command line, or with ``only`` the commands of those area modules.

    ``lang`` is the language of its ``--help`` (the commands' own options stay English).
    """
    global _help_lang
    from cocreate.cli._lang import said

    _help_lang = lang
    parser = _Parser(
        prog="cocreate",
        description=said("cli.help.description", lang) or DESCRIPTION,
        epilog=said("cli.help.epilog", lang) or EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"cocreate {__version__}")
    parser.add_argument(
        "--lang",
        dest="cli_lang_given",
        choices=("ja", "en"),
        help="language of the output (default: the locale)",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    groups = {}
    for name, text in GROUPS.items():
        group = subparsers.add_parser(name, help=text, description=text)
        groups[name] = group.add_subparsers(
            dest=f"{name}_kind", metavar="KIND", parser_class=_Parser, required=True
        )
    for area in _areas(only):
        area.register(subparsers, groups)
    _translate_commands(subparsers, lang)
    return parser


def _commands(parser: argparse.ArgumentParser) -> set[str]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return set(action.choices)
    return set()


def main(argv: Sequence[str] | None = None) -> int:
    from cocreate.cli._lang import lang_in_argv

    args_in = list(sys.argv[1:] if argv is None else argv)
    lang = lang_in_argv(args_in)
    # `cocreate [PATH] [options]` opens the app: anything that is not a subcommand
    # (or a top-level flag) is taken as the arguments of `open`. For it, and for `open`
    # and `join`, only the app's own commands are built, so the first frame waits for
    # no other area's imports.
    # `cocreate --lang ja COMMAND …`: the command is the first word after that option.
    skip = (
        2
        if args_in[:1] == ["--lang"]
        else 1
        if args_in[:1] and args_in[0].startswith("--lang=")
        else 0
    )
    first = args_in[skip] if len(args_in) > skip else None
    if first in ("open", "join"):
        opening = args_in
    elif first is not None and (first in COMMANDS or first in ("-h", "--help", "--version")):
        return _run(build_parser(lang=lang), args_in, lang)
    else:
        opening = ["open", *args_in[skip:], *args_in[:skip]]
    # Opening the app. Start-up makes a few hundred thousand objects that live as long
    # as the app (modules, classes, the workshop, the screen): the cyclic garbage
    # collector's passes over them found nothing to free and cost a tenth of the time to
    # the first frame, a full pass landing in the middle of drawing it. The collector
    # waits until that frame is drawn; the app then freezes what was made and turns it
    # back on (CocreateApp._first_frame_drawn).
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _run(build_parser(only=["app"], lang=lang), opening, lang)
    finally:
        if enabled:
            gc.enable()


def _run(parser: argparse.ArgumentParser, args_in: list[str], lang: str) -> int:
    from cocreate.cli._lang import error_lang, error_line

    args = parser.parse_args(args_in)
    try:
        return int(args.func(args) or 0)
    except CocreateError as exc:
        # One line, "cocreate: " and then the file's path (and line) where there is one,
        # so a script can tell our errors from a command's output; in the CLI's language
        # (--lang, then the workshop's settings.language, then the locale).
        print(f"cocreate: {error_line(exc, error_lang(args, lang), parser, args)}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("cocreate: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
