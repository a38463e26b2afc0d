"""The BPMN 2.0 words cocreate reads and writes: namespaces, element names and how they map."""

from __future__ import annotations

from typing import Any
from xml.etree.ElementTree import Element

from cocreate.model import Gateway, StepKind, Trigger

BPMN_NS = "http://www.omg.org/spec/BPMN/20100524/MODEL"
BPMNDI_NS = "http://www.omg.org/spec/BPMN/20100524/DI"
DC_NS = "http://www.omg.org/spec/DD/20100524/DC"
DI_NS = "http://www.omg.org/spec/DD/20100524/DI"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
COCREATE_NS = "urn:cocreate:bpmn:1"

TASKS = frozenset(
    {
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
)
SUBPROCESSES = frozenset({"subProcess", "transaction", "adHocSubProcess"})
SYSTEM_TASKS = frozenset({"serviceTask", "scriptTask", "businessRuleTask"})

#: Gateway element -> the gateway a step keeps (exclusive is the default, ``None``).
GATEWAYS: dict[str, Gateway | None] = {
    "exclusiveGateway": None,
    "parallelGateway": Gateway.PARALLEL,
    "inclusiveGateway": Gateway.INCLUSIVE,
    "eventBasedGateway": Gateway.EVENT_BASED,
    "complexGateway": Gateway.COMPLEX,
}
GATEWAY_TAG = {
    Gateway.EXCLUSIVE: "exclusiveGateway",
    Gateway.PARALLEL: "parallelGateway",
    Gateway.INCLUSIVE: "inclusiveGateway",
    Gateway.EVENT_BASED: "eventBasedGateway",
    Gateway.COMPLEX: "complexGateway",
}

EVENTS = frozenset(
    {"startEvent", "endEvent", "intermediateCatchEvent", "intermediateThrowEvent", "boundaryEvent"}
)
EVENT_KIND = {
    "startEvent": StepKind.START,
    "endEvent": StepKind.END,
    "intermediateCatchEvent": StepKind.WAIT,
    "intermediateThrowEvent": StepKind.WAIT,
    "boundaryEvent": StepKind.WAIT,
}
FLOW_NODES = TASKS | frozenset(GATEWAYS) | EVENTS

#: Event definition element -> trigger, and back.
DEFINITIONS = {
    "messageEventDefinition": Trigger.MESSAGE,
    "timerEventDefinition": Trigger.TIMER,
    "signalEventDefinition": Trigger.SIGNAL,
    "errorEventDefinition": Trigger.ERROR,
    "escalationEventDefinition": Trigger.ESCALATION,
    "conditionalEventDefinition": Trigger.CONDITIONAL,
    "linkEventDefinition": Trigger.LINK,
    "compensateEventDefinition": Trigger.COMPENSATION,
    "cancelEventDefinition": Trigger.CANCEL,
    "terminateEventDefinition": Trigger.TERMINATE,
}
DEFINITION_TAG = {trigger: tag for tag, trigger in DEFINITIONS.items()}

#: Children of a process that carry no steps and need no mention.
QUIET = frozenset(
    {
        "laneSet",
        "sequenceFlow",
        "extensionElements",
        "documentation",
        "ioSpecification",
        "property",
    }
)
#: Top-level elements that need no mention (what they define is read where it is used).
QUIET_ROOT = frozenset(
    {
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
    }
)


def local(tag: Any) -> str:
    """The element's name without its namespace."""
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def namespace(tag: Any) -> str:
    return tag[1:].split("}", 1)[0] if isinstance(tag, str) and tag.startswith("{") else ""


def name_of(element: Element) -> str:
    """The element's name with white space runs made single spaces."""
    return " ".join((element.get("name") or "").split())


def cc(element: Element, attribute: str) -> str | None:
    """One of cocreate's own attributes, or None."""
    return element.get(f"{{{COCREATE_NS}}}{attribute}")


def usual_trigger(kind: StepKind) -> Trigger:
    """The trigger a step of this kind has when it names none: a wait is a timer."""
    return Trigger.TIMER if kind == StepKind.WAIT else Trigger.NONE
