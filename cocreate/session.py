"""One editing session on a workshop folder: the current state, saving, undo and reloads.

The app never mutates a Workshop: every edit is a *change*, a function from the current
workshop to the next. The session applies it, saves only the files it touched (the
facilitator's ``workshop.toml`` with compare-and-swap, a member's own file), and keeps an
undo stack of (before, after) workshops. When a save is refused because someone else saved
first, the session reloads from disk and applies the same change again, so their work and
ours are merged, never silently overwritten.

The terminal app runs on a session, and so can any other front end: this module imports no
Textual.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

from cocreate import storage
from cocreate.contribute import touched_members
from cocreate.errors import CocreateError, ConflictError, RuleError, SaveError
from cocreate.model import Flow, MemberContributions, Workshop
from cocreate.prioritize.voting import check_ballots_kept

__all__ = ["Change", "Entry", "SaveResult", "Session"]

#: An edit: takes the current workshop and returns the next one.
Change = Callable[[Workshop], Workshop]

#: How many edits can be undone.
UNDO_LIMIT = 200


@dataclass(frozen=True, slots=True)
class Entry:
    """One applied edit, as the undo stack remembers it."""

    label: str
    before: Workshop
    after: Workshop


@dataclass(frozen=True, slots=True)
class SaveResult:
    """What happened when an edit was applied."""

    saved: bool
    merged: bool = False
    """True when someone else's change was reloaded first and ours applied on top."""
    message: str = ""
    error: CocreateError | None = None
    """The error behind ``message``: the views say it in the UI's language from its key."""


def _facilitator_part(workshop: Workshop) -> Workshop:
    return workshop.edit(contributions=())


#: The Workshop fields an undo never merges: the members' files go separately, and the
#: revision and digest are those of the file on disk.
_WORKSHOP_SKIP = frozenset({"contributions", "revision", "digest"})


class _Clash(Exception):
    """The same part was changed by the edit being undone and by someone else since."""


def _key(item: object) -> object:
    if isinstance(item, Flow):
        return ("flow", item.source, item.target)
    return getattr(item, "id", None)


def _merge(
    base: object, ours: object, theirs: object, skip: frozenset[str] = frozenset()
) -> object:
    """Three-way merge: ``base`` changed to ``ours`` by us, to ``theirs`` by someone else.

    Dataclasses merge field by field and tuples of items with ids (steps, lanes,
    members, KPIs…) item by item, so an undo puts back what the edit touched and keeps
    an unrelated change made since. Raises _Clash when both changed the same thing.
    """
    if not skip:  # the workshop itself always merges field by field
        if theirs == base:
            return ours
        if ours == base or ours == theirs:
            return theirs
    if (
        dataclasses.is_dataclass(base)
        and not isinstance(base, type)
        and type(base) is type(ours) is type(theirs)
    ):
        changes = {
            f.name: _merge(getattr(base, f.name), getattr(ours, f.name), getattr(theirs, f.name))
            for f in dataclasses.fields(base)
            if f.name not in skip and f.compare
        }
        return dataclasses.replace(theirs, **changes)
    if isinstance(base, tuple) and isinstance(ours, tuple) and isinstance(theirs, tuple):
        return _merge_items(base, ours, theirs)
    raise _Clash


def _merge_items(base: tuple, ours: tuple, theirs: tuple) -> tuple:
    keyed = [_key(x) for x in (*base, *ours, *theirs)]
    if any(k is None for k in keyed):
        raise _Clash
    b, o, t = ({_key(x): x for x in side} for side in (base, ours, theirs))
    if len(b) != len(base) or len(o) != len(ours) or len(t) != len(theirs):
        raise _Clash  # duplicate keys: no item-by-item merge
    result = list(theirs)
    for key in {*b, *o}:
        if b.get(key) == o.get(key):
            continue  # we did not touch this item
        if t.get(key) != b.get(key) and t.get(key) != o.get(key):
            raise _Clash
        at = next((i for i, x in enumerate(result) if _key(x) == key), None)
        if key not in o:
            if at is not None:
                del result[at]
        elif at is not None:
            result[at] = o[key]
        else:  # put back after the item it followed in ours
            position = [_key(x) for x in ours].index(key)
            before = [_key(x) for x in ours[:position]]
            keys = [_key(x) for x in result]
            at = max((keys.index(k) + 1 for k in before if k in keys), default=0)
            result.insert(at, o[key])
    return tuple(result)


@dataclass
class Session:
    """The workshop being edited, where it lives, and who is editing it.

    Parameters
    ----------
    folder : the workshop folder.
    workshop : the workshop as loaded from ``folder``.
    member : in member mode, the one member whose file this session may write; ``None``
        for the facilitator, who may write ``workshop.toml`` and any member file.
    clock : the time source (tests pass a fixed one).
    """

    folder: Path
    workshop: Workshop
    member: str | None = None
    clock: Callable[[], dt.datetime] = dt.datetime.now
    undo_stack: list[Entry] = field(default_factory=list)
    redo_stack: list[Entry] = field(default_factory=list)
    saved_at: dt.datetime | None = None
    dirty: bool = False
    """True when the last save failed: the screen shows 'unsaved' and quitting warns."""
    pending: list[tuple[str, Change]] = field(default_factory=list)
    _stamps: dict[Path, tuple[int, int]] = field(default_factory=dict, init=False, repr=False)
    _applied_to: Workshop | None = field(default=None, init=False, repr=False)

    @classmethod
    def open(
        cls,
        folder: str | Path,
        *,
        member: str | None = None,
        clock: Callable[[], dt.datetime] = dt.datetime.now,
    ) -> Session:
        """Load ``folder`` and start a session on it."""
        folder = Path(folder)
        if folder.is_file():
            folder = folder.parent
        workshop = storage.load(folder)
        if member is not None and workshop.member(member) is None:
            raise RuleError(f"{folder}: no member {member!r} in this workshop")
        session = cls(folder=folder, workshop=workshop, member=member, clock=clock)
        session.mark_disk_seen()
        return session

    # ------------------------------------------------------------------ who may write what

    @property
    def author(self) -> str:
        """The member id new contributions are filed under."""
        if self.member is not None:
            return self.member
        return self.workshop.meta.facilitator or (
            self.workshop.members[0].id if self.workshop.members else "facilitator"
        )

    def _check_allowed(self, before: Workshop, after: Workshop) -> None:
        if self.member is None:
            return
        if _facilitator_part(before) != _facilitator_part(after):
            raise RuleError("only the facilitator can change the workshop itself").keyed(
                "error.session.facilitator_only"
            )
        others = [m for m in touched_members(before, after) if m != self.member]
        if others:
            raise RuleError(f"you can only change your own contributions, not {others[0]}'s").keyed(
                "error.session.own_only", member=others[0]
            )

    # ------------------------------------------------------------------ applying edits

    def apply(self, label: str, change: Change) -> SaveResult:
        """Apply ``change``, save what it touched, and remember it for undo.

        Raises CocreateError (RuleError, InputError) when the change itself is refused;
        the workshop is then unchanged. A failed save keeps the change in memory, marks
        the session dirty and is retried by ``retry``.
        """
        if self.dirty and not self.retry().saved:
            # Earlier changes are still unsaved: keep this one with them, in order.
            before = self.workshop
            after = change(before)
            self._check_allowed(before, after)
            result = self._failed(before, after, label, change, SaveError("still unsaved"))
            self.undo_stack.append(Entry(label, before, after))
            return result
        before = self.workshop
        after = change(before)
        if after == before and after.revision == before.revision:
            return SaveResult(saved=True)
        self._check_allowed(before, after)
        result = self._save(before, after, change, label)
        self.redo_stack.clear()
        # "after" is what we ended up with (merged, at its new revision): undo compares to it.
        applied_to = self._applied_to
        assert applied_to is not None  # _save and _failed both set it
        self.undo_stack.append(Entry(label, applied_to, self.workshop))
        del self.undo_stack[:-UNDO_LIMIT]
        return result

    def check(self, change: Change) -> Workshop:
        """What ``change`` would make of the workshop, without saving or remembering it.

        Raises the domain's refusal (InputError, RuleError) like ``apply`` would: a form
        asks this before it closes, so a refused value keeps it open.
        """
        before = self.workshop
        after = change(before)
        self._check_allowed(before, after)
        return after

    def _save(self, before: Workshop, after: Workshop, change: Change, label: str) -> SaveResult:
        merged = False
        for attempt in range(3):
            try:
                self.workshop = self._write(before, after)
            except ConflictError as exc:
                if attempt == 2:
                    return self._failed(before, after, label, change, exc)
                # Someone else saved first: take their version and apply ours on top.
                stamps = self._disk_stamps()
                fresh = storage.load(self.folder)
                self._stamps = stamps
                before, after = fresh, change(fresh)
                self._check_allowed(before, after)
                merged = True
                continue
            except SaveError as exc:
                return self._failed(before, after, label, change, exc)
            self._applied_to = before
            self.saved_at = self.clock()
            self.dirty = False
            self.pending.clear()
            return SaveResult(saved=True, merged=merged)
        raise AssertionError("unreachable")  # pragma: no cover

    def _failed(
        self, before: Workshop, after: Workshop, label: str, change: Change, error: CocreateError
    ) -> SaveResult:
        self._applied_to = before
        self.workshop = after
        self.dirty = True
        self.pending.append((label, change))
        return SaveResult(saved=False, message=str(error), error=error)

    def _write(self, before: Workshop, after: Workshop) -> Workshop:
        """Write the files that differ between ``before`` and ``after``; return the saved state."""
        result = after
        written: list[Path] = []
        if _facilitator_part(before) != _facilitator_part(after):
            if self.member is None:
                result = storage.save_workshop(self.folder, after)
                written.append(self.folder / storage.WORKSHOP_FILE)
        for member_id in touched_members(before, after):
            if self.member is not None and member_id != self.member:
                continue
            contributions = after.contributions_of(member_id)
            saved = storage.save_member(self.folder, contributions, force=False)
            written.append(storage.member_path(self.folder, member_id))
            result = result.with_contributions(saved)
        # Only the files we wrote are marked as seen: a file someone else saved in the
        # meantime still looks changed, so the next poll reloads it.
        for path, stamp in self._disk_stamps().items():
            if path in written:
                self._stamps[path] = stamp
        return result

    def retry(self) -> SaveResult:
        """Save again after a failed save, on top of whatever is on disk now."""
        if not self.dirty:
            return SaveResult(saved=True)
        changes = list(self.pending)
        stamps = self._disk_stamps()
        try:
            fresh = storage.load(self.folder)
        except CocreateError as exc:
            return SaveResult(saved=False, message=str(exc), error=exc)
        self._stamps = stamps
        after = fresh
        for _label, change in changes:
            after = change(after)
        self.dirty = False
        self.pending.clear()
        try:
            self.workshop = self._write(fresh, after)
        except SaveError as exc:
            self.workshop = after
            self.dirty = True
            self.pending.extend(changes)
            return SaveResult(saved=False, message=str(exc), error=exc)
        self.saved_at = self.clock()
        return SaveResult(saved=True, merged=True)

    # ------------------------------------------------------------------ undo

    def undo(self) -> str | None:
        """Undo the last edit; return its label, or None when there is nothing to undo.

        Only the parts the edit touched are put back, so changes others made since (to
        other files) are kept. If the same part was changed again on disk, the undo is
        refused rather than overwrite that change.
        """
        if not self.undo_stack:
            return None
        entry = self.undo_stack[-1]
        self._revert(entry.after, entry.before, entry.label)  # refused: it stays undoable
        self.undo_stack.pop()
        self.redo_stack.append(entry)
        return entry.label

    def redo(self) -> str | None:
        """Redo the last undone edit; return its label, or None."""
        if not self.redo_stack:
            return None
        entry = self.redo_stack[-1]
        self._revert(entry.before, entry.after, entry.label)
        self.redo_stack.pop()
        self.undo_stack.append(entry)
        return entry.label

    def _revert(self, source: Workshop, target: Workshop, label: str) -> None:
        if self.changed_on_disk():
            # Undo acts on what is on disk now: a vote closed meanwhile must be seen.
            self.reload()
        current = self.workshop
        members = touched_members(source, target)

        def change(ws: Workshop) -> Workshop:
            # Only what the edit itself changed is put back; anything else changed since
            # (another member added from the CLI, a lane renamed elsewhere) is kept.
            try:
                out = cast(Workshop, _merge(source, target, ws, _WORKSHOP_SKIP))
            except _Clash:
                raise RuleError(
                    "cannot undo: the workshop was changed since by someone else"
                ) from None
            for member_id in members:
                mine = ws.contributions_of(member_id)
                if mine != source.contributions_of(member_id):
                    raise RuleError(f"cannot undo: {member_id}'s contributions were changed since")
                out = out.with_contributions(
                    target.contributions_of(member_id).edit(
                        revision=mine.revision, digest=mine.digest
                    )
                )
            check_ballots_kept(ws, out)
            return out

        after = change(current)
        self._check_allowed(current, after)
        self._save(current, after, change, label)

    # ------------------------------------------------------------------ files changed on disk

    def _disk_stamps(self) -> dict[Path, tuple[int, int]]:
        stamps: dict[Path, tuple[int, int]] = {}
        paths = [self.folder / storage.WORKSHOP_FILE]
        members = self.folder / storage.MEMBERS_DIR
        if members.is_dir():
            paths += [
                p for p in members.iterdir() if p.suffix == ".toml" and not p.name.startswith(".")
            ]
        for path in paths:
            try:
                stat = path.stat()
            except OSError:
                continue
            stamps[path] = (stat.st_mtime_ns, stat.st_size)
        return stamps

    def mark_disk_seen(self) -> None:
        """Take the files as they are on disk now as seen, without reading them.

        For a file that cannot be read (someone is half-way through editing it by hand):
        it is reported once, and read again only when it changes once more.
        """
        self._stamps = self._disk_stamps()

    def changed_on_disk(self) -> bool:
        """True when a workshop file was changed by someone else since we last read or wrote."""
        return self._disk_stamps() != self._stamps

    def reload(self) -> Workshop:
        """Read the folder again, keeping our unsaved changes on top; return the new state.

        Raises InputError when a file on disk is broken (someone is half-way through
        editing it); the session keeps its current state then.
        """
        stamps = self._disk_stamps()
        fresh = storage.load(self.folder)
        self._stamps = stamps
        if self.dirty:
            for _label, change in self.pending:
                fresh = change(fresh)
        self.workshop = fresh
        return fresh

    def contributions(self) -> MemberContributions:
        """The contributions of this session's author."""
        return self.workshop.contributions_of(self.author)
