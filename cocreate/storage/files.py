"""Files on disk: bounded reads, the one atomic writer, per-file locks, stray temp files.

Every file cocreate writes (workshop files, reports, charts, CSV exports, link lists)
goes through :func:`atomic_write`: a temp file beside the target, written completely,
fsynced, renamed over the target, and the folder fsynced. A reader sees the old file or
the new one, never half of either; a crash leaves at worst a temp file, which
:func:`cleanup_temp_files` removes on the next load.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import re
import secrets
import socket
import stat
import time
from collections.abc import Iterator
from pathlib import Path

from cocreate.errors import InputError, SaveError
from cocreate.paths import MEMBERS_DIR

__all__ = [
    "MAX_FILE_BYTES",
    "STALE_TEMP_SECONDS",
    "atomic_write",
    "cleanup_temp_files",
    "file_digest",
    "locked",
    "os_reason",
    "read_bytes",
    "temp_name",
]

#: Files larger than this are refused rather than parsed.
MAX_FILE_BYTES = 16 * 1024 * 1024
#: A temp file from another host is only removed once it is this old (seconds).
STALE_TEMP_SECONDS = 600

_TEMP_PATTERN = re.compile(r"^\.(?P<target>.+)\.(?P<host>[^.]+)\.(?P<pid>\d+)\.[a-z0-9_]+\.tmp$")


def os_reason(exc: OSError) -> str:
    """The reason of an OSError in lower case, as it reads inside a one-line message."""
    return exc.strerror.lower() if exc.strerror else str(exc)


# =========================================================================== reading


_NOT_A_FILE = (
    (stat.S_ISDIR, "is a folder, not a file"),
    (stat.S_ISFIFO, "is a pipe, not a file"),
    (stat.S_ISSOCK, "is a socket, not a file"),
    (stat.S_ISCHR, "is a device, not a file"),
    (stat.S_ISBLK, "is a device, not a file"),
)


def read_bytes(path: Path) -> bytes:
    """The bytes of one regular file; every way it can be unreadable is a one-line InputError.

    Anything but a regular file (a folder, a pipe, a link to ``/dev/zero``) is refused
    before a byte is read: it is opened without blocking and checked with ``fstat``, so
    a pipe cannot hang the load and a device cannot fill the memory. At most
    :data:`MAX_FILE_BYTES` are read, even from a file that grows while it is read.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        kind = "is a link to nothing" if os.path.islink(path) else "no such file"
        raise InputError(path, kind) from None
    except IsADirectoryError:  # Windows cannot open a folder at all
        raise InputError(path, "is a folder, not a file") from None
    except PermissionError:
        raise InputError(path, "permission denied") from None
    except OSError as exc:
        raise InputError(path, f"cannot read: {os_reason(exc)}") from None
    try:
        info = os.fstat(fd)
        for test, message in _NOT_A_FILE:
            if test(info.st_mode):
                raise InputError(path, message)
        if not stat.S_ISREG(info.st_mode):
            raise InputError(path, "is not a regular file")
        if info.st_size > MAX_FILE_BYTES:
            raise InputError(
                path, f"file is {info.st_size:,} bytes, over the limit of {MAX_FILE_BYTES:,}"
            )
        chunks: list[bytes] = []
        size = 0
        while size <= MAX_FILE_BYTES:
            chunk = os.read(fd, max(info.st_size + 1 - size, 1 << 16))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > MAX_FILE_BYTES:
            raise InputError(path, f"file grew over the limit of {MAX_FILE_BYTES:,} bytes")
        return b"".join(chunks)
    except OSError as exc:  # EIO, or ESTALE when another NFS client replaced the file
        raise InputError(path, f"cannot read: {os_reason(exc)}") from None
    finally:
        os.close(fd)


def file_digest(data: bytes) -> str:
    """A short fingerprint of a file's bytes, for compare-and-swap on content."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()


# =========================================================================== atomic writes


def _host() -> str:
    """This host's name as it appears in temp file names (no dots, so names parse)."""
    return re.sub(r"[^A-Za-z0-9-]", "-", socket.gethostname()) or "host"


def temp_name(target: Path) -> str:
    """The name of a temp file for a save of ``target``: ``.<name>.<host>.<pid>.<random>.tmp``."""
    host = _host()
    token = secrets.token_hex(4)
    return f".{target.name}.{host}.{os.getpid()}.{token}.tmp"


def atomic_write(path: str | Path, text: str | bytes, *, mode: int = 0o644) -> None:
    """Replace ``path`` with ``text`` so that readers see the old file or the new one.

    ``text`` is written as UTF-8; bytes (a PNG, a CSV with a BOM) are written as given.
    ``mode`` is the new file's permission bits (``0o600`` for a file only its owner
    may read, such as a list of private links).

    Writes a temp file in the same folder, flushes and fsyncs it, renames it over the
    target with ``os.replace``, then fsyncs the folder so the rename itself is durable.
    On any failure the temp file is removed, the target is left byte-identical and a
    one-line SaveError says what happened.
    """
    target = Path(path)
    folder = target.parent
    temp = folder / temp_name(target)
    data = text if isinstance(text, bytes) else text.encode("utf-8")
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    except OSError as exc:
        raise SaveError(f"{target}: cannot save: {os_reason(exc)}").keyed(
            "error.save.failed", path=str(target), reason=os_reason(exc), errno=exc.errno
        ) from None
    try:
        try:
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temp, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise SaveError(f"{target}: cannot save: {os_reason(exc)}; the file is unchanged").keyed(
            "error.save.failed_unchanged", path=str(target), reason=os_reason(exc), errno=exc.errno
        ) from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    _fsync_folder(folder)


def _fsync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # pragma: no cover - platforms without folder fds
        return
    try:
        os.fsync(fd)
    except OSError as exc:  # some network file systems refuse fsync on folders
        if exc.errno not in (errno.EINVAL, errno.ENOTSUP, errno.EBADF):
            raise SaveError(
                f"{folder}: saved, but could not flush the folder: {os_reason(exc)}"
            ) from None
    finally:
        os.close(fd)


def cleanup_temp_files(folder: str | Path) -> list[Path]:
    """Remove temp files left behind by saves that crashed; return what was removed.

    A recent temp file of a live process on this host is another save in progress and is
    left alone; one from another host (a shared folder) only once it is old.
    """
    folder = Path(folder)
    removed: list[Path] = []
    host = _host()
    for place in (folder, folder / MEMBERS_DIR):
        try:
            entries = list(place.iterdir())
        except OSError:
            continue
        for entry in entries:
            match = _TEMP_PATTERN.match(entry.name)
            if match is None:
                continue
            try:
                old = time.time() - entry.stat().st_mtime > STALE_TEMP_SECONDS
            except OSError:
                continue
            # A save takes milliseconds, so an old temp file is always left over, even
            # where its pid now belongs to another process. On Windows os.kill(pid, 0)
            # would terminate that process: there only the age rule applies.
            stale = old
            if not old and match["host"] == host and os.name != "nt":
                stale = not _pid_alive(int(match["pid"]))
            if stale:
                with contextlib.suppress(OSError):
                    entry.unlink()
                    removed.append(entry)
    return removed


def _pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@contextlib.contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold an exclusive advisory lock for a read-modify-write of ``path``."""
    import fcntl

    lock_path = path.parent / f".{path.name}.lock"
    try:
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise SaveError(f"{path}: cannot lock: {os_reason(exc)}").keyed(
            "error.save.lock", path=str(path), reason=os_reason(exc), errno=exc.errno
        ) from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
        except OSError as exc:  # ENOLCK: an NFS mount with no lock manager
            raise SaveError(f"{path}: cannot lock: {os_reason(exc)}").keyed(
                "error.save.lock", path=str(path), reason=os_reason(exc), errno=exc.errno
            ) from None
        yield
    finally:
        os.close(fd)
