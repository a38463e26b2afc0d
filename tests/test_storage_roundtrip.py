"""load(save(x)) == x for any workshop, including Japanese, full-width text and odd characters."""

from __future__ import annotations

import datetime as dt
import string
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cocreate import model, storage
from cocreate.model import (
    Action,
    Cause,
    CauseCategory,
    Communication,
    Decision,
    Dot,
    Flow,
    Idea,
    Kpi,
    Lane,
    Medium,
    Member,
    MemberContributions,
    Meta,
    Milestone,
    Phase,
    Pilot,
    Problem,
    Rating,
    Risk,
    Role,
    Settings,
    Step,
    StepKind,
    TeamMember,
    Voting,
    Workshop,
)
from tests.conftest import examples

TOO_SLOW = HealthCheck.too_slow

# Text as participants type it: Japanese, full-width forms, quotes, backslashes,
# zero-width characters, emoji, and plain ASCII; in multi-line texts line breaks and tabs
# too. Control characters are refused on save and load (tests/test_text_fields.py).
JAPANESE = "あいうえお漢字業務改善「」、。・ー～！？（）＄＝＋　ｶﾀｶﾅ①㈱"
TRICKY = [*"\"'\\\u200b\ufeff\u2028$=+-@#[]{}", "😀", "é"]
printable = st.characters(codec="utf-8", exclude_categories=("Cc", "Cs"))
text = st.text(
    alphabet=st.one_of(st.sampled_from(list(JAPANESE)), st.sampled_from(TRICKY), printable),
    max_size=40,
)
para = st.text(
    alphabet=st.one_of(
        st.sampled_from(list(JAPANESE)), st.sampled_from([*TRICKY, "\n", "\r", "\t"]), printable
    ),
    max_size=40,
)
nonempty = st.text(alphabet=st.sampled_from(list(JAPANESE)), min_size=1, max_size=20)
ident = st.from_regex(r"\A[A-Za-z0-9][A-Za-z0-9_.\-]{0,20}\Z")
member_id = st.from_regex(r"\A[a-z][a-z0-9]{0,10}\Z")
number = st.floats(allow_nan=False, allow_infinity=False, width=64)
small_int = st.integers(min_value=-(2**53), max_value=2**53)
offsets = st.integers(min_value=-14 * 60, max_value=14 * 60).map(
    lambda m: dt.timezone(dt.timedelta(minutes=m))
)
when = st.one_of(
    st.none(),
    st.datetimes(min_value=dt.datetime(1, 1, 2), max_value=dt.datetime(9999, 12, 30)),
    st.builds(
        lambda d, tz: d.replace(tzinfo=tz),
        st.datetimes(min_value=dt.datetime(2, 1, 1), max_value=dt.datetime(9998, 12, 31)),
        offsets,
    ),
)
day = st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31))
ids = st.lists(ident, max_size=3).map(tuple)


def _contribution(member: str) -> st.SearchStrategy[MemberContributions]:
    author = st.just(member)
    return st.builds(
        MemberContributions,
        member=st.just(member),
        problems=st.lists(
            st.builds(
                Problem, id=ident, text=para, author=author, steps=ids, category=text, created=when
            ),
            max_size=2,
        ).map(tuple),
        causes=st.lists(
            st.builds(
                Cause,
                id=ident,
                problem=ident,
                text=para,
                author=author,
                parent=st.none() | ident,
                category=st.none() | st.sampled_from(CauseCategory),
                created=when,
            ),
            max_size=2,
        ).map(tuple),
        ideas=st.lists(
            st.builds(
                Idea,
                id=ident,
                title=text,
                author=author,
                description=para,
                causes=ids,
                steps=ids,
                action=st.none() | st.sampled_from(Action),
                reduction=number,
                effort_days=st.none() | number,
                cost=st.none() | number,
                created=when,
            ),
            max_size=2,
        ).map(tuple),
        ratings=st.dictionaries(ident, st.tuples(small_int, small_int), max_size=3).map(
            lambda d: tuple(Rating(member, k, a, b) for k, (a, b) in d.items())
        ),
        dots=st.dictionaries(ident, small_int, max_size=3).map(
            lambda d: tuple(Dot(member, k, v) for k, v in d.items())
        ),
    )


contributions = st.lists(member_id, unique=True, max_size=3).flatmap(
    lambda members: st.tuples(*[_contribution(m) for m in sorted(members)])
)

workshops = st.builds(
    Workshop,
    meta=st.builds(
        Meta,
        title=nonempty,
        organisation=text,
        business_area=text,
        facilitator=text,
        dates=st.lists(day, max_size=3).map(tuple),
        phase=st.sampled_from(Phase),
        background=para,
    ),
    settings=st.builds(
        Settings,
        annual_hours_per_person=number,
        hourly_cost=number,
        currency=text,
        annual_cases=st.none() | small_int,
        quadrant_split=number,
        disagreement_iqr=number,
        language=text,
    ),
    voting=st.builds(
        Voting,
        dots_per_member=small_int,
        cap_per_idea=small_int,
        closed=st.booleans(),
        anonymous=st.booleans(),
    ),
    members=st.lists(
        st.builds(Member, id=ident, name=text, role=st.sampled_from(Role), email=text), max_size=3
    ).map(tuple),
    lanes=st.lists(st.builds(Lane, id=ident, name=text), max_size=3).map(tuple),
    steps=st.lists(
        st.builds(
            Step,
            id=ident,
            name=text,
            lane=ident,
            kind=st.sampled_from(StepKind),
            minutes=number,
            volume=st.none() | small_int,
            wait_minutes=number,
            medium=st.sampled_from(Medium),
            notes=para,
        ),
        max_size=3,
    ).map(tuple),
    flows=st.lists(
        st.builds(Flow, source=ident, target=ident, label=text, share=st.none() | number),
        max_size=3,
    ).map(tuple),
    pilot=st.builds(
        Pilot,
        title=text,
        purpose=para,
        ideas=ids,
        scope_unit=text,
        scope_steps=ids,
        start=st.none() | day,
        weeks=st.none() | small_int,
        owner=text,
        team=st.lists(st.builds(TeamMember, member=text, role=text), max_size=2).map(tuple),
        communication=st.builds(
            Communication, channel=text, shared=para, audience=text, meetings=para
        ),
        kpis=st.lists(
            st.builds(
                Kpi,
                id=ident,
                name=text,
                metric=text,
                baseline=st.none() | number,
                target=st.none() | number,
                unit=text,
                measured_by=text,
                lower_is_better=st.booleans(),
            ),
            max_size=2,
        ).map(tuple),
        risks=st.lists(st.builds(Risk, text=para, mitigation=para), max_size=2).map(tuple),
        rollout_criteria=st.lists(text, max_size=2).map(tuple),
        milestones=st.lists(st.builds(Milestone, date=day, text=text), max_size=2).map(tuple),
    ),
    decisions=st.lists(st.builds(Decision, date=day, text=para, owner=text), max_size=2).map(tuple),
    sources=st.lists(text, max_size=2).map(tuple),
    contributions=contributions,
)


@examples(40, 150)
def test_load_of_save_is_identity(max_examples: int) -> None:
    @settings(max_examples=max_examples, deadline=None, suppress_health_check=[TOO_SLOW])
    @given(workshops)
    def check(workshop: Workshop) -> None:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / "ws"
            storage.save(folder, workshop)
            loaded = storage.load(folder, validate=False)
        expected = workshop.edit(
            contributions=tuple(c for c in workshop.contributions if not c.is_empty())
        )
        assert loaded == expected

    check()


def test_round_trip_of_the_sample_is_identity(sample: Path) -> None:
    workshop = storage.load(sample)
    again = storage.save(sample, workshop)
    assert storage.load(sample) == workshop
    assert again.revision == workshop.revision + 1


def test_a_save_leaves_no_temp_file_and_bumps_the_revision(sample: Path) -> None:
    before = storage.load(sample)
    storage.save_workshop(sample, before)
    names = [p.name for p in sample.rglob("*")]
    assert not [n for n in names if n.endswith(".tmp")]
    assert storage.load(sample).revision == before.revision + 1


def test_text_survives_exactly_as_written(tmp_path: Path) -> None:
    title = 'ﾊﾝｶｸ　全角スペース"引用" \\ backslash\u200b $5 vs $7 =SUM(A1)'
    background = '一行目\r\n二行目\tタブ\n\n"""三行目"""'
    ws = Workshop(meta=Meta(title=title, background=background))
    storage.create(tmp_path / "ws", ws)
    meta = storage.load(tmp_path / "ws", validate=False).meta
    assert (meta.title, meta.background) == (title, background)


# Any text at all, line breaks, NUL and the rest included: the validator decides.
any_text = st.text(
    alphabet=st.one_of(
        st.sampled_from([*"\n\r\t\x00\x0b\x85\u2028 ./-_", *string.ascii_letters[:6]]),
        st.characters(codec="utf-8"),
    ),
    max_size=70,
)
candidate_ids = st.one_of(
    any_text,
    # the shape of a valid id, plus what re.match with "$" used to let through
    st.from_regex(r"[A-Za-z0-9][A-Za-z0-9_.\-]{0,63}$", fullmatch=False),
    st.builds(lambda a, b: a + b, ident, st.sampled_from(["\n", "\r\n", " ", "\x00", ""])),
)


@examples(75, 300)
def test_every_id_the_validator_accepts_round_trips_through_save_and_load(
    max_examples: int,
) -> None:
    @settings(max_examples=max_examples, deadline=None, suppress_health_check=[TOO_SLOW])
    @given(candidate_ids)
    def check(raw: str) -> None:
        from cocreate import integrity

        member = "m1"
        idea = Idea(id=f"{member}.{raw}", title="案", author=member, steps=(raw,))
        workshop = Workshop(
            meta=Meta(title="t"),
            members=(Member(member, "メンバー"),),
            lanes=(Lane(raw, "課"),),
            steps=(Step(raw, "工程", raw),),
            contributions=(
                MemberContributions(
                    member, ideas=(idea,), ratings=(Rating(member, idea.id, 3, 4),)
                ),
            ),
        )
        accepted = not [f for f in integrity.errors(workshop) if f.code == "bad-id"]
        valid = model.ID_PATTERN.fullmatch
        assert accepted == bool(valid(raw) and valid(idea.id))
        if not accepted:
            return
        with tempfile.TemporaryDirectory() as tmp:
            storage.save(Path(tmp), workshop)
            assert storage.load(Path(tmp)) == workshop

    check()


@examples(50, 200)
def test_a_ballot_key_is_saved_escaped_or_not_at_all(max_examples: int) -> None:
    @settings(max_examples=max_examples, deadline=None, suppress_health_check=[TOO_SLOW])
    @given(candidate_ids)
    def check(raw: str) -> None:
        from cocreate.errors import SaveError

        contribution = MemberContributions(
            "m1", ratings=(Rating("m1", raw, 3, 4),), dots=(Dot("m1", raw, 1),)
        )
        ws = Workshop(meta=Meta(title="t"), contributions=(contribution,))
        with tempfile.TemporaryDirectory() as tmp:
            try:
                storage.save(Path(tmp), ws)
            except SaveError:
                assert not model.ID_PATTERN.fullmatch(raw)
                assert not list(Path(tmp).rglob("m1.toml"))
                return
            # whatever was written loads again, key for key
            assert storage.load(Path(tmp), validate=False).contributions == (contribution,)

    check()


def test_printable_ascii_keys_round_trip_in_ratings(tmp_path: Path) -> None:
    alphabet = string.ascii_letters + string.digits + "_.-"
    first, second = "a" + alphabet[:40], "0" + alphabet[40:]
    contribution = MemberContributions(
        "m1", ratings=(Rating("m1", first, 3, 4),), dots=(Dot("m1", second, 2),)
    )
    ws = Workshop(meta=Meta(title="t"), contributions=(contribution,))
    storage.save(tmp_path, ws)
    assert storage.load(tmp_path, validate=False).contributions == (contribution,)


def test_new_id_never_reuses_a_number() -> None:
    assert model.new_id("sato.p", ["sato.p1", "sato.p7", "suzuki.p9"]) == "sato.p8"
    assert model.new_id("sato.c", []) == "sato.c1"
