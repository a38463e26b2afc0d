"""The voting rules: ratings of effect and effort, dots, and when voting is open.

* Each member has ``voting.dots_per_member`` dots (default 5) and may put at most
  ``voting.cap_per_idea`` (default 3) on one idea.
* Ratings are whole numbers 1..5 for effect and for effort.
* Once the facilitator closes voting, every new rating and dot is refused (RuleError)
  until it is opened again; what was cast stays as it was.
* The facilitator (and a manager) may abstain: :func:`not_voted` lists volunteers only.
* Members see tallies only once voting is closed (:func:`can_see_tally`); the
  facilitator always may. This is a courtesy the app and the CLI keep, not access
  control: anyone who can read the folder can read the files.
* In anonymous mode no output ties a vote to a member: the tally, the matrix and their
  exports use ``I<rank>`` (see :mod:`cocreate.prioritize.tally`), and who has not voted
  is a count everywhere (``voting status``, ``cocreate check``, the Vote pane, the room
  page). A member's own views (``join``, the member web page) also show others'
  problems, causes and ideas without their author and by neutral ids
  (:func:`shown_ids`): an id begins with its author's member id. They list them in an
  order that says nothing of the author either (:func:`shown_order`): the workshop's
  own order is one member file after another. The facilitator's views keep
  contributions named and in order: they follow up on them.

Every function is pure: it takes the workshop first and returns a new one. The rules
themselves (:func:`check_open`, :func:`check_score`, :func:`check_dots`,
:func:`configured_voting`, :func:`sealed_voting`, :func:`unsealed_ballots`,
:func:`tally_visible`, :func:`volunteers_not_voted`, :func:`ballot_fingerprint`) take the
:class:`~cocreate.model.Voting` and plain ballots, so the portfolio's vote on candidates
(:mod:`cocreate.portfolio.selection`) keeps exactly the same rules.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Mapping, Sequence
from typing import TypeVar

from cocreate.errors import InputError, RuleError
from cocreate.model import (
    Cause,
    Dot,
    Idea,
    Member,
    MemberContributions,
    Problem,
    Rating,
    Role,
    Seal,
    Voting,
    Workshop,
)

__all__ = [
    "SCALE",
    "ballot_digest",
    "ballot_fingerprint",
    "can_see_tally",
    "check_ballots_kept",
    "check_dots",
    "check_open",
    "check_score",
    "close_voting",
    "configure_voting",
    "configured_voting",
    "dots_left",
    "dots_spent",
    "hides_authors",
    "late_ballots",
    "members_not_voted",
    "not_voted",
    "open_voting",
    "place_dots",
    "rate",
    "sealed_voting",
    "shown_ids",
    "shown_order",
    "tally_visible",
    "unsealed_ballots",
    "volunteers_not_voted",
]

#: The rating scale for effect and effort.
SCALE = range(1, 6)


def _check_member(workshop: Workshop, member: str) -> None:
    if workshop.member(member) is None:
        raise InputError(None, f"unknown member {member!r}").keyed(
            "error.voting.unknown_member", member=member
        )


def _check_idea(workshop: Workshop, idea: str) -> None:
    if workshop.idea(idea) is None:
        raise InputError(None, f"unknown idea {idea!r}").keyed("error.idea.unknown", idea=idea)


# --------------------------------------------------------------------------- the rules


def check_open(voting: Voting) -> None:
    """Refuse (RuleError) a rating or a dot once voting is closed."""
    if voting.closed:
        raise RuleError(
            "voting is closed: no more ratings or dots (the facilitator can reopen it)"
        ).keyed("error.voting.closed")


def check_score(value: int, what: str) -> int:
    """``value`` if it is a whole number on the 1..5 scale, else InputError."""
    if isinstance(value, bool) or not isinstance(value, int) or value not in SCALE:
        raise InputError(None, f"{what} must be a whole number from 1 to 5, not {value!r}").keyed(
            "error.voting.scale", field=f"error.field.{what}", value=value
        )
    return value


def check_dots(
    voting: Voting, member: str, item: str, count: int, elsewhere: int, *, noun: str = "idea"
) -> None:
    """Refuse ``count`` dots of ``member`` on ``item`` when over the cap or the budget.

    ``elsewhere`` is how many of the member's dots sit on other items; ``noun`` is what
    the refusal calls an item.
    """
    if isinstance(count, bool) or not isinstance(count, int) or count < 0:
        raise InputError(None, f"dots must be a whole number of 0 or more, not {count!r}").keyed(
            "error.voting.dots_negative", value=count
        )
    check_open(voting)
    if count > voting.cap_per_idea:
        raise RuleError(
            f"{count} dots on one {noun} is over the cap of {voting.cap_per_idea} per {noun}"
        ).keyed("error.voting.cap", count=count, cap=voting.cap_per_idea)
    if elsewhere + count > voting.dots_per_member:
        left = max(voting.dots_per_member - elsewhere, 0)
        raise RuleError(
            f"{member} has {voting.dots_per_member} dots and {elsewhere} are on other"
            f" {noun}s: at most {left} can go on {item}"
        ).keyed(
            "error.voting.budget",
            member=member,
            budget=voting.dots_per_member,
            elsewhere=elsewhere,
            left=left,
            idea=item,
        )


def ballot_fingerprint(
    ratings: Iterable[tuple[str, int, int]], dots: Iterable[tuple[str, int]]
) -> str:
    """A fingerprint of one ballot: (item, score, score) ratings and (item, count) dots."""
    text = repr((sorted(ratings), sorted(d for d in dots if d[1]))).encode("utf-8")
    return hashlib.blake2b(text, digest_size=8).hexdigest()


def sealed_voting(
    voting: Voting, ballots: Mapping[str, str], *, now: dt.datetime | None = None
) -> Voting:
    """``voting`` closed now, with a seal of each member's ballot fingerprint."""
    moment = now or dt.datetime.now()
    if moment.tzinfo is None:  # always saved with its UTC offset, as a local time
        moment = moment.astimezone()
    moment = moment.replace(microsecond=0)
    seals = tuple(Seal(member, digest) for member, digest in ballots.items())
    return voting.edit(closed=True, closed_at=moment, sealed=seals)


def unsealed_ballots(voting: Voting, ballots: Mapping[str, str]) -> list[str]:
    """Members whose ballot fingerprint is not the one sealed when voting closed.

    Empty while voting is open and for a close with no time (an older cocreate's).
    """
    if not voting.closed or voting.closed_at is None:
        return []
    sealed = {s.member: s.ballot for s in voting.sealed}
    empty = ballot_fingerprint((), ())
    return [m for m, digest in ballots.items() if digest != sealed.get(m, empty)]


def tally_visible(
    voting: Voting, members: Iterable[Member], facilitator: str, member_id: str | None
) -> bool:
    """Whether ``member_id`` may see the tally now (None is the facilitator's own view)."""
    if voting.closed or member_id is None:
        return True
    member = next((m for m in members if m.id == member_id), None)
    if member is None:
        raise InputError(None, f"unknown member {member_id!r}")
    return member.role == Role.FACILITATOR or member_id == facilitator


def volunteers_not_voted(members: Iterable[Member], voted: set[str]) -> list[str]:
    """Volunteers not in ``voted`` (facilitators and managers may abstain)."""
    return [m.id for m in members if m.role == Role.VOLUNTEER and m.id not in voted]


# --------------------------------------------------------------------------- a workshop's vote


def _check_open(workshop: Workshop) -> None:
    check_open(workshop.voting)


def _score(value: int, what: str) -> int:
    return check_score(value, what)


def rate(workshop: Workshop, member: str, idea: str, effect: int, effort: int) -> Workshop:
    """Set ``member``'s rating of ``idea``: effect and effort, each 1..5.

    A second rating of the same idea replaces the first. Refused once voting is closed.
    """
    _check_member(workshop, member)
    _check_idea(workshop, idea)
    _score(effect, "effect")
    _score(effort, "effort")
    _check_open(workshop)
    mine = workshop.contributions_of(member)
    others = tuple(r for r in mine.ratings if r.idea != idea)
    rating = Rating(member, idea, effect, effort)
    return workshop.with_contributions(mine.edit(ratings=(*others, rating)))


def dots_spent(workshop: Workshop, member: str) -> int:
    """How many dots ``member`` has placed in all."""
    return sum(max(d.count, 0) for d in workshop.contributions_of(member).dots)


def dots_left(workshop: Workshop, member: str) -> int:
    """How many of ``member``'s dots are still to place (never below 0)."""
    return max(workshop.voting.dots_per_member - dots_spent(workshop, member), 0)


def place_dots(workshop: Workshop, member: str, idea: str, count: int) -> Workshop:
    """Set how many of ``member``'s dots sit on ``idea`` (0 takes them all back).

    Refused with RuleError when voting is closed, when ``count`` is over the cap per
    idea, or when it would take the member over their budget of dots.
    """
    _check_member(workshop, member)
    _check_idea(workshop, idea)
    mine = workshop.contributions_of(member)
    elsewhere = sum(max(d.count, 0) for d in mine.dots if d.idea != idea)
    check_dots(workshop.voting, member, idea, count, elsewhere)
    dots = [d for d in mine.dots if d.idea != idea]
    if count:
        # Keep the idea's place in the file when its count changes.
        position = next((i for i, d in enumerate(mine.dots) if d.idea == idea), len(dots))
        dots.insert(position, Dot(member, idea, count))
    return workshop.with_contributions(mine.edit(dots=tuple(dots)))


def open_voting(workshop: Workshop) -> Workshop:
    """Open voting: ratings and dots are accepted again (the seals of the close go)."""
    return workshop.edit(voting=workshop.voting.edit(closed=False, closed_at=None, sealed=()))


def close_voting(workshop: Workshop, *, now: dt.datetime | None = None) -> Workshop:
    """Close voting: from now on ratings and dots are frozen and members see the tally.

    The close records its time and a fingerprint of each member's ballot as it stands
    (:func:`late_ballots` compares them later), so a vote that arrives after the close
    by a way the rules cannot stop (a merge of another git branch, a session that had
    not seen the close) is reported by ``cocreate check``.
    """
    ballots = {
        c.member: ballot_digest(c)
        for c in workshop.contributions
        if c.ratings or any(d.count for d in c.dots)
    }
    return workshop.edit(voting=sealed_voting(workshop.voting, ballots, now=now))


def check_ballots_kept(before: Workshop, after: Workshop) -> None:
    """Refuse a change to anyone's ratings or dots while voting is closed (an undo, a redo).

    Rating and placing dots refuse on their own; this is for changes that put back an
    earlier state wholesale, which must not reopen a closed ballot behind the tally.
    """
    if not after.voting.closed:
        return
    for member in sorted({c.member for c in (*before.contributions, *after.contributions)}):
        was, now = before.contributions_of(member), after.contributions_of(member)
        if ballot_digest(was) != ballot_digest(now):
            raise RuleError(
                f"voting is closed: {member}'s ballot can no longer change"
                " (the facilitator can reopen voting)"
            )


def ballot_digest(contribution: MemberContributions) -> str:
    """A fingerprint of one member's ballot: their ratings and dots, in any order."""
    return ballot_fingerprint(
        ((r.idea, r.effect, r.effort) for r in contribution.ratings),
        ((d.idea, d.count) for d in contribution.dots),
    )


def late_ballots(workshop: Workshop) -> list[str]:
    """Members whose ballot is not the one sealed when voting closed.

    Empty while voting is open, and for a close made by an older cocreate (no
    ``closed_at``): there is nothing to compare with.
    """
    ballots = {c.member: ballot_digest(c) for c in workshop.contributions}
    return unsealed_ballots(workshop.voting, ballots)


def configured_voting(
    voting: Voting,
    dots: Sequence[tuple[str, int]],
    *,
    dots_per_member: int | None = None,
    cap_per_idea: int | None = None,
    anonymous: bool | None = None,
    noun: str = "idea",
) -> Voting:
    """``voting`` with a new budget of dots, cap per item or anonymous mode (None leaves it).

    ``dots`` are the (member, count) of every dot placed. Lowering the budget or the cap
    below what members have already placed is refused, since it would make their files
    invalid; ``noun`` is what the refusal calls an item.
    """
    if dots_per_member is not None:
        if isinstance(dots_per_member, bool) or dots_per_member < 0:
            raise InputError(
                None, f"dots per member must be 0 or more, not {dots_per_member}"
            ).about("dots_per_member", "ui.refusal.negative", value=dots_per_member)
        placed: dict[str, int] = {}
        for member, count in dots:
            placed[member] = placed.get(member, 0) + max(count, 0)
        spent = max(placed.values(), default=0)
        if dots_per_member < spent:
            raise RuleError(
                f"a member has already placed {spent} dots; the budget cannot go below that"
            ).about("dots_per_member", "ui.refusal.budget_below_spent", spent=spent)
        voting = voting.edit(dots_per_member=dots_per_member)
    if cap_per_idea is not None:
        if isinstance(cap_per_idea, bool) or cap_per_idea < 1:
            raise InputError(
                None, f"the cap per {noun} must be at least 1, not {cap_per_idea}"
            ).about("cap_per_idea", "ui.refusal.at_least", value=cap_per_idea, least=1)
        most = max((count for _, count in dots), default=0)
        if cap_per_idea < most:
            raise RuleError(
                f"a member has already put {most} dots on one {noun}; the cap cannot go below that"
            )
        voting = voting.edit(cap_per_idea=cap_per_idea)
    if anonymous is not None:
        voting = voting.edit(anonymous=bool(anonymous))
    return voting


def configure_voting(
    workshop: Workshop,
    *,
    dots_per_member: int | None = None,
    cap_per_idea: int | None = None,
    anonymous: bool | None = None,
) -> Workshop:
    """Change the budget of dots, the cap per idea or anonymous mode (None leaves it).

    Lowering the budget or the cap below what members have already placed is refused,
    since it would make their files invalid (:func:`configured_voting`).
    """
    voting = configured_voting(
        workshop.voting,
        [(c.member, d.count) for c in workshop.contributions for d in c.dots],
        dots_per_member=dots_per_member,
        cap_per_idea=cap_per_idea,
        anonymous=anonymous,
    )
    return workshop.edit(voting=voting)


def can_see_tally(workshop: Workshop, member_id: str | None) -> bool:
    """Whether ``member_id`` may see the tally now.

    ``None`` is the facilitator's own view (the person running the workshop folder),
    as is the facilitator's id: always allowed. Everyone else only once voting is
    closed, so early results cannot sway the vote.
    """
    return tally_visible(workshop.voting, workshop.members, workshop.meta.facilitator, member_id)


def hides_authors(workshop: Workshop, viewer: str | None) -> bool:
    """Whether ``viewer`` sees others' contributions without their authors.

    True in anonymous mode for a member's own view; ``None`` (the facilitator's view) and
    the facilitator's id always see who wrote what.
    """
    if not workshop.voting.anonymous or viewer is None:
        return False
    member = workshop.member(viewer)
    return not (
        viewer == workshop.meta.facilitator
        or (member is not None and member.role == Role.FACILITATOR)
    )


_Item = TypeVar("_Item", bound=Problem | Cause | Idea)


def _place(item: Problem | Cause | Idea) -> bytes:
    """Where an item goes in an anonymous list: a hash of its id and creation time.

    Not the id alone, which a member can guess (``ito.p1``, ``ito.p2``…) and so sort
    again; the creation time of others' items is shown nowhere on a member's views.
    """
    created = item.created.isoformat() if item.created else ""
    return hashlib.blake2b(f"{item.id}\0{created}".encode(), digest_size=8).digest()


def shown_order(workshop: Workshop, viewer: str | None, items: Iterable[_Item]) -> list[_Item]:
    """``items`` in the order ``viewer`` sees them.

    The workshop holds contributions one member file after another, so a list in that
    order groups them by author, and the viewer's own items show whose files come
    before and after theirs. When :func:`hides_authors`, the items are in an order
    made from each one's id and creation time instead: the same at every view and
    whichever items are listed, and with nothing of the author in it. Otherwise the
    order is the workshop's.
    """
    if not hides_authors(workshop, viewer):
        return list(items)
    return sorted(items, key=_place)


def shown_ids(workshop: Workshop, viewer: str | None) -> dict[str, str]:
    """How ``viewer`` sees each contribution's id: itself, or a neutral one.

    When :func:`hides_authors`, others' problems, causes and ideas are ``P<n>``, ``C<n>``
    and ``I<n>``, numbered in :func:`shown_order` (so the same whichever are listed);
    the viewer's own keep their ids. An id missing from the result is shown as itself.
    """
    if not hides_authors(workshop, viewer):
        return {}
    shown: dict[str, str] = {}
    groups: tuple[tuple[str, Sequence[Problem | Cause | Idea]], ...] = (
        ("P", workshop.problems),
        ("C", workshop.causes),
        ("I", workshop.ideas),
    )
    for prefix, items in groups:
        for n, item in enumerate(shown_order(workshop, viewer, items), start=1):
            if item.author != viewer:
                shown[item.id] = f"{prefix}{n}"
    return shown


def members_not_voted(workshop: Workshop) -> list[str]:
    """Volunteers who have neither rated an idea nor spent a dot.

    Facilitators and managers may abstain, so they are never listed.
    """
    voted = {r.member for r in workshop.ratings} | {d.member for d in workshop.dots if d.count}
    return volunteers_not_voted(workshop.members, voted)


#: The same list under its older, shorter name.
not_voted = members_not_voted
