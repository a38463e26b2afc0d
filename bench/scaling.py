"""Scaling benchmark: each path at three sizes (x1, x10, x100), its cost per unit of input.

    python bench/scaling.py                 # every registered path
    python bench/scaling.py check tally     # only some
    python bench/scaling.py --quick         # a tenth of each size, for a smoke run
    python bench/run.py SCALING             # the same, beside the other benchmarks

A path's cost must grow with its input, not faster: the cost per unit (per rating,
per step, ...) at the largest size may be at most 1.5x that at the smallest. Costs are
CPU seconds (user + system) of the timed work, the best of a few runs, which a shared
machine disturbs far less than wall time. A path timed as a whole process (``cocreate
check``) carries the interpreter's start-up and imports, a constant that would make
the smallest size look dearer per unit and hide any growth; so each path is also run
on an empty input (size 0), and the cost per unit is what a size costs beyond that.

Other paths join by registering a :class:`Workload`, in this module or in one that
imports it and calls :func:`register`::

    register(Workload(
        name="import-steps",
        unit="row",
        sizes=(5_000, 50_000, 500_000),
        setup=lambda size, folder: write_step_table(folder / "steps.csv", size),
        run=lambda csv: child_cpu(["import", "steps", str(csv), "--into", ...]),
    ))

``setup`` builds the input for one size in a fresh folder (untimed; size 0 is the
empty input that measures the fixed cost) and returns what ``run`` needs; ``run`` does
the timed work and may return its own CPU seconds (as :func:`child_cpu` does for a
child process); otherwise this process's CPU time is used.
"""

from __future__ import annotations

import argparse
import gc
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import ROOT, Result

__all__ = ["GROWTH_LIMIT", "REGISTRY", "Workload", "child_cpu", "measure", "register"]

#: The most the cost per unit may grow from the smallest size to the largest.
GROWTH_LIMIT = 1.5


@dataclass(frozen=True)
class Workload:
    """One path measured at three sizes."""

    name: str
    unit: str
    """What one unit of input is: "rating", "step", "row"."""
    sizes: tuple[int, int, int]
    """Units at x1, x10 and x100."""
    setup: Callable[[int, Path], Any]
    """Build the input of ``size`` units in a fresh folder (0: the empty input); untimed."""
    run: Callable[[Any], float | None]
    """The timed work; returns its own CPU seconds, or None to use this process's."""
    runs: int = 3
    note: str = ""


REGISTRY: dict[str, Workload] = {}


def register(workload: Workload) -> Workload:
    REGISTRY[workload.name] = workload
    return workload


def child_cpu(args: Sequence[str]) -> float:
    """CPU seconds (user + system) of ``cocreate ARGS`` run as a whole process."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(
        [sys.executable, "-m", "cocreate", *map(str, args)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
        cwd=ROOT,
        check=False,
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode:
        raise RuntimeError(f"cocreate {' '.join(map(str, args))} failed: {done.stderr[-500:]!r}")
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _cpu_seconds(work: Callable[[], float | None]) -> float:
    start = time.process_time()
    inner = work()
    spent = time.process_time() - start
    return inner if inner is not None else spent


@dataclass(frozen=True)
class Measurement:
    workload: Workload
    sizes: tuple[int, ...]
    seconds: tuple[float, ...]
    fixed: float
    """CPU seconds of the empty input: start-up and everything else that does not grow."""

    @property
    def per_unit(self) -> tuple[float, ...]:
        return tuple(
            max(s - self.fixed, 0.0) / n for s, n in zip(self.seconds, self.sizes, strict=True)
        )

    @property
    def growth(self) -> float:
        return self.per_unit[-1] / self.per_unit[0]

    @property
    def met(self) -> bool:
        return self.growth <= GROWTH_LIMIT


def _best_of(workload: Workload, size: int) -> float:
    """The least CPU time of at least ``workload.runs`` runs, more while they are short."""
    folder = Path(tempfile.mkdtemp(prefix=f"cocreate-scaling-{workload.name}-"))
    try:
        subject = workload.setup(size, folder)
        times: list[float] = []
        while len(times) < workload.runs or (sum(times) < 1.0 and len(times) < 50):
            gc.collect()  # each run starts from the same heap, not the last run's garbage
            times.append(_cpu_seconds(lambda: workload.run(subject)))
        return min(times)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def measure(workload: Workload, *, quick: bool = False) -> Measurement:
    """Run ``workload`` on the empty input and at its three sizes; print the costs."""
    sizes = tuple(max(size // 10, 1) for size in workload.sizes) if quick else workload.sizes
    fixed = _best_of(workload, 0)
    seconds = tuple(_best_of(workload, size) for size in sizes)
    result = Measurement(workload, sizes, seconds, fixed)
    _print(result)
    return result


def _print(m: Measurement) -> None:
    w = m.workload
    print(f"scaling: {w.name}: {w.note}" if w.note else f"scaling: {w.name}")
    print(f"  empty input {m.fixed:8.2f} s CPU (start-up; subtracted below)")
    rows = zip(("x1", "x10", "x100"), m.sizes, m.seconds, m.per_unit, strict=True)
    for label, size, seconds, per in rows:
        print(
            f"  {label:>4} {size:>10,} {w.unit}s {seconds:8.2f} s CPU"
            f"  {per * 1e6:9.2f} us per {w.unit}"
        )
    verdict = "MET" if m.met else "MISSED"
    print(f"  growth {m.growth:.2f}x from x1 to x100   goal <= {GROWTH_LIMIT:.1f}x   {verdict}")
    sys.stdout.flush()


def as_result(m: Measurement) -> Result:
    """The measurement as bench/run.py reports it: the ratio is the growth per unit."""
    return Result(
        name=f"SCALING {m.workload.name}: cost per {m.workload.unit} at x100 vs x1",
        subject=[m.per_unit[-1]],
        baseline=[m.per_unit[0]],
        goal=GROWTH_LIMIT,
        verdict=m.met,
    )


# --------------------------------------------------------------------------- the paths


def _voting_workshop(members: int, folder: Path) -> Path:
    from bench.gen import big_voting_workshop

    if not members:  # the empty input: two members rating two ideas
        return big_voting_workshop(folder / "w", members=2, ideas=2)
    return big_voting_workshop(folder / "w", members=members, ideas=IDEAS)


IDEAS = 300

register(
    Workload(
        name="check",
        unit="rating",
        sizes=(50 * IDEAS, 500 * IDEAS, 5_000 * IDEAS),
        setup=lambda ratings, folder: _voting_workshop(ratings // IDEAS, folder),
        run=lambda ws: child_cpu(["check", ws]),
        note="`cocreate check` as a process; 50, 500, 5,000 members x 300 ideas",
    )
)
register(
    Workload(
        name="tally",
        unit="rating",
        sizes=(50 * IDEAS, 500 * IDEAS, 5_000 * IDEAS),
        setup=lambda ratings, folder: _voting_workshop(ratings // IDEAS, folder),
        run=lambda ws: child_cpu(["tally", ws, "--json"]),
        note="`cocreate tally --json` as a process; 50, 500, 5,000 members x 300 ideas",
    )
)


def _branching_process(steps: int, folder: Path) -> Any:
    """A process of ``steps`` steps where every flow has a share: decisions all along."""
    from cocreate.model import Flow, Lane, Meta, Step, StepKind, Workshop

    steps = max(steps, 3)
    items = [Step("s0", "開始", "l1", StepKind.START)]
    flows = [Flow("s0", "s1")]
    for i in range(1, steps - 1):
        items.append(Step(f"s{i}", f"工程{i}", "l1", StepKind.DECISION, 5.0))
        back = f"s{max(i - 1, 1)}"
        flows += [Flow(f"s{i}", f"s{i + 1}", share=0.9), Flow(f"s{i}", back, "差戻し", 0.1)]
    items.append(Step(f"s{steps - 1}", "完了", "l1", StepKind.END))
    # Built in memory: 100,000 steps are a 26 MB workshop.toml, over the file size limit,
    # and what is measured here is the checks, not the load.
    return Workshop(
        meta=Meta("分岐の多い工程"),
        lanes=(Lane("l1", "課"),),
        steps=tuple(items),
        flows=tuple(flows),
    )


def _check_in_process(workshop: Any) -> None:
    from cocreate import integrity, review

    integrity.errors(workshop)
    review.warnings(workshop)


register(
    Workload(
        name="validate",
        unit="step",
        sizes=(100, 1_000, 10_000),
        setup=_branching_process,
        run=_check_in_process,
        note="integrity errors and review warnings, a share on every flow, in-process",
    )
)


# --------------------------------------------------------------------------- running


def run(names: Sequence[str] = (), *, quick: bool = False) -> list[Measurement]:
    unknown = [n for n in names if n not in REGISTRY]
    if unknown:
        raise SystemExit(f"unknown path {', '.join(unknown)}; choose from {', '.join(REGISTRY)}")
    return [measure(REGISTRY[name], quick=quick) for name in (names or list(REGISTRY))]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("names", nargs="*", metavar="PATH", help="paths to measure (default all)")
    parser.add_argument("--quick", action="store_true", help="a tenth of each size")
    args = parser.parse_args(argv)
    results = run(args.names, quick=args.quick)
    missed = [m.workload.name for m in results if not m.met]
    print("all scaling goals met" if not missed else f"scaling goals missed: {', '.join(missed)}")
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
