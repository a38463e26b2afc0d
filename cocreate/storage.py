"""The only module that reads or writes workshop files: a folder of TOML, saved atomically.

A workshop is a folder::

    workshop.toml          the facilitator's: meta, members, lanes, steps, flows,
                           settings, voting, pilot, decisions
    members/<member>.toml  one member's problems, causes, ideas, ratings and dots

Every file carries ``schema_version`` and ``revision``. Loading merges the member files in
member-id order. Saving writes a temporary file beside the target, fsyncs it, renames it
over the target and fsyncs the folder, so a reader only ever sees the old file or the new
one. ``workshop.toml`` is saved with compare-and-swap on its revision; a member file is
read-modified-written under a per-file lock.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import enum
import errno
import os
import re
import socket
import tempfile
import time
import tomllib
import types
import typing
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

from cocreate import model
from cocreate.errors import ConflictError, InputError, SaveError
from cocreate.model import ID_PATTERN, MemberContributions, Workshop

__all__ = [
    "MAX_FILE_BYTES",
    "MEMBERS_DIR",
    "SCHEMA_VERSION",
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

SCHEMA_VERSION = 1
WORKSHOP_FILE = "workshop.toml"
MEMBERS_DIR = "members"
#: Files larger than this are refused rather than parsed.
MAX_FILE_BYTES = 16 * 1024 * 1024
#: A temp file from another host is only removed once it is this old (seconds).
STALE_TEMP_SECONDS = 600

_TEMP_PATTERN = re.compile(r"^\.(?P<target>.+)\.(?P<host>[^.]+)\.(?P<pid>\d+)\.[a-z0-9_]+\.tmp$")
_MAX_INT = 2**53

#: Migrations from an older schema version to the next one, applied in order on load.
#: Each takes the parsed TOML of one file (``kind`` is "workshop" or "member") and returns
#: it in the next version's shape.
MIGRATIONS: dict[int, Callable[[dict[str, Any], str], dict[str, Any]]] = {}


# =========================================================================== reading TOML


def _read_toml(path: Path) -> dict[str, Any]:
    """Parse one file, turning every way it can be broken into a one-line InputError."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InputError(path, f"file is {size:,} bytes, over the limit of {MAX_FILE_BYTES:,}")
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except IsADirectoryError:
        raise InputError(path, "is a folder, not a file") from None
    except PermissionError:
        raise InputError(path, "permission denied") from None
    except OSError as exc:  # EIO, or ESTALE when another NFS client replaced the file
        raise InputError(path, f"cannot read: {_os_reason(exc)}") from None
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise InputError(
            path,
            f"not UTF-8 (byte 0x{raw[exc.start]:02x}); save the file as UTF-8",
            line=line,
            column=column,
        ) from None
    try:
        return _parse_toml(text)
    except tomllib.TOMLDecodeError as exc:
        raise _toml_error(path, exc) from None
    except RecursionError:
        raise InputError(path, "nested too deeply to read") from None


# A member's ballot is most of a large workshop's bytes: 300 ideas rated by 500 members
# is 150,000 lines of `"idea" = { effect = 4, effort = 2 }`. tomllib reads those at about
# 2.5 MB/s, so the [ratings] and [dots] tables, when they are exactly in the layout
# dump_member writes, are read line by line with one regular expression and the rest of
# the file by tomllib. Anything else (comments, other spacing, a duplicate key, a second
# [ratings] header) falls back to tomllib for the whole file, so errors keep tomllib's
# exact line and column, and the result is always what tomllib would return.
_ID = r'"([A-Za-z0-9][A-Za-z0-9_.\-]{0,63})"'
_KEYED_LINE = {
    "ratings": re.compile(_ID + r" = \{ effect = (-?[0-9]{1,9}), effort = (-?[0-9]{1,9}) \}"),
    "dots": re.compile(_ID + r" = (-?[0-9]{1,9})"),
}


def _parse_toml(text: str) -> dict[str, Any]:
    if "[ratings]" not in text and "[dots]" not in text:
        return tomllib.loads(text)
    rest, tables = _split_keyed_tables(text)
    if tables is None:
        return tomllib.loads(text)
    data = tomllib.loads(rest)
    if any(name in data for name in tables):
        return tomllib.loads(text)  # defined twice: let tomllib say where
    data.update(tables)
    return data


def _split_keyed_tables(text: str) -> tuple[str, dict[str, dict] | None]:
    if '"""' in text or "'''" in text:
        return text, None  # a multi-line string could hide a header
    padded = "\n" + text
    tables: dict[str, dict] = {}
    for name, pattern in _KEYED_LINE.items():
        header = f"\n[{name}]\n"
        start = padded.find(header)
        if start < 0:
            continue
        if padded.find(header, start + 1) >= 0:
            return text, None
        body_start = start + len(header)
        end = padded.find("\n[", body_start - 1)
        end = len(padded) if end < 0 else end
        table: dict[str, Any] = {}
        for line in padded[body_start:end].split("\n"):
            if not line:
                continue
            match = pattern.fullmatch(line)
            if match is None or match[1] in table:
                return text, None
            if name == "ratings":
                table[match[1]] = {"effect": int(match[2]), "effort": int(match[3])}
            else:
                table[match[1]] = int(match[2])
        tables[name] = table
        # keep the line count, so tomllib's positions in the rest stay true
        removed = padded[start + 1 : end]
        padded = padded[: start + 1] + "\n" * removed.count("\n") + padded[end:]
    return padded[1:], tables


_TOML_POSITION = re.compile(
    r"^(?P<msg>.*?) \(at (?:line (?P<line>\d+), column (?P<col>\d+)|end of document)\)$"
)


def _toml_error(path: Path, exc: tomllib.TOMLDecodeError) -> InputError:
    text = str(exc)
    match = _TOML_POSITION.match(text)
    if match is None:
        return InputError(path, f"TOML syntax error: {text}")
    message = f"TOML syntax error: {match['msg'][:1].lower()}{match['msg'][1:]}"
    if match["line"] is None:
        return InputError(path, message + " at end of file")
    return InputError(path, message, line=int(match["line"]), column=int(match["col"]))


# =========================================================================== decoding


class _Decoder:
    """Turns parsed TOML into model objects, reporting errors with a field path."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def fail(self, where: str, message: str) -> typing.NoReturn:
        raise InputError(self.path, message, field=where or None)

    def value(self, where: str, raw: Any, kind: Any) -> Any:
        origin = typing.get_origin(kind)
        if origin in (typing.Union, types.UnionType):
            options = [k for k in typing.get_args(kind) if k is not type(None)]
            return self.value(where, raw, options[0])
        if origin is tuple:
            item_kind = typing.get_args(kind)[0]
            if not isinstance(raw, list):
                self.fail(where, f"must be a list, not {_describe(raw)}")
            return tuple(self.value(f"{where}[{i}]", v, item_kind) for i, v in enumerate(raw))
        if dataclasses.is_dataclass(kind):
            return self.record(where, raw, kind)
        if isinstance(kind, type) and issubclass(kind, enum.Enum):
            if not isinstance(raw, str):
                self.fail(where, f"must be a string, not {_describe(raw)}")
            try:
                return kind(raw)
            except ValueError:
                choices = ", ".join(m.value for m in kind)
                self.fail(where, f"unknown value {raw!r}; expected one of {choices}")
        if kind is bool:
            if not isinstance(raw, bool):
                self.fail(where, f"must be true or false, not {_describe(raw)}")
            return raw
        if kind is int:
            if isinstance(raw, bool) or not isinstance(raw, int):
                self.fail(where, f"must be a whole number, not {_describe(raw)}")
            if abs(raw) > _MAX_INT:
                self.fail(where, "number is too large")
            return raw
        if kind is float:
            if isinstance(raw, bool) or not isinstance(raw, int | float):
                self.fail(where, f"must be a number, not {_describe(raw)}")
            if isinstance(raw, int) and abs(raw) > _MAX_INT:
                self.fail(where, "number is too large")
            value = float(raw)
            if value != value or value in (float("inf"), float("-inf")):
                self.fail(where, "must be a finite number")
            return value
        if kind is str:
            if not isinstance(raw, str):
                self.fail(where, f"must be a string, not {_describe(raw)}")
            return raw
        if kind is dt.datetime:
            if not isinstance(raw, dt.datetime):
                self.fail(where, f"must be a date and time, not {_describe(raw)}")
            return raw
        if kind is dt.date:
            if isinstance(raw, dt.datetime) or not isinstance(raw, dt.date):
                self.fail(where, f"must be a date (YYYY-MM-DD), not {_describe(raw)}")
            return raw
        raise TypeError(f"no decoder for {kind!r}")  # pragma: no cover - a model bug

    def record(self, where: str, raw: Any, cls: type, **given: Any) -> Any:
        if not isinstance(raw, dict):
            self.fail(where, f"must be a table, not {_describe(raw)}")
        hints = _hints(cls)
        known = {f.name: f for f in dataclasses.fields(cls)}
        prefix = f"{where}." if where else ""
        for key in raw:
            if key not in known or key in given or not known[key].init or key == "revision":
                self.fail(f"{prefix}{key}", "unknown field")
        values: dict[str, Any] = dict(given)
        for name, fld in known.items():
            if name in given or not fld.init or name == "revision":
                continue
            if name not in raw:
                required = (
                    fld.default is dataclasses.MISSING
                    and fld.default_factory is dataclasses.MISSING
                )
                if required:
                    self.fail(f"{prefix}{name}", "missing")
                continue
            values[name] = self.value(f"{prefix}{name}", raw[name], hints[name])
        return cls(**values)


_HINTS: dict[type, dict[str, Any]] = {}


def _hints(cls: type) -> dict[str, Any]:
    if cls not in _HINTS:
        _HINTS[cls] = typing.get_type_hints(cls, vars(model))
    return _HINTS[cls]


def _describe(raw: Any) -> str:
    if isinstance(raw, bool):
        return "a boolean"
    if isinstance(raw, int):
        return "a whole number"
    if isinstance(raw, float):
        return "a number"
    if isinstance(raw, str):
        return "a string"
    if isinstance(raw, list):
        return "a list"
    if isinstance(raw, dict):
        return "a table"
    if isinstance(raw, dt.datetime):
        return "a date and time"
    if isinstance(raw, dt.date):
        return "a date"
    if isinstance(raw, dt.time):
        return "a time"
    return type(raw).__name__


def _check_header(decoder: _Decoder, data: dict[str, Any], kind: str) -> tuple[dict, int]:
    version = data.get("schema_version")
    if version is None:
        decoder.fail("schema_version", "missing (is this a cocreate file?)")
    if isinstance(version, bool) or not isinstance(version, int):
        decoder.fail("schema_version", f"must be a whole number, not {_describe(version)}")
    if version > SCHEMA_VERSION:
        decoder.fail(
            "schema_version",
            f"version {version} is newer than this cocreate understands ({SCHEMA_VERSION});"
            " upgrade cocreate",
        )
    if version < 1 and version not in MIGRATIONS:
        decoder.fail("schema_version", f"unknown version {version}")
    while version < SCHEMA_VERSION:
        data = MIGRATIONS[version](dict(data), kind)
        version += 1
        data["schema_version"] = version
    revision = data.get("revision", 0)
    if isinstance(revision, bool) or not isinstance(revision, int) or revision < 0:
        decoder.fail("revision", "must be a whole number of at least 0")
    return data, revision


_WORKSHOP_SECTIONS = ("meta", "settings", "voting", "pilot")
_WORKSHOP_LISTS = ("members", "lanes", "steps", "flows", "decisions", "variants")


def parse_workshop(path: Path, data: dict[str, Any]) -> Workshop:
    """Build the facilitator's part of a Workshop from parsed ``workshop.toml``."""
    decoder = _Decoder(path)
    data, revision = _check_header(decoder, data, "workshop")
    body = {k: v for k, v in data.items() if k not in ("schema_version", "revision")}
    if "meta" not in body:
        decoder.fail("meta", "missing")
    workshop = decoder.record("", body, Workshop, contributions=())
    return workshop.edit(revision=revision)


def parse_member(path: Path, data: dict[str, Any], member_id: str) -> MemberContributions:
    """Build one member's contributions from a parsed ``members/<id>.toml``."""
    decoder = _Decoder(path)
    data, revision = _check_header(decoder, data, "member")
    declared = data.get("member")
    if declared != member_id:
        decoder.fail("member", f"must be {member_id!r} to match the file name, not {declared!r}")
    allowed = {
        "schema_version",
        "revision",
        "member",
        "problems",
        "causes",
        "ideas",
        "ratings",
        "dots",
    }
    for key in data:
        if key not in allowed:
            decoder.fail(key, "unknown field")

    def items(name: str, cls: type) -> tuple[Any, ...]:
        raw = data.get(name, [])
        if not isinstance(raw, list):
            decoder.fail(name, f"must be a list of tables, not {_describe(raw)}")
        return tuple(
            decoder.record(f"{name}[{i}]", entry, cls, author=member_id)
            if isinstance(entry, dict) and "author" not in entry
            else decoder.record(f"{name}[{i}]", entry, cls)
            for i, entry in enumerate(raw)
        )

    problems = items("problems", model.Problem)
    causes = items("causes", model.Cause)
    ideas = items("ideas", model.Idea)
    ratings = _keyed(decoder, data.get("ratings", {}), "ratings", member_id, rating=True)
    dots = _keyed(decoder, data.get("dots", {}), "dots", member_id, rating=False)
    return MemberContributions(
        member=member_id,
        problems=problems,
        causes=causes,
        ideas=ideas,
        ratings=ratings,
        dots=dots,
        revision=revision,
    )


def _keyed(decoder: _Decoder, raw: Any, name: str, member_id: str, *, rating: bool) -> tuple:
    """Ratings and dots are tables keyed by idea id: the hot path of large workshops.

    The loop only checks what a well-formed entry is; the first entry that is not one
    is handed to ``_keyed_error`` for a precise message.
    """
    if not isinstance(raw, dict):
        decoder.fail(name, f"must be a table keyed by idea id, not {_describe(raw)}")
    out: list[Any] = []
    append = out.append
    if rating:
        rating_cls = model.Rating
        for idea, value in raw.items():
            if type(value) is dict and len(value) == 2:
                effect = value.get("effect")
                effort = value.get("effort")
                if type(effect) is int and type(effort) is int:
                    append(rating_cls(member_id, idea, effect, effort))
                    continue
            _keyed_error(decoder, name, idea, value, rating=True)
    else:
        dot_cls = model.Dot
        for idea, value in raw.items():
            if type(value) is int:
                append(dot_cls(member_id, idea, value))
                continue
            _keyed_error(decoder, name, idea, value, rating=False)
    return tuple(out)


def _keyed_error(decoder: _Decoder, name: str, idea: str, value: Any, *, rating: bool) -> None:
    where = f'{name}."{idea}"'
    if not rating:
        decoder.fail(where, f"must be a whole number, not {_describe(value)}")
    if not isinstance(value, dict):
        decoder.fail(where, "must be a table like { effect = 4, effort = 2 }")
    extra = sorted(set(value) - {"effect", "effort"})
    if extra:
        decoder.fail(f"{where}.{extra[0]}", "unknown field")
    missing = sorted({"effect", "effort"} - set(value))
    if missing:
        decoder.fail(f"{where}.{missing[0]}", "missing")
    for key in ("effect", "effort"):
        if type(value[key]) is not int:
            decoder.fail(f"{where}.{key}", f"must be a whole number, not {_describe(value[key])}")


# =========================================================================== encoding


def _encode_value(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if dataclasses.is_dataclass(value):
        return _encode_record(value)
    if isinstance(value, tuple):
        return [_encode_value(v) for v in value]
    return value


def _encode_record(item: Any, skip: tuple[str, ...] = ()) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for fld in dataclasses.fields(item):
        if fld.name in skip or fld.name == "revision":
            continue
        value = getattr(item, fld.name)
        # TOML has no null: an absent value is an omitted key. Empty text and lists are
        # omitted too, but only where empty is the default, so reading gives them back.
        if value is None or (value in ("", ()) and fld.default == value):
            continue
        encoded = _encode_value(value)
        if encoded == {}:
            continue
        out[fld.name] = encoded
    return out


def dump_workshop(workshop: Workshop, revision: int) -> str:
    """The text of ``workshop.toml`` for this workshop at this revision."""
    body = _encode_record(workshop, skip=("contributions",))
    data: dict[str, Any] = {"schema_version": SCHEMA_VERSION, "revision": revision}
    for key in ("sources", *_WORKSHOP_SECTIONS, *_WORKSHOP_LISTS):
        if key in body:
            data[key] = body[key]
    return _emit(data)


def dump_member(contributions: MemberContributions, revision: int) -> str:
    """The text of ``members/<id>.toml`` for one member's contributions."""
    data: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "revision": revision,
        "member": contributions.member,
    }
    for name in ("problems", "causes", "ideas"):
        items = getattr(contributions, name)
        if items:
            data[name] = [
                _encode_record(item, skip=("author",))
                if item.author == contributions.member
                else _encode_record(item)
                for item in items
            ]
    parts = [_emit(data)]
    # Ratings and dots are keyed by idea id, one line each, so a member's ballot is a
    # short readable block and a second rating of the same idea is a TOML error.
    if contributions.ratings:
        parts.append("\n[ratings]\n")
        parts.extend(
            f'"{_key(r.idea)}" = {{ effect = {int(r.effect)}, effort = {int(r.effort)} }}\n'
            for r in contributions.ratings
        )
    if contributions.dots:
        parts.append("\n[dots]\n")
        parts.extend(f'"{_key(d.idea)}" = {int(d.count)}\n' for d in contributions.dots)
    return "".join(parts)


# A small TOML writer of our own: one layout for every file (scalars first, then
# [tables], then [[arrays of tables]], short lists inline), so files diff line by line.
_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")
_ESCAPES = {
    '"': '\\"',
    "\\": "\\\\",
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\f": "\\f",
    "\r": "\\r",
}


def _toml_key(key: str) -> str:
    return key if _BARE_KEY.match(key) else _toml_string(key)


def _toml_string(text: str) -> str:
    out = []
    for ch in text:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ch < " " or ch == "\x7f":
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _toml_scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, str):
        return _toml_string(value)
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, list):
        items = [_toml_scalar(v) for v in value]
        inline = "[" + ", ".join(items) + "]"
        if len(inline) <= 80:
            return inline
        return "[\n" + "".join(f"    {item},\n" for item in items) + "]"
    raise TypeError(f"cannot write {type(value).__name__} to TOML")  # pragma: no cover


def _is_table_list(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def _emit(data: dict[str, Any], prefix: str = "") -> str:
    lines: list[str] = []
    _emit_into(lines, data, prefix)
    return "\n".join(lines).lstrip("\n") + "\n"


def _emit_into(lines: list[str], data: dict[str, Any], prefix: str) -> None:
    tables = []
    arrays = []
    for key, value in data.items():
        if isinstance(value, dict):
            tables.append((key, value))
        elif _is_table_list(value):
            arrays.append((key, value))
        else:
            lines.append(f"{_toml_key(key)} = {_toml_scalar(value)}")
    for key, value in tables:
        name = f"{prefix}{_toml_key(key)}"
        lines.extend(("", f"[{name}]"))
        _emit_into(lines, value, f"{name}.")
    for key, items in arrays:
        name = f"{prefix}{_toml_key(key)}"
        for item in items:
            lines.extend(("", f"[[{name}]]"))
            _emit_into(lines, item, f"{name}.")


def _key(idea_id: str) -> str:
    if not ID_PATTERN.match(idea_id):
        raise SaveError(f"cannot save: {idea_id!r} is not a valid id")
    return idea_id


# =========================================================================== atomic writes


def _host() -> str:
    """This host's name as it appears in temp file names (no dots, so names parse)."""
    return re.sub(r"[^A-Za-z0-9-]", "-", socket.gethostname()) or "host"


def _temp_name(target: Path) -> str:
    host = _host()
    token = next(tempfile._get_candidate_names())
    return f".{target.name}.{host}.{os.getpid()}.{token}.tmp"


def atomic_write(path: str | Path, text: str | bytes) -> None:
    """Replace ``path`` with ``text`` so that readers see the old file or the new one.

    ``text`` is written as UTF-8; bytes (a PNG, a CSV with a BOM) are written as given.

    Writes a temp file in the same folder, flushes and fsyncs it, renames it over the
    target with ``os.replace``, then fsyncs the folder so the rename itself is durable.
    On any failure the temp file is removed, the target is left byte-identical and a
    one-line SaveError says what happened.
    """
    target = Path(path)
    folder = target.parent
    temp = folder / _temp_name(target)
    data = text if isinstance(text, bytes) else text.encode("utf-8")
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    except OSError as exc:
        raise SaveError(f"{target}: cannot save: {_os_reason(exc)}") from None
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
        raise SaveError(
            f"{target}: cannot save: {_os_reason(exc)}; the file is unchanged"
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
                f"{folder}: saved, but could not flush the folder: {_os_reason(exc)}"
            ) from None
    finally:
        os.close(fd)


def _os_reason(exc: OSError) -> str:
    return exc.strerror.lower() if exc.strerror else str(exc)


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
def _locked(path: Path) -> Iterator[None]:
    """Hold an exclusive advisory lock for a read-modify-write of ``path``."""
    import fcntl

    lock_path = path.parent / f".{path.name}.lock"
    try:
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise SaveError(f"{path}: cannot lock: {_os_reason(exc)}") from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
        except OSError as exc:  # ENOLCK: an NFS mount with no lock manager
            raise SaveError(f"{path}: cannot lock: {_os_reason(exc)}") from None
        yield
    finally:
        os.close(fd)


# =========================================================================== the folder


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
    workshop = parse_workshop(path, _read_toml(path))
    contributions = []
    for member_id, member_file in _member_files(folder):
        if not ID_PATTERN.match(member_id):
            raise InputError(member_file, "file name is not a valid member id")
        contributions.append(parse_member(member_file, _read_toml(member_file), member_id))
    workshop = workshop.edit(contributions=tuple(contributions))
    if validate:
        from cocreate.validate import raise_first_error

        raise_first_error(workshop, folder)
    return workshop


def load_member(folder: str | Path, member_id: str) -> MemberContributions:
    """Load one member's file, or empty contributions if they have none yet."""
    path = member_path(folder, member_id)
    if not path.exists():
        return MemberContributions(member=member_id)
    return parse_member(path, _read_toml(path), member_id)


def _disk_revision(path: Path) -> int | None:
    """The revision of the file on disk, or None when there is no file yet."""
    if not path.exists():
        return None
    data = _read_toml(path)
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
    with _locked(path):
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
    with _locked(path):
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
    with _locked(path):
        current = load_member(folder, member_id)  # read under the lock: it is the disk's
        updated = change(current)
        revision = current.revision + 1
        atomic_write(path, dump_member(updated, revision))
    return updated.edit(revision=revision)


def update_workshop(folder: str | Path, change: Callable[[Workshop], Workshop]) -> Workshop:
    """Read, change and save ``workshop.toml`` under its lock (for one-shot CLI commands)."""
    folder = Path(folder)
    path = folder / WORKSHOP_FILE
    with _locked(path):
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
        raise SaveError(f"{folder}: cannot create: {_os_reason(exc)}") from None
    return save(folder, workshop)


def as_mapping(workshop: Workshop) -> Mapping[str, Any]:
    """The workshop as plain data (what the files hold), for JSON output."""
    body = _encode_record(workshop, skip=("contributions",))
    body["contributions"] = [_encode_record(c) for c in workshop.contributions]
    return body
