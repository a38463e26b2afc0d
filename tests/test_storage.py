"""Atomic saves under injected faults, temp-file clean-up, compare-and-swap, migrations."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cocreate import storage
from cocreate.errors import ConflictError, SaveError
from cocreate.model import Meta, Problem, Workshop
from cocreate.storage import tomlread
from tests.conftest import examples


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


# What a person may write in a ballot by hand: each must read as tomllib reads it, and
# stay on the fast path (the parser, tomli, never sees the whole file).
BY_HAND = {
    "comments": BALLOT.replace("[dots]", "[dots]  # 残り3つ").replace(
        '"tanaka.i1" = {', '# 田中さんの案は後で見直す\n"tanaka.i1" = {'
    ),
    "blank lines": BALLOT.replace("[ratings]\n", "[ratings]\n\n\n"),
    "key order": BALLOT.replace("effect = 1, effort = 5", "effort = 5, effect = 1"),
    "inline spacing": BALLOT.replace('"tanaka.i1" = { effect = 1, effort = 5 }',
                                     '"tanaka.i1"={effect=1,effort=5}   # 再考'),
    "indented": BALLOT.replace('"suzuki.i1" = 2', '    "suzuki.i1" = 2'),
    "literal key": BALLOT.replace('"suzuki.i1" = 2', "'suzuki.i1' = 2"),
    "bare key": BALLOT.replace('"suzuki.i1" = 2', "suzuki-i1 = 2"),
    "CRLF": BALLOT.replace("\n", "\r\n"),
    "spaced header": BALLOT.replace("[dots]", '[ "dots" ]'),
    "plus sign": BALLOT.replace("effect = 4", "effect = +4"),
    "one odd line": BALLOT.replace('"suzuki.i1" = 2', '"suzuki\\u002ei2" = 0x2'),
    "tables first": "[dots]\n\"x.i1\" = 1\n\n[ratings]\n\"x.i1\" = { effect = 1, effort = 1 }\n",
}  # fmt: skip


@pytest.mark.parametrize("name", list(BY_HAND))
def test_the_fast_ballot_reader_takes_what_a_person_writes(name: str, monkeypatch) -> None:
    import tomllib

    import tomli

    text = BY_HAND[name]
    expected = tomllib.loads(text)
    seen: list[str] = []
    real = tomli.loads
    monkeypatch.setattr(tomli, "loads", lambda t: seen.append(t) or real(t))
    assert tomlread.parse_toml(text) == expected
    assert list(tomlread.parse_toml(text)) == list(expected)  # in the file's order
    assert seen, "the rest of the file is read by tomli"
    assert text not in seen, "fell back to tomli for the whole file"


@pytest.mark.parametrize(
    "text",
    [
        BALLOT + "\n[ratings]\n",
        BALLOT.replace("revision = 2\n", 'revision = 2\nratings = "x"\n'),
        BALLOT.replace(
            '"tanaka.i1" = { effect = 1, effort = 5 }', '"suzuki.i1" = { effect = 1, effort = 5 }'
        ),
        BALLOT.replace('"tanaka.i1" =', '"suzuki\\u002ei1" ='),
        BALLOT.replace("effort = 2", "effect = 2"),
        BALLOT.replace("effect = 4", "effect = 4.5"),
        BALLOT.replace("effect = 4", "effect = 04"),
        BALLOT.replace("member = ", 'note = """\n[ratings]\n"""\nmember = '),
        BALLOT.replace("[dots]\n", '[dots]\n"x.i1" = 99999999999999999999\n'),
        BALLOT.replace("[dots]\n", '[dots]\n"x" = [\n1]\n'),
        BALLOT.replace("[dots]\n", '[dots]\n"x".a = 1\n"x".b = 2\n'),
        BALLOT.replace("[dots]", "[dots.more]"),
        BALLOT.replace("[dots]", "[dots] x"),
        BALLOT.replace("}\n", "} # \x01\n", 1),
        "x = [\n[dots]\n[1]]\n",
        "[ratings]\n" + BALLOT.split("[ratings]\n")[1],
        BALLOT.replace("\n", "\r"),
    ],
)
def test_the_fast_ballot_reader_agrees_with_tomllib(text: str) -> None:
    import tomllib

    import tomli

    try:
        expected = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        with pytest.raises(tomli.TOMLDecodeError) as caught:
            tomlread.parse_toml(text)
        assert str(caught.value) == str(exc)
    else:
        assert tomlread.parse_toml(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # TOML 1.1, which tomli reads from 2.4 on and tomllib refuses (before Python 3.15)
        "a = { b = 1, }\n",
        "a = {\n  b = 1\n}\n",
        'a = "\\e"\n',
        'a = "\\x41"\n',
        "a = 12:30\n",
        "a = 1979-05-27 07:32\n",
        # TOML 1.0 errors: the same message and position
        "a = ]\n",
        "a = 1\na = 2\n",
        "[t\nx = 1\n",
        "a = 1979-02-30\n",
        'a = "x\x00"\n',
    ],
)
def test_files_are_refused_as_tomllib_refuses_them(text: str) -> None:
    # Files are read with tomli (compiled, faster), pinned to the releases that read TOML
    # 1.0 as tomllib does: a file cocreate takes, every other reader takes.
    import tomllib

    import tomli

    with pytest.raises(tomllib.TOMLDecodeError) as expected:
        tomllib.loads(text)
    with pytest.raises(tomli.TOMLDecodeError) as caught:
        tomlread.parse_toml(text)
    assert str(caught.value) == str(expected.value)


def test_the_fast_ballot_reader_keeps_line_numbers_for_the_rest() -> None:
    rest, tables = tomlread.split_keyed_tables(BALLOT)
    assert tables == {
        "ratings": {
            "suzuki.i1": {"effect": 4, "effort": 2},
            "tanaka.i1": {"effect": 1, "effort": 5},
        },
        "dots": {"suzuki.i1": 2},
    }
    assert rest.count("\n") == BALLOT.count("\n")
    assert "[ratings]" in rest and "suzuki.i1" not in rest


_key = st.one_of(
    st.from_regex(r"\A[a-z]{1,6}\.i[0-9]{1,3}\Z").map(lambda k: f'"{k}"'),
    st.from_regex(r"\A[a-z]{1,6}\.i[0-9]{1,3}\Z").map(lambda k: f"'{k}'"),
    st.from_regex(r"\A[a-z0-9_-]{1,8}\Z"),
)
_space = st.sampled_from(["", " ", "  ", "\t"])
_comment = st.sampled_from(["", "", " # メモ", "# x", "  #"])


@st.composite
def _hand_ballot(draw) -> str:
    lines = ["schema_version = 1", 'member = "m"', "", "[ratings]"]
    for key in draw(st.lists(_key, max_size=6, unique_by=lambda k: k.strip("\"'"))):
        a, b = draw(st.permutations(["effect", "effort"]))
        sp = [draw(_space) for _ in range(6)]
        effect, effort = draw(st.integers(1, 5)), draw(st.integers(1, 5))
        values = {"effect": effect, "effort": effort}
        lines.append(
            f"{sp[0]}{key}{sp[1]}={sp[2]}{{{sp[3]}{a} = {values[a]},{sp[4]}{b}={values[b]}"
            f"{sp[5]}}}{draw(_comment)}"
        )
        if draw(st.booleans()):
            lines.append(draw(st.sampled_from(["", "# 一行コメント", "   "])))
    lines += ["", f"[dots]{draw(_comment)}"]
    for key in draw(st.lists(_key, max_size=4, unique_by=lambda k: k.strip("\"'"))):
        lines.append(f"{key}{draw(_space)}={draw(_space)}{draw(st.integers(0, 3))}")
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    return newline.join(lines) + newline


@examples(50, 200)
def test_any_hand_written_ballot_reads_as_tomllib_reads_it_on_the_fast_path(
    max_examples: int,
) -> None:
    @settings(max_examples=max_examples, deadline=None)
    @given(_hand_ballot())
    def check(text: str) -> None:
        import tomllib

        rest, _ = tomlread.split_keyed_tables(text)  # never gives up on these
        assert tomlread.parse_toml(text) == tomllib.loads(text)
        assert len(rest) <= len(text)

    check()


# --------------------------------------------------------------------------- compare-and-swap


def _edit_in_place(path: Path, old: str, new: str) -> None:
    """Change a file as a hand edit or a git merge can: same revision, same size, same mtime."""
    assert len(old.encode()) == len(new.encode())
    stat = path.stat()
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))


def test_an_edit_that_keeps_the_revision_is_not_overwritten(sample: Path) -> None:
    loaded = storage.load(sample)
    title = loaded.meta.title
    _edit_in_place(sample / "workshop.toml", title, title[::-1])
    assert storage.load(sample).revision == loaded.revision  # the revision did not move
    with pytest.raises(ConflictError, match="changed by someone else"):
        storage.save_workshop(sample, loaded.edit(meta=loaded.meta.edit(organisation="上書き")))
    assert storage.load(sample).meta.title == title[::-1]


def test_a_member_file_edited_in_place_is_not_overwritten_by_a_stale_session(
    sample: Path,
) -> None:
    member = storage.load(sample).contributions[0]
    path = storage.member_path(sample, member.member)
    text = member.problems[0].text
    _edit_in_place(path, text, text[::-1])
    with pytest.raises(ConflictError, match="reload first"):
        storage.save_member(sample, member.edit(dots=()), force=False)
    assert storage.load(sample).contributions[0].problems[0].text == text[::-1]


def test_a_save_returns_the_fingerprint_of_what_it_wrote(sample: Path) -> None:
    loaded = storage.load(sample)
    saved = storage.save_workshop(sample, loaded.edit(meta=loaded.meta.edit(title="一")))
    again = storage.save_workshop(sample, saved.edit(meta=saved.meta.edit(title="二")))
    assert again.revision == loaded.revision + 2
    assert storage.load(sample).digest == again.digest != loaded.digest


@pytest.mark.parametrize("when", ["before the poll", "after the poll"])
def test_the_apps_session_keeps_an_external_edit_that_kept_the_revision(
    sample: Path, when: str
) -> None:
    from cocreate.session import Session

    session = Session.open(sample)
    title = session.workshop.meta.title
    _edit_in_place(sample / "workshop.toml", title, title[::-1])
    if when == "after the poll":
        # size and mtime are unchanged, so the poll cannot see the edit either
        assert not session.changed_on_disk()
    result = session.apply("組織名", lambda ws: ws.edit(meta=ws.meta.edit(organisation="〇〇市")))
    assert result.saved and result.merged
    on_disk = storage.load(sample).meta
    assert (on_disk.title, on_disk.organisation) == (title[::-1], "〇〇市")


# --------------------------------------------------------------------------- what members/ holds


@pytest.mark.parametrize(
    ("kind", "message"),
    [
        ("fifo", "is a pipe, not a file"),
        ("dev-zero", "is a device, not a file"),
        ("folder", "is a folder, not a file"),
        ("dangling", "is a link to nothing"),
    ],
)
def test_special_files_in_members_are_refused_in_one_line_without_reading(
    sample: Path, cli, kind: str, message: str
) -> None:
    path = sample / "members" / "ghost.toml"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "dev-zero":
        path.symlink_to("/dev/zero")
    elif kind == "folder":
        path.mkdir()
    else:
        path.symlink_to(sample / "nowhere.toml")
    started = time.monotonic()
    result = cli("check", sample)
    assert time.monotonic() - started < 30  # a FIFO used to hang, /dev/zero to fill memory
    assert (result.code, result.err.strip()) == (2, f"cocreate: {path}: {message}")


def test_a_fifo_as_workshop_toml_is_refused(tmp_path: Path, cli) -> None:
    folder = tmp_path / "ws"
    folder.mkdir()
    os.mkfifo(folder / "workshop.toml")
    result = cli("summary", folder)
    assert (result.code, result.err.strip()) == (
        2,
        f"cocreate: {folder}/workshop.toml: is a pipe, not a file",
    )


def test_a_symlink_to_a_regular_member_file_is_read(sample: Path) -> None:
    real = sample / "members" / "suzuki.toml"
    kept = sample / "suzuki-kept.toml"
    real.rename(kept)
    real.symlink_to(kept)
    assert storage.load(sample).contributions_of("suzuki").problems


# --------------------------------------------------------------------------- forged authorship


def test_an_item_naming_another_author_is_refused(sample: Path, cli) -> None:
    path = sample / "members" / "suzuki.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace('id = "suzuki.p1"\n', 'id = "suzuki.p1"\nauthor = "sato"\n', 1),
        encoding="utf-8",
    )
    result = cli("check", sample)
    assert (result.code, result.err.strip()) == (
        2,
        f"cocreate: {path}: problems[0].author: must be 'suzuki', the member whose file this is,"
        " not 'sato'",
    )


def test_a_forged_author_is_neither_saved_nor_accepted_in_memory(sample: Path) -> None:
    from cocreate import integrity

    workshop = storage.load(sample)
    mine = workshop.contributions_of("suzuki")
    forged = mine.edit(problems=(mine.problems[0].edit(author="tanaka"), *mine.problems[1:]))
    found = integrity.errors(workshop.with_contributions(forged))
    assert [(f.file, f.field, f.code) for f in found] == [
        ("members/suzuki.toml", "problems[0].author", "forged-author")
    ]
    before = storage.member_path(sample, "suzuki").read_bytes()
    with pytest.raises(SaveError, match=r"problems\[0\]\.author: 'tanaka' is not 'suzuki'"):
        storage.save_member(sample, forged)
    assert storage.member_path(sample, "suzuki").read_bytes() == before


def test_atomic_write_can_make_a_file_only_its_owner_reads(tmp_path: Path) -> None:
    import stat

    target = tmp_path / "links.csv"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o644)
    storage.atomic_write(target, "\ufeffmember,link\r\n".encode(), mode=0o600)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")
    assert not list(tmp_path.glob(".*.tmp"))
