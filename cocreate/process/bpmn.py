"""BPMN 2.0 XML in and out: Camunda Modeler, bpmn.io and Signavio files.

Reading maps

* lanes to lanes (nested lanes to their innermost lanes), and a pool without lanes, or
  the nodes of a pool that sit in no lane, to one lane named after the pool;
* tasks, call activities and subprocesses to task steps (a subprocess is one step: what
  is inside it is folded into it and reported), gateways to decision steps, start and
  end events to start and end steps, intermediate and boundary events to wait steps (a
  boundary event gets a flow from the activity it is attached to);
* sequence flows to flows, and message flows between two nodes to flows, which cross
  lanes, so they count as handoffs.

Anything else (data objects, annotations, groups, message flows to a whole pool, ...)
is listed as not mapped; the import does not fail on it. Files are parsed with
defusedxml and any DTD is refused, which shuts out entity expansion ("billion laughs"),
external entities and remote DTDs.

Writing produces one pool with a lane per workshop lane, and a BPMNDI diagram laid out
left to right, so bpmn.io and Camunda Modeler show it as drawn. cocreate's own figures
(minutes, waits, volumes, media, shares, ids) travel in attributes of the
``urn:cocreate:bpmn:1`` namespace, so exporting and importing again gives the same
steps, lanes and flows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element

from cocreate.errors import InputError
from cocreate.model import Flow, Lane, Medium, Step, StepKind, Workshop
from cocreate.process.imports import IdMaker, ProcessImport, Report

__all__ = [
    "BPMN_NS",
    "COCREATE_NS",
    "MAX_BPMN_BYTES",
    "layout",
    "read_bpmn",
    "to_bpmn",
    "write_bpmn",
]

BPMN_NS = "http://www.omg.org/spec/BPMN/20100524/MODEL"
BPMNDI_NS = "http://www.omg.org/spec/BPMN/20100524/DI"
DC_NS = "http://www.omg.org/spec/DD/20100524/DC"
DI_NS = "http://www.omg.org/spec/DD/20100524/DI"
COCREATE_NS = "urn:cocreate:bpmn:1"
#: BPMN files larger than this are refused rather than parsed.
MAX_BPMN_BYTES = 32 * 1024 * 1024

_TASKS = {
    "task",
    "userTask",
    "serviceTask",
    "sendTask",
    "receiveTask",
    "manualTask",
    "businessRuleTask",
    "scriptTask",
    "callActivity",
    "subProcess",
    "transaction",
    "adHocSubProcess",
}
_GATEWAYS = {
    "exclusiveGateway",
    "inclusiveGateway",
    "parallelGateway",
    "eventBasedGateway",
    "complexGateway",
}
_WAITS = {"intermediateCatchEvent", "intermediateThrowEvent", "boundaryEvent"}
_SYSTEM_TASKS = {"serviceTask", "scriptTask", "businessRuleTask"}
#: Children of a process that carry no steps and need no mention.
_QUIET = {
    "laneSet",
    "sequenceFlow",
    "extensionElements",
    "documentation",
    "ioSpecification",
    "property",
}


def _local(tag: Any) -> str:
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def _ns(tag: Any) -> str:
    return tag[1:].split("}", 1)[0] if isinstance(tag, str) and tag.startswith("{") else ""


def _name(element: Element) -> str:
    return " ".join((element.get("name") or "").split())


def _cc(element: Element, attribute: str) -> str | None:
    return element.get(f"{{{COCREATE_NS}}}{attribute}")


# =========================================================================== reading


def _parse(path: Path) -> Element:
    from xml.etree.ElementTree import ParseError

    import defusedxml
    import defusedxml.ElementTree as DET

    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror or exc}") from None
    if path.is_dir():
        raise InputError(path, "is a folder, not a BPMN file")
    if size > MAX_BPMN_BYTES:
        raise InputError(path, f"file is {size:,} bytes, over the limit of {MAX_BPMN_BYTES:,}")
    try:
        tree = DET.parse(str(path), forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except defusedxml.DTDForbidden:
        raise InputError(
            path,
            "refused: the file has a DTD (<!DOCTYPE>), which BPMN never"
            " needs and which can expand entities or fetch remote files",
        ) from None
    except defusedxml.EntitiesForbidden:
        raise InputError(path, "refused: the file declares XML entities") from None
    except defusedxml.ExternalReferenceForbidden:
        raise InputError(path, "refused: the file refers to an external resource") from None
    except defusedxml.DefusedXmlException as exc:
        raise InputError(path, f"refused: {exc}") from None
    except ParseError as exc:
        line, column = getattr(exc, "position", (None, None))
        message = str(exc).split(":", 1)[0]
        raise InputError(
            path,
            f"not well-formed XML: {message}",
            line=line,
            column=None if column is None else column + 1,
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(path, f"cannot read: {exc}") from None
    root = tree.getroot()
    if _local(root.tag) != "definitions" or _ns(root.tag) != BPMN_NS:
        raise InputError(
            path, f"not a BPMN 2.0 file: the root element is not <definitions> in {BPMN_NS}", line=1
        )
    return root


@dataclass(slots=True)
class _Node:
    raw_id: str
    step: Step
    pool: str


def _number(path: Path, element: Element, attribute: str, *, whole: bool = False) -> Any:
    raw = _cc(element, attribute)
    if raw is None:
        return None
    try:
        value = int(raw) if whole else float(raw)
    except ValueError:
        kind = "a whole number" if whole else "a number"
        raise InputError(
            path,
            f"must be {kind}, not {raw!r}",
            field=f"{_local(element.tag)} {element.get('id', '?')} cocreate:{attribute}",
        ) from None
    if value < 0 or value != value:
        raise InputError(
            path,
            f"must not be negative ({raw})",
            field=f"{_local(element.tag)} {element.get('id', '?')} cocreate:{attribute}",
        )
    return value


def _choice(path: Path, element: Element, attribute: str, kind: type, default: Any) -> Any:
    raw = _cc(element, attribute)
    if raw is None:
        return default
    try:
        return kind(raw)
    except ValueError:
        raise InputError(
            path,
            f"unknown value {raw!r}",
            field=f"{_local(element.tag)} {element.get('id', '?')} cocreate:{attribute}",
        ) from None


def _leaf_lanes(lane_set: Element) -> list[tuple[Element, str]]:
    """Innermost lanes with a name (a nameless child lane takes its parent's)."""
    out: list[tuple[Element, str]] = []

    def walk(container: Element, parent_name: str) -> None:
        for lane in container:
            if _local(lane.tag) != "lane":
                continue
            name = _name(lane) or parent_name
            children = [c for c in lane if _local(c.tag) == "childLaneSet"]
            if children and any(_local(x.tag) == "lane" for c in children for x in c):
                for child in children:
                    walk(child, name)
            else:
                out.append((lane, name))

    walk(lane_set, "")
    return out


def _flow_node_refs(lane: Element) -> list[str]:
    refs = [(c.text or "").strip() for c in lane.iter() if _local(c.tag) == "flowNodeRef"]
    return [r for r in refs if r]


def read_bpmn(path: str | Path) -> ProcessImport:
    """Read a BPMN 2.0 file into lanes, steps and flows.

    Raises
    ------
    InputError
        For a file that is not well-formed XML, not BPMN, has a DTD or entities, or
        carries a cocreate attribute with a bad value. Elements cocreate has no place
        for are listed in ``unmapped`` instead.
    """
    path = Path(path)
    root = _parse(path)
    report = Report()
    processes = [e for e in root if _local(e.tag) == "process"]
    collaborations = [e for e in root if _local(e.tag) == "collaboration"]
    participants = [p for c in collaborations for p in c if _local(p.tag) == "participant"]
    pool_of_process = {p.get("processRef"): p for p in participants if p.get("processRef")}
    for participant in participants:
        ref = participant.get("processRef")
        if not ref or ref not in {p.get("id") for p in processes}:
            report.add(
                f"pool {_name(participant) or participant.get('id')!r}: no process"
                " inside (a black-box pool); message flows to it are not mapped"
            )
    if not processes:
        raise InputError(path, "no <process> in the file: nothing to import")

    lane_ids = IdMaker("lane")
    step_ids = IdMaker("step")
    lanes: list[Lane] = []
    nodes: dict[str, _Node] = {}
    raw_flows: list[Element] = []
    boundary: list[tuple[str, str]] = []  # (boundary raw id, attached-to raw id)
    title = ""

    for number, process in enumerate(processes, start=1):
        participant = pool_of_process.get(process.get("id"))
        pool_name = (_name(participant) if participant is not None else "") or _name(process)
        title = title or pool_name
        if not pool_name:
            # A nameless pool is named after the file, as a modeller's tab would show it.
            pool_name = path.stem if len(processes) == 1 else f"{path.stem} {number}"
        lane_of: dict[str, str] = {}
        for lane_set in (e for e in process if _local(e.tag) == "laneSet"):
            for position, (lane, name) in enumerate(_leaf_lanes(lane_set), start=1):
                lane_id = lane_ids.make(_cc(lane, "id") or lane.get("id", ""))
                lanes.append(Lane(lane_id, name or f"{pool_name} / {position}"))
                for ref in _flow_node_refs(lane):
                    lane_of.setdefault(ref, lane_id)
        pool_lane: str | None = None
        pool_source = participant if participant is not None else process
        for element in process:
            local = _local(element.tag)
            raw_id = element.get("id", "")
            if _ns(element.tag) != BPMN_NS:
                if _ns(element.tag) != COCREATE_NS:
                    report.add(f"{local} (a {_ns(element.tag) or 'non-BPMN'} extension)")
                continue
            if local in _QUIET:
                if local == "sequenceFlow":
                    raw_flows.append(element)
                continue
            if local in _TASKS:
                kind, medium = (
                    StepKind.TASK,
                    (Medium.SYSTEM if local in _SYSTEM_TASKS else Medium.OTHER),
                )
                if local in {"subProcess", "transaction", "adHocSubProcess"}:
                    inner = (
                        sum(
                            1
                            for e in element.iter()
                            if _local(e.tag)
                            in (_TASKS | _GATEWAYS | _WAITS | {"startEvent", "endEvent"})
                        )
                        - 1
                    )
                    if inner > 0:
                        what = (
                            "event subprocess"
                            if element.get("triggeredByEvent") == "true"
                            else "subprocess"
                        )
                        report.add(
                            f"{what} {_name(element) or raw_id!r}: its {inner} inner"
                            " elements are folded into one step"
                        )
            elif local in _GATEWAYS:
                kind, medium = StepKind.DECISION, Medium.OTHER
            elif local == "startEvent":
                kind, medium = StepKind.START, Medium.OTHER
            elif local == "endEvent":
                kind, medium = StepKind.END, Medium.OTHER
            elif local in _WAITS:
                kind, medium = StepKind.WAIT, Medium.OTHER
                if local == "boundaryEvent" and element.get("attachedToRef"):
                    boundary.append((raw_id, element.get("attachedToRef", "")))
            else:
                label = _name(element) or raw_id
                report.add(f"{local} {label!r}" if label else local)
                continue
            if not raw_id:
                report.add(f"{local} without an id")
                continue
            documentation = " ".join(
                " ".join((d.text or "").split())
                for d in element
                if _local(d.tag) == "documentation" and d.text
            )
            lane_id = lane_of.get(raw_id)
            if lane_id is None:
                if pool_lane is None:
                    pool_lane = lane_ids.make(pool_source.get("id", ""))
                    lanes.append(Lane(pool_lane, pool_name))
                lane_id = pool_lane
            step = Step(
                id=step_ids.make(_cc(element, "id") or raw_id),
                name=_name(element) or _readable(local),
                lane=lane_id,
                kind=_choice(path, element, "kind", StepKind, kind),
                minutes=_number(path, element, "minutes") or 0.0,
                volume=_number(path, element, "volume", whole=True),
                wait_minutes=_number(path, element, "waitMinutes") or 0.0,
                medium=_choice(path, element, "medium", Medium, medium),
                notes=documentation,
            )
            nodes[raw_id] = _Node(raw_id, step, pool_name)

    flows: list[Flow] = []
    seen: set[tuple[str, str]] = set()

    def add_flow(source: str, target: str, label: str, share: float | None, what: str) -> None:
        if source not in nodes or target not in nodes:
            missing = source if source not in nodes else target
            report.add(f"{what} to or from {missing!r}, which is not a mapped step")
            return
        pair = (nodes[source].step.id, nodes[target].step.id)
        if pair in seen:
            report.add(f"second {what} {pair[0]} -> {pair[1]} (merged into the first)")
            return
        seen.add(pair)
        flows.append(Flow(pair[0], pair[1], label, share))

    for element in raw_flows:
        share = _number(path, element, "share")
        if share is not None and share > 1:
            raise InputError(
                path,
                f"must be between 0 and 1 ({share:g})",
                field=f"sequenceFlow {element.get('id', '?')} cocreate:share",
            )
        add_flow(
            element.get("sourceRef", ""),
            element.get("targetRef", ""),
            _name(element),
            share,
            "sequence flow",
        )
    for raw_id, host in boundary:
        event = nodes.get(raw_id)
        add_flow(host, raw_id, event.step.name if event else "", None, "boundary event")
    for collaboration in collaborations:
        for element in collaboration:
            local = _local(element.tag)
            if local == "messageFlow":
                add_flow(
                    element.get("sourceRef", ""),
                    element.get("targetRef", ""),
                    _name(element) or "message",
                    None,
                    "message flow",
                )
            elif local not in ("participant", "extensionElements", "documentation"):
                report.add(f"{local} in the collaboration")
    for element in root:
        local = _local(element.tag)
        if (
            local
            not in (
                "process",
                "collaboration",
                "BPMNDiagram",
                "message",
                "error",
                "signal",
                "escalation",
                "itemDefinition",
                "extensionElements",
                "documentation",
            )
            and _ns(element.tag) == BPMN_NS
        ):
            report.add(f"{local} {_name(element) or element.get('id', '')!r}")
    for process in processes:
        for element in process.iter():
            local = _local(element.tag)
            if local in ("dataInputAssociation", "dataOutputAssociation"):
                report.add("data associations (inputs and outputs of tasks)")

    title = _cc(root, "title") or title or path.stem
    return ProcessImport(
        source=path,
        lanes=tuple(lanes),
        steps=tuple(node.step for node in nodes.values()),
        flows=tuple(flows),
        unmapped=tuple(report.lines),
        title=title,
    )


def _readable(local: str) -> str:
    """``exclusiveGateway`` -> ``exclusive gateway``, the name of a nameless node."""
    return re.sub(r"(?<!^)(?=[A-Z])", " ", local).lower()


# =========================================================================== layout


#: Shape sizes (width, height) as bpmn.io draws them.
SIZES = {
    StepKind.START: (36, 36),
    StepKind.END: (36, 36),
    StepKind.WAIT: (36, 36),
    StepKind.DECISION: (50, 50),
    StepKind.TASK: (100, 80),
}
COLUMN = 160
ROW = 120
LANE_HEADER = 30
POOL_X, POOL_Y = 100, 80
MARGIN = 50


@dataclass(frozen=True, slots=True)
class Box:
    x: float
    y: float
    width: float
    height: float

    @property
    def middle(self) -> tuple[float, float]:
        return self.x + self.width / 2, self.y + self.height / 2


@dataclass(frozen=True, slots=True)
class Layout:
    pool: Box
    lanes: dict[str, Box]
    steps: dict[str, Box]
    edges: dict[tuple[str, str], list[tuple[float, float]]]


def _columns(workshop: Workshop) -> dict[str, int]:
    """Each step's column: the longest path to it once flows going back are set aside."""
    import networkx as nx

    from cocreate.process.graph import build_graph, start_weights

    graph = build_graph(workshop)
    order = [*start_weights(workshop), *(s.id for s in workshop.steps)]
    back: set[tuple[str, str]] = set()
    seen: set[str] = set()
    for root in order:
        if root in seen:
            continue
        stack = {root}
        path = [root]
        seen.add(root)
        iterators = [iter(graph.successors(root))]
        while iterators:
            for child in iterators[-1]:
                if child in stack:
                    back.add((path[-1], child))
                elif child not in seen:
                    seen.add(child)
                    stack.add(child)
                    path.append(child)
                    iterators.append(iter(graph.successors(child)))
                    break
            else:
                iterators.pop()
                stack.discard(path.pop())
    dag = nx.DiGraph()
    dag.add_nodes_from(graph.nodes)
    dag.add_edges_from(e for e in graph.edges if e not in back and e[0] != e[1])
    column: dict[str, int] = {}
    for node in nx.topological_sort(dag):
        column[node] = max((column[p] + 1 for p in dag.predecessors(node)), default=0)
    return column


def layout(workshop: Workshop) -> Layout:
    """Where each lane, step and flow goes in the diagram, left to right."""
    column = _columns(workshop)
    lane_order = [lane.id for lane in workshop.lanes]
    for step in workshop.steps:
        if step.lane not in lane_order:
            lane_order.append(step.lane)
    rows: dict[str, dict[str, int]] = {lane: {} for lane in lane_order}
    used: dict[tuple[str, int], int] = {}
    for step in workshop.steps:
        key = (step.lane, column[step.id])
        rows[step.lane][step.id] = used.get(key, 0)
        used[key] = used.get(key, 0) + 1
    width = (max(column.values(), default=0) + 1) * COLUMN + 2 * MARGIN
    lanes: dict[str, Box] = {}
    steps: dict[str, Box] = {}
    y = POOL_Y
    for lane in lane_order:
        height = max([*rows[lane].values(), 0]) * ROW + ROW + 40
        lanes[lane] = Box(POOL_X + LANE_HEADER, y, width, height)
        y += height
    for step in workshop.steps:
        w, h = SIZES[step.kind]
        box = lanes[step.lane]
        cx = box.x + MARGIN + column[step.id] * COLUMN + 50
        cy = box.y + 20 + rows[step.lane][step.id] * ROW + ROW / 2
        steps[step.id] = Box(cx - w / 2, cy - h / 2, w, h)
    pool = Box(POOL_X, POOL_Y, width + LANE_HEADER, max(y - POOL_Y, ROW))
    edges: dict[tuple[str, str], list[tuple[float, float]]] = {}
    lane_of = {s.id: s.lane for s in workshop.steps}
    bottom = y - 10
    for flow in workshop.flows:
        if flow.source not in steps or flow.target not in steps:
            continue
        a, b = steps[flow.source], steps[flow.target]
        a_lane = lane_of[flow.source]
        (ax, ay), (bx, by) = a.middle, b.middle
        if column[flow.target] > column[flow.source]:
            start, end = (a.x + a.width, ay), (b.x, by)
            between = any(
                other.lane == a_lane
                and column[flow.source] < column[other.id] < column[flow.target]
                and abs(steps[other.id].middle[1] - ay) < 1
                for other in workshop.steps
            )
            if abs(ay - by) < 1 and between:  # hop over the steps in between
                top = min(a.y, b.y) - 20
                points = [(ax, a.y), (ax, top), (bx, top), (bx, b.y)]
            elif abs(ay - by) < 1:
                points = [start, end]
            else:
                mid = b.x - 25
                points = [start, (mid, ay), (mid, by), end]
        else:  # a flow going back (a loop) or down the same column: route below
            lane_bottom = lanes[a_lane].y + lanes[a_lane].height - 10
            low = min(bottom, max(lane_bottom, ay + a.height / 2 + 15, by + b.height / 2 + 15))
            points = [(ax, a.y + a.height), (ax, low), (bx, low), (bx, b.y + b.height)]
        edges[(flow.source, flow.target)] = points
    return Layout(pool, lanes, steps, edges)


# =========================================================================== writing

_TAG = {
    StepKind.START: "startEvent",
    StepKind.END: "endEvent",
    StepKind.DECISION: "exclusiveGateway",
    StepKind.WAIT: "intermediateCatchEvent",
    StepKind.TASK: "task",
}
_NCNAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.\-]*$")


def _xml_id(prefix: str, value: str) -> str:
    """An XML id (an NCName) for one of our ids: itself when it is one."""
    return value if _NCNAME.match(value) and not value.startswith("cc_") else f"cc_{prefix}{value}"


def to_bpmn(workshop: Workshop) -> str:
    """The workshop's process as BPMN 2.0 XML with lanes and a BPMNDI diagram."""
    from xml.etree.ElementTree import SubElement, register_namespace, tostring

    for prefix, uri in (
        ("bpmn", BPMN_NS),
        ("bpmndi", BPMNDI_NS),
        ("dc", DC_NS),
        ("di", DI_NS),
        ("cocreate", COCREATE_NS),
    ):
        register_namespace(prefix, uri)

    def b(tag: str) -> str:
        return f"{{{BPMN_NS}}}{tag}"

    def cc(name: str) -> str:
        return f"{{{COCREATE_NS}}}{name}"

    geometry = layout(workshop)
    step_xml = {s.id: _xml_id("step_", s.id) for s in workshop.steps}
    lane_xml = {lane.id: _xml_id("lane_", lane.id) for lane in workshop.lanes}
    flow_xml = [f"Flow_{i + 1}" for i in range(len(workshop.flows))]

    root = Element(
        b("definitions"),
        {
            "id": "Definitions_cocreate",
            "targetNamespace": "urn:cocreate:process",
            "exporter": "cocreate",
            "exporterVersion": _version(),
            cc("title"): workshop.meta.title,
        },
    )
    collaboration = SubElement(root, b("collaboration"), {"id": "Collaboration_1"})
    SubElement(
        collaboration,
        b("participant"),
        {
            "id": "Participant_1",
            "name": workshop.meta.title,
            "processRef": "Process_1",
        },
    )
    process = SubElement(
        root,
        b("process"),
        {"id": "Process_1", "isExecutable": "false", "name": workshop.meta.title},
    )
    lane_set = SubElement(process, b("laneSet"), {"id": "LaneSet_1"})
    for lane in workshop.lanes:
        element = SubElement(
            lane_set, b("lane"), {"id": lane_xml[lane.id], "name": lane.name, cc("id"): lane.id}
        )
        for step in workshop.steps:
            if step.lane == lane.id:
                SubElement(element, b("flowNodeRef")).text = step_xml[step.id]
    incoming: dict[str, list[str]] = {}
    outgoing: dict[str, list[str]] = {}
    for flow, xml_id in zip(workshop.flows, flow_xml, strict=True):
        outgoing.setdefault(flow.source, []).append(xml_id)
        incoming.setdefault(flow.target, []).append(xml_id)
    for step in workshop.steps:
        attributes = {
            "id": step_xml[step.id],
            "name": step.name,
            cc("id"): step.id,
            cc("kind"): step.kind.value,
            cc("medium"): step.medium.value,
        }
        if step.minutes:
            attributes[cc("minutes")] = repr(step.minutes)
        if step.wait_minutes:
            attributes[cc("waitMinutes")] = repr(step.wait_minutes)
        if step.volume is not None:
            attributes[cc("volume")] = str(step.volume)
        element = SubElement(process, b(_TAG[step.kind]), attributes)
        if step.notes:
            SubElement(element, b("documentation")).text = step.notes
        for xml_id in incoming.get(step.id, ()):
            SubElement(element, b("incoming")).text = xml_id
        for xml_id in outgoing.get(step.id, ()):
            SubElement(element, b("outgoing")).text = xml_id
        if step.kind == StepKind.WAIT:
            SubElement(element, b("timerEventDefinition"), {"id": f"Timer_{step_xml[step.id]}"})
    for flow, xml_id in zip(workshop.flows, flow_xml, strict=True):
        attributes = {
            "id": xml_id,
            "sourceRef": step_xml.get(flow.source, flow.source),
            "targetRef": step_xml.get(flow.target, flow.target),
        }
        if flow.label:
            attributes["name"] = flow.label
        if flow.share is not None:
            attributes[cc("share")] = repr(flow.share)
        SubElement(process, b("sequenceFlow"), attributes)

    diagram = SubElement(root, f"{{{BPMNDI_NS}}}BPMNDiagram", {"id": "BPMNDiagram_1"})
    plane = SubElement(
        diagram,
        f"{{{BPMNDI_NS}}}BPMNPlane",
        {"id": "BPMNPlane_1", "bpmnElement": "Collaboration_1"},
    )

    def shape(element_id: str, box: Box, **extra: str) -> None:
        node = SubElement(
            plane,
            f"{{{BPMNDI_NS}}}BPMNShape",
            {"id": f"{element_id}_di", "bpmnElement": element_id, **extra},
        )
        SubElement(
            node,
            f"{{{DC_NS}}}Bounds",
            {
                "x": _coordinate(box.x),
                "y": _coordinate(box.y),
                "width": _coordinate(box.width),
                "height": _coordinate(box.height),
            },
        )

    shape("Participant_1", geometry.pool, isHorizontal="true")
    for lane in workshop.lanes:
        shape(lane_xml[lane.id], geometry.lanes[lane.id], isHorizontal="true")
    for step in workshop.steps:
        extra = {"isMarkerVisible": "true"} if step.kind == StepKind.DECISION else {}
        shape(step_xml[step.id], geometry.steps[step.id], **extra)
    for flow, xml_id in zip(workshop.flows, flow_xml, strict=True):
        points = geometry.edges.get((flow.source, flow.target))
        if not points:
            continue
        edge = SubElement(
            plane, f"{{{BPMNDI_NS}}}BPMNEdge", {"id": f"{xml_id}_di", "bpmnElement": xml_id}
        )
        for x, y in points:
            SubElement(edge, f"{{{DI_NS}}}waypoint", {"x": _coordinate(x), "y": _coordinate(y)})

    _indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + tostring(root, encoding="unicode") + "\n"


def _coordinate(value: float) -> str:
    return str(round(value)) if float(value).is_integer() else f"{value:.1f}"


def _version() -> str:
    from cocreate import __version__

    return __version__


def _indent(element: Element) -> None:
    from xml.etree.ElementTree import indent

    indent(element, space="  ")


def write_bpmn(workshop: Workshop, path: str | Path) -> Path:
    """Write the BPMN export to ``path`` atomically (a temp file renamed over it)."""
    from cocreate.process.export import write_text

    return write_text(path, to_bpmn(workshop))
