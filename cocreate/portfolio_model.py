"""The Portfolio aggregate: an organisation's inventory of processes, the members' choice, its log.

A portfolio is the stage before a workshop and the view across workshops. The
facilitator keeps the inventory (業務の棚卸し: one :class:`Candidate` per process, with
the fields of the 業務説明表), the selection criteria (選定基準) and the decision log;
each member proposes candidates and rates and dots them in their own file, under the
voting rules of a workshop (:class:`~cocreate.model.Voting`). The workshops started
from chosen candidates live beside it, each linked to its candidate.

Like :mod:`cocreate.model`, everything here is a frozen dataclass referring to other
items by stable string ids, and the module imports nothing heavy.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Self

from cocreate.model import (
    MULTILINE,
    Medium,
    Member,
    Settings,
    Voting,
    _Choice,
    _Item,
    _with_digest_rule,
)

__all__ = [
    "PORTFOLIO_FILE",
    "WORKSHOPS_DIR",
    "Candidate",
    "CandidateDot",
    "CandidateRating",
    "Core",
    "LegalKind",
    "Link",
    "Portfolio",
    "PortfolioContributions",
    "PortfolioMeta",
    "Routine",
    "SelectionCriterion",
    "SelectionDecision",
    "SelectionOutcome",
]

#: The portfolio's own file, beside its ``workshops/`` folder.
PORTFOLIO_FILE = "portfolio.toml"
#: Where the portfolio's workshops live, one folder each.
WORKSHOPS_DIR = "workshops"


class Routine(_Choice):
    """定型 or 非定型: whether the work follows a fixed procedure."""

    ROUTINE = "routine"
    NON_ROUTINE = "non-routine"


class Core(_Choice):
    """コア or ノンコア: whether the work needs the office's own judgement."""

    CORE = "core"
    NON_CORE = "non-core"


class LegalKind(_Choice):
    """The kind of rule a process rests on (根拠法令等)."""

    LAW = "law"
    """法律・政令・省令."""
    ORDINANCE = "ordinance"
    """条例."""
    RULE = "rule"
    """規則."""
    GUIDELINE = "guideline"
    """要綱・要領・通知."""
    NONE = "none"
    """No written basis (慣行)."""


class SelectionOutcome(_Choice):
    """What the facilitator decided about a candidate."""

    CHOSEN = "chosen"
    """対象選定: it will be reviewed in a workshop."""
    DEFERRED = "deferred"
    """見送り (今回は): not this round."""
    REJECTED = "rejected"
    """対象外."""


@dataclass(frozen=True, slots=True)
class PortfolioMeta(_Item):
    title: str
    organisation: str = ""
    facilitator: str = ""
    """Member id of the facilitator."""
    background: str = field(default="", metadata=MULTILINE)


@dataclass(frozen=True, slots=True)
class Candidate(_Item):
    """One process of the inventory: the fields of the 業務説明表, all but the name optional.

    The annual volume is ``annual_volume`` when given, else the sum of ``monthly`` (twelve
    figures), else the period figures: ``normal_volume`` a month in the months that are
    neither busy nor quiet, ``busy_volume`` in each of ``busy_months`` and
    ``quiet_volume`` in each of ``quiet_months`` (see :mod:`cocreate.portfolio.inventory`).
    """

    id: str
    name: str
    purpose: str = field(default="", metadata=MULTILINE)
    """誰のために、何のために."""
    owner: str = ""
    """所管部署: the bureau that owns the process."""
    bureaus: tuple[str, ...] = ()
    """The bureaus that run it."""
    shared: bool | None = None
    """部局共通: run by every bureau alike (None: say so by listing several bureaus)."""
    legal_kind: LegalKind | None = None
    legal_basis: str = ""
    """根拠法令等, as written: 物品管理法第○条, ○○規則."""
    annual_volume: int | None = None
    normal_volume: int | None = None
    busy_volume: int | None = None
    quiet_volume: int | None = None
    busy_months: tuple[int, ...] = ()
    quiet_months: tuple[int, ...] = ()
    monthly: tuple[int, ...] = ()
    fte: float | None = None
    """投入資源 in people: one person on two processes is 0.5."""
    minutes: float | None = None
    """Minutes of work per case, where known."""
    routine: Routine | None = None
    core: Core | None = None
    media: tuple[Medium, ...] = ()
    """The media involved: paper, seal, counter."""
    outsourceable: bool | None = None
    digitisable: bool | None = None
    note: str = field(default="", metadata=MULTILINE)
    author: str = ""
    """The member who proposed it; empty for the facilitator's inventory."""
    created: dt.datetime | None = None


@dataclass(frozen=True, slots=True)
class SelectionCriterion(_Item):
    """A criterion the facilitator shows the members (選定基準)."""

    id: str
    text: str
    note: str = field(default="", metadata=MULTILINE)


@dataclass(frozen=True, slots=True)
class SelectionDecision(_Item):
    """One entry of the decision log: a candidate chosen, deferred or rejected, and why."""

    date: dt.date
    candidate: str
    outcome: SelectionOutcome
    reason: str = field(default="", metadata=MULTILINE)
    owner: str = ""
    """Who decided (a name or a member id)."""


@dataclass(frozen=True, slots=True)
class Link(_Item):
    """A workshop of the portfolio and the candidate it was started from."""

    candidate: str
    folder: str
    """The workshop folder relative to the portfolio, e.g. ``workshops/bihin``."""


@dataclass(frozen=True, slots=True)
class CandidateRating(_Item):
    member: str
    candidate: str
    effect: int
    feasibility: int


@dataclass(frozen=True, slots=True)
class CandidateDot(_Item):
    member: str
    candidate: str
    count: int


@dataclass(frozen=True, slots=True)
class PortfolioContributions(_Item):
    """One member's file of a portfolio: their proposals, ratings and dots."""

    member: str
    candidates: tuple[Candidate, ...] = ()
    ratings: tuple[CandidateRating, ...] = ()
    dots: tuple[CandidateDot, ...] = ()
    revision: int = field(default=0, compare=False)
    digest: str = field(default="", compare=False, repr=False)

    def edit(self, **changes: Any) -> Self:
        return dataclasses.replace(self, **_with_digest_rule(changes))

    def is_empty(self) -> bool:
        return not (self.candidates or self.ratings or self.dots)


def _index(items: Iterable[Any], key: str = "id") -> dict[str, Any]:
    return {getattr(item, key): item for item in items}


@dataclass(frozen=True)
class Portfolio(_Item):
    """A whole portfolio: the facilitator's file plus every member's contributions."""

    meta: PortfolioMeta
    settings: Settings = field(default_factory=Settings)
    voting: Voting = field(default_factory=Voting)
    members: tuple[Member, ...] = ()
    criteria: tuple[SelectionCriterion, ...] = ()
    inventory: tuple[Candidate, ...] = ()
    """The facilitator's inventory; members' proposals are in ``contributions``."""
    decisions: tuple[SelectionDecision, ...] = ()
    links: tuple[Link, ...] = ()
    contributions: tuple[PortfolioContributions, ...] = ()
    revision: int = field(default=0, compare=False)
    digest: str = field(default="", compare=False, repr=False)

    def edit(self, **changes: Any) -> Self:
        return dataclasses.replace(self, **_with_digest_rule(changes))

    @cached_property
    def candidates(self) -> tuple[Candidate, ...]:
        """The inventory, then every member's proposals in member-id order."""
        return (*self.inventory, *(c for m in self.contributions for c in m.candidates))

    @cached_property
    def ratings(self) -> tuple[CandidateRating, ...]:
        return tuple(r for m in self.contributions for r in m.ratings)

    @cached_property
    def dots(self) -> tuple[CandidateDot, ...]:
        return tuple(d for m in self.contributions for d in m.dots)

    @cached_property
    def _candidates_by_id(self) -> dict[str, Candidate]:
        return _index(self.candidates)

    def candidate(self, candidate_id: str) -> Candidate | None:
        return self._candidates_by_id.get(candidate_id)

    def member(self, member_id: str) -> Member | None:
        for member in self.members:
            if member.id == member_id:
                return member
        return None

    def contributions_of(self, member_id: str) -> PortfolioContributions:
        for contribution in self.contributions:
            if contribution.member == member_id:
                return contribution
        return PortfolioContributions(member=member_id)

    def with_contributions(self, contribution: PortfolioContributions) -> Portfolio:
        others = [c for c in self.contributions if c.member != contribution.member]
        merged = sorted([*others, contribution], key=lambda c: c.member)
        return self.edit(contributions=tuple(merged))

    def decision_of(self, candidate_id: str) -> SelectionDecision | None:
        """The latest decision about a candidate (the last recorded of its day)."""
        found = [d for d in self.decisions if d.candidate == candidate_id]
        return sorted(found, key=lambda d: d.date)[-1] if found else None

    def link_of(self, candidate_id: str) -> Link | None:
        for link in self.links:
            if link.candidate == candidate_id:
                return link
        return None
