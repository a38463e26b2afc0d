"""The tally of the vote: per idea, effect and effort statistics, dots, hours saved, rank.

Definitions (also in ``docs/prioritize.md``):

* **effect**, **effort**: the median of the members' ratings (1..5); ``effect_mean``
  and ``effort_mean`` their means; ``effect_iqr`` and ``effort_iqr`` the interquartile
  range, Q3 − Q1 with linear interpolation, numpy's and pandas' default (0 with one
  rater). They are computed from counts of each score, in one pass over the ratings.
* **raters**: how many members rated the idea; **dots**: all dots placed on it.
* **hours_saved**: staff hours a year the idea saves on its own, from
  :func:`cocreate.process.tobe.hours_saved_by_idea` (annual volume × minutes ×
  reduction ÷ 60 over the steps it names); 0 when it names no step or no reduction.
* **quadrant**: effect is *high* when its median is at or above
  ``settings.quadrant_split`` (default 3.0, the midpoint of 1..5), effort likewise.
  High effect and low effort is a ``quick_win``, high and high a ``major_project``,
  low and low a ``fill_in``, low effect and high effort ``thankless``. An idea nobody
  rated has no quadrant (``None``).
* **rank**: 1 is best. Quadrant order (quick win, major project, fill-in, thankless,
  unrated), then more dots, then more hours saved, then the idea id for a stable order.
* **flags**: ``disagreement`` when the effect or effort IQR is at least
  ``settings.disagreement_iqr`` (default 2: the middle half of the group spans two or
  more points, so talk before trusting the median); ``solution-first`` when the idea
  answers no cause; ``unrated`` when no one rated it; ``no-estimate`` when it names no
  step, or neither a reduction nor the ``eliminate`` action, or the process cannot be
  analysed yet, so its hours saved cannot be estimated (and count as 0).

In anonymous mode (``voting.anonymous``) idea ids, which carry their author's member
id, are replaced by ``I<rank>``, so no output names a member.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cocreate.model import Workshop
from cocreate.text import neutralise

__all__ = [
    "FLAGS",
    "JSON_KEYS",
    "QUADRANTS",
    "IdeaTally",
    "Scores",
    "as_json",
    "csv_text",
    "quadrant_of",
    "tally",
    "write_csv",
]

#: The quadrants in rank order.
QUADRANTS = ("quick_win", "major_project", "fill_in", "thankless")
#: Every flag a row can carry.
FLAGS = ("disagreement", "solution-first", "unrated", "no-estimate")
#: Keys of :func:`as_json` objects and CSV columns, in order.
JSON_KEYS = (
    "rank",
    "id",
    "title",
    "quadrant",
    "effect",
    "effort",
    "effect_mean",
    "effort_mean",
    "effect_iqr",
    "effort_iqr",
    "raters",
    "dots",
    "hours_saved",
    "flags",
)


@dataclass(frozen=True, slots=True)
class IdeaTally:
    """One idea's line in the tally."""

    id: str
    title: str
    effect: float | None
    """Median effect rating; ``None`` when nobody rated the idea."""
    effort: float | None
    """Median effort rating; ``None`` when nobody rated the idea."""
    effect_mean: float | None
    effort_mean: float | None
    effect_iqr: float
    effort_iqr: float
    raters: int
    dots: int
    hours_saved: float
    quadrant: str | None
    """One of :data:`QUADRANTS`, or ``None`` when nobody rated the idea."""
    rank: int
    flags: tuple[str, ...] = ()


def quadrant_of(effect: float | None, effort: float | None, split: float = 3.0) -> str | None:
    """The quadrant of a point; a value exactly on ``split`` counts as high.

    >>> quadrant_of(4, 2), quadrant_of(4, 3), quadrant_of(2, 1), quadrant_of(2.5, 4)
    ('quick_win', 'major_project', 'fill_in', 'thankless')
    """
    if effect is None or effort is None:
        return None
    high_effect = effect >= split
    high_effort = effort >= split
    if high_effect:
        return "major_project" if high_effort else "quick_win"
    return "thankless" if high_effort else "fill_in"


def _hours_saved(workshop: Workshop) -> dict[str, float] | None:
    """Hours saved by each idea alone; None when the process cannot be analysed."""
    from cocreate.process.graph import ProcessError
    from cocreate.process.tobe import hours_saved_by_idea

    try:
        return hours_saved_by_idea(workshop)
    except ProcessError:
        # A process still being mapped (say, a loop with no way out) must not stop the
        # vote from being counted: every idea is then flagged no-estimate.
        return None


@dataclass(frozen=True, slots=True)
class Scores:
    """The ratings of one idea on one scale, as counts of each score.

    Scores are whole numbers on a five-point scale, so a few counts hold any number of
    raters, and the median, quartiles and mean come from them in one pass over the
    ratings: linear in the ballot, with no table of every rating in memory.
    """

    counts: dict[int, int]

    @property
    def raters(self) -> int:
        return sum(self.counts.values())

    def mean(self) -> float:
        return sum(score * n for score, n in self.counts.items()) / self.raters

    def quantile(self, q: float) -> float:
        """The q-quantile with linear interpolation between the two nearest ratings.

        The definition of numpy's and pandas' default (``method="linear"``): the value
        at position ``(n - 1) * q`` of the sorted ratings, interpolated between the
        ratings on either side.
        """
        position = (self.raters - 1) * q
        below = math.floor(position)
        low = self._score_at(below)
        if position == below:
            return float(low)
        high = self._score_at(below + 1)
        return low + (high - low) * (position - below)

    def _score_at(self, index: int) -> int:
        """The score at ``index`` (from 0) of the ratings in ascending order."""
        seen = 0
        for score in sorted(self.counts):
            seen += self.counts[score]
            if index < seen:
                return score
        raise IndexError(index)  # pragma: no cover - index is always below raters


def _scores(workshop: Workshop, known: set[str]) -> dict[str, tuple[Scores, Scores]]:
    """Effect and effort scores of each rated idea, counted in one pass over the ratings."""
    scores: dict[str, tuple[Scores, Scores]] = {}
    for rating in workshop.ratings:
        pair = scores.get(rating.idea)
        if pair is None:
            if rating.idea not in known:
                continue
            pair = scores[rating.idea] = (Scores({}), Scores({}))
        effect, effort = pair[0].counts, pair[1].counts
        effect[rating.effect] = effect.get(rating.effect, 0) + 1
        effort[rating.effort] = effort.get(rating.effort, 0) + 1
    return scores


def tally(workshop: Workshop, *, anonymise: bool | None = None) -> list[IdeaTally]:
    """Tally every idea of the workshop, best rank first.

    Linear in the number of ratings and dots: each is counted once.

    Parameters
    ----------
    workshop : the workshop with its ratings and dots.
    anonymise : replace idea ids by ``I<rank>``; ``None`` follows ``voting.anonymous``.
    """
    from cocreate.contribute import is_solution_first

    ideas = workshop.ideas
    if not ideas:
        return []
    scores = _scores(workshop, {idea.id for idea in ideas})
    dots: dict[str, int] = {}
    for dot in workshop.dots:
        dots[dot.idea] = dots.get(dot.idea, 0) + dot.count
    hours = _hours_saved(workshop)
    settings = workshop.settings

    drafts: list[dict[str, Any]] = []
    for idea in ideas:
        pair = scores.get(idea.id)
        if pair is None:
            effect = effort = effect_mean = effort_mean = None
            effect_iqr = effort_iqr = 0.0
            count = 0
        else:
            effect, effort = pair[0].quantile(0.5), pair[1].quantile(0.5)
            effect_mean, effort_mean = pair[0].mean(), pair[1].mean()
            effect_iqr = pair[0].quantile(0.75) - pair[0].quantile(0.25)
            effort_iqr = pair[1].quantile(0.75) - pair[1].quantile(0.25)
            count = pair[0].raters
        flags = []
        if max(effect_iqr, effort_iqr) >= settings.disagreement_iqr:
            flags.append("disagreement")
        if is_solution_first(idea):
            flags.append("solution-first")
        if not count:
            flags.append("unrated")
        if hours is None or not idea.steps or not (idea.reduction or idea.action == "eliminate"):
            flags.append("no-estimate")
        drafts.append(
            {
                "id": idea.id,
                "title": idea.title,
                "effect": effect,
                "effort": effort,
                "effect_mean": effect_mean,
                "effort_mean": effort_mean,
                "effect_iqr": effect_iqr,
                "effort_iqr": effort_iqr,
                "raters": count,
                "dots": dots.get(idea.id, 0),
                "hours_saved": float((hours or {}).get(idea.id, 0.0)),
                "quadrant": quadrant_of(effect, effort, settings.quadrant_split),
                "flags": tuple(flags),
            }
        )
    order = {name: i for i, name in enumerate(QUADRANTS)}
    drafts.sort(
        key=lambda d: (
            order.get(d["quadrant"], len(QUADRANTS)),
            -d["dots"],
            -d["hours_saved"],
            d["id"],
        )
    )
    hide = workshop.voting.anonymous if anonymise is None else anonymise
    rows = []
    for rank, draft in enumerate(drafts, start=1):
        if hide:
            draft["id"] = f"I{rank}"
        rows.append(IdeaTally(rank=rank, **draft))
    return rows


def as_json(rows: Iterable[IdeaTally]) -> list[dict[str, Any]]:
    """The rows as plain JSON-ready dicts with the keys of :data:`JSON_KEYS`.

    Means are rounded to 2 decimals and hours saved to 1; ``flags`` is a list.
    """
    out = []
    for row in rows:
        item = {name: getattr(row, name) for name in JSON_KEYS}
        for name in ("effect_mean", "effort_mean"):
            if item[name] is not None:
                item[name] = round(item[name], 2)
        item["hours_saved"] = round(item["hours_saved"], 1)
        item["flags"] = list(row.flags)
        out.append(item)
    return out


def csv_text(rows: Sequence[IdeaTally]) -> str:
    """The tally as CSV text (no BOM), every text cell neutralised."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(JSON_KEYS)
    for item in as_json(rows):
        item["flags"] = " ".join(item["flags"])
        writer.writerow([neutralise("" if item[key] is None else item[key]) for key in JSON_KEYS])
    return buffer.getvalue()


def write_csv(rows: Sequence[IdeaTally], path: str | Path) -> Path:
    """Write the tally as a CSV Excel opens correctly: UTF-8 with a BOM, CRLF, no formulas.

    The file is replaced atomically; on failure the old file is left as it was.
    """
    from cocreate.storage import atomic_write

    target = Path(path)
    atomic_write(target, "\ufeff" + csv_text(rows))
    return target
