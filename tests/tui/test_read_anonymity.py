"""Anonymous voting in every view, ideas after the close, timestamps, refusals in Japanese."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from cocreate import contribute, storage
from cocreate.errors import RuleError
from cocreate.i18n import catalogue, error_text, t
from cocreate.prioritize import voting
from cocreate.tui.screens.forms import FormScreen
from tests.tui.conftest import build_app, settle


def _anonymous(folder: Path) -> None:
    storage.update_workshop(folder, lambda w: voting.configure_voting(w, anonymous=True))


def _cells(table, column: str) -> list[str]:
    return [str(table.get_cell(row, column)) for row in table.rows]


# ---------------------------------------------------------------- anonymity, view by view


def test_check_names_nobody_who_has_not_voted_when_anonymous(sample: Path, cli) -> None:
    waiting = voting.not_voted(storage.load(sample))
    assert waiting, "the sample has a volunteer who has not voted"
    named = cli("check", str(sample))
    assert f"member {waiting[0]!r} has not voted yet" in named.out + named.err
    _anonymous(sample)
    anonymous = cli("check", str(sample))
    text = anonymous.out + anonymous.err
    assert f"{len(waiting)} volunteer(s) have not voted yet" in text
    for member_id in waiting:
        assert member_id not in text


async def test_the_vote_pane_counts_who_has_not_voted_when_anonymous(sample: Path) -> None:
    _anonymous(sample)
    workshop = storage.load(sample)
    waiting = voting.not_voted(workshop)
    app = build_app(sample, lang="ja", phase="vote")
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        status = str(app.main.pane.status.render())
    assert t("ui.anon.not_voted", "ja", count=len(waiting)) in status
    for member in workshop.members:
        if member.id in waiting:
            assert member.name not in status


async def test_join_shows_others_items_without_author_or_member_ids(sample: Path) -> None:
    _anonymous(sample)
    workshop = storage.load(sample)
    others = [p for p in workshop.problems if p.author != "kato"]
    mine = [p for p in workshop.problems if p.author == "kato"]
    assert others and mine
    app = build_app(sample, lang="ja", phase="problems", member="kato")
    async with app.run_test(size=(120, 32)) as pilot:
        await settle(pilot)
        await pilot.press("o")  # everyone's
        await settle(pilot)
        table = app.main.pane.table
        ids, authors = _cells(table, "id"), _cells(table, "author")
        await pilot.press("4", "o")
        await settle(pilot)
        idea_table = app.main.pane.table
        idea_ids, idea_causes = _cells(idea_table, "id"), _cells(idea_table, "causes")
    names = {m.name for m in workshop.members if m.id != "kato"}
    assert not names & set(authors)
    assert t("ui.anon.you", "ja") in authors and t("ui.anon.hidden", "ja") in authors
    for problem in others:
        assert problem.id not in ids  # "ito.p1" would say who wrote it
    for problem in mine:
        assert problem.id in ids
    for idea in workshop.ideas:
        if idea.author != "kato":
            assert idea.id not in idea_ids
    others_ids = {i.id for i in (*workshop.causes, *workshop.ideas) if i.author != "kato"}
    assert not any(cause in cell for cell in idea_causes for cause in others_ids)


async def test_join_lists_others_items_in_an_order_that_says_nothing_of_the_author(
    sample: Path,
) -> None:
    # The workshop holds contributions one member file after another (ito, kato,
    # kobayashi…): listed so, kato would see that what comes before his own is ito's.
    _anonymous(sample)
    workshop = storage.load(sample)
    shown = voting.shown_ids(workshop, "kato")
    app = build_app(sample, lang="ja", phase="problems", member="kato")
    async with app.run_test(size=(120, 32)) as pilot:
        await settle(pilot)
        await pilot.press("o")  # everyone's
        await settle(pilot)
        problems = _cells(app.main.pane.table, "id")
        await pilot.press("5")
        await settle(pilot)
        ballot = _cells(app.main.pane.table, "id")
        await pilot.press("4", "a")  # a new idea: the checklist of the causes it answers
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormScreen)
        causes = [label for label, _value in form.fields[1].options]
    order = voting.shown_order(workshop, "kato", workshop.problems)
    assert problems == [shown.get(p.id, p.id) for p in order]
    assert [p.author for p in order] != sorted(p.author for p in order)
    ideas = voting.shown_order(workshop, "kato", workshop.ideas)
    assert ballot == [shown.get(i.id, i.id) for i in ideas]
    # The idea form names others' causes by their labels too, never by "ito.c1".
    expected = voting.shown_order(workshop, "kato", workshop.causes)
    assert [label.split(" ", 1)[0] for label in causes] == [shown.get(c.id, c.id) for c in expected]
    others = {c.id for c in workshop.causes if c.author != "kato"}
    assert others and not any(label.split(" ", 1)[0] in others for label in causes)


async def test_the_facilitator_still_sees_who_wrote_what(sample: Path) -> None:
    _anonymous(sample)
    workshop = storage.load(sample)
    app = build_app(sample, lang="ja", phase="problems")
    async with app.run_test(size=(120, 32)) as pilot:
        await settle(pilot)
        ids = _cells(app.main.pane.table, "id")
    assert ids == [p.id for p in workshop.problems]


# ---------------------------------------------------------------- ideas after the close


def test_a_new_idea_is_refused_once_voting_is_closed(sample: Path, cli) -> None:
    closed = voting.close_voting(storage.load(sample))
    with pytest.raises(RuleError) as refused:
        contribute.add_idea(closed, "kato", "新しい案")
    assert refused.value.key == "error.idea.voting_closed"
    storage.update_workshop(sample, voting.close_voting)
    before = storage.load_member(sample, "kato").ideas
    result = cli("add", "idea", str(sample), "--as", "kato", "--title", "締切後の案")
    assert result.code == 2 and result.err.startswith("cocreate:")
    assert storage.load_member(sample, "kato").ideas == before
    # reopened explicitly, it is taken
    reopened = voting.open_voting(closed)
    _, idea = contribute.add_idea(reopened, "kato", "新しい案")
    assert idea.title == "新しい案"


# ---------------------------------------------------------------- timestamps with an offset


async def test_items_added_in_the_app_are_saved_with_an_offset(sample: Path) -> None:
    naive = dt.datetime(2026, 12, 2, 4, 59, 8)
    app = build_app(sample, lang="en", phase="problems", clock=lambda: naive)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press("a", *"offset check", "enter")
        await settle(pilot)
    added = [p for p in storage.load(sample).problems if p.text == "offset check"]
    assert added and added[0].created.utcoffset() is not None
    saved = (sample / "members" / f"{added[0].author}.toml").read_text(encoding="utf-8")
    line = next(x for x in saved.splitlines() if x.startswith("created") and "04:59:08" in x)
    assert line.rstrip().endswith(("Z", "+00:00")) or line.rstrip()[-6] in "+-"


def test_the_default_clock_of_the_app_has_an_offset() -> None:
    from cocreate.tui import _local_now

    assert _local_now().utcoffset() is not None


# ---------------------------------------------------------------- refusals in the UI's language


def test_every_keyed_refusal_says_in_english_what_the_domain_says(sample: Path) -> None:
    workshop = storage.load(sample)
    voted = workshop.ratings[0].idea
    cases = [
        lambda: contribute.remove_item(workshop, voted),
        lambda: contribute.add_idea(voting.close_voting(workshop), "kato", "x"),
        lambda: contribute.add_problem(workshop, "kato", "   "),
        lambda: voting.rate(voting.close_voting(workshop), "kato", voted, 3, 3),
        lambda: voting.place_dots(workshop, "kato", voted, 99),
        lambda: contribute.remove_item(workshop, workshop.problems[0].id),
    ]
    for case in cases:
        with pytest.raises(Exception) as caught:
            case()
        error = caught.value
        assert error.key in catalogue(), str(error)
        assert error_text(error, "en") == str(error)  # errors.py says what the domain says
        japanese = error_text(error, "ja")
        assert japanese != str(error) and any(ord(ch) > 0x3000 for ch in japanese)


async def test_a_refusal_in_the_japanese_app_is_in_japanese(sample: Path) -> None:
    workshop = storage.load(sample)
    voted = next(i for i in workshop.ideas if any(r.idea == i.id for r in workshop.ratings))
    app = build_app(sample, lang="ja", phase="ideas")
    told: list[str] = []
    real_notify = app.notify
    app.notify = lambda message, *a, **k: (told.append(str(message)), real_notify(message, *a, **k))
    async with app.run_test(size=(120, 32)) as pilot:
        await settle(pilot)
        pane = app.main.pane
        pane.post_message(pane.IdeaRemoved(voted.id))
        await settle(pilot)
    assert t("error.remove.idea_voted", "ja", item=voted.id) in told
    assert not any("cannot be removed" in message for message in told)
    assert storage.load(sample).idea(voted.id) is not None


def test_a_save_error_is_said_in_japanese() -> None:
    import errno

    from cocreate.storage.files import atomic_write

    target = Path("/proc/cocreate-cannot-write-here/x.toml")
    with pytest.raises(Exception) as caught:
        atomic_write(target, "x")
    text = error_text(caught.value, "ja")
    assert "保存できませんでした" in text and str(target) in text
    assert caught.value.params.get("errno") in (errno.ENOENT, errno.EACCES, errno.EROFS)
