"""The command line's language: the locale's, as the app's (``COCREATE_LANG`` and ``--lang``
override), and its words from ``cocreate/i18n/cli.py``."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import TYPE_CHECKING

from cocreate.i18n import LANGUAGES, catalogue, default_language, t

if TYPE_CHECKING:
    from pathlib import Path

    from cocreate.integrity import Finding
    from cocreate.model import Workshop

__all__ = ["add_lang_option", "cli_lang", "lang_in_argv", "said", "say"]


def lang_in_argv(argv: Sequence[str]) -> str:
    """The language a command line asks for (``--lang ja`` anywhere in it), else the locale's.

    Read before the parser is built, so that ``--help`` itself is in that language.
    """
    for i, arg in enumerate(argv):
        value = None
        if arg == "--lang" and i + 1 < len(argv):
            value = argv[i + 1]
        elif arg.startswith("--lang="):
            value = arg.partition("=")[2]
        if value in LANGUAGES:
            return value
    return default_language()


def cli_lang(args: argparse.Namespace, workshop: Workshop | None = None) -> str:
    """The language of a command's output, chosen as the app chooses its own.

    ``--lang`` (the command's, or ``cocreate --lang``), then the workshop's
    ``settings.language``, then the locale (``COCREATE_LANG`` overrides it).
    """
    for chosen in (getattr(args, "lang", None), getattr(args, "cli_lang_given", None)):
        if chosen in LANGUAGES:
            return str(chosen)
    if workshop is not None and workshop.settings.language in LANGUAGES:
        return workshop.settings.language
    return default_language()


def add_lang_option(parser: argparse.ArgumentParser) -> None:
    """``--lang ja|en`` on a command whose output is words (default: the locale)."""
    parser.add_argument(
        "--lang",
        choices=LANGUAGES,
        default=None,
        help="language of the output (default: the locale)",
    )


def say(key: str, lang: str, /, **values: object) -> str:
    """The CLI text for ``key`` in ``lang``."""
    return t(key, lang, **values)


def said(key: str, lang: str, /, **values: object) -> str | None:
    """The text for ``key`` only if the catalogue has it in ``lang`` itself (no fallback).

    Keys kept in Japanese only (the parser's help, the domain's warnings) say in English
    what the code that makes them says: None tells the caller to use that.
    """
    text = catalogue().get(key, {}).get(lang)
    if not text:
        return None
    return text.format(**values) if values else text


def finding_line(finding: Finding, folder: str | Path | None, lang: str) -> str:
    """One review warning as ``check`` prints it: ``warning: path: field: message``.

    In Japanese the message comes from ``cli.finding.<code>`` where the catalogue has it
    (with the finding's subject and values), or ``cli.finding.<code>.<case>`` for a
    finding whose values name a ``case`` (a task's status, which side of a period);
    otherwise the finding's own English words.
    """
    values = dict(getattr(finding, "values", ()))
    key = "not-voted-count" if finding.code == "not-voted" and "count" in values else finding.code
    if "case" in values:
        key = f"{key}.{values['case']}"
    text = (
        said(f"cli.finding.{key}", lang, subject=finding.subject, **values)
        if lang != "en"
        else None
    )
    line = finding.format(folder)
    if text:
        line = line.removesuffix(finding.message) + text
    return f"{say('cli.check.warning', lang)}: {line}"
