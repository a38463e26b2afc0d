"""P7: the dashboard of a national portfolio, 5,000 workshops, against tomllib reading them.

    python bench/run.py P7            # 5,000 workshops, from `bench/run.py`
    python bench/portfolio_dashboard.py --workshops 500 --runs 3

A portfolio of 1,741 municipalities with a few workshops each is about 5,000 workshops.
The generated one has that many, each a process of 8 steps in 3 lanes with its members'
problems and ideas, at every stage: just started, mapped, with a planned pilot, a
running pilot with measurements, and decided (rollout, continue, stop); a candidate
per workshop plus as many candidates with none. Two subjects, each ``cocreate
dashboard`` as a process against a process that only parses the same TOML files with
``tomllib``:

* **again**: the dashboard written into the folder of the last run, where it keeps each
  workshop's summary with the size and change time of its files, as a nightly dashboard
  is; every file is still checked. The issue's goal: under 10 s on this 2-core machine.
* **from nothing** (``--no-cache``): every workshop loaded and validated, the metrics of
  each map and its to-be, the evaluation of each measured pilot, in a worker process per
  core. The issue's goal holds here too: under 10 s.

Wall times on a machine others use follow their load, so each run's CPU time (user and
system, the process and its workers) is printed too, with its ratio to the baseline's.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import ROOT, Result, compare

__all__ = ["national_portfolio", "p7_dashboard"]

TOMLLIB_READ = """
import sys, tomllib
from pathlib import Path
root = Path(sys.argv[1])
files = [root / "portfolio.toml", *sorted((root / "members").glob("*.toml"))]
for folder in sorted((root / "workshops").iterdir()):
    files += [folder / "workshop.toml", *sorted((folder / "members").glob("*.toml"))]
for path in files:
    tomllib.loads(path.read_bytes().decode("utf-8"))
"""


def _workshop(i: int, members):
    from cocreate.model import (
        Decision,
        Flow,
        Idea,
        Kpi,
        Lane,
        Measurement,
        Medium,
        MemberContributions,
        Meta,
        Outcome,
        Pilot,
        Problem,
        RolloutDecision,
        Settings,
        Step,
        StepKind,
        Workshop,
    )

    stage = i % 6
    title = f"自治体{i // 3:04d} 業務{i % 3}"
    workshop = Workshop(Meta(title, organisation=f"自治体{i // 3:04d}"), members=members)
    if stage == 0:
        return workshop  # chosen, nothing mapped yet
    media = (Medium.PAPER, Medium.SEAL, Medium.COUNTER, Medium.SYSTEM, Medium.PHONE)
    lanes = tuple(Lane(f"l{n}", f"担当{n}") for n in range(3))
    steps = [Step("s0", "受付", "l0", StepKind.START)]
    for n in range(1, 7):
        steps.append(
            Step(f"s{n}", f"工程{n}", f"l{n % 3}", minutes=5 + (i + n) % 20,
                 wait_minutes=30 * (n % 3), medium=media[(i + n) % len(media)])
        )  # fmt: skip
    steps.append(Step("s7", "完了", "l2", StepKind.END))
    flows = tuple(Flow(f"s{n}", f"s{n + 1}") for n in range(7))
    author = members[1].id
    problems = tuple(Problem(f"{author}.p{n}", f"課題{n}", author, (f"s{n}",)) for n in range(1, 4))
    ideas = tuple(
        Idea(f"{author}.i{n}", f"改善案{n}", author, steps=(f"s{n}",), action="digitise",
             reduction=0.5)
        for n in range(1, 4)
    )  # fmt: skip
    workshop = workshop.edit(
        settings=Settings(annual_cases=1000 + 37 * i),
        lanes=lanes,
        steps=tuple(steps),
        flows=flows,
        contributions=(MemberContributions(author, problems=problems, ideas=ideas),),
    )
    if stage == 1:
        return workshop
    start = dt.date(2027, 1, 11) if stage >= 3 else dt.date(2027, 9, 1)
    kpi = Kpi("k1", "年間業務時間", metric="annual_hours", unit="時間")
    pilot = Pilot(title="試行", ideas=tuple(x.id for x in ideas[:2]), start=start, weeks=8,
                  owner=author, kpis=(kpi,))  # fmt: skip
    if stage >= 3:
        measured = tuple(
            Measurement(f"m{n}", "k1", start + dt.timedelta(days=14 * n), 900.0 - 40 * n)
            for n in range(1, 4)
        )
        pilot = pilot.edit(measurements=measured)
    decisions = ()
    if stage >= 4:
        outcome = (Outcome.ROLLOUT, Outcome.CONTINUE, Outcome.STOP)[i // 6 % 3]
        units = ("全庁",) if outcome == Outcome.ROLLOUT else ()
        rollout = RolloutDecision(
            outcome=outcome, reasons=("判断の理由",), units=units, start=dt.date(2027, 4, 1)
        )
        # The decision is made by a member (the facilitator): a workshop must load.
        decisions = (Decision(dt.date(2027, 3, 20), "判断", owner="fac", rollout=rollout),)
    return workshop.edit(pilot=pilot, decisions=decisions)


def national_portfolio(folder: Path, workshops: int = 5000) -> Path:
    """A portfolio of ``workshops`` workshops (and as many candidates without one)."""
    from cocreate import storage
    from cocreate.model import Member, Role
    from cocreate.portfolio_model import Candidate, Link, Portfolio, PortfolioMeta
    from cocreate.storage.portfolio import create_portfolio

    members = (Member("fac", "進行役", Role.FACILITATOR), Member("m1", "委員1"))
    candidates, links = [], []
    for i in range(workshops * 2):
        candidates.append(
            Candidate(f"c{i:05d}", f"候補業務{i}", owner=f"自治体{i // 6:04d}",
                      annual_volume=500 + i % 900, minutes=10.0 + i % 30)
        )  # fmt: skip
        if i < workshops:
            slug = f"w{i:05d}"
            storage.save(folder / "workshops" / slug, _workshop(i, members))
            links.append(Link(f"c{i:05d}", f"workshops/{slug}"))
    portfolio = Portfolio(
        PortfolioMeta("全国の業務改革", "全国"),
        members=members,
        inventory=tuple(candidates),
        links=tuple(links),
    )
    create_portfolio(folder, portfolio)
    return folder


#: CPU seconds (user + system, the process and the workers it waited for) of each run,
#: by label.
CPU: dict[str, list[float]] = {}


def _process(label: str, *argv: str) -> None:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(
        [sys.executable, *argv],
        env=dict(
            os.environ, PYTHONPATH=os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])
        ),
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        check=False,
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    used = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    CPU.setdefault(label, []).append(used)
    if done.returncode:
        raise RuntimeError(f"{' '.join(argv[:3])} failed: {done.stderr[-300:]!r}")


def _print_cpu(subject: str, baseline: str, runs: int) -> None:
    """The median CPU time of the last ``runs`` runs of each (the warm-up left out)."""
    mine = statistics.median(CPU[subject][-runs:])
    base = statistics.median(CPU[baseline][-runs:])
    ratio = mine / base
    print(f"  cpu       {mine:.2f} s vs {base:.2f} s (user + sys, with workers): {ratio:.2f}x")
    print(f"  load      {' '.join(f'{x:.2f}' for x in os.getloadavg())} (1, 5, 15 min)")
    sys.stdout.flush()


def p7_dashboard(runs: int, quick: bool, workshops: int | None = None) -> list[Result]:
    """The dashboard written again into the same folder (the workshops' summaries kept
    from the last run, as a nightly dashboard is), and written from nothing."""
    count = workshops or (500 if quick else 5000)
    base = Path(tempfile.mkdtemp(prefix="cocreate-bench-portfolio-"))
    folder = national_portfolio(base / "portfolio", count)
    out, cold = base / "out", base / "cold"
    dashboard = ["-m", "cocreate", "dashboard", str(folder), "--today", "2027-05-01"]
    what = f"{count:,} workshops, {2 * count:,} candidates"
    again = compare(
        f"P7 `cocreate dashboard` as a process, again: {what} (unchanged workshops from the"
        " summaries kept in the output folder; HTML + CSV + XLSX)",
        lambda: _process("again", *dashboard, "-o", str(out)),
        lambda: _process("tomllib", "-c", TOMLLIB_READ, str(folder)),
        runs=runs,
        goal=None if quick else 1.0,
        limit_seconds=None if quick else 10.0,
        note="the first (warm-up) run writes the summaries; each timed run checks every"
        " file's size and change time",
    )
    _print_cpu("again", "tomllib", runs)
    fresh_runs = max(runs // 2, 2)
    fresh = compare(
        f"P7 `cocreate dashboard --no-cache` as a process: {what} (load and validate every"
        " workshop, metrics, evaluation, HTML + CSV + XLSX)",
        lambda: _process("fresh", *dashboard, "-o", str(cold), "--no-cache"),
        lambda: _process("tomllib", "-c", TOMLLIB_READ, str(folder)),
        runs=fresh_runs,
        goal=None if quick else 5.0,
        limit_seconds=None if quick else 10.0,
        note=f"{os.cpu_count()} cores, workers from 400 workshops",
    )
    _print_cpu("fresh", "tomllib", fresh_runs)
    return [again, fresh]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--workshops", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    results = p7_dashboard(args.runs, False, args.workshops)
    return 0 if all(r.met for r in results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
