"""Mermaid and DOT exports, the export CLI, and that process modules import nothing heavy."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from cocreate import storage
from cocreate.model import Flow, Lane, Meta, Step, StepKind, Workshop
from cocreate.process.export import to_dot, to_mermaid
from tests.conftest import ROOT, SAMPLE


@pytest.fixture(scope="module")
def sample_workshop() -> Workshop:
    return storage.load(SAMPLE)


def hostile() -> Workshop:
    return Workshop(
        Meta('題名 "quoted" \\ back'),
        lanes=(Lane("l-1", 'end "lane" [x]'), Lane("end", "subgraph")),
        steps=(
            Step("end", 'say "hi" | <b> & `x`', "l-1", StepKind.START),
            Step("a.b", "判断？{}", "end", StepKind.DECISION),
            Step("a-b", "line\nbreak", "end", StepKind.END),
        ),
        flows=(Flow("end", "a.b", 'label "q"'), Flow("a.b", "a-b", "", 0.25)),
    )


def test_mermaid_has_a_subgraph_per_lane_and_every_flow(sample_workshop: Workshop) -> None:
    text = to_mermaid(sample_workshop)
    lines = text.splitlines()
    assert lines[0] == "flowchart LR"
    subgraphs = [line for line in lines if line.strip().startswith("subgraph")]
    assert [re.search(r'"(.*)"', s).group(1) for s in subgraphs] == [
        lane.name for lane in sample_workshop.lanes
    ]
    assert sum(1 for line in lines if "-->" in line) == len(sample_workshop.flows)
    assert '-->|"差戻し 20%"|' in text
    assert 'n_s07{"記載漏れ・不備はないか"}' in text
    assert 'n_s01(["備品の貸出が必要になる"])' in text


def test_mermaid_quotes_hostile_labels() -> None:
    text = to_mermaid(hostile())
    assert '"say #quot;hi#quot; #124; #lt;b#gt; #amp; #96;x#96;"' in text
    assert '"end #quot;lane#quot; [x]"' in text
    # Ids come from us, never from user text, so "end" cannot close a subgraph.
    node_ids = re.findall(r"^\s+(\w+)[\[\({]", text, re.MULTILINE)
    assert node_ids == ["n_end", "n_a_b", "n_a_b_2"]
    assert [line for line in text.splitlines() if line.strip() == "end"] == ["  end"] * 2
    # Every label's quotes are balanced: an even number of '"' on each line.
    assert all(line.count('"') % 2 == 0 for line in text.splitlines())


def test_dot_clusters_and_escaping(sample_workshop: Workshop) -> None:
    text = to_dot(sample_workshop)
    assert text.startswith('digraph "備品貸出の業務改善ワーキンググループ" {')
    assert text.count("subgraph cluster_") == len(sample_workshop.lanes)
    assert text.count(" -> ") == len(sample_workshop.flows)
    assert 'n_s07 -> n_s03 [label="差戻し 20%"];' in text
    nasty = to_dot(hostile())
    assert r'label="say \"hi\" | <b> & `x`"' in nasty
    assert r'digraph "題名 \"quoted\" \\ back"' in nasty
    assert r'label="line\nbreak"' in nasty


def test_dot_is_valid_graphviz_when_dot_is_installed(
    sample_workshop: Workshop, tmp_path: Path
) -> None:
    import shutil

    dot = shutil.which("dot")
    if dot is None:
        pytest.skip("Graphviz is not installed")
    for workshop in (sample_workshop, hostile()):
        run = subprocess.run(
            [dot, "-Tsvg"], input=to_dot(workshop), capture_output=True, text=True, check=False
        )
        assert run.returncode == 0, run.stderr


@pytest.mark.parametrize("kind", ["mermaid", "dot", "bpmn"])
def test_cli_export_writes_a_file(kind: str, sample: Path, tmp_path: Path, cli) -> None:
    out = tmp_path / f"process.{kind}"
    result = cli("export", kind, sample, "-o", out)
    assert result.code == 0, result.err
    assert out.read_text(encoding="utf-8").strip()
    assert "貸出申請書を作成" in out.read_text(encoding="utf-8")
    printed = cli("export", kind, sample)
    assert printed.out == out.read_text(encoding="utf-8")


def test_cli_export_to_a_missing_folder_is_one_line(sample: Path, tmp_path: Path, cli) -> None:
    result = cli("export", "mermaid", sample, "-o", tmp_path / "no" / "such" / "x.mmd")
    assert result.code == 2
    assert result.err.count("\n") == 1


def test_process_modules_import_nothing_heavy() -> None:
    code = (
        "import cocreate.process.metrics, cocreate.process.tobe, cocreate.process.graph,"
        " cocreate.process.bpmn, cocreate.process.export, cocreate.process.steptable,"
        " cocreate.process.eventlog, cocreate.process.imports, cocreate.cli.process,"
        " cocreate.process.visits, cocreate.process.leadtime, cocreate.process.loops,"
        " cocreate.process.linear, cocreate.process.bpmn.read, cocreate.process.bpmn.write\n"
        "import sys, json; print(json.dumps(sorted(sys.modules)))"
    )
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env, cwd=ROOT
    ).stdout
    loaded = {name.split(".")[0] for name in json.loads(out.splitlines()[-1])}
    assert not loaded & {
        "networkx",
        "pandas",
        "numpy",
        "matplotlib",
        "openpyxl",
        "textual",
        "rich",
        "defusedxml",
    }


@pytest.mark.parametrize(
    "module",
    [
        "cocreate.process.graph",
        "cocreate.process.loops",
        "cocreate.process.visits",
        "cocreate.process.leadtime",
        "cocreate.process.metrics",
        "cocreate.process.export",
    ],
)
def test_docstring_examples_run(module: str) -> None:
    import doctest
    import importlib

    result = doctest.testmod(importlib.import_module(module))
    assert result.attempted > 0 and result.failed == 0


def collaboration() -> Workshop:
    """Two pools, a parallel split on a task, a boundary event and a message flow."""
    from cocreate.model import EventMode, FlowKind, Gateway, Trigger

    return Workshop(
        Meta("協働"),
        lanes=(Lane("c", "市民", "市民"), Lane("o", "窓口", "市役所"), Lane("k", "課", "市役所")),
        steps=(
            Step("c1", "申請", "c", StepKind.START),
            Step("c2", "送付", "c", gateway=Gateway.PARALLEL),
            Step("c3", "控えを保存", "c", StepKind.END),
            Step("c4", "回答待ち", "c", StepKind.END),
            Step("o1", "受信", "o", StepKind.START, trigger=Trigger.MESSAGE),
            Step("o2", "審査", "o"),
            Step(
                "o3", "期限", "o", StepKind.WAIT, event=EventMode.NON_INTERRUPTING, attached_to="o2"
            ),
            Step("o4", "合流", "k", StepKind.DECISION, gateway=Gateway.INCLUSIVE),
            Step("o5", "完了", "k", StepKind.END, trigger=Trigger.TERMINATE),
        ),
        flows=(
            Flow("c1", "c2"),
            Flow("c2", "c3"),
            Flow("c2", "c4"),
            Flow("c2", "o1", "申請書", kind=FlowKind.MESSAGE),
            Flow("o1", "o2"),
            Flow("o2", "o3", share=0.1),
            Flow("o2", "o4"),
            Flow("o3", "o4"),
            Flow("o4", "o5"),
        ),
    )


def test_mermaid_draws_pools_gateways_triggers_messages_and_boundary_events() -> None:
    text = to_mermaid(collaboration())
    assert 'subgraph pool_1["市民"]' in text and 'subgraph pool_2["市役所"]' in text
    assert text.count("subgraph lane_") == 3
    assert 'n_o4{"○ 合流"}' in text  # the inclusive marker
    assert 'n_o1(["✉ 受信"])' in text and 'n_o5(["● 完了"])' in text
    # The parallel task gets a gateway after it, and its flows leave from there.
    assert 'n_c2_split{"+"}' in text
    assert "n_c2 --> n_c2_split" in text and "n_c2_split --> n_c3" in text
    assert 'n_c2 -.->|"申請書"| n_o1' in text  # a message flow is dotted
    assert 'n_o2 --o|"10%"| n_o3' in text  # to the boundary event
    assert all(line.count('"') % 2 == 0 for line in text.splitlines())


def test_dot_draws_the_same_and_graphviz_reads_it() -> None:
    import shutil

    text = to_dot(collaboration())
    assert text.count("subgraph cluster_pool_") == 2
    assert 'n_o4 [label="○ 合流", shape=diamond];' in text
    assert "n_c2_split -> n_c4;" in text
    assert 'n_c2 -> n_o1 [label="申請書", style=dashed, arrowhead=empty];' in text
    assert 'n_o2 -> n_o3 [label="10%", style=dotted, arrowhead=odot];' in text
    dot = shutil.which("dot")
    if dot is None:
        pytest.skip("Graphviz is not installed")
    run = subprocess.run([dot, "-Tsvg"], input=text, capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr


def test_a_step_called_like_the_added_gateway_keeps_its_own_node() -> None:
    w = collaboration()
    w = w.edit(steps=(*w.steps, Step("c2_split", "別の工程", "c")))
    text = to_mermaid(w)
    assert 'n_c2_split["別の工程"]' in text
    assert 'n_c2_split_2{"+"}' in text
