"""Section 7, リスクと対策: the pilot's risks and their mitigations."""

from __future__ import annotations

from cocreate.reports.document import DASH, Block, Table
from cocreate.reports.sections.context import Context


def build(ctx: Context) -> list[Block]:
    risks = ctx.ws.pilot.risks
    if not risks:
        return [ctx.missing()]
    return [
        Table(
            tuple(ctx.tr(f"report.col.{c}") for c in ("no", "risk", "mitigation")),
            tuple((str(i), r.text, r.mitigation or DASH) for i, r in enumerate(risks, start=1)),
            numeric=frozenset({0}),
            name="risks",
            wide=frozenset({1, 2}),
        )
    ]
