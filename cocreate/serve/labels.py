"""How a member's web page names problems, causes and ideas, so anonymous voting stays so.

An item's id carries its author (``ito.p3``). When voting is anonymous and the viewer
is not the facilitator (:func:`cocreate.prioritize.voting.hides_authors`), a page shows
others' items by the neutral labels the terminal app shows (``P3``, ``C2``, ``I5``:
:func:`cocreate.prioritize.voting.shown_ids`) and refers to them, in links, anchors and
form values, by a *reference*: a keyed hash of the item id under the server's secret
(:meth:`cocreate.serve.access.AccessKeys.item_ref`). A reference says nothing of the
author, stays the same when items are added or removed (a label's number may shift),
and only the server maps it back (:meth:`ItemNames.resolve`). Someone else's real id
typed into a link or a form is unknown, so the page cannot be asked who wrote what.
The viewer's own items keep their ids everywhere.

Otherwise every name is the id itself.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from cocreate.model import Workshop
from cocreate.prioritize import voting

__all__ = ["ItemNames", "RefCache"]


@dataclass(frozen=True)
class ItemNames:
    """What one viewer's pages call each item, and the way back from a reference."""

    shown: Mapping[str, str] = field(default_factory=dict)
    """Others' item id -> its label, when authors are hidden (else empty)."""
    refs: Mapping[str, str] = field(default_factory=dict)
    """Item id -> its reference (used for others' items only)."""
    ids: Mapping[str, str] = field(default_factory=dict)
    """Reference -> item id (the inverse of ``refs``)."""

    @property
    def hidden(self) -> bool:
        """Whether this viewer sees others' items without their authors."""
        return bool(self.shown)

    def label(self, item_id: str) -> str:
        """What the page shows for ``item_id``."""
        return self.shown.get(item_id, item_id)

    def ref(self, item_id: str) -> str:
        """What links and forms carry for ``item_id``."""
        return self.refs[item_id] if item_id in self.shown else item_id

    def resolve(self, value: str) -> str:
        """The item id a link's or a form's ``value`` means, or ``""`` when it means none.

        When authors are hidden, others' items are known by their reference only.
        """
        if not self.hidden:
            return value
        if value in self.ids:
            return self.ids[value]
        return "" if value in self.shown else value

    def scrub(self, text: str) -> str:
        """``text`` (a refusal of the domain) with others' ids replaced by their labels."""
        if not self.hidden or not text:
            return text
        return _ID_IN_TEXT.sub(lambda m: self.shown.get(m.group(0), m.group(0)), text)


#: What may be an item id inside a sentence (ids are checked against ``shown`` after).
_ID_IN_TEXT = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.\-]*[A-Za-z0-9]")


class RefCache:
    """The references of the last workshop seen (a page view computes none again)."""

    def __init__(self, make_ref: Callable[[str], str]) -> None:
        self._make_ref = make_ref
        self._last: tuple[Workshop, dict[str, str], dict[str, str]] | None = None

    def _refs(self, workshop: Workshop) -> tuple[dict[str, str], dict[str, str]]:
        last = self._last
        if last is not None and last[0] is workshop:
            return last[1], last[2]
        refs = {
            item.id: self._make_ref(item.id)
            for items in (workshop.problems, workshop.causes, workshop.ideas)
            for item in items
        }
        ids = {ref: item_id for item_id, ref in refs.items()}
        self._last = (workshop, refs, ids)
        return refs, ids

    def names(self, workshop: Workshop, viewer: str) -> ItemNames:
        """How ``viewer``'s pages name the items of ``workshop``."""
        shown = voting.shown_ids(workshop, viewer)
        if not shown:
            return ItemNames()
        refs, ids = self._refs(workshop)
        return ItemNames(shown, refs, ids)
