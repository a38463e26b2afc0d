"""The facilitator's edits from the command line: members, details, settings, lanes, flows, pilot.

Everything the app's forms edit can be done here too, through the same domain functions
(:mod:`cocreate.facilitate`, :mod:`cocreate.process.edit`, :mod:`cocreate.pilot`), so a
value refused in one is refused in the other with the same message. Each command changes
``workshop.toml`` under its lock (:func:`cocreate.storage.update_workshop`), atomically;
a refused value changes nothing and exits 2 with one line.

    cocreate member edit PATH kato --name "加藤 隆" --role manager
    cocreate member remove PATH kato
    cocreate details PATH --background "照会電話が多い" --dates 2027/2/1,令和9年2月8日
    cocreate settings PATH --hourly-cost 4000 --annual-cases 1200
    cocreate lane rename PATH desk "総務課 窓口"
    cocreate flow edit PATH s03 s04 --label 差戻し --share 20
    cocreate pilot kpi add PATH --name 差戻し率 --target 0.05 --ideas kato.i1
    cocreate pilot team PATH suzuki --role 主担当
    cocreate pilot milestone PATH 2027/1/12 キックオフ
    cocreate pilot risk PATH "問い合わせが増える" --mitigation "記入例を配る"
    cocreate pilot rollout PATH "照会電話が半分以下"
    cocreate pilot rules PATH --channel Teams --often "毎週火曜"
"""

from __future__ import annotations

import argparse
import datetime as dt
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

from cocreate import storage
from cocreate.cli._lang import cli_lang, say
from cocreate.errors import InputError
from cocreate.i18n import t
from cocreate.model import Role, Workshop

__all__ = ["ORDER", "register"]

ORDER = 35


def _ids(text: str) -> list[str]:
    return [part.strip() for part in text.replace("、", ",").split(",") if part.strip()]


def _number(text: str) -> float:
    typed = unicodedata.normalize("NFKC", text).strip().replace(",", "")
    try:
        return float(typed.rstrip("%"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None


def _date(text: str) -> dt.date:
    from cocreate.dates import read_date

    try:
        value = read_date(text)
    except ValueError:
        value = None
    if value is None:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (e.g. 2027-02-01, 2027/2/1)")
    return value


def _dates(text: str) -> tuple[dt.date, ...]:
    from cocreate.dates import read_dates

    try:
        return read_dates(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r}: not dates (e.g. 2027/2/1,2027/2/8)") from None


def _folder(path: str) -> Path:
    folder = Path(path)
    if folder.is_file() and folder.name == storage.WORKSHOP_FILE:
        return folder.parent
    return folder


def _update(args: argparse.Namespace, change: Callable[[Workshop], Workshop]) -> Workshop:
    return storage.update_workshop(_folder(args.path), change)


def _edit(
    args: argparse.Namespace,
    changes: dict[str, Any],
    edit: Callable[..., Workshop],
    *ids: str,
    needs: str = "",
) -> Workshop:
    """``edit(workshop, *ids, **changes)``, saved; with no change, the workshop as it is.

    ``needs``, when given, names the one line (``error.cli.needs.<needs>``) that refuses
    a command given no change at all.
    """
    if not changes:
        if needs:
            key = f"error.cli.needs.{needs}"
            raise InputError(None, t(key, "en")).keyed(key)
        return storage.load(args.path)
    return _update(args, lambda ws: edit(ws, *ids, **changes))


def _given(args: argparse.Namespace, names: dict[str, str]) -> dict[str, Any]:
    """The options given on the command line, as the domain function's keywords."""
    return {
        kw: getattr(args, dest) for dest, kw in names.items() if getattr(args, dest) is not None
    }


def register(subparsers: argparse._SubParsersAction, groups: dict) -> None:
    del groups
    # ------------------------------------------------------------------ members
    member = subparsers.add_parser("member", help="rename a member, change their role, remove them")
    kinds = member.add_subparsers(dest="member_kind", metavar="KIND", required=True)
    p = kinds.add_parser("edit", help="rename a member or change their role or email")
    p.add_argument("path", metavar="PATH", help="workshop folder")
    p.add_argument("member_id", metavar="ID", help="the member's id (it never changes)")
    p.add_argument("--name", help="display name, e.g. 加藤 隆")
    p.add_argument("--role", choices=Role.values())
    p.add_argument("--email")
    p.set_defaults(func=cmd_member_edit)
    p = kinds.add_parser(
        "remove",
        help="take a member off the workshop",
        description="Remove a member. One with problems, causes, ideas or a ballot stays as a"
        " former member, so that their work keeps its author; the command says which.",
    )
    p.add_argument("path", metavar="PATH", help="workshop folder")
    p.add_argument("member_id", metavar="ID")
    p.set_defaults(func=cmd_member_remove)

    # ------------------------------------------------------------------ the workshop
    p = subparsers.add_parser(
        "details",
        help="the workshop's title, organisation, area, session dates and background",
        description="Change the workshop's details; with no option, print them.",
    )
    p.add_argument("path", metavar="PATH", help="workshop folder")
    p.add_argument("--title")
    p.add_argument("--organisation")
    p.add_argument("--area", help="business area, e.g. 備品貸出")
    p.add_argument("--dates", type=_dates, help="session dates: 2027/2/1,2027/2/8 (和暦 too)")
    p.add_argument("--background", help="背景: why this work is reviewed (the report prints it)")
    p.set_defaults(func=cmd_details)
    p = subparsers.add_parser(
        "settings",
        help="the numbers estimates use: cases a year, hourly cost, hours per person-year…",
        description="Change the settings; with no option, print them.",
    )
    p.add_argument("path", metavar="PATH", help="workshop folder")
    p.add_argument("--annual-cases", type=_number, help="cases a year (0 or more)")
    p.add_argument("--derive-cases", action="store_true", help="take cases from the steps again")
    p.add_argument("--hourly-cost", type=_number)
    p.add_argument("--hours-per-person", type=_number, help="working hours in a person-year")
    p.add_argument("--currency", help="e.g. JPY")
    p.add_argument("--quadrant-split", type=_number, help="the matrix's split, 1 to 5")
    p.set_defaults(func=cmd_settings)

    # ------------------------------------------------------------------ lanes and flows
    lane = subparsers.add_parser("lane", help="rename a lane")
    kinds = lane.add_subparsers(dest="lane_kind", metavar="KIND", required=True)
    p = kinds.add_parser("rename", help="rename a lane (its id stays)")
    p.add_argument("path", metavar="PATH", help="workshop folder")
    p.add_argument("lane_id", metavar="ID")
    p.add_argument("name", metavar="NAME")
    p.set_defaults(func=cmd_lane_rename)
    flow = subparsers.add_parser("flow", help="edit a flow's label or share")
    kinds = flow.add_subparsers(dest="flow_kind", metavar="KIND", required=True)
    p = kinds.add_parser("edit", help="change the label or share of the flow SOURCE → TARGET")
    p.add_argument("path", metavar="PATH", help="workshop folder")
    p.add_argument("source", metavar="SOURCE")
    p.add_argument("target", metavar="TARGET")
    p.add_argument("--label")
    p.add_argument("--share", type=_number, help="percentage of the cases, e.g. 20")
    p.add_argument("--even", action="store_true", help="no share: an even split")
    p.set_defaults(func=cmd_flow_edit)

    # ------------------------------------------------------------------ the pilot plan
    pilot = subparsers.add_parser("pilot", help="the pilot plan: fields, KPIs, team, risks, …")
    kinds = pilot.add_subparsers(dest="pilot_kind", metavar="KIND", required=True)
    p = kinds.add_parser("set", help="title, purpose, scope, period, owner, ideas")
    p.add_argument("path", metavar="PATH", help="workshop folder")
    p.add_argument("--title")
    p.add_argument("--purpose")
    p.add_argument("--scope-unit", help="bureaus or units, e.g. 政策局（約120名）")
    p.add_argument("--scope-steps", type=_ids, help="step ids: s02,s03")
    p.add_argument("--start", type=_date, help="2027/1/12, 令和9年1月12日…")
    p.add_argument("--weeks", type=int)
    p.add_argument("--owner", help="member id")
    p.add_argument("--ideas", type=_ids, help="idea ids the pilot tries")
    p.set_defaults(func=cmd_pilot_set)
    for action in ("add", "edit", "remove"):
        p = kinds.add_parser(f"kpi-{action}", help=f"{action} a KPI")
        p.add_argument("path", metavar="PATH", help="workshop folder")
        if action != "add":
            p.add_argument("kpi_id", metavar="ID")
        if action != "remove":
            p.add_argument("--name", required=action == "add")
            p.add_argument("--metric", help="a process metric the baseline comes from")
            p.add_argument("--baseline", type=_number)
            p.add_argument("--target", type=_number)
            p.add_argument("--unit")
            p.add_argument("--measured-by")
            p.add_argument("--ideas", type=_ids, help="the ideas it measures: kato.i1,ito.i1")
        p.set_defaults(func=cmd_pilot_kpi, kpi_action=action)
    p = kinds.add_parser("team", help="put a member in the team with a role, or take them off")
    p.add_argument("path", metavar="PATH", help="workshop folder")
    p.add_argument("member", metavar="MEMBER")
    p.add_argument("--role", default="")
    p.add_argument("--remove", action="store_true")
    p.set_defaults(func=cmd_pilot_team)
    p = kinds.add_parser("milestone", help="add a milestone, or remove one")
    p.add_argument("path", metavar="PATH", help="workshop folder")
    p.add_argument("date", type=_date, metavar="DATE")
    p.add_argument("text", metavar="TEXT")
    p.add_argument("--remove", action="store_true")
    p.set_defaults(func=cmd_pilot_milestone)
    p = kinds.add_parser("risk", help="add a risk with its countermeasure, or remove one")
    p.add_argument("path", metavar="PATH", help="workshop folder")
    p.add_argument("text", metavar="TEXT")
    p.add_argument("--mitigation", default="")
    p.add_argument("--remove", action="store_true")
    p.set_defaults(func=cmd_pilot_risk)
    p = kinds.add_parser("rollout", help="add a rollout criterion, or remove one")
    p.add_argument("path", metavar="PATH", help="workshop folder")
    p.add_argument("text", metavar="TEXT")
    p.add_argument("--remove", action="store_true")
    p.set_defaults(func=cmd_pilot_rollout)
    p = kinds.add_parser("rules", help="communication rules: channel, what (5W1H), whom, how often")
    p.add_argument("path", metavar="PATH", help="workshop folder")
    p.add_argument("--channel")
    p.add_argument("--shared", help="what is shared (5W1H)")
    p.add_argument("--audience", help="with whom")
    p.add_argument("--often", help="how often (meetings)")
    p.set_defaults(func=cmd_pilot_rules)


# --------------------------------------------------------------------------- members


def cmd_member_edit(args: argparse.Namespace) -> int:
    from cocreate.facilitate import edit_member

    changes = _given(args, {"name": "name", "role": "role", "email": "email"})
    _edit(args, changes, edit_member, args.member_id, needs="member_edit")
    print(args.member_id)
    return 0


def cmd_member_remove(args: argparse.Namespace) -> int:
    from cocreate.facilitate import member_removal, remove_member

    said: list[str] = []

    def change(ws: Workshop) -> Workshop:
        removal = member_removal(ws, args.member_id)
        key = "kept_ballot" if removal.ballot else "kept"
        said[:] = [
            say(
                f"cli.member.{key if removal.keeps_member else 'removed'}",
                cli_lang(args, ws),
                member=args.member_id,
                items=removal.items,
            )
        ]
        return remove_member(ws, args.member_id)

    _update(args, change)
    print(said[0])
    return 0


# --------------------------------------------------------------------------- the workshop


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _print_fields(prefix: str, fields: dict[str, str], lang: str) -> None:
    """``label: value`` lines, the values in one column; each label ``prefix + name``."""
    labels = {name: say(prefix + name, lang) + ":" for name in fields}
    column = max(_width(label) for label in labels.values()) + 1
    for name, value in fields.items():
        print(labels[name] + " " * (column - _width(labels[name])) + value)


def cmd_details(args: argparse.Namespace) -> int:
    from cocreate.facilitate import edit_meta

    names = {
        "title": "title",
        "organisation": "organisation",
        "area": "business_area",
        "dates": "dates",
        "background": "background",
    }
    workshop = _edit(args, _given(args, names), edit_meta)
    meta = workshop.meta
    _print_fields(
        "cli.details.",
        {
            "title": meta.title,
            "organisation": meta.organisation,
            "area": meta.business_area,
            "dates": ", ".join(d.isoformat() for d in meta.dates),
            "background": meta.background,
        },
        cli_lang(args, workshop),
    )
    return 0


def cmd_settings(args: argparse.Namespace) -> int:
    from cocreate.facilitate import edit_settings

    names = {
        "annual_cases": "annual_cases",
        "hourly_cost": "hourly_cost",
        "hours_per_person": "annual_hours_per_person",
        "currency": "currency",
        "quadrant_split": "quadrant_split",
    }
    changes = _given(args, names)
    if args.derive_cases:
        changes["annual_cases"] = None
    workshop = _edit(args, changes, edit_settings)
    s, lang = workshop.settings, cli_lang(args, workshop)
    cases = say("cli.settings.from_the_steps", lang) if s.annual_cases is None else s.annual_cases
    _print_fields(
        "cli.settings.",
        {
            "annual_cases": f"{cases}",
            "hourly_cost": f"{s.hourly_cost:g} {s.currency}",
            "hours_per_person": f"{s.annual_hours_per_person:g}",
            "quadrant_split": f"{s.quadrant_split:g}",
        },
        lang,
    )
    return 0


# --------------------------------------------------------------------------- lanes, flows


def cmd_lane_rename(args: argparse.Namespace) -> int:
    from cocreate.process.edit import edit_lane

    _update(args, lambda ws: edit_lane(ws, args.lane_id, name=args.name))
    print(args.lane_id)
    return 0


def cmd_flow_edit(args: argparse.Namespace) -> int:
    from cocreate.process.edit import edit_flow

    changes: dict[str, Any] = {}
    if args.label is not None:
        changes["label"] = args.label
    if args.even:
        changes["share"] = None
    elif args.share is not None:
        changes["share"] = args.share / 100
    _edit(args, changes, edit_flow, args.source, args.target, needs="flow_edit")
    print(f"{args.source} -> {args.target}")
    return 0


# --------------------------------------------------------------------------- the pilot plan


def cmd_pilot_set(args: argparse.Namespace) -> int:
    from cocreate import pilot

    fields = _given(
        args,
        {
            "title": "title",
            "purpose": "purpose",
            "scope_unit": "scope_unit",
            "start": "start",
            "weeks": "weeks",
            "owner": "owner",
        },
    )

    def change(ws: Workshop) -> Workshop:
        ws = pilot.edit_pilot(ws, **fields)
        if args.scope_steps is not None:
            ws = pilot.choose_scope_steps(ws, args.scope_steps)
        if args.ideas is not None:
            ws = pilot.choose_ideas(ws, args.ideas)
        return ws

    _update(args, change)
    return 0


def cmd_pilot_kpi(args: argparse.Namespace) -> int:
    from cocreate import pilot

    if args.kpi_action == "remove":
        _update(args, lambda ws: pilot.remove_kpi(ws, args.kpi_id))
        print(args.kpi_id)
        return 0
    fields = _given(
        args,
        {
            "name": "name",
            "metric": "metric",
            "baseline": "baseline",
            "target": "target",
            "unit": "unit",
            "measured_by": "measured_by",
            "ideas": "ideas",
        },
    )
    made: list[str] = []

    def change(ws: Workshop) -> Workshop:
        if args.kpi_action == "add":
            ws, kpi = pilot.add_kpi(ws, **fields)
            made.append(kpi.id)
            return ws
        made.append(args.kpi_id)
        return pilot.edit_kpi(ws, args.kpi_id, **fields)

    _update(args, change)
    print(made[0])
    return 0


def cmd_pilot_team(args: argparse.Namespace) -> int:
    from cocreate import pilot

    def change(ws: Workshop) -> Workshop:
        old = next((t for t in ws.pilot.team if t.member == args.member), None)
        if args.remove:
            if old is None:
                raise InputError(None, f"{args.member} is not in the pilot team").keyed(
                    "error.pilot.not_in_team", member=args.member
                )
            return pilot.set_team_member(ws, old, None)
        return pilot.set_team_member(ws, old, args.member, args.role)

    _update(args, change)
    return 0


#: What ``_by_text`` looks for, by its key: ``error.pilot.no_<what>``.
_ITEMS = {"milestone": "milestone", "risk": "risk", "criterion": "rollout criterion"}


def _by_text(items: Any, text: str, what: str) -> Any:
    found = next((i for i in items if getattr(i, "text", i) == text), None)
    if found is None:
        raise InputError(None, f"no {_ITEMS[what]} says {text!r}").keyed(
            f"error.pilot.no_{what}", text=text
        )
    return found


def cmd_pilot_milestone(args: argparse.Namespace) -> int:
    from cocreate import pilot

    def change(ws: Workshop) -> Workshop:
        if args.remove:
            old = _by_text(ws.pilot.milestones, args.text, "milestone")
            return pilot.set_milestone(ws, old, None)
        return pilot.set_milestone(ws, None, args.date, args.text)

    _update(args, change)
    return 0


def cmd_pilot_risk(args: argparse.Namespace) -> int:
    from cocreate import pilot

    def change(ws: Workshop) -> Workshop:
        old = next((r for r in ws.pilot.risks if r.text == args.text), None)
        if args.remove:
            return pilot.set_risk(ws, _by_text(ws.pilot.risks, args.text, "risk"), None)
        return pilot.set_risk(ws, old, args.text, args.mitigation)

    _update(args, change)
    return 0


def cmd_pilot_rollout(args: argparse.Namespace) -> int:
    from cocreate import pilot

    def change(ws: Workshop) -> Workshop:
        if args.remove:
            old = _by_text(ws.pilot.rollout_criteria, args.text, "criterion")
            return pilot.set_criterion(ws, old, None)
        return pilot.set_criterion(ws, None, args.text)

    _update(args, change)
    return 0


def cmd_pilot_rules(args: argparse.Namespace) -> int:
    from cocreate import pilot

    rules = _given(
        args,
        {"channel": "channel", "shared": "shared", "audience": "audience", "often": "meetings"},
    )
    _edit(args, rules, pilot.edit_communication, needs="pilot_rules")
    return 0
