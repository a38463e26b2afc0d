"""The process as text for other tools: a Mermaid flowchart and Graphviz DOT.

Both draw each lane as a group (a Mermaid ``subgraph``, a DOT ``cluster``) and each step
in the shape of its kind: rounded for start and end, a diamond for a decision, a
parallelogram for a wait. Labels are quoted so that Japanese text, quotes, brackets and
keywords such as ``end`` cannot break the syntax; node names are generated, never taken
from user text.
"""

from __future__ import annotations

import re
from pathlib import Path

from cocreate.model import StepKind, Workshop

__all__ = ["FORMATS", "to_dot", "to_mermaid", "write_text"]


def _share_text(share: float | None) -> str:
    return "" if share is None else f"{share * 100:.4g}%"


def _edge_label(label: str, share: float | None) -> str:
    return " ".join(part for part in (label, _share_text(share)) if part)


def _node_names(workshop: Workshop) -> dict[str, str]:
    """Safe node names: ``n_`` plus the id with anything but letters and digits as ``_``."""
    names: dict[str, str] = {}
    taken: set[str] = set()
    for step in workshop.steps:
        base = "n_" + re.sub(r"[^A-Za-z0-9]", "_", step.id)
        name, n = base, 1
        while name in taken:
            n += 1
            name = f"{base}_{n}"
        taken.add(name)
        names[step.id] = name
    return names


# --------------------------------------------------------------------------- Mermaid


def _mermaid_text(text: str) -> str:
    """Text safe inside a quoted Mermaid label: entity codes for quotes and markup."""
    text = " ".join(text.split())
    for raw, code in (
        ("&", "#amp;"),
        ('"', "#quot;"),
        ("<", "#lt;"),
        (">", "#gt;"),
        ("|", "#124;"),
        ("`", "#96;"),
    ):
        text = text.replace(raw, code)
    return text


_MERMAID_SHAPES = {
    StepKind.START: ('(["', '"])'),
    StepKind.END: ('(["', '"])'),
    StepKind.DECISION: ('{"', '"}'),
    StepKind.WAIT: ('[/"', '"/]'),
    StepKind.TASK: ('["', '"]'),
}


def to_mermaid(workshop: Workshop) -> str:
    """A Mermaid ``flowchart LR`` with one subgraph per lane.

    >>> from cocreate.model import Flow, Lane, Meta, Step, Workshop
    >>> w = Workshop(Meta("t"), lanes=(Lane("l", "申請者"),),
    ...              steps=(Step("a", '様式"A"', "l"), Step("end", "終了", "l")),
    ...              flows=(Flow("a", "end"),))
    >>> print(to_mermaid(w))
    flowchart LR
      subgraph lane_1["申請者"]
        n_a["様式#quot;A#quot;"]
        n_end["終了"]
      end
      n_a --> n_end
    <BLANKLINE>
    """
    names = _node_names(workshop)
    lines = ["flowchart LR"]
    lane_ids = [lane.id for lane in workshop.lanes]
    lane_names = {lane.id: lane.name for lane in workshop.lanes}
    for step in workshop.steps:
        if step.lane not in lane_ids:
            lane_ids.append(step.lane)
    for number, lane_id in enumerate(lane_ids, start=1):
        lines.append(
            f'  subgraph lane_{number}["{_mermaid_text(lane_names.get(lane_id, lane_id))}"]'
        )
        for step in workshop.steps:
            if step.lane == lane_id:
                left, right = _MERMAID_SHAPES[step.kind]
                lines.append(f"    {names[step.id]}{left}{_mermaid_text(step.name)}{right}")
        lines.append("  end")
    for flow in workshop.flows:
        if flow.source not in names or flow.target not in names:
            continue
        label = _edge_label(flow.label, flow.share)
        arrow = f'-->|"{_mermaid_text(label)}"|' if label else "-->"
        lines.append(f"  {names[flow.source]} {arrow} {names[flow.target]}")
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- DOT


def _dot_string(text: str) -> str:
    """A DOT double-quoted string: backslashes and quotes escaped, newlines as \\n."""
    text = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + text.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n") + '"'


_DOT_SHAPES = {
    StepKind.START: "shape=oval",
    StepKind.END: "shape=doubleoctagon",
    StepKind.DECISION: "shape=diamond",
    StepKind.WAIT: "shape=parallelogram",
    StepKind.TASK: 'shape=box, style="rounded"',
}


def to_dot(workshop: Workshop) -> str:
    """A Graphviz ``digraph`` laid out left to right, one cluster per lane."""
    names = _node_names(workshop)
    lines = [
        f"digraph {_dot_string(workshop.meta.title)} {{",
        '  graph [rankdir=LR, charset="UTF-8", fontname="sans-serif"];',
        '  node [fontname="sans-serif"];',
        '  edge [fontname="sans-serif"];',
    ]
    lane_ids = [lane.id for lane in workshop.lanes]
    lane_names = {lane.id: lane.name for lane in workshop.lanes}
    for step in workshop.steps:
        if step.lane not in lane_ids:
            lane_ids.append(step.lane)
    for number, lane_id in enumerate(lane_ids, start=1):
        lines.append(f"  subgraph cluster_{number} {{")
        lines.append(f"    label={_dot_string(lane_names.get(lane_id, lane_id))};")
        for step in workshop.steps:
            if step.lane == lane_id:
                lines.append(
                    f"    {names[step.id]} [label={_dot_string(step.name)},"
                    f" {_DOT_SHAPES[step.kind]}];"
                )
        lines.append("  }")
    for flow in workshop.flows:
        if flow.source not in names or flow.target not in names:
            continue
        label = _edge_label(flow.label, flow.share)
        attributes = f" [label={_dot_string(label)}]" if label else ""
        lines.append(f"  {names[flow.source]} -> {names[flow.target]}{attributes};")
    lines.append("}")
    return "\n".join(lines) + "\n"


def write_text(path: str | Path, text: str) -> Path:
    """Write ``text`` to ``path`` atomically (UTF-8), so a failed write leaves no half file."""
    from cocreate import storage

    target = Path(path)
    storage.atomic_write(target, text)
    return target


#: Export format name -> function giving the file's text.
FORMATS = {"mermaid": to_mermaid, "dot": to_dot}
