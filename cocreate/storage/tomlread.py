"""TOML in: a workshop file's bytes to plain data, with a fast path for members' ballots.

Errors come out as one-line InputErrors with the file's line and column, as tomllib
reports them.

The parser is tomli, pinned below 2.4: the same parser as the standard library's tomllib
(TOML 1.0, the same results and the same error messages and positions), shipped as a
mypyc-compiled wheel that reads about 2.4 times as fast. A portfolio of 5,000 workshops
is 9,000 files, and reading them is the largest part of its first dashboard
(docs/performance.md, P7). tomli 2.4 and later read TOML 1.1, which tomllib refuses
until Python 3.15, so a file cocreate took could be refused by every other reader.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import tomli

from cocreate.errors import InputError
from cocreate.storage.files import file_digest, read_bytes

__all__ = [
    "parse_bytes",
    "parse_toml",
    "read_toml",
    "read_toml_with_digest",
    "split_keyed_tables",
]


def read_toml(path: Path) -> dict[str, Any]:
    """Read and parse one file, turning every way it can be broken into a one-line InputError."""
    return parse_bytes(path, read_bytes(path))


def read_toml_with_digest(path: Path) -> tuple[dict[str, Any], str]:
    """The parsed TOML of one file and the fingerprint of its bytes."""
    raw = read_bytes(path)
    return parse_bytes(path, raw), file_digest(raw)


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
    except tomli.TOMLDecodeError as exc:
        raise _toml_error(path, exc) from None
    except RecursionError:
        raise InputError(path, "nested too deeply to read") from None


# A member's ballot is most of a large workshop's bytes: 300 ideas rated by 500 members
# is 150,000 lines of `"idea" = { effect = 4, effort = 2 }`. tomllib reads those at about
# 2.5 MB/s, compiled tomli 2.7 times as fast; the bodies of the [ratings] and [dots]
# tables are read by one regular expression per table (2.4 times as fast again on a
# 600-line ballot), and the rest of the file (with the two headers kept in place and the
# bodies blanked, so line numbers stay true) by the parser.
#
# The expression takes what a person may write there: comments, blank lines, either
# order of effect and effort, any spacing, bare, quoted or literal keys, CRLF line
# ends. A line it does not take (an escape in a key, a hex number, a dotted key) is
# read on its own by the parser, so one odd line costs one line, not the file. Only what
# cannot be split safely falls back to the parser for the whole file: a multi-line string
# (it could hide a header), a line tomllib cannot read alone, a key given twice, or a
# rest that does not parse; errors then keep tomllib's exact line and column, and the
# result is always what tomllib would return for the whole file.
_WS = r"[ \t]*"
_KEY = r"""(?:"([^"\\\x00-\x1f\x7f]*)"|'([^'\x00-\x1f\x7f]*)'|([A-Za-z0-9_-]+))"""
_INT = r"([+-]?(?:0|[1-9][0-9]{0,15}))"
_END = _WS + r"(?:#[^\x00-\x08\x0a-\x1f\x7f]*)?\r?(?:\n|\Z)"
_PAIR = rf"(effect|effort){_WS}={_WS}{_INT}"
_BALLOT_LINES = {
    "ratings": re.compile(
        rf"^{_WS}(?:{_KEY}{_WS}={_WS}\{{{_WS}{_PAIR}{_WS},{_WS}{_PAIR}{_WS}\}})?{_END}",
        re.MULTILINE,
    ),
    "dots": re.compile(rf"^{_WS}(?:{_KEY}{_WS}={_WS}{_INT})?{_END}", re.MULTILINE),
}
# The layout dump_member writes, tried first: a simpler expression, three times faster.
# Its groups are the tolerant one's with the literal and bare keys left out.
_QUOTED = r'"([^"\\\x00-\x1f\x7f]*)"'
_WRITTEN_LINES = {
    "ratings": re.compile(
        rf"^(?:{_QUOTED} = \{{ (effect|effort) = {_INT}, (effect|effort) = {_INT} \}})?(?:\n|\Z)",
        re.MULTILINE,
    ),
    "dots": re.compile(rf"^(?:{_QUOTED} = {_INT})?(?:\n|\Z)", re.MULTILINE),
}
_TABLE_HEADER = re.compile(r"^[ \t]*\[.*$", re.MULTILINE)
_BALLOT_HEADER = re.compile(
    rf"{_WS}\[{_WS}(?:(ratings|dots)|\"(ratings|dots)\"|'(ratings|dots)'){_WS}\]"
    rf"{_WS}(?:#[^\x00-\x08\x0a-\x1f\x7f]*)?\r?"
)


class _Unsplittable(Exception):
    """The ballot tables cannot be read apart from the rest: tomllib reads the whole file."""


def parse_toml(text: str) -> dict[str, Any]:
    """What ``tomllib.loads(text)`` returns, read faster where a member's ballot is."""
    if "ratings" not in text and "dots" not in text:
        return tomli.loads(text)
    try:
        rest, tables = split_keyed_tables(text)
        if not tables:
            return tomli.loads(text)
        data = tomli.loads(rest)
        for name, table in tables.items():
            if data.get(name) != {}:  # the table was given more than its header
                raise _Unsplittable
            data[name] = table
    except (_Unsplittable, tomli.TOMLDecodeError):
        return tomli.loads(text)  # the whole file, for its exact result or error
    return data


def split_keyed_tables(text: str) -> tuple[str, dict[str, dict[str, Any]]]:
    """The text with the bodies of [ratings] and [dots] blanked, and those bodies read.

    Raises ``_Unsplittable`` when the file must be read whole.
    """
    if '"""' in text or "'''" in text:
        raise _Unsplittable  # a multi-line string could hide a header
    headers = list(_TABLE_HEADER.finditer(text))
    tables: dict[str, dict[str, Any]] = {}
    pieces: list[str] = []
    done = 0
    for n, header in enumerate(headers):
        ballot = _BALLOT_HEADER.fullmatch(header[0])
        if ballot is None:
            continue
        name = ballot[1] or ballot[2] or ballot[3]
        start = header.end() + 1  # the body starts on the next line
        end = headers[n + 1].start() if n + 1 < len(headers) else len(text)
        if start >= end:
            continue
        table = tables.setdefault(name, {})
        _read_body(text[start:end], name, table)
        # keep the line count, so tomllib's positions in the rest stay true
        pieces.extend((text[done:start], "\n" * text.count("\n", start, end)))
        done = end
    pieces.append(text[done:])
    return "".join(pieces), tables


def _read_body(body: str, name: str, table: dict[str, Any]) -> None:
    # Each match is one whole line (an expression starts at a line start and ends at
    # its end), so when there are as many matches as line starts every line was read.
    lines = body.count("\n") + 1
    found = _WRITTEN_LINES[name].findall(body)
    keys = 1
    if len(found) != lines:
        found = _BALLOT_LINES[name].findall(body)
        keys = 3  # quoted, literal, bare
        if len(found) != lines:
            _read_body_line_by_line(body, name, table)
            return
    intern = sys.intern
    size = len(table)
    for entry in found:
        key = entry[0] or (entry[1] or entry[2] if keys == 3 else "")
        if name == "dots":
            if entry[keys]:
                table[intern(key)] = int(entry[keys])
                size += 1
            continue
        first, one, second, two = entry[keys:]
        if not first:
            continue  # a blank line or a comment
        if first == second:
            raise _Unsplittable  # effect twice: tomllib says where
        table[intern(key)] = {first: int(one), second: int(two)}
        size += 1
    if len(table) != size:
        raise _Unsplittable  # a key given twice: tomllib says where


def _read_body_line_by_line(body: str, name: str, table: dict[str, Any]) -> None:
    """A body with lines the expression does not take: those are read one by one."""
    pattern = _BALLOT_LINES[name]
    rating = name == "ratings"
    at = 0
    for match in pattern.finditer(body):
        if match.start() != at:
            _read_odd_lines(body[at : match.start()], table)
        at = match.end()
        if at == match.start():  # the empty match at the very end
            break
        if not match[4]:
            continue  # a blank line or a comment
        key = sys.intern(match[1] or match[2] or match[3] or "")
        if key in table:
            raise _Unsplittable  # tomllib says where the key is given twice
        if not rating:
            table[key] = int(match[4])
        elif match[4] != match[6]:
            table[key] = {match[4]: int(match[5]), match[6]: int(match[7])}
        else:
            raise _Unsplittable
    if at < len(body):
        _read_odd_lines(body[at:], table)


def _read_odd_lines(lines: str, table: dict[str, Any]) -> None:
    """Lines the expression did not take: each read on its own by tomllib."""
    for line in lines.split("\n"):
        line = line.removesuffix("\r")  # a CRLF line end
        try:
            entry = tomli.loads(line)
        except tomli.TOMLDecodeError:
            raise _Unsplittable from None  # part of a longer value, or an error
        for key, value in entry.items():
            if key in table:
                raise _Unsplittable
            table[sys.intern(key)] = value


_TOML_POSITION = re.compile(
    r"^(?P<msg>.*?) \(at (?:line (?P<line>\d+), column (?P<col>\d+)|end of document)\)$"
)


def _toml_error(path: Path, exc: tomli.TOMLDecodeError) -> InputError:
    text = str(exc)
    match = _TOML_POSITION.match(text)
    if match is None:
        return InputError(path, f"TOML syntax error: {text}")
    message = f"TOML syntax error: {match['msg'][:1].lower()}{match['msg'][1:]}"
    if match["line"] is None:
        return InputError(path, message + " at end of file")
    return InputError(path, message, line=int(match["line"]), column=int(match["col"]))
