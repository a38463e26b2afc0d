"""One portfolio folder for a front end: its workshops summarised for the dashboard, edits saved.

The command line and the terminal app both work on a portfolio through this module (it
imports no Textual): :func:`dashboard_rows` loads every workshop of the portfolio (in
worker processes when there are many, and only those whose files changed since the
summaries kept in a cache file), and :func:`apply` and :func:`apply_member` save one
change to ``portfolio.toml`` or to one member's file under its lock, so that members
voting at once never lose each other's dots.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

from cocreate.errors import CocreateError, InputError
from cocreate.portfolio.status import ProcessRow
from cocreate.portfolio_model import Portfolio, PortfolioContributions

__all__ = ["CACHE_FILE", "apply", "apply_member", "dashboard_rows", "new_from_candidate"]

#: Below this many workshops the dashboard loads them in this process (a pool costs more).
_PARALLEL_FROM = 400

#: The file in the output folder that keeps each workshop's summary between runs.
CACHE_FILE = ".dashboard-cache.json"

#: The layout of a cached summary; a cache of another layout is ignored (2: per bureau).
_CACHE_FORMAT = 2


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


def _summarise_folder(task: tuple[str, str, bool]) -> tuple[dict | None, str, list | None]:
    """Load one workshop and summarise it: the summary as plain data (or None), the load
    error (or ""), and, when asked for, the signature of its files taken before the load."""
    import dataclasses

    from cocreate import storage
    from cocreate.portfolio.status import summarise

    root, relative, sign = task
    folder = Path(root) / relative
    signature = _signature(folder) if sign else None
    try:
        workshop = storage.load(folder)
    except (CocreateError, OSError) as exc:
        return None, str(exc), signature
    summary = summarise(workshop, today=_WORKER["today"])
    return dataclasses.asdict(summary), "", signature


_WORKER: dict = {}


def _read_cache(path: Path, key: dict) -> dict:
    """The cached summaries, if the cache was made for the same day, cocreate and format."""
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
    from cocreate.portfolio.status import BureauFigures, Status, WorkshopSummary, process_row
    from cocreate.storage.portfolio import workshop_folders

    root = Path(root)
    by_folder = {os.path.normpath(root / link.folder): link.candidate for link in portfolio.links}
    key = {"format": _CACHE_FORMAT, "version": __version__, "today": today.isoformat()}
    kept = _read_cache(cache, key) if cache is not None else {}
    entries: list[tuple[str, str]] = []
    folders = []
    for folder in workshop_folders(root, portfolio):
        inside = folder.is_relative_to(root)
        relative = folder.relative_to(root).as_posix() if inside else str(folder)
        entries.append((relative, by_folder.get(os.path.normpath(folder), "")))
        folders.append(folder)
    # Every workshop's files are checked against the summaries kept. With none kept
    # (the first run, another day) each is signed where it is loaded, in the workers.
    signatures: dict[str, list] = {}
    results: dict[str, tuple[dict | None, str]] = {}
    missing = []
    for (relative, _), folder in zip(entries, folders, strict=True):
        if kept:
            signatures[relative] = _signature(folder)
            hit = kept.get(relative)
            if isinstance(hit, dict) and hit.get("signature") == signatures[relative]:
                results[relative] = (hit.get("summary"), hit.get("error", ""))
                continue
        missing.append((str(root), relative, cache is not None and not kept))
    _WORKER.update(today=today)
    workers = jobs or (os.cpu_count() or 1)
    if workers > 1 and len(missing) >= _PARALLEL_FROM:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        # Forked workers inherit the day; each returns plain data, a few hundred bytes.
        # Small chunks (about 32 a worker) keep both busy to the end.
        context = multiprocessing.get_context("fork" if sys.platform != "win32" else "spawn")
        chunk = max(len(missing) // (workers * 32), 1)
        with ProcessPoolExecutor(
            workers, mp_context=context, initializer=_WORKER.update, initargs=({"today": today},)
        ) as pool:
            done = list(pool.map(_summarise_folder, missing, chunksize=chunk))
    else:
        done = [_summarise_folder(m) for m in missing]
    for (_, relative, _), (data, error, signature) in zip(missing, done, strict=True):
        results[relative] = (data, error)
        if signature is not None:
            signatures[relative] = signature
    rows = []
    for relative, candidate_id in entries:
        data, error = results[relative]
        candidate = portfolio.candidate(candidate_id) if candidate_id else None
        summary = None
        if data is not None:
            bureaus = tuple(BureauFigures(**b) for b in data.get("bureaus", ()))
            summary = WorkshopSummary(
                **{**data, "status": Status(data["status"]), "bureaus": bureaus}
            )
        rows.append(process_row(portfolio, candidate, summary, folder=relative, error=error))
    linked = {candidate for _, candidate in entries if candidate}
    for candidate in portfolio.candidates:
        if candidate.id not in linked:
            rows.append(process_row(portfolio, candidate, None, today=today))
    if cache is not None and missing:
        from cocreate.storage import atomic_write

        workshops = {
            relative: {
                "signature": signatures[relative],
                "summary": results[relative][0],
                "error": results[relative][1],
            }
            for relative, _ in entries
        }
        text = json.dumps({"key": key, "workshops": workshops}, ensure_ascii=False)
        cache.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(cache, text)
    return rows


def apply(folder: str | Path, change: Callable[[Portfolio], Portfolio]) -> Portfolio:
    """Apply ``change`` to ``portfolio.toml`` as it is on disk now, under its lock."""
    from cocreate.storage.portfolio import update_portfolio

    return update_portfolio(folder, change)


def apply_member(
    folder: str | Path, member: str, change: Callable[[Portfolio], Portfolio]
) -> Portfolio:
    """Apply ``change`` to one member's file under its lock; return the portfolio after it.

    ``change`` takes the whole portfolio (the rules need it: the budget, a closed vote)
    and only the member's own contributions are written.
    """
    from cocreate.storage.portfolio import load_portfolio, update_portfolio_member

    def mine(portfolio: Portfolio, current: PortfolioContributions) -> PortfolioContributions:
        return change(portfolio.with_contributions(current)).contributions_of(member)

    update_portfolio_member(folder, member, mine)
    return load_portfolio(folder)


def new_from_candidate(
    path: str | Path, candidate_id: str, *, portfolio_path: str | Path | None = None
) -> Path:
    """Create the workshop at ``path`` for a candidate and link it in the portfolio.

    The portfolio is ``portfolio_path``, else the nearest folder above ``path`` that
    holds ``portfolio.toml``; ``path`` must lie inside it. If the link cannot be saved,
    the new folder is removed again, so no half-made workshop is left behind.
    """
    from cocreate import storage
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
        update_portfolio(root, lambda p: link_workshop(p, candidate_id, relative.as_posix()))
    except BaseException:
        if not existed:
            shutil.rmtree(folder, ignore_errors=True)
        raise
    return folder
