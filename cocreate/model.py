"""The Workshop aggregate: members, the as-is process, problems, causes, ideas, votes and the pilot.

Everything here is a frozen dataclass. Items refer to each other by stable string ids,
never by list position. Change a value with ``item.edit(field=value)``, which returns a
new item; the aggregate is replaced, never mutated, so an undo stack is a list of
workshops.

The model imports nothing heavy: no TOML, no pandas, no networkx, no Textual.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Self

__all__ = [
    "ANNUAL_HOURS_PER_PERSON",
    "HOURLY_COST",
    "ID_PATTERN",
    "MULTILINE",
    "PRIMARY_ID",
    "Action",
    "AlignedSteps",
    "Cause",
    "CauseCategory",
    "Communication",
    "Criterion",
    "CriterionCondition",
    "Decision",
    "Dot",
    "EventMode",
    "Flow",
    "FlowKind",
    "Gateway",
    "Idea",
    "Kpi",
    "Lane",
    "Measurement",
    "MeasurementMethod",
    "Medium",
    "Member",
    "MemberContributions",
    "Meta",
    "Milestone",
    "Outcome",
    "Phase",
    "Pilot",
    "PilotIssue",
    "PrimaryMap",
    "Problem",
    "Rating",
    "Risk",
    "Role",
    "RolloutDecision",
    "Seal",
    "Settings",
    "StandardChoice",
    "Step",
    "StepChoice",
    "StepKind",
    "Task",
    "TaskStatus",
    "TeamMember",
    "Trigger",
    "Variant",
    "VariantKind",
    "Voting",
    "Workshop",
    "new_id",
]

#: What an id may look like: ASCII letters, digits, '.', '-' and '_', at most 64 long.
#: Anchored with ``\A`` and ``\Z``, so ``match`` tests the whole text: ``$`` would let
#: an id end in a line break.
ID_PATTERN = re.compile(r"\A[A-Za-z0-9][A-Za-z0-9_.\-]{0,63}\Z")

#: Field metadata of a text that may run over several lines (a problem's text, notes):
#: line breaks and tabs are allowed in it. Every other text field is one line.
MULTILINE: dict[str, Any] = {"multiline": True}

#: The variant id of the workshop's own map when ``[primary]`` gives none.
PRIMARY_ID = "main"

#: Default annual working hours of one person: 7 h 45 min a day (the national
#: civil service's standard day) times about 240 working days.
ANNUAL_HOURS_PER_PERSON = 1860.0
#: Default cost of one hour of staff time in yen, salary plus overheads.
HOURLY_COST = 4000.0


class _Choice(enum.StrEnum):
    """A closed set of string values as stored in files."""

    @classmethod
    def values(cls) -> tuple[str, ...]:
        return tuple(member.value for member in cls)


class Phase(_Choice):
    MAP = "map"
    PROBLEMS = "problems"
    CAUSES = "causes"
    IDEAS = "ideas"
    VOTE = "vote"
    MATRIX = "matrix"
    PILOT = "pilot"
    REPORT = "report"


class Role(_Choice):
    FACILITATOR = "facilitator"
    VOLUNTEER = "volunteer"
    MANAGER = "manager"
    FORMER = "former"
    """Left the workshop; kept because their problems, causes, ideas or ballot stay."""


class StepKind(_Choice):
    START = "start"
    TASK = "task"
    DECISION = "decision"
    WAIT = "wait"
    END = "end"


class Gateway(_Choice):
    """How a case leaves a step with several outgoing flows (BPMN's gateway types).

    A step without one (``None``) is exclusive: each case takes exactly one flow, by the
    flows' shares. The others are BPMN's: at a *parallel* split the case takes every
    flow, at an *inclusive* (or *complex*) one each flow is taken or not by its share on
    its own, and at an *event-based* one the first event to happen wins, so it counts as
    exclusive. On a decision step the gateway also says how the step joins: a parallel,
    inclusive or complex decision step with several incoming flows waits for them.
    """

    EXCLUSIVE = "exclusive"
    PARALLEL = "parallel"
    INCLUSIVE = "inclusive"
    EVENT_BASED = "event-based"
    COMPLEX = "complex"


class Trigger(_Choice):
    """What an event step waits for or sends (BPMN's event definitions)."""

    NONE = "none"
    MESSAGE = "message"
    TIMER = "timer"
    SIGNAL = "signal"
    ERROR = "error"
    ESCALATION = "escalation"
    CONDITIONAL = "conditional"
    LINK = "link"
    COMPENSATION = "compensation"
    CANCEL = "cancel"
    TERMINATE = "terminate"
    MULTIPLE = "multiple"
    PARALLEL_MULTIPLE = "parallel-multiple"


class EventMode(_Choice):
    """How a wait step behaves beyond waiting (BPMN's catching intermediate event)."""

    THROW = "throw"
    """It sends (a message, a signal, ...) rather than waits: an intermediate throw event."""
    NON_INTERRUPTING = "non-interrupting"
    """A boundary event that lets the task it is attached to go on."""


class FlowKind(_Choice):
    SEQUENCE = "sequence"
    MESSAGE = "message"
    """A message between two pools (BPMN's message flow), not a step the case moves on to."""


class Medium(_Choice):
    PAPER = "paper"
    SEAL = "seal"
    COUNTER = "counter"
    PHONE = "phone"
    MAIL = "mail"
    EMAIL = "email"
    SYSTEM = "system"
    OTHER = "other"


class CauseCategory(_Choice):
    """The six cause categories: 人・手順・システム・制度・情報・環境."""

    PEOPLE = "people"
    METHOD = "method"
    SYSTEM = "system"
    RULES = "rules"
    INFORMATION = "information"
    ENVIRONMENT = "environment"


class Action(_Choice):
    """ECRS of Japanese 業務改善, plus digitise."""

    ELIMINATE = "eliminate"
    COMBINE = "combine"
    REARRANGE = "rearrange"
    SIMPLIFY = "simplify"
    DIGITISE = "digitise"


class VariantKind(_Choice):
    """What a further map of the process is."""

    AS_IS = "as-is"
    """How one bureau or unit does the work today."""
    STANDARD = "standard"
    """The standard flow (標準) composed from the as-is variants."""
    TO_BE = "to-be"
    """The process as it runs after a change: the pilot's map, measured again."""
    REFERENCE = "reference"
    """A published reference flow, to check fit and gap against."""


class TaskStatus(_Choice):
    """Where a pilot task stands: 未着手, 進行中, 完了, 中止."""

    NOT_STARTED = "not-started"
    IN_PROGRESS = "in-progress"
    DONE = "done"
    CANCELLED = "cancelled"

    @property
    def is_open(self) -> bool:
        """Still to be done: neither done nor cancelled."""
        return self in (TaskStatus.NOT_STARTED, TaskStatus.IN_PROGRESS)


class MeasurementMethod(_Choice):
    """How a KPI value was measured: 実測, 実績記入, システムログ, アンケート."""

    MEASURED = "measured"
    """Observed and timed by someone (実測)."""
    RECORDED = "recorded"
    """Written down by the staff doing the work, on a tally sheet (実績記入)."""
    SYSTEM_LOG = "system-log"
    """Counted from a system's records (システムログ)."""
    SURVEY = "survey"
    """Asked of users or staff (アンケート)."""


class Outcome(_Choice):
    """What the pilot's rollout decision decided: 横展開, 継続試行, 見直し, 中止."""

    ROLLOUT = "rollout"
    CONTINUE = "continue"
    REVISE = "revise"
    STOP = "stop"


class StandardChoice(_Choice):
    """What the standard flow does with one aligned step."""

    KEEP = "keep"
    """Keep the step, done the way the standard's base map does it."""
    DROP = "drop"
    """Leave the step out of the standard."""
    TAKE = "take"
    """Do the step the way one variant does it (``StepChoice.variant``)."""


class _Item:
    """Mixin for frozen dataclasses: ``edit`` returns a changed copy."""

    def edit(self, **changes: Any) -> Self:
        # Every subclass is a dataclass; the mixin itself cannot say so to mypy.
        return dataclasses.replace(self, **changes)  # type: ignore[type-var]


# --------------------------------------------------------------------------- facilitator's


@dataclass(frozen=True, slots=True)
class Meta(_Item):
    """The workshop itself: its title, who runs it, when, and why."""

    title: str
    organisation: str = ""
    business_area: str = ""
    facilitator: str = ""
    """Member id of the facilitator."""
    dates: tuple[dt.date, ...] = ()
    """Session dates."""
    phase: Phase = Phase.MAP
    background: str = field(default="", metadata=MULTILINE)
    """背景・目的: why this workshop exists; opens the report."""


@dataclass(frozen=True, slots=True)
class Member(_Item):
    """A person in the workshop, with their role."""

    id: str
    name: str
    role: Role = Role.VOLUNTEER
    email: str = ""


@dataclass(frozen=True, slots=True)
class Lane(_Item):
    """A swimlane of the process map: who (a section, a role) does the steps in it."""

    id: str
    name: str
    pool: str = ""
    """The pool (a BPMN participant with its own process) the lane belongs to, by name;
    lanes with the same pool are one pool. Empty: the workshop's own pool."""


@dataclass(frozen=True, slots=True)
class Step(_Item):
    """One step of the process: who does it, how long it takes, how often, on what."""

    id: str
    name: str
    lane: str
    kind: StepKind = StepKind.TASK
    minutes: float = 0.0
    """Hands-on work per case, in minutes."""
    volume: int | None = None
    """Cases a year through this step; ``None`` derives it from the process."""
    wait_minutes: float = 0.0
    """Waiting time per case before the step can finish."""
    medium: Medium = Medium.OTHER
    notes: str = field(default="", metadata=MULTILINE)
    gateway: Gateway | None = None
    """How a case leaves the step when several flows leave it; ``None`` is exclusive."""
    trigger: Trigger | None = None
    """An event step's trigger; ``None`` is a timer for a wait step and none otherwise."""
    event: EventMode | None = None
    """A wait step that throws, or a non-interrupting boundary event; ``None`` catches."""
    attached_to: str = ""
    """For a boundary event: the id of the task it is attached to."""

    @property
    def split(self) -> Gateway:
        """How a case leaves the step: ``gateway``, exclusive when it has none."""
        return self.gateway or Gateway.EXCLUSIVE

    @property
    def event_trigger(self) -> Trigger:
        """The event's trigger, its kind's usual one when it has none (a wait: timer)."""
        if self.trigger is not None:
            return self.trigger
        return Trigger.TIMER if self.kind == StepKind.WAIT else Trigger.NONE


@dataclass(frozen=True, slots=True)
class Flow(_Item):
    """A flow from one step to the next, with the share of cases taking it."""

    source: str
    target: str
    label: str = ""
    share: float | None = None
    """Fraction of cases taking this branch out of a decision."""
    kind: FlowKind | None = None
    """``None`` is a sequence flow; a message flow joins two pools."""

    @property
    def is_message(self) -> bool:
        return self.kind == FlowKind.MESSAGE


@dataclass(frozen=True, slots=True)
class Settings(_Item):
    """The workshop's figures for the metrics (hours, cost, cases) and the tally."""

    annual_hours_per_person: float = ANNUAL_HOURS_PER_PERSON
    hourly_cost: float = HOURLY_COST
    currency: str = "JPY"
    annual_cases: int | None = None
    """Cases a year entering the process; steps without a volume derive theirs from it."""
    quadrant_split: float = 3.0
    """Where effect and effort are split into high and low (scale midpoint)."""
    disagreement_iqr: float = 2.0
    """An idea whose effect or effort ratings have an IQR at least this wide is flagged."""
    language: str = ""
    """Report and UI language for this workshop ("ja" or "en"); empty follows the locale."""


@dataclass(frozen=True, slots=True)
class Seal(_Item):
    """One member's ballot as it stood when voting closed, as a fingerprint."""

    member: str
    ballot: str
    """``prioritize.voting.ballot_digest`` of the member's ratings and dots at the close."""


@dataclass(frozen=True, slots=True)
class Voting(_Item):
    """The rules of dot voting, and whether and when it was closed."""

    dots_per_member: int = 5
    cap_per_idea: int = 3
    closed: bool = False
    anonymous: bool = False
    closed_at: dt.datetime | None = None
    """When voting was closed; ``None`` while open, or when closed by an older cocreate."""
    sealed: tuple[Seal, ...] = ()
    """The ballots at the close, so a vote that arrives later (from another branch of a
    git repository, a stale session) is seen; members with no ballot are left out."""


@dataclass(frozen=True, slots=True)
class RolloutDecision(_Item):
    """The decision that ends a pilot: roll out, keep trying, revise or stop, and why."""

    outcome: Outcome
    reasons: tuple[str, ...] = ()
    units: tuple[str, ...] = ()
    """The next scope of a rollout (横展開): the bureaus or units it goes to."""
    start: dt.date | None = None
    """When the next scope starts."""


@dataclass(frozen=True, slots=True)
class Decision(_Item):
    """A decision the workshop took, with its date."""

    date: dt.date
    text: str = field(metadata=MULTILINE)
    owner: str = ""
    """Who decided: a member id."""
    rollout: RolloutDecision | None = None
    """Set on the decision about the pilot's rollout; ``None`` on every other decision."""


@dataclass(frozen=True, slots=True)
class Variant(_Item):
    """A further map of the same process: a bureau's as-is, the standard, a to-be, a reference.

    The workshop's own ``lanes``, ``steps`` and ``flows`` are its primary as-is map, so a
    workshop without variants is the one-variant case. A variant's lane and step ids are
    unique within the variant; they may repeat the primary map's ids for the same work.
    ``Workshop.variant_view`` gives a workshop whose map is the variant's, so every analysis
    of a map works on a variant unchanged.
    """

    id: str
    name: str
    kind: VariantKind = VariantKind.AS_IS
    unit: str = ""
    """The bureau or unit (部局・課) whose way of working this is."""
    annual_cases: int | None = None
    """Cases a year through this variant; ``None`` uses the workshop's settings."""
    lanes: tuple[Lane, ...] = ()
    steps: tuple[Step, ...] = ()
    flows: tuple[Flow, ...] = ()
    sources: tuple[str, ...] = ()
    """Files this variant's map was imported from."""
    notes: str = field(default="", metadata=MULTILINE)
    base: str = ""
    """A standard's base map: the variant id it starts from; empty for the workshop's own."""
    choices: tuple[StepChoice, ...] = ()
    """A standard's choice per aligned step; a step without one keeps the base's way."""


@dataclass(frozen=True, slots=True)
class PrimaryMap(_Item):
    """The workshop's own map (its lanes, steps and flows) as one variant among the others.

    All empty by default, so a workshop with one map writes no ``[primary]`` table.
    """

    id: str = ""
    """Its variant id; empty means ``PRIMARY_ID``."""
    name: str = ""
    unit: str = ""
    """The bureau or unit (部局・課) whose way of working the map is."""


@dataclass(frozen=True, slots=True)
class AlignedSteps(_Item):
    """Steps of different variants the facilitator confirmed are the same work.

    Each step is named ``"variant:step"`` (a bare step id names the workshop's own map).
    A single step says that it has no counterpart in the variants named elsewhere.
    """

    steps: tuple[str, ...]
    name: str = ""
    """What the aligned step is called in comparisons; empty takes the first step's name."""


@dataclass(frozen=True, slots=True)
class StepChoice(_Item):
    """How a standard flow takes one aligned step, named by any of its steps."""

    step: str
    """One of the aligned steps, ``"variant:step"`` (a bare id: the workshop's own map)."""
    choice: StandardChoice = StandardChoice.KEEP
    variant: str = ""
    """With ``take``: whose way the standard takes."""


# --------------------------------------------------------------------------- the pilot


@dataclass(frozen=True, slots=True)
class TeamMember(_Item):
    """A member of the pilot team and their role in it."""

    member: str
    role: str = ""


@dataclass(frozen=True, slots=True)
class Communication(_Item):
    """Communication rules: the channel, what is shared (5W1H), with whom, how often."""

    channel: str = ""
    shared: str = field(default="", metadata=MULTILINE)
    audience: str = ""
    meetings: str = field(default="", metadata=MULTILINE)


@dataclass(frozen=True, slots=True)
class Kpi(_Item):
    """A key performance indicator of the pilot: what is measured, from where, to what."""

    id: str
    name: str
    metric: str = ""
    """A process metric the baseline comes from (``annual_hours``, ``lead_time_minutes``,
    ``paper_touches``, ...); empty for a KPI measured by other means."""
    baseline: float | None = None
    """``None`` takes the baseline from the as-is metrics."""
    target: float | None = None
    unit: str = ""
    measured_by: str = ""
    lower_is_better: bool = True
    ideas: tuple[str, ...] = ()
    """The pilot ideas this KPI measures; none: it measures the pilot as a whole."""


@dataclass(frozen=True, slots=True)
class Risk(_Item):
    """A risk of the pilot and how it is mitigated."""

    text: str = field(metadata=MULTILINE)
    mitigation: str = field(default="", metadata=MULTILINE)


@dataclass(frozen=True, slots=True)
class Milestone(_Item):
    """A dated milestone of the pilot."""

    date: dt.date
    text: str


@dataclass(frozen=True, slots=True)
class Task(_Item):
    """One thing to do in the pilot, with exactly one owner (主担当) so nobody waits on another."""

    id: str
    title: str
    owner: str = ""
    """The one member who owns the task; empty is an unowned task, which ``check`` flags."""
    helpers: tuple[str, ...] = ()
    """Members who help; never the owner."""
    due: dt.date | None = None
    status: TaskStatus = TaskStatus.NOT_STARTED
    done_on: dt.date | None = None
    """When the task was done (or cancelled)."""
    note: str = ""


@dataclass(frozen=True, slots=True)
class Measurement(_Item):
    """One measured value of a KPI during (or after) the pilot."""

    id: str
    kpi: str
    date: dt.date
    value: float
    """In the KPI's own unit, as its baseline and target are."""
    method: MeasurementMethod = MeasurementMethod.MEASURED
    by: str = ""
    """The member who measured it."""
    note: str = ""
    variant: str = ""
    """The to-be variant whose re-run workload survey gave the value, if it came from one."""


@dataclass(frozen=True, slots=True)
class CriterionCondition(_Item):
    """One measurable part of a rollout criterion: a KPI reaching a threshold."""

    kpi: str
    threshold: float | None = None
    """The value the KPI must reach, in the KPI's direction; ``None`` is the KPI's target."""


@dataclass(frozen=True, slots=True)
class Criterion(_Item):
    """A rollout criterion (横展開の判断基準) linked to the KPIs that decide it.

    It is met when every condition is met by the latest measurement of its KPI. Free-text
    criteria in ``Pilot.rollout_criteria`` are the ones not linked yet.
    """

    id: str
    text: str
    conditions: tuple[CriterionCondition, ...] = ()


@dataclass(frozen=True, slots=True)
class PilotIssue(_Item):
    """An issue the pilot ran into and what was done about it (課題と対応)."""

    id: str
    text: str
    response: str = ""
    kpis: tuple[str, ...] = ()
    """KPIs the issue bears on."""


@dataclass(frozen=True, slots=True)
class Pilot(_Item):
    """The small-start pilot plan (スモールスタート計画), owned by the facilitator."""

    title: str = ""
    purpose: str = field(default="", metadata=MULTILINE)
    ideas: tuple[str, ...] = ()
    scope_unit: str = ""
    scope_steps: tuple[str, ...] = ()
    start: dt.date | None = None
    weeks: int | None = None
    owner: str = ""
    """主担当: the one member who owns the pilot."""
    team: tuple[TeamMember, ...] = ()
    communication: Communication = field(default_factory=Communication)
    kpis: tuple[Kpi, ...] = ()
    risks: tuple[Risk, ...] = ()
    rollout_criteria: tuple[str, ...] = ()
    """Criteria as free text, not linked to a KPI yet: never judged met (see ``criteria``)."""
    milestones: tuple[Milestone, ...] = ()
    tasks: tuple[Task, ...] = ()
    measurements: tuple[Measurement, ...] = ()
    criteria: tuple[Criterion, ...] = ()
    """Rollout criteria linked to KPIs and thresholds."""
    issues: tuple[PilotIssue, ...] = ()

    def is_empty(self) -> bool:
        return self == Pilot()


# --------------------------------------------------------------------------- members'


@dataclass(frozen=True, slots=True)
class Problem(_Item):
    """A problem a member sees in the as-is process, on the steps it concerns."""

    id: str
    text: str = field(metadata=MULTILINE)
    author: str
    steps: tuple[str, ...] = ()
    category: str = ""
    created: dt.datetime | None = None
    variants: tuple[str, ...] = ()
    """The variants (bureaus' maps) the problem concerns; its steps are theirs. Empty: the
    workshop's own map."""


@dataclass(frozen=True, slots=True)
class Cause(_Item):
    """A cause of a problem, or of another cause (one more "why")."""

    id: str
    problem: str
    text: str = field(metadata=MULTILINE)
    author: str
    parent: str | None = None
    """The cause this one explains (one more "why"); ``None`` for the first why."""
    category: CauseCategory | None = None
    created: dt.datetime | None = None


@dataclass(frozen=True, slots=True)
class Idea(_Item):
    """An improvement idea, on the causes and steps it addresses."""

    id: str
    title: str
    author: str
    description: str = field(default="", metadata=MULTILINE)
    causes: tuple[str, ...] = ()
    steps: tuple[str, ...] = ()
    action: Action | None = None
    reduction: float = 0.0
    """Expected reduction of the affected steps' time, as a fraction 0..1."""
    effort_days: float | None = None
    """Person-days to put the idea in place."""
    cost: float | None = None
    created: dt.datetime | None = None
    variants: tuple[str, ...] = ()
    """The variants (bureaus' maps) the idea concerns; its steps are theirs. Empty: the
    workshop's own map."""


@dataclass(frozen=True, slots=True)
class Rating(_Item):
    """One member's rating of an idea's effect and effort (1-5)."""

    member: str
    idea: str
    effect: int
    effort: int


@dataclass(frozen=True, slots=True)
class Dot(_Item):
    """Dots one member placed on an idea."""

    member: str
    idea: str
    count: int


@dataclass(frozen=True, slots=True)
class MemberContributions(_Item):
    """What one member's file holds. Only that member's session writes it."""

    member: str
    problems: tuple[Problem, ...] = ()
    causes: tuple[Cause, ...] = ()
    ideas: tuple[Idea, ...] = ()
    ratings: tuple[Rating, ...] = ()
    dots: tuple[Dot, ...] = ()
    revision: int = field(default=0, compare=False)
    digest: str = field(default="", compare=False, repr=False)
    """Fingerprint of the file's bytes when loaded or saved ("" when not from a file)."""

    def edit(self, **changes: Any) -> Self:
        return dataclasses.replace(self, **_with_digest_rule(changes))

    def is_empty(self) -> bool:
        return not (self.problems or self.causes or self.ideas or self.ratings or self.dots)


def _with_digest_rule(changes: dict[str, Any]) -> dict[str, Any]:
    """A digest is only true of the revision it was read at: a revision set without a
    digest drops it, and a save then compares revisions alone, as it did before digests."""
    if "revision" in changes and "digest" not in changes:
        changes = {**changes, "digest": ""}
    return changes


# --------------------------------------------------------------------------- the aggregate


def _index(items: Iterable[Any], key: str = "id") -> dict[str, Any]:
    return {getattr(item, key): item for item in items}


@dataclass(frozen=True)
class Workshop(_Item):
    """A whole workshop: what the facilitator owns plus every member's contributions."""

    meta: Meta
    settings: Settings = field(default_factory=Settings)
    voting: Voting = field(default_factory=Voting)
    members: tuple[Member, ...] = ()
    lanes: tuple[Lane, ...] = ()
    steps: tuple[Step, ...] = ()
    flows: tuple[Flow, ...] = ()
    pilot: Pilot = field(default_factory=Pilot)
    decisions: tuple[Decision, ...] = ()
    sources: tuple[str, ...] = ()
    """Files this workshop's process was imported from."""
    variants: tuple[Variant, ...] = ()
    """Further maps of the same process (other bureaus, the standard, to-be, reference)."""
    primary: PrimaryMap = field(default_factory=PrimaryMap)
    """The workshop's own map as a variant: its id, name and unit in comparisons."""
    alignments: tuple[AlignedSteps, ...] = ()
    """Steps of different maps confirmed as the same work; the rest align automatically."""
    contributions: tuple[MemberContributions, ...] = ()
    """One entry per member file, in member-id order."""
    revision: int = field(default=0, compare=False)
    """Revision of workshop.toml when loaded; saving checks it has not moved."""
    digest: str = field(default="", compare=False, repr=False)
    """Fingerprint of workshop.toml's bytes when loaded or saved ("" when not from a file):
    saving checks the file still holds them, so an edit that kept the revision is seen."""

    def edit(self, **changes: Any) -> Self:
        return dataclasses.replace(self, **_with_digest_rule(changes))

    # -- merged views over every member's contributions. A Workshop never changes, so
    # each view and index is computed once per instance (``edit`` makes a new one).

    @cached_property
    def problems(self) -> tuple[Problem, ...]:
        return tuple(p for c in self.contributions for p in c.problems)

    @cached_property
    def causes(self) -> tuple[Cause, ...]:
        return tuple(x for c in self.contributions for x in c.causes)

    @cached_property
    def ideas(self) -> tuple[Idea, ...]:
        return tuple(x for c in self.contributions for x in c.ideas)

    @cached_property
    def ratings(self) -> tuple[Rating, ...]:
        return tuple(x for c in self.contributions for x in c.ratings)

    @cached_property
    def dots(self) -> tuple[Dot, ...]:
        return tuple(x for c in self.contributions for x in c.dots)

    @cached_property
    def _by_id(self) -> dict[str, dict[str, Any]]:
        return {
            "member": _index(self.members),
            "lane": _index(self.lanes),
            "step": _index(self.steps),
            "problem": _index(self.problems),
            "cause": _index(self.causes),
            "idea": _index(self.ideas),
        }

    # -- look-ups

    def member(self, member_id: str) -> Member | None:
        return self._by_id["member"].get(member_id)

    def lane(self, lane_id: str) -> Lane | None:
        return self._by_id["lane"].get(lane_id)

    def step(self, step_id: str) -> Step | None:
        return self._by_id["step"].get(step_id)

    def problem(self, problem_id: str) -> Problem | None:
        return self._by_id["problem"].get(problem_id)

    def cause(self, cause_id: str) -> Cause | None:
        return self._by_id["cause"].get(cause_id)

    def idea(self, idea_id: str) -> Idea | None:
        return self._by_id["idea"].get(idea_id)

    def variant(self, variant_id: str) -> Variant | None:
        for variant in self.variants:
            if variant.id == variant_id:
                return variant
        return None

    def variant_view(self, variant_id: str) -> Workshop:
        """This workshop with a variant's map in place of the primary one.

        Metrics, checks and exports of a map take the view as they take the workshop.
        Raises ``KeyError`` for an unknown variant id.

        >>> w = Workshop(Meta("t"), variants=(Variant("b", "B", annual_cases=10),))
        >>> w.variant_view("b").settings.annual_cases
        10
        """
        variant = self.variant(variant_id)
        if variant is None:
            raise KeyError(variant_id)
        settings = self.settings
        if variant.annual_cases is not None:
            settings = settings.edit(annual_cases=variant.annual_cases)
        return self.edit(
            lanes=variant.lanes,
            steps=variant.steps,
            flows=variant.flows,
            sources=variant.sources,
            settings=settings,
        )

    def contributions_of(self, member_id: str) -> MemberContributions:
        for contribution in self.contributions:
            if contribution.member == member_id:
                return contribution
        return MemberContributions(member=member_id)

    def with_contributions(self, contribution: MemberContributions) -> Workshop:
        """Return the workshop with one member's contributions replaced (or added)."""
        others = [c for c in self.contributions if c.member != contribution.member]
        merged = sorted([*others, contribution], key=lambda c: c.member)
        return self.edit(contributions=tuple(merged))

    def causes_of(self, problem_id: str) -> tuple[Cause, ...]:
        return tuple(c for c in self.causes if c.problem == problem_id)

    def why_chain(self, cause_id: str) -> tuple[Cause, ...]:
        """The causes from the first why down to ``cause_id``."""
        by_id = self._by_id["cause"]
        chain: list[Cause] = []
        seen: set[str] = set()
        current = by_id.get(cause_id)
        while current is not None and current.id not in seen:
            seen.add(current.id)
            chain.append(current)
            current = by_id.get(current.parent) if current.parent else None
        return tuple(reversed(chain))

    def iter_ids(self) -> Iterator[tuple[str, str]]:
        """Every (kind, id) pair in the workshop."""
        for kind, items in (
            ("member", self.members),
            ("lane", self.lanes),
            ("step", self.steps),
            ("problem", self.problems),
            ("cause", self.causes),
            ("idea", self.ideas),
            ("kpi", self.pilot.kpis),
            ("task", self.pilot.tasks),
            ("measurement", self.pilot.measurements),
            ("criterion", self.pilot.criteria),
            ("pilot-issue", self.pilot.issues),
        ):
            for item in items:
                yield kind, item.id


def new_id(prefix: str, taken: Iterable[str]) -> str:
    """Return ``prefix`` followed by the smallest counter not yet taken.

    Member contributions use ``<member>.p``/``.c``/``.i`` as prefix, so ids made by
    different members can never collide: each member writes only their own file.

    >>> new_id("sato.p", ["sato.p1", "sato.p2"])
    'sato.p3'
    """
    used = set(taken)
    highest = 0
    for item in used:
        if item.startswith(prefix) and item[len(prefix) :].isdigit():
            highest = max(highest, int(item[len(prefix) :]))
    return f"{prefix}{highest + 1}"
