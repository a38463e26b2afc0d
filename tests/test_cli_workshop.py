"""`cocreate new`, `check`, `summary` and the top-level help, run as a user would."""

from __future__ import annotations

import json
from pathlib import Path

from cocreate import storage
from cocreate.model import Role
from tests.conftest import SAMPLE, run_process


def test_new_creates_a_workshop_that_checks_clean(tmp_path: Path, cli) -> None:
    folder = tmp_path / "workshops" / "permits"
    result = cli(
        "new",
        folder,
        "--title",
        "建築確認の見直し",
        "--organisation",
        "〇〇市",
        "--facilitator",
        "sato",
        "--facilitator-name",
        "佐藤",
    )
    assert result.code == 0, result.err
    workshop = storage.load(folder)
    assert workshop.meta.title == "建築確認の見直し"
    assert workshop.meta.organisation == "〇〇市"
    assert [(m.id, m.name, m.role) for m in workshop.members] == [
        ("sato", "佐藤", Role.FACILITATOR)
    ]
    assert (folder / "members").is_dir()
    assert cli("check", folder).code == 0


def test_new_refuses_to_overwrite(sample: Path, cli) -> None:
    before = (sample / "workshop.toml").read_bytes()
    result = cli("new", sample, "--title", "x")
    assert result.code == 2
    assert result.err.strip() == f"cocreate: {sample}: a workshop already exists here"
    assert (sample / "workshop.toml").read_bytes() == before


def test_check_lists_the_samples_warnings(cli) -> None:
    result = cli("check", SAMPLE)
    assert result.code == 0
    assert "warning: " in result.out
    assert "'tanaka.i2' is solution-first: it addresses no cause" in result.out
    assert "member 'kato' has not voted yet" in result.out
    assert "member 'yoshida' has not voted yet" in result.out
    # the facilitator and the manager may abstain
    assert "'kobayashi' has not voted" not in result.out


def test_check_strict_exits_1_on_warnings(cli) -> None:
    assert cli("check", SAMPLE, "--strict").code == 1


def test_check_finds_unreachable_steps_dead_ends_and_unanswered_problems(sample, cli) -> None:
    from cocreate.model import Problem, Step

    workshop = storage.load(sample)
    orphan = Step("s99", "誰も呼ばない工程", "general")
    workshop = workshop.edit(steps=(*workshop.steps, orphan))
    lonely = Problem("kato.p9", "原因がまだない課題", "kato")
    kato = workshop.contributions_of("kato")
    workshop = workshop.with_contributions(kato.edit(problems=(*kato.problems, lonely)))
    storage.save(sample, workshop)
    result = cli("check", sample, "--json")
    found = {(f["code"], f["subject"]) for f in json.loads(result.out)}
    assert ("unreachable", "s99") in found
    assert ("dead-end", "s99") in found
    assert ("no-cause", "kato.p9") in found
    assert ("solution-first", "tanaka.i2") in found


def test_check_flags_an_idea_nobody_rated(sample, cli) -> None:
    from cocreate.model import Idea

    workshop = storage.load(sample)
    kato = workshop.contributions_of("kato")
    idea = Idea("kato.i9", "新しい案", "kato", causes=("kato.c1",))
    storage.save(sample, workshop.with_contributions(kato.edit(ideas=(*kato.ideas, idea))))
    result = cli("check", sample)
    assert "idea 'kato.i9' has not been rated by anyone" in result.out


def test_help_describes_every_command(cli) -> None:
    result = cli("--help")
    assert result.code == 0
    for command in ("new", "check", "summary", "open"):
        assert command in result.out
    sub = cli("check", "--help")
    assert sub.code == 0 and "--strict" in sub.out


def test_summary_of_the_sample_runs_in_a_fresh_process() -> None:
    result = run_process("summary")
    assert result.code == 0, result.err
    assert "備品貸出の業務改善ワーキンググループ" in result.out
    assert "15 steps in 4 lanes" in result.out


def test_usage_errors_exit_2_with_one_line(cli) -> None:
    result = cli("new")
    assert result.code == 2
    assert len(result.err.strip().splitlines()) == 1


def test_the_app_opens_a_copy_of_the_sample_never_the_bundled_one(tmp_path, monkeypatch):
    from cocreate.cli.workshop import resolve_workshop

    monkeypatch.setenv("COCREATE_HOME", str(tmp_path / "home"))
    copy = resolve_workshop(None, writable=True)
    assert copy == tmp_path / "home" / "workshops" / "equipment-lending"
    assert storage.load(copy) == storage.load(SAMPLE)
    # edits stay in the copy, and the copy is kept for next time
    workshop = storage.load(copy)
    storage.save_workshop(copy, workshop.edit(meta=workshop.meta.edit(title="私の練習")))
    assert resolve_workshop(None, writable=True) == copy
    assert storage.load(copy).meta.title == "私の練習"
    assert storage.load(SAMPLE).meta.title == "備品貸出の業務改善ワーキンググループ"
    # read-only commands still read the bundled sample
    assert resolve_workshop(None) == SAMPLE


def test_the_command_list_names_every_command_the_areas_register() -> None:
    from cocreate.cli import COMMANDS, _commands, build_parser

    assert _commands(build_parser()) == COMMANDS


def test_opening_the_app_imports_no_other_command_area(sample: Path) -> None:
    """`cocreate PATH` builds only the app's commands: the other areas' imports (and the
    domain they pull in) stay out of the path to the first frame."""
    import subprocess
    import sys

    code = (
        "import sys, textual.app\n"
        "textual.app.App.run = lambda self, *a, **k: None\n"
        "from cocreate.cli import main\n"
        f"main([{str(sample)!r}, '--lang', 'en'])\n"
        "print(sorted(m for m in sys.modules if m.startswith('cocreate.cli.')))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    ).stdout
    # cocreate.cli._lang is the command line's language, not a command area
    assert out.strip() == "['cocreate.cli._lang', 'cocreate.cli.app', 'cocreate.cli.workshop']"
