"""The server's view of the folder: re-read only what changed, never serve a stale file."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from cocreate import storage
from cocreate.contribute import add_problem
from cocreate.errors import InputError
from cocreate.prioritize import voting
from cocreate.serve.view import FolderView, write_as_member


def test_only_a_changed_member_file_is_read_again(sample: Path):
    view = FolderView(sample)
    first = view.load()
    assert first == storage.load(sample)
    assert view.load() is first  # nothing changed: the same workshop, not re-validated
    reads = view.member_reads
    # What this server writes is recorded, not read back ...
    write_as_member(view, "kato", lambda w: add_problem(w, "kato", "ビューの確認"))
    changed = view.load()
    assert view.member_reads == reads
    assert changed == storage.load(sample)
    assert any(p.text == "ビューの確認" for p in changed.problems)
    # ... what someone else writes (here the CLI's way) is read, that file only.
    storage.update_member(sample, "ito", lambda c: c.edit(
        problems=(c.problems[0].edit(text="外で書き換えた"), *c.problems[1:])))  # fmt: skip
    outside = view.load()
    assert view.member_reads == reads + 1
    assert outside == storage.load(sample)
    assert outside.problem("ito.p1").text == "外で書き換えた"


def test_a_change_to_workshop_toml_is_a_full_load(sample: Path):
    view = FolderView(sample)
    view.load()
    loads = view.full_loads
    storage.update_workshop(sample, voting.close_voting)
    assert view.load().voting.closed
    assert view.full_loads == loads + 1


def test_new_and_broken_member_files(sample: Path):
    from cocreate.contribute import add_member

    view = FolderView(sample)
    view.load()
    storage.update_workshop(sample, lambda w: add_member(w, "mori", "森 花子")[0])
    view.load()
    write_as_member(view, "mori", lambda w: add_problem(w, "mori", "新しいメンバーの課題"))
    assert any(p.author == "mori" for p in view.load().problems)
    assert view.load() == storage.load(sample)
    # Written in place, not renamed: the folder does not change, so it shows within a
    # second (RESCAN_SECONDS), not at once.
    (sample / "members" / "kato.toml").write_text("schema_version = [", encoding="utf-8")
    deadline = time.monotonic() + 5
    with pytest.raises(InputError, match=r"kato\.toml"):
        while time.monotonic() < deadline:
            view.load()
            time.sleep(0.05)


def test_a_write_sees_the_latest_files_and_keeps_its_own(sample: Path):
    view = FolderView(sample)
    view.load()
    # Someone else (the CLI) closes voting after the view last looked.
    storage.update_workshop(sample, voting.close_voting)
    from cocreate.errors import RuleError

    with pytest.raises(RuleError):
        write_as_member(view, "kato", lambda w: (voting.rate(w, "kato", "ito.i1", 3, 3), None))
    assert storage.load_member(sample, "kato").ratings == ()
