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
:mod:`~cocreate.storage.files` (bounded reads, the atomic writer, locks, temp files),
:mod:`~cocreate.storage.members` (the ``members/`` files, a workshop's and a portfolio's).
This module is the folder: load, save, update, create; its names are the public API.
"""

from __future__ import annotations

import contextlib
import gc
import os
from collections.abc import Callable, Iterator
from pathlib import Path

from cocreate.errors import ConflictError, InputError, SaveError
from cocreate.integrity import raise_first_error
from cocreate.model import MemberContributions, Workshop
from cocreate.paths import MEMBERS_DIR, WORKSHOP_FILE
from cocreate.storage.decode import MIGRATIONS, SCHEMA_VERSION, parse_member, parse_workshop
from cocreate.storage.encode import dump_member, dump_workshop
from cocreate.storage.files import (
    MAX_FILE_BYTES,
    STALE_TEMP_SECONDS,
    atomic_write,
    cleanup_temp_files,
    file_digest,
    locked,
    os_reason,
    read_bytes,
)
from cocreate.storage.members import read_member, read_members
from cocreate.storage.tomlread import parse_bytes, read_toml_with_digest

__all__ = [
    "GITATTRIBUTES",
    "GITIGNORE",
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
    "stated_language",
    "update_member",
    "update_workshop",
    "write_git_files",
]

#: Names cocreate's merge driver for a workshop folder's own files (patterns are relative
#: to the folder that holds this .gitattributes); ``cocreate git-setup`` registers it.
GITATTRIBUTES = f"""\
# cocreate merges these by item id; run `cocreate git-setup .` once in each clone.
{WORKSHOP_FILE} merge=cocreate
{MEMBERS_DIR}/*.toml merge=cocreate
"""
#: Files a workshop folder holds that are not workshop data.
GITIGNORE = """\
# cocreate's lock files and the temp files a crash may leave
.*.lock
.*.tmp
"""


def is_workshop(folder: str | Path) -> bool:
    return (Path(folder) / WORKSHOP_FILE).is_file()


def member_path(folder: str | Path, member_id: str) -> Path:
    return Path(folder) / MEMBERS_DIR / f"{member_id}.toml"


def load(folder: str | Path, *, validate: bool = True) -> Workshop:
    """Load a workshop folder: ``workshop.toml`` merged with every member file.

    Raises InputError (one line, naming file and field or line) on any bad file, and on
    anything in ``members/`` that is not a regular file. With ``validate`` (the
    default) references, duplicate ids and voting rules are checked too.
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
    path = folder / WORKSHOP_FILE
    if not os.path.lexists(path):
        raise InputError(folder, f"not a workshop folder: {WORKSHOP_FILE} is missing")
    cleanup_temp_files(folder)
    # Loading builds a large tree of small objects and no reference cycles: the cyclic
    # garbage collector finds nothing to free, yet its passes over every object made so
    # far cost a third of a large load. It is paused while the files are parsed.
    with _collector_paused():
        data, digest = read_toml_with_digest(path)
        workshop = parse_workshop(path, data).edit(digest=digest)
        contributions = read_members(folder, parse_member)
    workshop = workshop.edit(contributions=contributions)
    if validate:
        raise_first_error(workshop, folder)
    return workshop


def stated_language(folder: str | Path) -> str:
    """The ``settings.language`` that ``workshop.toml`` states, read without loading the rest.

    For saying an error in the workshop's language even when the workshop itself cannot
    be loaded; "" when the file is missing or unreadable or states none. Read as a load
    reads it (:func:`read_bytes`): a pipe or a device in its place never blocks or fills
    the memory.
    """
    path = Path(folder)
    if path.name != WORKSHOP_FILE:
        path = path / WORKSHOP_FILE
    try:
        data = parse_bytes(path, read_bytes(path))
    except (OSError, InputError, ValueError):
        return ""
    settings = data.get("settings") if isinstance(data, dict) else None
    language = settings.get("language") if isinstance(settings, dict) else None
    return language if isinstance(language, str) else ""


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def load_member(folder: str | Path, member_id: str) -> MemberContributions:
    """Load one member's file, or empty contributions if they have none yet."""
    path = member_path(folder, member_id)
    if not os.path.lexists(path):
        return MemberContributions(member=member_id)
    return read_member(path, member_id, parse_member)


def _on_disk(path: Path) -> tuple[bytes | None, str]:
    """The bytes of the file on disk (None when there is none yet) and their fingerprint."""
    if not os.path.lexists(path):
        return None, ""
    raw = read_bytes(path)
    return raw, file_digest(raw)


def _revision_of(path: Path, raw: bytes | None) -> int:
    if raw is None:
        return 0
    revision = parse_bytes(path, raw).get("revision", 0)
    return revision if isinstance(revision, int) and not isinstance(revision, bool) else 0


def _moved_on(
    path: Path, raw: bytes | None, digest: str, loaded: Workshop | MemberContributions
) -> bool:
    """Whether the file on disk is no longer the one ``loaded`` came from.

    Compares the content (a fingerprint of the bytes), not only the revision: a hand
    edit, or a clean git merge of two branches that each went from N to N+1, keeps
    the revision but not the bytes. A value that was never loaded from a file (no
    digest) falls back to comparing revisions.
    """
    if raw is None:
        return False
    if loaded.digest:
        return digest != loaded.digest
    return _revision_of(path, raw) != loaded.revision


def _write(path: Path, text: Callable[[int], str], revision: int) -> str:
    """Write the file at ``revision`` atomically; return the fingerprint of what was written."""
    try:
        data = text(revision).encode("utf-8")
    except SaveError as exc:  # the encoder refused a value: name the file it was for
        raise SaveError(f"{path}: {exc}") from None
    atomic_write(path, data)
    return file_digest(data)


def save_workshop(folder: str | Path, workshop: Workshop, *, force: bool = False) -> Workshop:
    """Save ``workshop.toml`` atomically; return the workshop at its new revision.

    Compare-and-swap: if the file on disk is not the one ``workshop`` was loaded from
    (its bytes changed, whatever its revision says), someone else saved it, and
    ConflictError asks for a reload instead of overwriting their change (unless
    ``force``).
    """
    folder = Path(folder)
    path = folder / WORKSHOP_FILE
    with locked(path):
        raw, digest = _on_disk(path)
        if not force and _moved_on(path, raw, digest, workshop):
            on_disk = _revision_of(path, raw)
            raise ConflictError(
                f"{path}: changed by someone else since it was loaded (revision {on_disk},"
                f" loaded {workshop.revision}); reload and apply your change again"
            )
        known = workshop.revision if raw is None or digest == workshop.digest else None
        on_disk = known if known is not None else _revision_of(path, raw)
        revision = max(on_disk, workshop.revision) + 1
        written = _write(path, lambda r: dump_workshop(workshop, r), revision)
    return workshop.edit(revision=revision, digest=written)


def save_member(
    folder: str | Path, contributions: MemberContributions, *, force: bool = True
) -> MemberContributions:
    """Save one member's file atomically; return the contributions at the new revision.

    A member's own two sessions race as whole revisions: the later save wins entire,
    never a mixture. Pass ``force=False`` to refuse when the file has moved on (its
    bytes are not the ones loaded).
    """
    path = member_path(folder, contributions.member)
    path.parent.mkdir(parents=True, exist_ok=True)
    with locked(path):
        raw, digest = _on_disk(path)
        if not force and _moved_on(path, raw, digest, contributions):
            raise ConflictError(
                f"{path}: changed in another session since it was loaded; reload first"
            )
        on_disk = contributions.revision if digest == contributions.digest else None
        if on_disk is None:
            on_disk = _revision_of(path, raw)
        revision = max(on_disk, contributions.revision) + 1
        written = _write(path, lambda r: dump_member(contributions, r), revision)
    return contributions.edit(revision=revision, digest=written)


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
        written = _write(path, lambda r: dump_member(updated, r), revision)
    return updated.edit(revision=revision, digest=written)


def update_workshop(folder: str | Path, change: Callable[[Workshop], Workshop]) -> Workshop:
    """Read, change and save ``workshop.toml`` under its lock (for one-shot CLI commands)."""
    folder = Path(folder)
    path = folder / WORKSHOP_FILE
    with locked(path):
        current = load(folder)
        updated = change(current)
        revision = current.revision + 1
        written = _write(path, lambda r: dump_workshop(updated, r), revision)
    return updated.edit(revision=revision, digest=written)


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
    """Create a new workshop folder, with its git files; refuses to touch an existing workshop.

    Every front end creates workshop folders through here (``cocreate new``, a workshop
    started from a portfolio candidate in the CLI or the app, an import into a new
    folder), so each gets the same files.
    """
    folder = Path(folder)
    if is_workshop(folder):
        raise InputError(folder, "a workshop already exists here")
    if folder.exists() and not folder.is_dir():
        raise InputError(folder, "exists and is not a folder")
    try:
        (folder / MEMBERS_DIR).mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise SaveError(f"{folder}: cannot create: {os_reason(exc)}") from None
    # Before the workshop itself: a failure leaves no workshop, so creating it again works.
    write_git_files(folder)
    return save(folder, workshop)


def write_git_files(folder: str | Path) -> list[Path]:
    """Write the folder's .gitattributes and .gitignore where missing; return what was written.

    A workshop folder is meant to be committed to git: every way of creating one
    (:func:`create`) writes them, and ``cocreate git-setup`` adds any that are missing.
    """
    written = []
    for name, text in ((".gitattributes", GITATTRIBUTES), (".gitignore", GITIGNORE)):
        path = Path(folder) / name
        if not path.exists():
            atomic_write(path, text)
            written.append(path)
    return written
