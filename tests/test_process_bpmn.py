"""BPMN: every shared modeller file imports, the export round-trips, hostile XML is refused."""

from __future__ import annotations

import collections
import itertools
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from cocreate import storage
from cocreate.errors import InputError
from cocreate.model import EventMode, FlowKind, Gateway, StepKind, Trigger
from cocreate.process.bpmn import BPMN_NS, BPMNDI_NS, read_bpmn, to_bpmn
from cocreate.validate import errors
from tests.conftest import SAMPLE, SHARED_DATA

BPMN_FILES = sorted((SHARED_DATA / "bpmn").glob("*.bpmn"))


def test_the_shared_bpmn_files_are_there() -> None:
    assert len(BPMN_FILES) >= 4, SHARED_DATA


@pytest.mark.parametrize("path", BPMN_FILES, ids=lambda p: p.name)
def test_every_shared_bpmn_file_imports(path: Path) -> None:
    imported = read_bpmn(path)
    assert imported.lanes and imported.steps and imported.flows
    step_ids = {s.id for s in imported.steps}
    lane_ids = {lane.id for lane in imported.lanes}
    assert all(s.lane in lane_ids for s in imported.steps)
    assert all(f.source in step_ids and f.target in step_ids for f in imported.flows)
    assert any(s.kind == StepKind.START for s in imported.steps)
    sample = storage.load(SAMPLE)
    workshop = sample.edit(
        lanes=imported.lanes,
        steps=imported.steps,
        flows=imported.flows,
        contributions=(),
        pilot=type(sample.pilot)(),
        variants=(),  # the other bureaus' maps and their alignments name the old steps
        alignments=(),
    )
    assert errors(workshop) == []


def test_pizza_collaboration_keeps_its_pools_and_message_flows() -> None:
    imported = read_bpmn(SHARED_DATA / "bpmn" / "pizza-collaboration-camunda.bpmn")
    # The vendor pool's three lanes, and the customer pool (no lanes) as one lane.
    assert [(lane.name, lane.pool) for lane in imported.lanes] == [
        ("clerk", "Pizza vendor"),
        ("pizza chef", "Pizza vendor"),
        ("delivery boy", "Pizza vendor"),
        ("Pizza Customer", "Pizza Customer"),
    ]
    lane_of = {s.id: s.lane for s in imported.steps}
    messages = [f for f in imported.flows if f.kind == FlowKind.MESSAGE]
    assert len(messages) == 6  # message flows stay message flows, not sequence flows
    by_label = {f.label: f for f in messages}
    assert {"pizza order", "receipt", "money", "pizza"} <= set(by_label)
    order = by_label["pizza order"]
    assert lane_of[order.source] != lane_of[order.target]  # a handoff between pools
    by_name = {s.name: s for s in imported.steps}
    assert by_name["parallel gateway"].gateway == Gateway.PARALLEL
    assert by_name["event based gateway"].gateway == Gateway.EVENT_BASED
    assert by_name["Order received"].trigger == Trigger.MESSAGE
    assert by_name["60 minutes"].event_trigger == Trigger.TIMER
    assert by_name["end event"].trigger == Trigger.TERMINATE
    assert imported.title == "Pizza vendor"
    assert imported.unmapped == ()


def test_pizza_collaboration_exports_two_participants_with_a_process_each() -> None:
    imported = read_bpmn(SHARED_DATA / "bpmn" / "pizza-collaboration-camunda.bpmn")
    workshop = storage.load(SAMPLE).edit(
        lanes=imported.lanes, steps=imported.steps, flows=imported.flows
    )
    root = ET.fromstring(to_bpmn(workshop))
    b = f"{{{BPMN_NS}}}"
    participants = root.findall(f"{b}collaboration/{b}participant")
    processes = {p.get("id"): p for p in root.findall(f"{b}process")}
    assert [p.get("name") for p in participants] == ["Pizza vendor", "Pizza Customer"]
    assert {p.get("processRef") for p in participants} == set(processes)
    assert len(root.findall(f"{b}collaboration/{b}messageFlow")) == 6
    vendor = processes[participants[0].get("processRef")]
    assert [lane.get("name") for lane in vendor.iter(f"{b}lane")] == [
        "clerk",
        "pizza chef",
        "delivery boy",
    ]
    assert vendor.find(f"{b}parallelGateway") is not None


def test_subprocesses_are_folded_into_one_step_and_reported() -> None:
    imported = read_bpmn(SHARED_DATA / "bpmn" / "nested-subprocesses.bpmn")
    names = {s.name for s in imported.steps}
    assert {"Order Products", "Procure Payment"} <= names
    assert any("Order Products" in line and "folded" in line for line in imported.unmapped)


def test_kitchen_sink_lists_what_it_cannot_map() -> None:
    imported = read_bpmn(SHARED_DATA / "bpmn" / "kitchen-sink.bpmn")
    text = "\n".join(imported.unmapped)
    for what in ("dataObject", "dataStoreReference", "textAnnotation", "association"):
        assert what in text
    # Boundary events stay on their task, in its lane, with a flow from it.
    steps = {s.id: s for s in imported.steps}
    boundary = [s for s in imported.steps if s.id.startswith("BoundaryEvent_")]
    assert len(boundary) == 12
    for event in boundary:
        host = steps[event.attached_to]
        assert host.kind == StepKind.TASK and event.lane == host.lane
        assert any(f.source == host.id and f.target == event.id for f in imported.flows)
    triggers = {s.event_trigger for s in boundary}
    assert {Trigger.MESSAGE, Trigger.TIMER, Trigger.ERROR, Trigger.SIGNAL} <= triggers
    assert any(s.event is EventMode.NON_INTERRUPTING for s in boundary)


def test_signavio_gateways_keep_their_types() -> None:
    imported = read_bpmn(SHARED_DATA / "bpmn" / "running-example-signavio.bpmn")
    gateways = collections.Counter(s.split for s in imported.steps if s.kind == StepKind.DECISION)
    assert gateways == {Gateway.PARALLEL: 2, Gateway.EXCLUSIVE: 6}
    assert sum(s.kind == StepKind.TASK for s in imported.steps) == 8
    assert [lane.name for lane in imported.lanes] == ["running-example-signavio"]


# --------------------------------------------------------------------------- round trip


def test_sample_round_trips_through_bpmn(tmp_path: Path) -> None:
    workshop = storage.load(SAMPLE)
    path = tmp_path / "sample.bpmn"
    path.write_text(to_bpmn(workshop), encoding="utf-8")
    back = read_bpmn(path)
    assert back.lanes == workshop.lanes
    assert back.steps == workshop.steps
    assert back.flows == workshop.flows
    assert back.unmapped == ()
    assert back.title == workshop.meta.title


def test_export_has_lanes_and_a_laid_out_diagram() -> None:
    workshop = storage.load(SAMPLE)
    root = ET.fromstring(to_bpmn(workshop))
    b, di = f"{{{BPMN_NS}}}", f"{{{BPMNDI_NS}}}"
    lanes = root.findall(f".//{b}lane")
    assert [lane.get("name") for lane in lanes] == [lane.name for lane in workshop.lanes]
    refs = {ref.text for lane in lanes for ref in lane.findall(f"{b}flowNodeRef")}
    # Every step, and the merge gateways before the steps that loops lead back to.
    assert refs == {s.id for s in workshop.steps} | {"s03_join", "s13_join"}
    shapes = {s.get("bpmnElement"): s for s in root.iter(f"{di}BPMNShape")}
    edges = {e.get("bpmnElement") for e in root.iter(f"{di}BPMNEdge")}
    assert {s.id for s in workshop.steps} <= set(shapes)
    assert {lane.id for lane in workshop.lanes} <= set(shapes)
    assert len(edges) == len(workshop.flows) + 2  # and the flows out of the merge gateways

    def bounds(element_id: str) -> tuple[float, float, float, float]:
        box = shapes[element_id].find("{http://www.omg.org/spec/DD/20100524/DC}Bounds")
        return tuple(float(box.get(k)) for k in ("x", "y", "width", "height"))

    # Every step sits inside its lane's band, and flows go left to right.
    for step in workshop.steps:
        x, y, w, h = bounds(step.id)
        lx, ly, lw, lh = bounds(step.lane)
        assert lx <= x and x + w <= lx + lw and ly <= y and y + h <= ly + lh, step.id
    assert bounds("s01")[0] < bounds("s02")[0] < bounds("s03")[0] < bounds("s15")[0]
    # No two steps overlap.
    boxes = [bounds(s.id) for s in workshop.steps]
    for i, (x1, y1, w1, h1) in enumerate(boxes):
        for x2, y2, w2, h2 in boxes[i + 1 :]:
            assert x1 + w1 <= x2 or x2 + w2 <= x1 or y1 + h1 <= y2 or y2 + h2 <= y1


def test_export_escapes_hostile_names(tmp_path: Path) -> None:
    workshop = storage.load(SAMPLE)
    nasty = workshop.edit(
        steps=tuple(
            s.edit(name="<b>\"申請\" & ]]> 'x'") if s.id == "s03" else s for s in workshop.steps
        )
    )
    path = tmp_path / "n.bpmn"
    path.write_text(to_bpmn(nasty), encoding="utf-8")
    assert read_bpmn(path).steps == nasty.steps


# --------------------------------------------------------------------------- hostile XML

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL">&lol3;</definitions>
"""
EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL">&xxe;</definitions>
"""
REMOTE_DTD = """<?xml version="1.0"?>
<!DOCTYPE definitions SYSTEM "http://example.invalid/evil.dtd">
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"/>
"""
PARAMETER_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE d [<!ENTITY % remote SYSTEM "http://example.invalid/x.dtd"> %remote;]>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"/>
"""


@pytest.mark.parametrize(
    "text",
    [BILLION_LAUGHS, EXTERNAL_ENTITY, REMOTE_DTD, PARAMETER_ENTITY],
    ids=["billion-laughs", "external-entity", "remote-dtd", "parameter-entity"],
)
def test_hostile_xml_is_refused_in_one_line(text: str, tmp_path: Path, cli) -> None:
    path = tmp_path / "evil.bpmn"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match="refused"):
        read_bpmn(path)
    result = cli("import", "bpmn", path, "--into", tmp_path / "ws")
    assert result.code == 2
    assert result.err.startswith(f"cocreate: {path}") and result.err.count("\n") == 1
    assert "root:" not in result.err and "Traceback" not in result.err
    assert not (tmp_path / "ws").exists()


def test_broken_xml_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.bpmn"
    path.write_text(
        '<?xml version="1.0"?>\n<definitions xmlns="x">\n  <process>\n</definitions>',
        encoding="utf-8",
    )
    with pytest.raises(InputError) as caught:
        read_bpmn(path)
    assert caught.value.line == 4
    assert str(caught.value).startswith(f"{path}:4:")


def test_xml_that_is_not_bpmn_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.bpmn"
    path.write_text("<svg xmlns='http://www.w3.org/2000/svg'/>", encoding="utf-8")
    with pytest.raises(InputError, match=r"not a BPMN 2\.0 file"):
        read_bpmn(path)


def test_bad_cocreate_attribute_is_an_error_with_its_element(tmp_path: Path) -> None:
    text = to_bpmn(storage.load(SAMPLE)).replace(
        'cocreate:minutes="15.0"', 'cocreate:minutes="fifteen"', 1
    )
    path = tmp_path / "bad.bpmn"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match="must be a number, not 'fifteen'") as caught:
        read_bpmn(path)
    assert "cocreate:minutes" in str(caught.value)


# --------------------------------------------------------------------------- CLI


def test_cli_import_bpmn_creates_a_workshop_and_records_the_source(tmp_path: Path, cli) -> None:
    source = SHARED_DATA / "bpmn" / "pizza-collaboration-camunda.bpmn"
    folder = tmp_path / "pizza"
    result = cli("import", "bpmn", source, "--into", folder)
    assert result.code == 0, result.err
    assert "18 steps in 4 lanes" in result.out
    workshop = storage.load(folder)
    assert workshop.meta.title == "Pizza vendor"
    assert len(workshop.steps) == 18
    assert len(workshop.sources) == 1
    assert (folder / workshop.sources[0]).resolve() == source.resolve()


def test_cli_import_into_a_workshop_with_a_process_needs_replace(sample: Path, cli) -> None:
    source = SHARED_DATA / "bpmn" / "running-example-signavio.bpmn"
    result = cli("import", "bpmn", source, "--into", sample)
    assert result.code == 2 and "--replace" in result.err
    # Replacing is refused while problems and ideas still name the old steps.
    before = (sample / "workshop.toml").read_bytes()
    result = cli("import", "bpmn", source, "--into", sample, "--replace")
    assert result.code == 2 and "cannot import" in result.err
    assert (sample / "workshop.toml").read_bytes() == before


def test_cli_import_adds_to_a_workshop_without_a_process(tmp_path: Path, cli) -> None:
    folder = tmp_path / "new"
    assert cli("new", folder, "--title", "受付業務").code == 0
    result = cli(
        "import", "bpmn", SHARED_DATA / "bpmn" / "nested-subprocesses.bpmn", "--into", folder
    )
    assert result.code == 0, result.err
    assert "folded" in result.out  # what was not mapped is printed
    workshop = storage.load(folder)
    assert workshop.meta.title == "受付業務"
    assert len(workshop.steps) == 9


def test_cli_export_bpmn_then_import_gives_the_same_process(
    sample: Path, tmp_path: Path, cli
) -> None:
    out = tmp_path / "out.bpmn"
    result = cli("export", "bpmn", sample, "-o", out)
    assert result.code == 0, result.err
    folder = tmp_path / "again"
    assert cli("import", "bpmn", out, "--into", folder).code == 0
    original, again = storage.load(sample), storage.load(folder)
    assert (again.lanes, again.steps, again.flows) == (
        original.lanes,
        original.steps,
        original.flows,
    )


def test_a_collaboration_is_laid_out_pool_by_pool_without_overlaps() -> None:
    from cocreate.model import Workshop
    from cocreate.process.bpmn import layout

    imported = read_bpmn(SHARED_DATA / "bpmn" / "kitchen-sink.bpmn")
    workshop = Workshop(
        storage.load(SAMPLE).meta, lanes=imported.lanes, steps=imported.steps, flows=imported.flows
    )
    pizza = read_bpmn(SHARED_DATA / "bpmn" / "pizza-collaboration-camunda.bpmn")
    for w in (workshop, workshop.edit(lanes=pizza.lanes, steps=pizza.steps, flows=pizza.flows)):
        geometry = layout(w)
        steps = {s.id: s for s in w.steps}
        for step in w.steps:
            box, band = geometry.nodes[step.id], geometry.lanes[step.lane]
            if step.attached_to:  # on the lower edge of its task
                host = geometry.nodes[step.attached_to]
                assert host.x <= box.middle[0] <= host.x + host.width
                assert box.middle[1] == host.y + host.height
                continue
            assert band.x <= box.x and box.x + box.width <= band.x + band.width, step.id
            assert band.y <= box.y and box.y + box.height <= band.y + band.height, step.id
        free = [
            geometry.nodes[k]
            for k in geometry.nodes
            if not steps.get(k, None) or not steps[k].attached_to
        ]
        for i, a in enumerate(free):
            for b in free[i + 1 :]:
                assert (
                    a.x + a.width <= b.x
                    or b.x + b.width <= a.x
                    or a.y + a.height <= b.y
                    or b.y + b.height <= a.y
                )
        pools = sorted(geometry.pools.values(), key=lambda box: box.y)
        for upper, lower in itertools.pairwise(pools):
            assert upper.y + upper.height < lower.y  # pools are stacked apart
