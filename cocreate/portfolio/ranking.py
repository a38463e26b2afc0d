"""The tally of the vote on candidates: medians, dots, annual hours, quadrant and rank.

Definitions (also in ``docs/portfolio.md``):

* **effect**, **feasibility**: the median of the members' ratings (1..5), computed as the
  idea tally computes it (:class:`cocreate.prioritize.tally.Scores`: linear
  interpolation, numpy's default); **raters**: how many rated; **dots**: all dots on it;
* **hours**: the candidate's annual hours from the inventory
  (:func:`cocreate.portfolio.inventory.figures`), the size of its bubble on the matrix;
* **quadrant**: effect and feasibility are *high* at or above ``settings.quadrant_split``
  (default 3): high and high is ``priority`` (優先して選ぶ), high effect and low
  feasibility ``plan`` (計画して取り組む), low effect and high feasibility ``easy``
  (手軽だが効果小), low and low ``later`` (見送り候補); unrated has none;
* **rank**: quadrant order (priority, plan, easy, later, unrated), then more dots, then
  more annual hours, then the id;
* **disagreement**: the interquartile range of effect or feasibility is at least
  ``settings.disagreement_iqr``.

In anonymous mode the ids of members' proposals (which carry their member id) are
replaced by ``C<rank>``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypedDict

from cocreate.portfolio.inventory import figures
from cocreate.portfolio_model import Portfolio
from cocreate.prioritize.tally import Scores

__all__ = ["QUADRANTS", "CandidateTally", "quadrant_of", "tally"]

#: The quadrants in rank order.
QUADRANTS = ("priority", "plan", "easy", "later")


@dataclass(frozen=True, slots=True)
class CandidateTally:
    """One candidate's line in the tally."""

    id: str
    name: str
    owner: str
    effect: float | None
    feasibility: float | None
    raters: int
    dots: int
    hours: float | None
    quadrant: str | None
    rank: int
    disagreement: bool = False
    author: str = ""


class _Draft(TypedDict):
    """A candidate's tally before its rank is known (the fields of :class:`CandidateTally`)."""

    id: str
    name: str
    owner: str
    effect: float | None
    feasibility: float | None
    raters: int
    dots: int
    hours: float | None
    quadrant: str | None
    disagreement: bool
    author: str


def quadrant_of(effect: float | None, feasibility: float | None, split: float = 3.0) -> str | None:
    """The quadrant of a point; a value exactly on ``split`` counts as high.

    >>> quadrant_of(4, 4), quadrant_of(4, 2), quadrant_of(2, 5), quadrant_of(1, 1)
    ('priority', 'plan', 'easy', 'later')
    """
    if effect is None or feasibility is None:
        return None
    if effect >= split:
        return "priority" if feasibility >= split else "plan"
    return "easy" if feasibility >= split else "later"


def tally(portfolio: Portfolio, *, anonymise: bool | None = None) -> list[CandidateTally]:
    """Tally every candidate, best rank first (linear in the ratings and dots)."""
    known = {c.id for c in portfolio.candidates}
    scores: dict[str, tuple[Scores, Scores]] = {}
    for rating in portfolio.ratings:
        if rating.candidate not in known:
            continue
        pair = scores.setdefault(rating.candidate, (Scores({}), Scores({})))
        pair[0].counts[rating.effect] = pair[0].counts.get(rating.effect, 0) + 1
        pair[1].counts[rating.feasibility] = pair[1].counts.get(rating.feasibility, 0) + 1
    dots: dict[str, int] = {}
    for dot in portfolio.dots:
        dots[dot.candidate] = dots.get(dot.candidate, 0) + dot.count
    settings = portfolio.settings
    drafts: list[_Draft] = []
    for candidate in portfolio.candidates:
        scored = scores.get(candidate.id)
        if scored is None:
            effect = feasibility = None
            raters, spread = 0, 0.0
        else:
            effect, feasibility = scored[0].quantile(0.5), scored[1].quantile(0.5)
            raters = scored[0].raters
            spread = max(
                scored[0].quantile(0.75) - scored[0].quantile(0.25),
                scored[1].quantile(0.75) - scored[1].quantile(0.25),
            )
        drafts.append(
            {
                "id": candidate.id,
                "name": candidate.name,
                "owner": candidate.owner,
                "effect": effect,
                "feasibility": feasibility,
                "raters": raters,
                "dots": dots.get(candidate.id, 0),
                "hours": figures(candidate, settings).hours,
                "quadrant": quadrant_of(effect, feasibility, settings.quadrant_split),
                "disagreement": raters > 0 and spread >= settings.disagreement_iqr,
                "author": candidate.author,
            }
        )
    order: dict[str | None, int] = {name: i for i, name in enumerate(QUADRANTS)}
    drafts.sort(
        key=lambda d: (
            order.get(d["quadrant"], len(QUADRANTS)),
            -d["dots"],
            -(d["hours"] or 0.0),
            d["id"],
        )
    )
    hide = portfolio.voting.anonymous if anonymise is None else anonymise
    rows = []
    for rank, draft in enumerate(drafts, start=1):
        if hide:
            if draft["author"]:
                draft["id"] = f"C{rank}"
            draft["author"] = ""
        rows.append(CandidateTally(rank=rank, **draft))
    return rows
