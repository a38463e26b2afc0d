"""How cases move through the process: branch probabilities, entries and expected visits.

A case enters at a start step and moves along sequence flows until it reaches an end
step (or a step with no way out). How it leaves a step with several outgoing flows is
the step's ``split`` (its BPMN gateway type):

* **exclusive** (and **event-based**): the case takes exactly one flow. A flow's
  ``share`` is the probability; flows without a share split what the given shares leave
  over equally, and shares that do not add up to 1 are scaled so they do;
* **parallel**: the case takes every flow: each branch is passed once per case;
* **inclusive** (and **complex**): each flow is taken or not on its own, with its share
  as the probability (a flow without a share: half the cases).

Flows to a task's boundary events are alternatives to its normal way out (an
interrupting event) or taken on their own with their share (a non-interrupting one,
half the cases without a share). A parallel, inclusive or complex decision step with
several incoming flows is a join: it passes once for the branches that belong together,
not once per branch. A message flow carries the case into a pool that its target
starts (a step no sequence flow leads to); into a step already on its pool's path it
only synchronises and adds no visits.

The expected number of times a case passes each step (its *visits*) then solves
``v = s + Wᵀ v``, where ``W`` holds the flows' weights: for a process of exclusive
splits only an absorbing Markov chain, so a 差戻し taken by 20% of cases back to a step 4
steps earlier gives those steps 1/(1-0.2) = 1.25 visits, not 1 and not infinity.

Small processes are solved in pure Python, one strongly connected part at a time
(exact Gaussian elimination, in workshop order); only a part of more than
``DENSE_LIMIT`` steps imports numpy.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from cocreate.model import EventMode, Flow, Gateway, Step, StepKind, Workshop
from cocreate.process.graph import (
    ProcessError,
    immediate_dominators,
    reachable,
)
from cocreate.process.linear import MULTIPLIED, solve_by_parts

__all__ = [
    "UNKNOWN_CHANCE",
    "absorbing_steps",
    "branch_probabilities",
    "expected_visits",
    "join_factors",
    "message_started",
    "start_weights",
    "trapped_steps",
]

#: The chance of a flow taken on its own (inclusive, non-interrupting) without a share.
UNKNOWN_CHANCE = 0.5

#: Splits where each case takes exactly one flow.
ONE_WAY = frozenset({Gateway.EXCLUSIVE, Gateway.EVENT_BASED})
#: Joins that wait for the branches that belong together.
SYNCHRONISING = frozenset({Gateway.PARALLEL, Gateway.INCLUSIVE, Gateway.COMPLEX})


@dataclass(slots=True)
class Routes:
    """A workshop's steps and flows sorted for the analyses (shared with ``leadtime``).

    ``of`` keeps the routes of the last workshop it was given: a workshop is frozen, so
    the probabilities, entries and weights worked out once hold for every analysis of
    it (``analyse`` asks for them several times).
    """

    steps: dict[str, Step]
    outgoing: dict[str, list[Flow]]
    """Sequence flows out of each step, in workshop order."""
    incoming: dict[str, list[Flow]]
    """Sequence flows into each step."""
    messages: list[Flow]
    pool_of: dict[str, str] = field(default_factory=dict)
    """Lane id -> its pool."""
    cache: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def of(cls, workshop: Workshop) -> Routes:
        last = _LAST
        if last is not None and last[0] is workshop:
            return last[1]
        routes = cls._build(workshop)
        globals()["_LAST"] = (workshop, routes)
        return routes

    @classmethod
    def _build(cls, workshop: Workshop) -> Routes:
        steps = {s.id: s for s in workshop.steps}
        outgoing: dict[str, list[Flow]] = {s: [] for s in steps}
        incoming: dict[str, list[Flow]] = {s: [] for s in steps}
        messages: list[Flow] = []
        for flow in workshop.flows:
            if flow.source not in steps or flow.target not in steps:
                continue
            if flow.is_message:
                messages.append(flow)
            else:
                outgoing[flow.source].append(flow)
                incoming[flow.target].append(flow)
        pool_of = {lane.id: lane.pool for lane in workshop.lanes}
        return cls(steps, outgoing, incoming, messages, pool_of)

    def is_boundary(self, flow: Flow) -> bool:
        """A flow from a task to one of its boundary events."""
        return self.steps[flow.target].attached_to == flow.source != flow.target


#: The last workshop ``Routes.of`` was given, and its routes.
_LAST: tuple[Workshop, Routes] | None = None


def one_of(shares: list[float | None]) -> list[float]:
    """Exclusive probabilities: given shares count, the rest split what is left, scaled."""
    given = sum(max(s, 0.0) for s in shares if s is not None)
    missing = sum(1 for s in shares if s is None)
    rest = max(0.0, 1.0 - given) / missing if missing else 0.0
    raw = [max(s, 0.0) if s is not None else rest for s in shares]
    total = sum(raw)
    return [value / total if total > 0 else 0.0 for value in raw]


def chance(share: float | None) -> float:
    return UNKNOWN_CHANCE if share is None else min(max(share, 0.0), 1.0)


def split_chances(step: Step, flows: list[Flow], routes: Routes) -> list[float]:
    """The probability that a case at ``step`` takes each of its outgoing ``flows``."""
    if step.kind == StepKind.END:
        return [0.0] * len(flows)
    out = [0.0] * len(flows)
    events = [i for i, f in enumerate(flows) if routes.is_boundary(f)]
    going_on = {
        i for i in events if routes.steps[flows[i].target].event is EventMode.NON_INTERRUPTING
    }
    for i in going_on:
        out[i] = chance(flows[i].share)
    interrupting = [i for i in events if i not in going_on]
    normal = [i for i in range(len(flows)) if i not in set(events)]
    if step.split in ONE_WAY or len(normal) < 2:
        alternatives = interrupting + normal
        for i, p in zip(alternatives, one_of([flows[i].share for i in alternatives]), strict=True):
            out[i] = p
        return out
    # The interrupting events are alternatives to the normal way out, which then splits.
    chances = one_of([*(flows[i].share for i in interrupting), None])
    for i, p in zip(interrupting, chances, strict=False):
        out[i] = p
    normal_way = chances[-1]
    for i in normal:
        out[i] = normal_way * (1.0 if step.split == Gateway.PARALLEL else chance(flows[i].share))
    return out


def _probabilities(routes: Routes) -> dict[tuple[str, str], float]:
    if "probabilities" in routes.cache:
        cached: dict[tuple[str, str], float] = routes.cache["probabilities"]
        return cached
    out: dict[tuple[str, str], float] = {}
    for step_id, flows in routes.outgoing.items():
        for flow, p in zip(flows, split_chances(routes.steps[step_id], flows, routes), strict=True):
            key = (flow.source, flow.target)
            out[key] = out.get(key, 0.0) + p
    routes.cache["probabilities"] = out
    return out


def branch_probabilities(workshop: Workshop) -> dict[tuple[str, str], float]:
    """The probability that a case at a flow's source takes that flow.

    Flows from or to unknown steps are ignored (validation reports them), and flows out
    of end steps get 0. Out of an exclusive step the probabilities add up to 1; out of a
    parallel or inclusive one each is its own (a parallel split gives every flow 1). A
    message flow gets 1: the message goes every time its source runs.

    >>> from cocreate.model import Flow, Gateway, Lane, Meta, Step, Workshop
    >>> w = Workshop(Meta("t"), lanes=(Lane("l", "L"),),
    ...              steps=tuple(Step(i, i, "l") for i in "abc"),
    ...              flows=(Flow("a", "b", share=0.3), Flow("a", "c")))
    >>> branch_probabilities(w)
    {('a', 'b'): 0.3, ('a', 'c'): 0.7}
    >>> branch_probabilities(w.edit(steps=(w.steps[0].edit(gateway=Gateway.PARALLEL),
    ...                                    *w.steps[1:])))
    {('a', 'b'): 1.0, ('a', 'c'): 1.0}
    """
    routes = Routes.of(workshop)
    out = dict(_probabilities(routes))
    for flow in routes.messages:
        key = (flow.source, flow.target)
        out[key] = out.get(key, 0.0) + 1.0
    return out


def message_started(workshop: Workshop) -> set[str]:
    """Steps a message flow leads to and no sequence flow does: a message starts them."""
    return message_started_of(Routes.of(workshop))


def message_started_of(routes: Routes) -> set[str]:
    return {
        f.target
        for f in routes.messages
        if not any(g.source != g.target for g in routes.incoming[f.target])
    }


def start_weights(workshop: Workshop) -> dict[str, float]:
    """Where cases enter, as fractions adding up to 1 in each pool.

    The start steps that no message starts; with none, the steps no flow leads to; with
    none of those either, the first step. Several starts of one pool share its cases by
    their given volumes when each has one, else equally. Each pool (``Lane.pool``) with
    a start of its own takes part in every case, so with two such pools the weights add
    up to 2.
    """
    steps = workshop.steps
    if not steps:
        return {}
    routes = Routes.of(workshop)
    if "starts" in routes.cache:
        return dict(routes.cache["starts"])
    started = message_started_of(routes)
    starts = [s for s in steps if s.kind == StepKind.START]
    starts = [s for s in starts if s.id not in started] or starts
    if not starts:
        targets = {
            f.target
            for f in workshop.flows
            if f.source in routes.steps and f.target in routes.steps and f.source != f.target
        }
        starts = [s for s in steps if s.id not in targets] or [steps[0]]
    pools: dict[str, list[Step]] = {}
    for step in starts:
        pools.setdefault(routes.pool_of.get(step.lane, ""), []).append(step)
    out: dict[str, float] = {}
    for group in pools.values():
        volumes = [s.volume for s in group]
        if all(v is not None and v > 0 for v in volumes):
            total = float(sum(v for v in volumes if v is not None))
            out.update((s.id, (s.volume or 0) / total) for s in group)
        else:
            out.update((s.id, 1.0 / len(group)) for s in group)
    routes.cache["starts"] = {s.id: out[s.id] for s in starts}
    return dict(routes.cache["starts"])


def absorbing_steps(workshop: Workshop) -> set[str]:
    """Steps where a case's journey ends: end steps and steps with no way out."""
    routes = Routes.of(workshop)
    leaving = {source for (source, _), p in _probabilities(routes).items() if p > 0}
    return {s.id for s in workshop.steps if s.kind == StepKind.END or s.id not in leaving}


def forks(routes: Routes) -> dict[str, float]:
    """Steps whose normal way out is a parallel, inclusive or complex split, with the sum
    of the chances of their branches (how many branches a case takes on average)."""
    out: dict[str, float] = {}
    for step_id, flows in routes.outgoing.items():
        step = routes.steps[step_id]
        if step.split in ONE_WAY or step.kind == StepKind.END:
            continue
        normal = [f for f in flows if not routes.is_boundary(f)]
        if len(normal) < 2:
            continue
        if step.split == Gateway.PARALLEL:
            out[step_id] = float(len(normal))
        else:
            out[step_id] = math.fsum(chance(f.share) for f in normal)
    return out


def join_factors(workshop: Workshop) -> dict[str, float]:
    """How many times a join passes per branch that reaches it (steps not listed: 1).

    A parallel join of ``k`` flows passes once for ``k`` arriving branches: ``1/k``. An
    inclusive or complex join passes once for the branches its split started: one over
    the average number of branches a case takes there (the split is the nearest
    dominating parallel, inclusive or complex split), so the join passes once per case
    that reached the split, even when that case took none of the branches.
    """
    return join_factors_of(Routes.of(workshop), None)


def join_factors_of(routes: Routes, roots: list[str] | None) -> dict[str, float]:
    joins = {
        step_id: len({f.source for f in flows})
        for step_id, flows in routes.incoming.items()
        if routes.steps[step_id].kind == StepKind.DECISION
        and routes.steps[step_id].split in SYNCHRONISING
        and len({f.source for f in flows}) >= 2
    }
    if not joins:
        return {}
    out: dict[str, float] = {}
    splits: dict[str, float] | None = None
    idom: dict[str, str | None] = {}
    for step_id, count in joins.items():
        if routes.steps[step_id].split == Gateway.PARALLEL:
            out[step_id] = 1.0 / count
            continue
        if splits is None:
            splits = forks(routes)
            following = {s: [f.target for f in fs] for s, fs in routes.outgoing.items()}
            entry = roots if roots is not None else _entries(routes)
            idom = immediate_dominators(entry, following)
        current = idom.get(step_id)
        while current is not None and current not in splits:
            current = idom.get(current)
        if current is not None and splits[current] > 0:
            out[step_id] = 1.0 / splits[current]
    return out


def _entries(routes: Routes) -> list[str]:
    entries = [s for s, flows in routes.incoming.items() if not flows]
    return entries or list(routes.steps)[:1]


def _visit_weights(
    routes: Routes, starts: dict[str, float]
) -> tuple[dict[tuple[str, str], float], set[str]]:
    """The weights of ``v = s + Wᵀ v`` and the steps messages drive.

    The weights are the branch probabilities, scaled at joins, and 1 for a message flow
    that starts a pool. A step that receives messages and lies on a loop no case could
    otherwise leave (a vendor's "answer each reminder" loop) is driven by the messages:
    it passes once per message it receives, so its sequence flows in weigh 0 and its
    message flows 1.
    """
    if "weights" in routes.cache:
        cached: tuple[dict[tuple[str, str], float], set[str]] = routes.cache["weights"]
        return cached
    factors = join_factors_of(routes, [*starts, *message_started_of(routes)])
    weights: dict[tuple[str, str], float] = {}
    for (source, target), p in _probabilities(routes).items():
        weights[(source, target)] = p * factors.get(target, 1.0)
    sequence = set(weights)
    started = message_started_of(routes)
    for flow in routes.messages:
        if flow.target in started:
            key = (flow.source, flow.target)
            weights[key] = weights.get(key, 0.0) + 1.0
    receivers = {f.target for f in routes.messages if f.target not in started}
    driven = receivers & _stuck(routes, starts, weights, sequence) if receivers else set()
    if driven:
        for key in sequence:
            if key[1] in driven:
                weights[key] = 0.0
        for flow in routes.messages:
            if flow.target in driven:
                key = (flow.source, flow.target)
                weights[key] = weights.get(key, 0.0) + 1.0
    routes.cache["weights"] = (weights, driven)
    return weights, driven


def message_driven_of(routes: Routes, starts: dict[str, float]) -> set[str]:
    """Steps that pass once per message they receive (see ``_visit_weights``)."""
    return _visit_weights(routes, starts)[1]


def _stuck(
    routes: Routes,
    starts: dict[str, float],
    weights: dict[tuple[str, str], float],
    sequence: set[tuple[str, str]],
) -> set[str]:
    """The steps on loops that cases reach but can never leave for an end."""
    forward: dict[str, list[str]] = {}
    backward: dict[str, list[str]] = {}
    leaving: set[str] = set()
    for (source, target), p in weights.items():
        if p > 0:
            forward.setdefault(source, []).append(target)
            if (source, target) in sequence:
                backward.setdefault(target, []).append(source)
                leaving.add(source)
    ends = {
        step_id
        for step_id, step in routes.steps.items()
        if step.kind == StepKind.END or step_id not in leaving
    }
    stuck = reachable(starts, forward) - reachable(ends, backward)
    # Leave out the steps that only lead into the loop: prune, again and again, the
    # stuck steps no other stuck step leads to. What remains lies on the loops.
    while True:
        entry = {x for x in stuck if not any(p in stuck for p in backward.get(x, ()))}
        if not entry:
            break
        stuck -= entry
    return stuck


def trapped_steps(workshop: Workshop) -> list[str]:
    """Steps a case can reach but never leave for an end: a loop with no way out.

    Such a loop makes the expected visits infinite, so ``expected_visits`` refuses it.
    A loop that waits for messages is not trapped: the messages drive it.
    """
    routes = Routes.of(workshop)
    starts = start_weights(workshop)
    weights, _ = _visit_weights(routes, starts)
    sequence = {(f.source, f.target) for flows in routes.outgoing.values() for f in flows}
    stuck = _stuck(routes, starts, weights, sequence)
    return [s.id for s in workshop.steps if s.id in stuck]


def expected_visits(workshop: Workshop) -> dict[str, float]:
    """The expected number of times one case passes each step.

    Solves ``(I - Wᵀ) v = s`` over the steps a case can reach, where ``W`` holds the
    flows' weights (the branch probabilities, scaled at joins) and ``s`` the start
    weights; unreachable steps get 0. End steps get the probability that a case ends
    there.

    Raises
    ------
    ProcessError
        When cases can enter a loop they can never leave, or a parallel split inside a
        loop multiplies them without end.

    >>> from cocreate.model import Flow, Lane, Meta, Step, StepKind, Workshop
    >>> w = Workshop(Meta("t"), lanes=(Lane("l", "L"),), steps=(
    ...     Step("a", "a", "l", StepKind.START), Step("b", "b", "l", StepKind.DECISION),
    ...     Step("c", "c", "l", StepKind.END)),
    ...     flows=(Flow("a", "b"), Flow("b", "a", share=0.2), Flow("b", "c", share=0.8)))
    >>> {k: round(v, 6) for k, v in expected_visits(w).items()}
    {'a': 1.25, 'b': 1.25, 'c': 1.0}
    """
    trapped = trapped_steps(workshop)
    if trapped:
        raise ProcessError(
            f"steps {', '.join(trapped)} form a loop no case can leave: give the loop a flow"
            " towards an end step"
        )
    routes = Routes.of(workshop)
    starts = start_weights(workshop)
    weights, _ = _visit_weights(routes, starts)
    forward: dict[str, list[str]] = {}
    for (source, target), p in weights.items():
        if p > 0:
            forward.setdefault(source, []).append(target)
    reached = reachable(starts, forward)
    order = [s.id for s in workshop.steps if s.id in reached]
    visits = {s.id: 0.0 for s in workshop.steps}
    if not order:
        return visits
    values = solve_by_parts(order, weights, starts)
    for step_id in order:
        value = values[step_id]
        if not math.isfinite(value) or value < -1e-9:
            raise ProcessError(f"step {step_id!r}: {MULTIPLIED}")
        visits[step_id] = 0.0 if math.isclose(value, 0.0, abs_tol=1e-12) else float(value)
    return visits
