"""The test harness's one touch of Textual's private API holds on this Textual."""

from __future__ import annotations

import textual._wait
from textual import pilot

from tests.tui.conftest import IDLE_SAMPLE


def test_the_pilot_samples_idleness_as_often_as_the_conftest_says() -> None:
    # tests/tui/conftest.py sets these two module globals; they only matter if
    # wait_for_idle reads them when called (not as defaults bound at definition) and
    # the pilot calls that very function.
    assert textual._wait.SLEEP_GRANULARITY == IDLE_SAMPLE
    assert textual._wait.SLEEP_IDLE == IDLE_SAMPLE / 20
    names = textual._wait.wait_for_idle.__code__.co_names
    assert {"SLEEP_GRANULARITY", "SLEEP_IDLE"} <= set(names)
    assert pilot.wait_for_idle is textual._wait.wait_for_idle
