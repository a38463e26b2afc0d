"""The terminal app. ``app_factory`` builds it, for the CLI and the tests alike.

Importing this package is cheap: Textual and the screens load only when the factory runs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cocreate.tui.app import CocreateApp

__all__ = ["app_factory"]


def app_factory(
    folder: str | Path,
    *,
    lang: str | None = None,
    member: str | None = None,
    phase: str = "map",
    clock: Callable[[], dt.datetime] | None = None,
    poll_seconds: float = 1.0,
    prebuild: bool = True,
) -> CocreateApp:
    """Build the app on a workshop folder.

    Parameters
    ----------
    folder : the workshop folder.
    lang : "ja" or "en"; default from the workshop's setting, then the locale.
    member : member id for member mode (``cocreate join``); ``None`` for the facilitator.
    phase : the phase screen to open on (map, problems, ..., report).
    clock : the time source; tests pass a fixed one so snapshots do not change.
    poll_seconds : how often to look for files changed by others; 0 turns it off.
    prebuild : build the other phases' panes after the first frame, hidden, so that a
        first visit is as quick as a return; most tests turn it off (a phase is then
        built when first shown).
    """
    from cocreate.i18n import LANGUAGES, default_language
    from cocreate.session import Session
    from cocreate.tui.app import CocreateApp

    clock = clock or _local_now
    session = Session.open(folder, member=member, clock=clock)
    chosen = lang or session.workshop.settings.language or default_language()
    if chosen not in LANGUAGES:
        chosen = default_language()
    return CocreateApp(
        session,
        lang=chosen,
        phase=phase,
        clock=clock,
        poll_seconds=poll_seconds,
        prebuild=prebuild,
    )


def _local_now() -> dt.datetime:
    """Now, with the local UTC offset: every timestamp the app saves carries one."""
    return dt.datetime.now().astimezone()
