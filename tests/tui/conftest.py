"""The one app factory every TUI test builds through, with a fixed clock and no disk polling."""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path

import pytest
import textual._wait

from tests.conftest import SAMPLE

#: How often Textual's test pilot samples the process's CPU time to tell that the app is
#: idle, after every key and every ``pilot.pause()``: every 20 ms by default, so that
#: each key costs at least 40 ms of waiting even when the app answered it in 2. Sampling
#: every 5 ms, with the same idle ratio (a twentieth of the sample), halves the wall time
#: of the TUI tests and waits for exactly the same condition. ``textual._wait`` is
#: private: this is the suite's one touch of a private Textual name, and
#: tests/tui/test_harness.py fails when an upgrade moves it.
IDLE_SAMPLE = 0.005
textual._wait.SLEEP_GRANULARITY = IDLE_SAMPLE
textual._wait.SLEEP_IDLE = IDLE_SAMPLE / 20

#: Shown as "saved 10:30" in the header: snapshots must not depend on the time of day.
FIXED_NOW = dt.datetime(2026, 10, 20, 10, 30, tzinfo=dt.timezone(dt.timedelta(hours=9)))


def fixed_clock() -> dt.datetime:
    return FIXED_NOW


def build_app(folder: Path = SAMPLE, **options):
    """The app as the CLI builds it (``cocreate.tui.app_factory``), made deterministic."""
    from cocreate.tui import app_factory

    options.setdefault("lang", "ja")
    options.setdefault("clock", fixed_clock)
    options.setdefault("poll_seconds", 0)
    options.setdefault("prebuild", False)  # tests/tui/test_prebuild.py turns it on
    return app_factory(folder, **options)


async def settle(pilot) -> None:
    """Wait until workers (metrics, tally, export) are done and their results shown."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def hint_settled(pilot) -> None:
    """Wait until a form's hint (worked out in a worker once typing pauses) is shown."""
    from cocreate.tui.screens.forms import FormScreen

    await pilot.pause(FormScreen.HINT_DELAY + 0.05)
    for _ in range(100):  # on a busy machine the timer and the worker can take longer
        await settle(pilot)
        form = pilot.app.screen
        if not isinstance(form, FormScreen) or form.hint is None:
            return
        if form.hint_shown == form.hint_generation:
            return
        await pilot.pause(0.1)


_SVG_TEXT = re.compile(r'<text [^>]*\bx="([\d.]+)"[^>]*-line-(\d+)\)">([^<]*)</text>')


def screen_lines(app) -> list[str]:
    """The characters drawn on each line of the screen, in order, from the app's SVG
    screenshot (public API, unlike the compositor). Runs of blank cells may be missing."""
    svg = app.export_screenshot()
    lines: dict[int, list[tuple[float, str]]] = {}
    for x, line, text in _SVG_TEXT.findall(svg):
        lines.setdefault(int(line), []).append((float(x), html.unescape(text).replace("\xa0", " ")))
    return [
        "".join(text for _, text in sorted(lines.get(y, []))).rstrip("\n")
        for y in range(app.size.height)
    ]


@pytest.fixture
def make_app():
    return build_app
