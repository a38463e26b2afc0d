"""Crash safety, measured: SIGKILL a saving process at random moments, many times.

A child process saves ``workshop.toml`` (compare-and-swap) and one member file (locked
read-modify-write) in a tight loop and is killed with SIGKILL after a random delay.
After every kill:

* every file parses (the whole workshop loads and validates);
* each file equals, byte for byte, either the version before the save that was in
  flight or the version that save was writing (the child reports which revision it
  started and finished in shared memory, which survives its death);
* no temp file survives the next ``load``.

The normal suite kills 200 times. The documented longer run kills 1,000 times::

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
RUNS = int(os.environ.get("COCREATE_CRASH_RUNS", "200"))
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


def _kill_once(
    context, folder: Path, pristine: Path, rng: random.Random, torn: bool, max_delay: float
):
    progress = context.Array("q", helpers.PROGRESS_SLOTS, lock=False)
    child = context.Process(
        target=helpers.save_loop,
        args=(str(folder), str(pristine), MEMBER, progress, torn),
    )
    child.start()
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


def _kill_repeatedly(context, folder: Path, runs: int, *, torn: bool = False) -> Figures:
    """Kill a save loop ``runs`` times, checking the folder after each kill.

    Stops at the first failure: a broken folder cannot be the start of the next run.
    """
    pristine = folder.parent / "pristine"
    shutil.copytree(folder, pristine)
    base = storage.load(pristine, validate=False)
    base_member = base.contributions_of(MEMBER)
    workshop_file = folder / storage.WORKSHOP_FILE
    member_file = storage.member_path(folder, MEMBER)
    first = storage.load(folder)
    original_ws = {first.revision: workshop_file.read_bytes()}
    original_member = {first.contributions_of(MEMBER).revision: member_file.read_bytes()}

    def ws_text(revision: int) -> str:
        return storage.dump_workshop(helpers.workshop_version(base, revision), revision)

    def member_text(revision: int) -> str:
        return storage.dump_member(helpers.member_version(base_member, revision), revision)

    rng = random.Random(20261122)
    max_delay = max(MAX_DELAY, 2 * _round_seconds(folder))
    figures = Figures()
    for run in range(runs):
        progress = _kill_once(context, folder, pristine, rng, torn, max_delay)
        figures.kills += 1
        figures.temp_left += len(helpers.temp_files(folder))

        # Every file parses and the workshop is valid as a whole.
        try:
            workshop = storage.load(folder)
        except CocreateError as exc:
            figures.failures.append(f"run {run}: the folder does not load: {exc}")
            return figures
        if helpers.temp_files(folder):
            figures.failures.append(f"run {run}: a temp file survived load")

        for path, revision, started, done, original, make in (
            (
                workshop_file,
                workshop.revision,
                progress[helpers.WS_STARTED],
                progress[helpers.WS_DONE],
                original_ws,
                ws_text,
            ),
            (
                member_file,
                workshop.contributions_of(MEMBER).revision,
                progress[helpers.MEMBER_STARTED],
                progress[helpers.MEMBER_DONE],
                original_member,
                member_text,
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
    # The figures prove the kills hit saves, not only the gaps between them.
    assert figures.old_kept >= 1
    assert figures.new_landed >= 1
    assert figures.temp_left >= 1


@pytest.mark.serial  # its kills must land inside short in-place writes
def test_the_kill_test_catches_an_unsafe_save(forkserver, sample: Path):
    """The same harness, with saves that truncate and write in place, must fail."""
    # It stops at the first failure, so the bound costs nothing when the harness works;
    # it is wide because a loaded machine can let a few dozen kills miss the write.
    figures = _kill_repeatedly(forkserver, sample, 500, torn=True)
    assert figures.failures, "an in-place writer survived 500 kills: the test cannot fail"
