"""The members' vote on candidates keeps the voting rules of ideas; the tally ranks them."""

from __future__ import annotations

import datetime as dt

import pytest

from cocreate.errors import InputError, RuleError
from cocreate.model import Member, Role, Voting
from cocreate.portfolio.ranking import quadrant_of, tally
from cocreate.portfolio.selection import (
    can_see_tally,
    chosen,
    close_voting,
    configure_voting,
    decide,
    dots_left,
    late_ballots,
    not_voted,
    open_voting,
    place_dots,
    propose,
    rate,
)
from cocreate.portfolio_model import Candidate, Portfolio, PortfolioMeta


@pytest.fixture
def pf() -> Portfolio:
    return Portfolio(
        PortfolioMeta("t", facilitator="fac"),
        voting=Voting(dots_per_member=4, cap_per_idea=2),
        members=(
            Member("fac", "進行役", Role.FACILITATOR),
            Member("boss", "課長", Role.MANAGER),
            Member("a", "A"),
            Member("b", "B"),
        ),
        inventory=(
            Candidate("c1", "小さい業務", annual_volume=100, minutes=6),
            Candidate("c2", "大きい業務", fte=2.0),
            Candidate("c3", "未評価の業務"),
        ),
    )


def test_dots_keep_the_cap_and_the_budget(pf):
    pf = place_dots(pf, "a", "c1", 2)
    with pytest.raises(RuleError, match="over the cap of 2 per candidate"):
        place_dots(pf, "a", "c2", 3)
    pf = place_dots(pf, "a", "c2", 2)
    assert dots_left(pf, "a") == 0
    with pytest.raises(RuleError, match="at most 0 can go on c3"):
        place_dots(pf, "a", "c3", 1)
    pf = place_dots(pf, "a", "c1", 0)  # taking dots back frees them
    assert dots_left(pf, "a") == 2
    assert [(d.candidate, d.count) for d in pf.dots] == [("c2", 2)]


def test_the_budget_and_the_cap_never_go_below_the_dots_placed(pf):
    pf = place_dots(place_dots(pf, "a", "c1", 2), "a", "c2", 1)
    with pytest.raises(RuleError, match="already placed 3 dots"):
        configure_voting(pf, dots_per_member=2)
    with pytest.raises(RuleError, match="already put 2 dots on one candidate"):
        configure_voting(pf, cap_per_idea=1)
    with pytest.raises(InputError, match="cap per candidate must be at least 1"):
        configure_voting(pf, cap_per_idea=0)
    changed = configure_voting(pf, dots_per_member=3, cap_per_idea=2)
    assert (changed.voting.dots_per_member, changed.voting.cap_per_idea) == (3, 2)
    assert configure_voting(pf) == pf


def test_ratings_are_on_the_scale_and_replace_each_other(pf):
    with pytest.raises(InputError, match="feasibility must be a whole number from 1 to 5"):
        rate(pf, "a", "c1", 3, 6)
    with pytest.raises(InputError, match="unknown candidate"):
        rate(pf, "a", "c9", 3, 3)
    with pytest.raises(InputError, match="unknown member"):
        rate(pf, "z", "c1", 3, 3)
    pf = rate(rate(pf, "a", "c1", 2, 2), "a", "c1", 5, 4)
    assert [(r.effect, r.feasibility) for r in pf.ratings] == [(5, 4)]


def test_nothing_is_accepted_after_the_close(pf):
    pf = close_voting(rate(pf, "a", "c1", 4, 4), now=dt.datetime(2026, 10, 1, 17, 0))
    with pytest.raises(RuleError, match="voting is closed"):
        rate(pf, "b", "c1", 3, 3)
    with pytest.raises(RuleError, match="voting is closed"):
        place_dots(pf, "b", "c1", 1)
    reopened = rate(open_voting(pf), "b", "c1", 3, 3)
    assert len(reopened.ratings) == 2


def test_the_tally_is_hidden_from_members_until_the_close(pf):
    assert can_see_tally(pf, None) and can_see_tally(pf, "fac")
    assert not can_see_tally(pf, "a")
    assert can_see_tally(close_voting(pf), "a")


def test_who_has_not_voted_lists_volunteers_only(pf):
    assert not_voted(pf) == ["a", "b"]
    assert not_voted(place_dots(pf, "b", "c2", 1)) == ["a"]


def test_a_ballot_changed_after_the_close_is_late(pf):
    pf = close_voting(rate(pf, "a", "c1", 4, 4))
    assert late_ballots(pf) == []
    # A ballot merged in after the close (another branch, a stale session)
    changed = pf.with_contributions(pf.contributions_of("a").edit(ratings=()))
    assert late_ballots(changed) == ["a"]


def test_proposals_go_in_the_members_own_file_with_their_prefix(pf):
    pf = propose(pf, "b", Candidate("", "  窓口の\n案内  "))
    pf = propose(pf, "b", Candidate("", "電話の取次"))
    mine = pf.contributions_of("b")
    assert [c.id for c in mine.candidates] == ["b.c1", "b.c2"]
    assert mine.candidates[0].name == "窓口の 案内" and mine.candidates[0].author == "b"
    assert pf.inventory == pf.inventory[:3]


def test_tally_ranks_by_quadrant_then_dots_then_hours(pf):
    pf = rate(rate(pf, "a", "c1", 4, 4), "b", "c1", 5, 5)  # priority
    pf = rate(rate(pf, "a", "c2", 4, 4), "b", "c2", 4, 4)  # priority, larger
    pf = place_dots(place_dots(pf, "a", "c1", 2), "b", "c1", 1)
    rows = tally(pf)
    assert [r.id for r in rows] == ["c1", "c2", "c3"]
    assert (rows[0].effect, rows[0].feasibility, rows[0].dots, rows[0].raters) == (4.5, 4.5, 3, 2)
    assert rows[1].hours == pytest.approx(2.0 * 1860)
    assert rows[2].quadrant is None and rows[2].effect is None
    pf = place_dots(pf, "b", "c1", 0)
    pf = place_dots(pf, "b", "c2", 2)  # now c2 has more dots
    assert [r.id for r in tally(pf)][:2] == ["c2", "c1"]


def test_disagreement_is_flagged(pf):
    pf = rate(rate(pf, "a", "c1", 1, 3), "b", "c1", 5, 3)
    assert tally(pf)[0].disagreement


def test_quadrants_split_at_three():
    assert quadrant_of(3, 3) == "priority"
    assert quadrant_of(2.5, 3) == "easy"
    assert quadrant_of(3, 2.9) == "plan"
    assert quadrant_of(None, 3) is None


def test_anonymous_tally_names_no_member(pf):
    pf = propose(pf, "a", Candidate("", "案"))
    pf = pf.edit(voting=pf.voting.edit(anonymous=True))
    rows = tally(pf)
    assert all(not r.id.startswith("a.") and not r.author for r in rows)


def test_decisions_need_a_reason_and_the_latest_counts(pf):
    with pytest.raises(InputError, match="say why"):
        decide(pf, "c1", "chosen", "  ")
    with pytest.raises(InputError, match="unknown outcome"):
        decide(pf, "c1", "maybe", "x")
    pf = decide(pf, "c1", "deferred", "今年は見送る", date=dt.date(2026, 1, 1))
    pf = decide(pf, "c1", "chosen", "予算がついた", date=dt.date(2026, 4, 1))
    assert chosen(pf) == ("c1",)
    assert pf.decision_of("c1").reason == "予算がついた"


def test_the_workshop_vote_is_unchanged():
    """The rules moved into shared functions: the workshop's own vote still refuses the same."""
    from cocreate.model import Idea, MemberContributions, Meta, Workshop
    from cocreate.prioritize import voting

    idea = Idea("a.i1", "案", "a")
    ws = Workshop(
        Meta("t"),
        voting=Voting(dots_per_member=3, cap_per_idea=2),
        members=(Member("a", "A"),),
        contributions=(MemberContributions("a", ideas=(idea,)),),
    )
    with pytest.raises(RuleError, match="over the cap of 2 per idea"):
        voting.place_dots(ws, "a", "a.i1", 3)
    closed = voting.close_voting(voting.rate(ws, "a", "a.i1", 4, 2))
    assert voting.late_ballots(closed) == []
    assert closed.voting.sealed[0].ballot == voting.ballot_digest(closed.contributions[0])
