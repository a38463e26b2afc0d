"""The only package that reads or writes workshop files: a folder of TOML, saved atomically.

A workshop is a folder::

    workshop.toml          the facilitator's: meta, members, lanes, steps, flows,
                           settings, voting, pilot, decisions
    members/<member>.toml  one member's problems, causes, ideas, ratings and dots

Every file carries ``schema_version`` and ``revision``. Loading merges the member files in
member-id order. Saving writes a temporary file beside the target, fsyncs it, renames it
over the target and fsyncs the folder, so a reader only ever sees the old file or the new
one. ``workshop.toml`` is saved with compare-and-swap on its revision; a member file is
read-modified-written under a per-file lock.

The package is split along its seams: :mod:`~cocreate.storage.tomlread` and
:mod:`~cocreate.storage.tomlwrite` (TOML in and out), :mod:`~cocreate.storage.decode`
and :mod:`~cocreate.storage.encode` (TOML data to model objects and back),
:mod:`~cocreate.storage.files` (bounded reads, the atomic writer, locks, temp files).
This module is the folder: load, save, update, create; its names are the public API.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from cocreate.errors import ConflictError, InputError, SaveError
from cocreate.integrity import raise_first_error
from cocreate.model import ID_PATTERN, MemberContributions, Workshop
from cocreate.paths import MEMBERS_DIR, WORKSHOP_FILE
from cocreate.storage.decode import MIGRATIONS, SCHEMA_VERSION, parse_member, parse_workshop
from cocreate.storage.encode import dump_member, dump_workshop
from cocreate.storage.files import (
    MAX_FILE_BYTES,
    STALE_TEMP_SECONDS,
    atomic_write,
    cleanup_temp_files,
    locked,
    os_reason,
)
from cocreate.storage.tomlread import read_toml

__all__ = [
    "MAX_FILE_BYTES",
    "MEMBERS_DIR",
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "STALE_TEMP_SECONDS",
    "WORKSHOP_FILE",
    "atomic_write",
    "cleanup_temp_files",
    "create",
    "dump_member",
    "dump_workshop",
    "is_workshop",
    "load",
    "load_member",
    "member_path",
    "parse_member",
    "parse_workshop",
    "save",
    "save_member",
    "save_workshop",
    "update_member",
    "update_workshop",
]


def is_workshop(folder: str | Path) -> bool:
    return (Path(folder) / WORKSHOP_FILE).is_file()


def member_path(folder: str | Path, member_id: str) -> Path:
    return Path(folder) / MEMBERS_DIR / f"{member_id}.toml"


def _member_files(folder: Path) -> list[tuple[str, Path]]:
    members = folder / MEMBERS_DIR
    if not members.is_dir():
        return []
    found = []
    for entry in members.iterdir():
        if entry.name.startswith(".") or entry.suffix != ".toml":
            continue
        found.append((entry.stem, entry))
    return sorted(found)


def load(folder: str | Path, *, validate: bool = True) -> Workshop:
    """Load a workshop folder: ``workshop.toml`` merged with every member file.

    Raises InputError (one line, naming file and field or line) on any bad file. With
    ``validate`` (the default) references, duplicate ids and voting rules are checked too.
    """
    folder = Path(folder)
    if not folder.exists():
        raise InputError(folder, "no such workshop folder")
    if folder.is_file():
        if folder.name == WORKSHOP_FILE:
            folder = folder.parent
        else:
            raise InputError(
                folder, f"not a workshop folder (expected a folder with {WORKSHOP_FILE})"
            )
    if not is_workshop(folder):
        raise InputError(folder, f"not a workshop folder: {WORKSHOP_FILE} is missing")
    cleanup_temp_files(folder)
    path = folder / WORKSHOP_FILE
    workshop = parse_workshop(path, read_toml(path))
    contributions = []
    for member_id, member_file in _member_files(folder):
        if not ID_PATTERN.match(member_id):
            raise InputError(member_file, "file name is not a valid member id")
        contributions.append(parse_member(member_file, read_toml(member_file), member_id))
    workshop = workshop.edit(contributions=tuple(contributions))
    if validate:
        raise_first_error(workshop, folder)
    return workshop


def load_member(folder: str | Path, member_id: str) -> MemberContributions:
    """Load one member's file, or empty contributions if they have none yet."""
    path = member_path(folder, member_id)
    if not path.exists():
        return MemberContributions(member=member_id)
    return parse_member(path, read_toml(path), member_id)


def _disk_revision(path: Path) -> int | None:
    """The revision of the file on disk, or None when there is no file yet."""
    if not path.exists():
        return None
    data = read_toml(path)
    revision = data.get("revision", 0)
    return revision if isinstance(revision, int) else 0


def save_workshop(folder: str | Path, workshop: Workshop, *, force: bool = False) -> Workshop:
    """Save ``workshop.toml`` atomically; return the workshop at its new revision.

    Compare-and-swap: if the file on disk has moved past ``workshop.revision`` since it
    was loaded, someone else saved it, and ConflictError asks for a reload instead of
    overwriting their change (unless ``force``).
    """
    folder = Path(folder)
    path = folder / WORKSHOP_FILE
    with locked(path):
        on_disk = _disk_revision(path)
        if on_disk is not None and on_disk != workshop.revision and not force:
            raise ConflictError(
                f"{path}: changed by someone else since it was loaded (revision {on_disk},"
                f" loaded {workshop.revision}); reload and apply your change again"
            )
        revision = max(on_disk or 0, workshop.revision) + 1
        atomic_write(path, dump_workshop(workshop, revision))
    return workshop.edit(revision=revision)


def save_member(
    folder: str | Path, contributions: MemberContributions, *, force: bool = True
) -> MemberContributions:
    """Save one member's file atomically; return the contributions at the new revision.

    A member's own two sessions race as whole revisions: the later save wins entire,
    never a mixture. Pass ``force=False`` to refuse when the file has moved on.
    """
    path = member_path(folder, contributions.member)
    path.parent.mkdir(parents=True, exist_ok=True)
    with locked(path):
        on_disk = _disk_revision(path)
        if not force and on_disk is not None and on_disk != contributions.revision:
            raise ConflictError(
                f"{path}: changed in another session since it was loaded; reload first"
            )
        revision = max(on_disk or 0, contributions.revision) + 1
        atomic_write(path, dump_member(contributions, revision))
    return contributions.edit(revision=revision)


def update_member(
    folder: str | Path,
    member_id: str,
    change: Callable[[MemberContributions], MemberContributions],
) -> MemberContributions:
    """Read, change and save one member's file under its lock, so no addition is lost."""
    path = member_path(folder, member_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    with locked(path):
        current = load_member(folder, member_id)  # read under the lock: it is the disk's
        updated = change(current)
        revision = current.revision + 1
        atomic_write(path, dump_member(updated, revision))
    return updated.edit(revision=revision)


def update_workshop(folder: str | Path, change: Callable[[Workshop], Workshop]) -> Workshop:
    """Read, change and save ``workshop.toml`` under its lock (for one-shot CLI commands)."""
    folder = Path(folder)
    path = folder / WORKSHOP_FILE
    with locked(path):
        current = load(folder)
        updated = change(current)
        revision = current.revision + 1
        atomic_write(path, dump_workshop(updated, revision))
    return updated.edit(revision=revision)


def save(folder: str | Path, workshop: Workshop, *, force: bool = False) -> Workshop:
    """Save a whole workshop: ``workshop.toml`` and each member file that has content."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    saved = save_workshop(folder, workshop, force=force)
    contributions = []
    for contribution in workshop.contributions:
        path = member_path(folder, contribution.member)
        if contribution.is_empty() and not path.exists():
            contributions.append(contribution)
            continue
        contributions.append(save_member(folder, contribution))
    return saved.edit(contributions=tuple(contributions))


def create(folder: str | Path, workshop: Workshop) -> Workshop:
    """Create a new workshop folder; refuses to touch an existing workshop."""
    folder = Path(folder)
    if is_workshop(folder):
        raise InputError(folder, "a workshop already exists here")
    if folder.exists() and not folder.is_dir():
        raise InputError(folder, "exists and is not a folder")
    try:
        (folder / MEMBERS_DIR).mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise SaveError(f"{folder}: cannot create: {os_reason(exc)}") from None
    return save(folder, workshop)
