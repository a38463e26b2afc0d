"""The headless editing session (cocreate.session): saves only what changed, undo, merges,
member mode, files changed on disk."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from cocreate import contribute, storage
from cocreate.errors import InputError, RuleError, SaveError
from cocreate.prioritize import voting
from cocreate.session import Session

NOW = dt.datetime(2026, 10, 20, 10, 30)


def add_problem(member: str, text: str):
    return lambda ws: contribute.add_problem(ws, member, text, ("s02",), "", NOW)[0]


def test_a_change_is_saved_at_once_and_only_its_file(sample: Path) -> None:
    session = Session.open(sample, clock=lambda: NOW)
    workshop_file = sample / "workshop.toml"
    before = workshop_file.read_bytes()
    result = session.apply("add", add_problem("sato", "在庫が見えない"))
    assert result.saved and not session.dirty and session.saved_at == NOW
    assert workshop_file.read_bytes() == before  # a member's change leaves workshop.toml alone
    assert any(p.text == "在庫が見えない" for p in storage.load_member(sample, "sato").problems)


def test_undo_and_redo_restore_the_files(sample: Path) -> None:
    session = Session.open(sample)
    original = storage.load_member(sample, "sato")
    session.apply("add", add_problem("sato", "在庫が見えない"))
    assert session.undo() == "add"
    assert storage.load_member(sample, "sato") == original
    assert session.redo() == "add"
    assert any(p.text == "在庫が見えない" for p in storage.load_member(sample, "sato").problems)


def test_a_facilitator_save_after_someone_elses_merges_not_overwrites(sample: Path) -> None:
    ours = Session.open(sample)
    theirs = Session.open(sample)
    theirs.apply("close", voting.close_voting)
    result = ours.apply("rename", lambda ws: ws.edit(meta=ws.meta.edit(title="新しい題名")))
    assert result.saved and result.merged
    saved = storage.load(sample)
    assert saved.voting.closed, "their change was kept"
    assert saved.meta.title == "新しい題名", "ours was applied on top"


def test_undo_refuses_to_overwrite_a_later_change_by_someone_else(sample: Path) -> None:
    ours = Session.open(sample)
    ours.apply("rename", lambda ws: ws.edit(meta=ws.meta.edit(title="一")))
    theirs = Session.open(sample)
    theirs.apply("rename", lambda ws: ws.edit(meta=ws.meta.edit(title="二")))
    with pytest.raises(RuleError):
        ours.undo()
    assert storage.load(sample).meta.title == "二"


def test_member_mode_writes_only_that_members_file(sample: Path) -> None:
    session = Session.open(sample, member="kato")
    with pytest.raises(RuleError):
        session.apply("close", voting.close_voting)
    with pytest.raises(RuleError):
        session.apply("add", add_problem("suzuki", "他人の名前で"))
    assert not storage.load(sample).voting.closed
    session.apply("add", add_problem("kato", "自分の課題"))
    assert any(p.text == "自分の課題" for p in storage.load_member(sample, "kato").problems)


def test_files_changed_on_disk_are_noticed_and_reloaded(sample: Path) -> None:
    session = Session.open(sample)
    assert not session.changed_on_disk()
    storage.update_member(
        sample,
        "yoshida",
        lambda c: contribute.add_problem(
            storage.load(sample), "yoshida", "外からの追加", (), "", NOW
        )[0].contributions_of("yoshida"),
    )
    assert session.changed_on_disk()
    session.reload()
    assert any(p.text == "外からの追加" for p in session.workshop.problems)
    assert not session.changed_on_disk()


def test_a_failed_save_is_kept_marked_and_retried(
    sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = Session.open(sample)
    real_save = storage.save_member

    def disk_full(*args, **kwargs):
        raise SaveError("members/sato.toml: cannot save: no space left on device")

    monkeypatch.setattr(storage, "save_member", disk_full)
    result = session.apply("add", add_problem("sato", "保存できない"))
    assert not result.saved and "no space" in result.message
    assert session.dirty and "保存できない" in {p.text for p in session.workshop.problems}
    assert not any(p.text == "保存できない" for p in storage.load_member(sample, "sato").problems)
    monkeypatch.setattr(storage, "save_member", real_save)
    assert session.retry().saved and not session.dirty
    assert any(p.text == "保存できない" for p in storage.load_member(sample, "sato").problems)


def test_unknown_member_is_refused(sample: Path) -> None:
    with pytest.raises(RuleError):
        Session.open(sample, member="nobody")


def test_a_change_after_a_failed_save_saves_both_in_order(
    sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = Session.open(sample)
    real_save = storage.save_member
    monkeypatch.setattr(
        storage, "save_member", lambda *a, **k: (_ for _ in ()).throw(SaveError("disk full"))
    )
    assert not session.apply("first", add_problem("sato", "一つ目")).saved
    assert not session.apply("second", add_problem("sato", "二つ目")).saved
    assert session.dirty
    monkeypatch.setattr(storage, "save_member", real_save)
    result = session.apply("third", add_problem("sato", "三つ目"))
    assert result.saved and not session.dirty
    texts = [p.text for p in storage.load_member(sample, "sato").problems]
    assert texts[-3:] == ["一つ目", "二つ目", "三つ目"]


def test_our_own_save_does_not_hide_a_change_someone_else_made(sample: Path) -> None:
    session = Session.open(sample)
    other = Session.open(sample, member="yoshida")
    other.apply("theirs", add_problem("yoshida", "同じ時に別の人が"))
    session.apply("ours", add_problem("sato", "こちらの変更"))
    assert session.changed_on_disk(), "yoshida's file is still to be reloaded"
    session.reload()
    texts = {p.text for p in session.workshop.problems}
    assert {"同じ時に別の人が", "こちらの変更"} <= texts
    assert not session.changed_on_disk()


def test_a_broken_file_is_reported_once_and_read_again_when_it_changes(sample: Path) -> None:
    session = Session.open(sample)
    member_file = sample / "members" / "kato.toml"
    good = member_file.read_text(encoding="utf-8")
    member_file.write_text("this is = = not toml", encoding="utf-8")
    assert session.changed_on_disk()
    with pytest.raises(InputError, match=r"kato\.toml"):
        session.reload()
    session.mark_disk_seen()
    assert not session.changed_on_disk(), "the broken file is not reported at every poll"
    member_file.write_text(good + "\n", encoding="utf-8")
    assert session.changed_on_disk()
    assert session.reload().contributions_of("kato") == storage.load_member(sample, "kato")


def test_a_member_with_no_file_and_one_with_an_empty_file_need_no_save(sample: Path) -> None:
    from cocreate.model import MemberContributions

    session = Session.open(sample)
    workshop = session.workshop
    nobody = next(m.id for m in workshop.members if not workshop.contributions_of(m).problems)
    others = tuple(c for c in workshop.contributions if c.member != nobody)
    bare = workshop.edit(contributions=others)
    empty = bare.with_contributions(MemberContributions(member=nobody))
    assert contribute.touched_members(bare, empty) == []
    assert contribute.touched_members(empty, add_problem(nobody, "新しい課題")(empty)) == [nobody]


def test_undo_keeps_an_unrelated_change_made_since_from_the_cli(sample: Path) -> None:
    from cocreate.model import Member

    ours = Session.open(sample)
    ours.apply("rename", lambda ws: ws.edit(meta=ws.meta.edit(title="一")))
    theirs = Session.open(sample)  # `cocreate members add` does the same
    theirs.apply("member", lambda ws: ws.edit(members=(*ws.members, Member("mori", "森 一郎"))))
    assert ours.undo() == "rename"
    saved = storage.load(sample)
    assert saved.meta.title != "一", "our change was undone"
    assert saved.member("mori") is not None, "their member was kept"


def test_undo_of_a_step_edit_keeps_another_step_edited_since(sample: Path) -> None:
    from cocreate.process import edit

    ours = Session.open(sample)
    ours.apply("minutes", lambda ws: edit.edit_step(ws, "s01", minutes=99))
    theirs = Session.open(sample)
    theirs.apply("minutes", lambda ws: edit.edit_step(ws, "s02", minutes=77))
    ours.undo()
    saved = storage.load(sample)
    assert saved.step("s01").minutes != 99
    assert saved.step("s02").minutes == 77


def test_undo_cannot_change_a_ballot_after_voting_closed(sample: Path) -> None:
    member = Session.open(sample, member="kato")
    idea = member.workshop.ideas[0].id
    member.apply("rate", lambda ws: voting.rate(ws, "kato", idea, 5, 1))
    facilitator = Session.open(sample)
    facilitator.apply("close", voting.close_voting)
    tally_before = storage.load_member(sample, "kato")
    with pytest.raises(RuleError, match="voting is closed"):
        member.undo()
    assert storage.load_member(sample, "kato") == tally_before
    assert member.undo_stack, "the refused undo can be tried again once voting reopens"
