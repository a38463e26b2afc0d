"""Portfolio commands: ``new-portfolio``, ``portfolio …`` (inventory, vote, decisions),
``dashboard``, and ``new PATH --from-candidate ID``.

Every command that changes something writes one file under its lock: the facilitator's
``portfolio.toml`` (compare-and-swap) or one member's ``members/<id>.toml``, so members
voting at once never lose each other's dots.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TypedDict

from cocreate.errors import InputError
from cocreate.model import ID_PATTERN, Member, Role, Settings

if TYPE_CHECKING:
    from collections.abc import Callable

    from cocreate.portfolio_model import Candidate, Portfolio

__all__ = ["ORDER", "register"]

ORDER = 12


class _ShowRow(TypedDict):
    """One candidate's line in ``portfolio show`` (and its ``--json``)."""

    id: str
    name: str
    owner: str
    annual_volume: int | None
    annual_hours: float | None
    person_years: float | None
    cost: int | None
    author: str
    decision: str
    workshop: str


def register(subparsers: argparse._SubParsersAction, groups: dict) -> None:
    p = subparsers.add_parser(
        "new-portfolio",
        help="create a portfolio: an inventory of processes and the workshops on them",
        description="Create a portfolio folder: portfolio.toml (the inventory 業務の棚卸し,"
        " selection criteria, the members' vote on candidates and the decision log),"
        " members/ and workshops/.",
    )
    p.add_argument("path", metavar="PATH", help="folder to create, e.g. portfolios/kanbo")
    p.add_argument("--title", required=True, help="the portfolio's title")
    p.add_argument("--organisation", default="", help="e.g. a ministry's 大臣官房, a city hall")
    p.add_argument("--facilitator", metavar="ID", default="", help="facilitator's member id")
    p.add_argument("--facilitator-name", metavar="NAME", default="", help="their display name")
    p.set_defaults(func=cmd_new_portfolio)

    p = subparsers.add_parser(
        "dashboard",
        help="write the portfolio dashboard: one offline HTML page, CSV and XLSX",
        description="Write dashboard-<lang>.html (self-contained, works on a closed"
        " network), .csv (UTF-8 with BOM) and .xlsx: one row per process with its status"
        " derived from its workshop, baseline hours, planned and verified savings, the"
        " paper, seal and counter touchpoints removed, totals and a chart per status. A"
        " workshop that does not load is marked on its row and named on stderr.",
    )
    p.add_argument("path", metavar="PORTFOLIO", help="portfolio folder")
    p.add_argument("-o", "--output", required=True, metavar="DIR", help="folder to write into")
    p.add_argument("--lang", choices=("ja", "en"), default="ja", help="language (default: ja)")
    p.add_argument("--today", metavar="YYYY-MM-DD", help="the day statuses are judged on")
    p.add_argument("--jobs", type=int, default=0, help="worker processes (default: the cores)")
    p.add_argument(
        "--no-cache",
        action="store_true",
        help="load every workshop again (by default DIR/.dashboard-cache.json keeps the"
        " summaries of unchanged workshops for the next run)",
    )
    p.set_defaults(func=cmd_dashboard)

    group = subparsers.add_parser(
        "portfolio",
        help="the inventory, the members' vote on candidates and the decision log",
        description="Work on a portfolio: its inventory (業務の棚卸し), the members' vote on"
        " which processes to review, and the decision log.",
    )
    kinds = group.add_subparsers(dest="portfolio_kind", metavar="KIND", required=True)
    _inventory_commands(kinds)
    _vote_commands(kinds)


def _portfolio_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("path", metavar="PORTFOLIO", help="portfolio folder")


def _inventory_commands(kinds: argparse._SubParsersAction) -> None:
    p = kinds.add_parser("show", help="list the inventory with each candidate's workload")
    _portfolio_arg(p)
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=cmd_show)

    p = kinds.add_parser("add", help="add a candidate process to the inventory")
    _portfolio_arg(p)
    _candidate_args(p)
    p.set_defaults(func=cmd_add)

    p = kinds.add_parser(
        "import",
        help="import an inventory sheet (業務説明表: .xlsx, CSV UTF-8 or cp932)",
        description="Read a 業務量調査票 / 業務説明表 with Japanese headers (see docs/portfolio.md"
        " for the columns). A row whose 業務ID is in the inventory replaces it; others are"
        " added. A bad cell stops the import with file:row: column: message.",
    )
    _portfolio_arg(p)
    p.add_argument("file", metavar="FILE", help=".xlsx, .csv or .tsv")
    p.add_argument("--replace", action="store_true", help="drop candidates the sheet lacks")
    p.add_argument("--encoding", help="CSV encoding (default: guessed: UTF-8, BOM, cp932)")
    p.add_argument("--dry-run", action="store_true", help="check and report, write nothing")
    p.set_defaults(func=cmd_import)

    p = kinds.add_parser("export", help="export the inventory as .xlsx or .csv")
    _portfolio_arg(p)
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="FILE.xlsx or FILE.csv")
    p.add_argument(
        "--encoding",
        choices=("utf-8-sig", "cp932"),
        default="utf-8-sig",
        help="CSV encoding (default: UTF-8 with BOM)",
    )
    p.set_defaults(func=cmd_export)

    p = kinds.add_parser("member", help="add a member to the portfolio")
    _portfolio_arg(p)
    p.add_argument("id", metavar="ID", help="member id (letters, digits, . - _)")
    p.add_argument("name", metavar="NAME", help="display name")
    p.add_argument("--role", choices=[r.value for r in Role], default=Role.VOLUNTEER.value)
    p.set_defaults(func=cmd_member)

    p = kinds.add_parser("criterion", help="add a selection criterion (選定基準) members see")
    _portfolio_arg(p)
    p.add_argument("text", metavar="TEXT", help="e.g. 年間業務時間が大きい")
    p.add_argument("--note", default="", help="how to read it")
    p.set_defaults(func=cmd_criterion)


def _candidate_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--name", required=True, help="業務名")
    p.add_argument("--purpose", default="", help="目的（誰のために・何のために）")
    p.add_argument("--owner", default="", help="所管部署")
    p.add_argument("--bureau", action="append", default=[], help="実施部局 (repeat)")
    p.add_argument("--volume", type=int, help="年間件数")
    p.add_argument("--minutes", type=float, help="1件あたり時間（分）")
    p.add_argument("--fte", type=float, help="投入人員（人）")
    p.add_argument("--medium", action="append", default=[], choices=("paper", "seal", "counter"))
    p.add_argument("--note", default="", help="備考")


def _vote_commands(kinds: argparse._SubParsersAction) -> None:
    p = kinds.add_parser("propose", help="propose a process to review (a member's own file)")
    _portfolio_arg(p)
    p.add_argument("--as", dest="member", metavar="MEMBER", required=True)
    _candidate_args(p)
    p.set_defaults(func=cmd_propose)

    p = kinds.add_parser("rate", help="rate a candidate's effect and feasibility, 1-5")
    _portfolio_arg(p)
    p.add_argument("--as", dest="member", metavar="MEMBER", required=True)
    p.add_argument("candidate", metavar="CANDIDATE")
    p.add_argument("--effect", type=int, required=True)
    p.add_argument("--feasibility", type=int, required=True)
    p.set_defaults(func=cmd_rate)

    p = kinds.add_parser("dot", help="place dots on a candidate (0 takes them back)")
    _portfolio_arg(p)
    p.add_argument("--as", dest="member", metavar="MEMBER", required=True)
    p.add_argument("candidate", metavar="CANDIDATE")
    p.add_argument("count", metavar="COUNT", type=int)
    p.set_defaults(func=cmd_dot)

    p = kinds.add_parser("voting", help="open or close the vote, set the budget and the cap")
    _portfolio_arg(p)
    state = p.add_mutually_exclusive_group()
    state.add_argument("--close", action="store_true")
    state.add_argument("--open", action="store_true")
    p.add_argument("--dots", type=int, help="dots per member")
    p.add_argument("--cap", type=int, help="dots on one candidate at most")
    p.set_defaults(func=cmd_voting)

    p = kinds.add_parser(
        "tally",
        help="rank the candidates (members see it once voting is closed)",
        description="Per candidate: median effect and feasibility, raters, dots, annual"
        " hours, quadrant and rank; the volunteers who have not voted.",
    )
    _portfolio_arg(p)
    p.add_argument("--as", dest="member", metavar="MEMBER", help="view as this member")
    p.add_argument("--json", action="store_true")
    p.add_argument("--matrix", metavar="FILE.svg", help="also write the matrix as SVG")
    p.add_argument("--lang", choices=("ja", "en"), default="ja")
    p.set_defaults(func=cmd_tally)

    p = kinds.add_parser("decide", help="record a candidate chosen, deferred or rejected, and why")
    _portfolio_arg(p)
    p.add_argument("candidate", metavar="CANDIDATE")
    p.add_argument("outcome", choices=("chosen", "deferred", "rejected"))
    p.add_argument("--reason", required=True, help="why (members read the log)")
    p.add_argument("--by", default="", help="who decided")
    p.add_argument("--date", metavar="YYYY-MM-DD", help="default: today")
    p.set_defaults(func=cmd_decide)


# --------------------------------------------------------------------------- helpers


def _date(text: str | None, what: str) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise InputError(None, f"{what} must be a date YYYY-MM-DD, not {text!r}") from None


def _candidate_from(args: argparse.Namespace) -> Candidate:
    from cocreate.model import Medium
    from cocreate.portfolio_model import Candidate

    return Candidate(
        id="",
        name=args.name,
        purpose=args.purpose,
        owner=args.owner,
        bureaus=tuple(args.bureau),
        annual_volume=args.volume,
        minutes=args.minutes,
        fte=args.fte,
        media=tuple(Medium(m) for m in args.medium),
        note=args.note,
    )


def _update(path: str, change: Callable[[Portfolio], Portfolio]) -> Portfolio:
    from cocreate.storage.portfolio import update_portfolio

    return update_portfolio(path, change)


def _update_member(path: str, member: str, change: Callable[[Portfolio], Portfolio]) -> None:
    from cocreate.portfolio_session import apply_member

    apply_member(path, member, change)


# --------------------------------------------------------------------------- commands


def cmd_new_portfolio(args: argparse.Namespace) -> int:
    from cocreate.portfolio_model import Portfolio, PortfolioMeta
    from cocreate.storage.portfolio import PORTFOLIO_FILE, create_portfolio

    if not args.title.strip():
        raise InputError(None, "--title must not be empty")
    from cocreate.cli.workshop import facilitator_members

    members = facilitator_members(args, shown_in="on the dashboard")
    portfolio = Portfolio(
        meta=PortfolioMeta(
            title=args.title.strip(),
            organisation=args.organisation,
            facilitator=args.facilitator,
        ),
        settings=Settings(),
        members=members,
    )
    create_portfolio(args.path, portfolio)
    print(f"created {Path(args.path) / PORTFOLIO_FILE}")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    from cocreate.portfolio.inventory import figures
    from cocreate.storage.portfolio import load_portfolio

    portfolio = load_portfolio(args.path)
    rows: list[_ShowRow] = []
    for candidate in portfolio.candidates:
        fig = figures(candidate, portfolio.settings)
        decision = portfolio.decision_of(candidate.id)
        link = portfolio.link_of(candidate.id)
        rows.append(
            {
                "id": candidate.id,
                "name": candidate.name,
                "owner": candidate.owner,
                "annual_volume": fig.volume,
                "annual_hours": None if fig.hours is None else round(fig.hours, 1),
                "person_years": None if fig.person_years is None else round(fig.person_years, 2),
                "cost": None if fig.cost is None else round(fig.cost),
                "author": candidate.author,
                "decision": decision.outcome.value if decision else "",
                "workshop": link.folder if link else "",
            }
        )
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    print(portfolio.meta.title)
    if portfolio.criteria:
        print("選定基準: " + " / ".join(c.text for c in portfolio.criteria))
    for row in rows:
        hours = "—" if row["annual_hours"] is None else f"{row['annual_hours']:,.0f} h"
        extra = " ".join(x for x in (row["decision"], row["workshop"]) if x)
        print(
            f"  {row['id']:<12} {row['name']}  [{row['owner'] or '—'}]  {hours}  {extra}".rstrip()
        )
    return 0


def cmd_add(args: argparse.Namespace) -> int:
    from cocreate.portfolio.inventory import add_candidate

    candidate = _candidate_from(args)
    saved = _update(args.path, lambda p: add_candidate(p, candidate))
    print(f"added {saved.inventory[-1].id}: {saved.inventory[-1].name}")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from cocreate.portfolio.inventory import import_inventory, read_inventory
    from cocreate.storage.portfolio import load_portfolio

    imported = read_inventory(args.file, encoding=args.encoding)
    counts: dict[str, int] = {}
    skipped: list[str] = []

    def change(portfolio: Portfolio) -> Portfolio:
        result = import_inventory(portfolio, imported, replace=args.replace)
        counts.update(added=result.added, updated=result.updated)
        skipped[:] = result.skipped
        return result.portfolio

    if args.dry_run:
        change(load_portfolio(args.path))
    else:
        _update(args.path, change)
    for header in imported.ignored:
        print(f"warning: {args.file}: column {header!r} is not an inventory column; ignored")
    if skipped:
        print(f"left as they are (members' proposals): {', '.join(skipped)}")
    verb = "would import" if args.dry_run else "imported"
    print(
        f"{verb} {len(imported.candidates)} rows:"
        f" {counts['added']} added, {counts['updated']} updated"
    )
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from cocreate.portfolio.inventory import csv_bytes, workbook_bytes
    from cocreate.storage import atomic_write
    from cocreate.storage.portfolio import load_portfolio

    portfolio = load_portfolio(args.path)
    target = Path(args.output)
    suffix = target.suffix.lower()
    if suffix == ".xlsx":
        data = workbook_bytes(portfolio.candidates, portfolio.meta.title)
    elif suffix in (".csv", ".txt"):
        data = csv_bytes(portfolio.candidates, args.encoding)
    else:
        raise InputError(target, "unknown format; use a .xlsx or .csv file name")
    atomic_write(target, data)
    print(f"wrote {target}")
    return 0


def cmd_member(args: argparse.Namespace) -> int:
    if not ID_PATTERN.match(args.id):
        raise InputError(None, f"{args.id!r} is not a valid member id")

    def change(portfolio: Portfolio) -> Portfolio:
        if portfolio.member(args.id) is not None:
            raise InputError(None, f"member {args.id!r} already exists")
        member = Member(args.id, args.name, Role(args.role))
        return portfolio.edit(members=(*portfolio.members, member))

    _update(args.path, change)
    print(f"added member {args.id}")
    return 0


def cmd_criterion(args: argparse.Namespace) -> int:
    from cocreate.portfolio.selection import add_criterion

    saved = _update(args.path, lambda p: add_criterion(p, args.text, args.note))
    print(f"added criterion {saved.criteria[-1].id}: {saved.criteria[-1].text}")
    return 0


def cmd_propose(args: argparse.Namespace) -> int:
    from cocreate.portfolio.selection import propose

    candidate = _candidate_from(args)
    _update_member(args.path, args.member, lambda p: propose(p, args.member, candidate))
    print(f"proposed {args.name}")
    return 0


def cmd_rate(args: argparse.Namespace) -> int:
    from cocreate.portfolio.selection import rate

    _update_member(
        args.path,
        args.member,
        lambda p: rate(p, args.member, args.candidate, args.effect, args.feasibility),
    )
    print(f"rated {args.candidate}: effect {args.effect}, feasibility {args.feasibility}")
    return 0


def cmd_dot(args: argparse.Namespace) -> int:
    from cocreate.portfolio.selection import dots_left, place_dots
    from cocreate.storage.portfolio import load_portfolio

    _update_member(
        args.path, args.member, lambda p: place_dots(p, args.member, args.candidate, args.count)
    )
    left = dots_left(load_portfolio(args.path), args.member)
    print(f"{args.count} dots on {args.candidate}; {left} left")
    return 0


def cmd_voting(args: argparse.Namespace) -> int:
    from cocreate.portfolio.selection import close_voting, configure_voting, open_voting

    def change(portfolio: Portfolio) -> Portfolio:
        portfolio = configure_voting(portfolio, dots_per_member=args.dots, cap_per_idea=args.cap)
        if args.close:
            portfolio = close_voting(portfolio)
        elif args.open:
            portfolio = open_voting(portfolio)
        return portfolio

    saved = _update(args.path, change)
    voting = saved.voting
    state = "closed" if voting.closed else "open"
    print(
        f"voting {state}: {voting.dots_per_member} dots each, at most {voting.cap_per_idea} on one"
    )
    return 0


def cmd_tally(args: argparse.Namespace) -> int:
    from cocreate.errors import RuleError
    from cocreate.portfolio.ranking import tally
    from cocreate.portfolio.selection import can_see_tally, late_ballots, not_voted
    from cocreate.storage.portfolio import load_portfolio

    portfolio = load_portfolio(args.path)
    if not can_see_tally(portfolio, args.member):
        raise RuleError("the tally is hidden until the facilitator closes voting")
    rows = tally(portfolio)
    missing = not_voted(portfolio)
    if args.matrix:
        from cocreate.reports.dashboard import matrix_svg
        from cocreate.storage import atomic_write

        svg = matrix_svg(rows, lang=args.lang, split=portfolio.settings.quadrant_split)
        atomic_write(Path(args.matrix), svg)
    if args.json:
        data = {
            "candidates": [
                {
                    "rank": r.rank,
                    "id": r.id,
                    "name": r.name,
                    "owner": r.owner,
                    "effect": r.effect,
                    "feasibility": r.feasibility,
                    "raters": r.raters,
                    "dots": r.dots,
                    "annual_hours": None if r.hours is None else round(r.hours, 1),
                    "quadrant": r.quadrant,
                    "disagreement": r.disagreement,
                }
                for r in rows
            ],
            "not_voted": missing,
            "late_ballots": late_ballots(portfolio),
            "closed": portfolio.voting.closed,
        }
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    from cocreate.i18n import t

    for r in rows:
        effect = "—" if r.effect is None else f"{r.effect:.1f}"
        feasible = "—" if r.feasibility is None else f"{r.feasibility:.1f}"
        hours = "—" if r.hours is None else f"{r.hours:,.0f} h"
        quadrant = t(f"portfolio.quadrant.{r.quadrant}", args.lang) if r.quadrant else "—"
        print(
            f"{r.rank:>3}. {r.id:<14} {r.name}  effect {effect}  feasibility {feasible}"
            f"  dots {r.dots}  {hours}  {quadrant}"
        )
    if missing:
        print(f"not voted yet: {', '.join(missing)}")
    if args.matrix:
        print(f"wrote {args.matrix}")
    return 0


def cmd_decide(args: argparse.Namespace) -> int:
    from cocreate.portfolio.selection import decide

    day = _date(args.date, "--date")
    _update(
        args.path,
        lambda p: decide(p, args.candidate, args.outcome, args.reason, owner=args.by, date=day),
    )
    print(f"{args.candidate}: {args.outcome}")
    return 0


# --------------------------------------------------------------------------- new --from-candidate


# --------------------------------------------------------------------------- the dashboard

#: Warnings printed one by one before the rest are counted.
_MAX_WARNINGS = 20


def cmd_dashboard(args: argparse.Namespace) -> int:
    from cocreate.portfolio.ranking import tally
    from cocreate.portfolio.status import Status
    from cocreate.portfolio_session import CACHE_FILE, dashboard_rows
    from cocreate.reports.dashboard import Dashboard, write_dashboard
    from cocreate.storage.portfolio import load_portfolio

    today = _date(args.today, "--today") or dt.date.today()
    portfolio = load_portfolio(args.path)
    out = Path(args.output)
    cache = None if args.no_cache else out / CACHE_FILE
    rows = dashboard_rows(args.path, portfolio, today=today, jobs=args.jobs, cache=cache)
    unreadable = [row for row in rows if row.status == Status.UNREADABLE]
    for row in unreadable[:_MAX_WARNINGS]:
        print(f"warning: {row.error}", file=sys.stderr)
    if len(unreadable) > _MAX_WARNINGS:
        more = len(unreadable) - _MAX_WARNINGS
        print(f"warning: and {more:,} more workshops that do not load (see the dashboard's"
              " table)", file=sys.stderr)  # fmt: skip
    dashboard = Dashboard(
        portfolio=portfolio,
        rows=tuple(rows),
        lang=args.lang,
        generated=today,
        tally=tuple(tally(portfolio)) if portfolio.voting.closed else None,
    )
    for path in write_dashboard(dashboard, out):
        print(f"wrote {path}")
    return 0


def cmd_new_from_candidate(args: argparse.Namespace) -> int:
    from cocreate.portfolio_session import new_from_candidate

    folder = new_from_candidate(args.path, args.from_candidate, portfolio_path=args.portfolio)
    print(f"created {folder / 'workshop.toml'} for candidate {args.from_candidate}")
    return 0
