"""BPMN exchange on every shared file: exports validate, round trips keep the meaning.

Every file under ``shared/data/bpmn/`` (the MIWG reference models and nine vendors'
exports included) is imported, exported, validated against the OMG BPMN 2.0 XSD and
imported again; the second import must equal the first, and the first must keep the
gateway and event types of the source XML. The textbook log must replay on the round
trip of the Signavio running example as it does on the original (pm4py's token replay,
stored in ``tests/data/process/bpmn_fitness_expected.json``, and a small token game of
our own that needs no pm4py).
"""

from __future__ import annotations

import collections
import csv
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from cocreate.errors import CocreateError
from cocreate.model import EventMode, Gateway, Meta, StepKind, Workshop
from cocreate.process.bpmn import BPMN_NS, read_bpmn, to_bpmn
from cocreate.process.bpmn.vocab import DEFINITION_TAG, DEFINITIONS, GATEWAY_TAG, GATEWAYS, local
from cocreate.process.imports import ProcessImport
from tests.conftest import ROOT, SHARED_DATA

BPMN_DIR = SHARED_DATA / "bpmn"
ALL_FILES = sorted(BPMN_DIR.rglob("*.bpmn"))
FITNESS = json.loads((ROOT / "tests/data/process/bpmn_fitness_expected.json").read_text())
RUNNING_EXAMPLE = BPMN_DIR / "running-example-signavio.bpmn"
#: Files that are refused, and why: they are not importable as they stand.
REFUSED = {
    "GenMyModel-0.47/C.1.0-export.bpmn": "encoding problem",
    "GenMyModel-0.47/C.1.0-roundtrip.bpmn": "encoding problem",
    "GenMyModel-0.47/C.1.1-export.bpmn": "encoding problem",
    "GenMyModel-0.47/C.1.1-roundtrip.bpmn": "encoding problem",
    "Camunda-Eclipse-Plugin-3.0.0/A.4.1-export.bpmn": "no flow nodes",
}


def _id(path: Path) -> str:
    return path.relative_to(BPMN_DIR).as_posix()


def _workshop(imported: ProcessImport) -> Workshop:
    return Workshop(
        Meta(imported.title), lanes=imported.lanes, steps=imported.steps, flows=imported.flows
    )


@pytest.fixture(scope="module")
def schema():
    etree = pytest.importorskip("lxml.etree", reason="lxml (a test dependency) validates the XSD")
    return etree.XMLSchema(etree.parse(str(BPMN_DIR / "xsd" / "BPMN20.xsd")))


def test_the_interchange_suite_is_there() -> None:
    assert len(ALL_FILES) > 250, BPMN_DIR
    assert len({path.parent.name for path in ALL_FILES}) >= 10  # the vendors' folders


@pytest.mark.parametrize("path", ALL_FILES, ids=_id)
def test_export_validates_and_round_trips(path: Path, schema, tmp_path: Path) -> None:
    from lxml import etree

    key = path.relative_to(BPMN_DIR / "miwg").as_posix() if "miwg" in path.parts else ""
    if key in REFUSED:
        with pytest.raises(CocreateError, match=REFUSED[key]):
            read_bpmn(path)
        return
    first = read_bpmn(path)
    text = to_bpmn(_workshop(first))
    document = etree.fromstring(text.encode("utf-8"))
    assert schema.validate(document), schema.error_log.filter_from_errors()[0].message
    out = tmp_path / "again.bpmn"
    out.write_text(text, encoding="utf-8")
    again = read_bpmn(out)
    assert again.unmapped == ()
    assert again.lanes == first.lanes
    assert again.steps == first.steps  # kinds, gateway types, triggers, boundary hosts
    assert again.flows == first.flows  # sequence and message flows, shares, labels
    assert to_bpmn(_workshop(again)) == text  # the same ids: stable across round trips


def _source_types(path: Path) -> collections.Counter:
    """Gateway and event types of the flow nodes directly in the source's processes."""
    counts: collections.Counter = collections.Counter()
    for process in ET.parse(path).getroot().iter(f"{{{BPMN_NS}}}process"):
        for element in process:
            name = local(element.tag)
            if name in GATEWAYS:
                counts[name] += 1
            elif name.endswith("Event"):
                found = [local(c.tag) for c in element if local(c.tag) in DEFINITIONS]
                trigger = found[0] if len(found) == 1 else ("multiple" if found else "none")
                interrupting = element.get("cancelActivity", "true") != "false"
                counts[(name, trigger, interrupting)] += 1
    return counts


def _imported_types(imported: ProcessImport) -> collections.Counter:
    counts: collections.Counter = collections.Counter()
    for step in imported.steps:
        if step.kind == StepKind.DECISION:
            counts[GATEWAY_TAG[step.split]] += 1
        elif step.kind != StepKind.TASK:
            if step.kind == StepKind.START:
                name = "startEvent"
            elif step.kind == StepKind.END:
                name = "endEvent"
            elif step.attached_to:
                name = "boundaryEvent"
            elif step.event is EventMode.THROW:
                name = "intermediateThrowEvent"
            else:
                name = "intermediateCatchEvent"
            trigger = DEFINITION_TAG.get(step.event_trigger, step.event_trigger.value)
            trigger = "multiple" if trigger == "parallel-multiple" else trigger
            interrupting = step.event is not EventMode.NON_INTERRUPTING
            counts[(name, trigger, interrupting)] += 1
    return counts


IMPORTABLE = [p for p in ALL_FILES if _id(p).removeprefix("miwg/") not in REFUSED]


@pytest.mark.parametrize("path", IMPORTABLE, ids=_id)
def test_import_keeps_gateway_and_event_types(path: Path) -> None:
    assert _imported_types(read_bpmn(path)) == _source_types(path)


def test_the_suite_holds_every_gateway_and_event_type() -> None:
    """So the test above covers what issue 18 names, not only tasks."""
    seen: collections.Counter = collections.Counter()
    for path in IMPORTABLE:
        seen.update(_source_types(path))
    gateways = {k for k in seen if isinstance(k, str)}
    assert gateways == set(GATEWAYS)
    triggers = {k[1] for k in seen if not isinstance(k, str) and k[0] != "startEvent"}
    for trigger in ("message", "signal", "error", "escalation", "conditional", "link", "timer"):
        assert f"{trigger}EventDefinition" in triggers
    assert "none" in triggers
    assert ("boundaryEvent", "timerEventDefinition", False) in seen


def test_exports_have_no_implicit_split_or_join() -> None:
    """bpmnlint ``no-implicit-split`` and ``fake-join``: only gateways have two or more
    outgoing, or incoming, sequence flows (start events excepted, as BPMN allows)."""
    for path in [*IMPORTABLE[::7], RUNNING_EXAMPLE]:
        root = ET.fromstring(to_bpmn(_workshop(read_bpmn(path))))
        for process in root.iter(f"{{{BPMN_NS}}}process"):
            flows = list(process.iter(f"{{{BPMN_NS}}}sequenceFlow"))
            tags = {e.get("id"): local(e.tag) for e in process}
            for end in ("sourceRef", "targetRef"):
                count = collections.Counter(f.get(end) for f in flows)
                odd = [
                    n
                    for n, k in count.items()
                    if k > 1 and not tags[n].endswith("Gateway") and tags[n] != "startEvent"
                ]
                assert odd == [], (path, end, odd)


# --------------------------------------------------------------------------- the textbook log


def _traces() -> list[list[str]]:
    rows = list(
        csv.DictReader((SHARED_DATA / "eventlogs" / "running-example.csv").open(encoding="utf-8"))
    )
    cases: dict[str, list[tuple[str, int, str]]] = {}
    for number, row in enumerate(rows):
        cases.setdefault(row["case:concept:name"], []).append(
            (row["time:timestamp"], number, row["concept:name"])
        )
    return [[name for *_, name in sorted(events)] for events in cases.values()]


def _fits(workshop: Workshop, trace: list[str]) -> bool:
    """Whether the trace is a run of the process under BPMN's token rules.

    Tasks are the visible steps; gateways and events move silently. A parallel
    decision step waits for a token on each incoming flow and puts one on each outgoing
    flow; an exclusive one takes one token and puts it on one outgoing flow; a task
    with several outgoing flows splits as its ``split`` says. The trace fits when a run
    with exactly its tasks, in order, ends with every token consumed by an end step.
    """
    steps = {s.id: s for s in workshop.steps}
    into: dict[str, list[tuple[str, str]]] = collections.defaultdict(list)
    out: dict[str, list[tuple[str, str]]] = collections.defaultdict(list)
    for flow in workshop.flows:
        if not flow.is_message:
            into[flow.target].append((flow.source, flow.target))
            out[flow.source].append((flow.source, flow.target))

    def produce(step_id: str, marking: frozenset) -> list[frozenset]:
        step, flows = steps[step_id], out[step_id]
        if step.kind == StepKind.END or not flows:
            return [marking]
        if step.split == Gateway.PARALLEL or len(flows) == 1:
            choices = [flows]
        else:
            choices = [[f] for f in flows]
        counts = collections.Counter(dict(marking))
        results = []
        for chosen in choices:
            new = counts.copy()
            for flow in chosen:
                new[flow] += 1
            results.append(frozenset(new.items()))
        return results

    def fire(step_id: str, marking: frozenset) -> list[frozenset]:
        counts = collections.Counter(dict(marking))
        incoming = into[step_id]
        step = steps[step_id]
        if step.kind == StepKind.DECISION and step.split == Gateway.PARALLEL:
            if not all(counts[f] for f in incoming):
                return []
            consumed = [list(incoming)]
        else:
            consumed = [[f] for f in incoming if counts[f]]
        results = []
        for flows in consumed:
            left = counts.copy()
            for flow in flows:
                left[flow] -= 1
            results += produce(step_id, frozenset((k, v) for k, v in left.items() if v))
        return results

    starts = [s.id for s in workshop.steps if s.kind == StepKind.START]
    todo = [(0, m) for start in starts for m in produce(start, frozenset())]
    seen = set(todo)
    while todo:
        position, marking = todo.pop()
        if position == len(trace) and not marking:
            return True
        for step_id, step in steps.items():
            visible = step.kind == StepKind.TASK
            if visible and (position == len(trace) or step.name != trace[position]):
                continue
            for new in fire(step_id, marking):
                state = (position + visible, new)
                if state not in seen and all(v <= 3 for _, v in new):
                    seen.add(state)
                    todo.append(state)
    return False


def _fitting(workshop: Workshop) -> float:
    traces = _traces()
    return 100.0 * sum(_fits(workshop, t) for t in traces) / len(traces)


def test_the_textbook_log_replays_on_the_round_trip(tmp_path: Path) -> None:
    first = _workshop(read_bpmn(RUNNING_EXAMPLE))
    out = tmp_path / "round-trip.bpmn"
    out.write_text(to_bpmn(first), encoding="utf-8")
    again = _workshop(read_bpmn(out))
    assert FITNESS["round_trip"] == FITNESS["original"]
    assert _fitting(first) == FITNESS["original"]["perc_fit_traces"] == 100.0
    assert _fitting(again) == FITNESS["round_trip"]["perc_fit_traces"]
    # What the export did before gateways kept their type: no trace fits, as pm4py says.
    exclusive = again.edit(steps=tuple(s.edit(gateway=None) for s in again.steps))
    assert _fitting(exclusive) == FITNESS["gateways_made_exclusive"]["perc_fit_traces"] == 0.0


def test_pm4py_replays_the_round_trip_as_the_original(tmp_path: Path) -> None:
    pm4py = pytest.importorskip("pm4py", reason="pm4py is the optional bench extra")
    import pandas as pd

    log = pm4py.format_dataframe(
        pd.read_csv(SHARED_DATA / "eventlogs" / "running-example.csv"),
        case_id="case:concept:name",
        activity_key="concept:name",
        timestamp_key="time:timestamp",
    )

    def fitness(path: Path) -> dict[str, float]:
        net, initial, final = pm4py.convert_to_petri_net(pm4py.read_bpmn(str(path)))
        found = pm4py.fitness_token_based_replay(log, net, initial, final)
        return {key: round(found[key], 6) for key in FITNESS["original"]}

    workshop = _workshop(read_bpmn(RUNNING_EXAMPLE))
    out = tmp_path / "round-trip.bpmn"
    out.write_text(to_bpmn(workshop), encoding="utf-8")
    exclusive = tmp_path / "exclusive.bpmn"
    exclusive.write_text(
        to_bpmn(workshop.edit(steps=tuple(s.edit(gateway=None) for s in workshop.steps))),
        encoding="utf-8",
    )
    assert fitness(RUNNING_EXAMPLE) == FITNESS["original"]
    assert fitness(out) == FITNESS["round_trip"]
    assert fitness(exclusive) == FITNESS["gateways_made_exclusive"]
