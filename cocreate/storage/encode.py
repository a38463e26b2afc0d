"""Model objects to TOML text: the layout of ``workshop.toml`` and of a member's file.

TOML has no null, so an absent value is an omitted key; empty text and lists are
omitted too where empty is the default, so reading gives them back unchanged.
"""

from __future__ import annotations

import dataclasses
import enum
from typing import Any

from cocreate.errors import SaveError
from cocreate.model import ID_PATTERN, MemberContributions, Workshop
from cocreate.storage.decode import NOT_IN_FILES, SCHEMA_VERSION
from cocreate.storage.tomlwrite import emit, toml_string
from cocreate.text import control_problem

__all__ = ["WORKSHOP_LISTS", "WORKSHOP_SECTIONS", "dump_member", "dump_workshop"]

WORKSHOP_SECTIONS = ("meta", "settings", "voting", "pilot", "primary")
WORKSHOP_LISTS = ("members", "lanes", "steps", "flows", "decisions", "variants", "alignments")


def _encode_value(value: Any, where: str, multiline: bool) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if dataclasses.is_dataclass(value):
        return encode_record(value, where=where)
    if isinstance(value, tuple):
        return [_encode_value(v, f"{where}[{i}]", multiline) for i, v in enumerate(value)]
    if isinstance(value, str):
        # The reader refuses control characters, so the writer never writes them: a
        # file it wrote always loads again.
        problem = control_problem(value, multiline=multiline)
        if problem is not None:
            raise SaveError(f"cannot save: {where}: {problem}")
    return value


def encode_record(item: Any, skip: tuple[str, ...] = (), *, where: str = "") -> dict[str, Any]:
    """One model record as the plain data of its TOML table (absent values left out)."""
    out: dict[str, Any] = {}
    prefix = f"{where}." if where else ""
    for fld in dataclasses.fields(item):
        if fld.name in skip or fld.name in NOT_IN_FILES:
            continue
        value = getattr(item, fld.name)
        # TOML has no null: an absent value is an omitted key. Empty text and lists are
        # omitted too, but only where empty is the default, so reading gives them back.
        if value is None or (value in ("", ()) and fld.default == value):
            continue
        multiline = bool(fld.metadata.get("multiline"))
        encoded = _encode_value(value, f"{prefix}{fld.name}", multiline)
        if encoded == {}:
            continue
        out[fld.name] = encoded
    return out


def dump_workshop(workshop: Workshop, revision: int) -> str:
    """The text of ``workshop.toml`` for this workshop at this revision."""
    body = encode_record(workshop, skip=("contributions",))
    data: dict[str, Any] = {"schema_version": SCHEMA_VERSION, "revision": revision}
    for key in ("sources", *WORKSHOP_SECTIONS, *WORKSHOP_LISTS):
        if key in body:
            data[key] = body[key]
    return emit(data)


def dump_member(contributions: MemberContributions, revision: int) -> str:
    """The text of ``members/<id>.toml`` for one member's contributions."""
    member = contributions.member
    data: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "revision": revision,
        "member": member,
    }
    for name in ("problems", "causes", "ideas"):
        items = getattr(contributions, name)
        for i, item in enumerate(items):
            if item.author != member:
                raise SaveError(
                    f"cannot save: {name}[{i}].author: {item.author!r} is not {member!r};"
                    " a member's file holds only that member's items"
                )
        if items:
            data[name] = [
                encode_record(item, skip=("author",), where=f"{name}[{i}]")
                for i, item in enumerate(items)
            ]
    parts = [emit(data)]
    # Ratings and dots are keyed by idea id, one line each, so a member's ballot is a
    # short readable block and a second rating of the same idea is a TOML error. Keys
    # go through the string escaper like every other string.
    if contributions.ratings:
        parts.append("\n[ratings]\n")
        parts.extend(
            f"{_key(r.idea)} = {{ effect = {int(r.effect)}, effort = {int(r.effort)} }}\n"
            for r in contributions.ratings
        )
    if contributions.dots:
        parts.append("\n[dots]\n")
        parts.extend(f"{_key(d.idea)} = {int(d.count)}\n" for d in contributions.dots)
    return "".join(parts)


def _key(idea_id: str) -> str:
    """A ballot's key: the idea id, refused unless valid, as an escaped TOML string."""
    if not ID_PATTERN.match(idea_id):
        raise SaveError(f"cannot save: {idea_id!r} is not a valid id")
    return toml_string(idea_id)
