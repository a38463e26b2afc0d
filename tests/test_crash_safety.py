"""Crash safety, measured: SIGKILL a saving process at random moments, many times.

A child process saves ``workshop.toml`` (compare-and-swap) and one member file (locked
read-modify-write) in a tight loop and is killed with SIGKILL after a random delay.
After every kill:

* every file parses (the whole workshop loads and validates);
* each file equals, byte for byte, either the version before the save that was in
  flight or the version that save was writing (the child reports which revision it
  started and finished in shared memory, which survives its death);
* no temp file survives the next ``load``.

Where random kills land depends on the machine's load, so a second test makes the child
kill itself (SIGKILL, no cleanup) at each named point of a save in turn: after the temp
file is created, halfway through writing it, before its fsync, before the rename and
after it. Each point must leave exactly the outcome it implies (the old version and a
temp file, or the new version). The same points inside a deliberately unsafe in-place
writer must make the check fail, so the check can fail.

The normal suite kills 60 times (every named point of a save is also hit on purpose by the
second test). The documented longer run kills 1,000 times::

    COCREATE_CRASH_RUNS=1000 python -m pytest tests/test_crash_safety.py -q -s

With ``-s`` the figures (kills, kills that landed mid-save, temp files left behind
and cleaned) are printed.
"""

from __future__ import annotations

import multiprocessing
import os
import random
import shutil
import time
from pathlib import Path

import pytest

from cocreate import storage
from cocreate.errors import CocreateError
from tests import concurrency_helpers as helpers

#: Kills in the normal suite; the slow run (`pytest -m slow`) makes 1,000, and
#: COCREATE_CRASH_RUNS sets the light run's count.
RUNS = int(os.environ.get("COCREATE_CRASH_RUNS", "60"))
MEMBER = "ito"
#: Longest random delay between the child starting its save loop and the kill, at
#: least. One round of two saves takes a few milliseconds here, so kills land at every
#: point of many different rounds, including inside atomic_write. A larger workshop or
#: a busy machine takes longer: the delay then stretches to two measured rounds.
MAX_DELAY = 0.012


def _round_seconds(folder: Path) -> float:
    """How long one round of the save loop takes here, on a copy of the folder."""
    probe = folder.parent / "probe"
    shutil.copytree(folder, probe)
    workshop = storage.load(probe, validate=False)
    start = time.perf_counter()
    storage.save_workshop(probe, workshop)
    storage.update_member(probe, MEMBER, lambda mine: mine)
    elapsed = time.perf_counter() - start
    shutil.rmtree(probe)
    return elapsed


@pytest.fixture(scope="module")
def forkserver():
    """A forkserver context with storage pre-imported: a new child costs milliseconds."""
    if "forkserver" not in multiprocessing.get_all_start_methods():  # pragma: no cover
        pytest.fail("this platform has no forkserver start method")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["tests.concurrency_helpers"])
    return context


def _start_child(context, folder: Path, pristine: Path, torn: bool, die_at=None):
    progress = context.Array("q", helpers.PROGRESS_SLOTS, lock=False)
    child = context.Process(
        target=helpers.save_loop,
        args=(str(folder), str(pristine), MEMBER, progress, torn, die_at),
    )
    child.start()
    return child, progress


def _kill_once(
    context, folder: Path, pristine: Path, rng: random.Random, torn: bool, max_delay: float
):
    """Start a save loop and SIGKILL it from outside after a random delay."""
    child, progress = _start_child(context, folder, pristine, torn)
    deadline = time.monotonic() + 30
    while not progress[helpers.READY]:
        if not child.is_alive() or time.monotonic() > deadline:
            child.kill()
            child.join()
            pytest.fail(f"save loop did not start (exit code {child.exitcode})")
        time.sleep(0.0005)
    time.sleep(rng.uniform(0, max_delay))
    child.kill()
    child.join()
    assert child.exitcode == -9, "the child must die by SIGKILL, not by an error"
    return list(progress)


def _die_at(context, folder: Path, pristine: Path, torn: bool, die_at: tuple[str, int, str]):
    """Start a save loop that SIGKILLs itself at one named point of one save."""
    child, progress = _start_child(context, folder, pristine, torn, die_at)
    child.join(timeout=60)
    if child.is_alive():
        child.kill()
        child.join()
        pytest.fail(f"the save loop never reached {die_at} and was still running")
    assert child.exitcode == -9, f"the child did not die at {die_at} (exit code {child.exitcode})"
    return list(progress)


class Figures:
    """What a series of kills found."""

    def __init__(self) -> None:
        self.kills = 0
        self.old_kept = 0
        """Kills during a save after which the file still held the old version."""
        self.new_landed = 0
        """Kills during a save after which the file already held the new version."""
        self.temp_left = 0
        self.failures: list[str] = []


class Harness:
    """A workshop folder, what each revision of its two saved files must hold, and the
    check made after every kill."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.pristine = folder.parent / "pristine"
        shutil.copytree(folder, self.pristine)
        self.base = storage.load(self.pristine, validate=False)
        self.base_member = self.base.contributions_of(MEMBER)
        self.workshop_file = folder / storage.WORKSHOP_FILE
        self.member_file = storage.member_path(folder, MEMBER)
        first = storage.load(folder)
        self.original_ws = {first.revision: self.workshop_file.read_bytes()}
        self.original_member = {
            first.contributions_of(MEMBER).revision: self.member_file.read_bytes()
        }

    def ws_text(self, revision: int) -> str:
        return storage.dump_workshop(helpers.workshop_version(self.base, revision), revision)

    def member_text(self, revision: int) -> str:
        return storage.dump_member(helpers.member_version(self.base_member, revision), revision)

    def check(self, run: object, progress: list[int], figures: Figures) -> dict[str, str]:
        """Check the folder after a kill; add to ``figures``. Returns, for each file whose
        save was in flight, ``"old"`` or ``"new"``: the version the file held."""
        figures.kills += 1
        figures.temp_left += len(helpers.temp_files(self.folder))
        outcomes: dict[str, str] = {}

        # Every file parses and the workshop is valid as a whole.
        try:
            workshop = storage.load(self.folder)
        except CocreateError as exc:
            figures.failures.append(f"run {run}: the folder does not load: {exc}")
            return outcomes
        if helpers.temp_files(self.folder):
            figures.failures.append(f"run {run}: a temp file survived load")

        for name, path, revision, started, done, original, make in (
            (
                "workshop",
                self.workshop_file,
                workshop.revision,
                progress[helpers.WS_STARTED],
                progress[helpers.WS_DONE],
                self.original_ws,
                self.ws_text,
            ),
            (
                "member",
                self.member_file,
                workshop.contributions_of(MEMBER).revision,
                progress[helpers.MEMBER_STARTED],
                progress[helpers.MEMBER_DONE],
                self.original_member,
                self.member_text,
            ),
        ):
            if started == 0:  # killed before its first save of this file
                allowed = {revision}  # the bytes are still checked below
            elif started == done:
                allowed = {done}
            else:
                allowed = {started - 1, started}
                figures.old_kept += revision == started - 1
                figures.new_landed += revision == started
                outcomes[name] = "old" if revision == started - 1 else "new"
            if revision not in allowed:
                figures.failures.append(
                    f"run {run}: {path.name} is at revision {revision}; the save in"
                    f" flight went from {started - 1} to {started}"
                )
            expected = original.get(revision) or make(revision).encode("utf-8")
            if path.read_bytes() != expected:
                figures.failures.append(
                    f"run {run}: {path.name} at revision {revision} is not that version whole"
                )
        return outcomes


def _kill_repeatedly(context, folder: Path, runs: int) -> Figures:
    """Kill a save loop from outside ``runs`` times, checking the folder after each kill.

    Stops at the first failure: a broken folder cannot be the start of the next run.
    """
    harness = Harness(folder)
    rng = random.Random(20261122)
    max_delay = max(MAX_DELAY, 2 * _round_seconds(folder))
    figures = Figures()
    for run in range(runs):
        progress = _kill_once(context, folder, harness.pristine, rng, False, max_delay)
        harness.check(run, progress, figures)
        if figures.failures:
            return figures
    return figures


def _own_map_only(folder: Path) -> Path:
    """The sample with its own map only: the other bureaus' maps triple workshop.toml,
    and a kill would then land in the encoding far more often than in the write."""
    workshop = storage.load(folder)
    storage.save(folder, workshop.edit(variants=(), alignments=()))
    return folder


@pytest.mark.serial  # kills children at random moments of their saves, hundreds of times
@pytest.mark.parametrize(
    "runs", [pytest.param(RUNS, id="light"), pytest.param(1000, marks=pytest.mark.slow, id="1000")]
)
def test_kill_while_saving_leaves_old_or_new_file(forkserver, disk_sample: Path, runs: int):
    """Kills from outside at random moments: wherever one lands, nothing is lost.

    Where in a save the kills land depends on the machine's load, so this test does not
    count on any one point being hit; ``test_a_kill_at_each_point_of_a_save`` kills at
    every point of a save in turn.
    """
    sample = _own_map_only(disk_sample)
    start = time.monotonic()
    figures = _kill_repeatedly(forkserver, sample, runs)
    elapsed = time.monotonic() - start
    print(
        f"\ncrash safety: {figures.kills} kills in {elapsed:.1f}s; after a kill during a"
        f" save, {figures.old_kept} files held the old version and {figures.new_landed} the"
        f" new one; {figures.temp_left} temp files were left by a kill and removed by the"
        " next load"
    )
    assert figures.failures == []
    assert figures.kills == runs
    # A save is most of each round (encoding and writing), so kills do land inside them.
    assert figures.old_kept + figures.new_landed >= 1


#: What each point of ``atomic_write`` must leave: the version on disk, and whether the
#: kill left a temp file behind (which the next load removes).
EXPECTED = {
    "open": ("old", True),
    "mid-write": ("old", True),
    "fsync": ("old", True),
    "replace": ("old", True),
    "fsync-folder": ("new", False),
}


@pytest.mark.parametrize("which", ["workshop", "member"])
def test_a_kill_at_each_point_of_a_save(forkserver, disk_sample: Path, which: str):
    """SIGKILL at each point of a save (the first and the third of that file, so the
    first kill also lands before the loop's first save of the other file)."""
    assert set(EXPECTED) == set(helpers.KILL_POINTS)
    harness = Harness(_own_map_only(disk_sample))
    figures = Figures()
    seen = {}
    for save in (1, 3):
        for point in helpers.KILL_POINTS:
            run = (which, save, point)
            progress = _die_at(forkserver, harness.folder, harness.pristine, False, run)
            temp_left = len(helpers.temp_files(harness.folder))
            outcomes = harness.check(run, progress, figures)
            assert figures.failures == []
            seen[save, point] = (outcomes.get(which), temp_left == 1)
    assert seen == {(save, point): EXPECTED[point] for save in (1, 3) for point in EXPECTED}


@pytest.mark.parametrize("point", helpers.TORN_KILL_POINTS)
@pytest.mark.parametrize("which", ["workshop", "member"])
def test_the_kill_test_catches_an_unsafe_save(forkserver, sample: Path, which: str, point: str):
    """The same check, after a kill inside a save that truncates and writes in place,
    must fail: the file holds neither version whole."""
    harness = Harness(_own_map_only(sample))
    figures = Figures()
    run = (which, 2, point)
    progress = _die_at(forkserver, harness.folder, harness.pristine, True, run)
    harness.check(run, progress, figures)
    assert figures.failures, f"a kill at {point} of an in-place write left a whole file"
