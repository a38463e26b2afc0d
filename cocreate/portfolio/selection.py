"""The members' choice of what to review: criteria, proposals, ratings, dots and the decision log.

The vote on candidates keeps the rules of the vote on ideas, from the same functions
(:mod:`cocreate.prioritize.voting`): each member has ``voting.dots_per_member`` dots and
may put at most ``voting.cap_per_idea`` on one candidate; ratings of *effect* (how much
reviewing the process would bring) and *feasibility* (how readily it can be changed)
are whole numbers 1..5; once the facilitator closes voting nothing more is accepted; a
member sees the tally only after the close; the close seals every ballot so a late one
is found; volunteers who have not voted are listed (facilitators and managers abstain).

A member's proposals, ratings and dots are in their own file; the facilitator's criteria,
inventory and decision log in ``portfolio.toml``. Every function is pure.
"""

from __future__ import annotations

import datetime as dt

from cocreate.errors import InputError, RuleError
from cocreate.model import new_id
from cocreate.portfolio_model import (
    Candidate,
    CandidateDot,
    CandidateRating,
    Portfolio,
    PortfolioContributions,
    SelectionCriterion,
    SelectionDecision,
    SelectionOutcome,
)
from cocreate.prioritize import voting as rules
from cocreate.text import one_line

__all__ = [
    "add_criterion",
    "ballot_of",
    "can_see_tally",
    "chosen",
    "close_voting",
    "configure_voting",
    "decide",
    "dots_left",
    "late_ballots",
    "not_voted",
    "open_voting",
    "place_dots",
    "propose",
    "rate",
    "remove_criterion",
]


def _member(portfolio: Portfolio, member: str) -> None:
    if portfolio.member(member) is None:
        raise InputError(None, f"unknown member {member!r}")


def _candidate(portfolio: Portfolio, candidate: str) -> None:
    if portfolio.candidate(candidate) is None:
        raise InputError(None, f"unknown candidate {candidate!r}")


# --------------------------------------------------------------------------- criteria


def add_criterion(portfolio: Portfolio, text: str, note: str = "") -> Portfolio:
    """Add a selection criterion (選定基準) every member sees."""
    text = one_line(text)
    if not text:
        raise InputError(None, "a criterion needs a text")
    criterion_id = new_id("k", (c.id for c in portfolio.criteria))
    criterion = SelectionCriterion(criterion_id, text, note)
    return portfolio.edit(criteria=(*portfolio.criteria, criterion))


def remove_criterion(portfolio: Portfolio, criterion_id: str) -> Portfolio:
    if not any(c.id == criterion_id for c in portfolio.criteria):
        raise InputError(None, f"unknown criterion {criterion_id!r}")
    return portfolio.edit(criteria=tuple(c for c in portfolio.criteria if c.id != criterion_id))


# --------------------------------------------------------------------------- proposals


def propose(portfolio: Portfolio, member: str, candidate: Candidate) -> Portfolio:
    """A member proposes a process to review; it goes in their own file as ``<member>.cN``."""
    _member(portfolio, member)
    name = one_line(candidate.name)
    if not name:
        raise InputError(None, "a candidate needs a name")
    mine = portfolio.contributions_of(member)
    candidate_id = new_id(f"{member}.c", (c.id for c in portfolio.candidates))
    created = candidate.created or dt.datetime.now().astimezone().replace(microsecond=0)
    item = candidate.edit(id=candidate_id, name=name, author=member, created=created)
    return portfolio.with_contributions(mine.edit(candidates=(*mine.candidates, item)))


# --------------------------------------------------------------------------- the vote


def rate(
    portfolio: Portfolio, member: str, candidate: str, effect: int, feasibility: int
) -> Portfolio:
    """Set ``member``'s rating of ``candidate`` (a second one replaces the first)."""
    _member(portfolio, member)
    _candidate(portfolio, candidate)
    rules.check_score(effect, "effect")
    rules.check_score(feasibility, "feasibility")
    rules.check_open(portfolio.voting)
    mine = portfolio.contributions_of(member)
    others = tuple(r for r in mine.ratings if r.candidate != candidate)
    rating = CandidateRating(member, candidate, effect, feasibility)
    return portfolio.with_contributions(mine.edit(ratings=(*others, rating)))


def dots_left(portfolio: Portfolio, member: str) -> int:
    spent = sum(max(d.count, 0) for d in portfolio.contributions_of(member).dots)
    return max(portfolio.voting.dots_per_member - spent, 0)


def place_dots(portfolio: Portfolio, member: str, candidate: str, count: int) -> Portfolio:
    """Set how many of ``member``'s dots sit on ``candidate`` (0 takes them back)."""
    _member(portfolio, member)
    _candidate(portfolio, candidate)
    mine = portfolio.contributions_of(member)
    elsewhere = sum(max(d.count, 0) for d in mine.dots if d.candidate != candidate)
    rules.check_dots(portfolio.voting, member, candidate, count, elsewhere, noun="candidate")
    dots = [d for d in mine.dots if d.candidate != candidate]
    if count:
        position = next((i for i, d in enumerate(mine.dots) if d.candidate == candidate), len(dots))
        dots.insert(position, CandidateDot(member, candidate, count))
    return portfolio.with_contributions(mine.edit(dots=tuple(dots)))


def ballot_of(contribution: PortfolioContributions) -> str:
    """The fingerprint of one member's ballot on candidates."""
    return rules.ballot_fingerprint(
        ((r.candidate, r.effect, r.feasibility) for r in contribution.ratings),
        ((d.candidate, d.count) for d in contribution.dots),
    )


def close_voting(portfolio: Portfolio, *, now: dt.datetime | None = None) -> Portfolio:
    """Close the vote: nothing more is accepted, members may see the tally, ballots sealed."""
    ballots = {
        c.member: ballot_of(c)
        for c in portfolio.contributions
        if c.ratings or any(d.count for d in c.dots)
    }
    return portfolio.edit(voting=rules.sealed_voting(portfolio.voting, ballots, now=now))


def configure_voting(
    portfolio: Portfolio, *, dots_per_member: int | None = None, cap_per_idea: int | None = None
) -> Portfolio:
    """Change the budget of dots or the cap per candidate (None leaves it).

    The rule is the workshop's (:func:`cocreate.prioritize.voting.configured_voting`):
    neither goes below what a member has already placed.
    """
    voting = rules.configured_voting(
        portfolio.voting,
        [(c.member, d.count) for c in portfolio.contributions for d in c.dots],
        dots_per_member=dots_per_member,
        cap_per_idea=cap_per_idea,
        noun="candidate",
    )
    return portfolio.edit(voting=voting)


def open_voting(portfolio: Portfolio) -> Portfolio:
    voting = portfolio.voting.edit(closed=False, closed_at=None, sealed=())
    return portfolio.edit(voting=voting)


def late_ballots(portfolio: Portfolio) -> list[str]:
    """Members whose ballot changed after the close (a merge, a stale session)."""
    ballots = {c.member: ballot_of(c) for c in portfolio.contributions}
    return rules.unsealed_ballots(portfolio.voting, ballots)


def can_see_tally(portfolio: Portfolio, member_id: str | None) -> bool:
    return rules.tally_visible(
        portfolio.voting, portfolio.members, portfolio.meta.facilitator, member_id
    )


def not_voted(portfolio: Portfolio) -> list[str]:
    """Volunteers who have neither rated a candidate nor placed a dot."""
    voted = {r.member for r in portfolio.ratings} | {d.member for d in portfolio.dots if d.count}
    return rules.volunteers_not_voted(portfolio.members, voted)


# --------------------------------------------------------------------------- the decision log


def decide(
    portfolio: Portfolio,
    candidate: str,
    outcome: SelectionOutcome | str,
    reason: str,
    *,
    owner: str = "",
    date: dt.date | None = None,
) -> Portfolio:
    """Record that a candidate was chosen, deferred or rejected, and why (the decision log).

    A reason is required: the log exists so that members can see why.
    """
    _candidate(portfolio, candidate)
    try:
        outcome = SelectionOutcome(outcome)
    except ValueError:
        choices = ", ".join(o.value for o in SelectionOutcome)
        raise InputError(None, f"unknown outcome {outcome!r}; expected one of {choices}") from None
    if not reason.strip():
        raise InputError(None, "say why: the decision log keeps the reason for the members")
    if outcome != SelectionOutcome.CHOSEN and portfolio.link_of(candidate) is not None:
        raise RuleError(f"{candidate!r} already has a workshop; stop it there instead")
    entry = SelectionDecision(
        date=date or dt.date.today(),
        candidate=candidate,
        outcome=outcome,
        reason=reason.strip(),
        owner=one_line(owner),
    )
    return portfolio.edit(decisions=(*portfolio.decisions, entry))


def chosen(portfolio: Portfolio) -> tuple[str, ...]:
    """The candidates whose latest decision is *chosen*, in inventory order."""
    return tuple(
        c.id
        for c in portfolio.candidates
        if (d := portfolio.decision_of(c.id)) is not None and d.outcome == SelectionOutcome.CHOSEN
    )
