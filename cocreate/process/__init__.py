"""The as-is process as a graph: metrics, the to-be process, imports and exports.

Modules, each importable on its own (nothing heavy is imported at module level):

``graph``      graph algorithms (reachability, back edges, columns, dominators, loops)
``visits``     branch probabilities, where cases enter, expected visits
``leadtime``   one case's lead time, parallel branches by the longest
``metrics``    BPR metrics per step, per lane and in total (``analyse``)
``tobe``       the to-be process after a set of ideas, and the hours they save
``imports``    what every import returns and how it lands in a workshop
``bpmn``       BPMN 2.0 XML in and out (pools, lanes, gateways, events, a BPMNDI layout)
``steptable``  step tables from CSV or Excel (Japanese headers accepted), and their layout
``eventlog``   the directly-follows graph of an event log (CSV or XES), and a process
``xes``        XES event logs, streamed into the frame ``eventlog`` reads
``export``     Mermaid and Graphviz DOT text
``xlsx``       the workbook to hand on: workload survey, metrics, step table, ideas
"""

from __future__ import annotations

__all__: list[str] = []
