"""The process as text for other tools: a Mermaid flowchart and Graphviz DOT.

Both draw each lane as a group (a Mermaid ``subgraph``, a DOT ``cluster``), the lanes of
each pool inside a group of the pool when there are several, and each step in the shape
of its kind: rounded for start and end, a diamond for a decision, a parallelogram for a
wait. BPMN's markers go in front of the label: ``+`` for a parallel gateway, ``○``
inclusive, ``✱`` complex, ``⬠`` event-based, and the event's trigger (``✉`` message,
``⏱`` timer, ``⚡`` error, ...). A task that splits in parallel or inclusively gets a
small gateway after it, so the picture does not read as a choice. Message flows are
dotted (``-.->``, ``style=dashed``) and the flow from a task to its boundary event ends
in a circle (``--o``, ``style=dotted``). Labels are quoted so that Japanese text,
quotes, brackets and keywords such as ``end`` cannot break the syntax; node names are
generated, never taken from user text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from cocreate.model import Flow, Gateway, Lane, Step, StepKind, Trigger, Workshop

__all__ = ["FORMATS", "to_dot", "to_mermaid", "write_text"]


def _share_text(share: float | None) -> str:
    return "" if share is None else f"{share * 100:.4g}%"


def _edge_label(label: str, share: float | None) -> str:
    return " ".join(part for part in (label, _share_text(share)) if part)


#: The marker of each gateway type in front of a decision's label.
GATEWAY_MARKS = {
    Gateway.EXCLUSIVE: "",
    Gateway.PARALLEL: "+",
    Gateway.INCLUSIVE: "○",
    Gateway.COMPLEX: "✱",
    Gateway.EVENT_BASED: "⬠",
}
#: The marker of each event trigger in front of an event's label.
TRIGGER_MARKS = {
    Trigger.NONE: "",
    Trigger.MESSAGE: "✉",
    Trigger.TIMER: "⏱",
    Trigger.SIGNAL: "△",
    Trigger.ERROR: "⚡",
    Trigger.ESCALATION: "⇧",
    Trigger.CONDITIONAL: "≡",
    Trigger.LINK: "→",
    Trigger.COMPENSATION: "⏪",
    Trigger.CANCEL: "✕",
    Trigger.TERMINATE: "●",
    Trigger.MULTIPLE: "⬠",
    Trigger.PARALLEL_MULTIPLE: "✚",
}


def _label(step: Step) -> str:
    """The step's name with its gateway or trigger marker in front."""
    if step.kind == StepKind.DECISION:
        mark = GATEWAY_MARKS[step.split]
    elif step.kind == StepKind.TASK:
        mark = ""
    else:
        # A wait without a trigger is a timer by definition: no marker for the usual.
        mark = TRIGGER_MARKS[step.trigger] if step.trigger is not None else ""
    return f"{mark} {step.name}" if mark else step.name


def _splits(workshop: Workshop) -> dict[str, Gateway]:
    """Steps that are not decisions but split in parallel or inclusively."""
    out: dict[str, Gateway] = {}
    attached = {s.id: s.attached_to for s in workshop.steps}
    for step in workshop.steps:
        if step.kind == StepKind.DECISION or step.split in (Gateway.EXCLUSIVE, Gateway.EVENT_BASED):
            continue
        normal = [
            f
            for f in workshop.flows
            if f.source == step.id and not f.is_message and attached.get(f.target) != step.id
        ]
        if len(normal) >= 2:
            out[step.id] = step.split
    return out


def _boundary(workshop: Workshop, flow: Flow) -> bool:
    return any(s.id == flow.target and s.attached_to == flow.source for s in workshop.steps)


def _groups(workshop: Workshop) -> list[tuple[str, list[Lane]]]:
    """Pools (name, lanes) in lane order; one pool named "" when there is only one."""
    lanes = list(workshop.lanes)
    known = {lane.id for lane in lanes}
    for step in workshop.steps:
        if step.lane not in known:
            known.add(step.lane)
            lanes.append(Lane(step.lane, step.lane))
    pools: dict[str, list[Lane]] = {}
    for lane in lanes:
        pools.setdefault(lane.pool, []).append(lane)
    if len(pools) == 1:
        return [("", lanes)]
    return [(pool or workshop.meta.title, members) for pool, members in pools.items()]


def _node_names(workshop: Workshop, splits: Iterable[str] = ()) -> dict[str, str]:
    """Safe node names: ``n_`` plus the id with anything but letters and digits as ``_``;
    the gateway after a splitting step is ``split:<id>``, named after the step."""
    names: dict[str, str] = {}
    taken: set[str] = set()
    keys = [(s.id, s.id) for s in workshop.steps] + [(f"split:{i}", f"{i}_split") for i in splits]
    for key, text in keys:
        base = "n_" + re.sub(r"[^A-Za-z0-9]", "_", text)
        name, n = base, 1
        while name in taken:
            n += 1
            name = f"{base}_{n}"
        taken.add(name)
        names[key] = name
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
    """A Mermaid ``flowchart LR`` with one subgraph per lane (inside one per pool).

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
    splits = _splits(workshop)
    names = _node_names(workshop, splits)
    lines = ["flowchart LR"]
    number = 0
    for pool_number, (pool, lanes) in enumerate(_groups(workshop), start=1):
        indent = "  "
        if pool:
            lines.append(f'  subgraph pool_{pool_number}["{_mermaid_text(pool)}"]')
            indent = "    "
        for lane in lanes:
            number += 1
            lines.append(f'{indent}subgraph lane_{number}["{_mermaid_text(lane.name)}"]')
            for step in workshop.steps:
                if step.lane == lane.id:
                    left, right = _MERMAID_SHAPES[step.kind]
                    text = _mermaid_text(_label(step))
                    lines.append(f"{indent}  {names[step.id]}{left}{text}{right}")
                    if step.id in splits:
                        mark = GATEWAY_MARKS[splits[step.id]]
                        lines.append(f'{indent}  {names["split:" + step.id]}{{"{mark}"}}')
            lines.append(f"{indent}end")
        if pool:
            lines.append("  end")
    for step_id in splits:
        lines.append(f"  {names[step_id]} --> {names['split:' + step_id]}")
    for flow in workshop.flows:
        if flow.source not in names or flow.target not in names:
            continue
        label = _edge_label(flow.label, flow.share)
        text = f'|"{_mermaid_text(label)}"|' if label else ""
        if flow.is_message:
            arrow = "-.->"
        elif _boundary(workshop, flow):
            arrow = "--o"
        else:
            arrow = "-->"
        source = names[flow.source]
        if flow.source in splits and arrow == "-->":
            source = names["split:" + flow.source]
        lines.append(f"  {source} {arrow}{text} {names[flow.target]}")
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
    """A Graphviz ``digraph`` laid out left to right, one cluster per lane (and pool)."""
    splits = _splits(workshop)
    names = _node_names(workshop, splits)
    lines = [
        f"digraph {_dot_string(workshop.meta.title)} {{",
        '  graph [rankdir=LR, charset="UTF-8", fontname="sans-serif"];',
        '  node [fontname="sans-serif"];',
        '  edge [fontname="sans-serif"];',
    ]
    number = 0
    for pool_number, (pool, lanes) in enumerate(_groups(workshop), start=1):
        indent = "  "
        if pool:
            lines.append(f"  subgraph cluster_pool_{pool_number} {{")
            lines.append(f"    label={_dot_string(pool)};")
            indent = "    "
        for lane in lanes:
            number += 1
            lines.append(f"{indent}subgraph cluster_{number} {{")
            lines.append(f"{indent}  label={_dot_string(lane.name)};")
            for step in workshop.steps:
                if step.lane == lane.id:
                    lines.append(
                        f"{indent}  {names[step.id]} [label={_dot_string(_label(step))},"
                        f" {_DOT_SHAPES[step.kind]}];"
                    )
                    if step.id in splits:
                        mark = _dot_string(GATEWAY_MARKS[splits[step.id]])
                        lines.append(
                            f"{indent}  {names['split:' + step.id]} [label={mark}, shape=diamond];"
                        )
            lines.append(f"{indent}}}")
        if pool:
            lines.append("  }")
    for step_id in splits:
        lines.append(f"  {names[step_id]} -> {names['split:' + step_id]};")
    for flow in workshop.flows:
        if flow.source not in names or flow.target not in names:
            continue
        label = _edge_label(flow.label, flow.share)
        attributes = [f"label={_dot_string(label)}"] if label else []
        source = names[flow.source]
        if flow.is_message:
            attributes.append("style=dashed, arrowhead=empty")
        elif _boundary(workshop, flow):
            attributes.append("style=dotted, arrowhead=odot")
        elif flow.source in splits:
            source = names["split:" + flow.source]
        text = f" [{', '.join(attributes)}]" if attributes else ""
        lines.append(f"  {source} -> {names[flow.target]}{text};")
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
