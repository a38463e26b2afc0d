"""TOML out: a small writer of our own, so every file has one layout that diffs well.

Scalars first, then ``[tables]``, then ``[[arrays of tables]]``; short lists inline,
long ones one item a line. Strings always go through :func:`toml_string`, keys
through :func:`toml_key`, so no text can break the file's syntax.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

__all__ = ["emit", "toml_key", "toml_string"]

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


def toml_key(key: str) -> str:
    return key if _BARE_KEY.match(key) else toml_string(key)


def toml_string(text: str) -> str:
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
        return toml_string(value)
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


def emit(data: dict[str, Any], prefix: str = "") -> str:
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
            lines.append(f"{toml_key(key)} = {_toml_scalar(value)}")
    for key, value in tables:
        name = f"{prefix}{toml_key(key)}"
        lines.extend(("", f"[{name}]"))
        _emit_into(lines, value, f"{name}.")
    for key, items in arrays:
        name = f"{prefix}{toml_key(key)}"
        for item in items:
            lines.extend(("", f"[[{name}]]"))
            _emit_into(lines, item, f"{name}.")
