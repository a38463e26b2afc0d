"""CLI round trips on a copy of the sample: add, rate, dot, voting; one member file each."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from cocreate import storage
from tests.conftest import ROOT


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*.toml")}


def _changed(before: dict[str, bytes], after: dict[str, bytes]) -> set[str]:
    return {name for name in before.keys() | after.keys() if before.get(name) != after.get(name)}


def test_add_problem_prints_its_id_and_writes_only_that_members_file(sample, cli) -> None:
    before = _files(sample)
    result = cli(
        "add",
        "problem",
        sample,
        "--as",
        "kato",
        "--text",
        "点検の記録が残らない",
        "--steps",
        "s13",
        "--category",
        "記録",
    )
    assert result.code == 0, result.err
    assert result.out == "kato.p2\n"
    assert _changed(before, _files(sample)) == {"members/kato.toml"}
    problem = storage.load(sample).problem("kato.p2")
    assert (problem.text, problem.steps, problem.category) == (
        "点検の記録が残らない",
        ("s13",),
        "記録",
    )


def test_near_duplicates_are_suggested_and_exact_ones_refused(sample, cli) -> None:
    near = cli(
        "add",
        "problem",
        sample,
        "--as",
        "kato",
        "--text",
        "空き状況がわからず、総務課に何度も電話で問い合わせる",
    )
    assert near.code == 0
    assert "similar: watanabe.p1" in near.err
    before = _files(sample)
    same = cli(
        "add",
        "problem",
        sample,
        "--as",
        "kato",
        "--text",
        "空き状況がわからず、総務課に何度も電話で問い合わせている\u200b",
    )
    assert same.code == 2
    assert same.err.count("\n") == 1 and "already there as watanabe.p1" in same.err
    assert _files(sample) == before
    forced = cli(
        "add",
        "problem",
        sample,
        "--as",
        "kato",
        "--allow-duplicate",
        "--text",
        "空き状況がわからず、総務課に何度も電話で問い合わせている",
    )
    assert forced.code == 0


def test_why_chain_and_idea_round_trip(sample, cli) -> None:
    first = cli(
        "add",
        "cause",
        sample,
        "--as",
        "yoshida",
        "--problem",
        "kato.p1",
        "--text",
        "点検項目を決める人がいない",
        "--category",
        "rules",
    )
    assert (first.code, first.out) == (0, "yoshida.c3\n")
    second = cli(
        "add",
        "cause",
        sample,
        "--as",
        "yoshida",
        "--problem",
        "kato.p1",
        "--parent",
        "yoshida.c3",
        "--text",
        "所管が曖昧",
    )
    assert second.out == "yoshida.c4\n"
    idea = cli(
        "add",
        "idea",
        sample,
        "--as",
        "yoshida",
        "--title",
        "所管を決めて点検表を作る",
        "--causes",
        "yoshida.c4,kato.c1",
        "--steps",
        "s13",
        "--action",
        "simplify",
        "--reduction",
        "0.5",
        "--effort-days",
        "3",
    )
    assert (idea.code, idea.out, idea.err) == (0, "yoshida.i1\n", "")
    workshop = storage.load(sample)
    assert [c.id for c in workshop.why_chain("yoshida.c4")] == ["yoshida.c3", "yoshida.c4"]
    made = workshop.idea("yoshida.i1")
    assert made.causes == ("yoshida.c4", "kato.c1") and made.reduction == 0.5
    lonely = cli("add", "idea", sample, "--as", "yoshida", "--title", "RPA")
    assert lonely.code == 0 and "solution-first" in lonely.err


def test_bad_input_is_one_line_and_writes_nothing(sample, cli) -> None:
    before = _files(sample)
    cases = [
        (("add", "problem", sample, "--as", "ghost", "--text", "x"), "unknown member 'ghost'"),
        (
            ("add", "problem", sample, "--as", "kato", "--text", "x", "--steps", "s99"),
            "unknown step 's99'",
        ),
        (
            ("add", "cause", sample, "--as", "kato", "--problem", "no.p1", "--text", "x"),
            "unknown problem 'no.p1'",
        ),
        (
            ("add", "idea", sample, "--as", "kato", "--title", "x", "--reduction", "1.5"),
            "between 0 and 1",
        ),
        (
            ("add", "idea", sample, "--as", "kato", "--title", "x", "--causes", "kato.c9"),
            "unknown cause 'kato.c9'",
        ),
        (
            ("rate", sample, "--as", "kato", "--idea", "kato.i1", "--effect", "6", "--effort", "1"),
            "1 to 5",
        ),
        (
            ("rate", sample, "--as", "kato", "--idea", "nope.i1", "--effect", "3", "--effort", "1"),
            "unknown idea",
        ),
        (("dot", sample, "--as", "kato", "--idea", "kato.i1", "--count", "4"), "over the cap"),
        (("add", "member", sample, "--id", "sato", "--name", "x"), "already exists"),
    ]
    for args, message in cases:
        result = cli(*args)
        assert result.code == 2, args
        assert result.err.count("\n") == 1 and message in result.err, result.err
        assert "Traceback" not in result.err
    assert _files(sample) == before
    assert not [p for p in sample.rglob("*.tmp")]


def test_add_member_then_contribute(sample, cli) -> None:
    result = cli(
        "add",
        "member",
        sample,
        "--id",
        "mori",
        "--name",
        "森 花子",
        "--role",
        "volunteer",
        "--email",
        "mori.hanako@example.go.jp",
    )
    assert (result.code, result.out) == (0, "mori\n")
    assert storage.load(sample).member("mori").email == "mori.hanako@example.go.jp"
    assert cli("add", "problem", sample, "--as", "mori", "--text", "新しい困りごと").out == (
        "mori.p1\n"
    )
    assert (sample / "members" / "mori.toml").exists()


def test_rate_dot_and_the_voting_rules(sample, cli) -> None:
    assert (
        cli(
            "rate", sample, "--as", "yoshida", "--idea", "kato.i1", "--effect", "4", "--effort", "1"
        ).out
        == "kato.i1\n"
    )
    dot = cli("dot", sample, "--as", "yoshida", "--idea", "kato.i1", "--count", "3")
    assert dot.code == 0 and "2 left" in dot.err
    assert cli("dot", sample, "--as", "yoshida", "--idea", "ito.i1", "--count", "2").code == 0
    over = cli("dot", sample, "--as", "yoshida", "--idea", "tanaka.i1")
    assert over.code == 2 and "at most 0 can go on tanaka.i1" in over.err

    status = cli("voting", "status", sample)
    assert "not voted yet: kato (加藤 隆)" in status.out and "yoshida" not in status.out

    closed = cli("voting", "close", sample)
    assert closed.code == 0 and "voting closed" in closed.out
    before = _files(sample)
    for args in (
        ("rate", sample, "--as", "kato", "--idea", "kato.i1", "--effect", "3", "--effort", "3"),
        ("dot", sample, "--as", "kato", "--idea", "kato.i1"),
    ):
        refused = cli(*args)
        assert refused.code == 2
        assert refused.err == (
            "cocreate: voting is closed: no more ratings or dots (the facilitator can reopen it)\n"
        )
    assert _files(sample) == before

    opened = cli("voting", "open", sample, "--dots", "6", "--anonymous")
    assert "voting open: 6 dots per member" in opened.out and "anonymous" in opened.out
    anonymous = cli("voting", "status", sample, "--json")
    assert '"not_voted_count": 1' in anonymous.out  # kato, but anonymous mode hides who
    plain = cli("voting", "status", sample)
    assert "1 volunteer(s) have not voted yet" in plain.out
    for member in storage.load(sample).members:
        for out in (anonymous.out, plain.out):
            assert member.id not in out and member.name not in out
    assert cli("dot", sample, "--as", "kato", "--idea", "kato.i1").code == 0
    assert '"not_voted_count": 0' in cli("voting", "status", sample, "--json").out


def test_concurrent_additions_by_one_member_are_all_kept(sample) -> None:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "cocreate",
                "add",
                "problem",
                str(sample),
                "--as",
                "kato",
                "--text",
                f"同時に追加した困りごと その{i}",
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
            text=True,
        )
        for i in range(4)
    ]
    outputs = [proc.communicate(timeout=60) for proc in procs]
    assert all(proc.returncode == 0 for proc in procs), outputs
    ids = sorted(out.strip() for out, _ in outputs)
    assert ids == ["kato.p2", "kato.p3", "kato.p4", "kato.p5"]
    texts = {p.text for p in storage.load(sample).contributions_of("kato").problems}
    assert {f"同時に追加した困りごと その{i}" for i in range(4)} <= texts
