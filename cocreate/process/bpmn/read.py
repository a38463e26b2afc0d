"""Reading BPMN 2.0 into lanes, steps and flows that keep the model's meaning.

The mapping (docs/process.md has the table):

* each pool (a participant with a process, or a process of its own) keeps its name on
  its lanes (``Lane.pool``) when a file has more than one; lanes are lanes (nested lanes:
  the innermost), and a pool without lanes, or its nodes that sit in no lane, is one
  lane named after the pool;
* tasks, call activities and subprocesses are task steps (a subprocess is one step:
  what is inside it is folded into it and reported);
* gateways are decision steps that keep their type (``Step.gateway``); a task or event
  with several outgoing sequence flows is an implicit split, parallel (inclusive when a
  flow has a condition), as BPMN reads it;
* start and end events are start and end steps, intermediate and boundary events wait
  steps, each with its trigger (``Step.trigger``); a throw event is marked
  (``EventMode.THROW``), a boundary event is attached to its task (``attached_to``), in
  its task's lane, with a flow from the task;
* sequence flows are flows, message flows between two nodes are message flows.

What cocreate wrote itself comes back exactly: its figures and ids travel in attributes
of the ``urn:cocreate:bpmn:1`` namespace, and the gateways it put after a branching
step (``cocreate:splitOf``) or before a merging one (``cocreate:joinOf``) fold back into
that step. Anything else (data objects,
annotations, groups, message flows to a whole pool, ...) is listed as not mapped; the
import does not fail on it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element

from cocreate.errors import InputError
from cocreate.model import EventMode, Flow, FlowKind, Gateway, Lane, Medium, Step, StepKind, Trigger
from cocreate.process.bpmn import elements
from cocreate.process.bpmn.parse import parse_bpmn
from cocreate.process.bpmn.vocab import (
    BPMN_NS,
    COCREATE_NS,
    EVENT_KIND,
    EVENTS,
    FLOW_NODES,
    GATEWAYS,
    QUIET,
    QUIET_ROOT,
    SUBPROCESSES,
    SYSTEM_TASKS,
    cc,
    local,
    name_of,
    namespace,
)
from cocreate.process.imports import IdMaker, ProcessImport, Report

__all__ = ["read_bpmn"]


@dataclass(slots=True)
class _Pool:
    """One pool: a process, with the participant that shows it if there is one."""

    process: Element
    participant: Element | None
    name: str
    key: str
    """``Lane.pool`` of its lanes."""
    lane: str | None = None
    """The lane of its nodes outside every lane, once there is one."""


@dataclass(slots=True)
class _Node:
    element: Element
    step: Step
    pool: _Pool


@dataclass(slots=True)
class _Split:
    """A gateway cocreate wrote after a branching step: it folds back into the step."""

    host: str
    gateway: Gateway | None


class _Reader:
    """One reading of one file; ``read`` returns the import."""

    def __init__(self, path: Path, root: Element) -> None:
        self.path = path
        self.root = root
        self.report = Report()
        self.lane_ids = IdMaker("lane")
        self.step_ids = IdMaker("step")
        self.lanes: list[Lane] = []
        self.nodes: dict[str, _Node] = {}
        self.lane_of: dict[str, str] = {}
        self.splits: dict[str, _Split] = {}
        self.joins: set[str] = set()
        """Raw ids of the gateways cocreate put before a merging step."""
        self.sequence: list[Element] = []
        self.boundary: list[_Node] = []
        self.lane_order: dict[str, int] = {}
        self.conditional: set[tuple[str, str]] = set()
        """(source, target) raw ids of sequence flows with a condition."""

    def read(self) -> ProcessImport:
        pools = self.pools()
        for pool in pools:
            self.read_pool(pool)
        self.attach()
        if not self.nodes:
            what = "its process has" if len(pools) == 1 else f"its {len(pools)} processes have"
            raise InputError(self.path, f"nothing to import: {what} no flow nodes")
        flows = self.flows()
        steps = self.implicit_splits(flows)
        self.report_root()
        title = cc(self.root, "title") or next((p.name for p in pools if p.name), "")
        return ProcessImport(
            source=self.path,
            lanes=tuple(sorted(self.lanes, key=lambda n: self.lane_order.get(n.id, 1 << 62))),
            steps=steps,
            flows=tuple(flows),
            unmapped=tuple(self.report.lines),
            title=title or self.path.stem,
        )

    # ------------------------------------------------------------------ pools and lanes

    def pools(self) -> list[_Pool]:
        processes = [e for e in self.root if local(e.tag) == "process"]
        if not processes:
            raise InputError(self.path, "no <process> in the file: nothing to import")
        known = {p.get("id") for p in processes}
        participants = [
            p
            for c in self.root
            if local(c.tag) == "collaboration"
            for p in c
            if local(p.tag) == "participant"
        ]
        shown_by: dict[str | None, Element] = {}
        for shown in participants:
            ref = shown.get("processRef")
            if ref and ref in known:
                shown_by.setdefault(ref, shown)
            else:
                self.report.add(
                    f"pool {name_of(shown) or shown.get('id')!r}: no process"
                    " inside (a black-box pool); message flows to it are not mapped"
                )
        pools: list[_Pool] = []
        taken: set[str] = set()
        for number, process in enumerate(processes, start=1):
            participant = shown_by.get(process.get("id"))
            name = (name_of(participant) if participant is not None else "") or name_of(process)
            # A nameless pool is named after the file, as a modeller's tab would show it.
            name = name or (self.path.stem if len(processes) == 1 else f"{self.path.stem} {number}")
            given = cc(participant, "pool") if participant is not None else None
            key = given if given is not None else (name if len(processes) > 1 else "")
            base, n = key, 1
            while key and key in taken:
                n += 1
                key = f"{base} ({n})"
            taken.add(key)
            pools.append(_Pool(process, participant, name, key))
        return pools

    def read_pool(self, pool: _Pool) -> None:
        for lane_set in (e for e in pool.process if local(e.tag) == "laneSet"):
            for position, (lane, name) in enumerate(elements.leaf_lanes(lane_set), start=1):
                lane_id = self.lane_ids.make(cc(lane, "id") or lane.get("id") or "")
                self.lanes.append(Lane(lane_id, name or f"{pool.name} / {position}", pool.key))
                order = cc(lane, "order")
                if order is not None and order.isdigit():
                    self.lane_order[lane_id] = int(order)
                for ref in elements.flow_node_refs(lane):
                    self.lane_of.setdefault(ref, lane_id)
        for element in pool.process:
            node = self.node(element, pool)
            if node is None:
                continue
            raw_id = element.get("id", "")
            self.nodes[raw_id] = node
            if node.step.attached_to:
                self.boundary.append(node)
            else:
                node.step = node.step.edit(lane=self.lane_of.get(raw_id) or self.pool_lane(pool))

    def pool_lane(self, pool: _Pool) -> str:
        """The lane of a pool's nodes that sit in no lane (and of a pool without lanes)."""
        if pool.lane is None:
            source = pool.participant if pool.participant is not None else pool.process
            pool.lane = self.lane_ids.make(source.get("id", ""))
            self.lanes.append(Lane(pool.lane, pool.name, pool.key))
        return pool.lane

    def attach(self) -> None:
        """Put each boundary event on its task, in the task's lane (some tools write it
        in another process than its task)."""
        for node in self.boundary:
            host = self.nodes.get(node.step.attached_to)
            if host is None or host.step.kind != StepKind.TASK:
                self.report.add(
                    f"boundary event {node.step.name!r} on {node.step.attached_to!r},"
                    " which is not a mapped task: kept as an intermediate event"
                )
                lane = self.lane_of.get(node.element.get("id", "")) or self.pool_lane(node.pool)
                node.step = node.step.edit(attached_to="", event=None, lane=lane)
            else:
                node.step = node.step.edit(attached_to=host.step.id, lane=host.step.lane)

    # ------------------------------------------------------------------ nodes

    def node(self, element: Element, pool: _Pool) -> _Node | None:
        """The step for one child of a process, or None (listed when it matters)."""
        name, raw_id = local(element.tag), element.get("id", "")
        if namespace(element.tag) != BPMN_NS:
            if namespace(element.tag) != COCREATE_NS:
                self.report.add(f"{name} (a {namespace(element.tag) or 'non-BPMN'} extension)")
            return None
        if name in QUIET:
            if name == "sequenceFlow":
                self.sequence.append(element)
            return None
        if name not in FLOW_NODES:
            label = name_of(element) or raw_id
            self.report.add(f"{name} {label!r}" if label else name)
            return None
        if not raw_id:
            self.report.add(f"{name} without an id")
            return None
        host = cc(element, "splitOf")
        if name in GATEWAYS and host is not None:
            self.splits[raw_id] = _Split(host, GATEWAYS[name])
            return None
        if name in GATEWAYS and cc(element, "joinOf") is not None:
            self.joins.add(raw_id)
            return None
        if name in SUBPROCESSES:
            self.report_folded(element)
        return _Node(element, self.step(element), pool)

    def step(self, element: Element) -> Step:
        name = local(element.tag)
        kind = StepKind.DECISION if name in GATEWAYS else EVENT_KIND.get(name, StepKind.TASK)
        kind = elements.choice(self.path, element, "kind", StepKind, kind)
        medium = Medium.SYSTEM if name in SYSTEM_TASKS else Medium.OTHER
        gateway = GATEWAYS[name] if name in GATEWAYS and kind == StepKind.DECISION else None
        if name not in GATEWAYS:
            gateway = elements.choice(self.path, element, "gateway", Gateway, None)
        trigger: Trigger | None = None
        event: EventMode | None = None
        attached_to = ""
        if name in EVENTS and kind in (StepKind.START, StepKind.END, StepKind.WAIT):
            trigger = elements.trigger(element, kind)
            if name == "intermediateThrowEvent":
                event = EventMode.THROW
            elif name == "boundaryEvent":
                attached_to = element.get("attachedToRef", "").split(":")[-1]
                if element.get("cancelActivity") == "false":
                    event = EventMode.NON_INTERRUPTING
        return Step(
            id=self.step_ids.make(cc(element, "id") or element.get("id") or ""),
            name=name_of(element) or elements.readable(name),
            lane="",
            kind=kind,
            minutes=elements.number(self.path, element, "minutes") or 0.0,
            volume=elements.number(self.path, element, "volume", whole=True),
            wait_minutes=elements.number(self.path, element, "waitMinutes") or 0.0,
            medium=elements.choice(self.path, element, "medium", Medium, medium),
            notes=elements.notes(element),
            gateway=gateway,
            trigger=trigger,
            event=event,
            attached_to=attached_to,
        )

    def report_folded(self, element: Element) -> None:
        inner = sum(1 for e in element.iter() if local(e.tag) in FLOW_NODES) - 1
        if inner > 0:
            what = "event subprocess" if element.get("triggeredByEvent") == "true" else "subprocess"
            label = name_of(element) or element.get("id", "")
            self.report.add(
                f"{what} {label!r}: its {inner} inner elements are folded into one step"
            )

    # ------------------------------------------------------------------ flows

    def flows(self) -> list[Flow]:
        """Sequence, boundary and message flows, in the order cocreate wrote them."""
        flows: list[tuple[int, Flow]] = []
        seen: set[tuple[str, str]] = set()

        def add(source: str, target: str, flow: Flow, what: str, order: str | None = None) -> None:
            if source not in self.nodes or target not in self.nodes:
                missing = source if source not in self.nodes else target
                self.report.add(f"{what} to or from {missing!r}, which is not a mapped step")
                return
            pair = (self.nodes[source].step.id, self.nodes[target].step.id)
            if pair in seen:
                self.report.add(f"second {what} {pair[0]} -> {pair[1]} (merged into the first)")
                return
            seen.add(pair)
            place = int(order) if order is not None and order.isdigit() else 1 << 62
            flows.append((place, flow.edit(source=pair[0], target=pair[1])))

        into_split: dict[str, str] = {}  # split gateway raw id -> the raw id leading into it
        out_of_join: dict[str, str] = {}  # join gateway raw id -> the raw id it leads to
        for element in self.sequence:
            source, target = element.get("sourceRef", ""), element.get("targetRef", "")
            if target in self.splits:
                into_split[target] = source
            if source in self.joins:
                out_of_join[source] = target
        for element in self.sequence:
            source, target = element.get("sourceRef", ""), element.get("targetRef", "")
            if target in self.splits or source in self.joins:
                continue
            target = out_of_join.get(target, target)
            if source in self.splits:
                split = self.splits[source]
                source = into_split.get(source, "")
                host = self.nodes.get(source)
                if host is not None and split.gateway is not None:
                    self.nodes[source].step = host.step.edit(gateway=split.gateway)
            flow = Flow("", "", name_of(element), elements.share(self.path, element))
            if cc(element, "sequence") is None and any(
                local(c.tag) == "conditionExpression" for c in element
            ):
                self.conditional.add((source, target))
            add(source, target, flow, "sequence flow", cc(element, "order"))
        for raw_id, node in self.nodes.items():
            if node.step.attached_to and cc(node.element, "hostFlow") != "none":
                host_raw = node.element.get("attachedToRef", "").split(":")[-1]
                label = cc(node.element, "hostLabel")
                flow = Flow("", "", node.step.name if label is None else label)
                flow = flow.edit(share=elements.share(self.path, node.element, "hostShare"))
                add(host_raw, raw_id, flow, "boundary event", cc(node.element, "hostFlow"))
        self.message_flows(add)
        return [flow for _, flow in sorted(flows, key=lambda item: item[0])]

    def message_flows(self, add: Any) -> None:
        for collaboration in (e for e in self.root if local(e.tag) == "collaboration"):
            for element in collaboration:
                name = local(element.tag)
                if name == "messageFlow":
                    sequence = cc(element, "sequence") == "true"
                    flow = Flow(
                        "",
                        "",
                        name_of(element),
                        elements.share(self.path, element),
                        None if sequence else FlowKind.MESSAGE,
                    )
                    source, target = element.get("sourceRef", ""), element.get("targetRef", "")
                    add(source, target, flow, "message flow", cc(element, "order"))
                elif name not in ("participant", "extensionElements", "documentation"):
                    self.report.add(f"{name} in the collaboration")

    def implicit_splits(self, flows: list[Flow]) -> tuple[Step, ...]:
        """Mark a task or event with several outgoing sequence flows as the parallel (or,
        with conditions, inclusive) split BPMN reads it as, unless cocreate wrote it."""
        by_id = {node.step.id: raw for raw, node in self.nodes.items()}
        attached = {n.step.id for n in self.nodes.values() if n.step.attached_to}
        outgoing: dict[str, list[Flow]] = {}
        for flow in flows:
            if not flow.is_message and flow.target not in attached:
                outgoing.setdefault(flow.source, []).append(flow)
        steps: list[tuple[int, Step]] = []
        for node in self.nodes.values():
            step = node.step
            out = outgoing.get(step.id, [])
            own = cc(node.element, "kind") is None
            if own and step.kind not in (StepKind.DECISION, StepKind.END) and len(out) >= 2:
                raw = by_id[step.id]
                conditional = any((raw, by_id.get(f.target, "")) in self.conditional for f in out)
                step = step.edit(gateway=Gateway.INCLUSIVE if conditional else Gateway.PARALLEL)
            order = cc(node.element, "order")
            steps.append((int(order) if order and order.isdigit() else 1 << 62, step))
        return tuple(step for _, step in sorted(steps, key=lambda item: item[0]))

    # ------------------------------------------------------------------ the rest

    def report_root(self) -> None:
        for element in self.root:
            name = local(element.tag)
            if name not in QUIET_ROOT and namespace(element.tag) == BPMN_NS:
                self.report.add(f"{name} {name_of(element) or element.get('id', '')!r}")
        for process in (e for e in self.root if local(e.tag) == "process"):
            for element in process.iter():
                if local(element.tag) in ("dataInputAssociation", "dataOutputAssociation"):
                    self.report.add("data associations (inputs and outputs of tasks)")


def read_bpmn(path: str | Path) -> ProcessImport:
    """Read a BPMN 2.0 file into lanes, steps and flows.

    Raises
    ------
    InputError
        For a file that is not well-formed XML, not BPMN, has a DTD or entities, is not
        in its declared encoding, has no flow nodes, or carries a cocreate attribute with
        a bad value. Elements cocreate has no place for are listed in ``unmapped``.
    """
    path = Path(path)
    return _Reader(path, parse_bpmn(path)).read()
