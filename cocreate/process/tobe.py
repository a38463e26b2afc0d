"""The to-be process: the as-is process after a set of ideas, and the hours they save.

How ideas change the process:

* an idea whose action is ``eliminate`` removes the steps it names (start and end steps
  excepted), and each flow into a removed step is joined to each flow out of it, with
  the branch probabilities multiplied, so every other step keeps its expected visits.
  A step the process's shape hangs on (a parallel or inclusive split or join, a task
  with boundary events, a step that sends or receives messages, a choice right after a
  parallel split) stays where it is with no time left, so its branches keep their
  meaning;
* any other idea shortens the steps it names by its ``reduction``: work minutes and
  wait minutes are both multiplied by ``1 - reduction``;
* a ``digitise`` idea also moves its steps onto a system (medium ``system``), so the
  to-be paper, seal and counter touchpoints drop with it;
* several ideas on one step combine **multiplicatively**: 60% and 30% leave
  ``0.4 × 0.7 = 0.28`` of the time, a 72% cut, never 90%. So hours are never counted
  twice, and no set of ideas saves more than the step's whole time.

``hours_saved`` is the as-is annual hours minus the to-be annual hours.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from cocreate.model import Action, Flow, Idea, Medium, StepKind, Workshop
from cocreate.process.graph import ProcessError
from cocreate.process.metrics import ProcessMetrics, analyse
from cocreate.process.visits import ONE_WAY, SYNCHRONISING, branch_probabilities

__all__ = [
    "Comparison",
    "apply_ideas",
    "compare",
    "eliminated_steps",
    "hours_saved",
    "hours_saved_by_idea",
    "remaining_factors",
]


def _ideas(workshop: Workshop, idea_ids: Iterable[str]) -> list[Idea]:
    by_id = {idea.id: idea for idea in workshop.ideas}
    chosen: list[Idea] = []
    for idea_id in dict.fromkeys(idea_ids):
        idea = by_id.get(idea_id)
        if idea is None:
            raise ProcessError(f"unknown idea {idea_id!r}")
        chosen.append(idea)
    return chosen


def _removable(workshop: Workshop) -> set[str]:
    return {s.id for s in workshop.steps if s.kind not in (StepKind.START, StepKind.END)}


def eliminated_steps(workshop: Workshop, idea_ids: Iterable[str]) -> list[str]:
    """Steps the ``eliminate`` ideas among ``idea_ids`` remove, in workshop order."""
    named = {
        step_id
        for idea in _ideas(workshop, idea_ids)
        if idea.action == Action.ELIMINATE
        for step_id in idea.steps
    }
    removable = _removable(workshop)
    return [s.id for s in workshop.steps if s.id in named and s.id in removable]


def remaining_factors(workshop: Workshop, idea_ids: Iterable[str]) -> dict[str, float]:
    """The fraction of each step's time left after the ideas (1 for untouched steps).

    Reductions combine multiplicatively; an eliminated step keeps 0.
    """
    factors = {s.id: 1.0 for s in workshop.steps}
    ideas = list(idea_ids)
    for idea in _ideas(workshop, ideas):
        if idea.action == Action.ELIMINATE:
            continue
        reduction = min(max(idea.reduction, 0.0), 1.0)
        for step_id in dict.fromkeys(idea.steps):
            if step_id in factors:
                factors[step_id] *= 1.0 - reduction
    for step_id in eliminated_steps(workshop, ideas):
        factors[step_id] = 0.0
    return factors


def apply_ideas(workshop: Workshop, idea_ids: Iterable[str]) -> Workshop:
    """The to-be workshop: the as-is process with the ideas applied.

    Raises
    ------
    ProcessError
        For an idea id the workshop does not have.
    """
    ideas = list(idea_ids)
    factors = remaining_factors(workshop, ideas)
    removed = {s for s in eliminated_steps(workshop, ideas) if _bypassable(workshop, s)}
    digitised = {
        step_id
        for idea in _ideas(workshop, ideas)
        if idea.action == Action.DIGITISE
        for step_id in idea.steps
    }
    steps = []
    for step in workshop.steps:
        if step.id in removed:
            continue
        changed = step
        if factors[step.id] != 1.0:
            changed = changed.edit(
                minutes=step.minutes * factors[step.id],
                wait_minutes=step.wait_minutes * factors[step.id],
            )
        if step.id in digitised and step.medium != Medium.SYSTEM:
            changed = changed.edit(medium=Medium.SYSTEM)
        steps.append(changed)
    flows = list(workshop.flows)
    for step_id in (s.id for s in workshop.steps if s.id in removed):
        flows = _bypass(workshop.edit(flows=tuple(flows)), flows, step_id)
    return workshop.edit(steps=tuple(steps), flows=tuple(flows))


def _forks(workshop: Workshop, step_id: str) -> bool:
    """Whether cases leave the step by more than one flow at once (not one of them)."""
    step = next(s for s in workshop.steps if s.id == step_id)
    attached = {s.id for s in workshop.steps if s.attached_to == step_id}
    normal = [
        f
        for f in workshop.flows
        if f.source == step_id and not f.is_message and f.target not in attached
    ]
    return step.split not in ONE_WAY and len(normal) >= 2


def _bypassable(workshop: Workshop, step_id: str) -> bool:
    """Whether removing the step and joining its flows keeps the process's meaning."""
    step = next(s for s in workshop.steps if s.id == step_id)
    flows = [f for f in workshop.flows if step_id in (f.source, f.target)]
    outs = [f for f in flows if f.source == step_id and not f.is_message]
    ins = [f for f in flows if f.target == step_id and not f.is_message]
    joins = step.kind == StepKind.DECISION and step.split in SYNCHRONISING and len(ins) >= 2
    if _forks(workshop, step_id) or joins or any(f.is_message for f in flows):
        return False
    if any(s.attached_to == step_id for s in workshop.steps):
        return False
    return len(outs) < 2 or not any(_forks(workshop, f.source) for f in ins)


def _bypass(workshop: Workshop, flows: list[Flow], step_id: str) -> list[Flow]:
    """Remove ``step_id`` from the flows, joining each way in to each way out.

    A joined flow carries the product of the two probabilities (a loop on the removed
    step itself is folded in), so every other step keeps its expected visits. Where a
    predecessor has several ways out, all its shares are written out, so that joined
    flows that meet an existing flow add up exactly.
    """
    probabilities = branch_probabilities(workshop)
    p_self = probabilities.get((step_id, step_id), 0.0)
    scale = 1.0 / (1.0 - p_self) if p_self < 1.0 else 0.0
    outs = [
        (f, probabilities.get((f.source, f.target), 0.0) * scale)
        for f in flows
        if f.source == step_id and f.target != step_id
    ]
    ins = [f for f in flows if f.target == step_id and f.source != step_id]
    kept = [f for f in flows if step_id not in (f.source, f.target)]
    for into in ins:
        source = into.source
        if _forks(workshop, source):  # a parallel or inclusive branch: it keeps its chance
            pairs = {(f.source, f.target) for f in kept}
            kept += [
                Flow(source, out.target, out.label or into.label, into.share)
                for out, _ in outs
                if (source, out.target) not in pairs
            ]
            continue
        branching = sum(1 for f in flows if f.source == source) > 1
        if branching:
            kept = [
                f.edit(share=_tidy(probabilities.get((f.source, f.target), 0.0)))
                if f.source == source
                else f
                for f in kept
            ]
        p_in = probabilities.get((source, step_id), 0.0)
        for out, p_out in outs:
            share = _tidy(p_in * p_out) if branching or len(outs) > 1 else None
            at = next(
                (i for i, f in enumerate(kept) if (f.source, f.target) == (source, out.target)),
                None,
            )
            if at is not None:
                # Two ways now lead from the same step to the same step: one flow.
                old = kept[at]
                kept[at] = old.edit(
                    share=_tidy((old.share or 0.0) + (share or 0.0)),
                    label=old.label or out.label,
                )
                continue
            kept.append(Flow(source, out.target, out.label or into.label, share))
    return kept


def _tidy(share: float) -> float:
    return round(share, 12)


def hours_saved(workshop: Workshop, idea_ids: Iterable[str]) -> float:
    """Annual hours the ideas save together, overlaps on a step counted once.

    Equal to ``compare(workshop, idea_ids).hours_saved``, without building the to-be
    process.
    """
    ideas = list(idea_ids)
    if not ideas:
        _ideas(workshop, ideas)
        return 0.0
    before = analyse(workshop)
    factors = remaining_factors(workshop, ideas)
    # Removing or shortening steps leaves every other step's visits as they were, so
    # the saving is each step's hours times the part of its time that goes.
    return math.fsum(s.annual_hours * (1.0 - factors[s.id]) for s in before.steps)


def hours_saved_by_idea(workshop: Workshop) -> dict[str, float]:
    """Each idea's annual hours saved when it is applied alone, by idea id."""
    if not workshop.ideas:
        return {}
    before = analyse(workshop)
    out: dict[str, float] = {}
    for idea in workshop.ideas:
        factors = remaining_factors(workshop, [idea.id])
        out[idea.id] = math.fsum(s.annual_hours * (1.0 - factors[s.id]) for s in before.steps)
    return out


@dataclass(frozen=True, slots=True)
class Comparison:
    """The process before and after a set of ideas."""

    idea_ids: tuple[str, ...]
    before: ProcessMetrics
    after: ProcessMetrics
    tobe: Workshop
    eliminated: tuple[str, ...] = ()

    @property
    def hours_saved(self) -> float:
        return self.before.annual_hours - self.after.annual_hours

    def change(self, name: str) -> float:
        """``after - before`` of one of ``metrics.METRICS``."""
        from cocreate.process.metrics import metric_value

        return metric_value(self.after, name) - metric_value(self.before, name)

    def as_dict(self) -> dict[str, Any]:
        return {
            "ideas": list(self.idea_ids),
            "eliminated": list(self.eliminated),
            "hours_saved": round(self.hours_saved, 6),
            "before": self.before.as_dict(),
            "after": self.after.as_dict(),
        }


def compare(workshop: Workshop, idea_ids: Iterable[str]) -> Comparison:
    """The metrics of the as-is and the to-be process for a set of ideas."""
    ideas = tuple(dict.fromkeys(idea_ids))
    tobe = apply_ideas(workshop, ideas)
    return Comparison(
        idea_ids=ideas,
        before=analyse(workshop),
        after=analyse(tobe),
        tobe=tobe,
        eliminated=tuple(eliminated_steps(workshop, ideas)),
    )
