"""Parsed TOML to model objects: types checked field by field, each error naming its field.

``parse_workshop`` and ``parse_member`` take what :mod:`cocreate.storage.tomlread`
returns and give a :class:`~cocreate.model.Workshop` or
:class:`~cocreate.model.MemberContributions`, or raise one InputError naming the file
and the field path (``steps[2].minutes: must be a number, not a string``). Files of an
older schema version are migrated first.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import sys
import types
import typing
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from cocreate import model
from cocreate.errors import InputError
from cocreate.model import MemberContributions, Workshop
from cocreate.text import control_problem, quoted

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

__all__ = ["MIGRATIONS", "SCHEMA_VERSION", "describe", "parse_member", "parse_workshop"]

SCHEMA_VERSION = 1
#: Fields of the model that a file never holds: they describe the file as it was read.
NOT_IN_FILES = frozenset({"revision", "digest"})
_MAX_INT = 2**53

T = TypeVar("T", bound="DataclassInstance")

#: Migrations from an older schema version to the next one, applied in order on load.
#: Each takes the parsed TOML of one file (``kind`` is "workshop" or "member") and returns
#: it in the next version's shape.
MIGRATIONS: dict[int, Callable[[dict[str, Any], str], dict[str, Any]]] = {}


class _Decoder:
    """Turns parsed TOML into model objects, reporting errors with a field path."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def fail(self, where: str, message: str) -> typing.NoReturn:
        raise InputError(self.path, message, field=where or None)

    def value(self, where: str, raw: Any, kind: Any, *, multiline: bool = False) -> Any:
        origin = typing.get_origin(kind)
        if origin in (typing.Union, types.UnionType):
            options = [k for k in typing.get_args(kind) if k is not type(None)]
            return self.value(where, raw, options[0], multiline=multiline)
        if origin is tuple:
            item_kind = typing.get_args(kind)[0]
            if not isinstance(raw, list):
                self.fail(where, f"must be a list, not {describe(raw)}")
            return tuple(
                self.value(f"{where}[{i}]", v, item_kind, multiline=multiline)
                for i, v in enumerate(raw)
            )
        if isinstance(kind, type) and dataclasses.is_dataclass(kind):
            return self.record(where, raw, kind)
        if isinstance(kind, type) and issubclass(kind, enum.Enum):
            if not isinstance(raw, str):
                self.fail(where, f"must be a string, not {describe(raw)}")
            try:
                return kind(raw)
            except ValueError:
                choices = ", ".join(m.value for m in kind)
                self.fail(where, f"unknown value {raw!r}; expected one of {choices}")
        if kind is bool:
            if not isinstance(raw, bool):
                self.fail(where, f"must be true or false, not {describe(raw)}")
            return raw
        if kind is int:
            if isinstance(raw, bool) or not isinstance(raw, int):
                self.fail(where, f"must be a whole number, not {describe(raw)}")
            if abs(raw) > _MAX_INT:
                self.fail(where, "number is too large")
            return raw
        if kind is float:
            if isinstance(raw, bool) or not isinstance(raw, int | float):
                self.fail(where, f"must be a number, not {describe(raw)}")
            if isinstance(raw, int) and abs(raw) > _MAX_INT:
                self.fail(where, "number is too large")
            value = float(raw)
            if value != value or value in (float("inf"), float("-inf")):
                self.fail(where, "must be a finite number")
            return value
        if kind is str:
            if not isinstance(raw, str):
                self.fail(where, f"must be a string, not {describe(raw)}")
            problem = control_problem(raw, multiline=multiline)
            if problem is not None:
                self.fail(where, problem)
            return raw
        if kind is dt.datetime:
            if not isinstance(raw, dt.datetime):
                self.fail(where, f"must be a date and time, not {describe(raw)}")
            return raw
        if kind is dt.date:
            if isinstance(raw, dt.datetime) or not isinstance(raw, dt.date):
                self.fail(where, f"must be a date (YYYY-MM-DD), not {describe(raw)}")
            return raw
        raise TypeError(f"no decoder for {kind!r}")  # pragma: no cover - a model bug

    def record(self, where: str, raw: Any, cls: type[T], **given: Any) -> T:
        if not isinstance(raw, dict):
            self.fail(where, f"must be a table, not {describe(raw)}")
        hints = _hints(cls)
        known = {f.name: f for f in dataclasses.fields(cls)}
        prefix = f"{where}." if where else ""
        for key in raw:
            if key not in known or key in given or not known[key].init or key in NOT_IN_FILES:
                self.fail(f"{prefix}{key}", "unknown field")
        values: dict[str, Any] = dict(given)
        for name, fld in known.items():
            if name in given or not fld.init or name in NOT_IN_FILES:
                continue
            if name not in raw:
                required = (
                    fld.default is dataclasses.MISSING
                    and fld.default_factory is dataclasses.MISSING
                )
                if required:
                    self.fail(f"{prefix}{name}", "missing")
                continue
            multiline = bool(fld.metadata.get("multiline"))
            values[name] = self.value(
                f"{prefix}{name}", raw[name], hints[name], multiline=multiline
            )
        return cls(**values)


_HINTS: dict[type, dict[str, Any]] = {}


def _hints(cls: type) -> dict[str, Any]:
    if cls not in _HINTS:
        # The names in a record's annotations are those of the module that defines it
        # (the workshop's model, or the portfolio's).
        _HINTS[cls] = typing.get_type_hints(cls, vars(sys.modules[cls.__module__]))
    return _HINTS[cls]


def describe(raw: Any) -> str:
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
        decoder.fail("schema_version", f"must be a whole number, not {describe(version)}")
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
            decoder.fail(name, f"must be a list of tables, not {describe(raw)}")
        out: list[Any] = []
        for i, entry in enumerate(raw):
            if isinstance(entry, dict) and "author" in entry:
                # A member's file holds only that member's items, as its ids carry the
                # member's prefix: an item claiming another author is refused.
                if entry["author"] != member_id:
                    decoder.fail(
                        f"{name}[{i}].author",
                        f"must be {member_id!r}, the member whose file this is,"
                        f" not {entry['author']!r}",
                    )
                entry = {k: v for k, v in entry.items() if k != "author"}
            out.append(decoder.record(f"{name}[{i}]", entry, cls, author=member_id))
        return tuple(out)

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
        decoder.fail(name, f"must be a table keyed by idea id, not {describe(raw)}")
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
    where = f"{name}.{quoted(idea)}"
    if not rating:
        decoder.fail(where, f"must be a whole number, not {describe(value)}")
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
            decoder.fail(f"{where}.{key}", f"must be a whole number, not {describe(value[key])}")
