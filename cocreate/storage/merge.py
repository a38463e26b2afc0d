"""Three-way merge of one workshop file by item id: the engine of the git merge driver.

A text merge of two branches fails where a workshop file is edited in the same place
on both: the ``revision`` line, which every save bumps, and the ends of the lists new
problems and votes are appended to. This merge reads the three versions (the common
ancestor, ours and theirs) into model objects and merges those:

* an item (keyed by its id; a flow by its source and target, a rating or dots by
  their idea) added on one branch, or on both, is kept; removed on one branch and
  untouched on the other, it is removed;
* a record changed on both branches is merged field by field; a field changed on both
  to different values is a conflict (a rating is one value: effect and effort);
* in a member's file, an item both branches added under the same id with different
  content (a laptop and an office PC both making ``suzuki.p2``) is kept twice: ours
  keeps the id, theirs is renumbered, and references to it inside that file follow;
* the revision is the highest of the three plus one.

What no merge of one file can see, because it lies across files (dots over the
budget, votes after voting closed, a vote on an item renumbered here), ``cocreate
check`` reports after the merge.

A conflict is written as git writes one, with ``<<<<<<<`` markers, around just the
lines of the conflicting fields: the merge renders the file three times, each with
the conflicts resolved one way, and lets ``git merge-file`` mark where they differ.
"""

from __future__ import annotations

import dataclasses
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cocreate.errors import CocreateError, InputError
from cocreate.model import (
    Cause,
    Dot,
    Flow,
    Idea,
    MemberContributions,
    Problem,
    Rating,
    TeamMember,
    new_id,
)
from cocreate.paths import MEMBERS_DIR, WORKSHOP_FILE
from cocreate.storage.decode import parse_member, parse_workshop
from cocreate.storage.encode import dump_member, dump_workshop
from cocreate.storage.tomlread import parse_bytes

__all__ = ["Conflict", "MergeResult", "merge_files", "merge_texts"]

_ABSENT: Any = type("Absent", (), {"__repr__": lambda self: "(absent)"})()
#: Records merged as one value: a rating's effect and effort belong together.
_ATOMIC = (Rating, Dot)


@dataclass(frozen=True)
class Conflict:
    where: str
    """Where in the file: ``problems[suzuki.p1].text``."""
    base: Any
    ours: Any
    theirs: Any

    def describe(self) -> str:
        if self.ours is _ABSENT or self.theirs is _ABSENT:
            kept = "theirs" if self.ours is _ABSENT else "ours"
            return f"{self.where}: removed on one branch, changed on the other ({kept})"
        if self.base is _ABSENT:
            return f"{self.where}: added on both branches with different values"
        return f"{self.where}: changed on both branches to different values"


@dataclass(frozen=True)
class MergeResult:
    text: str
    """The merged file; with conflict markers where ``conflicts`` are."""
    conflicts: tuple[Conflict, ...] = ()
    renamed: tuple[tuple[str, str], ...] = ()
    """Items both branches added under one id: (id, the id theirs now has)."""


# --------------------------------------------------------------------------- the merge


def _key_of(item: Any) -> Any:
    if isinstance(item, Flow):
        return (item.source, item.target)
    if isinstance(item, Rating | Dot):
        return item.idea
    if isinstance(item, TeamMember):
        return item.member
    if isinstance(item, MemberContributions):
        return item.member
    key = getattr(item, "id", None)
    return key if isinstance(key, str) else item  # no id: the item is its own key


def _is_keyed(value: Any) -> bool:
    return isinstance(value, tuple) and all(dataclasses.is_dataclass(v) for v in value)


@dataclass
class _Merger:
    """Merges three versions, resolving each conflict towards ``side``."""

    side: str  # "ours", "base" or "theirs"
    conflicts: list[Conflict] = field(default_factory=list)

    def value(self, where: str, base: Any, ours: Any, theirs: Any) -> Any:
        if ours == theirs:
            return ours
        if ours == base:
            return theirs
        if theirs == base:
            return ours
        if (
            dataclasses.is_dataclass(ours)
            and type(ours) is type(theirs)
            and type(base) is type(ours)  # added on both sides: one conflict, the item
            and not isinstance(ours, _ATOMIC)
        ):
            return self.record(where, base, ours, theirs)
        if _is_keyed(ours) and _is_keyed(theirs) and (base is _ABSENT or _is_keyed(base)):
            return self.keyed(where, () if base is _ABSENT else base, ours, theirs)
        self.conflicts.append(Conflict(where, base, ours, theirs))
        return {"ours": ours, "base": base, "theirs": theirs}[self.side]

    def record(self, where: str, base: Any, ours: Any, theirs: Any) -> Any:
        changes = {}
        for fld in dataclasses.fields(ours):
            if not fld.init or not fld.compare:
                continue  # revision and digest describe the file, not the content
            name = fld.name
            old = _ABSENT if base is _ABSENT else getattr(base, name)
            merged = self.value(
                f"{where}.{name}" if where else name,
                old,
                getattr(ours, name),
                getattr(theirs, name),
            )
            changes[name] = merged
        return dataclasses.replace(ours, **changes)

    def keyed(self, where: str, base: tuple, ours: tuple, theirs: tuple) -> tuple:
        old = {_key_of(x): x for x in base}
        mine = {_key_of(x): x for x in ours}
        other = {_key_of(x): x for x in theirs}
        merged: dict[Any, Any] = {}
        for key, item in mine.items():
            merged[key] = self.value(
                _where(where, key), old.get(key, _ABSENT), item, other.get(key, _ABSENT)
            )
        # Theirs' new items go after the item before them in theirs' order (and after
        # ours' new items there), so a step added in the middle of the map stays there.
        order = list(mine)
        previous = None
        for key, item in other.items():
            if key not in mine:
                merged[key] = self.value(_where(where, key), old.get(key, _ABSENT), _ABSENT, item)
                at = order.index(previous) + 1 if previous in order else 0
                while at < len(order) and order[at] not in other:
                    at += 1
                order.insert(at, key)
            previous = key
        return tuple(merged[key] for key in order if merged[key] is not _ABSENT)


def _where(where: str, key: Any) -> str:
    label = "->".join(key) if isinstance(key, tuple) else key if isinstance(key, str) else "item"
    return f"{where}[{label}]"


# --------------------------------------------------------------------------- renumbering


_ITEM_KINDS = (("problems", "p"), ("causes", "c"), ("ideas", "i"))


def _renumber_twins(
    base: MemberContributions, ours: MemberContributions, theirs: MemberContributions
) -> tuple[MemberContributions, list[tuple[str, str]]]:
    """Give theirs' items a new id where both branches added a different item under one id."""
    taken = {
        item.id
        for side in (base, ours, theirs)
        for name, _ in _ITEM_KINDS
        for item in getattr(side, name)
    }
    renames: dict[str, str] = {}
    for name, letter in _ITEM_KINDS:
        old = {x.id for x in getattr(base, name)}
        mine = {x.id: x for x in getattr(ours, name)}
        for item in getattr(theirs, name):
            if item.id in old or item.id not in mine or mine[item.id] == item:
                continue
            fresh = new_id(f"{theirs.member}.{letter}", taken)
            taken.add(fresh)
            renames[item.id] = fresh
    if not renames:
        return theirs, []

    def ref(value: str | None) -> str | None:
        return renames.get(value, value) if value is not None else None

    def problem(p: Problem) -> Problem:
        return p.edit(id=renames.get(p.id, p.id))

    def cause(c: Cause) -> Cause:
        return c.edit(id=renames.get(c.id, c.id), problem=ref(c.problem), parent=ref(c.parent))

    def idea(i: Idea) -> Idea:
        return i.edit(id=renames.get(i.id, i.id), causes=tuple(ref(c) or c for c in i.causes))

    renamed = theirs.edit(
        problems=tuple(map(problem, theirs.problems)),
        causes=tuple(map(cause, theirs.causes)),
        ideas=tuple(map(idea, theirs.ideas)),
        ratings=tuple(r.edit(idea=renames.get(r.idea, r.idea)) for r in theirs.ratings),
        dots=tuple(d.edit(idea=renames.get(d.idea, d.idea)) for d in theirs.dots),
    )
    return renamed, sorted(renames.items())


# --------------------------------------------------------------------------- files


def _kind(name: str, texts: tuple[str, ...]) -> tuple[str, str | None]:
    """("workshop", None) or ("member", member id), from the path git gives or the content."""
    path = Path(name) if name else None
    if path is not None and path.name == WORKSHOP_FILE:
        return "workshop", None
    if path is not None and path.parent.name == MEMBERS_DIR and path.suffix == ".toml":
        return "member", path.stem
    for text in texts:
        for line in text.splitlines():
            if line.startswith("member = "):
                return "member", line.split("=", 1)[1].strip().strip('"')
    return "workshop", None


def _decode(kind: str, member: str | None, name: str, text: str) -> Any:
    path = Path(name or kind)
    data = parse_bytes(path, text.encode("utf-8")) if text.strip() else None
    if kind == "member":
        assert member is not None
        if data is None:
            return MemberContributions(member=member)
        return parse_member(path, data, member)
    if data is None:
        return _ABSENT
    return parse_workshop(path, data)


def merge_texts(base: str, ours: str, theirs: str, *, name: str = "") -> MergeResult:
    """Merge three versions of one workshop file; ``name`` is its path in the repository.

    Raises InputError when a version cannot be read as a workshop file (then only a
    text merge can help).
    """
    kind, member = _kind(name, (ours, theirs, base))
    old, mine, other = (_decode(kind, member, name, t) for t in (base, ours, theirs))
    if _ABSENT in (old, mine, other):
        raise InputError(name or None, "added on both branches: nothing to merge by item")
    renamed: list[tuple[str, str]] = []
    if kind == "member":
        other, renamed = _renumber_twins(old, mine, other)
    revision = max(x.revision for x in (old, mine, other) if x is not _ABSENT) + 1
    dump: Callable[[Any, int], str] = dump_member if kind == "member" else dump_workshop

    def render(side: str) -> tuple[str, list[Conflict]]:
        merger = _Merger(side)
        merged = merger.value("", old, mine, other)
        return dump(merged, revision), merger.conflicts

    text, conflicts = render("ours")
    if conflicts:
        marked = _marked(render("ours")[0], render("base")[0], render("theirs")[0])
        return MergeResult(marked, tuple(conflicts), tuple(renamed))
    return MergeResult(text, (), tuple(renamed))


def _marked(ours: str, base: str, theirs: str) -> str:
    """``ours`` with git's conflict markers where it differs from ``theirs``."""
    with tempfile.TemporaryDirectory(prefix="cocreate-merge-") as tmp:
        paths = []
        for label, text in (("ours", ours), ("base", base), ("theirs", theirs)):
            path = Path(tmp) / label
            path.write_text(text, encoding="utf-8")
            paths.append(str(path))
        done = subprocess.run(
            ["git", "merge-file", "-p", "-L", "ours", "-L", "base", "-L", "theirs", *paths],
            capture_output=True,
            check=False,
        )
        if done.returncode < 0 or done.returncode > 127:
            raise CocreateError(f"git merge-file failed: {done.stderr.decode(errors='replace')}")
        return done.stdout.decode("utf-8")


def merge_files(base: Path, ours: Path, theirs: Path, *, name: str = "") -> MergeResult:
    """Merge the three files git hands a merge driver (``%O %A %B``); ``name`` is ``%P``."""
    texts = [_read_text(p) for p in (base, ours, theirs)]
    return merge_texts(*texts, name=name)


def _read_text(path: Path) -> str:
    from cocreate.storage.files import read_bytes

    raw = read_bytes(path)
    try:
        return raw.removeprefix(b"\xef\xbb\xbf").decode("utf-8")
    except UnicodeDecodeError:
        raise InputError(path, "not UTF-8") from None
