"""Section 3, 課題と原因: problems by category, each with its why-chains."""

from __future__ import annotations

from cocreate.reports.document import DASH, Block, Heading, Paragraph, Table
from cocreate.reports.sections.context import Context


def build(ctx: Context) -> list[Block]:
    ws, f = ctx.ws, ctx.f
    if not ws.problems:
        return [ctx.missing()]
    blocks: list[Block] = [
        Paragraph(
            ctx.tr("report.text.problems_intro", problems=len(ws.problems), causes=len(ws.causes))
        )
    ]
    by_category: dict[str, list] = {}
    for problem in ws.problems:
        by_category.setdefault(problem.category.strip(), []).append(problem)
    categories = sorted(by_category, key=lambda c: (c == "", -len(by_category[c]), c))
    children = {c.parent for c in ws.causes if c.parent}
    for category in categories:
        name = category or ctx.tr("report.text.uncategorised")
        blocks.append(
            Heading(ctx.tr("report.h.category", name=name, count=len(by_category[category])))
        )
        rows = []
        for problem in by_category[category]:
            steps = tuple(ctx.step_label(s) for s in problem.steps) or DASH
            leaves = [c for c in ws.causes_of(problem.id) if c.id not in children]
            chains = []
            kinds: dict[str, None] = {}
            for leaf in leaves:
                chain = ws.why_chain(leaf.id)
                chains.append(
                    " → ".join(
                        ctx.tr("report.text.why", n=n, id=ctx.id(c.id), text=c.text)
                        for n, c in enumerate(chain, start=1)
                    )
                )
                kinds.update(
                    (ctx.tr(f"report.cause.{c.category.value}"), None)
                    for c in chain
                    if c.category is not None
                )
            rows.append(
                (
                    ctx.id(problem.id),
                    problem.text,
                    steps,
                    tuple(chains) or ctx.tr("report.text.no_cause"),
                    f.joined(list(kinds)),
                )
            )
        blocks.append(
            Table(
                tuple(
                    ctx.tr(f"report.col.{c}")
                    for c in ("problem_id", "problem", "steps", "why_chain", "cause_category")
                ),
                tuple(rows),
                name="problems",
                wide=frozenset({1, 3}),
                ids=frozenset({0}),
            )
        )
    counts: dict[str, int] = {}
    for cause in ws.causes:
        key = cause.category.value if cause.category else ""
        counts[key] = counts.get(key, 0) + 1
    if counts:
        parts = [
            f"{ctx.tr(f'report.cause.{k}') if k else ctx.tr('report.text.uncategorised')} {v}"
            for k, v in sorted(counts.items(), key=lambda kv: -kv[1])
        ]
        blocks.append(
            Paragraph(ctx.tr("report.text.cause_counts", counts=f.joined(parts)), "muted")
        )
    return blocks
