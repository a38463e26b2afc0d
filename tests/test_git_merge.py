"""Git as the engine for many machines: real `git merge` runs with cocreate's driver installed.

The six cases of issue 12 §6, plus a real conflict. Each test makes a repository
holding the sample workshop, branches it, changes the workshop on each branch through
the CLI, as members would on two machines, and merges.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from cocreate import storage
from tests.conftest import ROOT, SAMPLE

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git (apt: git)")


def git(repo: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        ["git", "-C", str(repo), *args], capture_output=True, text=True, check=False
    )
    if check and done.returncode:
        raise AssertionError(f"git {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done


@pytest.fixture
def repo(tmp_path: Path, cli) -> Path:
    """A repository whose `ws/` is the sample, on branch main, with the driver registered."""
    root = tmp_path / "repo"
    root.mkdir()
    shutil.copytree(SAMPLE, root / "ws")
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.name", "テスト")
    git(root, "config", "user.email", "test@example.com")
    assert cli("git-setup", root / "ws").code == 0
    assert cli("add", "member", root / "ws", "--id", "kimura", "--name", "木村").code == 0
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "the sample")
    return root


def on_branches(repo: Path, cli, ours: list[tuple], theirs: list[tuple]) -> None:
    """Run CLI commands on a branch `theirs` and on main, each committed."""
    git(repo, "checkout", "-q", "-b", "theirs")
    for command in theirs:
        result = cli(*command)
        assert result.code == 0, result.err
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "theirs")
    git(repo, "checkout", "-q", "main")
    for command in ours:
        result = cli(*command)
        assert result.code == 0, result.err
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "ours")


def merge(repo: Path) -> subprocess.CompletedProcess[str]:
    return git(repo, "merge", "--no-edit", "theirs", check=False)


def conflicted(repo: Path) -> list[str]:
    return git(repo, "diff", "--name-only", "--diff-filter=U").stdout.split()


def test_git_setup_registers_the_driver_and_the_attributes(repo: Path) -> None:
    driver = git(repo, "config", "merge.cocreate.driver").stdout.strip()
    assert driver.endswith("-m cocreate merge-file %O %A %B %P")
    attributes = git(repo, "check-attr", "merge", "ws/workshop.toml", "ws/members/suzuki.toml")
    assert attributes.stdout.count("merge: cocreate") == 2
    assert git(repo, "check-attr", "merge", "ws/notes.txt").stdout.strip().endswith("unspecified")
    assert git(repo, "check-ignore", "ws/.workshop.toml.lock").returncode == 0


def test_cocreate_new_writes_the_attributes(tmp_path: Path, cli) -> None:
    assert cli("new", tmp_path / "w", "--title", "新しい会").code == 0
    assert "merge=cocreate" in (tmp_path / "w" / ".gitattributes").read_text(encoding="utf-8")
    assert ".*.lock" in (tmp_path / "w" / ".gitignore").read_text(encoding="utf-8")


def _git_files(folder: Path) -> dict[str, str]:
    return {
        name: (folder / name).read_text(encoding="utf-8") if (folder / name).exists() else ""
        for name in (".gitattributes", ".gitignore")
    }


def test_every_way_of_creating_a_workshop_from_the_cli_writes_the_same_git_files(
    tmp_path: Path, cli
) -> None:
    expected = {".gitattributes": storage.GITATTRIBUTES, ".gitignore": storage.GITIGNORE}
    pf = tmp_path / "pf"
    steps = ROOT / "tests" / "data" / "process" / "steps-ja.csv"
    for args in (
        ("new", tmp_path / "new", "--title", "新しい会"),
        ("import", "steps", steps, "--into", tmp_path / "imported"),
        ("new-portfolio", pf, "--title", "棚卸し"),
        ("portfolio", "add", pf, "--name", "旅費精算", "--fte", "1.5"),
        ("new", pf / "workshops" / "ryohi", "--from-candidate", "c1"),
    ):
        result = cli(*args)
        assert result.code == 0, (args, result.err)
    for folder in (tmp_path / "new", tmp_path / "imported", pf / "workshops" / "ryohi"):
        assert storage.is_workshop(folder), folder
        assert _git_files(folder) == expected, folder


# --------------------------------------------------------------------------- the six cases


def test_different_members_on_two_branches_merge_cleanly(repo: Path, cli) -> None:
    ws = repo / "ws"
    on_branches(
        repo,
        cli,
        ours=[("add", "problem", ws, "--as", "suzuki", "--text", "ノートPCで追加した課題"),
              ("rate", ws, "--as", "kato", "--idea", "suzuki.i1", "--effect", "4",
               "--effort", "2")],
        theirs=[("add", "problem", ws, "--as", "tanaka", "--text", "事務所で追加した課題"),
                ("dot", ws, "--as", "yoshida", "--idea", "tanaka.i1", "--count", "2")],
    )  # fmt: skip
    assert merge(repo).returncode == 0
    workshop = storage.load(ws)
    texts = {p.text for p in workshop.problems}
    assert {"ノートPCで追加した課題", "事務所で追加した課題"} <= texts
    assert [r.idea for r in workshop.contributions_of("kato").ratings] == ["suzuki.i1"]
    assert cli("check", ws).code == 0


def test_the_same_member_adds_a_problem_on_each_branch(repo: Path, cli) -> None:
    ws = repo / "ws"
    before = storage.load(ws).contributions_of("suzuki")
    on_branches(
        repo,
        cli,
        ours=[("add", "problem", ws, "--as", "suzuki", "--text", "ノートPCの課題")],
        theirs=[("add", "problem", ws, "--as", "suzuki", "--text", "事務所PCの課題")],
    )
    done = merge(repo)
    assert done.returncode == 0, done.stdout + done.stderr
    mine = storage.load(ws).contributions_of("suzuki")
    added = [p for p in mine.problems if p not in before.problems]
    assert [p.text for p in added] == ["ノートPCの課題", "事務所PCの課題"]
    assert len({p.id for p in mine.problems}) == len(mine.problems)  # the twin was renumbered
    # both branches went from revision N to N+1; the merge is past both
    assert mine.revision == before.revision + 2
    assert cli("check", ws).code == 0


def test_the_same_member_rates_different_ideas_on_each_branch(repo: Path, cli) -> None:
    ws = repo / "ws"
    rate = ("rate", ws, "--as", "kimura", "--effect", "5", "--effort", "1", "--idea")
    on_branches(repo, cli, ours=[(*rate, "suzuki.i1")], theirs=[(*rate, "tanaka.i2")])
    assert merge(repo).returncode == 0
    ratings = storage.load(ws).contributions_of("kimura").ratings
    assert {(r.idea, r.effect, r.effort) for r in ratings} == {
        ("suzuki.i1", 5, 1),
        ("tanaka.i2", 5, 1),
    }


def test_dots_over_the_budget_across_branches_merge_and_check_reports_them(repo: Path, cli) -> None:
    ws = repo / "ws"
    dot = ("dot", ws, "--as", "kimura", "--count", "3", "--idea")
    on_branches(repo, cli, ours=[(*dot, "suzuki.i1")], theirs=[(*dot, "tanaka.i2")])
    assert merge(repo).returncode == 0
    assert conflicted(repo) == []
    result = cli("check", ws)
    assert result.code == 2
    assert f"{ws}/members/kimura.toml: dots: 6 dots spent, over the budget of 5" in result.err


def test_votes_cast_after_voting_closed_on_another_branch_are_reported(repo: Path, cli) -> None:
    ws = repo / "ws"
    on_branches(
        repo,
        cli,
        ours=[("voting", "close", ws)],
        theirs=[("dot", ws, "--as", "kimura", "--idea", "suzuki.i1", "--count", "2")],
    )
    assert merge(repo).returncode == 0
    result = cli("check", ws)
    assert result.code == 0  # a warning: the file is sound, the vote is late
    late = [line for line in result.out.splitlines() if "changed after voting closed" in line]
    assert len(late) == 1 and "members/kimura.toml: ratings: kimura's" in late[0]
    assert cli("check", ws, "--strict").code == 1


def test_a_member_removed_on_one_branch_who_voted_on_the_other_is_reported(repo: Path, cli) -> None:
    ws = repo / "ws"
    git(repo, "checkout", "-q", "-b", "theirs")
    assert cli("dot", ws, "--as", "kimura", "--idea", "suzuki.i1", "--count", "1").code == 0
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "kimura votes")
    git(repo, "checkout", "-q", "main")
    storage.update_workshop(
        ws, lambda w: w.edit(members=tuple(m for m in w.members if m.id != "kimura"))
    )
    git(repo, "commit", "-q", "-am", "kimura leaves")
    assert merge(repo).returncode == 0
    result = cli("check", ws)
    assert result.code == 2
    assert "members/kimura.toml: member: 'kimura' is not a member of this workshop" in result.err


# --------------------------------------------------------------------------- real conflicts


def test_the_same_item_edited_differently_on_both_branches_is_a_real_conflict(
    repo: Path,
) -> None:
    ws = repo / "ws"

    def retitle(text: str) -> None:
        def change(mine):
            first = mine.problems[0].edit(text=text)
            return mine.edit(problems=(first, *mine.problems[1:]))

        storage.update_member(ws, "suzuki", change)

    git(repo, "checkout", "-q", "-b", "theirs")
    retitle("事務所で直した文")
    git(repo, "commit", "-q", "-am", "theirs")
    git(repo, "checkout", "-q", "main")
    retitle("ノートPCで直した文")
    git(repo, "commit", "-q", "-am", "ours")
    done = merge(repo)
    assert done.returncode != 0
    assert conflicted(repo) == ["ws/members/suzuki.toml"]
    assert "problems[suzuki.p1].text: changed on both branches" in done.stdout + done.stderr
    text = (ws / "members" / "suzuki.toml").read_text(encoding="utf-8")
    assert text.count("<<<<<<< ours") == 1
    block = text.split("<<<<<<< ours\n")[1].split(">>>>>>> theirs")[0]
    assert block.splitlines() == [
        'text = "ノートPCで直した文"',
        "=======",
        'text = "事務所で直した文"',
    ]
    # the rest of the file merged: the revision line is not part of the conflict
    assert "revision = " in text.split("<<<<<<<")[0]


def test_a_file_that_is_not_a_workshop_file_falls_back_to_a_text_merge(tmp_path: Path, cli) -> None:
    base, ours, theirs = (tmp_path / n for n in ("base", "ours", "theirs"))
    base.write_text("a\nb\nc\n", encoding="utf-8")
    ours.write_text("A\nb\nc\n", encoding="utf-8")
    theirs.write_text("a\nb\nC\n", encoding="utf-8")
    result = cli("merge-file", base, ours, theirs, "ws/workshop.toml")
    assert result.code == 0
    assert "merged as text" in result.err
    assert ours.read_text(encoding="utf-8") == "A\nb\nC\n"


# --------------------------------------------------------------------------- the merge itself


def _workshop_texts(sample: Path):
    from cocreate.model import Step

    base = storage.load(sample)
    ours = base.edit(meta=base.meta.edit(title="ノートPCで直した題"))
    theirs = base.edit(steps=(*base.steps[:2], Step("s99", "新しい工程", base.lanes[0].id),
                              *base.steps[2:]))  # fmt: skip
    return base, ours, theirs


def test_workshop_toml_merges_field_by_field_and_keeps_a_step_where_it_was_added(
    sample: Path,
) -> None:
    from cocreate.storage.merge import merge_texts

    base, ours, theirs = _workshop_texts(sample)
    texts = [storage.dump_workshop(w, r) for w, r in ((base, 7), (ours, 8), (theirs, 8))]
    result = merge_texts(*texts, name="ws/workshop.toml")
    assert result.conflicts == ()
    path = sample / "workshop.toml"
    path.write_text(result.text, encoding="utf-8")
    merged = storage.load(sample)
    assert merged.meta.title == "ノートPCで直した題"
    assert [s.id for s in merged.steps] == [s.id for s in theirs.steps]
    assert merged.revision == 9


def test_the_same_step_id_added_differently_on_both_branches_is_a_conflict(
    sample: Path,
) -> None:
    from cocreate.model import Step
    from cocreate.storage.merge import merge_texts

    base = storage.load(sample)
    lane = base.lanes[0].id
    ours = base.edit(steps=(*base.steps, Step("s99", "こちらの工程", lane)))
    theirs = base.edit(steps=(*base.steps, Step("s99", "あちらの工程", lane, minutes=5.0)))
    texts = [storage.dump_workshop(w, 3) for w in (base, ours, theirs)]
    result = merge_texts(*texts, name="workshop.toml")
    assert [c.describe() for c in result.conflicts] == [
        "steps[s99]: added on both branches with different values"
    ]
    block = result.text.split("<<<<<<< ours\n")[1].split(">>>>>>> theirs")[0]
    assert 'name = "こちらの工程"' in block and 'name = "あちらの工程"' in block
