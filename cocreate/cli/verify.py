"""Judging the pilot: ``criterion list|add|link|remove``, ``decide`` and ``evaluate``.

See docs/verify.md for how every figure is computed.
"""

from __future__ import annotations

import argparse
import json

from cocreate import storage
from cocreate.cli._verify import (
    criterion_json,
    date_arg,
    evaluation_json,
    folder_of,
    lang_of,
    lang_option,
    named_options,
    print_criteria,
    print_evaluation,
    split_list,
    update,
)
from cocreate.model import Outcome, Workshop

__all__ = ["ORDER", "register"]

ORDER = 46


def register(subparsers: argparse._SubParsersAction, groups: dict) -> None:
    _register_criteria(subparsers)
    _register_decide(subparsers)


# =========================================================================== criteria


def _register_criteria(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "criterion",
        help="rollout criteria (横展開の判断基準) linked to KPIs and thresholds",
        description="A rollout criterion is judged from measurements only when it is linked"
        " to KPIs: --kpi k4=0.1 means KPI k4 must reach 0.1 in its direction (at most, for a"
        " lower-is-better KPI); --kpi k4 means its target. Free-text criteria from the plan"
        " are listed as #1, #2, ... and are not measurable until linked.",
    )
    actions = p.add_subparsers(dest="criterion_action", metavar="ACTION", required=True)
    q = actions.add_parser("list", help="list the criteria with their links and verdicts")
    q.add_argument("path", metavar="PATH", help="workshop folder")
    q.add_argument("--json", action="store_true", help="print as JSON")
    lang_option(q)
    q.set_defaults(func=cmd_criterion_list)
    q = actions.add_parser("add", help="add a criterion; prints its id")
    q.add_argument("path", metavar="PATH", help="workshop folder")
    q.add_argument("--text", required=True, help="the criterion as the group agreed it")
    q.add_argument("--kpi", action="append", default=[], metavar="K[=X]", help="a condition")
    q.set_defaults(func=cmd_criterion_add)
    q = actions.add_parser("link", help="link a criterion (id, or #n / n) to KPI conditions")
    q.add_argument("path", metavar="PATH", help="workshop folder")
    q.add_argument("criterion", metavar="REF", help="r2, or 2 for the second free-text one")
    q.add_argument("--kpi", action="append", required=True, metavar="K[=X]", help="a condition")
    q.add_argument("--add", action="store_true", help="add to its conditions, not replace")
    q.set_defaults(func=cmd_criterion_link)
    q = actions.add_parser("remove", help="remove a criterion")
    q.add_argument("path", metavar="PATH", help="workshop folder")
    q.add_argument("criterion", metavar="REF")
    q.set_defaults(func=cmd_criterion_remove)


def cmd_criterion_add(args: argparse.Namespace) -> int:
    from cocreate.verify.criteria import add_criterion

    made = []

    def change(workshop: Workshop) -> Workshop:
        workshop, criterion = add_criterion(workshop, args.text, args.kpi)
        made.append(criterion)
        return workshop

    update(folder_of(args.path), change)
    print(made[0].id)
    return 0


def cmd_criterion_link(args: argparse.Namespace) -> int:
    from cocreate.verify.criteria import link_criterion

    made = []

    def change(workshop: Workshop) -> Workshop:
        workshop, criterion = link_criterion(
            workshop, args.criterion, args.kpi, replace=not args.add
        )
        made.append(criterion)
        return workshop

    update(folder_of(args.path), change)
    print(made[0].id)
    return 0


def cmd_criterion_remove(args: argparse.Namespace) -> int:
    from cocreate.verify.criteria import remove_criterion

    update(folder_of(args.path), lambda w: remove_criterion(w, args.criterion))
    return 0


def cmd_criterion_list(args: argparse.Namespace) -> int:
    from cocreate.verify.evaluate import evaluate

    workshop = storage.load(folder_of(args.path))
    result = evaluate(workshop)
    if args.json:
        print(json.dumps([criterion_json(c) for c in result.criteria], ensure_ascii=False,
                         indent=2))  # fmt: skip
        return 0
    print_criteria(result, lang_of(args, workshop))
    return 0


# =========================================================================== decide, evaluate


def _register_decide(subparsers: argparse._SubParsersAction) -> None:
    outcomes = ", ".join(f"{o.value}" for o in Outcome)
    p = subparsers.add_parser(
        "decide",
        help="record the rollout decision: 横展開, 継続試行, 見直し or 中止",
        description="Record the decision on the pilot in the decisions log: its outcome"
        f" ({outcomes}, or 横展開, 継続試行, 見直し, 中止), who decided, the reasons (at least"
        " one) and, for a rollout, the next scope (--units) and from when (--from).",
    )
    p.add_argument("path", metavar="PATH", help="workshop folder")
    p.add_argument("--outcome", required=True, help=f"one of {outcomes}")
    p.add_argument("--by", required=True, metavar="MEMBER", help="who made the decision")
    p.add_argument("--reason", action="append", default=[], help="a reason (repeat for more)")
    p.add_argument("--units", default="", metavar="U1,U2", help="the next scope of a rollout")
    p.add_argument("--from", dest="start", type=date_arg, metavar="DATE", help="the scope's start")
    p.add_argument("--date", type=date_arg, help="when it was decided (default: today)")
    p.add_argument("--text", default="", help="the log's line (default: made from the outcome)")
    lang_option(p)
    p.set_defaults(func=cmd_decide)

    p = subparsers.add_parser(
        "evaluate",
        help="the pilot against its plan: KPIs, 達成率, hours saved, criteria, the decision",
        description="Evaluate the pilot: each KPI's baseline, target, latest measured value,"
        " achievement rate (達成率) and verdict; the annual hours saved as estimated and as"
        " verified (from the to-be map or a measured KPI), per idea; each rollout criterion"
        " met, not met or not measurable with its evidence; the decision. See docs/verify.md.",
    )
    p.add_argument("path", metavar="PATH", help="workshop folder")
    p.add_argument("--variant", default=None, metavar="ID", help="the to-be variant to compare")
    p.add_argument("--json", action="store_true", help="print as JSON")
    lang_option(p)
    p.set_defaults(func=cmd_evaluate)


def cmd_decide(args: argparse.Namespace) -> int:
    from cocreate.verify.decide import record_decision

    folder = folder_of(args.path)
    made = []

    def change(workshop: Workshop) -> Workshop:
        workshop, decision = record_decision(
            workshop,
            args.outcome,
            by=args.by,
            reasons=args.reason,
            units=split_list(args.units),
            start=args.start,
            date=args.date,
            text=args.text,
            lang=lang_of(args, workshop),
        )
        made.append(decision)
        return workshop

    update(folder, change)
    print(made[0].text)
    return 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    from cocreate.verify.decide import verification_status
    from cocreate.verify.evaluate import evaluate

    workshop = storage.load(folder_of(args.path))
    with named_options(folder_of(args.path)):
        result = evaluate(workshop, variant=args.variant)
    status = verification_status(workshop, evaluation=result)
    if args.json:
        print(json.dumps(evaluation_json(result, status), ensure_ascii=False, indent=2))
        return 0
    print_evaluation(workshop, result, status, lang_of(args, workshop))
    return 0
