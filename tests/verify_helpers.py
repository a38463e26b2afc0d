"""A to-be map of the sample as the pilot runs it, for the verification tests."""

from __future__ import annotations

from cocreate.model import Flow, Medium, Variant, VariantKind, Workshop

#: Minutes, waits and media of the steps the pilot changed (s05, 持参, is gone).
CHANGED = {
    "s02": (3.0, 10.0, Medium.SYSTEM),
    "s03": (6.0, 0.0, Medium.SYSTEM),
    "s04": (2.0, 240.0, Medium.SYSTEM),
    "s06": (7.0, 0.0, Medium.SYSTEM),
}
REWORK = 0.08


def tobe_variant(workshop: Workshop, variant_id: str = "tobe", cases: int = 300) -> Variant:
    steps = []
    for step in workshop.steps:
        if step.id == "s05":
            continue
        step = step.edit(volume=None)
        if step.id in CHANGED:
            minutes, wait, medium = CHANGED[step.id]
            step = step.edit(minutes=minutes, wait_minutes=wait, medium=medium)
        steps.append(step)
    flows = []
    for flow in workshop.flows:
        if flow.source == "s04":
            flow = Flow("s04", "s06")
        elif flow.source == "s05":
            continue
        elif flow.source == "s07":
            flow = flow.edit(share=REWORK if flow.target == "s03" else 1 - REWORK)
        flows.append(flow)
    return Variant(
        variant_id,
        "政策局の試行（第8週）",
        VariantKind.TO_BE,
        unit="政策局",
        annual_cases=cases,
        lanes=workshop.lanes,
        steps=tuple(steps),
        flows=tuple(flows),
    )
