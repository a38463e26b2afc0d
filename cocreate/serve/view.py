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
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from cocreate import storage
from cocreate.errors import InputError
from cocreate.model import ID_PATTERN, MemberContributions, Workshop

__all__ = ["FolderView", "write_as_member"]

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
        self.full_loads = 0
        self.member_reads = 0

    def _scan(self) -> dict[str, Path]:
        members = self.folder / storage.MEMBERS_DIR
        try:
            entries = list(os.scandir(members))
        except FileNotFoundError:
            return {}
        found = {}
        for entry in entries:
            if entry.name.startswith(".") or not entry.name.endswith(".toml"):
                continue
            found[entry.name[: -len(".toml")]] = Path(entry.path)
        return found

    def signature(self) -> tuple:
        """What the folder's files are now; equal signatures mean an equal workshop."""
        files = self._scan()
        return (
            _identity(self.folder / storage.WORKSHOP_FILE),
            tuple(sorted((name, _identity(path)) for name, path in files.items())),
        )

    def load(self) -> Workshop:
        """The workshop as on disk now (InputError, one line, when a file is broken)."""
        with self._lock:
            return self._refresh()

    def _full_load(self) -> Workshop:
        before = self.signature()
        workshop = storage.load(self.folder)
        self.full_loads += 1
        if self.signature() == before:  # nothing moved while it was read: keep it
            self._workshop, self._workshop_id = workshop.edit(contributions=()), before[0]
            identities = dict(before[1])
            self._members = {
                c.member: (identities[c.member], c)
                for c in workshop.contributions
                if identities.get(c.member) is not None
            }
        else:
            self._workshop = None
        return workshop

    def _refresh(self) -> Workshop:
        top = _identity(self.folder / storage.WORKSHOP_FILE)
        if self._workshop is None or top is None or top != self._workshop_id:
            return self._full_load()
        files = self._scan()
        members: dict[str, tuple[_Identity, MemberContributions]] = {}
        for name in sorted(files):
            path = files[name]
            if not ID_PATTERN.fullmatch(name):
                raise InputError(path, "file name is not a valid member id")
            identity = _identity(path)
            cached = self._members.get(name)
            if identity is not None and cached is not None and cached[0] == identity:
                members[name] = cached
                continue
            contributions = storage.load_member(self.folder, name)
            self.member_reads += 1
            if identity is None or _identity(path) != identity:
                return self._full_load()  # replaced while it was read: start again
            members[name] = (identity, contributions)
        self._members = members
        workshop = self._workshop.edit(contributions=tuple(c for _identity_, c in members.values()))
        from cocreate.validate import raise_first_error

        raise_first_error(workshop, self.folder)
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
    result: list[Any] = []

    def update(current: MemberContributions) -> MemberContributions:
        workshop = view.load()
        if workshop.member(member) is None:
            raise InputError(None, f"unknown member {member!r}")
        changed, created = change(workshop.with_contributions(current))
        result.append(created)
        return changed.contributions_of(member).edit(revision=current.revision)

    storage.update_member(view.folder, member, update)
    return result[0]
