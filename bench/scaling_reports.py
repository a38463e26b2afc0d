"""Scaling benchmark for the report's paths: each at x1, x10 and x100, cost per unit.

Issue 12 §4: the report, the matrix's label placement and the diagram's pages must cost
about the same per unit of work at every size. Each path here is registered with its
three sizes; a size's cost is the median CPU time (``time.process_time``, which a loaded
machine disturbs less than wall time) of three runs (short runs repeated in batches of
about 0.3 s), divided by its units of work. The
verdict: the cost per unit at the largest size is at most 1.5 times that at the smallest.

A path is ``ScalingPath(name, unit, sizes, setup, run)``: ``setup(size)`` builds the input
(untimed) and returns ``(state, units)``; ``run(state)`` is the timed work. The store
stream's general harness (``bench/scaling.py``) was not on main when this was written;
these paths have its shape, so they can be registered there as they are.

The headline goal is checked too: ``cocreate report`` of a workshop of 2,000 steps, 500
members and 300 ideas, as a whole process, in under 20 CPU seconds.

    python bench/scaling_reports.py               # every path, and the goal
    python bench/scaling_reports.py matrix-labels # one path
    python bench/scaling_reports.py --quick       # one run per size, no goal
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


__all__ = ["REGISTRY", "ScalingPath", "measure", "report_goal"]

#: Largest cost per unit allowed at x100, as a multiple of the cost per unit at x1.
GROWTH_LIMIT = 1.5


@dataclass(frozen=True)
class ScalingPath:
    name: str
    unit: str
    sizes: tuple[int, int, int]
    setup: Callable[[int], tuple[object, float]]
    run: Callable[[object], None]


@dataclass(frozen=True)
class Measured:
    size: int
    units: float
    seconds: float

    @property
    def per_unit(self) -> float:
        return self.seconds / self.units


# --------------------------------------------------------------------------- inputs


def _report_workshop(factor: int):
    """A workshop of 20 x ``factor`` steps over 8 lanes and 5 x ``factor`` members who
    rate 30 ideas (ratings grow with the members, as in the issue's sizes)."""
    from bench.gen import big_voting_workshop, long_process_workshop
    from cocreate import storage

    folder = Path(tempfile.mkdtemp(prefix="cocreate-scaling-"))
    process = storage.load(long_process_workshop(folder / "process", max(20 * factor, 4)))
    voting = storage.load(big_voting_workshop(folder / "voting", 5 * factor, 30))
    return voting.edit(
        lanes=process.lanes,
        steps=process.steps,
        flows=process.flows,
        settings=process.settings,
        members=(*process.members, *voting.members),
        meta=process.meta,
    )


def _tally_rows(ideas: int):
    from cocreate.prioritize.tally import IdeaTally

    rng = random.Random(ideas)
    scale = [1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5]
    rows = []
    for i in range(ideas):
        effect, effort = rng.choice(scale), rng.choice(scale)
        rows.append(
            IdeaTally(
                f"m{i}.i1",
                f"改善案{i} 様式を統一する",
                effect,
                effort,
                effect,
                effort,
                0.0,
                0.0,
                3,
                rng.randint(0, 5),
                10.0,
                None,
                i + 1,
            )
        )
    return rows


# --------------------------------------------------------------------------- the paths


def _report_setup(factor: int):
    return _report_workshop(factor), float(factor)


def _report_run(workshop) -> None:
    from cocreate.reports import render

    render(workshop, "ja", ("html", "md"))


def _labels_setup(ideas: int):
    from cocreate.prioritize.matrix import matrix_figure

    rows = _tally_rows(ideas)
    return (rows, matrix_figure), float(ideas)


def _labels_run(state) -> None:
    # The whole chart minus what does not grow with the ideas is the placement: timing
    # the chart keeps the bench on the public function.
    rows, matrix_figure = state
    matrix_figure(rows, "ja")


def _diagram_setup(steps: int):
    from bench.gen import long_process_workshop
    from cocreate import storage

    folder = Path(tempfile.mkdtemp(prefix="cocreate-scaling-"))
    workshop = storage.load(long_process_workshop(folder, steps))
    from cocreate.reports import diagram

    pages = len(diagram.page_groups(workshop))
    return workshop, float(pages)


def _diagram_run(workshop) -> None:
    """Plan once, then every page as SVG: what the report does, per page."""
    from cocreate.reports import diagram
    from cocreate.reports.diagram.svg import render_svg

    plan = diagram.plan(workshop)
    for panels in diagram.page_groups(workshop, diagram=plan):
        render_svg(plan, panels, step_hours={}, legend=None)


def _page_setup(steps: int):
    workshop, _pages = _diagram_setup(steps)
    from cocreate.reports import diagram

    plan = diagram.plan(workshop)
    groups = diagram.page_groups(workshop, diagram=plan)
    return (workshop, plan, groups[len(groups) // 2]), 1.0


def _page_run(state) -> None:
    """One page drawn with matplotlib from a plan made once (the per-page cost alone)."""
    from cocreate.charts import figure_bytes
    from cocreate.reports import diagram

    workshop, plan, panels = state
    figure_bytes(diagram.draw(workshop, diagram=plan, panels=panels))


REGISTRY = [
    ScalingPath("report", "x (20 steps + 5 members)", (1, 10, 100), _report_setup, _report_run),
    ScalingPath("matrix-labels", "idea", (5, 50, 500), _labels_setup, _labels_run),
    ScalingPath("diagram-svg", "page", (200, 2_000, 20_000), _diagram_setup, _diagram_run),
    ScalingPath("diagram-png-page", "page", (200, 2_000, 20_000), _page_setup, _page_run),
]


# --------------------------------------------------------------------------- measuring


def measure(path: ScalingPath, runs: int = 3) -> list[Measured]:
    """Median CPU seconds of ``runs`` runs of ``path`` at each of its sizes."""
    out = []
    for size in path.sizes:
        state, units = path.setup(size)
        start = time.process_time()
        path.run(state)  # warm: imports and fonts are not what grows
        first = time.process_time() - start
        # a short run is repeated in batches of about 0.3 s, so the clock's grain and a
        # busy machine's hiccups do not decide the smallest size's cost
        batch = max(1, round(0.3 / max(first, 1e-3)))
        times = []
        for _ in range(runs):
            start = time.process_time()
            for _ in range(batch):
                path.run(state)
            times.append((time.process_time() - start) / batch)
        out.append(Measured(size, units, statistics.median(times)))
    return out


def verdict(measured: list[Measured]) -> tuple[float, bool]:
    growth = measured[-1].per_unit / measured[0].per_unit
    return growth, growth <= GROWTH_LIMIT


def report_goal(steps: int = 2_000, members: int = 500, ideas: int = 300) -> float:
    """CPU seconds of ``cocreate report`` (a whole process) on the issue's workshop."""
    from bench.gen import big_voting_workshop, long_process_workshop
    from cocreate import storage

    folder = Path(tempfile.mkdtemp(prefix="cocreate-goal-"))
    process = storage.load(long_process_workshop(folder / "process", steps))
    voting = storage.load(big_voting_workshop(folder / "voting", members, ideas))
    workshop = voting.edit(lanes=process.lanes, steps=process.steps, flows=process.flows,
                           settings=process.settings, meta=process.meta,
                           members=(*process.members, *voting.members))  # fmt: skip
    storage.save(folder / "big", workshop)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    cocreate = Path(sys.executable).with_name("cocreate")
    subprocess.run([str(cocreate), "report", str(folder / "big"), "-o", str(folder / "out"),
                    "-q"], check=True, stdout=subprocess.DEVNULL)  # fmt: skip
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", help="paths to run (default: all)")
    parser.add_argument("--quick", action="store_true", help="one run a size, no goal")
    args = parser.parse_args(argv)
    chosen = [p for p in REGISTRY if not args.paths or p.name in args.paths]
    ok = True
    for path in chosen:
        measured = measure(path, runs=1 if args.quick else 3)
        growth, met = verdict(measured)
        ok &= met
        print(f"{path.name}  (cost per {path.unit})")
        for m in measured:
            print(f"  size {m.size:>7,}  units {m.units:>8,.0f}  {m.seconds * 1000:10.1f} ms"
                  f"  {m.per_unit * 1000:9.3f} ms/unit")  # fmt: skip
        print(f"  growth x1 -> x100: {growth:.2f}x (limit {GROWTH_LIMIT}x)  "
              f"{'MET' if met else 'MISSED'}")  # fmt: skip
    if not args.quick and (not args.paths or "goal" in args.paths):
        seconds = report_goal()
        met = seconds < 20
        ok &= met
        print(f"report of 2,000 steps, 500 members, 300 ideas: {seconds:.1f} CPU s"
              f" (goal < 20 s)  {'MET' if met else 'MISSED'}")  # fmt: skip
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
