"""TOML in: a workshop file's bytes to plain data, with a fast path for members' ballots.

Errors come out as one-line InputErrors with the file's line and column, as tomllib
reports them.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from cocreate.errors import InputError
from cocreate.storage.files import read_bytes

__all__ = ["parse_bytes", "parse_toml", "read_toml", "split_keyed_tables"]


def read_toml(path: Path) -> dict[str, Any]:
    """Read and parse one file, turning every way it can be broken into a one-line InputError."""
    return parse_bytes(path, read_bytes(path))


def parse_bytes(path: Path, raw: bytes) -> dict[str, Any]:
    """Parse the bytes of ``path`` (UTF-8, a BOM allowed) as TOML; errors are one line."""
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
        return parse_toml(text)
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


def parse_toml(text: str) -> dict[str, Any]:
    if "[ratings]" not in text and "[dots]" not in text:
        return tomllib.loads(text)
    rest, tables = split_keyed_tables(text)
    if tables is None:
        return tomllib.loads(text)
    data = tomllib.loads(rest)
    if any(name in data for name in tables):
        return tomllib.loads(text)  # defined twice: let tomllib say where
    data.update(tables)
    return data


def split_keyed_tables(text: str) -> tuple[str, dict[str, dict] | None]:
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
