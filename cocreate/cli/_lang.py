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

__all__ = [
    "add_lang_option",
    "cli_lang",
    "error_lang",
    "error_line",
    "lang_in_argv",
    "said",
    "say",
]


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


def error_lang(args: argparse.Namespace, fallback: str) -> str:
    """The language of an error line: :func:`cli_lang`'s order, the workshop read from disk.

    ``--lang``, then the ``settings.language`` of the workshop at ``PATH`` (even one that
    does not load), then ``fallback`` (the locale's, ``COCREATE_LANG`` overriding it).
    """
    for chosen in (getattr(args, "lang", None), getattr(args, "cli_lang_given", None)):
        if chosen in LANGUAGES:
            return str(chosen)
    path = getattr(args, "path", None)
    if isinstance(path, str) and path:
        from cocreate import storage

        stated = storage.stated_language(path)
        if stated in LANGUAGES:
            return stated
    return fallback


#: A domain function's keyword whose command-line option has another dest.
_DEST_OF = {
    "business_area": "area",
    "annual_hours_per_person": "hours_per_person",
    "meetings": "often",
    "dots_per_member": "dots",
    "cap_per_idea": "cap",
}


def _fields(parser: argparse.ArgumentParser, args: argparse.Namespace) -> dict[str, str]:
    """Each dest of the command that ran, as its user types it: ``--share``, or ``NAME``."""
    fields: dict[str, str] = {}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            chosen = action.choices.get(getattr(args, action.dest, None) or "")
            if chosen is not None:
                fields |= _fields(chosen, args)
        elif action.option_strings:
            fields.setdefault(action.dest, max(action.option_strings, key=len))
        else:
            fields.setdefault(action.dest, str(action.metavar or action.dest.upper()))
    return fields


def error_line(
    error: BaseException,
    lang: str,
    parser: argparse.ArgumentParser | None = None,
    args: argparse.Namespace | None = None,
) -> str:
    """What an error says on the command line, in ``lang`` (after ``cocreate: ``).

    ``error_text`` where the error has an ``error.*`` key. A form's refusal (``about`` a
    field with a ``ui.refusal.*`` key, written to sit under that field) is said whole in
    Japanese: the command's option (or argument) for that field, then the refusal:
    ``--share: 120% は使えません。…``. English keeps the domain's own one line.
    """
    from cocreate.i18n import error_text

    key = getattr(error, "key", None)
    if (
        lang == "en"
        or not isinstance(key, str)
        or not key.startswith("ui.refusal.")
        or said(key, lang) is None
    ):
        return error_text(error, lang)
    parts = list(error.location()) if hasattr(error, "location") else []
    argument = getattr(error, "argument", None)
    if isinstance(argument, str) and argument:
        fields = _fields(parser, args) if parser is not None and args is not None else {}
        dest = _DEST_OF.get(argument, argument)
        parts.append(fields.get(dest) or "--" + dest.replace("_", "-"))
    parts.append(say(key, lang, **getattr(error, "values", {})))
    return ": ".join(parts)


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
