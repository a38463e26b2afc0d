"""The links of one ``cocreate serve`` run as a CSV, for mail merge, readable by its owner only.

A facilitator often runs the server on the laptop that drives the room's projector; the
links are passwords, so they can go to a file instead of the screen. The file is
UTF-8 with a BOM (so Excel opens Japanese names correctly), created with mode 0600, and
written to a temp file and renamed, so it is never seen half-written or world-readable.
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
from collections.abc import Iterable
from pathlib import Path

from cocreate.errors import SaveError

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
    target = Path(path)
    temp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    data = text.encode("utf-8-sig")
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            os.write(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temp, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        reason = exc.strerror.lower() if exc.strerror else str(exc)
        raise SaveError(f"{target}: cannot write the links: {reason}") from None
