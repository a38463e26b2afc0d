"""A portfolio folder in TOML: ``portfolio.toml``, members' files and the workshops beside them.

A portfolio is a folder::

    portfolio.toml          the facilitator's: meta, settings, voting, members, criteria,
                            candidates (the inventory), decisions, workshops (links)
    members/<member>.toml   one member's proposed candidates, ratings and dots
    workshops/<slug>/       one workshop folder per process under review

The files are written and read as a workshop's are: ``schema_version`` and ``revision``
in each, atomic saves, compare-and-swap on ``portfolio.toml`` and a per-file lock for a
member's read-modify-write, so members voting at once never lose each other's dots.
Loading checks what the model cannot: unique ids, references to known candidates and
members, and the voting rules (budget, cap, scale) in every member's file; the first
problem is one InputError naming the file and field.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from cocreate.errors import ConflictError, InputError, SaveError
from cocreate.model import ID_PATTERN
from cocreate.paths import MEMBERS_DIR
from cocreate.portfolio_model import (
    PORTFOLIO_FILE,
    WORKSHOPS_DIR,
    Candidate,
    CandidateDot,
    CandidateRating,
    Portfolio,
    PortfolioContributions,
)
from cocreate.storage import _revision_of, _write
from cocreate.storage.decode import SCHEMA_VERSION, _check_header, _Decoder, describe
from cocreate.storage.encode import encode_record
from cocreate.storage.files import (
    cleanup_temp_files,
    file_digest,
    locked,
    os_reason,
    read_bytes,
)
from cocreate.storage.members import read_member, read_members
from cocreate.storage.tomlread import read_toml_with_digest
from cocreate.storage.tomlwrite import emit, toml_string
from cocreate.text import quoted

__all__ = [
    "PORTFOLIO_FILE",
    "WORKSHOPS_DIR",
    "check_portfolio",
    "create_portfolio",
    "dump_portfolio",
    "dump_portfolio_member",
    "find_portfolio",
    "is_portfolio",
    "load_portfolio",
    "load_portfolio_member",
    "parse_portfolio",
    "parse_portfolio_member",
    "save_portfolio",
    "update_portfolio",
    "update_portfolio_member",
    "workshop_folders",
]

#: The model's field -> its key in ``portfolio.toml``, in the file's order.
_KEYS = {
    "meta": "meta",
    "settings": "settings",
    "voting": "voting",
    "members": "members",
    "criteria": "criteria",
    "inventory": "candidates",
    "decisions": "decisions",
    "links": "workshops",
}
_FIELDS = {key: name for name, key in _KEYS.items()}
_SCALE = range(1, 6)


def is_portfolio(folder: str | Path) -> bool:
    return (Path(folder) / PORTFOLIO_FILE).is_file()


def find_portfolio(path: str | Path) -> Path | None:
    """The portfolio folder ``path`` is in (itself or its nearest parent), or None."""
    here = Path(path).absolute()
    for folder in (here, *here.parents):
        if is_portfolio(folder):
            return folder
    return None


def _member_path(folder: Path, member_id: str) -> Path:
    return folder / MEMBERS_DIR / f"{member_id}.toml"


# --------------------------------------------------------------------------- decoding


def parse_portfolio(path: Path, data: dict[str, Any]) -> Portfolio:
    """Build the facilitator's part of a Portfolio from parsed ``portfolio.toml``."""
    decoder = _Decoder(path)
    data, revision = _check_header(decoder, data, "portfolio")
    body: dict[str, Any] = {}
    for key, value in data.items():
        if key in ("schema_version", "revision"):
            continue
        if key not in _FIELDS:
            decoder.fail(key, "unknown field")
        body[_FIELDS[key]] = value
    if "meta" not in body:
        decoder.fail("meta", "missing")
    try:
        portfolio = decoder.record("", body, Portfolio, contributions=())
    except InputError as exc:
        raise _renamed(exc) from None
    return portfolio.edit(revision=revision)


def _renamed(exc: InputError) -> InputError:
    """The error with the field path as the file spells it (``candidates``, not ``inventory``)."""
    where = exc.field or ""
    for name, key in _KEYS.items():
        if where == name or where.startswith((f"{name}[", f"{name}.")):
            where = key + where[len(name) :]
            break
    return InputError(exc.path, exc.message, field=where or None)


def parse_portfolio_member(
    path: Path, data: dict[str, Any], member_id: str
) -> PortfolioContributions:
    """Build one member's contributions from a parsed portfolio ``members/<id>.toml``."""
    decoder = _Decoder(path)
    data, revision = _check_header(decoder, data, "portfolio-member")
    if data.get("member") != member_id:
        decoder.fail(
            "member", f"must be {member_id!r} to match the file name, not {data.get('member')!r}"
        )
    for key in data:
        if key not in ("schema_version", "revision", "member", "candidates", "ratings", "dots"):
            decoder.fail(key, "unknown field")
    raw = data.get("candidates", [])
    if not isinstance(raw, list):
        decoder.fail("candidates", f"must be a list of tables, not {describe(raw)}")
    candidates = []
    for i, entry in enumerate(raw):
        if isinstance(entry, dict) and "author" in entry:
            decoder.fail(f"candidates[{i}].author", "unknown field (the file name says who)")
        candidates.append(decoder.record(f"candidates[{i}]", entry, Candidate, author=member_id))
    ratings = []
    for key, value in _keyed(decoder, data, "ratings"):
        where = f"ratings.{quoted(key)}"
        if not isinstance(value, dict):
            decoder.fail(where, "must be a table like { effect = 4, feasibility = 3 }")
        for name in sorted(set(value) - {"effect", "feasibility"}):
            decoder.fail(f"{where}.{name}", "unknown field")
        scores = []
        for name in ("effect", "feasibility"):
            score = value.get(name)
            if score is None:
                decoder.fail(f"{where}.{name}", "missing")
            if type(score) is not int:
                decoder.fail(f"{where}.{name}", f"must be a whole number, not {describe(score)}")
            scores.append(score)
        ratings.append(CandidateRating(member_id, key, scores[0], scores[1]))
    dots = []
    for key, value in _keyed(decoder, data, "dots"):
        if type(value) is not int:
            decoder.fail(f"dots.{quoted(key)}", f"must be a whole number, not {describe(value)}")
        dots.append(CandidateDot(member_id, key, value))
    return PortfolioContributions(
        member=member_id,
        candidates=tuple(candidates),
        ratings=tuple(ratings),
        dots=tuple(dots),
        revision=revision,
    )


def _keyed(decoder: _Decoder, data: dict[str, Any], name: str) -> Iterator[tuple[str, Any]]:
    raw = data.get(name, {})
    if not isinstance(raw, dict):
        decoder.fail(name, f"must be a table keyed by candidate id, not {describe(raw)}")
    for key, value in raw.items():
        if not ID_PATTERN.match(key):
            decoder.fail(f"{name}.{quoted(key)}", "is not a valid candidate id")
        yield key, value


# --------------------------------------------------------------------------- checks


def check_portfolio(portfolio: Portfolio, folder: str | Path | None = None) -> None:
    """Raise one InputError for the first structural problem of a loaded portfolio.

    Ids are unique and well formed; decisions and links name known candidates; a link's
    folder stays inside the portfolio; members' ratings and dots name known candidates
    and keep to the scale, the cap per candidate and the budget; a member's proposals
    carry ids starting with their member id, so two members can never make the same id.
    """
    base = Path(folder) if folder is not None else None

    def fail(file: str, where: str, message: str) -> None:
        raise InputError(base / file if base is not None else file, message, field=where)

    known: set[str] = set()
    for i, member in enumerate(portfolio.members):
        if not ID_PATTERN.match(member.id):
            fail(PORTFOLIO_FILE, f"members[{i}].id", f"{member.id!r} is not a valid id")
        if member.id in known:
            fail(PORTFOLIO_FILE, f"members[{i}].id", f"duplicate member id {member.id!r}")
        known.add(member.id)
    seen: dict[str, str] = {}

    def candidate(file: str, where: str, item: Candidate) -> None:
        if not ID_PATTERN.match(item.id):
            fail(file, f"{where}.id", f"{item.id!r} is not a valid id")
        if item.id in seen:
            fail(
                file, f"{where}.id", f"duplicate candidate id {item.id!r} (also in {seen[item.id]})"
            )
        if not item.name.strip():
            fail(file, f"{where}.name", "must not be empty")
        for j, month in enumerate((*item.busy_months, *item.quiet_months)):
            if not 1 <= month <= 12:
                fail(file, f"{where}.months[{j}]", f"month {month} is not 1 to 12")
        if item.monthly and len(item.monthly) != 12:
            fail(file, f"{where}.monthly", f"needs twelve figures, not {len(item.monthly)}")
        for name in ("annual_volume", "normal_volume", "busy_volume", "quiet_volume"):
            value = getattr(item, name)
            if value is not None and value < 0:
                fail(file, f"{where}.{name}", "must not be negative")
        if any(v < 0 for v in item.monthly):
            fail(file, f"{where}.monthly", "must not be negative")
        for name in ("fte", "minutes"):
            value = getattr(item, name)
            if value is not None and value < 0:
                fail(file, f"{where}.{name}", "must not be negative")
        seen[item.id] = file

    for i, item in enumerate(portfolio.inventory):
        candidate(PORTFOLIO_FILE, f"candidates[{i}]", item)
    for contribution in portfolio.contributions:
        file = f"{MEMBERS_DIR}/{contribution.member}.toml"
        if contribution.member not in known:
            fail(file, "member", f"{contribution.member!r} is not a member of the portfolio")
        for i, item in enumerate(contribution.candidates):
            if not item.id.startswith(f"{contribution.member}."):
                fail(
                    file,
                    f"candidates[{i}].id",
                    f"{item.id!r} must start with {contribution.member + '.'!r}",
                )
            candidate(file, f"candidates[{i}]", item)
    voting = portfolio.voting
    for contribution in portfolio.contributions:
        file = f"{MEMBERS_DIR}/{contribution.member}.toml"
        for rating in contribution.ratings:
            where = f"ratings.{quoted(rating.candidate)}"
            if rating.candidate not in seen:
                fail(file, where, f"unknown candidate {rating.candidate!r}")
            for name in ("effect", "feasibility"):
                if getattr(rating, name) not in _SCALE:
                    fail(file, f"{where}.{name}", "must be a whole number from 1 to 5")
        spent = 0
        for dot in contribution.dots:
            where = f"dots.{quoted(dot.candidate)}"
            if dot.candidate not in seen:
                fail(file, where, f"unknown candidate {dot.candidate!r}")
            if dot.count < 0:
                fail(file, where, "must be 0 or more")
            if dot.count > voting.cap_per_idea:
                fail(file, where, f"{dot.count} dots is over the cap of {voting.cap_per_idea}")
            spent += dot.count
        if spent > voting.dots_per_member:
            fail(file, "dots", f"{spent} dots placed, over the budget of {voting.dots_per_member}")
    for i, decision in enumerate(portfolio.decisions):
        if decision.candidate not in seen:
            fail(
                PORTFOLIO_FILE,
                f"decisions[{i}].candidate",
                f"unknown candidate {decision.candidate!r}",
            )
    folders: set[str] = set()
    for i, link in enumerate(portfolio.links):
        where = f"workshops[{i}]"
        if link.candidate not in seen:
            fail(PORTFOLIO_FILE, f"{where}.candidate", f"unknown candidate {link.candidate!r}")
        relative = Path(link.folder)
        if relative.is_absolute() or ".." in relative.parts or not relative.parts:
            fail(PORTFOLIO_FILE, f"{where}.folder", "must be a folder inside the portfolio")
        if link.folder in folders:
            fail(PORTFOLIO_FILE, f"{where}.folder", f"{link.folder!r} is linked twice")
        folders.add(link.folder)


# --------------------------------------------------------------------------- encoding


def dump_portfolio(portfolio: Portfolio, revision: int) -> str:
    """The text of ``portfolio.toml`` at this revision."""
    body = encode_record(portfolio, skip=("contributions",))
    data: dict[str, Any] = {"schema_version": SCHEMA_VERSION, "revision": revision}
    for name, key in _KEYS.items():
        if name in body:
            data[key] = body[name]
    return emit(data)


def _ballot_key(candidate_id: str) -> str:
    if not ID_PATTERN.match(candidate_id):
        raise SaveError(f"cannot save: {candidate_id!r} is not a valid id")
    return toml_string(candidate_id)


def dump_portfolio_member(contributions: PortfolioContributions, revision: int) -> str:
    """The text of a portfolio's ``members/<id>.toml``: proposals, then the ballot."""
    member = contributions.member
    data: dict[str, Any] = {"schema_version": SCHEMA_VERSION, "revision": revision}
    data["member"] = member
    for i, item in enumerate(contributions.candidates):
        if item.author != member:
            raise SaveError(
                f"cannot save: candidates[{i}].author: {item.author!r} is not {member!r}"
            )
    if contributions.candidates:
        data["candidates"] = [
            encode_record(item, skip=("author",), where=f"candidates[{i}]")
            for i, item in enumerate(contributions.candidates)
        ]
    parts = [emit(data)]
    # One line per candidate, as a workshop's ballot: short to read, a second rating of
    # the same candidate is a TOML error.
    if contributions.ratings:
        parts.append("\n[ratings]\n")
        parts.extend(
            f"{_ballot_key(r.candidate)} = {{ effect = {int(r.effect)},"
            f" feasibility = {int(r.feasibility)} }}\n"
            for r in contributions.ratings
        )
    if contributions.dots:
        parts.append("\n[dots]\n")
        parts.extend(f"{_ballot_key(d.candidate)} = {int(d.count)}\n" for d in contributions.dots)
    return "".join(parts)


# --------------------------------------------------------------------------- the folder


def load_portfolio(folder: str | Path, *, validate: bool = True) -> Portfolio:
    """Load a portfolio folder: ``portfolio.toml`` merged with every member file.

    Raises InputError (one line, naming the file and field) on any bad file, and with
    ``validate`` (the default) on the first structural problem (:func:`check_portfolio`).
    The workshops are not loaded: :func:`workshop_folders` lists them.
    """
    folder = Path(folder)
    if folder.is_file() and folder.name == PORTFOLIO_FILE:
        folder = folder.parent
    path = folder / PORTFOLIO_FILE
    if not folder.is_dir():
        raise InputError(folder, "no such portfolio folder")
    if not os.path.lexists(path):
        raise InputError(folder, f"not a portfolio folder: {PORTFOLIO_FILE} is missing")
    cleanup_temp_files(folder)
    data, digest = read_toml_with_digest(path)
    portfolio = parse_portfolio(path, data).edit(digest=digest)
    portfolio = portfolio.edit(contributions=read_members(folder, parse_portfolio_member))
    if validate:
        check_portfolio(portfolio, folder)
    return portfolio


def load_portfolio_member(folder: str | Path, member_id: str) -> PortfolioContributions:
    path = _member_path(Path(folder), member_id)
    if not os.path.lexists(path):
        return PortfolioContributions(member=member_id)
    return read_member(path, member_id, parse_portfolio_member)


def workshop_folders(folder: str | Path, portfolio: Portfolio) -> list[Path]:
    """Every workshop folder of the portfolio: the linked ones, then the others found in
    ``workshops/`` (any sub-folder, even one that does not load), in name order."""
    folder = Path(folder)
    found = [folder / link.folder for link in portfolio.links]
    root = folder / WORKSHOPS_DIR
    # Compared as written (links are relative paths inside the portfolio, checked on
    # load), not resolved: resolving thousands of paths costs more than reading them.
    linked = {os.path.normpath(p) for p in found}
    if root.is_dir():
        for entry in sorted(root.iterdir()):
            if entry.name.startswith(".") or not entry.is_dir():
                continue
            if os.path.normpath(entry) not in linked:
                found.append(entry)
    return found


def save_portfolio(folder: str | Path, portfolio: Portfolio, *, force: bool = False) -> Portfolio:
    """Save ``portfolio.toml`` atomically, with compare-and-swap; return it at its new revision.

    If the file on disk is not the one ``portfolio`` was loaded from, ConflictError asks
    for a reload rather than overwrite someone else's change (unless ``force``).
    """
    folder = Path(folder)
    path = folder / PORTFOLIO_FILE
    with locked(path):
        raw = read_bytes(path) if os.path.lexists(path) else None
        digest = file_digest(raw) if raw is not None else ""
        moved = raw is not None and (
            digest != portfolio.digest
            if portfolio.digest
            else _revision_of(path, raw) != portfolio.revision
        )
        if moved and not force:
            raise ConflictError(
                f"{path}: changed by someone else since it was loaded; reload and apply"
                " your change again"
            )
        revision = max(_revision_of(path, raw), portfolio.revision) + 1
        written = _write(path, lambda r: dump_portfolio(portfolio, r), revision)
    return portfolio.edit(revision=revision, digest=written)


def update_portfolio(folder: str | Path, change: Callable[[Portfolio], Portfolio]) -> Portfolio:
    """Read, change and save ``portfolio.toml`` under its lock (for one-shot commands)."""
    folder = Path(folder)
    path = folder / PORTFOLIO_FILE
    with locked(path):
        current = load_portfolio(folder)
        updated = change(current)
        check_portfolio(updated, folder)
        revision = current.revision + 1
        written = _write(path, lambda r: dump_portfolio(updated, r), revision)
    return updated.edit(revision=revision, digest=written)


def update_portfolio_member(
    folder: str | Path,
    member_id: str,
    change: Callable[[Portfolio, PortfolioContributions], PortfolioContributions],
) -> PortfolioContributions:
    """Read, change and save one member's file under its lock, so no vote is lost.

    ``change`` gets the portfolio as it is now (for the rules: budget, closed voting)
    and the member's contributions read under the lock.
    """
    folder = Path(folder)
    path = _member_path(folder, member_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    with locked(path):
        portfolio = load_portfolio(folder)
        current = load_portfolio_member(folder, member_id)
        updated = change(portfolio, current)
        check_portfolio(portfolio.with_contributions(updated), folder)
        revision = current.revision + 1
        written = _write(path, lambda r: dump_portfolio_member(updated, r), revision)
    return updated.edit(revision=revision, digest=written)


def create_portfolio(folder: str | Path, portfolio: Portfolio) -> Portfolio:
    """Create a new portfolio folder; refuses to touch an existing portfolio."""
    folder = Path(folder)
    if is_portfolio(folder):
        raise InputError(folder, "a portfolio already exists here")
    if folder.exists() and not folder.is_dir():
        raise InputError(folder, "exists and is not a folder")
    check_portfolio(portfolio, folder)
    try:
        (folder / MEMBERS_DIR).mkdir(parents=True, exist_ok=True)
        (folder / WORKSHOPS_DIR).mkdir(exist_ok=True)
    except OSError as exc:
        raise SaveError(f"{folder}: cannot create: {os_reason(exc)}") from None
    saved = save_portfolio(folder, portfolio)
    contributions = []
    for contribution in portfolio.contributions:
        path = _member_path(folder, contribution.member)
        revision = contribution.revision + 1

        def member_text(r: int, c: PortfolioContributions = contribution) -> str:
            return dump_portfolio_member(c, r)

        digest = _write(path, member_text, revision)
        contributions.append(contribution.edit(revision=revision, digest=digest))
    return saved.edit(contributions=tuple(contributions))
