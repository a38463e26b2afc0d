"""BPMN input that is odd or broken, branches without a gateway, and ids that must not drift.

The malformed corpus is ``tests/data/malformed/bpmn/``: each ``NAME.bpmn`` has a
``NAME.bpmn.expected`` holding the one line ``cocreate import bpmn`` must print
(``{path}`` stands for the file), with exit status 2 and nothing written.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from cocreate import storage
from cocreate.errors import InputError
from cocreate.model import Flow, Gateway, Lane, Meta, Step, StepKind, Workshop
from cocreate.process.bpmn import BPMN_NS, COCREATE_NS, read_bpmn, to_bpmn
from cocreate.process.imports import IdMaker
from tests.conftest import ROOT, SHARED_DATA

MALFORMED = sorted((ROOT / "tests" / "data" / "malformed" / "bpmn").glob("*.bpmn"))
B = f"{{{BPMN_NS}}}"


def test_the_corpus_is_there() -> None:
    assert len(MALFORMED) >= 8
    assert all(path.with_name(path.name + ".expected").exists() for path in MALFORMED)


@pytest.mark.parametrize("path", MALFORMED, ids=lambda p: p.name)
def test_malformed_bpmn_is_refused_in_one_exact_line(path: Path, tmp_path: Path, cli) -> None:
    expected = path.with_name(path.name + ".expected").read_text(encoding="utf-8").strip()
    with pytest.raises(InputError):
        read_bpmn(path)
    folder = tmp_path / "ws"
    result = cli("import", "bpmn", path, "--into", folder)
    assert result.code == 2
    assert result.err == "cocreate: " + expected.replace("{path}", str(path)) + "\n"
    assert "Traceback" not in result.err
    assert not folder.exists()


def test_latin1_in_a_utf8_file_is_named_an_encoding_problem() -> None:
    path = SHARED_DATA / "bpmn" / "miwg" / "GenMyModel-0.47" / "C.1.0-export.bpmn"
    with pytest.raises(InputError, match="encoding problem: byte 0xE4") as caught:
        read_bpmn(path)
    assert caught.value.line == 97  # the line of "Rechnung klären"
    assert "Latin-1" in str(caught.value) and "UTF-8" in str(caught.value)


def test_white_space_before_the_declaration_is_accepted(tmp_path: Path, cli) -> None:
    path = ROOT / "tests" / "data" / "process" / "bpmn" / "blank-line-before-declaration.bpmn"
    assert path.read_bytes().startswith(b"\n\n  <?xml")
    imported = read_bpmn(path)
    assert [s.name for s in imported.steps] == ["受付", "審査", "完了"]
    result = cli("import", "bpmn", path, "--into", tmp_path / "ws")
    assert result.code == 0, result.err
    # A later error still names the line it is on in the file as written.
    broken = tmp_path / "broken.bpmn"
    broken.write_text(path.read_text(encoding="utf-8").replace("</bpmn:process>", ""))
    with pytest.raises(InputError) as caught:
        read_bpmn(broken)
    assert caught.value.line == 12  # </bpmn:definitions>, two blank lines down


def test_a_file_whose_process_is_empty_imports_nothing(tmp_path: Path, cli) -> None:
    path = SHARED_DATA / "bpmn" / "miwg" / "Camunda-Eclipse-Plugin-3.0.0" / "A.4.1-export.bpmn"
    result = cli("import", "bpmn", path, "--into", tmp_path / "ws")
    assert result.code == 2
    assert result.err == f"cocreate: {path}: nothing to import: its process has no flow nodes\n"
    assert not (tmp_path / "ws").exists()


# --------------------------------------------------------------------------- branches

IMPLICIT = """<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="x">
  <process id="P">
    <startEvent id="S"/>
    <task id="A" name="受付"/>
    <task id="B" name="審査"/>
    <task id="C" name="照会"/>
    <task id="D" name="確認"/>
    <endEvent id="E"/>
    <sequenceFlow id="f1" sourceRef="S" targetRef="A"/>
    <sequenceFlow id="f2" sourceRef="A" targetRef="B"/>
    <sequenceFlow id="f3" sourceRef="A" targetRef="C"/>
    <sequenceFlow id="f4" sourceRef="B" targetRef="D"/>
    <sequenceFlow id="f5" sourceRef="B" targetRef="E">CONDITION</sequenceFlow>
    <sequenceFlow id="f6" sourceRef="C" targetRef="E"/>
    <sequenceFlow id="f7" sourceRef="D" targetRef="E"/>
  </process>
</definitions>
"""


def test_an_implicit_split_in_bpmn_is_read_as_bpmn_reads_it(tmp_path: Path) -> None:
    path = tmp_path / "implicit.bpmn"
    condition = "<conditionExpression>${x}</conditionExpression>"
    path.write_text(IMPLICIT.replace("CONDITION", condition), encoding="utf-8")
    steps = {s.id: s for s in read_bpmn(path).steps}
    assert steps["A"].gateway == Gateway.PARALLEL  # two unconditional flows: both run
    assert steps["B"].gateway == Gateway.INCLUSIVE  # a condition: each flow on its own
    assert steps["C"].gateway is None and steps["S"].gateway is None


def _branching() -> Workshop:
    """A process as a step table or ``discover`` builds it: shares straight on a task."""
    return Workshop(
        Meta("受付"),
        lanes=(Lane("l", "窓口"),),
        steps=(
            Step("s1", "開始", "l", StepKind.START),
            Step("s2", "審査", "l", minutes=10),
            Step("s3", "差戻し", "l", minutes=5),
            Step("s4", "決裁", "l", minutes=3),
            Step("s5", "終了", "l", StepKind.END),
        ),
        flows=(
            Flow("s1", "s2"),
            Flow("s2", "s3", "差戻し", 0.2),
            Flow("s2", "s4", "", 0.8),
            Flow("s3", "s2"),
            Flow("s4", "s5"),
        ),
    )


def test_a_branching_task_is_exported_with_an_exclusive_gateway_and_its_shares(
    tmp_path: Path,
) -> None:
    workshop = _branching()
    root = ET.fromstring(to_bpmn(workshop))
    process = root.find(f"{B}process")
    gateways = process.findall(f"{B}exclusiveGateway")
    roles = [
        (g.get(f"{{{COCREATE_NS}}}splitOf"), g.get(f"{{{COCREATE_NS}}}joinOf")) for g in gateways
    ]
    assert roles == [(None, "s2"), ("s2", None)]  # 差戻し merges back into 審査, then it splits
    gateway = gateways[1]
    assert gateway.get("name") == "審査?"  # bpmnlint wants a splitting gateway named
    flows = process.findall(f"{B}sequenceFlow")
    out_of_task = [f for f in flows if f.get("sourceRef") == "s2"]
    assert [f.get("targetRef") for f in out_of_task] == [gateway.get("id")]
    out_of_gateway = {
        f.get("targetRef"): f.get(f"{{{COCREATE_NS}}}share")
        for f in flows
        if f.get("sourceRef") == gateway.get("id")
    }
    assert out_of_gateway == {"s3": "0.2", "s4": "0.8"}
    path = tmp_path / "out.bpmn"
    path.write_text(to_bpmn(workshop), encoding="utf-8")
    back = read_bpmn(path)
    assert (back.steps, back.flows) == (workshop.steps, workshop.flows)


def test_a_parallel_task_is_exported_with_a_parallel_gateway(tmp_path: Path) -> None:
    workshop = _branching()
    steps = tuple(s.edit(gateway=Gateway.PARALLEL) if s.id == "s2" else s for s in workshop.steps)
    workshop = workshop.edit(steps=steps)
    root = ET.fromstring(to_bpmn(workshop))
    split = root.find(f"{B}process/{B}parallelGateway")
    assert split is not None and split.get(f"{{{COCREATE_NS}}}splitOf") == "s2"
    exclusive = root.findall(f"{B}process/{B}exclusiveGateway")
    assert [g.get(f"{{{COCREATE_NS}}}joinOf") for g in exclusive] == ["s2"]  # only the merge
    path = tmp_path / "out.bpmn"
    path.write_text(to_bpmn(workshop), encoding="utf-8")
    assert read_bpmn(path).steps == workshop.steps


def test_the_sample_exports_no_implicit_split() -> None:
    from tests.conftest import SAMPLE

    root = ET.fromstring(to_bpmn(storage.load(SAMPLE)))
    process = root.find(f"{B}process")
    tags = {e.get("id"): e.tag for e in process}
    sources = [f.get("sourceRef") for f in process.iter(f"{B}sequenceFlow")]
    assert all(tags[s].endswith("Gateway") for s in set(sources) if sources.count(s) > 1)


# --------------------------------------------------------------------------- ids


def test_xml_ids_are_unique_when_our_ids_look_like_theirs() -> None:
    workshop = Workshop(
        Meta("t"),
        lanes=(Lane("Process_1", "A"), Lane("Participant_1", "B")),
        steps=(
            Step("Flow_1", "a", "Process_1", StepKind.START),
            Step("Process_1_di", "b", "Participant_1"),
            Step("LaneSet_1", "c", "Participant_1", StepKind.END),
        ),
        flows=(Flow("Flow_1", "Process_1_di"), Flow("Process_1_di", "LaneSet_1")),
    )
    ids = [e.get("id") for e in ET.fromstring(to_bpmn(workshop)).iter() if e.get("id")]
    assert len(ids) == len(set(ids))
    assert "Process_1" in ids and "Flow_1" in ids  # the lane and the step keep theirs


def test_id_maker_cuts_before_it_strips_so_ids_do_not_drift() -> None:
    raw = "sid-" + "a" * 55 + "_" + "b" * 10  # cut at 60 leaves a trailing "_"
    first = IdMaker("step").make(raw)
    assert len(first) <= 60 and not first.endswith("_")
    assert IdMaker("step").make(first) == first


def test_id_maker_tells_long_clashes_apart_within_the_length() -> None:
    maker = IdMaker("step")
    made = [maker.make("x" * 70 + str(i)) for i in range(12)]
    assert len(set(made)) == 12
    assert all(len(m) <= 60 for m in made)
    again = IdMaker("step")
    assert [again.make(m) for m in made] == made  # made ids come back unchanged


def _implicit_splits(text: str) -> list[str]:
    """Flow nodes that are not gateways yet have two or more outgoing sequence flows."""
    root = ET.fromstring(text)
    found = []
    for process in root.iter(f"{B}process"):
        tags = {e.get("id"): e.tag for e in process}
        sources = [f.get("sourceRef") for f in process.iter(f"{B}sequenceFlow")]
        found += [s for s in set(sources) if sources.count(s) > 1 and "Gateway" not in tags[s]]
    return found


def test_a_discovered_process_exports_its_branches_as_exclusive_gateways(
    tmp_path: Path, cli
) -> None:
    """bpmnlint found 9 implicit splits in the export of the receipt log's process."""
    folder = tmp_path / "receipt"
    log = SHARED_DATA / "eventlogs" / "receipt.csv"
    columns = ("--case", "case:concept:name", "--activity", "concept:name")
    result = cli("discover", log, *columns, "--timestamp", "time:timestamp", "--into", folder)
    assert result.code == 0, result.err
    workshop = storage.load(folder)
    branching = {f.source for f in workshop.flows} - {
        s
        for s in {f.source for f in workshop.flows}
        if sum(f.source == s for f in workshop.flows) < 2
    }
    assert len(branching) >= 3
    out = tmp_path / "receipt.bpmn"
    assert cli("export", "bpmn", folder, "-o", out).code == 0
    text = out.read_text(encoding="utf-8")
    assert _implicit_splits(text) == []
    root = ET.fromstring(text)
    split_of = {g.get(f"{{{COCREATE_NS}}}splitOf") for g in root.iter(f"{B}exclusiveGateway")}
    assert branching <= split_of
    back = read_bpmn(out)
    assert (back.steps, back.flows) == (workshop.steps, workshop.flows)  # shares kept


def test_a_step_table_exports_its_branches_as_exclusive_gateways(tmp_path: Path, cli) -> None:
    folder = tmp_path / "table"
    table = ROOT / "tests" / "data" / "process" / "steps-ja.csv"
    assert cli("import", "steps", table, "--into", folder).code == 0
    out = tmp_path / "table.bpmn"
    assert cli("export", "bpmn", folder, "-o", out).code == 0
    assert _implicit_splits(out.read_text(encoding="utf-8")) == []
    workshop = storage.load(folder)
    back = read_bpmn(out)
    assert (back.lanes, back.steps, back.flows) == (workshop.lanes, workshop.steps, workshop.flows)
