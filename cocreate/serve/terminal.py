"""The terminal path: one member's ``cocreate join`` in a child process, via textual-serve.

This is the one module that touches textual-serve's private names. Its ``AppService``
runs a *shell* command line in the server's own process group; a member's session must
instead be an argument list (nothing to inject), in its own process group (so it can be
ended as a whole) that dies with the server (``PR_SET_PDEATHSIG``). textual-serve has no
public hook for how the child is started, so :class:`Session` overrides
``AppService._open_app_process`` and reads ``_build_environment``, ``_process``,
``_stdin`` and ``_task``. textual-serve is pinned exactly in ``pyproject.toml``, and
``tests/test_serve_private.py`` fails loudly when any of these names or their shapes
change; upgrade by bumping the pin and making that test pass again.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from textual_serve.app_service import AppService

__all__ = ["PRIVATE_NAMES", "QUIT_GRACE", "TERM_GRACE", "Session", "join_command"]

#: Seconds a child gets to quit on its own after its browser left, then after SIGTERM.
QUIT_GRACE = 3.0
TERM_GRACE = 2.0

#: Every private name of textual-serve this module relies on (checked by a test).
PRIVATE_NAMES = ("_open_app_process", "_build_environment", "_process", "_stdin", "_task")


def join_command(folder: str | Path, lang: str | None = None) -> list[str]:
    """The member app's command line, with ``{member}`` where the member id goes.

    ``lang`` is passed on as ``--lang``, so the app speaks the page's language.
    """
    command = [sys.executable, "-m", "cocreate", "join", str(folder), "--as", "{member}"]
    return [*command, "--lang", lang] if lang else command


def _parent_death_signal() -> Callable[[], None] | None:
    """A preexec function that has the kernel SIGTERM the child when the server dies.

    ``prctl`` is looked up here, in the server, so that the child between fork and exec
    only makes one foreign call: no import, no ``dlopen``, whose locks another thread
    of the server might have held at the moment of the fork.
    """
    if not sys.platform.startswith("linux"):
        return None
    import ctypes

    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):  # pragma: no cover - no C library to ask
        return None
    pr_set_pdeathsig = 1
    term = int(signal.SIGTERM)

    def preexec() -> None:  # pragma: no cover - runs in the child
        prctl(pr_set_pdeathsig, term)

    return preexec


_PREEXEC = _parent_death_signal()


class Session(AppService):
    """One browser tab: one member's app in a child process (textual-serve's protocol)."""

    def __init__(self, argv: Sequence[str], member: str, **kwargs: Any) -> None:
        super().__init__(" ".join(argv), **kwargs)
        self.argv = list(argv)
        self.member = member
        self._ending: asyncio.Future[None] | None = None

    @property
    def pid(self) -> int | None:
        """The child's process id, once started."""
        return self._process.pid if self._process is not None else None

    @property
    def returncode(self) -> int | None:
        """The child's exit status, once it has ended."""
        return self._process.returncode if self._process is not None else None

    @property
    def finished(self) -> bool:
        """Whether the child's output has ended (it exited or closed its stdout)."""
        return self._task is not None and self._task.done()

    async def _open_app_process(
        self, width: int = 80, height: int = 24
    ) -> asyncio.subprocess.Process:
        # textual-serve runs a shell command line; an argument list cannot be injected.
        environment = self._build_environment(width=width, height=height)
        self._process = process = await asyncio.create_subprocess_exec(
            *self.argv,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            env=environment,
            start_new_session=True,
            preexec_fn=_PREEXEC,
        )
        self._stdin = process.stdin
        return process

    async def wait_finished(self) -> None:
        """Return when the child's output ends."""
        if self._task is not None:
            await asyncio.shield(self._task)

    def end(self, grace: float = QUIT_GRACE) -> asyncio.Future[None]:
        """End the child for good: ask it to quit, then SIGTERM, then SIGKILL its group.

        Safe to call more than once and from a cancelled task: every call waits for the
        one ending, which cancelling a caller does not stop.
        """
        if self._ending is None:
            self._ending = asyncio.ensure_future(self._end(grace))
        return asyncio.shield(self._ending)

    async def _end(self, grace: float) -> None:
        process = self._process
        if process is None:
            return
        if process.returncode is None:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self.send_meta({"type": "quit"}), grace)
            for sig, wait in ((None, grace), (signal.SIGTERM, TERM_GRACE), (signal.SIGKILL, None)):
                if sig is not None and process.returncode is None:
                    with contextlib.suppress(ProcessLookupError, PermissionError):
                        os.killpg(process.pid, sig)
                try:
                    await asyncio.wait_for(process.wait(), wait)
                    break
                except TimeoutError:
                    continue
        if self._stdin is not None:
            self._stdin.close()
        if self._task is not None:
            try:
                await asyncio.wait_for(asyncio.shield(self._task), TERM_GRACE)
            except TimeoutError:
                self._task.cancel()
