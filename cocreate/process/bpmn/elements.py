"""Reading one BPMN element: cocreate's attributes, lanes, event triggers and notes."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element

from cocreate.errors import InputError
from cocreate.model import StepKind, Trigger
from cocreate.process.bpmn.vocab import BPMN_NS, DEFINITIONS, cc, local, name_of, namespace

__all__ = [
    "choice",
    "flow_node_refs",
    "leaf_lanes",
    "notes",
    "number",
    "readable",
    "share",
    "trigger",
]


def number(path: Path, element: Element, attribute: str, *, whole: bool = False) -> Any:
    raw = cc(element, attribute)
    if raw is None:
        return None
    where = f"{local(element.tag)} {element.get('id', '?')} cocreate:{attribute}"
    try:
        value = int(raw) if whole else float(raw)
    except ValueError:
        kind = "a whole number" if whole else "a number"
        raise InputError(path, f"must be {kind}, not {raw!r}", field=where) from None
    if value < 0 or value != value:
        raise InputError(path, f"must not be negative ({raw})", field=where)
    return value


def share(path: Path, element: Element, attribute: str = "share") -> float | None:
    share: float | None = number(path, element, attribute)
    if share is not None and share > 1:
        raise InputError(
            path,
            f"must be between 0 and 1 ({share:g})",
            field=f"{local(element.tag)} {element.get('id', '?')} cocreate:{attribute}",
        )
    return share


def choice(path: Path, element: Element, attribute: str, kind: type, default: Any) -> Any:
    raw = cc(element, attribute)
    if raw is None:
        return default
    try:
        return kind(raw)
    except ValueError:
        raise InputError(
            path,
            f"unknown value {raw!r}",
            field=f"{local(element.tag)} {element.get('id', '?')} cocreate:{attribute}",
        ) from None


def leaf_lanes(lane_set: Element) -> list[tuple[Element, str]]:
    """Innermost lanes with a name (a nameless child lane takes its parent's)."""
    out: list[tuple[Element, str]] = []

    def walk(container: Element, parent_name: str) -> None:
        for lane in container:
            if local(lane.tag) != "lane":
                continue
            name = name_of(lane) or parent_name
            children = [c for c in lane if local(c.tag) == "childLaneSet"]
            if children and any(local(x.tag) == "lane" for c in children for x in c):
                for child in children:
                    walk(child, name)
            else:
                out.append((lane, name))

    walk(lane_set, "")
    return out


def flow_node_refs(lane: Element) -> list[str]:
    refs = [(c.text or "").strip() for c in lane.iter() if local(c.tag) == "flowNodeRef"]
    return [r for r in refs if r]


def readable(name: str) -> str:
    """``exclusiveGateway`` -> ``exclusive gateway``, the name of a nameless node."""
    return re.sub(r"(?<!^)(?=[A-Z])", " ", name).lower()


def trigger(element: Element, kind: StepKind) -> Trigger | None:
    """The event's trigger, ``None`` when it is its kind's usual one."""
    found = [
        DEFINITIONS[local(c.tag)]
        for c in element
        if local(c.tag) in DEFINITIONS and namespace(c.tag) == BPMN_NS
    ]
    found += [Trigger.MULTIPLE for c in element if local(c.tag) == "eventDefinitionRef"]
    if len(found) > 1:
        parallel = element.get("parallelMultiple") == "true"
        trigger = Trigger.PARALLEL_MULTIPLE if parallel else Trigger.MULTIPLE
    else:
        trigger = found[0] if found else Trigger.NONE
    usual = Trigger.TIMER if kind == StepKind.WAIT else Trigger.NONE
    return None if trigger == usual else trigger


def notes(element: Element) -> str:
    return " ".join(
        " ".join((d.text or "").split())
        for d in element
        if local(d.tag) == "documentation" and d.text
    )
