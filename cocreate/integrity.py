"""Integrity errors: what makes a workshop inconsistent, checked on every load.

Each finding names the file and the field path inside it, so a message reads
``members/sato.toml: ideas[1].causes[0]: unknown cause 'sato.c9'``. These checks need
only the model: they run inside :func:`cocreate.storage.load`, before any analysis.
Warnings that need the analyses (unreachable steps, unrated ideas) are in
:mod:`cocreate.review`.

Every check is linear in the size of the workshop: references are looked up in sets
built once, and why-chain loops are found in one pass over the parent links.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from cocreate.errors import WorkshopError
from cocreate.model import ID_PATTERN, Cause, Idea, MemberContributions, Problem, Workshop
from cocreate.paths import WORKSHOP_FILE, member_file
from cocreate.text import quoted

__all__ = ["ERROR", "SCALE", "WARNING", "Finding", "errors", "raise_first_error"]

ERROR = "error"
WARNING = "warning"
#: The rating scale for effect and effort.
SCALE = range(1, 6)


@dataclass(frozen=True, slots=True)
class Finding:
    """One finding of a check: how bad, where (file and field), and what."""

    severity: str
    file: str
    field: str
    message: str
    code: str = ""
    """A stable name for the kind of finding, such as ``solution-first``."""
    subject: str = ""
    """The id of the item the finding is about, where there is one."""
    values: tuple[tuple[str, object], ...] = ()
    """Other values of the message, by name, for saying it in another language."""

    def format(self, folder: str | Path | None = None) -> str:
        path = str(Path(folder) / self.file) if folder is not None else self.file
        parts = [path]
        if self.field:
            parts.append(self.field)
        parts.append(self.message)
        return ": ".join(parts)


def _error(file: str, where: str, message: str, code: str = "", subject: str = "") -> Finding:
    return Finding(ERROR, file, where, message, code, subject)


def num(value: float) -> str:
    """A number as a message shows it: ``-5`` rather than ``-5.0``."""
    return f"{value:g}" if isinstance(value, float) else str(value)


def errors(workshop: Workshop) -> list[Finding]:
    """Everything that makes the workshop inconsistent, in file order."""
    looping = _causes_in_loops(workshop.causes)
    return [
        *_facilitator_ids(workshop),
        *_settings(workshop),
        *_process(workshop),
        *_member_files(workshop, looping),
        *_pilot(workshop),
        *_verification(workshop),
        *_variants(workshop),
    ]


def _variants(workshop: Workshop) -> list[Finding]:
    from cocreate.variants.check import errors  # the maps, alignments and standards

    return errors(workshop)


def _verification(workshop: Workshop) -> list[Finding]:
    from cocreate.verify import checks  # tasks, measurements, criteria, the decision

    return checks.errors(workshop)


def raise_first_error(workshop: Workshop, folder: str | Path | None = None) -> None:
    """Raise WorkshopError for the first error, if there is one."""
    found = errors(workshop)
    if found:
        first = found[0]
        path = Path(folder) / first.file if folder is not None else first.file
        raise WorkshopError(path, first.message, field=first.field or None)


# --------------------------------------------------------------------------- workshop.toml


def _ids(items: Iterable, name: str, kind: str) -> Iterator[Finding]:
    seen: set[str] = set()
    for i, item in enumerate(items):
        if not ID_PATTERN.match(item.id):
            yield _error(
                WORKSHOP_FILE,
                f"{name}[{i}].id",
                f"{item.id!r} is not a valid id (letters, digits, '.', '-', '_'; at most 64)",
                "bad-id",
                item.id,
            )
        if item.id in seen:
            yield _error(
                WORKSHOP_FILE,
                f"{name}[{i}].id",
                f"duplicate {kind} id {item.id!r}",
                "duplicate-id",
                item.id,
            )
        seen.add(item.id)


def _facilitator_ids(workshop: Workshop) -> Iterator[Finding]:
    yield from _ids(workshop.members, "members", "member")
    yield from _ids(workshop.lanes, "lanes", "lane")
    yield from _ids(workshop.steps, "steps", "step")
    yield from _ids(workshop.pilot.kpis, "pilot.kpis", "KPI")


def _settings(workshop: Workshop) -> Iterator[Finding]:
    wf = WORKSHOP_FILE
    settings = workshop.settings
    if settings.annual_hours_per_person <= 0:
        yield _error(wf, "settings.annual_hours_per_person", "must be more than 0")
    if settings.hourly_cost < 0:
        yield _error(wf, "settings.hourly_cost", "must not be negative")
    if settings.annual_cases is not None and settings.annual_cases < 0:
        yield _error(wf, "settings.annual_cases", "must not be negative")
    if not 1 <= settings.quadrant_split <= 5:
        yield _error(wf, "settings.quadrant_split", "must be within the rating scale 1-5")
    if settings.disagreement_iqr <= 0:
        yield _error(wf, "settings.disagreement_iqr", "must be more than 0")
    if settings.language not in ("", "ja", "en"):
        yield _error(
            wf, "settings.language", f"unknown language {settings.language!r}; expected ja or en"
        )
    voting = workshop.voting
    if voting.dots_per_member < 0:
        yield _error(wf, "voting.dots_per_member", "must not be negative")
    if voting.cap_per_idea < 1:
        yield _error(wf, "voting.cap_per_idea", "must be at least 1")
    members = {m.id for m in workshop.members}
    if workshop.meta.facilitator and workshop.meta.facilitator not in members:
        yield _error(wf, "meta.facilitator", f"unknown member {workshop.meta.facilitator!r}")
    if not workshop.meta.title.strip():
        yield _error(wf, "meta.title", "must not be empty")


def _process(workshop: Workshop) -> Iterator[Finding]:
    wf = WORKSHOP_FILE
    lanes = {lane.id for lane in workshop.lanes}
    steps = {s.id for s in workshop.steps}
    for i, step in enumerate(workshop.steps):
        where = f"steps[{i}]"
        if step.lane not in lanes:
            yield _error(wf, f"{where}.lane", f"unknown lane {step.lane!r}", "unknown-ref", step.id)
        for name in ("minutes", "wait_minutes"):
            value = getattr(step, name)
            if value < 0:
                message = f"must not be negative ({num(value)})"
                yield _error(wf, f"{where}.{name}", message, "range", step.id)
        if step.volume is not None and step.volume < 0:
            message = f"must not be negative ({step.volume})"
            yield _error(wf, f"{where}.volume", message, "range", step.id)

    pairs: set[tuple[str, str]] = set()
    for i, flow in enumerate(workshop.flows):
        where = f"flows[{i}]"
        for end in ("source", "target"):
            ref = getattr(flow, end)
            if ref not in steps:
                yield _error(wf, f"{where}.{end}", f"unknown step {ref!r}", "unknown-ref", ref)
        if (flow.source, flow.target) in pairs:
            message = f"duplicate flow {flow.source} -> {flow.target}"
            yield _error(wf, where, message, "duplicate-flow")
        pairs.add((flow.source, flow.target))
        if flow.share is not None and not 0 <= flow.share <= 1:
            message = f"must be between 0 and 1 ({num(flow.share)})"
            yield _error(wf, f"{where}.share", message, "range")

    for i, decision in enumerate(workshop.decisions):
        if not decision.text.strip():
            yield _error(wf, f"decisions[{i}].text", "must not be empty")


def _pilot(workshop: Workshop) -> Iterator[Finding]:
    wf = WORKSHOP_FILE
    pilot = workshop.pilot
    members = {m.id for m in workshop.members}
    steps = {s.id for s in workshop.steps}
    ideas = {i.id for i in workshop.ideas}
    for i, ref in enumerate(pilot.ideas):
        if ref not in ideas:
            yield _error(wf, f"pilot.ideas[{i}]", f"unknown idea {ref!r}", "unknown-ref", ref)
    for i, ref in enumerate(pilot.scope_steps):
        if ref not in steps:
            yield _error(wf, f"pilot.scope_steps[{i}]", f"unknown step {ref!r}", "unknown-ref", ref)
    if pilot.owner and pilot.owner not in members:
        message = f"{pilot.owner!r} is not a member"
        yield _error(wf, "pilot.owner", message, "unknown-ref", pilot.owner)
    for i, person in enumerate(pilot.team):
        if person.member not in members:
            message = f"{person.member!r} is not a member"
            yield _error(wf, f"pilot.team[{i}].member", message, "unknown-ref", person.member)
    for i, kpi in enumerate(pilot.kpis):
        for j, ref in enumerate(kpi.ideas):
            if ref not in ideas:
                where = f"pilot.kpis[{i}].ideas[{j}]"
                yield _error(wf, where, f"unknown idea {ref!r}", "unknown-ref", ref)
    if pilot.weeks is not None and pilot.weeks < 1:
        yield _error(wf, "pilot.weeks", "must be at least 1")
    if any(kpi.metric for kpi in pilot.kpis):
        # The names of the process metrics are a closed vocabulary, like an enum, kept
        # apart from the metrics: a load does not wait for their modules.
        from cocreate.process.metric_names import METRICS

        for i, kpi in enumerate(pilot.kpis):
            if kpi.metric and kpi.metric not in METRICS:
                yield _error(
                    wf,
                    f"pilot.kpis[{i}].metric",
                    f"unknown process metric {kpi.metric!r}; expected one of {', '.join(METRICS)}",
                    "unknown-metric",
                    kpi.id,
                )


# --------------------------------------------------------------------------- members' files


@dataclass(frozen=True, slots=True)
class _Known:
    """The ids a member's file may refer to, gathered once for every file."""

    members: set[str]
    steps: set[str]
    problems: set[str]
    causes: dict[str, Cause]
    ideas: set[str]
    looping: set[str]


def _member_files(workshop: Workshop, looping: set[str]) -> Iterator[Finding]:
    known = _Known(
        members={m.id for m in workshop.members},
        steps={s.id for s in workshop.steps},
        problems={p.id for p in workshop.problems},
        causes={c.id: c for c in workshop.causes},
        ideas={i.id for i in workshop.ideas},
        looping=looping,
    )
    seen_ids: set[str] = set()
    for contribution in workshop.contributions:
        mf = member_file(contribution.member)
        if contribution.member not in known.members:
            yield _error(
                mf,
                "member",
                f"{contribution.member!r} is not a member of this workshop;"
                " add them to workshop.toml",
                "unknown-member",
                contribution.member,
            )
        yield from _item_ids(contribution, known, seen_ids)
        yield from _items(contribution, known)
        yield from _ballot(contribution, known, workshop)


def _item_ids(
    contribution: MemberContributions, known: _Known, seen_ids: set[str]
) -> Iterator[Finding]:
    """Ids carry the member's prefix and are unique; items are the file's member's own."""
    mf = member_file(contribution.member)
    prefix = f"{contribution.member}."
    kinds: tuple[tuple[str, tuple[Problem | Cause | Idea, ...]], ...] = (
        ("problems", contribution.problems),
        ("causes", contribution.causes),
        ("ideas", contribution.ideas),
    )
    for name, items in kinds:
        for i, item in enumerate(items):
            where = f"{name}[{i}]"
            if not ID_PATTERN.match(item.id):
                yield _error(mf, f"{where}.id", f"{item.id!r} is not a valid id", "bad-id", item.id)
            elif not item.id.startswith(prefix):
                yield _error(
                    mf,
                    f"{where}.id",
                    f"{item.id!r} must start with {prefix!r} (ids in a"
                    " member's file carry the member id, so they never collide)",
                    "bad-id",
                    item.id,
                )
            if item.id in seen_ids:
                message = f"duplicate id {item.id!r}"
                yield _error(mf, f"{where}.id", message, "duplicate-id", item.id)
            seen_ids.add(item.id)
            if item.author != contribution.member:
                # A member's file holds only that member's items: anything else would
                # let one member put words in another's mouth.
                yield _error(
                    mf,
                    f"{where}.author",
                    f"must be {contribution.member!r}, the member whose file this is,"
                    f" not {item.author!r}",
                    "forged-author",
                    item.id,
                )


def _items(contribution: MemberContributions, known: _Known) -> Iterator[Finding]:
    mf = member_file(contribution.member)
    for i, problem in enumerate(contribution.problems):
        if not problem.text.strip():
            yield _error(mf, f"problems[{i}].text", "must not be empty", "empty", problem.id)
        for j, ref in enumerate(problem.steps):
            if ref not in known.steps and not problem.variants:  # else: the variants' check
                where = f"problems[{i}].steps[{j}]"
                yield _error(mf, where, f"unknown step {ref!r}", "unknown-ref", problem.id)
    for i, cause in enumerate(contribution.causes):
        yield from _cause(mf, f"causes[{i}]", cause, known)
    for i, idea in enumerate(contribution.ideas):
        where = f"ideas[{i}]"
        if not idea.title.strip():
            yield _error(mf, f"{where}.title", "must not be empty", "empty", idea.id)
        for j, ref in enumerate(idea.causes):
            if ref not in known.causes:
                message = f"unknown cause {ref!r}"
                yield _error(mf, f"{where}.causes[{j}]", message, "unknown-ref", idea.id)
        for j, ref in enumerate(idea.steps):
            if ref not in known.steps and not idea.variants:  # else: the variants' check
                message = f"unknown step {ref!r}"
                yield _error(mf, f"{where}.steps[{j}]", message, "unknown-ref", idea.id)
        if not 0 <= idea.reduction <= 1:
            message = f"must be a fraction between 0 and 1 ({num(idea.reduction)})"
            yield _error(mf, f"{where}.reduction", message, "range", idea.id)
        for name in ("effort_days", "cost"):
            value = getattr(idea, name)
            if value is not None and value < 0:
                message = f"must not be negative ({num(value)})"
                yield _error(mf, f"{where}.{name}", message, "range", idea.id)


def _cause(mf: str, where: str, cause: Cause, known: _Known) -> Iterator[Finding]:
    if not cause.text.strip():
        yield _error(mf, f"{where}.text", "must not be empty", "empty", cause.id)
    if cause.problem not in known.problems:
        message = f"unknown problem {cause.problem!r}"
        yield _error(mf, f"{where}.problem", message, "unknown-ref", cause.id)
    if cause.parent is None:
        return
    parent = known.causes.get(cause.parent)
    if parent is None:
        message = f"unknown cause {cause.parent!r}"
        yield _error(mf, f"{where}.parent", message, "unknown-ref", cause.id)
    elif parent.problem != cause.problem:
        yield _error(
            mf,
            f"{where}.parent",
            f"cause {cause.parent!r} belongs to problem {parent.problem!r}, not {cause.problem!r}",
            "unknown-ref",
            cause.id,
        )
    elif cause.id in known.looping:
        yield _error(mf, f"{where}.parent", "why-chain loops back on itself", "cycle", cause.id)


def _ballot(
    contribution: MemberContributions, known: _Known, workshop: Workshop
) -> Iterator[Finding]:
    mf = member_file(contribution.member)
    for rating in contribution.ratings:
        where = f"ratings.{quoted(rating.idea)}"
        if rating.idea not in known.ideas:
            yield _error(mf, where, f"unknown idea {rating.idea!r}", "unknown-ref", rating.idea)
        for name in ("effect", "effort"):
            value = getattr(rating, name)
            if value not in SCALE:
                message = f"must be 1 to 5, not {value}"
                yield _error(mf, f"{where}.{name}", message, "range", rating.idea)
    voting = workshop.voting
    total = 0
    for dot in contribution.dots:
        where = f"dots.{quoted(dot.idea)}"
        if dot.idea not in known.ideas:
            yield _error(mf, where, f"unknown idea {dot.idea!r}", "unknown-ref", dot.idea)
        if dot.count < 0:
            yield _error(mf, where, f"must not be negative ({dot.count})", "range", dot.idea)
        elif dot.count > voting.cap_per_idea:
            yield _error(
                mf,
                where,
                f"{dot.count} dots on one idea, over the cap of {voting.cap_per_idea}",
                "over-cap",
                dot.idea,
            )
        total += max(dot.count, 0)
    if total > voting.dots_per_member:
        yield _error(
            mf,
            "dots",
            f"{total} dots spent, over the budget of {voting.dots_per_member}",
            "over-budget",
            contribution.member,
        )


def _causes_in_loops(causes: Iterable[Cause]) -> set[str]:
    """The causes whose why-chain runs into a loop, found in one pass over every link.

    Parent links form a functional graph (each cause has at most one parent), so each
    cause is walked at most once: a walk stops at a cause already settled and takes its
    verdict, and a walk that meets itself has found a loop. Every cause on the walk
    then leads into that loop.
    """
    parent = {c.id: c.parent for c in causes}
    on_walk, fine, loops = 1, 2, 3
    state: dict[str, int] = {}
    looping: set[str] = set()
    for start in parent:
        path: list[str] = []
        current: str | None = start
        while current is not None and current in parent and current not in state:
            state[current] = on_walk
            path.append(current)
            current = parent[current]
        verdict = state.get(current, fine) if current is not None else fine
        verdict = loops if verdict in (on_walk, loops) else fine
        for cause_id in path:
            state[cause_id] = verdict
        if verdict == loops:
            looping.update(path)
    return looping
