"""Shared benchmark machinery: interleaved runs of a subject and its baseline, ratios.

Machines here are noisy, so a benchmark never compares against a number from another
day: it measures the subject and a baseline in the same run, alternating them so that
both see the same noise, and reports the ratio of their medians with min and max.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

__all__ = ["ROOT", "Result", "compare", "print_result"]


@dataclass(frozen=True)
class Result:
    name: str
    subject: list[float]
    baseline: list[float]
    goal: float | None
    limit_seconds: float | None = None
    note: str = ""
    verdict: bool | None = None
    """Set where the goal is not a ratio (P5's p95 in milliseconds)."""

    @property
    def ratio(self) -> float:
        return statistics.median(self.subject) / statistics.median(self.baseline)

    @property
    def met(self) -> bool:
        if self.verdict is not None:
            return self.verdict
        ok = self.goal is None or self.ratio <= self.goal
        if self.limit_seconds is not None:
            ok = ok and statistics.median(self.subject) < self.limit_seconds
        return ok


def compare(
    name: str,
    subject: Callable[[], float | None],
    baseline: Callable[[], float | None],
    *,
    runs: int = 7,
    goal: float | None = None,
    limit_seconds: float | None = None,
    warmup: int = 1,
    note: str = "",
) -> Result:
    """Time ``subject`` and ``baseline`` alternately ``runs`` times each.

    A callable may return its own measured seconds (for work timed inside a child
    process); otherwise its wall time is used.
    """

    def timed(fn: Callable[[], float | None]) -> float:
        start = time.perf_counter()
        inner = fn()
        elapsed = time.perf_counter() - start
        return inner if inner is not None else elapsed

    for _ in range(warmup):
        timed(baseline)
        timed(subject)
    subject_times: list[float] = []
    baseline_times: list[float] = []
    for i in range(runs):
        # alternate which goes first, so neither always runs on a warmer machine
        order = ((baseline, baseline_times), (subject, subject_times))
        for fn, times in order if i % 2 == 0 else reversed(order):
            times.append(timed(fn))
    result = Result(name, subject_times, baseline_times, goal, limit_seconds, note)
    print_result(result)
    return result


def _fmt(times: list[float]) -> str:
    return (
        f"median {statistics.median(times) * 1000:8.1f} ms"
        f"  (min {min(times) * 1000:.1f}, max {max(times) * 1000:.1f}, n={len(times)})"
    )


def print_result(result: Result) -> None:
    goal = f"goal <= {result.goal:.2f}x" if result.goal is not None else "no ratio goal"
    if result.limit_seconds is not None:
        goal += f" and < {result.limit_seconds:g} s"
    verdict = "MET" if result.met else "MISSED"
    print(f"{result.name}")
    print(f"  subject   {_fmt(result.subject)}")
    print(f"  baseline  {_fmt(result.baseline)}")
    print(f"  ratio     {result.ratio:.2f}x   {goal}   {verdict}")
    if result.note:
        print(f"  note      {result.note}")
    sys.stdout.flush()
