"""The server's view of the workshop folder, and the one way its web pages write to it.

A hundred members' pages cannot each re-read a hundred member files: a full
:func:`cocreate.storage.load` of such a folder takes a quarter of a second. The view
keeps the last load and, on each look, compares every file's identity (inode, size,
modification time) with what it read. Only a member file that changed is read again
(through :func:`cocreate.storage.load_member`, the same checks as a full load); a change
to ``workshop.toml`` or a file that moved while it was read means a full load. The
merged workshop is validated like a load, so a hand-broken file shows as an error page.

Writes go through :func:`write_as_member`: the member's own file is read, changed and
saved under its lock by :func:`cocreate.storage.update_member`, exactly as the CLI
does, with the rest of the workshop as fresh as the disk.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from cocreate import storage
from cocreate.errors import InputError
from cocreate.model import ID_PATTERN, MemberContributions, Workshop

__all__ = ["FolderView", "write_as_member"]

#: Seconds after which a look compares every member file even if the folder seems still.
RESCAN_SECONDS = 1.0
#: Seconds after which a look loads everything again, whatever it saw.
RELOAD_SECONDS = 60.0

T = TypeVar("T")
_Identity = tuple[int, int, int]


def _identity(path: Path) -> _Identity | None:
    try:
        status = path.stat()
    except FileNotFoundError:
        return None
    return status.st_ino, status.st_size, status.st_mtime_ns


class FolderView:
    """The workshop as it is on disk now, re-reading only what changed (thread-safe)."""

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)
        self._lock = threading.Lock()
        self._workshop: Workshop | None = None
        self._workshop_id: _Identity | None = None
        self._members: dict[str, tuple[_Identity, MemberContributions]] = {}
        self._last: tuple[tuple, Workshop] | None = None  # (identities, merged and validated)
        self._quick: tuple | None = None  # workshop.toml's and members/'s identity then
        self._scanned_at = 0.0
        self._loaded_at = 0.0
        self.full_loads = 0
        self.member_reads = 0

    def _scan(self) -> dict[str, tuple[str, _Identity | None]]:
        """Each member file's name, path and identity (``os.scandir``: no Path objects,
        which cost more than the stat calls for a hundred files)."""
        found: dict[str, tuple[str, _Identity | None]] = {}
        try:
            entries = os.scandir(self.folder / storage.MEMBERS_DIR)
        except FileNotFoundError:
            return found
        with entries:
            for entry in entries:
                name = entry.name
                if name.startswith(".") or not name.endswith(".toml"):
                    continue
                try:
                    status = entry.stat()
                    identity: _Identity | None = (status.st_ino, status.st_size, status.st_mtime_ns)
                except FileNotFoundError:
                    identity = None
                found[name[: -len(".toml")]] = (entry.path, identity)
        return found

    def signature(self) -> tuple:
        """What the folder's files are now; equal signatures mean an equal workshop."""
        files = self._scan()
        return (
            _identity(self.folder / storage.WORKSHOP_FILE),
            tuple(sorted((name, identity) for name, (_path, identity) in files.items())),
        )

    def _quick_key(self) -> tuple:
        return (
            _identity(self.folder / storage.WORKSHOP_FILE),
            _identity(self.folder / storage.MEMBERS_DIR),
        )

    def load(self) -> Workshop:
        """The workshop as on disk now (InputError, one line, when a file is broken)."""
        with self._lock:
            now = time.monotonic()
            quick = self._quick_key()
            if now - self._loaded_at > RELOAD_SECONDS:
                self._workshop = None
            elif (
                self._last is not None
                and quick == self._quick
                and now - self._scanned_at < RESCAN_SECONDS
            ):
                return self._last[1]
            workshop = self._refresh()
            self._quick, self._scanned_at = quick, now
            return workshop

    def peek(self) -> Workshop | None:
        """The workshop if nothing seems to have moved (two ``stat`` calls), else None.

        Cheap enough for the event loop; None means "call :meth:`load` in a thread".
        """
        if not self._lock.acquire(blocking=False):
            return None
        try:
            last = self._last
            if (
                last is None
                or time.monotonic() - self._scanned_at >= RESCAN_SECONDS
                or time.monotonic() - self._loaded_at > RELOAD_SECONDS
                or self._quick_key() != self._quick
            ):
                return None
            return last[1]
        finally:
            self._lock.release()

    def record(self, member: str, contributions: MemberContributions) -> None:
        """This server just saved ``member``'s file with ``contributions``: no need to read it.

        (Should another session of the member save again between that save and this
        call, the view shows the earlier file until the next full load, within a minute;
        what is saved is never affected: writes read the file under its lock.)
        """
        identity = _identity(storage.member_path(self.folder, member))
        with self._lock:
            if identity is not None:
                self._members[member] = (identity, contributions)
            top, folder = self._quick_key()
            last = self._last
            if last is not None and self._quick is not None and self._quick[0] == top:
                # workshop.toml has not moved: the merged workshop is the last one with
                # this member's new file. (Another writer's rename in the same moment is
                # seen at the next full comparison, within RESCAN_SECONDS.)
                self._last = (last[0], last[1].with_contributions(contributions))
                self._quick = (top, folder)
            else:
                self._quick = None

    def _full_load(self) -> Workshop:
        before = self.signature()
        workshop = storage.load(self.folder)
        self.full_loads += 1
        self._loaded_at = time.monotonic()
        if self.signature() == before:  # nothing moved while it was read: keep it
            self._workshop, self._workshop_id = workshop.edit(contributions=()), before[0]
            identities = dict(before[1])
            self._members = {
                c.member: (identities[c.member], c)
                for c in workshop.contributions
                if identities.get(c.member) is not None
            }
            self._last = (before, workshop)
        else:
            self._workshop = None
        return workshop

    def _refresh(self) -> Workshop:
        top = _identity(self.folder / storage.WORKSHOP_FILE)
        if self._workshop is None or top is None or top != self._workshop_id:
            self._last = None
            return self._full_load()
        files = self._scan()
        identities = {name: identity for name, (_path, identity) in files.items()}
        seen = (top, tuple(sorted(identities.items())))
        if self._last is not None and self._last[0] == seen:
            return self._last[1]  # nothing changed since the last look: same workshop
        members: dict[str, tuple[_Identity, MemberContributions]] = {}
        outside = False  # a file changed by someone else: validate the whole again
        for name in sorted(files):
            path = Path(files[name][0])
            if not ID_PATTERN.fullmatch(name):
                raise InputError(path, "file name is not a valid member id")
            identity = identities[name]
            cached = self._members.get(name)
            if identity is not None and cached is not None and cached[0] == identity:
                members[name] = cached
                continue
            contributions = storage.load_member(self.folder, name)
            self.member_reads += 1
            outside = True
            if identity is None or _identity(path) != identity:
                return self._full_load()  # replaced while it was read: start again
            members[name] = (identity, contributions)
        outside = outside or set(members) != set(self._members)
        self._members = members
        workshop = self._workshop.edit(contributions=tuple(c for _identity_, c in members.values()))
        if outside:
            from cocreate.integrity import raise_first_error

            raise_first_error(workshop, self.folder)
        self._last = (seen, workshop)
        return workshop


def write_as_member(
    view: FolderView,
    member: str,
    change: Callable[[Workshop], tuple[Workshop, T]],
) -> T:
    """Apply ``change`` to the workshop and save only ``member``'s file, under its lock.

    ``change`` gets the workshop with the member's file as read under the lock, and
    returns the changed workshop and a result; only the member's contributions are
    written. Domain errors (InputError, RuleError) come out unchanged, nothing saved.
    """
    result: list[T] = []

    def update(current: MemberContributions) -> MemberContributions:
        workshop = view.load()
        if workshop.member(member) is None:
            raise InputError(None, f"unknown member {member!r}")
        changed, created = change(workshop.with_contributions(current))
        result.append(created)
        return changed.contributions_of(member).edit(revision=current.revision)

    saved = storage.update_member(view.folder, member, update)
    view.record(member, saved)
    return result[0]
