"""Section 部局間の比較と標準化案: the bureaus side by side, the standard flow, per-bureau savings.

Only for a workshop with more than one as-is map (:func:`applies`); the report leaves the
section out otherwise, and its sections are numbered without it. Every figure comes from
:mod:`cocreate.variants` (``compare``, ``standard.savings``), the same functions
``cocreate compare`` and ``cocreate standard`` print, and every step is named by its
reference ``variant:step``, so the traceability appendix's ids lead back to the maps.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from cocreate.model import StandardChoice, VariantKind, Workshop
from cocreate.reports.document import DASH, Block, BulletList, Heading, Paragraph, Table
from cocreate.reports.sections.context import Context

if TYPE_CHECKING:
    from cocreate.reports.document import Cell
    from cocreate.variants.compare import StepWay, VariantComparison

__all__ = ["applies", "build"]


def applies(workshop: Workshop) -> bool:
    """True when the workshop holds more than one as-is map (bureaus' variants)."""
    from cocreate.variants.choices import as_is_maps

    return len(as_is_maps(workshop)) > 1


def _standard(workshop: Workshop) -> str | None:
    found = [v.id for v in workshop.variants if v.kind == VariantKind.STANDARD]
    return found[0] if found else None


def build(ctx: Context) -> list[Block]:
    """The section's blocks; none when the workshop has a single as-is map."""
    if not applies(ctx.ws):
        return []
    from cocreate.errors import CocreateError
    from cocreate.variants.choices import as_is_maps
    from cocreate.variants.compare import compare

    try:
        comparison = compare(ctx.ws)
    except CocreateError as exc:
        return [Paragraph(ctx.tr("report.variants.error", reason=str(exc)), "note")]
    blocks: list[Block] = [
        Paragraph(ctx.tr("report.variants.intro", maps=len(as_is_maps(ctx.ws)))),
        Heading(ctx.tr("report.variants.h.figures")),
        _figures(ctx, comparison),
        Heading(ctx.tr("report.variants.h.steps")),
        _steps(ctx, comparison),
    ]
    blocks += _partial(ctx, comparison)
    blocks += _fit_gap(ctx)
    standard = _standard(ctx.ws)
    if standard is None:
        blocks.append(Paragraph(ctx.tr("report.variants.no_standard"), "muted"))
        return blocks
    blocks += _standard_flow(ctx, standard)
    return blocks


def _name(comparison: VariantComparison, variant_id: str) -> str:
    if variant_id in comparison.ids:
        return comparison.figures_of(variant_id).map.name
    return variant_id


def _figures(ctx: Context, comparison: VariantComparison) -> Table:
    from cocreate.process.metrics import metric_label
    from cocreate.variants.compare import PER_CASE, PER_YEAR

    rows = []
    for name in (*PER_CASE, *PER_YEAR):
        label = (
            ctx.tr("report.variants.cases")
            if name == "annual_cases"
            else metric_label(name, ctx.f.lang)
        )
        cells = []
        for figures in comparison.maps:
            value = figures.value(name)
            cells.append(ctx.f.num(value) if name == "annual_cases" else ctx.f.metric(name, value))
        rows.append((label, *cells))
    headers = (ctx.tr("report.variants.col.figure"), *(f.map.name for f in comparison.maps))
    return Table(
        headers,
        tuple(rows),
        numeric=frozenset(range(1, len(headers))),
        name="variant_figures",
    )


def _way_text(ctx: Context, way: StepWay | None, best: bool) -> str:
    if way is None:
        return DASH
    medium = ctx.tr(f"ui.medium.{way.medium.value}")
    text = ctx.tr(
        "report.variants.way",
        minutes=f"{way.minutes:g}",
        wait=f"{way.wait_minutes:g}",
        medium=medium,
    )
    return f"★ {text}" if best else text


def _steps(ctx: Context, comparison: VariantComparison) -> Table:
    rows: list[tuple[Cell, ...]] = []
    for step in comparison.steps:
        ways = [_way_text(ctx, w, w is not None and step.best == w.variant) for w in step.ways]
        refs = tuple(str(ref) for ref in step.row.steps)
        best = _name(comparison, step.best) if step.best else DASH
        rows.append((step.row.name, *ways, best, refs))
    headers = (
        ctx.tr("report.variants.col.step"),
        *(f.map.name for f in comparison.maps),
        ctx.tr("report.variants.col.best"),
        ctx.tr("report.variants.col.refs"),
    )
    return Table(
        headers,
        tuple(rows),
        caption=ctx.tr("report.variants.steps_caption"),
        name="variant_steps",
        ids=frozenset({len(headers) - 1}),
        wide=frozenset({0}),
    )


def _partial(ctx: Context, comparison: VariantComparison) -> list[Block]:
    partial = comparison.partial()
    if not partial:
        return []
    items = []
    for step in partial:
        present = [_name(comparison, v) for v in step.present]
        absent = [_name(comparison, v) for v in step.row.missing(comparison.ids)]
        items.append(
            ctx.tr(
                "report.variants.partial_item",
                step=step.row.name,
                present=ctx.f.joined(present),
                absent=ctx.f.joined(absent),
            )
        )
    return [Heading(ctx.tr("report.variants.h.partial"), 4), BulletList(tuple(items))]


def _fit_gap(ctx: Context) -> list[Block]:
    """Each bureau against each reference flow: what fits, its own steps, what it lacks."""
    from cocreate.variants.choices import as_is_maps
    from cocreate.variants.fitgap import fit_gap, reference_maps

    blocks: list[Block] = []
    for reference in reference_maps(ctx.ws):
        rows = []
        name = ""
        for variant_id in as_is_maps(ctx.ws):
            result = fit_gap(ctx.ws, reference, variant_id)
            name = result.reference.name
            rows.append(
                (
                    result.map.name,
                    ctx.f.num(len(result.fits)),
                    ctx.f.joined([f"{i.step_name} ({i.step})" for i in result.gaps]),
                    ctx.f.joined([f"{i.reference_name} ({i.reference})" for i in result.missing]),
                )
            )
        keys = ("bureau", "fits", "gaps", "missing")
        blocks += [
            Heading(ctx.tr("report.variants.h.fitgap", name=name), 4),
            Table(
                tuple(ctx.tr(f"report.variants.col.{key}") for key in keys),
                tuple(rows),
                caption=ctx.tr("report.variants.fitgap_caption"),
                numeric=frozenset({1}),
                name="fit_gap",
                wide=frozenset({2, 3}),
            ),
        ]
    return blocks


def _standard_flow(ctx: Context, standard_id: str) -> list[Block]:
    from cocreate.variants.maps import map_view
    from cocreate.variants.standard import compose, savings

    stored = ctx.ws.variant(standard_id)
    assert stored is not None
    blocks: list[Block] = [Heading(ctx.tr("report.variants.h.standard", name=stored.name))]
    composition = compose(
        ctx.ws, standard_id, name=stored.name, base=stored.base, choices=stored.choices
    )
    if ctx.figures:
        blocks += _diagram(ctx, map_view(ctx.ws, standard_id), stored.name)
    rows = []
    for step in composition.steps:
        choice = ctx.tr(f"variants.choice.{step.choice.value}")
        source = DASH
        if step.source is not None and step.choice == StandardChoice.TAKE:
            source = str(step.source)
        rows.append(
            (
                step.row.name,
                choice,
                source,
                ctx.tr("report.variants.chosen") if step.chosen else DASH,
            )
        )
    headers = tuple(
        ctx.tr(f"report.variants.col.{key}") for key in ("step", "choice", "source", "chosen")
    )
    blocks.append(
        Table(
            headers, tuple(rows), name="standard_choices", ids=frozenset({2}), wide=frozenset({0})
        )
    )
    saved = savings(ctx.ws, standard_id)
    blocks.append(Heading(ctx.tr("report.variants.h.savings"), 4))
    blocks.append(Paragraph(ctx.tr("report.variants.savings_note"), "muted"))
    saving_rows = [
        (
            b.map.name,
            ctx.f.num(b.annual_cases),
            ctx.f.hours(b.as_is.annual_hours),
            ctx.f.hours(b.standard.annual_hours),
            ctx.f.hours(b.hours_saved),
            ctx.f.person_years(b.person_years_saved),
            ctx.f.money(b.cost_saved),
        )
        for b in saved.bureaus
    ]
    saving_rows.append(
        (
            ctx.tr("report.variants.total"),
            ctx.f.num(sum(b.annual_cases for b in saved.bureaus)),
            ctx.f.hours(sum(b.as_is.annual_hours for b in saved.bureaus)),
            ctx.f.hours(sum(b.standard.annual_hours for b in saved.bureaus)),
            ctx.f.hours(saved.hours_saved),
            ctx.f.person_years(saved.person_years_saved),
            ctx.f.money(saved.cost_saved),
        )
    )
    keys = ("bureau", "cases", "now", "with", "saved", "person_years", "cost")
    blocks.append(
        Table(
            tuple(ctx.tr(f"report.variants.col.{key}") for key in keys),
            tuple(saving_rows),
            numeric=frozenset(range(1, len(keys))),
            name="standard_savings",
        )
    )
    return blocks


def _diagram(ctx: Context, view: Workshop, name: str) -> list[Block]:
    """The standard flow drawn as the as-is is, its images renamed ``standard…``."""
    from cocreate.errors import CocreateError
    from cocreate.process.metrics import analyse
    from cocreate.reports.sections.asis import diagram

    try:
        metrics = analyse(view)
    except CocreateError:
        metrics = None
    sub = Context(view, ctx.f.lang, dataclasses.replace(ctx.facts, metrics=metrics), True)
    caption = ctx.tr("report.variants.caption", name=name)
    images = [
        dataclasses.replace(
            image,
            name=image.name.replace("process", "standard", 1),
            caption=caption,
            tables=("standard_choices",),
        )
        for image in diagram(sub)
    ]
    ctx.images.extend(images)
    return list(images)
