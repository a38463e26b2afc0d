"""Workers for the crash-safety and concurrency tests: code that runs in child processes.

Every version a worker saves is a pure function of its revision number, so the test can
compute, for any revision it finds on disk, exactly what the file must hold byte for byte.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import sys
import time
from pathlib import Path

from cocreate import storage
from cocreate.model import Decision, MemberContributions, Problem, Workshop

__all__ = [
    "KILL_POINTS",
    "PROGRESS_SLOTS",
    "app_facilitator_session",
    "build_crowd_workshop",
    "crowd_member",
    "crowd_plan",
    "facilitator_session",
    "label_version",
    "member_session",
    "member_version",
    "save_loop",
    "temp_files",
    "wait_for_file",
    "workshop_version",
]

#: Slots of the shared progress array a save loop writes (see ``save_loop``).
PROGRESS_SLOTS = 5
WS_STARTED, WS_DONE, MEMBER_STARTED, MEMBER_DONE, READY = range(PROGRESS_SLOTS)


def workshop_version(base: Workshop, revision: int) -> Workshop:
    """The facilitator's workshop as it is at ``revision``: a title and a varying log.

    The number of decisions and the length of their text change with the revision, so
    a torn or truncated write can never look like a whole version.
    """
    extra = tuple(
        Decision(
            date=dt.date(2026, 11, 1) + dt.timedelta(days=i),
            text=f"決定 {revision}-{i}「試行」" + "あ" * (revision % 7) + "\n2行目",
        )
        for i in range(revision % 13)
    )
    return base.edit(
        meta=base.meta.edit(title=f"{base.meta.title}(版 {revision})"),
        decisions=base.decisions + extra,
    )


def member_version(base: MemberContributions, revision: int) -> MemberContributions:
    """One member's file as it is at ``revision``: their own items plus a varying tail."""
    extra = tuple(
        Problem(
            id=f"{base.member}.crash{i + 1}",
            text=f"版 {revision} の問題 {i + 1}: 申請書の\"押印\"が ' 二重 ' です" + "。" * i,
            author=base.member,
        )
        for i in range(revision % 17)
    )
    return base.edit(problems=base.problems + extra)


#: The points of one ``atomic_write`` at which a child can be told to die, in order:
#: after the temp file is created (before any byte is written), halfway through writing
#: it (the first ``os.write`` is cut short to half the bytes), before its fsync, before
#: the rename over the target, and after the rename (before the folder's fsync).
#: The unsafe writer of the torn mode has its own points: after truncating the target,
#: and after half the new bytes reached the disk.
KILL_POINTS = ("open", "mid-write", "fsync", "replace", "fsync-folder")
TORN_KILL_POINTS = ("truncated", "half-written")


def _die() -> None:
    """SIGKILL this process: no Python cleanup runs, exactly as a kill from outside."""
    os.kill(os.getpid(), signal.SIGKILL)


def _torn_write(path, text, point: str | None = None) -> None:
    """A deliberately unsafe save (truncate, write half, flush, write the rest)."""
    data = text if isinstance(text, bytes) else text.encode("utf-8")
    with open(path, "wb") as handle:
        if point == "truncated":
            _die()
        handle.write(data[: len(data) // 2])
        handle.flush()
        os.fsync(handle.fileno())
        if point == "half-written":
            _die()
        handle.write(data[len(data) // 2 :])


class _DyingOs:
    """What ``cocreate.storage.files`` sees as ``os`` in a child told where to die.

    Every call goes to the real ``os``; while the save that is to be cut is in flight,
    the chosen point SIGKILLs the process just before the call it names.
    """

    def __init__(self) -> None:
        self.point: str | None = None
        self.writes = 0
        self.fsyncs = 0

    def arm(self, point: str | None) -> None:
        self.point, self.writes, self.fsyncs = point, 0, 0

    def __getattr__(self, name: str):
        return getattr(os, name)

    def write(self, fd: int, data) -> int:
        self.writes += 1
        if self.point == "open" and self.writes == 1:
            _die()
        if self.point == "mid-write":
            if self.writes == 1:  # a short write: atomic_write must write the rest
                return os.write(fd, data[: max(len(data) // 2, 1)])
            _die()
        return os.write(fd, data)

    def fsync(self, fd: int) -> None:
        self.fsyncs += 1
        if (self.point, self.fsyncs) in (("fsync", 1), ("fsync-folder", 2)):
            _die()
        os.fsync(fd)

    def replace(self, source, target) -> None:
        if self.point == "replace":
            _die()
        os.replace(source, target)


def _die_at(target: Path, save: int, point: str, torn: bool) -> None:
    """Make save number ``save`` of ``target`` (counting from 1) die at ``point``."""
    from cocreate.storage import files

    real = files.atomic_write
    dying = _DyingOs()
    files.os = dying  # type: ignore[assignment]
    saves = 0

    def atomic_write(path, text, **options) -> None:
        nonlocal saves
        chosen = False
        if Path(path) == target:
            saves += 1
            chosen = saves == save
        if torn:
            _torn_write(path, text, point if chosen else None)
            return
        dying.arm(point if chosen else None)
        try:
            real(path, text, **options)
        finally:
            dying.arm(None)
        if chosen:  # the point was never reached: say so by an exit code, not a kill
            os._exit(3)

    storage.atomic_write = atomic_write


def save_loop(
    folder: str,
    pristine: str,
    member: str,
    progress,
    torn: bool = False,
    die_at: tuple[str, int, str] | None = None,
) -> None:
    """Save ``workshop.toml`` and one member file in turn, forever (until killed).

    ``progress`` is a shared array: before each save the revision being written goes in
    ``*_STARTED``, after it in ``*_DONE``; ``READY`` is set once the loop runs. The
    parent reads it after SIGKILL to know which two versions a file may hold.
    With ``torn`` the saves are made unsafe on purpose, to prove the test can fail.
    ``die_at`` is ``(file, save, point)``: the child SIGKILLs itself at that point (one
    of ``KILL_POINTS``, or ``TORN_KILL_POINTS`` with ``torn``) of save number ``save``
    of ``file`` (``"workshop"`` or ``"member"``), so a kill lands where the test says.
    """
    if die_at is not None:
        which, save, point = die_at
        target = (
            Path(folder) / storage.WORKSHOP_FILE
            if which == "workshop"
            else storage.member_path(folder, member)
        )
        _die_at(target, save, point, torn)
    elif torn:
        storage.atomic_write = _torn_write
    base = storage.load(pristine, validate=False)
    base_member = base.contributions_of(member)
    current = storage.load(folder, validate=False)
    revision = current.revision
    member_revision = storage.load_member(folder, member).revision
    progress[READY] = 1
    while True:
        progress[WS_STARTED] = revision + 1
        saved = storage.save_workshop(
            folder, workshop_version(base, revision + 1).edit(revision=revision)
        )
        revision = saved.revision
        progress[WS_DONE] = revision

        progress[MEMBER_STARTED] = member_revision + 1
        saved_member = storage.update_member(
            folder, member, lambda mine: member_version(base_member, mine.revision + 1)
        )
        member_revision = saved_member.revision
        progress[MEMBER_DONE] = member_revision


def temp_files(folder: Path) -> list[Path]:
    """Every save temp file in a workshop folder and its members folder."""
    return sorted(
        p for place in (folder, folder / storage.MEMBERS_DIR) for p in place.glob(".*.tmp")
    )


def wait_for_file(path: Path, timeout: float = 30.0) -> None:
    """Spin until ``path`` exists: the start line of a race between processes."""
    deadline = time.monotonic() + timeout
    while not os.path.exists(path):
        if time.monotonic() > deadline:
            raise TimeoutError(f"{path} never appeared")
        time.sleep(0.001)


# --------------------------------------------------------------------------- racing workers
# Run as ``python -m tests.concurrency_helpers KIND ...``: real, separate interpreters.


def facilitator_session(folder: str, ready: str, start: str, title: str) -> int:
    """Load the workshop, wait for the start line, change the title and save it (CAS).

    On a conflict, print the one-line message, reload, apply the change again and save:
    what a facilitator's app does. Prints ``saved`` or ``conflict: <message>`` first.
    """
    from cocreate.errors import ConflictError

    workshop = storage.load(folder)
    Path(ready).touch()
    wait_for_file(Path(start))
    changed = workshop.edit(meta=workshop.meta.edit(title=title))
    try:
        storage.save_workshop(folder, changed)
        print("saved", flush=True)
    except ConflictError as exc:
        print(f"conflict: {exc}", flush=True)
        again = storage.load(folder)
        storage.save_workshop(folder, again.edit(decisions=(*again.decisions, _decision(title))))
        print("saved after reload", flush=True)
    return 0


def app_facilitator_session(folder: str, ready: str, start: str, text: str) -> int:
    """The terminal app's own editing session (facilitator) adding one decision.

    Prints ``merged`` when its save met someone else's first and was re-applied on top
    after a reload, ``saved`` when it went straight through.
    """
    from cocreate.session import Session

    session = Session.open(folder)
    Path(ready).touch()
    wait_for_file(Path(start))
    result = session.apply(
        "add decision", lambda w: w.edit(decisions=(*w.decisions, _decision(text)))
    )
    if not result.saved:
        print(f"not saved: {result.message}", flush=True)
        return 1
    print("merged" if result.merged else "saved", flush=True)
    return 0


def _decision(text: str) -> Decision:
    return Decision(date=dt.date(2026, 11, 22), text=text)


def member_session(folder: str, member: str, label: str, count: str, ready: str, start: str) -> int:
    """Save one member's whole file ``count`` times, each time a version tagged ``label``.

    Models one member in two terminals: each terminal holds its own copy and saves it
    whole (``save_member``, later revision wins).
    """
    mine = storage.load_member(folder, member)
    version = label_version(mine, label)
    Path(ready).touch()
    wait_for_file(Path(start))
    for _ in range(int(count)):
        storage.save_member(folder, version)
    print("done", flush=True)
    return 0


def label_version(base: MemberContributions, label: str) -> MemberContributions:
    """A member's file with problems that say which terminal saved it."""
    size = 3 + len(label) % 4
    extra = tuple(
        Problem(id=f"{base.member}.{label}{i}", text=f"端末{label}の問題 {i}", author=base.member)
        for i in range(1, size + 1)
    )
    return base.edit(problems=base.problems + extra)


def build_crowd_workshop(folder: Path, members: int, ideas: int, budget: int) -> Workshop:
    """A workshop with ``members`` members and ``ideas`` ideas to rate and dot."""
    from cocreate.model import Idea, Member, Meta, Role, Voting

    crowd = tuple(Member(f"m{n:02d}", f"メンバー{n:02d}") for n in range(1, members + 1))
    facilitator = Member("fac", "進行役", Role.FACILITATOR)
    workshop = Workshop(
        meta=Meta(title="同時書き込みの試験", facilitator="fac"),
        voting=Voting(dots_per_member=budget, cap_per_idea=3),
        members=(facilitator, *crowd),
    )
    storage.create(folder, workshop)
    storage.save_member(
        folder,
        MemberContributions(
            member="fac",
            ideas=tuple(
                Idea(id=f"fac.i{n}", title=f"改善案 {n}", author="fac") for n in range(1, ideas + 1)
            ),
        ),
    )
    return storage.load(folder)


def crowd_plan(folder: str, index: int, member: str, ideas: int) -> list[list[str]]:
    """The 50 CLI commands member number ``index`` runs: 10 problems, 20 ratings, 20 dots.

    Ratings and dots each go to 20 different ideas (``ideas`` must be at least 20), and
    the dots add up to at most 41.
    """
    problems = [
        ["add", "problem", folder, "--as", member,
         "--text", f"{member} の困りごと {n}:{'押印' * (n % 3)}待ち時間 {index * 100 + n} 分"]
        for n in range(1, 11)
    ]  # fmt: skip
    ratings = [
        ["rate", folder, "--as", member, "--idea", f"fac.i{(index + j) % ideas + 1}",
         "--effect", str(1 + (index + j) % 5), "--effort", str(1 + (index * 3 + j) % 5)]
        for j in range(20)
    ]  # fmt: skip
    dots = [
        ["dot", folder, "--as", member, "--idea", f"fac.i{(index * 2 + j) % ideas + 1}",
         "--count", str(1 + (index + j) % 3)]
        for j in range(20)
    ]  # fmt: skip
    plan = []
    for n in range(20):
        if n % 2 == 0:
            plan.append(problems[n // 2])
        plan.append(ratings[n])
        plan.append(dots[n])
    return plan


def crowd_member(folder: str, index: str, member: str, ideas: str, ready: str, start: str) -> int:
    """Run a member's 50 CLI commands in one process, starting with everyone else."""
    from cocreate.cli import main

    plan = crowd_plan(folder, int(index), member, int(ideas))
    Path(ready).touch()
    wait_for_file(Path(start))
    for argv in plan:
        code = main(argv)
        if code != 0:
            print(f"failed ({code}): {argv}", file=sys.stderr, flush=True)
            return code
    return 0


if __name__ == "__main__":
    workers = {
        "facilitator": facilitator_session,
        "app-facilitator": app_facilitator_session,
        "member": member_session,
        "crowd": crowd_member,
    }
    sys.exit(workers[sys.argv[1]](*sys.argv[2:]))
