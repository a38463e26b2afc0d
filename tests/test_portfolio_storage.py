"""The portfolio's files: round trips, compare-and-swap, members writing at once, bad files."""

from __future__ import annotations

import datetime as dt
import multiprocessing
from pathlib import Path

import pytest

from cocreate.errors import ConflictError, InputError
from cocreate.model import Medium, Member, Role
from cocreate.portfolio.inventory import add_candidate
from cocreate.portfolio.selection import add_criterion, decide, place_dots, propose, rate
from cocreate.portfolio_model import Candidate, LegalKind, Portfolio, PortfolioMeta, Routine
from cocreate.storage.portfolio import (
    create_portfolio,
    find_portfolio,
    load_portfolio,
    save_portfolio,
    update_portfolio,
    update_portfolio_member,
)

MEMBERS = (
    *(Member(f"m{i}", f"委員{i}") for i in range(8)),
    Member("fac", "進行役", Role.FACILITATOR),
)


def portfolio() -> Portfolio:
    p = Portfolio(PortfolioMeta("棚卸し", "〇〇市", "fac"), members=MEMBERS)
    p = add_criterion(p, "年間業務時間が大きい")
    p = add_candidate(
        p,
        Candidate(
            "c1", "住民票の写しの交付", purpose="住民のため", owner="市民課",
            bureaus=("市民課", "支所"), legal_kind=LegalKind.LAW, legal_basis="住民基本台帳法",
            normal_volume=3000, busy_volume=6000, busy_months=(3, 4), fte=4.5, minutes=6.0,
            routine=Routine.ROUTINE, media=(Medium.PAPER, Medium.COUNTER), digitisable=True,
            note="一行目\n二行目",
        ),
    )  # fmt: skip
    return add_candidate(p, Candidate("c2", "保育所入所申込", monthly=tuple(range(1, 13))))


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    target = tmp_path / "pf"
    create_portfolio(target, portfolio())
    return target


def test_round_trip_keeps_every_field(folder):
    loaded = load_portfolio(folder)
    assert loaded.inventory == portfolio().inventory
    assert loaded.criteria == portfolio().criteria
    assert loaded.members == MEMBERS
    text = (folder / "portfolio.toml").read_text(encoding="utf-8")
    assert "[[candidates]]" in text and 'legal_kind = "law"' in text
    assert "null" not in text and "outsourceable" not in text  # absent values are omitted


def test_members_file_round_trip(folder):
    def change(p, mine):
        p = p.with_contributions(mine)
        p = propose(p, "m1", Candidate("", "窓口の案内", created=dt.datetime(2026, 1, 1, 9)))
        p = rate(p, "m1", "c1", 5, 2)
        return place_dots(p, "m1", "m1.c1", 3).contributions_of("m1")

    update_portfolio_member(folder, "m1", change)
    loaded = load_portfolio(folder)
    assert [c.id for c in loaded.candidates] == ["c1", "c2", "m1.c1"]
    assert loaded.candidate("m1.c1").author == "m1"
    assert [(r.candidate, r.effect, r.feasibility) for r in loaded.ratings] == [("c1", 5, 2)]
    assert [(d.candidate, d.count) for d in loaded.dots] == [("m1.c1", 3)]


def test_save_refuses_a_stale_copy(folder):
    first = load_portfolio(folder)
    second = load_portfolio(folder)
    save_portfolio(folder, first.edit(meta=first.meta.edit(title="一回目")))
    with pytest.raises(ConflictError):
        save_portfolio(folder, second.edit(meta=second.meta.edit(title="二回目")))
    assert load_portfolio(folder).meta.title == "一回目"


def test_update_checks_what_it_saves(folder):
    with pytest.raises(InputError, match="unknown candidate"):
        update_portfolio(folder, lambda p: p.edit(decisions=(*p.decisions, _decision("c9"))))
    assert load_portfolio(folder).decisions == ()


def _decision(candidate: str):
    from cocreate.portfolio_model import SelectionDecision, SelectionOutcome

    return SelectionDecision(dt.date(2026, 1, 1), candidate, SelectionOutcome.CHOSEN, "理由")


C1 = '[[candidates]]\nid = "c1"\nname = "x"\n'


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[[candidates]]\nid = "c1"\n', "candidates[0].name: missing"),
        (f'{C1}fte = "a"\n', "candidates[0].fte: must be a number"),
        ("extra = 1\n", "extra: unknown field"),
        ('[[workshops]]\ncandidate = "c1"\nfolder = "w"\n', "workshops[0].candidate: unknown"),
        (f'{C1}[[workshops]]\ncandidate = "c1"\nfolder = "../w"\n', "must be a folder inside"),
    ],
)  # fmt: skip
def test_a_bad_portfolio_file_is_one_line_naming_the_field(tmp_path, text, message):
    head = 'schema_version = 1\n[meta]\ntitle = "t"\n'
    (tmp_path / "portfolio.toml").write_text(head + text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_portfolio(tmp_path)
    assert message in str(caught.value)
    assert str(caught.value).startswith(str(tmp_path / "portfolio.toml"))
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize(
    ("ballot", "message"),
    [
        ('[dots]\n"c1" = 4\n', "over the cap of 3"),
        ('[dots]\n"c1" = 3\n"c2" = 3\n', "over the budget of 5"),
        ('[dots]\n"c7" = 1\n', "unknown candidate 'c7'"),
        ('[ratings]\n"c1" = { effect = 6, feasibility = 1 }\n', "from 1 to 5"),
        ('[ratings]\n"c1" = { effect = 3 }\n', "feasibility: missing"),
    ],
)
def test_a_member_file_breaking_the_rules_is_refused(folder, ballot, message):
    path = folder / "members" / "m2.toml"
    path.write_text(f'schema_version = 1\nmember = "m2"\n\n{ballot}', encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_portfolio(folder)
    assert message in str(caught.value)
    assert str(path) in str(caught.value)


def test_find_portfolio_walks_up(folder):
    inner = folder / "workshops" / "a" / "b"
    inner.mkdir(parents=True)
    assert find_portfolio(inner) == folder.absolute()
    assert find_portfolio(folder.parent) is None


def _vote(folder: str, member: str, candidate: str) -> None:
    def change(p, mine):
        p = p.with_contributions(mine)
        return place_dots(rate(p, member, candidate, 4, 4), member, candidate, 2).contributions_of(
            member
        )

    update_portfolio_member(folder, member, change)


def test_members_voting_at_once_lose_nothing(folder):
    """Eight members in eight processes vote at the same moment: every ballot is kept."""
    context = multiprocessing.get_context("fork")
    jobs = [
        context.Process(target=_vote, args=(str(folder), f"m{i}", "c1" if i % 2 else "c2"))
        for i in range(8)
    ]
    for job in jobs:
        job.start()
    for job in jobs:
        job.join(60)
        assert job.exitcode == 0
    loaded = load_portfolio(folder)
    assert sorted(r.member for r in loaded.ratings) == [f"m{i}" for i in range(8)]
    assert sum(d.count for d in loaded.dots) == 16


def test_the_decision_log_keeps_reasons(folder):
    update_portfolio(
        folder, lambda p: decide(p, "c1", "chosen", "窓口の負担が大きい", owner="課長")
    )
    entry = load_portfolio(folder).decision_of("c1")
    assert entry.reason == "窓口の負担が大きい" and entry.owner == "課長"
