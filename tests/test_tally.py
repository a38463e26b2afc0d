"""The tally: statistics, hours saved, quadrants, ranks, flags, JSON and the Excel-safe CSV."""

from __future__ import annotations

import csv
import io
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cocreate import storage
from cocreate.model import (
    Cause,
    Dot,
    Flow,
    Idea,
    Lane,
    Member,
    MemberContributions,
    Meta,
    Problem,
    Rating,
    Role,
    Settings,
    Step,
    StepKind,
    Voting,
    Workshop,
)
from cocreate.prioritize.tally import (
    JSON_KEYS,
    QUADRANTS,
    as_json,
    csv_text,
    quadrant_of,
    tally,
    write_csv,
)
from cocreate.text import neutralise


def _ratings(member_scores: dict[str, tuple[int, int]], idea: str) -> dict[str, Rating]:
    return {m: Rating(m, idea, e, f) for m, (e, f) in member_scores.items()}


def hand_workshop(**voting) -> Workshop:
    """Four ideas, four raters; every expected number below is worked out by hand."""
    steps = (
        Step("s0", "start", "l", StepKind.START),
        Step("s1", "申請書を書く", "l", minutes=10, volume=1200),
        Step("s2", "確認する", "l", minutes=30, volume=100),
        Step("s9", "end", "l", StepKind.END),
    )
    flows = (Flow("s0", "s1"), Flow("s1", "s2"), Flow("s2", "s9"))
    ideas = {
        # A: one step, half its time: 1200 cases x 10 min x 0.5 / 60 = 100 h a year.
        "A": Idea("b.i1", "様式を減らす", "b", causes=("b.c1",), steps=("s1",), reduction=0.5),
        # B: 100 x 30 x 0.2 / 60 = 10 h; answers no cause.
        "B": Idea("c.i1", "=cmd|' /C calc'!A0", "c", steps=("s2",), reduction=0.2),
        # C: no step, so no estimate.
        "C": Idea("d.i1", "+相談窓口", "d", causes=("b.c1",)),
        # D: nobody rates it.
        "D": Idea("b.i2", "@掲示板", "b", causes=("b.c1",), steps=("s1",), reduction=0.1),
    }
    scores = {
        #        member: (effect, effort)
        "b.i1": {"a": (5, 1), "b": (4, 2), "c": (4, 2), "d": (2, 3)},
        "c.i1": {"a": (1, 3), "b": (5, 3), "c": (5, 3), "d": (1, 3)},
        "d.i1": {"a": (2, 4), "b": (2, 5)},
    }
    ratings: dict[str, list[Rating]] = {m: [] for m in "abcd"}
    for idea, by_member in scores.items():
        for member, rating in _ratings(by_member, idea).items():
            ratings[member].append(rating)
    dots = {
        "a": (),
        "b": (Dot("b", "b.i1", 2),),
        "c": (Dot("c", "b.i1", 1), Dot("c", "b.i2", 1)),
        "d": (Dot("d", "c.i1", 3),),
    }
    contributions = (
        MemberContributions("a", ratings=tuple(ratings["a"])),
        MemberContributions(
            "b",
            problems=(Problem("b.p1", "様式が多い", "b", steps=("s1",)),),
            causes=(Cause("b.c1", "b.p1", "局ごとに作った", "b"),),
            ideas=(ideas["A"], ideas["D"]),
            ratings=tuple(ratings["b"]),
            dots=dots["b"],
        ),
        MemberContributions("c", ideas=(ideas["B"],), ratings=tuple(ratings["c"]), dots=dots["c"]),
        MemberContributions("d", ideas=(ideas["C"],), ratings=tuple(ratings["d"]), dots=dots["d"]),
    )
    return Workshop(
        meta=Meta("手計算の例", facilitator="a"),
        settings=Settings(annual_cases=1200),
        voting=Voting(**voting),
        members=(
            Member("a", "A さん", Role.FACILITATOR),
            Member("b", "B さん"),
            Member("c", "C さん"),
            Member("d", "D さん"),
        ),
        lanes=(Lane("l", "係"),),
        steps=steps,
        flows=flows,
        contributions=contributions,
    )


def test_hand_workshop_is_valid() -> None:
    from cocreate import validate

    assert validate.errors(hand_workshop()) == []


def test_tally_on_a_hand_computed_example() -> None:
    rows = {row.id: row for row in tally(hand_workshop())}
    a, b, c, d = rows["b.i1"], rows["c.i1"], rows["d.i1"], rows["b.i2"]

    # A: effect 5,4,4,2 -> sorted 2,4,4,5: median 4, mean 3.75,
    #    Q1 = 2 + 0.75*(4-2) = 3.5, Q3 = 4 + 0.25*(5-4) = 4.25, IQR 0.75.
    #    effort 1,2,2,3: median 2, mean 2, Q1 1.75, Q3 2.25, IQR 0.5.
    assert (a.effect, a.effect_mean, a.effect_iqr) == (4.0, 3.75, 0.75)
    assert (a.effort, a.effort_mean, a.effort_iqr) == (2.0, 2.0, 0.5)
    assert (a.raters, a.dots) == (4, 3)
    assert a.hours_saved == pytest.approx(1200 * 10 * 0.5 / 60)  # 100 h
    assert a.quadrant == "quick_win" and a.flags == ()

    # B: effect 1,5,5,1 -> median 3 (on the split: high), Q1 1, Q3 5, IQR 4 >= 2.
    assert (b.effect, b.effect_iqr, b.effort, b.effort_iqr) == (3.0, 4.0, 3.0, 0.0)
    assert b.hours_saved == pytest.approx(100 * 30 * 0.2 / 60)  # 10 h
    assert b.quadrant == "major_project"
    assert b.flags == ("disagreement", "solution-first")
    assert b.dots == 3

    # C: effect 2,2; effort 4,5 -> median 4.5, Q1 4.25, Q3 4.75, IQR 0.5.
    assert (c.effect, c.effort, c.effort_iqr, c.raters) == (2.0, 4.5, 0.5, 2)
    assert c.quadrant == "thankless" and c.hours_saved == 0.0
    assert c.flags == ("no-estimate",)

    # D: unrated, one dot.
    assert (d.effect, d.effort, d.effect_mean, d.quadrant) == (None, None, None, None)
    assert (d.raters, d.dots) == (0, 1) and d.flags == ("unrated",)
    assert d.hours_saved == pytest.approx(1200 * 10 * 0.1 / 60)

    assert [r.id for r in tally(hand_workshop())] == ["b.i1", "c.i1", "d.i1", "b.i2"]
    assert [r.rank for r in tally(hand_workshop())] == [1, 2, 3, 4]


def test_disagreement_threshold_and_split_come_from_settings() -> None:
    ws = hand_workshop()
    wide = ws.edit(settings=ws.settings.edit(disagreement_iqr=4.5))
    assert "disagreement" not in {f for r in tally(wide) for f in r.flags}
    low_split = ws.edit(settings=ws.settings.edit(quadrant_split=2.0))
    rows = {r.id: r for r in tally(low_split)}
    assert rows["b.i1"].quadrant == "major_project"  # effort 2 is now "high"
    assert rows["d.i1"].quadrant == "major_project"  # effect 2 is now "high"


@pytest.mark.parametrize(
    ("effect", "effort", "split", "expected"),
    [
        (3, 2.9, 3, "quick_win"),
        (3, 3, 3, "major_project"),
        (2.9, 2.9, 3, "fill_in"),
        (2.5, 5, 3, "thankless"),
        (4, 4, 4.5, "fill_in"),
        (None, 3, 3, None),
    ],
)
def test_quadrant_boundaries(effect, effort, split, expected) -> None:
    assert quadrant_of(effect, effort, split) == expected


def test_rank_is_quadrant_then_dots_then_hours() -> None:
    ws = hand_workshop()
    # Give D (unrated) the same ratings as A and as many dots: it must rank right after A
    # on hours saved (20 h < 100 h), ahead of the major project.
    b = ws.contributions_of("b")
    ratings = (*b.ratings, Rating("b", "b.i2", 4, 2))
    ws = ws.with_contributions(
        b.edit(ratings=ratings, dots=(Dot("b", "b.i1", 2), Dot("b", "b.i2", 1)))
    )
    c = ws.contributions_of("c")
    ws = ws.with_contributions(c.edit(dots=(Dot("c", "b.i1", 1), Dot("c", "b.i2", 2))))
    rows = tally(ws)
    assert [(r.id, r.quadrant, r.dots) for r in rows[:2]] == [
        ("b.i1", "quick_win", 3),
        ("b.i2", "quick_win", 3),
    ]
    assert rows[0].hours_saved > rows[1].hours_saved
    assert rows[2].quadrant == "major_project"


def test_anonymous_mode_names_no_member() -> None:
    ws = hand_workshop(anonymous=True)
    rows = tally(ws)
    assert [r.id for r in rows] == ["I1", "I2", "I3", "I4"]
    text = json.dumps(as_json(rows), ensure_ascii=False) + csv_text(rows)
    for member in ws.members:
        assert f'"{member.id}.' not in text and member.name not in text
    assert tally(ws, anonymise=False)[0].id == "b.i1"


def test_as_json_has_the_issues_keys() -> None:
    items = as_json(tally(hand_workshop()))
    required = {
        "id",
        "title",
        "effect",
        "effort",
        "effect_iqr",
        "effort_iqr",
        "raters",
        "dots",
        "hours_saved",
        "quadrant",
        "rank",
        "flags",
    }
    assert all(required <= set(item) for item in items)
    assert {item["quadrant"] for item in items} <= {*QUADRANTS, None}
    assert items[1]["flags"] == ["disagreement", "solution-first"]
    json.dumps(items)  # plain data


def test_sample_tally() -> None:
    from tests.conftest import SAMPLE

    rows = tally(storage.load(SAMPLE))
    by_id = {r.id: r for r in rows}
    # watanabe.i1 names one step, s02: 2400 cases x 10 min x 0.8 / 60 = 320 h a year.
    assert by_id["watanabe.i1"].hours_saved == pytest.approx(2400 * 10 * 0.8 / 60)
    assert rows[0].quadrant == "quick_win"
    assert "solution-first" in by_id["tanaka.i2"].flags
    assert by_id["tanaka.i2"].quadrant == "thankless"


def test_a_process_that_cannot_be_analysed_still_tallies() -> None:
    ws = hand_workshop()
    # s2 -> s1 and no way out of the loop: the process cannot be analysed
    ws = ws.edit(flows=(Flow("s0", "s1"), Flow("s1", "s2"), Flow("s2", "s1")))
    rows = tally(ws)
    assert all(r.hours_saved == 0 and "no-estimate" in r.flags for r in rows)
    assert rows[0].id == "b.i1"


def test_no_ideas_gives_an_empty_tally() -> None:
    assert tally(Workshop(meta=Meta("空"))) == []


# --------------------------------------------------------------------------- CSV


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+81-3", "'+81-3"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("普通の文", "普通の文"),
        ("a=b", "a=b"),
        ("", ""),
        (-2, -2),
        (3.5, 3.5),
    ],
)
def test_neutralise(cell, expected) -> None:
    assert neutralise(cell) == expected


def test_csv_is_excel_safe_utf8_with_bom(tmp_path) -> None:
    path = write_csv(tally(hand_workshop()), tmp_path / "tally.csv")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert b"\r\n" in raw
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert tuple(rows[0]) == JSON_KEYS
    titles = {r[JSON_KEYS.index("id")]: r[JSON_KEYS.index("title")] for r in rows[1:]}
    assert titles["c.i1"] == "'=cmd|' /C calc'!A0"
    assert titles["d.i1"] == "'+相談窓口"
    assert titles["b.i2"] == "'@掲示板"
    assert titles["b.i1"] == "様式を減らす"
    flags = {r[1]: r[JSON_KEYS.index("flags")] for r in rows[1:]}
    assert flags["c.i1"] == "disagreement solution-first"
    # every text cell of every row is safe
    for row in rows[1:]:
        assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in row)
    assert not list(tmp_path.glob(".*.tmp"))  # written atomically, no temp left behind


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(["a.i1", "a.i2", "b.i1"]), st.integers(1, 5), st.integers(1, 5)),
        max_size=60,
    )
)
def test_the_statistics_are_pandas_own(ballots: list[tuple[str, int, int]]) -> None:
    """Counting scores gives what pandas' groupby gave, to the last bit."""
    import pandas as pd

    from cocreate.model import Idea, Member, MemberContributions, Meta, Rating, Workshop

    ideas = (Idea("a.i1", "一", "a"), Idea("a.i2", "二", "a"), Idea("b.i1", "三", "b"))
    contributions = [
        MemberContributions(f"m{n}", ratings=(Rating(f"m{n}", idea, effect, effort),))
        for n, (idea, effect, effort) in enumerate(ballots)
    ]
    workshop = Workshop(
        meta=Meta("t"),
        members=(Member("a", "A"), Member("b", "B")),
        contributions=(MemberContributions("a", ideas=ideas[:2]), *contributions,
                       MemberContributions("b", ideas=ideas[2:])),
    )  # fmt: skip
    frame = pd.DataFrame(ballots, columns=["idea", "effect", "effort"]).astype(
        {"effect": "float64", "effort": "float64"}
    )
    grouped = frame.groupby("idea")[["effect", "effort"]]
    median, mean = grouped.median(), grouped.mean()
    iqr = grouped.quantile(0.75) - grouped.quantile(0.25)
    for row in tally(workshop, anonymise=False):
        if row.id not in median.index:
            assert (row.raters, row.effect, row.effect_mean, row.effect_iqr) == (0, None, None, 0)
            continue
        for scale in ("effect", "effort"):
            assert getattr(row, scale) == median.loc[row.id, scale]
            assert getattr(row, f"{scale}_mean") == mean.loc[row.id, scale]
            assert getattr(row, f"{scale}_iqr") == iqr.loc[row.id, scale]
