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
from cocreate.storage.decode import SCHEMA_VERSION
from cocreate.storage.tomlwrite import emit

__all__ = ["WORKSHOP_LISTS", "WORKSHOP_SECTIONS", "dump_member", "dump_workshop"]

WORKSHOP_SECTIONS = ("meta", "settings", "voting", "pilot")
WORKSHOP_LISTS = ("members", "lanes", "steps", "flows", "decisions", "variants")


def _encode_value(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if dataclasses.is_dataclass(value):
        return encode_record(value)
    if isinstance(value, tuple):
        return [_encode_value(v) for v in value]
    return value


def encode_record(item: Any, skip: tuple[str, ...] = ()) -> dict[str, Any]:
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
    body = encode_record(workshop, skip=("contributions",))
    data: dict[str, Any] = {"schema_version": SCHEMA_VERSION, "revision": revision}
    for key in ("sources", *WORKSHOP_SECTIONS, *WORKSHOP_LISTS):
        if key in body:
            data[key] = body[key]
    return emit(data)


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
                encode_record(item, skip=("author",))
                if item.author == contributions.member
                else encode_record(item)
                for item in items
            ]
    parts = [emit(data)]
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


def _key(idea_id: str) -> str:
    if not ID_PATTERN.match(idea_id):
        raise SaveError(f"cannot save: {idea_id!r} is not a valid id")
    return idea_id
