"""Edits of the small-start pilot plan: its fields, ideas, KPIs, team, milestones, risks, rules.

Every function is pure: it takes the :class:`~cocreate.model.Workshop` first and returns
the next one (and, for an added KPI, the KPI); nothing is saved here. Unknown references
and bad values raise :class:`~cocreate.errors.InputError` with a one-line message. Keyword
arguments default to :data:`~cocreate.process.edit.KEEP`: that field stays as it is.

Text typed by a person (a start date, a number of weeks in full-width digits) is read by
:func:`parse_start` and :func:`parse_weeks`, so every front end reads it the same way.

>>> import datetime as dt
>>> from cocreate.model import Meta, Workshop
>>> ws = edit_pilot(Workshop(meta=Meta(title="t")), title="試行", weeks=parse_weeks("６"))
>>> ws.pilot.title, ws.pilot.weeks
('試行', 6)
>>> ws, kpi = add_kpi(ws, name="処理時間", metric="annual_hours", target=900)
>>> edit_kpi(ws, kpi.id, unit="h").pilot.kpis[0].unit
'h'
"""

from __future__ import annotations

import datetime as dt
import math
import unicodedata
from collections.abc import Iterable

from cocreate.dates import read_date
from cocreate.errors import InputError, RuleError
from cocreate.model import Communication, Kpi, Milestone, Risk, TeamMember, Workshop, new_id
from cocreate.process.edit import KEEP, Keep

__all__ = [
    "add_kpi",
    "choose_ideas",
    "choose_scope_steps",
    "edit_communication",
    "edit_kpi",
    "edit_pilot",
    "parse_start",
    "parse_weeks",
    "remove_kpi",
    "set_criterion",
    "set_milestone",
    "set_risk",
    "set_team_member",
]


def parse_start(text: str) -> dt.date | None:
    """A start date as typed (``2027-01-12``, ``2027/1/12``, full-width, 令和9年1月12日).

    None when empty; see :func:`cocreate.dates.read_date`.
    """
    try:
        return read_date(text)
    except ValueError:
        raise InputError(None, f"start must be a date like 2027-01-12, not {text.strip()!r}").about(
            "start", "ui.refusal.not_a_date"
        ) from None


def parse_weeks(text: str) -> int | None:
    """A number of weeks as typed (full-width digits too); None when empty."""
    typed = unicodedata.normalize("NFKC", text or "").strip()
    if not typed:
        return None
    if not typed.isdigit():
        raise InputError(None, f"weeks must be a whole number, not {typed!r}").about(
            "weeks", "error.pilot.weeks_whole", value=typed
        )
    return int(typed)


def _number(value: float | None, argument: str) -> float | None:
    """A KPI's ``baseline`` or ``target`` (the ``argument``), a finite number or None."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise InputError(None, f"a {argument} must be a number, not {value!r}").about(
            argument, f"error.kpi.{argument}_not_a_number", value=value
        )
    return float(value)


def _metric(value: str) -> str:
    if not value:
        return ""
    from cocreate.process.metric_names import METRICS

    if value not in METRICS:
        choices = ", ".join(sorted(METRICS))
        raise InputError(None, f"unknown metric {value!r}; expected one of {choices}").about(
            "metric", "error.kpi.unknown_metric", value=value, choices=choices
        )
    return value


def edit_pilot(
    workshop: Workshop,
    *,
    title: str | Keep = KEEP,
    purpose: str | Keep = KEEP,
    scope_unit: str | Keep = KEEP,
    start: dt.date | Keep | None = KEEP,
    weeks: int | Keep | None = KEEP,
    owner: str | Keep = KEEP,
) -> Workshop:
    """Change the fields of the pilot plan that are given; the others stay.

    Texts are kept without the white space around them; ``owner`` is a member id (or
    empty for nobody yet); ``weeks`` is a whole number of weeks, at least 1.
    """
    pilot = workshop.pilot
    if title is not KEEP:
        pilot = pilot.edit(title=title.strip())
    if purpose is not KEEP:
        pilot = pilot.edit(purpose=purpose.strip())
    if scope_unit is not KEEP:
        pilot = pilot.edit(scope_unit=scope_unit.strip())
    if start is not KEEP:
        if start is not None and not isinstance(start, dt.date):
            raise InputError(None, f"start must be a date, not {start!r}").about(
                "start", "error.pilot.start_not_a_date", value=start
            )
        pilot = pilot.edit(start=start)
    if weeks is not KEEP:
        if weeks is not None and (isinstance(weeks, bool) or not isinstance(weeks, int)):
            raise InputError(None, f"weeks must be a whole number, not {weeks!r}").about(
                "weeks", "error.pilot.weeks_whole", value=weeks
            )
        if weeks is not None and weeks < 1:
            raise InputError(None, f"a pilot runs for at least a week, not {weeks}").about(
                "weeks", "error.pilot.weeks_too_few", weeks=weeks
            )
        pilot = pilot.edit(weeks=weeks)
    if owner is not KEEP:
        owner = owner.strip()
        if owner and workshop.member(owner) is None:
            raise InputError(None, f"unknown member {owner!r}").about(
                "owner", "error.pilot.unknown_member", member=owner
            )
        pilot = pilot.edit(owner=owner)
    return workshop.edit(pilot=pilot)


def _ideas(workshop: Workshop, ideas: Iterable[str]) -> tuple[str, ...]:
    chosen: list[str] = []
    for idea_id in ideas:
        if workshop.idea(idea_id) is None:
            raise InputError(None, f"unknown idea {idea_id!r}").about(
                "ideas", "ui.refusal.unknown_idea", id=idea_id
            )
        if idea_id not in chosen:
            chosen.append(idea_id)
    return tuple(chosen)


def choose_ideas(workshop: Workshop, ideas: Iterable[str]) -> Workshop:
    """The ideas the pilot tries, in the order given (each once)."""
    return workshop.edit(pilot=workshop.pilot.edit(ideas=_ideas(workshop, ideas)))


def choose_scope_steps(workshop: Workshop, steps: Iterable[str]) -> Workshop:
    """The steps of the map the pilot covers, in the map's order."""
    wanted = set(steps)
    known = {s.id for s in workshop.steps}
    unknown = sorted(wanted - known)
    if unknown:
        raise InputError(None, f"unknown step {unknown[0]!r}").about(
            "scope_steps", "error.step.unknown", step=unknown[0]
        )
    chosen = tuple(s.id for s in workshop.steps if s.id in wanted)
    return workshop.edit(pilot=workshop.pilot.edit(scope_steps=chosen))


def add_kpi(
    workshop: Workshop,
    *,
    name: str,
    metric: str = "",
    baseline: float | None = None,
    target: float | None = None,
    unit: str = "",
    measured_by: str = "",
    lower_is_better: bool = True,
    ideas: Iterable[str] = (),
) -> tuple[Workshop, Kpi]:
    """Add a KPI; with a ``metric`` and no ``baseline`` its baseline comes from the map.

    ``ideas`` are the ideas it measures (the report's traceability table lists the KPI
    against them only); none: it measures the pilot as a whole.
    """
    if not name.strip():
        raise InputError(None, "a KPI's name must not be empty").about("name", "ui.refusal.empty")
    kpi = Kpi(
        id=new_id("k", [k.id for k in workshop.pilot.kpis]),
        name=name.strip(),
        metric=_metric(metric),
        baseline=_number(baseline, "baseline"),
        target=_number(target, "target"),
        unit=unit.strip(),
        measured_by=measured_by.strip(),
        lower_is_better=bool(lower_is_better),
        ideas=_ideas(workshop, ideas),
    )
    pilot = workshop.pilot
    return workshop.edit(pilot=pilot.edit(kpis=(*pilot.kpis, kpi))), kpi


def edit_kpi(
    workshop: Workshop,
    kpi_id: str,
    *,
    name: str | Keep = KEEP,
    metric: str | Keep = KEEP,
    baseline: float | Keep | None = KEEP,
    target: float | Keep | None = KEEP,
    unit: str | Keep = KEEP,
    measured_by: str | Keep = KEEP,
    lower_is_better: bool | Keep = KEEP,
    ideas: Iterable[str] | Keep = KEEP,
) -> Workshop:
    """Change the fields of KPI ``kpi_id`` that are given; the others stay."""
    kpis = workshop.pilot.kpis
    kpi = next((k for k in kpis if k.id == kpi_id), None)
    if kpi is None:
        raise InputError(None, f"unknown KPI {kpi_id!r}").keyed("error.kpi.unknown", kpi=kpi_id)
    if name is not KEEP:
        if not name.strip():
            raise InputError(None, "a KPI's name must not be empty").about(
                "name", "ui.refusal.empty"
            )
        kpi = kpi.edit(name=name.strip())
    if metric is not KEEP:
        kpi = kpi.edit(metric=_metric(metric))
    if baseline is not KEEP:
        kpi = kpi.edit(baseline=_number(baseline, "baseline"))
    if target is not KEEP:
        kpi = kpi.edit(target=_number(target, "target"))
    if unit is not KEEP:
        kpi = kpi.edit(unit=unit.strip())
    if measured_by is not KEEP:
        kpi = kpi.edit(measured_by=measured_by.strip())
    if lower_is_better is not KEEP:
        kpi = kpi.edit(lower_is_better=bool(lower_is_better))
    if ideas is not KEEP:
        kpi = kpi.edit(ideas=_ideas(workshop, ideas))
    edited = tuple(kpi if k.id == kpi_id else k for k in kpis)
    return workshop.edit(pilot=workshop.pilot.edit(kpis=edited))


def remove_kpi(workshop: Workshop, kpi_id: str) -> Workshop:
    """Remove a KPI; refused while a measurement, a rollout criterion or an issue uses it."""
    pilot = workshop.pilot
    if not any(k.id == kpi_id for k in pilot.kpis):
        raise InputError(None, f"unknown KPI {kpi_id!r}").keyed("error.kpi.unknown", kpi=kpi_id)
    users = [m.id for m in pilot.measurements if m.kpi == kpi_id]
    users += [c.id for c in pilot.criteria if any(x.kpi == kpi_id for x in c.conditions)]
    users += [i.id for i in pilot.issues if kpi_id in i.kpis]
    if users:
        named = ", ".join(users[:3])
        raise RuleError(f"KPI {kpi_id} is used by {named}; remove those first").keyed(
            "error.remove.kpi_used", item=kpi_id, users=named
        )
    return workshop.edit(pilot=pilot.edit(kpis=tuple(k for k in pilot.kpis if k.id != kpi_id)))


def edit_communication(
    workshop: Workshop,
    *,
    channel: str | Keep = KEEP,
    shared: str | Keep = KEEP,
    audience: str | Keep = KEEP,
    meetings: str | Keep = KEEP,
) -> Workshop:
    """The communication rules: which channel, what is shared (5W1H), with whom, how often."""
    rules: Communication = workshop.pilot.communication
    given = {"channel": channel, "shared": shared, "audience": audience, "meetings": meetings}
    rules = rules.edit(**{k: v.strip() for k, v in given.items() if not isinstance(v, Keep)})
    return workshop.edit(pilot=workshop.pilot.edit(communication=rules))


def _replace(items: tuple, old: object | None, new: object | None, what: str) -> tuple:
    """``items`` with ``old`` replaced by ``new`` (added when old is None, removed when new is).

    Items without ids (a risk, a milestone) are found by what they say, not by their
    position: an edit merged over someone else's never changes the wrong one.
    """
    out = list(items)
    if old is None:
        if new is not None:
            out.append(new)
        return tuple(out)
    if old not in out:
        raise RuleError(f"that {what} was changed or removed since; look again").keyed(
            f"error.pilot.stale.{what.replace(' ', '_')}"
        )
    at = out.index(old)
    if new is None:
        del out[at]
    else:
        out[at] = new
    return tuple(out)


def _text(value: str, what: str, argument: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InputError(None, f"{what} must not be empty").about(argument, "ui.refusal.empty")
    return value.strip()


def set_team_member(
    workshop: Workshop, old: TeamMember | None, member: str | None, role: str = ""
) -> Workshop:
    """Add (``old`` None), change or remove (``member`` None) one person of the pilot team."""
    new = None
    if member is not None:
        if workshop.member(member) is None:
            raise InputError(None, f"unknown member {member!r}").about(
                "member", "error.pilot.unknown_member", member=member
            )
        if any(t.member == member and t != old for t in workshop.pilot.team):
            raise RuleError(f"{member} is already in the team").about(
                "member", "error.pilot.team_duplicate", member=member
            )
        new = TeamMember(member, role.strip())
    team = _replace(workshop.pilot.team, old, new, "team member")
    return workshop.edit(pilot=workshop.pilot.edit(team=team))


def set_milestone(
    workshop: Workshop, old: Milestone | None, date: dt.date | None = None, text: str = ""
) -> Workshop:
    """Add, change or remove (``date`` None) a milestone; milestones are kept in date order."""
    new = None
    if date is not None:
        if not isinstance(date, dt.date):
            raise InputError(None, f"a milestone needs a date, not {date!r}").about(
                "date", "error.pilot.milestone_date", value=date
            )
        new = Milestone(date, _text(text, "a milestone", "text"))
    items = _replace(workshop.pilot.milestones, old, new, "milestone")
    items = tuple(sorted(items, key=lambda m: m.date))
    return workshop.edit(pilot=workshop.pilot.edit(milestones=items))


def set_risk(
    workshop: Workshop, old: Risk | None, text: str | None, mitigation: str = ""
) -> Workshop:
    """Add, change or remove (``text`` None) a risk and its countermeasure."""
    new = None if text is None else Risk(_text(text, "a risk", "text"), mitigation.strip())
    risks = _replace(workshop.pilot.risks, old, new, "risk")
    return workshop.edit(pilot=workshop.pilot.edit(risks=risks))


def set_criterion(workshop: Workshop, old: str | None, text: str | None) -> Workshop:
    """Add, change or remove (``text`` None) a rollout criterion."""
    new = None if text is None else _text(text, "a rollout criterion", "text")
    criteria = _replace(workshop.pilot.rollout_criteria, old, new, "criterion")
    return workshop.edit(pilot=workshop.pilot.edit(rollout_criteria=criteria))
