"""Shared fixtures: a fresh copy of the sample workshop, and running the CLI."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "workshops" / "equipment-lending"
SHARED_DATA = ROOT.parent / "shared" / "data"
#: Where temporary files went before the tests moved them to memory: a real disk, for the
#: tests whose subject is the time a save spends on one (``disk_sample``).
DISK_TEMP = Path(tempfile.gettempdir())


def _temp_in_memory() -> None:
    """Put the tests' temporary folders (tmp_path, tempfile, the CLI's subprocesses) on
    /dev/shm where it is a writable tmpfs, unless TMPDIR says otherwise.

    Every save fsyncs its file and folder; on a disk that is most of what the round-trip
    and concurrency tests wait for, on tmpfs it costs nothing. What the tests check (the
    bytes, the atomic rename, the locks) is the same on both; the crash test, whose kills
    must land inside the fsyncs, uses ``disk_sample``.
    """
    shm = Path("/dev/shm")
    if "TMPDIR" not in os.environ and shm.is_dir() and os.access(shm, os.W_OK | os.X_OK):
        os.environ["TMPDIR"] = str(shm)
        tempfile.tempdir = None  # tempfile reads TMPDIR again on its next call


_temp_in_memory()


def _bytecode_written() -> None:
    """Let this run and its children write bytecode, where the environment forbids it.

    Some machines set ``PYTHONDONTWRITEBYTECODE`` (this project's CI machines do). Then
    every CLI, app and member-page process a test starts, and every xdist worker,
    compiles cocreate's modules and the tests from source again: hundreds of processes,
    each paying for it. The bytecode goes where Python always puts it, in the
    ``__pycache__`` folders that ``.gitignore`` already names.
    """
    if os.environ.pop("PYTHONDONTWRITEBYTECODE", None) is not None or sys.dont_write_bytecode:
        sys.dont_write_bytecode = False


_bytecode_written()


@pytest.fixture(autouse=True)
def _english_unless_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI follows the locale: tests expect English unless they choose a language,
    whatever the locale of the machine running them (child processes inherit it)."""
    monkeypatch.setenv("COCREATE_LANG", "en")


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    """A writable copy of the bundled sample workshop."""
    target = tmp_path / "equipment-lending"
    shutil.copytree(SAMPLE, target)
    return target


@pytest.fixture
def disk_sample() -> Iterator[Path]:
    """Like ``sample``, on a disk (not /dev/shm): saves take as long as they really do."""
    with tempfile.TemporaryDirectory(dir=DISK_TEMP, prefix="cocreate-disk-") as folder:
        target = Path(folder) / "equipment-lending"
        shutil.copytree(SAMPLE, target)
        yield target


@dataclass
class CliResult:
    code: int
    out: str
    err: str


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]):
    """Run ``cocreate`` in this process: fast, and exceptions surface as test failures."""
    from cocreate.cli import main

    def run(*args: str) -> CliResult:
        capsys.readouterr()
        try:
            code = main([str(a) for a in args])
        except SystemExit as exc:  # argparse's own exits (--help, usage errors)
            code = exc.code if isinstance(exc.code, int) else 2
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return run


def run_process(*args: str, cwd: Path | None = None, timeout: float = 60) -> CliResult:
    """Run ``python -m cocreate`` in a child process, as a user would."""
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env.setdefault("PYTHONIOENCODING", "utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "cocreate", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd,
        env=env,
        timeout=timeout,
    )
    return CliResult(proc.returncode, proc.stdout, proc.stderr)


def examples(light: int, thorough: int) -> pytest.MarkDecorator:
    """Run a Hypothesis test with ``light`` examples, and with ``thorough`` under ``slow``.

    The test takes ``max_examples`` and hands it to its inner ``@settings``: the normal
    suite keeps a lighter run of the same property, ``.ci/run`` runs both.
    """
    return pytest.mark.parametrize(
        "max_examples",
        [
            pytest.param(light, id="light"),
            pytest.param(thorough, id="thorough", marks=pytest.mark.slow),
        ],
    )


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):
    """Under CI (``COCREATE_REQUIRE_ALL=1``, set by ``.ci/run``) a skip is a failure.

    Tests skip when a tool they drive is missing on a developer's machine (Chromium,
    Graphviz, axe-core, pm4py); CI installs every one of them, so a skip there means a
    test that did not run, and the run must not go green on it.
    """
    outcome = yield
    report = outcome.get_result()
    if os.environ.get("COCREATE_REQUIRE_ALL") == "1" and report.skipped:
        if not hasattr(report, "wasxfail"):
            reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
            report.outcome = "failed"
            report.longrepr = f"skipped under CI, where every tool is installed: {reason}"


# --------------------------------------------------------------------------- parallel runs
#
# The suite runs in as many pytest-xdist workers as there are cores (``-n auto`` unless
# ``-n`` is given; ``-n 0`` or ``-p no:xdist`` runs it in this one process). Tests marked
# ``serial`` (a whole-process timing or many subprocesses at once) run alone: while one
# runs, no other worker starts a test. A readers-writer lock on two files does it: every
# test holds the "room" shared, a serial one holds it exclusively, and takes the
# "turnstile" first so that the other workers' next tests queue behind it instead of
# keeping the room busy for ever.


@pytest.hookimpl(tryfirst=True)
def pytest_cmdline_main(config: pytest.Config) -> None:
    if not config.pluginmanager.has_plugin("xdist") or hasattr(config, "workerinput"):
        return
    if config.option.numprocesses is None and not config.option.collectonly:
        config.option.numprocesses = "auto"


def pytest_configure(config: pytest.Config) -> None:
    # The controller makes the lock folder before it starts the workers, which inherit
    # its environment; it removes the folder at the end.
    if config.pluginmanager.has_plugin("xdist") and not hasattr(config, "workerinput"):
        if config.getoption("numprocesses", None) and "COCREATE_SERIAL_LOCKS" not in os.environ:
            os.environ["COCREATE_SERIAL_LOCKS"] = tempfile.mkdtemp(prefix="cocreate-serial-")
            config.add_cleanup(lambda: shutil.rmtree(os.environ.pop("COCREATE_SERIAL_LOCKS")))


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # The tests marked ``long`` go first; the others keep their order. pytest-xdist hands
    # the tests out in collection order, and the last file of the app's (the whole
    # workshop by keyboard, 7 s) kept one worker busy alone for its whole length at the
    # end of every run.
    items.sort(key=lambda item: item.get_closest_marker("long") is None)


_TURNSTILE: int | None = None
_ROOM: int | None = None


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None):
    global _TURNSTILE, _ROOM
    folder = os.environ.get("COCREATE_SERIAL_LOCKS")
    if folder is None or not hasattr(item.config, "workerinput"):
        yield  # not an xdist worker: nothing else runs beside this process
        return
    import fcntl

    if _TURNSTILE is None or _ROOM is None:
        flags = os.O_RDWR | os.O_CREAT
        _TURNSTILE = os.open(Path(folder) / "turnstile.lock", flags, 0o600)
        _ROOM = os.open(Path(folder) / "room.lock", flags, 0o600)
    serial = item.get_closest_marker("serial") is not None
    fcntl.flock(_TURNSTILE, fcntl.LOCK_EX)
    if not serial:
        fcntl.flock(_TURNSTILE, fcntl.LOCK_UN)
    fcntl.flock(_ROOM, fcntl.LOCK_EX if serial else fcntl.LOCK_SH)
    try:
        yield
    finally:
        fcntl.flock(_ROOM, fcntl.LOCK_UN)
        if serial:
            fcntl.flock(_TURNSTILE, fcntl.LOCK_UN)


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config: pytest.Config) -> None:
    """An xdist worker ends here, once its results are with the controller.

    What pytest and Python do after this hook in a worker reaches nobody: the worker sent
    its last report ("workerfinished") at the end of the session, so a warning found later
    could not be shown. It took a worker 3-7 s after its last test, most of it pytest
    collecting the garbage five times over (``unraisableexception.gc_collect_harder``)
    and Python then freeing some 4,000 modules one by one, while the controller waited
    for it: the suite's wall time ends with its slowest worker's exit.
    """
    if hasattr(config, "workerinput") and os.environ.get("COCREATE_WORKER_FULL_EXIT") != "1":
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(0)
