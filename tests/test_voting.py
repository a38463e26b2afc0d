"""The voting rules: ratings, dots within budget and cap, open and closed, who may see."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cocreate import storage, validate
from cocreate.errors import InputError, RuleError
from cocreate.model import Dot
from cocreate.prioritize import voting
from cocreate.prioritize.voting import (
    can_see_tally,
    close_voting,
    configure_voting,
    dots_left,
    dots_spent,
    not_voted,
    open_voting,
    place_dots,
    rate,
)
from tests.conftest import SAMPLE

SAMPLE_WS = storage.load(SAMPLE)
IDEAS = [i.id for i in SAMPLE_WS.ideas]
MEMBERS = [m.id for m in SAMPLE_WS.members]


@pytest.fixture
def ws():
    return SAMPLE_WS


def test_rate_sets_and_replaces(ws) -> None:
    changed = rate(ws, "yoshida", "kato.i1", 4, 2)
    changed = rate(changed, "yoshida", "kato.i1", 5, 1)
    mine = [r for r in changed.ratings if r.member == "yoshida"]
    assert [(r.idea, r.effect, r.effort) for r in mine] == [("kato.i1", 5, 1)]
    assert "yoshida" not in not_voted(changed)


@pytest.mark.parametrize(
    ("effect", "effort"), [(0, 3), (6, 3), (3, 0), (3, 6), (True, 3), (2.5, 3)]
)
def test_rate_refuses_scores_off_the_scale(ws, effect, effort) -> None:
    with pytest.raises(InputError, match="1 to 5"):
        rate(ws, "yoshida", "kato.i1", effect, effort)


def test_rate_refuses_unknown_member_and_idea(ws) -> None:
    with pytest.raises(InputError, match="unknown member"):
        rate(ws, "ghost", "kato.i1", 3, 3)
    with pytest.raises(InputError, match="unknown idea"):
        rate(ws, "yoshida", "kato.i9", 3, 3)


def test_dots_budget_and_cap(ws) -> None:
    assert dots_spent(ws, "sato") == 5 and dots_left(ws, "sato") == 0
    assert dots_left(ws, "yoshida") == 5
    changed = place_dots(ws, "yoshida", "kato.i1", 3)
    changed = place_dots(changed, "yoshida", "ito.i1", 2)
    assert dots_left(changed, "yoshida") == 0
    with pytest.raises(RuleError, match=r"at most 0 can go on tanaka\.i1"):
        place_dots(changed, "yoshida", "tanaka.i1", 1)
    with pytest.raises(RuleError, match="over the cap of 3"):
        place_dots(ws, "yoshida", "kato.i1", 4)
    # moving dots: lowering one idea frees them for another
    changed = place_dots(changed, "yoshida", "kato.i1", 1)
    changed = place_dots(changed, "yoshida", "tanaka.i1", 2)
    assert {d.idea: d.count for d in changed.contributions_of("yoshida").dots} == {
        "kato.i1": 1,
        "ito.i1": 2,
        "tanaka.i1": 2,
    }
    # zero takes them back
    changed = place_dots(changed, "yoshida", "ito.i1", 0)
    assert "ito.i1" not in {d.idea for d in changed.dots if d.member == "yoshida"}
    with pytest.raises(InputError, match="0 or more"):
        place_dots(ws, "yoshida", "kato.i1", -1)


def test_closed_voting_refuses_everything_and_reopens(ws) -> None:
    closed = close_voting(ws)
    with pytest.raises(RuleError, match="voting is closed"):
        rate(closed, "yoshida", "kato.i1", 3, 3)
    with pytest.raises(RuleError, match="voting is closed"):
        place_dots(closed, "yoshida", "kato.i1", 1)
    assert rate(open_voting(closed), "yoshida", "kato.i1", 3, 3)


def test_who_sees_the_tally(ws) -> None:
    assert ws.voting.closed is False
    assert can_see_tally(ws, None)  # the facilitator running the folder
    assert can_see_tally(ws, "sato")  # the facilitator by id
    assert not can_see_tally(ws, "suzuki")
    assert not can_see_tally(ws, "kobayashi")  # a manager waits like everyone else
    assert can_see_tally(close_voting(ws), "suzuki")
    with pytest.raises(InputError):
        can_see_tally(ws, "ghost")


def test_not_voted_reuses_validate_and_lets_the_facilitator_abstain(ws) -> None:
    assert not_voted(ws) == validate.members_not_voted(ws) == ["kato", "yoshida"]
    members = {c.member: c for c in ws.contributions}
    without_sato = ws.with_contributions(members["sato"].edit(ratings=(), dots=()))
    assert "sato" not in not_voted(without_sato)  # the facilitator may abstain
    without_suzuki = ws.with_contributions(members["suzuki"].edit(ratings=(), dots=()))
    assert "suzuki" in not_voted(without_suzuki)


def test_configure_voting_refuses_to_invalidate_cast_dots(ws) -> None:
    with pytest.raises(RuleError, match="already placed 5"):
        configure_voting(ws, dots_per_member=4)
    with pytest.raises(RuleError, match="already put 3"):
        configure_voting(ws, cap_per_idea=2)
    changed = configure_voting(ws, dots_per_member=8, cap_per_idea=4, anonymous=True)
    assert (changed.voting.dots_per_member, changed.voting.cap_per_idea) == (8, 4)
    assert changed.voting.anonymous


# --------------------------------------------------------------------------- properties

ballot = st.lists(
    st.tuples(st.sampled_from(MEMBERS), st.sampled_from(IDEAS), st.integers(-1, 6)),
    max_size=40,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ballot=ballot, budget=st.integers(0, 7), cap=st.integers(1, 4))
def test_random_ballots_never_exceed_budget_or_cap(ballot, budget, cap) -> None:
    ws = SAMPLE_WS
    # Start every member from no dots, with the rules drawn for this example.
    for contribution in ws.contributions:
        ws = ws.with_contributions(contribution.edit(dots=()))
    ws = ws.edit(voting=ws.voting.edit(dots_per_member=budget, cap_per_idea=cap))
    for member, idea, count in ballot:
        try:
            ws = place_dots(ws, member, idea, count)
        except (RuleError, InputError):
            continue
    for member in MEMBERS:
        mine = ws.contributions_of(member).dots
        assert sum(d.count for d in mine) <= budget
        assert all(0 < d.count <= cap for d in mine)
        assert len({d.idea for d in mine}) == len(mine)  # one entry per idea
    assert [f for f in validate.errors(ws) if f.code in ("over-cap", "over-budget")] == []


actions = st.lists(
    st.one_of(
        st.tuples(
            st.just("dot"), st.sampled_from(MEMBERS), st.sampled_from(IDEAS), st.integers(0, 3)
        ),
        st.tuples(
            st.just("rate"),
            st.sampled_from(MEMBERS),
            st.sampled_from(IDEAS),
            st.tuples(st.integers(1, 5), st.integers(1, 5)),
        ),
    ),
    min_size=1,
    max_size=25,
)


@settings(max_examples=60, deadline=None)
@given(before=actions, after=actions)
def test_closing_freezes_everything(before, after) -> None:
    def play(ws, moves):
        for kind, member, idea, value in moves:
            try:
                if kind == "dot":
                    ws = place_dots(ws, member, idea, value)
                else:
                    ws = rate(ws, member, idea, *value)
            except RuleError as exc:
                if ws.voting.closed:
                    assert "voting is closed" in str(exc)
        return ws

    ws = close_voting(play(SAMPLE_WS, before))
    frozen = (ws.ratings, ws.dots)
    for kind, member, idea, value in after:
        with pytest.raises(RuleError, match="voting is closed"):
            if kind == "dot":
                place_dots(ws, member, idea, value)
            else:
                rate(ws, member, idea, *value)
    assert (play(ws, after).ratings, play(ws, after).dots) == frozen


def test_closing_seals_the_ballots_and_a_later_change_is_reported(sample: Path) -> None:
    import datetime as dt

    from cocreate import review

    ws = storage.load(sample)
    closed = voting.close_voting(ws, now=dt.datetime(2026, 12, 1, 17, 0, 30, 500))
    # a naive clock is taken as local time and saved with its offset
    assert closed.voting.closed_at == dt.datetime(2026, 12, 1, 17, 0, 30).astimezone()
    assert closed.voting.closed_at.utcoffset() is not None
    voters = {c.member for c in ws.contributions if c.ratings or any(d.count for d in c.dots)}
    assert {s.member for s in closed.voting.sealed} == voters
    assert voting.late_ballots(closed) == []
    # a dot that came in by a way the rules cannot stop (a merge, a stale session)
    kato = closed.contributions_of("kato")
    late = closed.with_contributions(kato.edit(dots=(*kato.dots, Dot("kato", "suzuki.i1", 1))))
    assert voting.late_ballots(late) == ["kato"]
    found = [f for f in review.warnings(late) if f.code == "voted-after-close"]
    assert [(f.file, f.subject) for f in found] == [("members/kato.toml", "kato")]
    assert "changed after voting closed (2026-12-01 17:00)" in found[0].message
    # the same ballot in another order is the same ballot
    tanaka = closed.contributions_of("tanaka")
    shuffled = tanaka.edit(ratings=tuple(reversed(tanaka.ratings)))
    assert voting.late_ballots(closed.with_contributions(shuffled)) == []
    reopened = voting.open_voting(late)
    assert (reopened.voting.closed_at, reopened.voting.sealed) == (None, ())
    assert voting.late_ballots(reopened) == []


def test_a_close_by_an_older_cocreate_has_nothing_to_compare(sample: Path) -> None:
    ws = storage.load(sample)
    legacy = ws.edit(voting=ws.voting.edit(closed=True))
    assert voting.late_ballots(legacy) == []


def test_the_seals_survive_a_save_and_load(sample: Path) -> None:
    ws = voting.close_voting(storage.load(sample))
    storage.save(sample, ws)
    loaded = storage.load(sample)
    assert loaded.voting == ws.voting
    assert voting.late_ballots(loaded) == []


# --------------------------------------------------------------------------- anonymous lists

ANONYMOUS = voting.configure_voting(SAMPLE_WS, anonymous=True)


def test_an_anonymous_list_is_not_one_member_file_after_another() -> None:
    for items in (ANONYMOUS.problems, ANONYMOUS.causes, ANONYMOUS.ideas):
        authors = [item.author for item in items]
        assert authors == sorted(authors)  # the workshop's own order groups by author
        seen = [item.author for item in voting.shown_order(ANONYMOUS, "kato", items)]
        assert sorted(seen) == authors and seen != authors


def test_an_anonymous_list_keeps_its_order_whichever_items_are_listed() -> None:
    everyone = voting.shown_order(ANONYMOUS, "kato", ANONYMOUS.problems)
    some = [p for p in reversed(ANONYMOUS.problems) if p.author in {"suzuki", "tanaka", "kato"}]
    assert voting.shown_order(ANONYMOUS, "kato", some) == [p for p in everyone if p in some]
    assert voting.shown_order(ANONYMOUS, "ito", ANONYMOUS.problems) == everyone


def test_the_labels_follow_the_anonymous_order() -> None:
    shown = voting.shown_ids(ANONYMOUS, "kato")
    order = voting.shown_order(ANONYMOUS, "kato", ANONYMOUS.ideas)
    assert [shown.get(i.id, i.id) for i in order if i.author != "kato"] == [
        f"I{n}" for n, i in enumerate(order, start=1) if i.author != "kato"
    ]


def test_the_order_is_made_of_the_creation_time_too() -> None:
    # Not of the id alone, which a member could guess (ito.p1, ito.p2…) and sort again.
    problems = ANONYMOUS.problems
    later = [p.edit(created=p.created.replace(year=2030)) for p in problems]
    ids = [p.id for p in voting.shown_order(ANONYMOUS, "kato", problems)]
    assert [p.id for p in voting.shown_order(ANONYMOUS, "kato", later)] != ids


def test_the_facilitator_and_an_open_ballot_list_in_the_workshops_order() -> None:
    assert voting.shown_order(ANONYMOUS, None, ANONYMOUS.problems) == list(ANONYMOUS.problems)
    facilitator = ANONYMOUS.meta.facilitator
    assert voting.shown_order(ANONYMOUS, facilitator, ANONYMOUS.ideas) == list(ANONYMOUS.ideas)
    assert voting.shown_order(SAMPLE_WS, "kato", SAMPLE_WS.ideas) == list(SAMPLE_WS.ideas)
