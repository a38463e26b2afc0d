"""The links of one ``cocreate serve`` run as a CSV, for mail merge, readable by its owner only.

A facilitator often runs the server on the laptop that drives the room's projector; the
links are passwords, so they can go to a file instead of the screen. The file is
UTF-8 with a BOM (so Excel opens Japanese names correctly), written by storage's one
atomic writer with mode 0600 for it and its temp file, so it
is never seen half-written or world-readable. Every cell is neutralised as the tally
CSV's are: a member's name such as ``=HYPERLINK(...)`` stays text in Excel.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

__all__ = ["LINK_COLUMNS", "links_csv", "write_private"]

LINK_COLUMNS = ("member", "name", "email", "link")


def links_csv(
    room_link: str,
    members: Iterable[tuple[str, str, str, str]],
    facilitator_link: str | None = None,
) -> str:
    """The CSV text: the room link first (member ``*``), then one row per member.

    ``members`` yields ``(id, name, email, link)``; the facilitator's room page, when
    given, is the last row (member ``#room``).
    """
    import csv
    import io

    from cocreate.text import neutralise

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(LINK_COLUMNS)
    writer.writerow(("*", "(room: pick your name)", "", room_link))
    writer.writerows([neutralise(cell) for cell in row] for row in members)
    if facilitator_link:
        writer.writerow(("#room", "(facilitator: who has contributed and voted)", "",
                         facilitator_link))  # fmt: skip
    return out.getvalue()


def write_private(path: str | Path, text: str) -> None:
    """Write ``text`` (UTF-8 with BOM) to ``path`` atomically, readable by the owner only."""
    from cocreate.storage import atomic_write

    # The one atomic writer: it writes every byte (a bare os.write may write fewer),
    # fsyncs, renames and fsyncs the folder, and leaves no temp file on failure.
    atomic_write(path, text.encode("utf-8-sig"), mode=0o600)
