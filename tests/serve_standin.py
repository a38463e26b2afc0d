"""A tiny Textual app standing in for ``cocreate join`` in the serve tests.

Run as ``python tests/serve_standin.py MEMBER MODE``; it shows ``member=MEMBER``.
MODE ``normal`` quits when asked; ``stubborn`` is not Textual at all: it speaks just
enough of the protocol to show the member, then ignores the quit request and SIGTERM,
so the server must escalate to SIGKILL; ``crash`` dies by itself after a moment,
without telling the server (no exit packet); ``deliver`` sends the browser a text file
named 報告.txt.
"""

from __future__ import annotations

import io
import os
import signal
import sys
import time

from textual.app import App, ComposeResult
from textual.widgets import Static


class StandIn(App[None]):
    """Shows which member this session is."""

    def __init__(self, member: str, mode: str) -> None:
        super().__init__()
        self.member = member
        self.mode = mode

    def compose(self) -> ComposeResult:
        yield Static(f"member={self.member}")

    def on_mount(self) -> None:
        if self.mode == "crash":
            self.set_timer(0.5, lambda: os._exit(3))
        elif self.mode == "deliver":
            self.set_timer(0.3, self.deliver)

    def deliver(self) -> None:
        self.deliver_text(io.StringIO(f"{self.member} の報告\n"), save_filename="報告.txt")


def stubborn(member: str) -> None:
    """Say who we are the way Textual's web driver does, then never leave."""
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    out = sys.stdout.buffer
    payload = f"member={member}".encode()
    out.write(b"__GANGLION__\n" + b"D" + len(payload).to_bytes(4, "big") + payload)
    out.flush()
    while True:
        time.sleep(1)


if __name__ == "__main__":
    member, mode = sys.argv[1], sys.argv[2]
    if mode == "stubborn":
        stubborn(member)
    StandIn(member, mode).run()
