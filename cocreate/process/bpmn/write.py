"""Writing a workshop as BPMN 2.0 XML that validates against the OMG schema.

The file has a collaboration with a participant per pool, a process per pool with its
lanes, the flow nodes and flows of ``plan``, and a BPMNDI diagram laid out by
``layout``, so bpmn.io and Camunda Modeler show it as drawn. cocreate's own figures
(minutes, waits, volumes, media, shares, ids) travel in attributes of the
``urn:cocreate:bpmn:1`` namespace, which other tools ignore, so exporting and importing
again gives the same lanes, steps and flows.
"""

from __future__ import annotations

from pathlib import Path
from xml.etree.ElementTree import Element, SubElement

from cocreate.model import EventMode, Flow, Step, StepKind, Trigger, Workshop
from cocreate.process.bpmn.layout import Box, Layout, layout_plan
from cocreate.process.bpmn.plan import Edge, Node, Plan, Pool, plan
from cocreate.process.bpmn.vocab import (
    BPMN_NS,
    BPMNDI_NS,
    COCREATE_NS,
    DC_NS,
    DEFINITION_TAG,
    DI_NS,
    XSI_NS,
)

__all__ = ["to_bpmn", "write_bpmn"]

_PREFIXES = (
    ("bpmn", BPMN_NS),
    ("bpmndi", BPMNDI_NS),
    ("dc", DC_NS),
    ("di", DI_NS),
    ("xsi", XSI_NS),
    ("cocreate", COCREATE_NS),
)


def _b(tag: str) -> str:
    return f"{{{BPMN_NS}}}{tag}"


def _cc(name: str) -> str:
    return f"{{{COCREATE_NS}}}{name}"


def _number(value: float) -> str:
    return repr(value)


def _coordinate(value: float) -> str:
    return str(round(value)) if float(value).is_integer() else f"{value:.1f}"


def _step_attributes(step: Step, node: Node, drawing: Plan) -> dict[str, str]:
    attributes = {
        "id": node.id,
        "name": step.name,
        _cc("id"): step.id,
        _cc("kind"): step.kind.value,
        _cc("medium"): step.medium.value,
    }
    if step.minutes:
        attributes[_cc("minutes")] = _number(step.minutes)
    if step.wait_minutes:
        attributes[_cc("waitMinutes")] = _number(step.wait_minutes)
    if step.volume is not None:
        attributes[_cc("volume")] = str(step.volume)
    attributes[_cc("order")] = str(drawing.order[step.id])
    if step.gateway is not None and step.kind != StepKind.DECISION:
        attributes[_cc("gateway")] = step.gateway.value
    if node.host:
        attributes["attachedToRef"] = node.host
        if step.event is EventMode.NON_INTERRUPTING:
            attributes["cancelActivity"] = "false"
        found = drawing.boundary_flows.get(step.id)
        if found is None:
            attributes[_cc("hostFlow")] = "none"
        else:
            order, flow = found
            attributes[_cc("hostFlow")] = str(order)
            if flow.share is not None:
                attributes[_cc("hostShare")] = _number(flow.share)
            if flow.label != step.name:
                attributes[_cc("hostLabel")] = flow.label
    return attributes


def _definitions(element: Element, step: Step, node: Node, drawing: Plan) -> None:
    """The event definitions of an event step's trigger."""
    trigger = step.event_trigger
    if trigger == Trigger.NONE:
        return
    if trigger in (Trigger.MULTIPLE, Trigger.PARALLEL_MULTIPLE):
        if trigger == Trigger.PARALLEL_MULTIPLE and node.tag != "intermediateThrowEvent":
            element.set("parallelMultiple", "true")
        tags = [DEFINITION_TAG[Trigger.MESSAGE], DEFINITION_TAG[Trigger.SIGNAL]]
    else:
        tags = [DEFINITION_TAG[trigger]]
    for tag in tags:
        definition = SubElement(element, _b(tag), {"id": drawing.ids.claim(f"{node.id}_{tag}")})
        if trigger == Trigger.LINK:
            definition.set("name", step.name or "link")
        elif trigger == Trigger.CONDITIONAL:
            SubElement(definition, _b("condition"))


def _flow_node(parent: Element, node: Node, drawing: Plan, incoming: dict, outgoing: dict) -> None:
    step = node.step
    if step is None:  # a gateway after a branching step, or before a merging one
        role, host = node.key.split(":", 1)
        attributes = {"id": node.id, _cc(f"{role}Of"): host}
        if node.name:
            attributes["name"] = node.name
    else:
        attributes = _step_attributes(step, node, drawing)
    element = SubElement(parent, _b(node.tag), attributes)
    if step is not None and step.notes:
        SubElement(element, _b("documentation")).text = step.notes
    for edge_id in incoming.get(node.id, ()):
        SubElement(element, _b("incoming")).text = edge_id
    for edge_id in outgoing.get(node.id, ()):
        SubElement(element, _b("outgoing")).text = edge_id
    if step is not None and node.tag.endswith("Event"):
        _definitions(element, step, node, drawing)


def _flow_attributes(edge: Edge) -> dict[str, str]:
    attributes = {"id": edge.id, "sourceRef": edge.source, "targetRef": edge.target}
    flow: Flow | None = edge.flow
    if flow is not None:
        if flow.label:
            attributes["name"] = flow.label
        if flow.share is not None:
            attributes[_cc("share")] = _number(flow.share)
    if edge.sequence:
        attributes[_cc("sequence")] = "true"
    if edge.order is not None:
        attributes[_cc("order")] = str(edge.order)
    return attributes


def _process(root: Element, pool: Pool, drawing: Plan) -> None:
    process = SubElement(
        root, _b("process"), {"id": pool.process, "isExecutable": "false", "name": pool.name}
    )
    lane_set = SubElement(process, _b("laneSet"), {"id": pool.lane_set})
    for lane in pool.lanes:
        element = SubElement(
            lane_set,
            _b("lane"),
            {
                "id": drawing.lane_ids[lane.id],
                "name": lane.name,
                _cc("id"): lane.id,
                _cc("order"): str(drawing.lane_order[lane.id]),
            },
        )
        for node in pool.nodes:
            if node.lane == lane.id:
                SubElement(element, _b("flowNodeRef")).text = node.id
    mine = {node.id for node in pool.nodes}
    edges = [e for e in drawing.sequence_edges if e.source in mine]
    incoming: dict[str, list[str]] = {}
    outgoing: dict[str, list[str]] = {}
    for edge in edges:
        outgoing.setdefault(edge.source, []).append(edge.id)
        incoming.setdefault(edge.target, []).append(edge.id)
    for node in pool.nodes:
        _flow_node(process, node, drawing, incoming, outgoing)
    for edge in edges:
        SubElement(process, _b("sequenceFlow"), _flow_attributes(edge))


def _diagram(root: Element, drawing: Plan, geometry: Layout, collaboration: str) -> None:
    ids = drawing.ids
    diagram = SubElement(root, f"{{{BPMNDI_NS}}}BPMNDiagram", {"id": ids.claim("BPMNDiagram_1")})
    plane = SubElement(
        diagram,
        f"{{{BPMNDI_NS}}}BPMNPlane",
        {"id": ids.claim("BPMNPlane_1"), "bpmnElement": collaboration},
    )

    def shape(element_id: str, box: Box, **extra: str) -> None:
        node = SubElement(
            plane,
            f"{{{BPMNDI_NS}}}BPMNShape",
            {"id": ids.claim(f"{element_id}_di"), "bpmnElement": element_id, **extra},
        )
        bounds = {"x": box.x, "y": box.y, "width": box.width, "height": box.height}
        SubElement(node, f"{{{DC_NS}}}Bounds", {k: _coordinate(v) for k, v in bounds.items()})

    for pool in drawing.pools:
        shape(pool.participant, geometry.pools[pool.key], isHorizontal="true")
        for lane in pool.lanes:
            shape(drawing.lane_ids[lane.id], geometry.lanes[lane.id], isHorizontal="true")
    for node in drawing.nodes.values():
        extra = {"isMarkerVisible": "true"} if node.tag == "exclusiveGateway" else {}
        shape(node.id, geometry.nodes[node.key], **extra)
    for edge in drawing.edges:
        element = SubElement(
            plane,
            f"{{{BPMNDI_NS}}}BPMNEdge",
            {"id": ids.claim(f"{edge.id}_di"), "bpmnElement": edge.id},
        )
        for x, y in geometry.edges[edge.id]:
            SubElement(element, f"{{{DI_NS}}}waypoint", {"x": _coordinate(x), "y": _coordinate(y)})


def to_bpmn(workshop: Workshop) -> str:
    """The workshop's process as BPMN 2.0 XML with pools, lanes and a BPMNDI diagram."""
    from xml.etree.ElementTree import indent, register_namespace, tostring

    from cocreate import __version__

    for prefix, uri in _PREFIXES:
        register_namespace(prefix, uri)
    drawing = plan(workshop)
    geometry = layout_plan(drawing)
    ids = drawing.ids
    root = Element(
        _b("definitions"),
        {
            "id": ids.claim("Definitions_cocreate"),
            "targetNamespace": "urn:cocreate:process",
            "exporter": "cocreate",
            "exporterVersion": __version__,
            _cc("title"): workshop.meta.title,
        },
    )
    collaboration = SubElement(root, _b("collaboration"), {"id": ids.claim("Collaboration_1")})
    for pool in drawing.pools:
        SubElement(
            collaboration,
            _b("participant"),
            {
                "id": pool.participant,
                "name": pool.name,
                "processRef": pool.process,
                _cc("pool"): pool.key,
            },
        )
    for edge in drawing.edges:
        if edge.message:
            SubElement(collaboration, _b("messageFlow"), _flow_attributes(edge))
    for pool in drawing.pools:
        _process(root, pool, drawing)
    _diagram(root, drawing, geometry, collaboration.get("id", ""))
    indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + tostring(root, encoding="unicode") + "\n"


def write_bpmn(workshop: Workshop, path: str | Path) -> Path:
    """Write the BPMN export to ``path`` atomically (a temp file renamed over it)."""
    from cocreate.process.export import write_text

    return write_text(path, to_bpmn(workshop))
