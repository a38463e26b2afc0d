"""Atomic saves under injected faults, temp-file clean-up, compare-and-swap, migrations."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cocreate import storage
from cocreate.errors import ConflictError, SaveError
from cocreate.model import Meta, Problem, Workshop
from cocreate.storage import tomlread


def _temp_files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*.tmp")]


@pytest.mark.parametrize("failing", ["write", "fsync", "replace"])
def test_a_failed_save_leaves_the_target_intact_and_no_temp_file(
    sample: Path, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    target = sample / "workshop.toml"
    before = target.read_bytes()
    workshop = storage.load(sample)
    changed = workshop.edit(meta=workshop.meta.edit(title="変更後のタイトル"))

    def fail(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, failing, fail)
    with pytest.raises(SaveError) as caught:
        storage.save_workshop(sample, changed)
    monkeypatch.undo()

    assert target.read_bytes() == before
    assert _temp_files(sample) == []
    message = str(caught.value)
    assert "\n" not in message
    assert message == f"{target}: cannot save: no space left on device; the file is unchanged"


def test_a_short_write_is_completed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_write = os.write

    def one_byte_at_a_time(fd, data):
        return real_write(fd, bytes(data[:1]))

    monkeypatch.setattr(os, "write", one_byte_at_a_time)
    storage.atomic_write(tmp_path / "f.toml", "全角テキスト\n")
    monkeypatch.undo()
    assert (tmp_path / "f.toml").read_text(encoding="utf-8") == "全角テキスト\n"


def test_an_unwritable_folder_gives_one_line(tmp_path: Path, monkeypatch) -> None:
    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "open", refuse)
    with pytest.raises(SaveError) as caught:
        storage.atomic_write(tmp_path / "f.toml", "x")
    assert str(caught.value) == f"{tmp_path}/f.toml: cannot save: permission denied"


def test_temp_files_of_dead_processes_are_ignored_and_removed(sample: Path) -> None:
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    pid = int(dead.stdout)
    host = storage.files.temp_name(sample / "workshop.toml").split(".")[3]
    stale = sample / f".workshop.toml.{host}.{pid}.abc123.tmp"
    stale.write_text("half a fi", encoding="utf-8")
    member_stale = sample / "members" / f".suzuki.toml.{host}.{pid}.zz9.tmp"
    member_stale.write_text("garbage = [", encoding="utf-8")
    live = sample / f".workshop.toml.{host}.{os.getpid()}.live1.tmp"
    live.write_text("being written", encoding="utf-8")
    reused = sample / f".workshop.toml.{host}.{os.getpid()}.old22.tmp"
    reused.write_text("left an hour ago by a pid now reused", encoding="utf-8")
    an_hour_ago = time.time() - 3600
    os.utime(reused, (an_hour_ago, an_hour_ago))

    workshop = storage.load(sample)

    assert workshop.meta.title == "備品貸出の業務改善ワーキンググループ"
    assert not stale.exists() and not member_stale.exists()
    assert live.exists(), "a save in progress in a live process must not be disturbed"
    assert not reused.exists(), "an old temp file is a leftover whoever owns its pid now"


def test_temp_files_from_another_host_are_removed_only_when_old(sample: Path) -> None:
    fresh = sample / ".workshop.toml.otherhost.123.aaa.tmp"
    old = sample / ".workshop.toml.otherhost.124.bbb.tmp"
    fresh.write_text("x", encoding="utf-8")
    old.write_text("x", encoding="utf-8")
    long_ago = time.time() - storage.STALE_TEMP_SECONDS - 60
    os.utime(old, (long_ago, long_ago))
    storage.load(sample)
    assert fresh.exists() and not old.exists()


def test_a_second_facilitator_save_is_refused_not_overwritten(sample: Path) -> None:
    first = storage.load(sample)
    second = storage.load(sample)
    storage.save_workshop(sample, first.edit(meta=first.meta.edit(title="一人目")))
    with pytest.raises(ConflictError, match="reload"):
        storage.save_workshop(sample, second.edit(meta=second.meta.edit(title="二人目")))
    assert storage.load(sample).meta.title == "一人目"


def test_update_member_keeps_what_was_on_disk(sample: Path) -> None:
    def add(text: str):
        def change(contribution):
            problem = Problem(f"suzuki.p{len(contribution.problems) + 10}", text, "suzuki")
            return contribution.edit(problems=(*contribution.problems, problem))

        return change

    storage.update_member(sample, "suzuki", add("一つ目"))
    storage.update_member(sample, "suzuki", add("二つ目"))
    texts = [p.text for p in storage.load(sample).contributions_of("suzuki").problems]
    assert texts[-2:] == ["一つ目", "二つ目"]


def test_an_older_schema_is_migrated_on_load(sample: Path, monkeypatch) -> None:
    path = sample / "workshop.toml"
    text = path.read_text(encoding="utf-8")
    # A made-up version 0 that called the title "name": the migration renames it.
    path.write_text(
        text.replace("schema_version = 1", "schema_version = 0").replace(
            'title = "備品', 'name = "備品', 1
        ),
        encoding="utf-8",
    )

    def v0_to_v1(data: dict, kind: str) -> dict:
        if kind == "workshop":
            data["meta"] = dict(data["meta"])
            data["meta"]["title"] = data["meta"].pop("name")
        return data

    monkeypatch.setitem(storage.MIGRATIONS, 0, v0_to_v1)
    workshop = storage.load(sample)
    assert workshop.meta.title == "備品貸出の業務改善ワーキンググループ"
    storage.save_workshop(sample, workshop)
    assert "schema_version = 1" in path.read_text(encoding="utf-8")


def test_create_refuses_an_existing_workshop(sample: Path) -> None:
    with pytest.raises(Exception, match="a workshop already exists here"):
        storage.create(sample, Workshop(meta=Meta(title="x")))


def test_member_files_merge_in_member_id_order(sample: Path) -> None:
    workshop = storage.load(sample)
    members = [c.member for c in workshop.contributions]
    assert members == sorted(members)
    assert workshop.problems[0].author == members[0]


BALLOT = """\
schema_version = 1
revision = 2
member = "suzuki"

[ratings]
"suzuki.i1" = { effect = 4, effort = 2 }
"tanaka.i1" = { effect = 1, effort = 5 }

[dots]
"suzuki.i1" = 2
"""


@pytest.mark.parametrize(
    "text",
    [
        BALLOT,
        BALLOT.replace("[dots]", "[dots]  # comment"),
        BALLOT.replace('"tanaka.i1" = { effect = 1', '"tanaka.i1" = {effect=1'),
        BALLOT + "\n[ratings]\n",
        BALLOT.replace("revision = 2\n", 'revision = 2\nratings = "x"\n'),
        BALLOT.replace(
            '"tanaka.i1" = { effect = 1, effort = 5 }', '"suzuki.i1" = { effect = 1, effort = 5 }'
        ),
        BALLOT.replace("effect = 4", "effect = 4.5"),
        BALLOT.replace("member = ", 'note = """\n[ratings]\n"""\nmember = '),
        BALLOT.replace("[dots]\n", '[dots]\n"x.i1" = 99999999999999\n'),
        "[ratings]\n" + BALLOT.split("[ratings]\n")[1],
    ],
)
def test_the_fast_ballot_reader_agrees_with_tomllib(text: str) -> None:
    import tomllib

    try:
        expected = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        with pytest.raises(tomllib.TOMLDecodeError) as caught:
            tomlread.parse_toml(text)
        assert str(caught.value) == str(exc)
    else:
        assert tomlread.parse_toml(text) == expected


def test_the_fast_ballot_reader_is_used_for_files_we_write() -> None:
    rest, tables = tomlread.split_keyed_tables(BALLOT)
    assert tables == {
        "ratings": {
            "suzuki.i1": {"effect": 4, "effort": 2},
            "tanaka.i1": {"effect": 1, "effort": 5},
        },
        "dots": {"suzuki.i1": 2},
    }
    assert rest.count("\n") == BALLOT.count("\n")
