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
import os
import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from cocreate.errors import CocreateError, InputError
from cocreate.model import ID_PATTERN, Member, Role, Settings

if TYPE_CHECKING:
    from cocreate.portfolio.status import ProcessRow
    from cocreate.portfolio_model import Portfolio

__all__ = ["ORDER", "dashboard_rows", "new_from_candidate", "register"]

ORDER = 12

#: Below this many workshops the dashboard loads them in this process (a pool costs more).
_PARALLEL_FROM = 400


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
        help=f"load every workshop again (by default DIR/{CACHE_FILE} keeps the summaries of"
        " unchanged workshops for the next run)",
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


def _candidate_from(args: argparse.Namespace):
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


def _update(path: str, change) -> Portfolio:
    from cocreate.storage.portfolio import update_portfolio

    return update_portfolio(path, change)


def _update_member(path: str, member: str, change) -> None:
    from cocreate.storage.portfolio import update_portfolio_member

    def apply(portfolio, current):
        updated = change(portfolio.with_contributions(current))
        return updated.contributions_of(member)

    update_portfolio_member(path, member, apply)


# --------------------------------------------------------------------------- commands


def cmd_new_portfolio(args: argparse.Namespace) -> int:
    from cocreate.portfolio_model import Portfolio, PortfolioMeta
    from cocreate.storage.portfolio import PORTFOLIO_FILE, create_portfolio

    if not args.title.strip():
        raise InputError(None, "--title must not be empty")
    members: tuple[Member, ...] = ()
    if args.facilitator:
        if not ID_PATTERN.match(args.facilitator):
            raise InputError(None, f"--facilitator {args.facilitator!r} is not a valid member id")
        name = args.facilitator_name or args.facilitator
        members = (Member(args.facilitator, name, Role.FACILITATOR),)
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
    rows = []
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

    def change(portfolio):
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

    def change(portfolio):
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
    from cocreate.portfolio.selection import close_voting, open_voting

    def change(portfolio):
        voting = portfolio.voting
        if args.dots is not None:
            spent = max((sum(d.count for d in c.dots) for c in portfolio.contributions), default=0)
            if args.dots < max(spent, 0) or args.dots < 0:
                raise InputError(
                    None, f"a member has placed {spent} dots; the budget cannot be lower"
                )
            voting = voting.edit(dots_per_member=args.dots)
        if args.cap is not None:
            most = max((d.count for d in portfolio.dots), default=0)
            if args.cap < max(most, 1):
                raise InputError(None, f"the cap must be at least {max(most, 1)}")
            voting = voting.edit(cap_per_idea=args.cap)
        portfolio = portfolio.edit(voting=voting)
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


def new_from_candidate(
    path: str | Path, candidate_id: str, *, portfolio_path: str | Path | None = None
) -> Path:
    """Create the workshop at ``path`` for a candidate and link it in the portfolio.

    The portfolio is ``portfolio_path``, else the nearest folder above ``path`` that
    holds ``portfolio.toml``; ``path`` must lie inside it. If the link cannot be saved,
    the new folder is removed again, so no half-made workshop is left behind.
    """
    from cocreate import storage
    from cocreate.cli.git import write_git_files
    from cocreate.portfolio.start import link_workshop, workshop_from_candidate
    from cocreate.storage.portfolio import find_portfolio, load_portfolio, update_portfolio

    folder = Path(path)
    root = Path(portfolio_path) if portfolio_path else find_portfolio(folder.absolute().parent)
    if root is None:
        raise InputError(
            folder, "not inside a portfolio (no portfolio.toml above it); give --portfolio"
        )
    try:
        relative = folder.absolute().relative_to(root.absolute())
    except ValueError:
        raise InputError(folder, f"must be inside the portfolio {root}") from None
    portfolio = load_portfolio(root)
    workshop = workshop_from_candidate(portfolio, candidate_id)
    link_workshop(portfolio, candidate_id, relative.as_posix())  # refuse before creating
    existed = folder.exists()
    storage.create(folder, workshop)
    try:
        write_git_files(folder)
        update_portfolio(root, lambda p: link_workshop(p, candidate_id, relative.as_posix()))
    except BaseException:
        if not existed:
            shutil.rmtree(folder, ignore_errors=True)
        raise
    return folder


# --------------------------------------------------------------------------- the dashboard

#: The file in the output folder that keeps each workshop's summary between runs.
CACHE_FILE = ".dashboard-cache.json"
#: Warnings printed one by one before the rest are counted.
_MAX_WARNINGS = 20


def _signature(folder: Path) -> list:
    """What a workshop's summary depends on: the name, size and change time of its files."""
    files = [folder / "workshop.toml"]
    members = folder / "members"
    try:
        files += sorted(p for p in members.iterdir() if p.suffix == ".toml")
    except OSError:
        pass
    out = []
    for path in files:
        try:
            info = path.stat()
        except OSError:
            out.append([path.name, -1, -1])
            continue
        out.append([path.name, info.st_size, info.st_mtime_ns])
    return out


def _summarise_folder(task: tuple[str, str]) -> tuple[dict | None, str]:
    """Load one workshop and summarise it: (the summary as plain data, or the load error)."""
    import dataclasses

    from cocreate import storage
    from cocreate.portfolio.status import summarise

    root, relative = task
    try:
        workshop = storage.load(Path(root) / relative)
    except (CocreateError, OSError) as exc:
        return None, str(exc)
    summary = summarise(workshop, today=_WORKER["today"])
    return dataclasses.asdict(summary), ""


_WORKER: dict = {}


def _read_cache(path: Path, key: dict) -> dict:
    """The cached summaries, if the cache was made for the same day and cocreate."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("key") != key:
        return {}
    entries = data.get("workshops")
    return entries if isinstance(entries, dict) else {}


def dashboard_rows(
    root: str | Path,
    portfolio: Portfolio,
    *,
    today: dt.date,
    jobs: int = 0,
    cache: Path | None = None,
) -> list[ProcessRow]:
    """Every process's row: each workshop (linked or found in ``workshops/``), then each
    candidate with no workshop yet.

    A workshop whose files are unchanged since the summary kept in ``cache`` (same size and
    change time, same day, same cocreate) is not loaded again; the others are loaded in
    worker processes when there are many. The cache is rewritten atomically.
    """
    from cocreate import __version__
    from cocreate.portfolio.status import Status, WorkshopSummary, process_row
    from cocreate.storage.portfolio import workshop_folders

    root = Path(root)
    by_folder = {os.path.normpath(root / link.folder): link.candidate for link in portfolio.links}
    key = {"version": __version__, "today": today.isoformat()}
    kept = _read_cache(cache, key) if cache is not None else {}
    entries: list[tuple[str, str, list]] = []
    for folder in workshop_folders(root, portfolio):
        inside = folder.is_relative_to(root)
        relative = folder.relative_to(root).as_posix() if inside else str(folder)
        candidate = by_folder.get(os.path.normpath(folder), "")
        entries.append((relative, candidate, _signature(folder)))
    results: dict[str, tuple[dict | None, str]] = {}
    missing = []
    for relative, _, signature in entries:
        hit = kept.get(relative)
        if isinstance(hit, dict) and hit.get("signature") == signature:
            results[relative] = (hit.get("summary"), hit.get("error", ""))
        else:
            missing.append((str(root), relative))
    _WORKER.update(today=today)
    workers = jobs or (os.cpu_count() or 1)
    if workers > 1 and len(missing) >= _PARALLEL_FROM:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        # Forked workers inherit the day; each returns plain data, a few hundred bytes.
        context = multiprocessing.get_context("fork" if sys.platform != "win32" else "spawn")
        chunk = max(len(missing) // (workers * 8), 1)
        with ProcessPoolExecutor(
            workers, mp_context=context, initializer=_WORKER.update, initargs=({"today": today},)
        ) as pool:
            done = pool.map(_summarise_folder, missing, chunksize=chunk)
            results.update(zip((m[1] for m in missing), done, strict=True))
    else:
        results.update((m[1], _summarise_folder(m)) for m in missing)
    rows = []
    for relative, candidate_id, _ in entries:
        data, error = results[relative]
        candidate = portfolio.candidate(candidate_id) if candidate_id else None
        summary = None
        if data is not None:
            summary = WorkshopSummary(**{**data, "status": Status(data["status"])})
        rows.append(process_row(portfolio, candidate, summary, folder=relative, error=error))
    linked = {candidate for _, candidate, _ in entries if candidate}
    for candidate in portfolio.candidates:
        if candidate.id not in linked:
            rows.append(process_row(portfolio, candidate, None, today=today))
    if cache is not None and missing:
        from cocreate.storage import atomic_write

        workshops = {
            relative: {
                "signature": signature,
                "summary": results[relative][0],
                "error": results[relative][1],
            }
            for relative, _, signature in entries
        }
        text = json.dumps({"key": key, "workshops": workshops}, ensure_ascii=False)
        cache.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(cache, text)
    return rows


def cmd_dashboard(args: argparse.Namespace) -> int:
    from cocreate.portfolio.ranking import tally
    from cocreate.portfolio.status import Status
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
    folder = new_from_candidate(args.path, args.from_candidate, portfolio_path=args.portfolio)
    print(f"created {folder / 'workshop.toml'} for candidate {args.from_candidate}")
    return 0
