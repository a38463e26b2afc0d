"""Domain operations on members' contributions: problems, why-chains of causes and ideas.

Every function is pure: it takes the :class:`~cocreate.model.Workshop` first and returns a
new workshop (and, for additions, the item it created); nothing is saved here. Bad values
and unknown references raise :class:`~cocreate.errors.InputError`, operations the rules
forbid raise :class:`~cocreate.errors.RuleError`; both carry a one-line message.

Text is stored exactly as typed. Only duplicate detection looks at a normalised form
(:func:`normalise`): NFKC, zero-width characters removed, runs of white space folded
into one space, case folded. Two problems whose normalised texts are equal are
duplicates; :func:`similar_problems` suggests near-duplicates by ``difflib`` ratio.

Who may change what follows the files: a member's problems, causes and ideas live in
``members/<id>.toml``, which only that member's session writes. Adding and editing
therefore only ever change the author's own contributions. Merging two problems may
move other members' causes, so it is the facilitator's operation (see
:func:`merge_problems`).
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
import re
import unicodedata
from collections.abc import Callable, Iterable
from typing import Any

from cocreate.errors import InputError, RuleError
from cocreate.model import (
    ID_PATTERN,
    Action,
    Cause,
    CauseCategory,
    Idea,
    Member,
    MemberContributions,
    Problem,
    Role,
    Workshop,
    new_id,
)
from cocreate.text import control_problem

__all__ = [
    "SIMILARITY_COMPARED",
    "SIMILARITY_THRESHOLD",
    "add_cause",
    "add_idea",
    "add_member",
    "add_problem",
    "duplicate_of",
    "edit_cause",
    "edit_idea",
    "edit_problem",
    "is_solution_first",
    "merge_problems",
    "new_id_for",
    "normalise",
    "remove_item",
    "root_causes",
    "similar_problems",
    "touched_members",
    "why_chains",
]

#: Problems at least this similar (difflib ratio of normalised texts, 0..1) are suggested
#: as near-duplicates.
SIMILARITY_THRESHOLD = 0.6

#: Only this many characters of each normalised text are compared for similarity.
#: difflib's matcher takes time quadratic in the length: a 10,000-character problem
#: compared in full with a few hundred others took minutes. Near-duplicates show in
#: their opening words; exact duplicates are still found on the whole text.
SIMILARITY_COMPARED = 300

# Zero-width and invisible formatting characters people paste in from Word, Teams or
# the web: ZWSP, ZWNJ, ZWJ, word joiner, BOM / ZWNBSP, soft hyphen, Mongolian vowel sep.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e"))
_SPACE = re.compile(r"\s+")


# =========================================================================== text


def normalise(text: str) -> str:
    """The form of ``text`` used to compare contributions, never to store them.

    NFKC folds full-width letters and digits and the ideographic space into their
    ordinary forms; zero-width characters are dropped; runs of white space become one
    space; the ends are stripped; case is folded.

    >>> normalise("  ＡＢＣ\u3000 申請\u200b書 ")
    'abc 申請書'
    """
    folded = unicodedata.normalize("NFKC", text).translate(_INVISIBLE)
    return _SPACE.sub(" ", folded).strip().casefold()


def _similarity(left: str, right: str, threshold: float = 0.0) -> float:
    """The difflib ratio of two normalised texts, their first SIMILARITY_COMPARED characters.

    Pairs whose cheap upper bounds already fall below ``threshold`` score 0 without the
    full comparison. Texts that differ only after the compared part score just under 1.
    """
    if left == right:
        return 1.0
    matcher = difflib.SequenceMatcher(
        None, left[:SIMILARITY_COMPARED], right[:SIMILARITY_COMPARED], autojunk=False
    )
    if matcher.real_quick_ratio() < threshold or matcher.quick_ratio() < threshold:
        return 0.0
    return min(matcher.ratio(), 0.999)


def similar_problems(
    workshop: Workshop, text: str, limit: int = 5, *, threshold: float = SIMILARITY_THRESHOLD
) -> list[tuple[Problem, float]]:
    """Problems whose text is close to ``text``, most similar first.

    The score is the ``difflib`` ratio of the normalised texts (1.0 for a duplicate),
    of their first :data:`SIMILARITY_COMPARED` characters, so the time it takes is bounded
    by the number of problems, whatever the length of ``text``. Only problems scoring at
    least ``threshold`` are returned, at most ``limit``.
    """
    wanted = normalise(text)
    if not wanted:
        return []
    scored = [
        (problem, round(_similarity(wanted, normalise(problem.text), threshold), 3))
        for problem in workshop.problems
    ]
    scored = [pair for pair in scored if pair[1] >= threshold]
    scored.sort(key=lambda pair: (-pair[1], pair[0].id))
    return scored[: max(limit, 0)]


def duplicate_of(workshop: Workshop, text: str) -> Problem | None:
    """The first problem whose normalised text equals that of ``text``, if any."""
    wanted = normalise(text)
    for problem in workshop.problems:
        if normalise(problem.text) == wanted:
            return problem
    return None


# =========================================================================== checks


def _now(now: dt.datetime | None) -> dt.datetime:
    """The moment an item is created, always with its UTC offset.

    A naive ``now`` (a clock of ``datetime.now``) is taken as local time, as the CLI's is;
    a saved timestamp without an offset could not be compared across time zones.
    """
    moment = now if now is not None else dt.datetime.now()
    if moment.tzinfo is None:
        moment = moment.astimezone()
    return moment.replace(microsecond=0)


def _member(workshop: Workshop, member_id: str) -> Member:
    member = workshop.member(member_id)
    if member is None:
        raise InputError(
            None, f"unknown member {member_id!r}; add them first with `add member`"
        ).keyed("error.member.unknown", member=member_id)
    return member


#: The English name of each text field (in messages) -> its catalogue key ``error.field.*``.
_FIELDS = {
    "the member's name": "member_name",
    "the problem's text": "problem_text",
    "the cause's text": "cause_text",
    "the idea's title": "idea_title",
    "effort_days": "effort_days",
    "cost": "cost",
}


def _text(value: str, what: str, *, multiline: bool = False) -> str:
    if not isinstance(value, str) or not normalise(value):
        raise InputError(None, f"{what} must not be empty").keyed(
            "error.text.empty", field=f"error.field.{_FIELDS[what]}"
        )
    problem = control_problem(value, multiline=multiline)
    if problem is not None:
        raise InputError(None, f"{what} {problem}").keyed(
            "error.text.control", field=f"error.field.{_FIELDS[what]}", problem=problem
        )
    return value


def _description(value: str | None) -> str:
    value = value or ""
    problem = control_problem(value, multiline=True)
    if problem is not None:
        raise InputError(None, f"the idea's description {problem}")
    return value


def _steps(workshop: Workshop, steps: Iterable[str]) -> tuple[str, ...]:
    out: list[str] = []
    known = {s.id for s in workshop.steps}
    for ref in steps:
        if ref not in known:
            raise InputError(None, f"unknown step {ref!r}").keyed("error.step.unknown", step=ref)
        if ref not in out:
            out.append(ref)
    return tuple(out)


def _problem(workshop: Workshop, problem_id: str) -> Problem:
    problem = workshop.problem(problem_id)
    if problem is None:
        raise InputError(None, f"unknown problem {problem_id!r}").keyed(
            "error.problem.unknown", problem=problem_id
        )
    return problem


def _cause(workshop: Workshop, cause_id: str) -> Cause:
    cause = workshop.cause(cause_id)
    if cause is None:
        raise InputError(None, f"unknown cause {cause_id!r}").keyed(
            "error.cause.unknown", cause=cause_id
        )
    return cause


def _idea(workshop: Workshop, idea_id: str) -> Idea:
    idea = workshop.idea(idea_id)
    if idea is None:
        raise InputError(None, f"unknown idea {idea_id!r}").keyed(
            "error.idea.unknown", idea=idea_id
        )
    return idea


def _category(value: CauseCategory | str | None) -> CauseCategory | None:
    if value is None or value == "":
        return None
    try:
        return CauseCategory(value)
    except ValueError:
        choices = ", ".join(CauseCategory.values())
        raise InputError(
            None, f"unknown cause category {value!r}; expected one of {choices}"
        ) from None


def _action(value: Action | str | None) -> Action | None:
    if value is None or value == "":
        return None
    try:
        return Action(value)
    except ValueError:
        choices = ", ".join(Action.values())
        raise InputError(None, f"unknown action {value!r}; expected one of {choices}") from None


def _fraction(value: float) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise InputError(None, f"reduction must be a number between 0 and 1, not {value!r}")
    if not 0 <= value <= 1:
        raise InputError(
            None, f"reduction must be between 0 and 1 (a fraction), not {value:g}"
        ).about("reduction", "ui.refusal.percent", value=f"{value:.0%}")
    return float(value)


def _amount(value: float | None, what: str) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise InputError(None, f"{what} must be a number, not {value!r}")
    if value < 0:
        raise InputError(None, f"{what} must not be negative ({value:g})").keyed(
            "error.amount.negative", field=f"error.field.{_FIELDS[what]}", value=f"{value:g}"
        )
    return float(value)


def _causes(workshop: Workshop, causes: Iterable[str]) -> tuple[str, ...]:
    out: list[str] = []
    for ref in causes:
        _cause(workshop, ref)
        if ref not in out:
            out.append(ref)
    return tuple(out)


def _taken(workshop: Workshop) -> list[str]:
    return [item_id for _, item_id in workshop.iter_ids()]


def _replace(workshop: Workshop, member_id: str, **changes: Any) -> Workshop:
    contribution = workshop.contributions_of(member_id)
    return workshop.with_contributions(contribution.edit(**changes))


# =========================================================================== members


def add_member(
    workshop: Workshop,
    member_id: str,
    name: str,
    role: Role | str = Role.VOLUNTEER,
    email: str = "",
) -> tuple[Workshop, Member]:
    """Add a member to the workshop (the facilitator's ``workshop.toml``)."""
    if not ID_PATTERN.match(member_id or ""):
        raise InputError(
            None, f"{member_id!r} is not a valid member id (letters, digits, '.', '-', '_')"
        ).about("member_id", "ui.refusal.bad_id")
    if "." in member_id:
        # Contribution ids are "<member>.p1"; a dot in the member id would make them ambiguous.
        raise InputError(None, f"member id {member_id!r} must not contain '.'").about(
            "member_id", "ui.refusal.bad_id"
        )
    if workshop.member(member_id) is not None:
        raise InputError(None, f"member {member_id!r} already exists").about(
            "member_id", "ui.refusal.duplicate_member", id=member_id
        )
    _text(name, "the member's name")
    try:
        role = Role(role)
    except ValueError:
        choices = ", ".join(Role.values())
        raise InputError(None, f"unknown role {role!r}; expected one of {choices}") from None
    email = email.strip()
    if email and ("@" not in email or any(ch.isspace() for ch in email)):
        raise InputError(None, f"{email!r} is not an email address")
    if email and any(m.email.casefold() == email.casefold() for m in workshop.members):
        raise InputError(None, f"another member already has the email {email!r}")
    member = Member(member_id, name.strip(), role, email)
    return workshop.edit(members=(*workshop.members, member)), member


# =========================================================================== problems


def add_problem(
    workshop: Workshop,
    member: str,
    text: str,
    steps: Iterable[str] = (),
    category: str = "",
    now: dt.datetime | None = None,
    *,
    allow_duplicate: bool = False,
) -> tuple[Workshop, Problem]:
    """Add a problem in ``member``'s name, where it happens in the process (``steps``).

    The text is kept exactly as written. A problem whose normalised text equals an
    existing one is refused with RuleError naming it, unless ``allow_duplicate``; use
    :func:`similar_problems` first to suggest near-duplicates.
    """
    _member(workshop, member)
    _text(text, "the problem's text", multiline=True)
    if not allow_duplicate:
        same = duplicate_of(workshop, text)
        if same is not None:
            raise RuleError(
                f"the same problem is already there as {same.id} ({same.author}): {same.text}"
            ).keyed("error.problem.duplicate", problem=same.id, author=same.author, text=same.text)
    problem = Problem(
        id=new_id_for(workshop, member, "p"),
        text=text,
        author=member,
        steps=_steps(workshop, steps),
        category=(category or "").strip(),
        created=_now(now),
    )
    mine = workshop.contributions_of(member)
    return _replace(workshop, member, problems=(*mine.problems, problem)), problem


def edit_problem(workshop: Workshop, problem_id: str, **changes: Any) -> Workshop:
    """Change a problem's ``text``, ``steps`` or ``category``; its id and author stay."""
    problem = _problem(workshop, problem_id)
    allowed = {"text", "steps", "category"}
    unknown = sorted(set(changes) - allowed)
    if unknown:
        raise InputError(None, f"a problem's {unknown[0]!r} cannot be edited")
    if "text" in changes:
        _text(changes["text"], "the problem's text", multiline=True)
    if "steps" in changes:
        changes["steps"] = _steps(workshop, changes["steps"])
    if "category" in changes:
        changes["category"] = (changes["category"] or "").strip()
    return _swap(workshop, problem.author, "problems", problem.edit(**changes))


def _swap(workshop: Workshop, member_id: str, name: str, item: Any) -> Workshop:
    mine = workshop.contributions_of(member_id)
    items = tuple(item if old.id == item.id else old for old in getattr(mine, name))
    return _replace(workshop, member_id, **{name: items})


def merge_problems(
    workshop: Workshop, keep_id: str, drop_id: str, *, by: str | None = None
) -> Workshop:
    """Merge problem ``drop_id`` into ``keep_id``: the same problem, reported twice.

    * every cause of the dropped problem moves to the kept one (why-chains stay intact,
      since a chain never spans two problems);
    * the kept problem also names the dropped one's steps (kept order first);
    * the dropped problem is removed; the kept one's text is left exactly as it was.

    Ideas refer to causes, not problems, so they are unaffected.

    Who may merge: each change lands in the file of the item's author. The facilitator
    (``by=None`` or the facilitator's id) may merge anything and saves every member file
    the merge touched (see :func:`touched_members`). Any other member may merge only
    when both problems and every moved cause are their own, so only their file changes;
    otherwise RuleError.
    """
    if keep_id == drop_id:
        raise InputError(None, f"cannot merge problem {keep_id!r} into itself")
    keep = _problem(workshop, keep_id)
    drop = _problem(workshop, drop_id)
    moved = workshop.causes_of(drop_id)
    if by is not None:
        member = _member(workshop, by)
        if member.role != Role.FACILITATOR:
            others = sorted({keep.author, drop.author, *(c.author for c in moved)} - {member.id})
            if others:
                raise RuleError(
                    f"only the facilitator can merge {drop_id} into {keep_id}: it changes the"
                    f" file of {', '.join(others)}"
                )
    steps = (*keep.steps, *(s for s in drop.steps if s not in keep.steps))
    result = _swap(workshop, keep.author, "problems", keep.edit(steps=steps))
    for cause in moved:
        result = _swap(result, cause.author, "causes", cause.edit(problem=keep_id))
    mine = result.contributions_of(drop.author)
    return _replace(
        result, drop.author, problems=tuple(p for p in mine.problems if p.id != drop_id)
    )


def touched_members(before: Workshop, after: Workshop) -> list[str]:
    """Ids of the members whose contributions differ between two workshops (files to save).

    A member with no file and a member with an empty one have the same contributions:
    neither needs a file written.
    """
    members = {c.member for c in before.contributions} | {c.member for c in after.contributions}
    return sorted(m for m in members if before.contributions_of(m) != after.contributions_of(m))


# =========================================================================== causes


def add_cause(
    workshop: Workshop,
    member: str,
    problem: str,
    text: str,
    parent: str | None = None,
    category: CauseCategory | str | None = None,
    now: dt.datetime | None = None,
) -> tuple[Workshop, Cause]:
    """Add a cause of ``problem``: a first "why", or one more "why" below ``parent``.

    A cause can belong to a problem raised by anyone; it is stored in ``member``'s file.
    The parent must be a cause of the same problem.
    """
    _member(workshop, member)
    _problem(workshop, problem)
    _text(text, "the cause's text", multiline=True)
    if parent:
        above = _cause(workshop, parent)
        if above.problem != problem:
            raise InputError(
                None,
                f"cause {parent!r} belongs to problem {above.problem!r}, not {problem!r}",
            )
    cause = Cause(
        id=new_id_for(workshop, member, "c"),
        problem=problem,
        text=text,
        author=member,
        parent=parent or None,
        category=_category(category),
        created=_now(now),
    )
    mine = workshop.contributions_of(member)
    return _replace(workshop, member, causes=(*mine.causes, cause)), cause


def edit_cause(workshop: Workshop, cause_id: str, **changes: Any) -> Workshop:
    """Change a cause's ``text`` or ``category`` (its place in the chain stays)."""
    cause = _cause(workshop, cause_id)
    unknown = sorted(set(changes) - {"text", "category"})
    if unknown:
        raise InputError(None, f"a cause's {unknown[0]!r} cannot be edited")
    if "text" in changes:
        _text(changes["text"], "the cause's text", multiline=True)
    if "category" in changes:
        changes["category"] = _category(changes["category"])
    return _swap(workshop, cause.author, "causes", cause.edit(**changes))


def why_chains(workshop: Workshop, problem_id: str) -> list[tuple[Cause, ...]]:
    """Every chain of whys of a problem, from a first why down to a root cause."""
    causes = workshop.causes_of(problem_id)
    has_child = {c.parent for c in causes if c.parent}
    return [workshop.why_chain(c.id) for c in causes if c.id not in has_child]


def root_causes(workshop: Workshop, problem_id: str) -> list[Cause]:
    """The deepest cause of each why-chain of a problem: what an idea should answer."""
    return [chain[-1] for chain in why_chains(workshop, problem_id) if chain]


# =========================================================================== ideas


def add_idea(
    workshop: Workshop,
    member: str,
    title: str,
    causes: Iterable[str] = (),
    steps: Iterable[str] = (),
    action: Action | str | None = None,
    reduction: float = 0.0,
    description: str = "",
    effort_days: float | None = None,
    cost: float | None = None,
    now: dt.datetime | None = None,
) -> tuple[Workshop, Idea]:
    """Add an improvement idea that answers ``causes`` and changes ``steps``.

    ``reduction`` is the expected cut in the named steps' time, a fraction 0..1. An idea
    with no cause is allowed but flagged as solution-first (:func:`is_solution_first`).

    Once voting is closed a new idea is refused (RuleError): nobody could rate it, so it
    could never be ranked. The facilitator reopens voting first
    (:func:`cocreate.prioritize.voting.open_voting`) to take it.
    """
    _member(workshop, member)
    if workshop.voting.closed:
        raise RuleError(
            "voting is closed: a new idea could not be rated; the facilitator can reopen"
            " voting to take it"
        ).keyed("error.idea.voting_closed")
    _text(title, "the idea's title")
    idea = Idea(
        id=new_id_for(workshop, member, "i"),
        title=title,
        author=member,
        description=_description(description),
        causes=_causes(workshop, causes),
        steps=_steps(workshop, steps),
        action=_action(action),
        reduction=_fraction(reduction),
        effort_days=_amount(effort_days, "effort_days"),
        cost=_amount(cost, "cost"),
        created=_now(now),
    )
    mine = workshop.contributions_of(member)
    return _replace(workshop, member, ideas=(*mine.ideas, idea)), idea


def edit_idea(workshop: Workshop, idea_id: str, **changes: Any) -> Workshop:
    """Change any of an idea's fields but its id, author and creation time."""
    idea = _idea(workshop, idea_id)
    checks: dict[str, Callable[[Any], Any]] = {
        "title": lambda v: _text(v, "the idea's title"),
        "description": _description,
        "causes": lambda v: _causes(workshop, v),
        "steps": lambda v: _steps(workshop, v),
        "action": _action,
        "reduction": _fraction,
        "effort_days": lambda v: _amount(v, "effort_days"),
        "cost": lambda v: _amount(v, "cost"),
    }
    unknown = sorted(set(changes) - set(checks))
    if unknown:
        raise InputError(None, f"an idea's {unknown[0]!r} cannot be edited")
    checked = {name: checks[name](value) for name, value in changes.items()}
    return _swap(workshop, idea.author, "ideas", idea.edit(**checked))


def is_solution_first(idea: Idea) -> bool:
    """True when the idea answers no cause: a solution looking for a problem."""
    return not idea.causes


# =========================================================================== removal


def remove_item(workshop: Workshop, item_id: str) -> Workshop:
    """Remove one problem, cause or idea that nothing else refers to.

    A problem with causes, a cause with a deeper why or an idea answering it, and an
    idea with ratings, dots, a place in the pilot or a KPI measuring it are refused
    with RuleError.
    """
    if (problem := workshop.problem(item_id)) is not None:
        if workshop.causes_of(item_id):
            raise RuleError(f"problem {item_id} has causes; remove or merge them first").keyed(
                "error.remove.problem_has_causes", item=item_id
            )
        return _drop(workshop, problem.author, "problems", item_id)
    if (cause := workshop.cause(item_id)) is not None:
        if any(c.parent == item_id for c in workshop.causes):
            raise RuleError(f"cause {item_id} has a deeper why below it; remove that first").keyed(
                "error.remove.cause_has_why", item=item_id
            )
        users = [i.id for i in workshop.ideas if item_id in i.causes]
        if users:
            raise RuleError(f"cause {item_id} is answered by idea {users[0]}").keyed(
                "error.remove.cause_answered", item=item_id, idea=users[0]
            )
        return _drop(workshop, cause.author, "causes", item_id)
    if (idea := workshop.idea(item_id)) is not None:
        voted = any(r.idea == item_id for r in workshop.ratings) or any(
            d.idea == item_id and d.count for d in workshop.dots
        )
        if voted:
            raise RuleError(f"idea {item_id} has ratings or dots; it cannot be removed").keyed(
                "error.remove.idea_voted", item=item_id
            )
        if item_id in workshop.pilot.ideas:
            raise RuleError(f"idea {item_id} is part of the pilot plan").keyed(
                "error.remove.idea_in_pilot", item=item_id
            )
        kpi = next((k for k in workshop.pilot.kpis if item_id in k.ideas), None)
        if kpi is not None:  # a KPI measuring no idea would be read as the whole pilot's
            raise RuleError(
                f"idea {item_id} is measured by KPI {kpi.id} ({kpi.name}) of the pilot plan;"
                " take it off the KPI first"
            ).keyed("error.remove.idea_in_kpi", item=item_id, kpi=kpi.id, name=kpi.name)
        return _drop(workshop, idea.author, "ideas", item_id)
    raise InputError(None, f"unknown problem, cause or idea {item_id!r}")


def _drop(workshop: Workshop, member_id: str, name: str, item_id: str) -> Workshop:
    mine: MemberContributions = workshop.contributions_of(member_id)
    kept = tuple(item for item in getattr(mine, name) if item.id != item_id)
    return _replace(workshop, member_id, **{name: kept})


# =========================================================================== ids


def new_id_for(workshop: Workshop, member: str, kind: str) -> str:
    """A fresh id ``<member>.<kind><n>`` (kind ``p``, ``c`` or ``i``) unused in the workshop."""
    return new_id(f"{member}.{kind}", _taken(workshop))
