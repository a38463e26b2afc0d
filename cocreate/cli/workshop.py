"""Workshop-level commands: ``new``, ``check`` and ``summary``."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from cocreate import storage
from cocreate.cli._lang import add_lang_option, cli_lang, finding_line, said, say
from cocreate.errors import InputError
from cocreate.model import ID_PATTERN, Member, Meta, Role, Workshop

__all__ = ["ORDER", "print_summary", "register", "resolve_workshop"]

ORDER = 10


def register(subparsers: argparse._SubParsersAction, groups: dict) -> None:
    p = subparsers.add_parser(
        "new",
        help="create a new workshop folder",
        description="Create a workshop folder with an empty process, ready to map.",
    )
    p.add_argument("path", metavar="PATH", help="folder to create, e.g. workshops/my-process")
    p.add_argument("--title", help="the workshop's title (required unless --from-candidate)")
    p.add_argument("--organisation", default="", help="organisation, e.g. a ministry or city hall")
    p.add_argument("--area", default="", help="business area under review, e.g. 備品貸出")
    p.add_argument(
        "--facilitator",
        metavar="ID",
        default="",
        help="member id of the facilitator; added as a member",
    )
    p.add_argument(
        "--facilitator-name",
        metavar="NAME",
        default="",
        help="the facilitator's display name, e.g. 佐藤 一郎 (needed with --facilitator)",
    )
    p.add_argument(
        "--from-candidate",
        metavar="ID",
        help="start the workshop of a portfolio's candidate: its title, bureau, annual"
        " volume and settings carried over, and the portfolio linked to it",
    )
    p.add_argument(
        "--portfolio",
        metavar="DIR",
        help="the portfolio of --from-candidate (default: the folder above PATH that has one)",
    )
    p.set_defaults(func=cmd_new)

    p = subparsers.add_parser(
        "check",
        help="validate a workshop and list warnings",
        description="Validate every file of a workshop. Errors (exit 2) make it unusable;"
        " warnings point at what the group should look at: unreachable steps, dead ends,"
        " problems with no cause, solution-first ideas, unrated ideas, members who have"
        " not voted.",
    )
    p.add_argument("path", metavar="PATH", help="workshop folder")
    p.add_argument("--strict", action="store_true", help="exit 1 when there are warnings")
    p.add_argument("--json", action="store_true", help="print findings as JSON")
    add_lang_option(p)
    p.set_defaults(func=cmd_check)

    p = subparsers.add_parser(
        "summary",
        help="print a short summary of a workshop",
        description="Print the workshop's title, phase and how much it holds.",
    )
    p.add_argument("path", nargs="?", metavar="PATH", help="workshop folder (default: the sample)")
    add_lang_option(p)
    p.set_defaults(func=cmd_summary)


def resolve_workshop(path: str | None, *, writable: bool = False) -> Path:
    """The folder a command works on: PATH, or the bundled sample when none is given.

    With ``writable``, no PATH means the user's own copy of the sample (made on first
    use), so the app never edits the bundled one.
    """
    if path:
        return Path(path)
    from cocreate.paths import sample_workshop, user_sample

    sample = sample_workshop()
    if not storage.is_workshop(sample):
        raise InputError(sample, "the bundled sample is missing; give a workshop PATH")
    if not writable:
        return sample
    try:
        return user_sample()
    except OSError as exc:
        raise InputError(sample, f"cannot make your copy of the sample: {exc}") from None


def cmd_summary(args: argparse.Namespace) -> int:
    folder = resolve_workshop(args.path)
    workshop = storage.load(folder)
    return print_summary(folder, workshop, cli_lang(args, workshop))


def print_summary(folder: Path, workshop: Workshop, lang: str = "en") -> int:
    meta = workshop.meta
    lines = [
        meta.title,
        f"  {meta.organisation} / {meta.business_area}".rstrip(" /"),
        say("cli.summary.folder", lang, value=folder),
        say(
            "cli.summary.phase",
            lang,
            value=said(f"ui.phase.{meta.phase.value}", lang) if lang != "en" else meta.phase.value,
        ),
        say("cli.summary.members", lang, value=len(workshop.members)),
        say(
            "cli.summary.process",
            lang,
            steps=len(workshop.steps),
            lanes=len(workshop.lanes),
            flows=len(workshop.flows),
        ),
        say(
            "cli.summary.contributions",
            lang,
            problems=len(workshop.problems),
            causes=len(workshop.causes),
            ideas=len(workshop.ideas),
        ),
        say(
            "cli.summary.votes",
            lang,
            ratings=len(workshop.ratings),
            dots=sum(d.count for d in workshop.dots),
        ),
    ]
    print("\n".join(lines))
    return 0


def facilitator_members(args: argparse.Namespace, *, shown_in: str) -> tuple[Member, ...]:
    """The facilitator named by ``--facilitator`` and ``--facilitator-name``, or none.

    An id is no name: the app, the ballots and ``shown_in`` would all print 'sato'.
    """
    if not args.facilitator:
        return ()
    if not ID_PATTERN.match(args.facilitator):
        raise InputError(None, f"--facilitator {args.facilitator!r} is not a valid member id")
    if not args.facilitator_name.strip():
        raise InputError(
            None,
            "--facilitator-name is needed with --facilitator: the name shown in the app"
            f" and {shown_in}, e.g. --facilitator-name '佐藤 一郎'",
        )
    return (Member(args.facilitator, args.facilitator_name.strip(), Role.FACILITATOR),)


def cmd_new(args: argparse.Namespace) -> int:
    if args.from_candidate:
        from cocreate.cli.portfolio import cmd_new_from_candidate

        return cmd_new_from_candidate(args)
    if args.portfolio:
        raise InputError(None, "--portfolio goes with --from-candidate")
    folder = Path(args.path)
    if not (args.title or "").strip():
        raise InputError(None, "--title must not be empty")
    members = facilitator_members(args, shown_in="the report")
    workshop = Workshop(
        meta=Meta(
            title=args.title.strip(),
            organisation=args.organisation,
            business_area=args.area,
            facilitator=args.facilitator,
            dates=(dt.date.today(),),
        ),
        members=members,
    )
    storage.create(folder, workshop)  # with the .gitattributes naming the merge driver
    print(f"created {folder / storage.WORKSHOP_FILE}")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from cocreate import integrity, review

    folder = Path(args.path)
    workshop = storage.load(folder, validate=False)
    folder = folder.parent if folder.is_file() else folder
    errors = integrity.errors(workshop)
    warnings = review.warnings(workshop) if not errors else []
    if args.json:
        import json  # here: this module is on the path to the app's first frame

        print(
            json.dumps(
                [
                    {
                        "severity": f.severity,
                        "file": str(folder / f.file),
                        "field": f.field,
                        "message": f.message,
                        "code": f.code,
                        "subject": f.subject,
                    }
                    for f in [*errors, *warnings]
                ],
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        lang = cli_lang(args, workshop)
        for finding in errors:
            print(f"cocreate: {finding.format(folder)}", file=sys.stderr)
        for finding in warnings:
            print(finding_line(finding, folder, lang))
        if errors:
            print(f"cocreate: {say('cli.check.errors', lang, count=len(errors))}", file=sys.stderr)
        else:
            print(say("cli.check.ok", lang, folder=folder, count=len(warnings)))
    if errors:
        return 2
    return 1 if warnings and args.strict else 0
