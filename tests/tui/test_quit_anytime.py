"""Quitting at any moment of start-up and of the build after it ends cleanly: exit status 0,
no traceback. The moments are chosen by counting what the app does, not by sleeping: the
messages it handles (Textual's ``run_test(message_hook=...)`` sees every one), or the
panes it composes and mounts, so each run quits at the same point of the app's own work
however busy the machine is."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from textual import events, messages
from textual.app import App
from textual.message import Message

from cocreate.tui.bindings import PHASES
from cocreate.tui.phases.base import PhasePane
from cocreate.tui.screens.workshop import pane_class
from tests.tui.conftest import build_app, settle

#: How the app is told to quit: ctrl+q as a user does (through the app's own quit action),
#: ExitApp as Textual's web driver sends it when a browser tab closes (cocreate serve).
WAYS = ("ctrl+q", "tab closed")


def _quit(app: App, way: str) -> None:
    if way == "ctrl+q":
        app.post_message(events.Key("ctrl+q", None))
    else:
        app.post_message(messages.ExitApp())


async def _run_until_quit(
    folder: Path, way: str, should_quit: object = None, phase: str = "map"
) -> App:
    """Run the app (building every phase after the first frame) until it has quit.

    ``should_quit`` is asked about each message; the test's other hooks call ``_quit``.
    The app's shutdown then runs as ``run`` runs it, when its message loop has ended
    (here at the end of ``run_test``, which raises what went wrong in it).
    """
    app = build_app(folder, lang="en", prebuild=True, phase=phase)

    def hook(message: Message) -> None:
        if should_quit is not None and not message.is_forwarded:
            if should_quit(message):  # type: ignore[operator]
                _quit(app, way)

    async with app.run_test(size=(100, 32), message_hook=hook):
        for _ in range(6000):
            if not app.is_running:
                break
            await asyncio.sleep(0.01)  # waiting only: the quit came at its own point
        else:
            pytest.fail(f"the app did not quit ({way})")
    return app


def _quitting_first(method, way: str):  # type: ignore[no-untyped-def]
    """``method`` (a pane's compose or on_mount), telling the app to quit first."""

    def quitting(self: PhasePane):  # type: ignore[no-untyped-def]
        _quit(self.app, way)  # before the pane's own work: it must cope
        return method(self)

    return quitting


def _count(n: int):
    """True for the n-th message, once."""
    seen = 0

    def nth(message: Message) -> bool:
        nonlocal seen
        seen += 1
        return seen == n

    return nth


async def test_the_build_counted_here_is_the_whole_start(sample: Path) -> None:
    """Without a quit the count passes the end of the build: the points below lie within it."""
    built: list[int] = []
    seen = 0
    app = build_app(sample, lang="en", prebuild=True)

    def hook(message: Message) -> None:
        nonlocal seen
        if not message.is_forwarded:
            seen += 1
        if type(message).__name__ == "PanesBuilt":
            built.append(seen)

    async with app.run_test(size=(100, 32), message_hook=hook) as pilot:
        await settle(pilot)
    assert built and built[0] > max(POINTS + MANY_POINTS), (built, max(POINTS + MANY_POINTS))


#: Message counts at which to quit: through the first frame, then spread over the build of
#: the other seven phases (about 600 messages on the sample). The slow run takes many more.
POINTS = (*range(1, 40, 4), *range(40, 600, 56))
MANY_POINTS = tuple(sorted({*range(1, 60), *range(60, 600, 7)} - set(POINTS)))


@pytest.mark.parametrize("point", POINTS)
async def test_quitting_at_any_moment_of_start_up_and_the_build(sample: Path, point: int) -> None:
    way = WAYS[point % len(WAYS)]
    app = await _run_until_quit(sample, way, _count(point))
    # None: quit by the web driver's ExitApp, which sets no code; `cocreate join` exits 0.
    assert app.return_code in (0, None), f"quit at message {point} ({way})"


@pytest.mark.slow
@pytest.mark.parametrize("point", MANY_POINTS)
async def test_quitting_at_many_more_moments(sample: Path, point: int) -> None:
    way = WAYS[point % len(WAYS)]
    app = await _run_until_quit(sample, way, _count(point))
    assert app.return_code in (0, None), f"quit at message {point} ({way})"


@pytest.mark.parametrize("phase", ["problems", "pilot"])
@pytest.mark.parametrize("point", range(3, 60, 8))
async def test_quitting_while_another_first_phase_starts(
    sample: Path, phase: str, point: int
) -> None:
    """The member's first phase (problems), and the Pilot, whose owner is a Select: a
    widget that looks up its own children when it mounts."""
    way = WAYS[point % len(WAYS)]
    app = await _run_until_quit(sample, way, _count(point), phase=phase)
    assert app.return_code in (0, None), f"quit at message {point} of {phase} ({way})"


@pytest.mark.parametrize("stage", ["compose", "on_mount"])
@pytest.mark.parametrize("phase", PHASES)
async def test_quitting_as_each_phase_is_built(
    sample: Path, monkeypatch: pytest.MonkeyPatch, phase: str, stage: str
) -> None:
    """A quit as each pane is composed, and as it mounts (when it fills itself in)."""
    way = WAYS[(PHASES.index(phase) + (stage == "compose")) % len(WAYS)]
    cls = pane_class(phase)
    monkeypatch.setattr(cls, stage, _quitting_first(getattr(cls, stage), way))
    app = await _run_until_quit(sample, way)
    assert app.return_code in (0, None), f"quit at {phase}'s {stage} ({way})"
