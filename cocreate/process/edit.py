"""Edits of the as-is map: add, change and remove its steps, flows and lanes.

Every function is pure: it takes the :class:`~cocreate.model.Workshop` first and returns
the next one (and, for additions, the item it made); nothing is saved here. Unknown
references and bad values raise :class:`~cocreate.errors.InputError`, edits the rules
refuse (removing a step that a problem names) raise :class:`~cocreate.errors.RuleError`;
both carry a one-line message.

An edit's keyword arguments default to :data:`KEEP`, which leaves that field as it is,
so ``edit_step(ws, "s3", minutes=12)`` changes the minutes only and ``volume=None``
still means "derive the volume from the process".

>>> from cocreate.model import Lane, Workshop, Meta
>>> ws = Workshop(meta=Meta(title="t"), lanes=(Lane("desk", "窓口"),))
>>> ws, step = add_step(ws, name="受付", lane="desk", minutes=5)
>>> ws, second = add_step(ws, name="確認", lane="desk", after=step.id)
>>> [(f.source, f.target) for f in ws.flows]
[('s1', 's2')]
>>> edit_step(ws, "s2", minutes=12).step("s2").minutes
12.0
"""

from __future__ import annotations

import enum
import math
from typing import Final, TypeVar

from cocreate.errors import InputError, RuleError
from cocreate.model import Flow, Lane, Medium, Step, StepKind, Workshop, new_id

__all__ = [
    "KEEP",
    "Keep",
    "add_flow",
    "add_lane",
    "add_step",
    "edit_flow",
    "edit_lane",
    "edit_step",
    "remove_flow",
    "remove_lane",
    "remove_step",
]


class Keep(enum.Enum):
    """The type of :data:`KEEP`."""

    KEEP = "keep"

    def __repr__(self) -> str:
        return "KEEP"


#: The default of an edit's keyword arguments: leave this field as it is.
KEEP: Final = Keep.KEEP

_T = TypeVar("_T", bound=enum.StrEnum)


# --------------------------------------------------------------------------- checks


def _name(value: str, what: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InputError(None, f"{what} must not be empty").about("name", "ui.refusal.empty")
    return value


def _amount(value: float, what: str, argument: str | None = None) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise InputError(None, f"{what} must be a number, not {value!r}").about(
            argument, "ui.refusal.not_a_number", value=value
        )
    if value < 0:
        raise InputError(None, f"{what} cannot be negative ({value:g})").about(
            argument, "ui.refusal.negative", value=f"{value:g}"
        )
    return float(value)


def _volume(value: float | None) -> int | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        raise InputError(None, f"volume must be a whole number of cases, not {value!r}").about(
            "volume", "error.step.volume_whole", value=value
        )
    if value < 0:
        raise InputError(None, f"volume cannot be negative ({value})").about(
            "volume", "ui.refusal.negative", value=value
        )
    return value


def _choice(value: _T | str, kind: type[_T], what: str, argument: str) -> _T:
    try:
        return kind(value)
    except ValueError:
        choices = ", ".join(member.value for member in kind)
        raise InputError(None, f"unknown {what} {value!r}; expected one of {choices}").about(
            argument, f"error.step.unknown_{argument}", value=value, choices=choices
        ) from None


def _lane(workshop: Workshop, lane_id: str) -> str:
    if not any(lane.id == lane_id for lane in workshop.lanes):
        raise InputError(None, f"unknown lane {lane_id!r}").keyed(
            "error.lane.unknown", lane=lane_id
        )
    return lane_id


def _step(workshop: Workshop, step_id: str) -> Step:
    step = workshop.step(step_id)
    if step is None:
        raise InputError(None, f"unknown step {step_id!r}").keyed(
            "error.step.unknown", step=step_id
        )
    return step


# --------------------------------------------------------------------------- steps


def add_step(
    workshop: Workshop,
    *,
    name: str,
    lane: str,
    kind: StepKind | str = StepKind.TASK,
    minutes: float = 0.0,
    wait_minutes: float = 0.0,
    volume: int | None = None,
    medium: Medium | str = Medium.OTHER,
    notes: str = "",
    after: str | None = None,
) -> tuple[Workshop, Step]:
    """Add a step (after ``after``, when given, joined to it by a flow); return it too.

    Where ``after`` leads to exactly one step, the new step goes in between (after →
    new → the step that followed), as a step inserted in a sequence should. A flow only
    added beside the old one would make a branch that half the cases take and never
    leave, halving the lead time and workload. After a decision (several ways out) or
    an end step, the new step is joined to ``after`` and its own way on is left to the
    facilitator.
    """
    step = Step(
        id=new_id("s", [s.id for s in workshop.steps]),
        name=_name(name, "a step's name"),
        lane=_lane(workshop, lane),
        kind=_choice(kind, StepKind, "step kind", "kind"),
        minutes=_amount(minutes, "minutes", "minutes"),
        wait_minutes=_amount(wait_minutes, "wait minutes", "wait_minutes"),
        volume=_volume(volume),
        medium=_choice(medium, Medium, "medium", "medium"),
        notes=notes,
    )
    steps = list(workshop.steps)
    flows = list(workshop.flows)
    if after is None:
        steps.append(step)
    else:
        _step(workshop, after)
        position = next(i for i, s in enumerate(steps) if s.id == after) + 1
        steps.insert(position, step)
        onward = [i for i, flow in enumerate(flows) if flow.source == after]
        if len(onward) == 1:
            flows[onward[0]] = flows[onward[0]].edit(source=step.id)
        flows.append(Flow(after, step.id))
    return workshop.edit(steps=tuple(steps), flows=tuple(flows)), step


def edit_step(
    workshop: Workshop,
    step_id: str,
    *,
    name: str | Keep = KEEP,
    lane: str | Keep = KEEP,
    kind: StepKind | str | Keep = KEEP,
    minutes: float | Keep = KEEP,
    wait_minutes: float | Keep = KEEP,
    volume: int | Keep | None = KEEP,
    medium: Medium | str | Keep = KEEP,
    notes: str | Keep = KEEP,
) -> Workshop:
    """Change the fields of step ``step_id`` that are given; the others stay."""
    step = _step(workshop, step_id)
    if name is not KEEP:
        step = step.edit(name=_name(name, "a step's name"))
    if lane is not KEEP:
        step = step.edit(lane=_lane(workshop, lane))
    if kind is not KEEP:
        step = step.edit(kind=_choice(kind, StepKind, "step kind", "kind"))
    if minutes is not KEEP:
        step = step.edit(minutes=_amount(minutes, "minutes", "minutes"))
    if wait_minutes is not KEEP:
        step = step.edit(wait_minutes=_amount(wait_minutes, "wait minutes", "wait_minutes"))
    if volume is not KEEP:
        step = step.edit(volume=_volume(volume))
    if medium is not KEEP:
        step = step.edit(medium=_choice(medium, Medium, "medium", "medium"))
    if notes is not KEEP:
        step = step.edit(notes=notes)
    return workshop.edit(steps=tuple(step if s.id == step_id else s for s in workshop.steps))


def remove_step(workshop: Workshop, step_id: str) -> Workshop:
    """Remove a step and its flows; refused while a problem, an idea or the pilot names it."""
    _step(workshop, step_id)
    users = [p.id for p in workshop.problems if step_id in p.steps]
    users += [i.id for i in workshop.ideas if step_id in i.steps]
    if step_id in workshop.pilot.scope_steps:
        users.append("pilot")
    if users:
        named = ", ".join(users[:3])
        raise RuleError(f"step {step_id} is used by {named}; unlink it first").keyed(
            "error.remove.step_used", item=step_id, users=named
        )
    return workshop.edit(
        steps=tuple(s for s in workshop.steps if s.id != step_id),
        flows=tuple(f for f in workshop.flows if step_id not in (f.source, f.target)),
    )


# --------------------------------------------------------------------------- flows


def add_flow(
    workshop: Workshop,
    *,
    source: str,
    target: str,
    label: str = "",
    share: float | None = None,
) -> Workshop:
    """Add a flow from step ``source`` to step ``target``.

    ``share`` is the fraction (0 to 1) of the cases leaving a decision that take this
    way; ``None`` leaves it to the process (an even split).
    """
    _step(workshop, source)
    _step(workshop, target)
    if any(f.source == source and f.target == target for f in workshop.flows):
        raise RuleError(f"there is already a flow from {source} to {target}").about(
            "target", "ui.refusal.duplicate_flow", source=source, target=target
        )
    if share is not None:
        share = _amount(share, "a share", "share")
        if share > 1:
            raise InputError(None, f"a share is a fraction between 0 and 1, not {share:g}").about(
                "share", "ui.refusal.percent", value=f"{share:.0%}"
            )
    return workshop.edit(flows=(*workshop.flows, Flow(source, target, label, share)))


def edit_flow(
    workshop: Workshop,
    source: str,
    target: str,
    *,
    label: str | Keep = KEEP,
    share: float | Keep | None = KEEP,
) -> Workshop:
    """Change the label or the share of the flow from ``source`` to ``target``."""
    flow = next((f for f in workshop.flows if (f.source, f.target) == (source, target)), None)
    if flow is None:
        raise InputError(None, f"there is no flow from {source} to {target}").keyed(
            "error.flow.unknown", source=source, target=target
        )
    if label is not KEEP:
        flow = flow.edit(label=label.strip())
    if share is not KEEP:
        if share is not None:
            share = _amount(share, "a share", "share")
            if share > 1:
                raise InputError(
                    None, f"a share is a fraction between 0 and 1, not {share:g}"
                ).about("share", "ui.refusal.percent", value=f"{share:.0%}")
        flow = flow.edit(share=share)
    flows = tuple(flow if (f.source, f.target) == (source, target) else f for f in workshop.flows)
    return workshop.edit(flows=flows)


def remove_flow(workshop: Workshop, source: str, target: str) -> Workshop:
    """Remove the flow from ``source`` to ``target``."""
    kept = tuple(f for f in workshop.flows if (f.source, f.target) != (source, target))
    if len(kept) == len(workshop.flows):
        raise InputError(None, f"there is no flow from {source} to {target}").keyed(
            "error.flow.unknown", source=source, target=target
        )
    return workshop.edit(flows=kept)


# --------------------------------------------------------------------------- lanes


def add_lane(workshop: Workshop, *, name: str) -> tuple[Workshop, Lane]:
    """Add a lane (a role or a section that does steps); return it too."""
    lane = Lane(new_id("lane", [lane.id for lane in workshop.lanes]), _name(name, "a lane's name"))
    return workshop.edit(lanes=(*workshop.lanes, lane)), lane


def edit_lane(workshop: Workshop, lane_id: str, *, name: str) -> Workshop:
    """Rename a lane; its id (in every step) stays."""
    _lane(workshop, lane_id)
    name = _name(name, "a lane's name").strip()
    lanes = tuple(lane.edit(name=name) if lane.id == lane_id else lane for lane in workshop.lanes)
    return workshop.edit(lanes=lanes)


def remove_lane(workshop: Workshop, lane_id: str) -> Workshop:
    """Remove a lane; refused while a step is in it."""
    _lane(workshop, lane_id)
    used = [s.id for s in workshop.steps if s.lane == lane_id]
    if used:
        named = ", ".join(used[:3])
        raise RuleError(f"lane {lane_id} still has steps ({named}); move them first").keyed(
            "error.remove.lane_has_steps", item=lane_id, steps=named
        )
    return workshop.edit(lanes=tuple(lane for lane in workshop.lanes if lane.id != lane_id))
