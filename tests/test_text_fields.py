"""Control characters are refused in every text field: on load, on save and on entry."""

from __future__ import annotations

from pathlib import Path

import pytest

from cocreate import contribute, storage
from cocreate.errors import InputError, SaveError
from cocreate.model import Member, Meta, Step, Workshop
from cocreate.text import control_problem, first_control, one_line


def test_control_problem_names_the_character_and_where_it_is() -> None:
    assert control_problem("受\x00付") == "holds a control character, U+0000 (NUL), at character 2"
    assert control_problem("a\x1bb") == "holds a control character, U+001B (ESC), at character 2"
    assert control_problem("x\x85") == "holds a control character, U+0085, at character 2"
    assert control_problem("一行目\n二行目") is not None
    assert control_problem("一行目\r\n二行目\tタブ", multiline=True) is None
    assert control_problem("一行目\x00", multiline=True) is not None
    # what is not a control character: zero-width and full-width spaces, emoji
    assert control_problem("全角\u3000空白\u200b😀") is None
    assert first_control("ok") is None


def test_one_line_folds_white_space_but_keeps_other_controls() -> None:
    assert one_line(" 申請書の\r\n受付\t確認 ") == "申請書の 受付 確認"
    assert first_control(one_line("a\nb\x00c")) == 3


def _workshop_file(folder: Path, title_line: str) -> Path:
    (folder / "members").mkdir(parents=True)
    (folder / "workshop.toml").write_text(
        f"schema_version = 1\nrevision = 1\n\n[meta]\n{title_line}\n", encoding="utf-8"
    )
    return folder


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('title = "受\\u0000付"', "holds a control character, U+0000 (NUL), at character 2"),
        ('title = "受\\u001b[31m付"', "holds a control character, U+001B (ESC), at character 2"),
        ('title = "一行目\\n二行目"', "holds a control character, U+000A (LF, a line break)"),
        ('title = "t"\nbackground = "ok\\n\\u0007"', "U+0007 (BEL), at character 4"),
    ],
)
def test_the_decoder_refuses_control_characters_naming_file_and_field(
    tmp_path: Path, line: str, message: str
) -> None:
    folder = _workshop_file(tmp_path / "ws", line)
    with pytest.raises(InputError) as caught:
        storage.load(folder)
    field = "meta.background" if "background" in line else "meta.title"
    assert str(caught.value).startswith(f"{folder}/workshop.toml: {field}: ")
    assert message in str(caught.value)


def test_line_breaks_and_tabs_are_kept_in_multi_line_texts(tmp_path: Path) -> None:
    folder = _workshop_file(tmp_path / "ws", 'title = "t"\nbackground = "一\\n二\\tタブ\\r\\n三"')
    assert storage.load(folder).meta.background == "一\n二\tタブ\r\n三"


def test_a_nul_in_a_member_file_is_refused_in_one_line(tmp_path: Path, cli) -> None:
    folder = _workshop_file(tmp_path / "ws", 'title = "t"')
    with (folder / "workshop.toml").open("a", encoding="utf-8") as out:
        out.write('\n[[members]]\nid = "suzuki"\nname = "鈴木"\n')
    (folder / "members" / "suzuki.toml").write_text(
        'schema_version = 1\nmember = "suzuki"\n\n[[problems]]\nid = "suzuki.p1"\n'
        'text = "NULが\\u0000ある"\n',
        encoding="utf-8",
    )
    result = cli("check", folder)
    assert result.code == 2
    assert result.err.strip() == (
        f"cocreate: {folder}/members/suzuki.toml: problems[0].text: holds a control character,"
        " U+0000 (NUL), at character 5"
    )


def test_the_writer_never_writes_what_the_reader_refuses(tmp_path: Path) -> None:
    folder = tmp_path / "ws"
    good = Workshop(meta=Meta(title="t"), steps=(Step("s1", "受付", "l1"),))
    saved = storage.create(folder, good)
    before = (folder / "workshop.toml").read_bytes()
    bad = saved.edit(steps=(Step("s1", "受\x00付", "l1"),))
    with pytest.raises(SaveError) as caught:
        storage.save(folder, bad)
    assert str(caught.value) == (
        f"{folder}/workshop.toml: cannot save: steps[0].name: holds a control character,"
        " U+0000 (NUL), at character 2"
    )
    assert (folder / "workshop.toml").read_bytes() == before
    assert not list(folder.rglob("*.tmp"))


def test_contributions_with_control_characters_are_refused_on_entry() -> None:
    ws = Workshop(meta=Meta(title="t"), members=(Member("suzuki", "鈴木"),))
    with pytest.raises(InputError, match="the problem's text holds a control character"):
        contribute.add_problem(ws, "suzuki", "受\x00付")
    ws, problem = contribute.add_problem(ws, "suzuki", "一行目\n二行目")
    assert problem.text == "一行目\n二行目"
    with pytest.raises(InputError, match="the idea's title holds a control character, U\\+000A"):
        contribute.add_idea(ws, "suzuki", "一行目\n二行目")
    with pytest.raises(InputError, match="the idea's description holds"):
        contribute.add_idea(ws, "suzuki", "案", description="説明\x1b[2J")


def test_the_cli_refuses_a_nul_in_a_problem_and_writes_nothing(sample: Path, cli) -> None:
    member = storage.load(sample).members[1].id
    path = storage.member_path(sample, member)
    before = path.read_bytes() if path.exists() else None
    result = cli("add", "problem", sample, "--as", member, "--text", "受\x00付")
    assert result.code == 2
    assert result.err.strip().endswith("holds a control character, U+0000 (NUL), at character 2")
    assert (path.read_bytes() if path.exists() else None) == before


def test_the_text_rules_examples_run() -> None:
    # The module's examples: control characters, one-line names, the formula rule of
    # every CSV and workbook written (neutralise, formula_like).
    import doctest

    import cocreate.text

    result = doctest.testmod(cocreate.text)
    assert result.attempted >= 6 and result.failed == 0
