"""BPMN 2.0 XML in and out: Camunda Modeler, bpmn.io, Signavio and the MIWG tools.

``read`` maps a file to lanes, steps and flows that keep BPMN's meaning (gateway types,
event triggers, boundary events, pools and message flows); ``write`` gives it back as
BPMN that validates against the OMG schema, laid out by ``layout``. ``parse`` is the
safe XML reading both share (no DTDs, no entities, encoding problems named), and
``vocab`` the element names and how they map.
"""

from __future__ import annotations

from cocreate.process.bpmn.layout import Layout, layout
from cocreate.process.bpmn.parse import MAX_BPMN_BYTES
from cocreate.process.bpmn.read import read_bpmn
from cocreate.process.bpmn.vocab import BPMN_NS, BPMNDI_NS, COCREATE_NS, DC_NS, DI_NS
from cocreate.process.bpmn.write import to_bpmn, write_bpmn

__all__ = [
    "BPMNDI_NS",
    "BPMN_NS",
    "COCREATE_NS",
    "DC_NS",
    "DI_NS",
    "MAX_BPMN_BYTES",
    "Layout",
    "layout",
    "read_bpmn",
    "to_bpmn",
    "write_bpmn",
]
