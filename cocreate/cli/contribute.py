"""Contributions from the command line: ``add member|problem|cause|idea``, ``rate``, ``dot``
and ``voting open|close|status``.

A member's command writes only that member's file, read-modified-written under its lock
(:func:`cocreate.storage.update_member`), so two members adding at once never lose each
other's work. The facilitator's commands (``add member``, ``voting``) change
``workshop.toml`` through :func:`cocreate.storage.update_workshop`. Each ``add`` prints
the id it created on stdout, alone on its line, so scripts can capture it.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from cocreate import storage
from cocreate.cli._lang import add_lang_option, cli_lang, say
from cocreate.errors import InputError
from cocreate.model import Action, CauseCategory, MemberContributions, Role, Workshop

__all__ = ["ORDER", "register"]

ORDER = 30


def _ids(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def _fraction(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None


def register(subparsers: argparse._SubParsersAction, groups: dict) -> None:
    add = groups["add"]

    p = add.add_parser(
        "member",
        help="add a member to the workshop (facilitator)",
        description="Add a member to workshop.toml. Member ids are short ASCII names such as"
        " 'sato'; they prefix every id the member creates.",
    )
    p.add_argument("path", metavar="PATH", help="workshop folder")
    p.add_argument("--id", required=True, dest="member_id", help="member id, e.g. sato")
    p.add_argument("--name", required=True, help="display name, e.g. 佐藤 美咲")
    p.add_argument("--role", choices=Role.values(), default=Role.VOLUNTEER.value)
    p.add_argument("--email", default="", help="used to match survey answers to the member")
    p.set_defaults(func=cmd_add_member)

    p = add.add_parser(
        "problem",
        help="add a problem where it happens in the process",
        description="Add a problem (困りごと) in a member's name. Similar problems already in"
        " the workshop are listed on stderr; an exact duplicate (after NFKC and white-space"
        " normalisation) is refused unless --allow-duplicate.",
    )
    _member_args(p)
    p.add_argument("--text", required=True, help="the problem, as the member says it")
    p.add_argument("--steps", type=_ids, default=[], help="step ids where it happens: s1,s2")
    p.add_argument("--category", default="", help="free category, e.g. 待ち・手戻り")
    p.add_argument(
        "--allow-duplicate",
        action="store_true",
        help="add it even if the same text is already there",
    )
    p.set_defaults(func=cmd_add_problem)

    p = add.add_parser(
        "cause",
        help="add a cause (one more 'why') to a problem",
        description="Add a cause of a problem. With --parent it answers 'why?' about that"
        " cause, building a why-chain down to the root cause.",
    )
    _member_args(p)
    p.add_argument("--problem", required=True, help="the problem's id")
    p.add_argument("--parent", default=None, help="the cause this one explains")
    p.add_argument("--text", required=True, help="the cause")
    p.add_argument(
        "--category",
        choices=CauseCategory.values(),
        default=None,
        help="人・手順・システム・制度・情報・環境",
    )
    p.set_defaults(func=cmd_add_cause)

    p = add.add_parser(
        "idea",
        help="add an improvement idea answering causes",
        description="Add an idea. Ideas answer causes: one with no --causes is added but"
        " flagged solution-first. --steps and --reduction estimate the hours it saves.",
    )
    _member_args(p)
    p.add_argument("--title", required=True, help="the idea in one line")
    p.add_argument("--causes", type=_ids, default=[], help="cause ids it answers: c1,c2")
    p.add_argument("--steps", type=_ids, default=[], help="step ids it changes: s1,s2")
    p.add_argument("--action", choices=Action.values(), default=None, help="ECRS + digitise")
    p.add_argument(
        "--reduction",
        type=_fraction,
        default=0.0,
        help="expected cut in those steps' time, a fraction 0..1 (e.g. 0.5)",
    )
    p.add_argument("--description", default="", help="longer description")
    p.add_argument("--effort-days", type=_fraction, default=None, help="person-days to do it")
    p.add_argument("--cost", type=_fraction, default=None, help="cost to put it in place")
    p.set_defaults(func=cmd_add_idea)

    p = subparsers.add_parser(
        "rate",
        help="rate an idea's effect and effort (1-5)",
        description="Set a member's rating of an idea: effect and effort, each 1 (low) to 5"
        " (high). Rating again replaces the earlier rating. Refused once voting is closed.",
    )
    _member_args(p)
    p.add_argument("--idea", required=True, help="the idea's id")
    p.add_argument("--effect", required=True, type=int, help="1 (little) to 5 (a lot)")
    p.add_argument("--effort", required=True, type=int, help="1 (easy) to 5 (hard)")
    p.set_defaults(func=cmd_rate)

    p = subparsers.add_parser(
        "dot",
        help="put a member's dots on an idea",
        description="Set how many of a member's dots sit on an idea (0 takes them back)."
        " Each member has a budget of dots and a cap per idea; both are enforced, and"
        " dots are refused once voting is closed.",
    )
    _member_args(p)
    p.add_argument("--idea", required=True, help="the idea's id")
    p.add_argument("--count", type=int, default=1, help="dots on this idea (default 1)")
    p.set_defaults(func=cmd_dot)

    p = subparsers.add_parser(
        "voting",
        help="open or close voting, or show who has not voted",
        description="The facilitator opens and closes voting. Closed voting freezes ratings"
        " and dots and lets members see the tally.",
    )
    actions = p.add_subparsers(
        dest="voting_action", metavar="ACTION", required=True, parser_class=type(p)
    )
    q = actions.add_parser("open", help="open voting (optionally set the rules)")
    q.add_argument("path", metavar="PATH", help="workshop folder")
    q.add_argument("--dots", type=int, default=None, help="dots per member (default 5)")
    q.add_argument("--cap", type=int, default=None, help="most dots on one idea (default 3)")
    mode = q.add_mutually_exclusive_group()
    mode.add_argument(
        "--anonymous",
        dest="anonymous",
        action="store_true",
        default=None,
        help="no output names a member",
    )
    mode.add_argument(
        "--named", dest="anonymous", action="store_false", help="turn anonymous mode off"
    )
    q.set_defaults(func=cmd_voting_open)
    q = actions.add_parser("close", help="close voting: freeze ratings and dots")
    q.add_argument("path", metavar="PATH", help="workshop folder")
    q.set_defaults(func=cmd_voting_close)
    q = actions.add_parser("status", help="open or closed, the rules, and who has not voted")
    q.add_argument("path", metavar="PATH", help="workshop folder")
    q.add_argument("--json", action="store_true", help="print the status as JSON")
    add_lang_option(q)
    q.set_defaults(func=cmd_voting_status)


def _member_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("path", metavar="PATH", help="workshop folder")
    p.add_argument(
        "--as",
        dest="member",
        required=True,
        metavar="MEMBER",
        help="the member id acting (their file is the only one written)",
    )


# --------------------------------------------------------------------------- helpers


def _folder(path: str) -> Path:
    folder = Path(path)
    if folder.is_file() and folder.name == storage.WORKSHOP_FILE:
        return folder.parent
    return folder


def _name(workshop: Workshop, member_id: str) -> str:
    """A member's display name, or the id of one no longer listed."""
    member = workshop.member(member_id)
    return member.name if member is not None else member_id


def _as_member(
    folder: Path, member: str, change: Callable[[Workshop], tuple[Workshop, Any]]
) -> Any:
    """Apply ``change`` to the workshop and save only ``member``'s file, under its lock.

    The workshop is loaded inside the lock, so the change sees the member's latest file
    and the latest voting state. Returns whatever ``change`` returned second.
    """
    result: list[Any] = []

    def update(current: MemberContributions) -> MemberContributions:
        workshop = storage.load(folder)
        if workshop.member(member) is None:
            raise InputError(
                None, f"unknown member {member!r}; add them first with `cocreate add member`"
            )
        changed, created = change(workshop.with_contributions(current))
        result.append(created)
        return changed.contributions_of(member).edit(revision=current.revision)

    # A missing workshop is reported before update_member would create members/ in it;
    # a broken one is reported by the load inside the lock.
    if not storage.is_workshop(folder):
        storage.load(folder)  # raises the one-line "no such workshop" error
    storage.update_member(folder, member, update)
    return result[0]


# --------------------------------------------------------------------------- commands


def cmd_add_member(args: argparse.Namespace) -> int:
    from cocreate.contribute import add_member

    created = []

    def change(workshop: Workshop) -> Workshop:
        workshop, member = add_member(workshop, args.member_id, args.name, args.role, args.email)
        created.append(member)
        return workshop

    storage.update_workshop(_folder(args.path), change)
    print(created[0].id)
    return 0


def cmd_add_problem(args: argparse.Namespace) -> int:
    from cocreate.contribute import add_problem, similar_problems

    folder = _folder(args.path)
    similar: list = []

    def change(workshop: Workshop) -> tuple[Workshop, Any]:
        similar.extend(similar_problems(workshop, args.text))
        return add_problem(
            workshop,
            args.member,
            args.text,
            args.steps,
            args.category,
            allow_duplicate=args.allow_duplicate,
        )

    problem = _as_member(folder, args.member, change)
    print(problem.id)
    for other, score in similar:
        print(f"similar: {other.id} ({score:.0%}) {other.text}", file=sys.stderr)
    return 0


def cmd_add_cause(args: argparse.Namespace) -> int:
    from cocreate.contribute import add_cause

    cause = _as_member(
        _folder(args.path),
        args.member,
        lambda ws: add_cause(ws, args.member, args.problem, args.text, args.parent, args.category),
    )
    print(cause.id)
    return 0


def cmd_add_idea(args: argparse.Namespace) -> int:
    from cocreate.contribute import add_idea, is_solution_first

    idea = _as_member(
        _folder(args.path),
        args.member,
        lambda ws: add_idea(
            ws,
            args.member,
            args.title,
            causes=args.causes,
            steps=args.steps,
            action=args.action,
            reduction=args.reduction,
            description=args.description,
            effort_days=args.effort_days,
            cost=args.cost,
        ),
    )
    print(idea.id)
    if is_solution_first(idea):
        print(
            f"warning: {idea.id} is solution-first: it answers no cause (add --causes)",
            file=sys.stderr,
        )
    return 0


def cmd_rate(args: argparse.Namespace) -> int:
    from cocreate.prioritize.voting import rate

    def change(workshop: Workshop) -> tuple[Workshop, Any]:
        return rate(workshop, args.member, args.idea, args.effect, args.effort), None

    _as_member(_folder(args.path), args.member, change)
    print(args.idea)
    return 0


def cmd_dot(args: argparse.Namespace) -> int:
    from cocreate.prioritize.voting import dots_left, place_dots

    def change(workshop: Workshop) -> tuple[Workshop, Any]:
        changed = place_dots(workshop, args.member, args.idea, args.count)
        return changed, dots_left(changed, args.member)

    left = _as_member(_folder(args.path), args.member, change)
    print(args.idea)
    print(f"{args.member}: {args.count} dot(s) on {args.idea}, {left} left", file=sys.stderr)
    return 0


def cmd_voting_open(args: argparse.Namespace) -> int:
    from cocreate.prioritize.voting import configure_voting, open_voting

    def change(workshop: Workshop) -> Workshop:
        workshop = configure_voting(
            workshop, dots_per_member=args.dots, cap_per_idea=args.cap, anonymous=args.anonymous
        )
        return open_voting(workshop)

    workshop = storage.update_workshop(_folder(args.path), change)
    print(_describe(workshop))
    return 0


def cmd_voting_close(args: argparse.Namespace) -> int:
    from cocreate.prioritize.voting import close_voting

    workshop = storage.update_workshop(_folder(args.path), close_voting)
    print(_describe(workshop))
    return 0


def _describe(workshop: Workshop, lang: str = "en") -> str:
    voting = workshop.voting
    return say(
        "cli.voting.rules",
        lang,
        state=say("cli.voting.closed" if voting.closed else "cli.voting.open", lang),
        dots=voting.dots_per_member,
        cap=voting.cap_per_idea,
        anonymous=say("cli.voting.anonymous", lang) if voting.anonymous else "",
    )


def cmd_voting_status(args: argparse.Namespace) -> int:
    from cocreate.prioritize.voting import not_voted

    workshop = storage.load(_folder(args.path))
    voting = workshop.voting
    waiting = not_voted(workshop)
    status: dict[str, Any] = {
        "closed": voting.closed,
        "anonymous": voting.anonymous,
        "dots_per_member": voting.dots_per_member,
        "cap_per_idea": voting.cap_per_idea,
        "ratings": len(workshop.ratings),
        "dots": sum(d.count for d in workshop.dots),
        "not_voted_count": len(waiting),
    }
    # Anonymous mode: no output names a member, so only the count of who is missing.
    if not voting.anonymous:
        status["not_voted"] = waiting
    if args.json:
        print(json.dumps(status, ensure_ascii=False, indent=2))
        return 0
    lang = cli_lang(args, workshop)
    print(_describe(workshop, lang))
    print(say("cli.voting.counts", lang, ratings=status["ratings"], dots=status["dots"]))
    if voting.anonymous:
        print(say("cli.voting.not_voted_count", lang, count=len(waiting)))
    elif waiting:
        names = ", ".join(f"{m} ({_name(workshop, m)})" for m in waiting)
        print(say("cli.voting.not_voted", lang, names=names))
    else:
        print(say("cli.voting.all_voted", lang))
    return 0
