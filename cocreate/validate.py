"""Checks a whole workshop: errors that make it unusable and warnings a facilitator should see.

Each finding names the file and the field path inside it, so a message reads
``members/sato.toml: ideas[1].causes[0]: unknown cause 'sato.c9'``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from cocreate.errors import WorkshopError
from cocreate.model import ID_PATTERN, Role, StepKind, Workshop
from cocreate.storage import WORKSHOP_FILE

__all__ = [
    "ERROR",
    "WARNING",
    "Finding",
    "dead_ends",
    "errors",
    "findings",
    "raise_first_error",
    "unreachable_steps",
    "warnings",
]

ERROR = "error"
WARNING = "warning"
SCALE = range(1, 6)


@dataclass(frozen=True, slots=True)
class Finding:
    severity: str
    file: str
    field: str
    message: str
    code: str = ""
    """A stable name for the kind of finding, such as ``solution-first``."""
    subject: str = ""
    """The id of the item the finding is about, where there is one."""

    def format(self, folder: str | Path | None = None) -> str:
        path = str(Path(folder) / self.file) if folder is not None else self.file
        parts = [path]
        if self.field:
            parts.append(self.field)
        parts.append(self.message)
        return ": ".join(parts)


def _member_file(member_id: str) -> str:
    return f"members/{member_id}.toml"


def errors(workshop: Workshop) -> list[Finding]:
    """Everything that makes the workshop inconsistent, in file order."""
    out: list[Finding] = []

    def err(file: str, where: str, message: str, code: str = "", subject: str = "") -> None:
        out.append(Finding(ERROR, file, where, message, code, subject))

    wf = WORKSHOP_FILE

    # -- ids: well-formed and unique
    def ids(items: Iterable, name: str, file: str, kind: str) -> None:
        seen: set[str] = set()
        for i, item in enumerate(items):
            if not ID_PATTERN.match(item.id):
                err(
                    file,
                    f"{name}[{i}].id",
                    f"{item.id!r} is not a valid id (letters, digits, '.', '-', '_'; at most 64)",
                    "bad-id",
                    item.id,
                )
            if item.id in seen:
                err(
                    file,
                    f"{name}[{i}].id",
                    f"duplicate {kind} id {item.id!r}",
                    "duplicate-id",
                    item.id,
                )
            seen.add(item.id)

    ids(workshop.members, "members", wf, "member")
    ids(workshop.lanes, "lanes", wf, "lane")
    ids(workshop.steps, "steps", wf, "step")
    ids(workshop.pilot.kpis, "pilot.kpis", wf, "KPI")

    members = {m.id for m in workshop.members}
    lanes = {lane.id for lane in workshop.lanes}
    steps = {s.id for s in workshop.steps}

    settings = workshop.settings
    if settings.annual_hours_per_person <= 0:
        err(wf, "settings.annual_hours_per_person", "must be more than 0")
    if settings.hourly_cost < 0:
        err(wf, "settings.hourly_cost", "must not be negative")
    if settings.annual_cases is not None and settings.annual_cases < 0:
        err(wf, "settings.annual_cases", "must not be negative")
    if not 1 <= settings.quadrant_split <= 5:
        err(wf, "settings.quadrant_split", "must be within the rating scale 1-5")
    if settings.disagreement_iqr <= 0:
        err(wf, "settings.disagreement_iqr", "must be more than 0")
    if settings.language not in ("", "ja", "en"):
        err(wf, "settings.language", f"unknown language {settings.language!r}; expected ja or en")
    voting = workshop.voting
    if voting.dots_per_member < 0:
        err(wf, "voting.dots_per_member", "must not be negative")
    if voting.cap_per_idea < 1:
        err(wf, "voting.cap_per_idea", "must be at least 1")
    if workshop.meta.facilitator and workshop.meta.facilitator not in members:
        err(wf, "meta.facilitator", f"unknown member {workshop.meta.facilitator!r}")
    if not workshop.meta.title.strip():
        err(wf, "meta.title", "must not be empty")

    for i, step in enumerate(workshop.steps):
        where = f"steps[{i}]"
        if step.lane not in lanes:
            err(wf, f"{where}.lane", f"unknown lane {step.lane!r}", "unknown-ref", step.id)
        for name in ("minutes", "wait_minutes"):
            value = getattr(step, name)
            if value < 0:
                err(
                    wf, f"{where}.{name}", f"must not be negative ({_num(value)})", "range", step.id
                )
        if step.volume is not None and step.volume < 0:
            err(wf, f"{where}.volume", f"must not be negative ({step.volume})", "range", step.id)

    pairs: set[tuple[str, str]] = set()
    for i, flow in enumerate(workshop.flows):
        where = f"flows[{i}]"
        for end in ("source", "target"):
            ref = getattr(flow, end)
            if ref not in steps:
                err(wf, f"{where}.{end}", f"unknown step {ref!r}", "unknown-ref", ref)
        if (flow.source, flow.target) in pairs:
            err(wf, where, f"duplicate flow {flow.source} -> {flow.target}", "duplicate-flow")
        pairs.add((flow.source, flow.target))
        if flow.share is not None and not 0 <= flow.share <= 1:
            err(wf, f"{where}.share", f"must be between 0 and 1 ({_num(flow.share)})", "range")

    for i, decision in enumerate(workshop.decisions):
        if not decision.text.strip():
            err(wf, f"decisions[{i}].text", "must not be empty")

    # -- member files: each belongs to a member, ids carry the member's prefix
    all_problems = {p.id for p in workshop.problems}
    all_causes = {c.id: c for c in workshop.causes}
    all_ideas = {i.id for i in workshop.ideas}
    seen_ids: dict[str, str] = {}
    for contribution in workshop.contributions:
        mf = _member_file(contribution.member)
        if contribution.member not in members:
            err(
                mf,
                "member",
                f"{contribution.member!r} is not a member of this workshop;"
                " add them to workshop.toml",
                "unknown-member",
                contribution.member,
            )
        prefix = f"{contribution.member}."
        for name, items in (
            ("problems", contribution.problems),
            ("causes", contribution.causes),
            ("ideas", contribution.ideas),
        ):
            for i, item in enumerate(items):
                where = f"{name}[{i}]"
                if not ID_PATTERN.match(item.id):
                    err(mf, f"{where}.id", f"{item.id!r} is not a valid id", "bad-id", item.id)
                elif not item.id.startswith(prefix):
                    err(
                        mf,
                        f"{where}.id",
                        f"{item.id!r} must start with {prefix!r} (ids in a"
                        " member's file carry the member id, so they never collide)",
                        "bad-id",
                        item.id,
                    )
                if item.id in seen_ids:
                    err(mf, f"{where}.id", f"duplicate id {item.id!r}", "duplicate-id", item.id)
                seen_ids[item.id] = mf
                if item.author not in members:
                    err(
                        mf,
                        f"{where}.author",
                        f"unknown member {item.author!r}",
                        "unknown-ref",
                        item.id,
                    )

        for i, problem in enumerate(contribution.problems):
            if not problem.text.strip():
                err(mf, f"problems[{i}].text", "must not be empty", "empty", problem.id)
            for j, ref in enumerate(problem.steps):
                if ref not in steps:
                    err(
                        mf,
                        f"problems[{i}].steps[{j}]",
                        f"unknown step {ref!r}",
                        "unknown-ref",
                        problem.id,
                    )
        for i, cause in enumerate(contribution.causes):
            where = f"causes[{i}]"
            if not cause.text.strip():
                err(mf, f"{where}.text", "must not be empty", "empty", cause.id)
            if cause.problem not in all_problems:
                err(
                    mf,
                    f"{where}.problem",
                    f"unknown problem {cause.problem!r}",
                    "unknown-ref",
                    cause.id,
                )
            if cause.parent is not None:
                parent = all_causes.get(cause.parent)
                if parent is None:
                    err(
                        mf,
                        f"{where}.parent",
                        f"unknown cause {cause.parent!r}",
                        "unknown-ref",
                        cause.id,
                    )
                elif parent.problem != cause.problem:
                    err(
                        mf,
                        f"{where}.parent",
                        f"cause {cause.parent!r} belongs to problem"
                        f" {parent.problem!r}, not {cause.problem!r}",
                        "unknown-ref",
                        cause.id,
                    )
                elif _in_cycle(cause.id, all_causes):
                    err(mf, f"{where}.parent", "why-chain loops back on itself", "cycle", cause.id)
        for i, idea in enumerate(contribution.ideas):
            where = f"ideas[{i}]"
            if not idea.title.strip():
                err(mf, f"{where}.title", "must not be empty", "empty", idea.id)
            for j, ref in enumerate(idea.causes):
                if ref not in all_causes:
                    err(
                        mf, f"{where}.causes[{j}]", f"unknown cause {ref!r}", "unknown-ref", idea.id
                    )
            for j, ref in enumerate(idea.steps):
                if ref not in steps:
                    err(mf, f"{where}.steps[{j}]", f"unknown step {ref!r}", "unknown-ref", idea.id)
            if not 0 <= idea.reduction <= 1:
                err(
                    mf,
                    f"{where}.reduction",
                    f"must be a fraction between 0 and 1 ({_num(idea.reduction)})",
                    "range",
                    idea.id,
                )
            for name in ("effort_days", "cost"):
                value = getattr(idea, name)
                if value is not None and value < 0:
                    err(
                        mf,
                        f"{where}.{name}",
                        f"must not be negative ({_num(value)})",
                        "range",
                        idea.id,
                    )

        for rating in contribution.ratings:
            where = f'ratings."{rating.idea}"'
            if rating.idea not in all_ideas:
                err(mf, where, f"unknown idea {rating.idea!r}", "unknown-ref", rating.idea)
            for name in ("effect", "effort"):
                value = getattr(rating, name)
                if value not in SCALE:
                    err(mf, f"{where}.{name}", f"must be 1 to 5, not {value}", "range", rating.idea)
        total = 0
        for dot in contribution.dots:
            where = f'dots."{dot.idea}"'
            if dot.idea not in all_ideas:
                err(mf, where, f"unknown idea {dot.idea!r}", "unknown-ref", dot.idea)
            if dot.count < 0:
                err(mf, where, f"must not be negative ({dot.count})", "range", dot.idea)
            elif dot.count > voting.cap_per_idea:
                err(
                    mf,
                    where,
                    f"{dot.count} dots on one idea, over the cap of {voting.cap_per_idea}",
                    "over-cap",
                    dot.idea,
                )
            total += max(dot.count, 0)
        if total > voting.dots_per_member:
            err(
                mf,
                "dots",
                f"{total} dots spent, over the budget of {voting.dots_per_member}",
                "over-budget",
                contribution.member,
            )

    # -- the pilot plan
    pilot = workshop.pilot
    for i, ref in enumerate(pilot.ideas):
        if ref not in all_ideas:
            err(wf, f"pilot.ideas[{i}]", f"unknown idea {ref!r}", "unknown-ref", ref)
    for i, ref in enumerate(pilot.scope_steps):
        if ref not in steps:
            err(wf, f"pilot.scope_steps[{i}]", f"unknown step {ref!r}", "unknown-ref", ref)
    if pilot.owner and pilot.owner not in members:
        err(wf, "pilot.owner", f"{pilot.owner!r} is not a member", "unknown-ref", pilot.owner)
    for i, person in enumerate(pilot.team):
        if person.member not in members:
            err(
                wf,
                f"pilot.team[{i}].member",
                f"{person.member!r} is not a member",
                "unknown-ref",
                person.member,
            )
    if pilot.weeks is not None and pilot.weeks < 1:
        err(wf, "pilot.weeks", "must be at least 1")
    if any(kpi.metric for kpi in pilot.kpis):
        from cocreate.process.metrics import METRICS

        for i, kpi in enumerate(pilot.kpis):
            if kpi.metric and kpi.metric not in METRICS:
                err(
                    wf,
                    f"pilot.kpis[{i}].metric",
                    f"unknown process metric {kpi.metric!r}; expected one of {', '.join(METRICS)}",
                    "unknown-metric",
                    kpi.id,
                )
    return out


def _in_cycle(cause_id: str, causes: dict) -> bool:
    seen: set[str] = set()
    current = causes.get(cause_id)
    while current is not None and current.parent is not None:
        if current.id in seen:
            return True
        seen.add(current.id)
        current = causes.get(current.parent)
    return current is not None and current.id in seen


def _num(value: float) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def unreachable_steps(workshop: Workshop) -> list[str]:
    """Steps no path from a start step reaches (all steps, if there is no start)."""
    starts = [s.id for s in workshop.steps if s.kind == StepKind.START]
    following: dict[str, list[str]] = {}
    for flow in workshop.flows:
        following.setdefault(flow.source, []).append(flow.target)
    reached: set[str] = set()
    todo = list(starts)
    while todo:
        current = todo.pop()
        if current in reached:
            continue
        reached.add(current)
        todo.extend(following.get(current, ()))
    return [s.id for s in workshop.steps if s.id not in reached]


def dead_ends(workshop: Workshop) -> list[str]:
    """Steps that are not end steps yet have no way out."""
    sources = {flow.source for flow in workshop.flows}
    return [s.id for s in workshop.steps if s.kind != StepKind.END and s.id not in sources]


def warnings(workshop: Workshop) -> list[Finding]:
    """What a facilitator should look at; none of it stops the workshop from working."""
    out: list[Finding] = []
    wf = WORKSHOP_FILE

    def warn(file: str, where: str, message: str, code: str, subject: str = "") -> None:
        out.append(Finding(WARNING, file, where, message, code, subject))

    index = {s.id: i for i, s in enumerate(workshop.steps)}
    if workshop.steps and not any(s.kind == StepKind.START for s in workshop.steps):
        warn(
            wf, "steps", 'no start step: mark where the process begins (kind = "start")', "no-start"
        )
    else:
        for step_id in unreachable_steps(workshop):
            warn(
                wf,
                f"steps[{index[step_id]}]",
                f"step {step_id!r} cannot be reached from the start",
                "unreachable",
                step_id,
            )
    for step_id in dead_ends(workshop):
        warn(
            wf,
            f"steps[{index[step_id]}]",
            f"step {step_id!r} is a dead end: no flow leaves it and it is not an end step",
            "dead-end",
            step_id,
        )
    from cocreate.process.graph import trapped_steps  # light: no networkx at import

    for step_id in trapped_steps(workshop):
        warn(
            wf,
            f"steps[{index[step_id]}]",
            f"step {step_id!r} is in a loop no case can leave: no way from it leads to an end step",
            "no-exit",
            step_id,
        )

    shares: dict[str, list[float]] = {}
    for flow in workshop.flows:
        if flow.share is not None:
            shares.setdefault(flow.source, []).append(flow.share)
    from cocreate.process.visits import ONE_WAY  # shares are chances of one way out

    for step in workshop.steps:
        if step.id in shares and step.split in ONE_WAY:
            total = sum(shares[step.id])
            outgoing = sum(1 for f in workshop.flows if f.source == step.id)
            if len(shares[step.id]) == outgoing and not math.isclose(total, 1, abs_tol=1e-6):
                warn(
                    wf,
                    f"steps[{index[step.id]}]",
                    f"branch shares out of {step.id!r} add up to {total:g}, not 1",
                    "shares",
                    step.id,
                )

    caused = {c.problem for c in workshop.causes}
    rated = {r.idea for r in workshop.ratings}
    for contribution in workshop.contributions:
        mf = _member_file(contribution.member)
        for i, problem in enumerate(contribution.problems):
            if problem.id not in caused:
                warn(
                    mf,
                    f"problems[{i}]",
                    f"problem {problem.id!r} has no cause yet: ask why",
                    "no-cause",
                    problem.id,
                )
        for i, idea in enumerate(contribution.ideas):
            if not idea.causes:
                warn(
                    mf,
                    f"ideas[{i}]",
                    f"idea {idea.id!r} is solution-first: it addresses no cause",
                    "solution-first",
                    idea.id,
                )
            if idea.id not in rated:
                warn(
                    mf,
                    f"ideas[{i}]",
                    f"idea {idea.id!r} has not been rated by anyone",
                    "unrated",
                    idea.id,
                )
    for member_id in members_not_voted(workshop):
        warn(
            _member_file(member_id),
            "",
            f"member {member_id!r} has not voted yet",
            "not-voted",
            member_id,
        )

    pilot = workshop.pilot
    from_map = _kpi_baselines_from_map(workshop)
    for i, kpi in enumerate(pilot.kpis):
        baseline = kpi.baseline if kpi.baseline is not None else from_map.get(kpi.id)
        if baseline is None or kpi.target is None:
            continue
        worse = kpi.target > baseline if kpi.lower_is_better else kpi.target < baseline
        if worse:
            source = "" if kpi.baseline is not None else f" (from the process map: {kpi.metric})"
            warn(
                wf,
                f"pilot.kpis[{i}].target",
                f"target {_num(kpi.target)} is worse than the baseline {_num(baseline)}{source}",
                "kpi-worse",
                kpi.id,
            )
    return out


def _kpi_baselines_from_map(workshop: Workshop) -> dict[str, float]:
    """KPI id -> the as-is metric its baseline comes from; computed only when a KPI needs it."""
    needed = [
        kpi
        for kpi in workshop.pilot.kpis
        if kpi.baseline is None and kpi.target is not None and kpi.metric
    ]
    if not needed:
        return {}
    from cocreate.errors import CocreateError
    from cocreate.process.metrics import METRICS, analyse, metric_value

    try:
        metrics = analyse(workshop)
    except CocreateError:  # a process that cannot be analysed has its own finding
        return {}
    return {k.id: metric_value(metrics, k.metric) for k in needed if k.metric in METRICS}


def members_not_voted(workshop: Workshop) -> list[str]:
    """Volunteers who have neither rated an idea nor spent a dot.

    Facilitators and managers may abstain, so they are never listed.
    """
    voted = {r.member for r in workshop.ratings} | {d.member for d in workshop.dots if d.count}
    return [m.id for m in workshop.members if m.role == Role.VOLUNTEER and m.id not in voted]


def findings(workshop: Workshop) -> list[Finding]:
    return [*errors(workshop), *warnings(workshop)]


def raise_first_error(workshop: Workshop, folder: str | Path | None = None) -> None:
    """Raise WorkshopError for the first error, if there is one."""
    found = errors(workshop)
    if found:
        first = found[0]
        path = Path(folder) / first.file if folder is not None else first.file
        raise WorkshopError(path, first.message, field=first.field or None)
