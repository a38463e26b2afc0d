"""Many writers at once, with real processes racing on one workshop folder.

* two facilitator sessions save ``workshop.toml``: the second is refused (compare-and-swap
  on the revision) with a clear message, reloads and applies its change again;
* one member in two terminals: the later revision wins whole, never a mixture;
* 20 members each add 50 items through the CLI at the same moment: all 1,000 arrive.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cocreate import storage
from tests import concurrency_helpers as helpers
from tests.conftest import ROOT


def _spawn(*args: str) -> subprocess.Popen:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env.setdefault("PYTHONIOENCODING", "utf-8")
    return subprocess.Popen(
        [sys.executable, *args],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True, encoding="utf-8",
    )  # fmt: skip


def _wait_ready(paths: list[Path], procs: list[subprocess.Popen], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not all(p.exists() for p in paths):
        for proc in procs:
            if proc.poll() is not None and proc.returncode != 0:
                pytest.fail(f"worker died: {proc.communicate()[1]}")
        if time.monotonic() > deadline:
            pytest.fail("workers never became ready")
        time.sleep(0.01)


def _finish(procs: list[subprocess.Popen], timeout: float = 120) -> list[str]:
    outputs = []
    for proc in procs:
        out, err = proc.communicate(timeout=timeout)
        assert proc.returncode == 0, err
        assert "Traceback" not in err, err
        outputs.append(out)
    return outputs


# --------------------------------------------------------------------------- facilitators


def test_second_facilitator_save_is_refused_then_reapplied(sample: Path, tmp_path: Path):
    before = storage.load(sample)
    start = tmp_path / "start"
    readies = [tmp_path / f"ready-{i}" for i in range(2)]
    titles = ["第1ファシリテーターの題", "第2ファシリテーターの題"]
    procs = [
        _spawn("-m", "tests.concurrency_helpers", "facilitator", str(sample), str(ready),
               str(start), title)
        for ready, title in zip(readies, titles, strict=True)
    ]  # fmt: skip
    # Both have loaded the same revision before either saves: one of them must lose.
    _wait_ready(readies, procs)
    start.touch()
    outputs = _finish(procs)

    firsts = [out.splitlines()[0] for out in outputs]
    assert sorted(line.split(":")[0] for line in firsts) == ["conflict", "saved"]
    winner = firsts.index("saved")
    loser = 1 - winner
    message = firsts[loser]
    assert "workshop.toml" in message
    assert "changed by someone else" in message
    assert "reload" in message
    assert outputs[loser].splitlines()[1] == "saved after reload"

    after = storage.load(sample)
    # The winner's change is there, whole; the loser's change was applied on top of
    # it after a reload, never written over it.
    assert after.meta.title == titles[winner]
    assert after.decisions[-1].text == titles[loser]
    assert after.decisions[:-1] == before.decisions
    assert after.revision == before.revision + 2


def test_two_app_sessions_of_the_facilitator_merge_never_overwrite(sample: Path, tmp_path: Path):
    """The terminal app's own session: the second save reloads and re-applies its edit."""
    before = storage.load(sample)
    start = tmp_path / "start"
    readies = [tmp_path / f"ready-{i}" for i in range(2)]
    texts = ["ファシリテーターAの決定", "ファシリテーターBの決定"]
    procs = [
        _spawn("-m", "tests.concurrency_helpers", "app-facilitator", str(sample), str(ready),
               str(start), text)
        for ready, text in zip(readies, texts, strict=True)
    ]  # fmt: skip
    _wait_ready(readies, procs)
    start.touch()
    outputs = [out.strip() for out in _finish(procs)]
    assert sorted(outputs) == ["merged", "saved"]
    after = storage.load(sample)
    assert after.decisions[: len(before.decisions)] == before.decisions
    assert sorted(d.text for d in after.decisions[len(before.decisions) :]) == sorted(texts)
    assert after.revision == before.revision + 2


# ------------------------------------------------------------ one member, two terminals

MEMBER = "sato"


def _member_race(sample: Path, tmp_path: Path, labels: list[str], count: int, *,
                 one_after_other: bool) -> list[str]:  # fmt: skip
    procs = []
    for n, label in enumerate(labels):
        ready = tmp_path / f"ready-{label}"
        start = tmp_path / ("start" if not one_after_other or n == 0 else f"done-{labels[n - 1]}")
        procs.append(_spawn("-m", "tests.concurrency_helpers", "member", str(sample), MEMBER,
                            label, str(count), str(ready), str(start)))  # fmt: skip
    _wait_ready([tmp_path / f"ready-{label}" for label in labels], procs)
    (tmp_path / "start").touch()
    if one_after_other:
        procs[0].wait(timeout=60)
        (tmp_path / f"done-{labels[0]}").touch()
    return _finish(procs)


def test_same_member_two_terminals_later_revision_wins_whole(sample: Path, tmp_path: Path):
    base = storage.load(sample).contributions_of(MEMBER)
    # Both terminals loaded the same revision; A saves, then B saves its stale copy.
    _member_race(sample, tmp_path, ["A", "BB"], 1, one_after_other=True)
    after = storage.load(sample).contributions_of(MEMBER)
    assert after == helpers.label_version(base, "BB")
    assert not any(p.id.startswith(f"{MEMBER}.A") for p in after.problems)
    assert after.revision == base.revision + 2


def test_same_member_two_terminals_racing_never_mix(sample: Path, tmp_path: Path):
    base = storage.load(sample).contributions_of(MEMBER)
    versions = {label: helpers.label_version(base, label) for label in ("A", "BB")}
    path = storage.member_path(sample, MEMBER)
    labels = list(versions)
    procs = []
    for label in labels:
        procs.append(_spawn("-m", "tests.concurrency_helpers", "member", str(sample), MEMBER,
                            label, "40", str(tmp_path / f"ready-{label}"),
                            str(tmp_path / "start")))  # fmt: skip
    _wait_ready([tmp_path / f"ready-{label}" for label in labels], procs)
    (tmp_path / "start").touch()
    # Read the file as fast as we can while both terminals save: every read is one
    # terminal's version whole.
    seen = set()
    while any(proc.poll() is None for proc in procs):
        mine = storage.load_member(sample, MEMBER)
        matches = [label for label, v in versions.items() if mine == v]
        assert len(matches) == 1 or mine == base, f"a mixture: {[p.id for p in mine.problems]}"
        seen.update(matches)
    _finish(procs)
    final = storage.load(sample).contributions_of(MEMBER)
    assert final in versions.values()
    assert final.revision == base.revision + 80  # every save moved the revision on
    assert seen, "the reader never saw a saved version"
    assert helpers.temp_files(sample) == []
    assert path.read_text(encoding="utf-8").startswith("schema_version")


# --------------------------------------------------------------------------- 20 members at once

IDEAS = 30


@pytest.mark.serial  # a crowd of CLI processes at once, each with its deadline
@pytest.mark.parametrize(
    "crowd", [pytest.param(5, id="5-processes"), pytest.param(20, marks=pytest.mark.slow, id="20")]
)
def test_members_add_fifty_items_each_at_once_through_the_cli(tmp_path: Path, crowd: int):
    """20 processes x 50 votes in the slow run (none lost); 5 x 50 in the normal suite."""
    folder = tmp_path / "crowd"
    helpers.build_crowd_workshop(folder, crowd, IDEAS, budget=60)
    start = tmp_path / "start"
    members = [f"m{n:02d}" for n in range(1, crowd + 1)]
    readies = [tmp_path / f"ready-{member}" for member in members]
    procs = [
        _spawn("-m", "tests.concurrency_helpers", "crowd", str(folder), str(index), member,
               str(IDEAS), str(ready), str(start))
        for index, (member, ready) in enumerate(zip(members, readies, strict=True))
    ]  # fmt: skip
    _wait_ready(readies, procs)
    started = time.monotonic()
    start.touch()
    _finish(procs, timeout=300)
    elapsed = time.monotonic() - started

    workshop = storage.load(folder)
    total = 0
    for index, member in enumerate(members):
        mine = workshop.contributions_of(member)
        plan = helpers.crowd_plan(str(folder), index, member, IDEAS)
        texts = [argv[argv.index("--text") + 1] for argv in plan if argv[0] == "add"]
        ratings = {
            argv[argv.index("--idea") + 1]: (int(argv[argv.index("--effect") + 1]),
                                             int(argv[argv.index("--effort") + 1]))
            for argv in plan if argv[0] == "rate"
        }  # fmt: skip
        dots = {
            argv[argv.index("--idea") + 1]: int(argv[argv.index("--count") + 1])
            for argv in plan
            if argv[0] == "dot"
        }
        assert [p.text for p in mine.problems] == texts, member
        assert {r.idea: (r.effect, r.effort) for r in mine.ratings} == ratings, member
        assert {d.idea: d.count for d in mine.dots} == dots, member
        assert mine.revision == len(plan), f"{member}: every command saved once"
        total += len(mine.problems) + len(mine.ratings) + len(mine.dots)
    assert total == crowd * 50
    assert len({p.id for p in workshop.problems}) == len(workshop.problems)  # no id collides
    assert helpers.temp_files(folder) == []
    print(f"\n{total} items from {crowd} processes in {elapsed:.1f}s")
