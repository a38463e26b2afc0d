"""``report``: write the small-start pilot proposal as HTML and Markdown."""

from __future__ import annotations

import argparse
import sys

from cocreate.errors import InputError

__all__ = ["ORDER", "register"]

ORDER = 50


def register(subparsers: argparse._SubParsersAction, groups: dict) -> None:
    p = subparsers.add_parser(
        "report",
        help="write the pilot proposal (HTML and Markdown, Japanese or English)",
        description="Write the small-start pilot proposal (スモールスタート計画) of a workshop:"
        " background, the as-is analysis with a swimlane diagram, problems and causes, the"
        " evaluated ideas, the pilot plan, KPIs and effect, risks, rollout criteria and a"
        " traceability appendix. HTML is one self-contained file that prints to A4;"
        " Markdown comes with its charts as PNG files in a folder beside it.",
    )
    p.add_argument("path", metavar="PATH", help="workshop folder")
    p.add_argument(
        "-o",
        "--output",
        metavar="DIR",
        required=True,
        help="folder to write into (created when missing)",
    )
    p.add_argument(
        "--lang",
        choices=("ja", "en"),
        default=None,
        help="report language (default: the workshop's setting, else ja)",
    )
    p.add_argument(
        "--format",
        default="html,md",
        metavar="html,md",
        help="comma-separated formats to write (default: html,md)",
    )
    p.add_argument(
        "--kind",
        choices=("proposal", "results"),
        default="proposal",
        help="proposal: the pilot proposal (default); results: the results report"
        " (実証結果報告書) after the pilot, see docs/verify.md",
    )
    p.add_argument("-q", "--quiet", action="store_true", help="print no progress")
    p.set_defaults(func=cmd_report)


def cmd_report(args: argparse.Namespace) -> int:
    from cocreate import storage
    from cocreate.reports import FORMATS, export

    formats = [f.strip().lower() for f in args.format.split(",") if f.strip()]
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise InputError(
            None,
            f"--format: unknown format {', '.join(unknown) or '(none)'!r};"
            " expected html, md or html,md",
        )
    workshop = storage.load(args.path)  # the CLI loads; the report only reads it
    lang = args.lang or workshop.settings.language or "ja"

    def progress(done: int, total: int, label: str) -> None:
        if not args.quiet and sys.stderr.isatty():
            print(f"\r[{done:>2}/{total}] {label}\033[K", end="", file=sys.stderr, flush=True)

    if args.kind == "results":
        from cocreate.reports.results import export_results

        written = export_results(
            workshop, args.output, lang=lang, formats=formats, progress=progress
        )
    else:
        written = export(workshop, args.output, lang=lang, formats=formats, progress=progress)
    if not args.quiet and sys.stderr.isatty():
        print("\r\033[K", end="", file=sys.stderr, flush=True)
    for path in written:
        print(path)
    return 0
