"""What a workshop becomes in BPMN: pools, flow nodes, sequence and message flows, XML ids.

* Lanes with the same ``Lane.pool`` are one pool, each a participant with its own
  process; the lanes without one are the workshop's own pool, named after its title.
* Each step is one flow node: a decision is the gateway of its ``split``, a wait an
  intermediate catch event (a throw event with ``EventMode.THROW``), or a boundary
  event on the task it is ``attached_to``.
* A step that is not a gateway but has several outgoing sequence flows gets a gateway
  of its ``split`` right after it (exclusive unless it says otherwise), so BPMN does
  not read it as an implicit parallel split (bpmnlint ``no-implicit-split``); the
  flows and their shares leave from the gateway, which is marked ``cocreate:splitOf``
  and folds back into the step when the file is read again. Likewise a step with
  several incoming flows gets an exclusive gateway before it (``cocreate:joinOf``), as
  the merge it is (bpmnlint ``fake-join``).
* The flow from a task to its boundary event is the event's ``attachedToRef``; a
  message flow is a message flow, and a sequence flow between two pools (which BPMN
  does not allow) is written as a message flow marked ``cocreate:sequence``.

Every XML id is unique in the file and follows from the workshop alone, so exporting
the same workshop twice, or after a round trip, gives the same ids. Steps and lanes
keep their own ids where they are XML names; everything else is numbered, and a clash
gets ``_2``, ``_3``, ...
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from cocreate.model import EventMode, Flow, Gateway, Lane, Step, StepKind, Workshop
from cocreate.process.bpmn.vocab import GATEWAY_TAG

__all__ = ["Edge", "Node", "Plan", "Pool", "XmlIds", "plan"]

_NCNAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.\-]*$")


class XmlIds:
    """Hands out XML ids, each once: a wanted id that is taken gets ``_2``, ``_3``, ..."""

    def __init__(self) -> None:
        self.taken: set[str] = set()

    def claim(self, wanted: str) -> str:
        text, n = wanted, 1
        while text in self.taken:
            n += 1
            text = f"{wanted}_{n}"
        self.taken.add(text)
        return text

    def own(self, prefix: str, value: str) -> str:
        """An id for one of our ids: itself when it is an XML name (and not ``cc_...``)."""
        ok = _NCNAME.match(value) and not value.startswith("cc_")
        return self.claim(value if ok else f"cc_{prefix}{value}")


@dataclass(frozen=True, slots=True)
class Node:
    """One flow node: a step, or the gateway added after a branching step."""

    key: str
    """The step's id; ``split:<step id>`` or ``join:<step id>`` for an added gateway."""
    id: str
    tag: str
    lane: str
    step: Step | None = None
    host: str = ""
    """For a boundary event: the XML id of its task."""
    name: str = ""
    """For an added gateway."""


@dataclass(frozen=True, slots=True)
class Edge:
    id: str
    source: str
    """XML id of the source node."""
    target: str
    flow: Flow | None
    """``None`` for the flow from a step into the gateway added after it."""
    message: bool = False
    sequence: bool = False
    """A sequence flow written as a message flow because it joins two pools."""
    order: int | None = None
    """The flow's place among the workshop's flows, so reading keeps their order."""


@dataclass(slots=True)
class Pool:
    key: str
    name: str
    lanes: list[Lane]
    participant: str = ""
    process: str = ""
    lane_set: str = ""
    nodes: list[Node] = field(default_factory=list)


@dataclass(slots=True)
class Plan:
    pools: list[Pool]
    lane_ids: dict[str, str]
    nodes: dict[str, Node]
    """By key, in the order they are written."""
    edges: list[Edge]
    boundary_flows: dict[str, tuple[int, Flow]]
    """Boundary event's step id -> the flow from its task, with its place."""
    ids: XmlIds
    order: dict[str, int] = field(default_factory=dict)
    """Step id -> its place among the workshop's steps, so reading keeps their order."""
    lane_order: dict[str, int] = field(default_factory=dict)

    @property
    def sequence_edges(self) -> list[Edge]:
        return [e for e in self.edges if not e.message]


def _tag(step: Step, boundary: bool) -> str:
    if step.kind == StepKind.DECISION:
        return GATEWAY_TAG[step.split]
    if step.kind == StepKind.START:
        return "startEvent"
    if step.kind == StepKind.END:
        return "endEvent"
    if step.kind == StepKind.WAIT:
        if boundary:
            return "boundaryEvent"
        return (
            "intermediateThrowEvent" if step.event is EventMode.THROW else "intermediateCatchEvent"
        )
    return "task"


def _pools(workshop: Workshop) -> list[Pool]:
    lanes = list(workshop.lanes)
    known = {lane.id for lane in lanes}
    for step in workshop.steps:  # tolerate a step in an unknown lane: give it one
        if step.lane not in known:
            known.add(step.lane)
            lanes.append(Lane(step.lane, step.lane))
    pools: dict[str, Pool] = {}
    for lane in lanes:
        if lane.pool not in pools:
            pools[lane.pool] = Pool(lane.pool, lane.pool or workshop.meta.title, [])
        pools[lane.pool].lanes.append(lane)
    return list(pools.values())


def plan(workshop: Workshop) -> Plan:
    """The BPMN flow nodes and flows of a workshop, with their XML ids."""
    ids = XmlIds()
    steps = {s.id: s for s in workshop.steps}
    step_ids = {s.id: ids.own("step_", s.id) for s in workshop.steps}
    pools = _pools(workshop)
    lane_ids = {lane.id: ids.own("lane_", lane.id) for pool in pools for lane in pool.lanes}
    for number, pool in enumerate(pools, start=1):
        pool.participant = ids.claim(f"Participant_{number}")
        pool.process = ids.claim(f"Process_{number}")
        pool.lane_set = ids.claim(f"LaneSet_{number}")
    pool_of = {lane.id: pool for pool in pools for lane in pool.lanes}

    def on_task(step: Step) -> bool:
        host = steps.get(step.attached_to)
        return step.kind == StepKind.WAIT and host is not None and host.kind == StepKind.TASK

    nodes: dict[str, Node] = {}
    for step in workshop.steps:
        boundary = on_task(step)
        host = step_ids[step.attached_to] if boundary else ""
        nodes[step.id] = Node(
            step.id, step_ids[step.id], _tag(step, boundary), step.lane, step, host
        )

    edges: list[Edge] = []
    boundary_flows: dict[str, tuple[int, Flow]] = {}
    leaving: dict[str, list[int]] = {}
    for number, flow in enumerate(workshop.flows, start=1):
        if flow.source not in steps or flow.target not in steps:
            continue
        target = steps[flow.target]
        if on_task(target) and target.attached_to == flow.source:
            boundary_flows.setdefault(target.id, (number, flow))
            continue
        across = pool_of[steps[flow.source].lane] is not pool_of[target.lane]
        message = flow.is_message or across
        edges.append(
            Edge(
                ids.claim(f"Flow_{number}"),
                step_ids[flow.source],
                step_ids[flow.target],
                flow,
                message=message,
                sequence=message and not flow.is_message,
                order=number,
            )
        )
        if not message:
            leaving.setdefault(flow.source, []).append(len(edges) - 1)
    _add_splits(workshop, nodes, edges, leaving, ids)
    for node in nodes.values():
        pool_of[node.lane].nodes.append(node)
    order = {s.id: i for i, s in enumerate(workshop.steps, start=1)}
    lane_order = {lane.id: i for i, lane in enumerate((n for p in pools for n in p.lanes), 1)}
    lane_order.update({lane.id: i for i, lane in enumerate(workshop.lanes, start=1)})
    return Plan(pools, lane_ids, nodes, edges, boundary_flows, ids, order, lane_order)


def _add_splits(
    workshop: Workshop,
    nodes: dict[str, Node],
    edges: list[Edge],
    leaving: dict[str, list[int]],
    ids: XmlIds,
) -> None:
    """Put a gateway after each branching step that is not one, and one before each
    step that is not a gateway but has several flows in, and move the flows to them."""
    arriving: dict[str, list[int]] = {}
    for index, edge in enumerate(edges):
        if not edge.message:
            arriving.setdefault(edge.target, []).append(index)
    ordered: dict[str, Node] = {}
    for step in workshop.steps:
        node = nodes[step.id]
        into = arriving.get(node.id, [])
        if step.kind not in (StepKind.DECISION, StepKind.START) and len(into) >= 2:
            join = Node(
                f"join:{step.id}", ids.claim(f"{node.id}_join"), "exclusiveGateway", step.lane
            )
            ordered[join.key] = join
            for index in into:
                old = edges[index]
                edges[index] = Edge(old.id, old.source, join.id, old.flow, order=old.order)
            edges.append(Edge(ids.claim(f"Flow_{node.id}_join"), join.id, node.id, None))
        ordered[step.id] = node
        out = leaving.get(step.id, [])
        if step.kind in (StepKind.DECISION, StepKind.END) or len(out) < 2:
            continue
        kind = step.split if step.split != Gateway.EVENT_BASED else Gateway.EXCLUSIVE
        # bpmnlint wants a splitting gateway named: the question the step leaves open.
        name = step.name if kind == Gateway.PARALLEL else f"{step.name}?"
        split = Node(
            f"split:{step.id}",
            ids.claim(f"{node.id}_split"),
            GATEWAY_TAG[kind],
            step.lane,
            name=name,
        )
        ordered[split.key] = split
        edges.append(Edge(ids.claim(f"Flow_{node.id}_split"), node.id, split.id, None))
        for index in out:
            old = edges[index]
            edges[index] = Edge(old.id, split.id, old.target, old.flow, order=old.order)
    nodes.clear()
    nodes.update(ordered)
