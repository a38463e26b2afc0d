"""Shared fixtures: a fresh copy of the sample workshop, and running the CLI."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "workshops" / "equipment-lending"
SHARED_DATA = ROOT.parent / "shared" / "data"


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
