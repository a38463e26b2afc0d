"""Prioritising from the command line: ``tally``, ``matrix``, ``export quadrant`` and
``import forms``.

Tallies, the matrix and the Mermaid export honour the voting rules: a member (``--as``)
sees them only once voting is closed, and in anonymous mode they name no member.
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from cocreate import storage
from cocreate.errors import InputError, RuleError
from cocreate.model import Workshop

if TYPE_CHECKING:
    from cocreate.prioritize.tally import IdeaTally

__all__ = ["ORDER", "format_table", "register"]

ORDER = 40


def register(subparsers: argparse._SubParsersAction, groups: dict) -> None:
    p = subparsers.add_parser(
        "tally",
        help="tally the ratings and dots of every idea",
        description="Per idea: effect and effort (median, mean, IQR), raters, dots, hours"
        " saved a year, quadrant, rank and flags. Members (--as) see it once voting is"
        " closed.",
    )
    _view_args(p)
    out = p.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="print a JSON list instead of a table")
    out.add_argument("--csv", metavar="FILE", help="write a CSV for Excel (UTF-8 with BOM)")
    p.set_defaults(func=cmd_tally)

    p = subparsers.add_parser(
        "matrix",
        help="draw the effect-versus-effort matrix (PNG or SVG)",
        description="Draw effort (x) against effect (y) with the four quadrants named,"
        " bubbles sized by dots and coloured by hours saved.",
    )
    _view_args(p)
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="FILE.png or FILE.svg")
    p.add_argument("--title", default=None, help="chart title (default: the localised name)")
    p.set_defaults(func=cmd_matrix)

    p = groups["export"].add_parser(
        "quadrant",
        help="the effect-versus-effort matrix as a Mermaid quadrantChart",
        description="Write the matrix as Mermaid quadrantChart text (.mmd), for Markdown"
        " pages, GitHub or Mermaid Live.",
    )
    _view_args(p)
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="FILE.mmd")
    p.set_defaults(func=cmd_export_quadrant)

    p = groups["import"].add_parser(
        "forms",
        help="import survey answers from Microsoft Forms or Google Forms",
        description="Import ratings, dots and problems from a Forms export (CSV in UTF-8 or"
        " cp932, or XLSX). Respondents are matched to members by email or name; an unknown"
        " respondent is an invalid row, an anonymous Microsoft Forms response a respondent"
        " of its own. Effect, effort (負担, 工数, 手間, コスト; 実現性 counts inversely) and"
        " dots are read as numbers or five-step words (とても大きい … とても小さい, そう思う …"
        " そう思わない). Invalid cells are listed one per line with their row, and nothing"
        " is imported unless --skip-invalid; a file that would import nothing exits 2."
        " See docs/prioritize.md.",
    )
    p.add_argument("file", metavar="FILE", help="the export: .csv or .xlsx")
    p.add_argument("--into", required=True, metavar="PATH", help="workshop folder")
    p.add_argument(
        "--mapping",
        metavar="FILE.json",
        default=None,
        help="JSON mapping of columns, respondents and word scales",
    )
    p.add_argument(
        "--encoding", default=None, help="CSV encoding, if guessing (UTF-8, then cp932) is wrong"
    )
    p.add_argument("--sheet", metavar="NAME", help="Excel sheet to read (default: the first)")
    p.add_argument(
        "--skip-invalid",
        action="store_true",
        help="import the valid answers and skip invalid cells and rows",
    )
    p.add_argument("--dry-run", action="store_true", help="check and report; write nothing")
    p.set_defaults(func=cmd_import_forms)


def _view_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("path", metavar="PATH", help="workshop folder")
    p.add_argument(
        "--as",
        dest="member",
        default=None,
        metavar="MEMBER",
        help="view as this member (refused while voting is open)",
    )
    p.add_argument(
        "--lang",
        choices=("ja", "en"),
        default=None,
        help="language of labels (default: the workshop's, else the locale)",
    )


def _load_view(args: argparse.Namespace) -> tuple[Workshop, str]:
    from cocreate.i18n import default_language
    from cocreate.prioritize.voting import can_see_tally

    workshop = storage.load(args.path)
    if not can_see_tally(workshop, args.member):
        raise RuleError(
            f"voting is still open: {args.member} can see the results once the facilitator"
            " closes voting"
        )
    lang = args.lang or workshop.settings.language or default_language()
    return workshop, lang


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int, right: bool = False) -> str:
    gap = " " * max(width - _width(text), 0)
    return gap + text if right else text + gap


def _number(value: float | None) -> str:
    return "-" if value is None else f"{value:g}"


def format_table(rows: Sequence[IdeaTally], lang: str) -> str:
    """The tally as an aligned text table (East Asian wide characters count double)."""
    from cocreate.i18n import t

    head = [
        t(f"prioritize.table.{key}", lang)
        for key in (
            "rank",
            "id",
            "quadrant",
            "effect",
            "effort",
            "iqr",
            "raters",
            "dots",
            "hours",
            "title",
        )
    ]
    body = []
    for row in rows:
        quadrant = (
            t(f"prioritize.quadrant_short.{row.quadrant}", lang)
            if row.quadrant
            else t("prioritize.quadrant.none", lang)
        )
        flags = "".join(f" [{t(f'prioritize.flag.{f}', lang)}]" for f in row.flags)
        body.append(
            [
                str(row.rank),
                row.id,
                quadrant,
                _number(row.effect),
                _number(row.effort),
                f"{row.effect_iqr:g}/{row.effort_iqr:g}",
                str(row.raters),
                str(row.dots),
                f"{row.hours_saved:,.1f}",
                row.title + flags,
            ]
        )
    numeric = {0, 3, 4, 5, 6, 7, 8}
    widths = [max(_width(r[i]) for r in [head, *body]) for i in range(len(head) - 1)]
    lines = []
    for cells in [head, *body]:
        parts = [
            _pad(c, w, i in numeric) for i, (c, w) in enumerate(zip(cells, widths, strict=False))
        ]
        lines.append("  ".join([*parts, cells[-1]]).rstrip())
    return "\n".join(lines)


def cmd_tally(args: argparse.Namespace) -> int:
    from cocreate.prioritize.tally import as_json, tally, write_csv

    workshop, lang = _load_view(args)
    rows = tally(workshop)
    if args.json:
        print(json.dumps(as_json(rows), ensure_ascii=False, indent=2))
    elif args.csv:
        write_csv(rows, args.csv)
        print(f"wrote {args.csv}")
    elif not rows:
        print("no ideas yet")
    else:
        print(format_table(rows, lang))
    return 0


def cmd_matrix(args: argparse.Namespace) -> int:
    from cocreate.prioritize.matrix import write_matrix
    from cocreate.prioritize.tally import tally

    if Path(args.output).suffix.lower() not in (".png", ".svg"):
        raise InputError(args.output, "unknown chart format; use a .png or .svg file name")
    workshop, lang = _load_view(args)
    write_matrix(
        tally(workshop), args.output, lang, workshop.settings.quadrant_split, title=args.title
    )
    print(f"wrote {args.output}")
    return 0


def cmd_export_quadrant(args: argparse.Namespace) -> int:
    from cocreate.prioritize.matrix import write_quadrant
    from cocreate.prioritize.tally import tally

    workshop, lang = _load_view(args)
    write_quadrant(tally(workshop), args.output, lang, workshop.settings.quadrant_split)
    print(f"wrote {args.output}")
    return 0


def cmd_import_forms(args: argparse.Namespace) -> int:
    from cocreate.prioritize.survey import apply_plan, load_mapping, plan_import, read_export

    folder = Path(args.into)
    workshop = storage.load(folder)
    mapping = load_mapping(args.mapping) if args.mapping else None
    table = read_export(args.file, args.encoding, sheet=args.sheet)
    plan = plan_import(workshop, table, mapping)
    for note in plan.notes:
        print(f"note: {note}", file=sys.stderr)
    if plan.anonymous:
        print(
            f"note: {plan.anonymous} anonymous response(s) (メール 'anonymous', no name): each"
            " is its own respondent, counted once (a member anon-… made from the response's"
            " ID and times, so importing the file again changes nothing); one person who"
            " answered twice counts twice",
            file=sys.stderr,
        )
    for issue in plan.issues:
        print(f"cocreate: {issue.format()}", file=sys.stderr)
    if plan.issues and not args.skip_invalid:
        raise InputError(
            table.path,
            f"{len(plan.issues)} invalid cell(s) or row(s); nothing imported (fix them, or"
            " give --skip-invalid to import the rest)",
        )
    empty = plan.nothing_imported()
    if empty is not None:
        raise InputError(table.path, f"nothing to import: {empty}")
    summary = (
        f"{len(plan.answers)} respondent(s): {plan.ratings} rating(s),"
        f" {plan.dots} dot(s), {plan.problems} problem(s)"
    )
    if args.dry_run:
        print(f"dry run: would import {summary}")
        return 0
    written = apply_plan(folder, plan)
    skipped = f"; skipped {len(plan.issues)} invalid" if plan.issues else ""
    # Anonymous mode: say how many files were written, never whose.
    where = (
        f"{len(written)} member file(s)"
        if workshop.voting.anonymous
        else ", ".join(written) or "no member file"
    )
    added = f"; added {len(plan.new_members)} anonymous respondent(s)" if plan.new_members else ""
    print(f"imported {summary} into {where}{skipped}{added}")
    return 0
