"""One module per part of the pilot proposal; each ``build(ctx)`` returns its blocks.

``cover`` makes the cover table and the summary; the numbered sections follow in
:data:`BUILDERS`' order, which is :data:`cocreate.reports.document.SECTIONS`' order.
"""

from __future__ import annotations

from collections.abc import Callable

from cocreate.reports.document import Block
from cocreate.reports.sections import (
    appendix,
    asis,
    background,
    ideas,
    kpi,
    pilot,
    problems,
    risks,
    rollout,
    variants,
)
from cocreate.reports.sections.context import Context

__all__ = ["BUILDERS", "Context"]

#: Section id -> the function that builds its blocks.
BUILDERS: dict[str, Callable[[Context], list[Block]]] = {
    "background": background.build,
    "asis": asis.build,
    "problems": problems.build,
    "ideas": ideas.build,
    "pilot": pilot.build,
    "kpi": kpi.build,
    "risks": risks.build,
    "rollout": rollout.build,
    "variants": variants.build,
    "appendix": appendix.build,
}
