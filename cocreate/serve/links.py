"""The links of one ``cocreate serve`` run as a CSV, for mail merge, readable by its owner only.

A facilitator often runs the server on the laptop that drives the room's projector; the
links are passwords, so they can go to a file instead of the screen. The file is
UTF-8 with a BOM (so Excel opens Japanese names correctly), created with mode 0600, and
written to a temp file and renamed, so it is never seen half-written or world-readable.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from pathlib import Path

__all__ = ["LINK_COLUMNS", "links_csv", "write_private"]

LINK_COLUMNS = ("member", "name", "email", "link")


def links_csv(room_link: str, members: Iterable[tuple[str, str, str, str]]) -> str:
    """The CSV text: the room link first (member ``*``), then one row per member.

    ``members`` yields ``(id, name, email, link)``.
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(LINK_COLUMNS)
    writer.writerow(("*", "(room: pick your name)", "", room_link))
    writer.writerows(members)
    return out.getvalue()


def write_private(path: str | Path, text: str) -> None:
    """Write ``text`` (UTF-8 with BOM) to ``path`` atomically, readable by the owner only."""
    from cocreate.storage import atomic_write

    # The one atomic writer: it writes every byte (a bare os.write may write fewer),
    # fsyncs, renames and fsyncs the folder, and leaves no temp file on failure.
    atomic_write(path, text.encode("utf-8-sig"), mode=0o600)
