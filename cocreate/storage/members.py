"""A folder's ``members/`` files, read in member-id order: a workshop's and a portfolio's alike."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol, Self, TypeVar

from cocreate.errors import InputError
from cocreate.model import ID_PATTERN
from cocreate.paths import MEMBERS_DIR
from cocreate.storage.tomlread import read_toml_with_digest

__all__ = ["member_files", "read_member", "read_members"]


class _Fingerprinted(Protocol):
    def edit(self, **changes: Any) -> Self: ...


C = TypeVar("C", bound=_Fingerprinted)

#: Builds one member's contributions from the parsed file: (path, data, member id).
Parse = Callable[[Path, dict[str, Any], str], C]


def member_files(folder: Path) -> list[tuple[str, Path]]:
    """Each ``members/<id>.toml`` of the folder as (id, path), in id order; hidden files skipped."""
    members = folder / MEMBERS_DIR
    if not members.is_dir():
        return []
    return sorted(
        (entry.stem, entry)
        for entry in members.iterdir()
        if not entry.name.startswith(".") and entry.suffix == ".toml"
    )


def read_member(path: Path, member_id: str, parse: Parse[C]) -> C:
    """One member's file, parsed by ``parse``, carrying the fingerprint of its bytes."""
    data, digest = read_toml_with_digest(path)
    return parse(path, data, member_id).edit(digest=digest)


def read_members(folder: Path, parse: Parse[C]) -> tuple[C, ...]:
    """Every member file of the folder, in id order; a file name that is not a valid
    member id is an InputError naming the file."""
    contributions = []
    for member_id, path in member_files(folder):
        if not ID_PATTERN.match(member_id):
            raise InputError(path, "file name is not a valid member id")
        contributions.append(read_member(path, member_id, parse))
    return tuple(contributions)
