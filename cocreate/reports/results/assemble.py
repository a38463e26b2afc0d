"""The results report's content (実証結果報告書) as plain data, assembled from a workshop.

:func:`assemble_results` turns a workshop whose pilot has run into a
:class:`~cocreate.reports.assemble.Report` made of the same blocks as the proposal, so the
same renderers (``reports.html``, ``reports.markdown``) write it in the same style with the
same escaping. Every figure comes from :func:`cocreate.verify.evaluate.evaluate` and is
traced in the appendix to its KPI, measurement, idea, cause and problem ids.

One module per part: ``plan`` (1 概要, 2 実施内容), ``kpis`` (3 KPIの測定結果), ``workload``
(4 業務量の比較), ``judgement`` (5 判断基準の評価, 6 課題と対応, 7 結論と次の展開) and
``appendix`` (8); ``context`` holds what they share.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from cocreate.i18n import t
from cocreate.model import Workshop
from cocreate.reports.document import DASH, Block, KeyValues, Report, Section
from cocreate.reports.results import appendix, judgement, kpis, plan, workload
from cocreate.reports.results.context import Context

if TYPE_CHECKING:
    from cocreate.verify.evaluate import Evaluation

__all__ = ["SECTIONS", "assemble_results"]

#: The sections in order: (anchor id, i18n key of the heading, the function building it).
SECTIONS: tuple[tuple[str, str, Callable[[Context], list[Block]]], ...] = (
    ("overview", "results.section.overview", plan.overview),
    ("done", "results.section.done", plan.done),
    ("kpis", "results.section.kpis", kpis.kpis),
    ("workload", "results.section.workload", workload.workload),
    ("criteria", "results.section.criteria", judgement.criteria),
    ("issues", "results.section.issues", judgement.issues),
    ("conclusion", "results.section.conclusion", judgement.conclusion),
    ("appendix", "results.section.appendix", appendix.appendix),
)


def _cover(c: Context, date: str) -> KeyValues:
    meta, pilot = c.ws.meta, c.ws.pilot
    rows = (
        (c.tr("report.cover.date"), date),
        (c.tr("report.cover.organisation"), meta.organisation or DASH),
        (c.tr("report.cover.area"), meta.business_area or DASH),
        (c.tr("results.cover.scope"), pilot.scope_unit or DASH),
        (c.tr("results.cover.period"), c.period_text()),
        (c.tr("report.cover.owner"), c.member(pilot.owner) if pilot.owner else DASH),
    )
    return KeyValues(rows, "cover")


def _summary(c: Context) -> tuple[Block, ...]:
    counts = c.result.counts
    kpi_text = c.tr(
        "results.summary.kpis_value", met=counts.get("kpis_met", 0), total=counts.get("kpis", 0)
    )
    missed = [f"{k.kpi.id} {k.kpi.name}" for k in c.result.kpis if k.verdict.value == "not-met"]
    if missed:
        kpi_text += c.tr("results.summary.missed", kpis=c.f.joined(missed))
    criteria = c.tr(
        "results.summary.criteria_value",
        met=counts.get("criteria_met", 0),
        total=counts.get("criteria", 0),
    )
    rows = (
        (c.tr("results.summary.pilot"), c.ws.pilot.title or c.ws.meta.title),
        (c.tr("results.summary.conclusion"), c.outcome()),
        (c.tr("results.summary.kpis"), kpi_text),
        (c.tr("results.summary.criteria"), criteria),
        (c.tr("results.summary.verified"), c.saving(c.result.savings.verified)),
        (c.tr("results.summary.estimated"), c.saving(c.result.savings.estimated)),
    )
    return (KeyValues(rows, "summary"),)


def assemble_results(
    workshop: Workshop,
    lang: str = "ja",
    *,
    figures: bool = True,
    today: dt.date | None = None,
    evaluation: Evaluation | None = None,
    progress: Callable[[int, int, str], None] | None = None,
) -> Report:
    """Build the results report (実証結果報告書) of ``workshop`` in ``lang``.

    Parameters
    ----------
    workshop : a valid workshop whose pilot has been measured; one without measurements
        still gets a report that says what is missing.
    lang : ``ja`` or ``en``.
    figures : draw a chart per KPI (PNG); off for quick tests.
    today : the report's date (default: today).
    evaluation : the evaluation, when it is already computed.
    progress : called as ``progress(done, total, label)`` after each section.

    Returns
    -------
    Report
        Plain data; render it with ``cocreate.reports.html.render`` or
        ``cocreate.reports.markdown.render``.
    """
    from cocreate.i18n import LANGUAGES

    if lang not in LANGUAGES:
        from cocreate.errors import InputError

        raise InputError(None, f"unknown report language {lang!r}; expected ja or en")
    if evaluation is None:
        from cocreate.verify.evaluate import evaluate

        evaluation = evaluate(workshop)
    total = len(SECTIONS) + 1
    if progress:
        progress(1, total, t("results.progress.evaluate", lang))
    context = Context(workshop, lang, evaluation, figures)
    sections = []
    for n, (section_id, key, build) in enumerate(SECTIONS, start=1):
        sections.append(Section(section_id, str(n), t(key, lang), tuple(build(context))))
        if progress:
            progress(n + 1, total, t(key, lang))
    date = context.f.date(today or dt.date.today())
    from cocreate import __version__

    return Report(
        lang=lang,
        title=workshop.pilot.title or workshop.meta.title,
        subtitle=t("results.subtitle", lang),
        cover=_cover(context, date),
        summary=_summary(context),
        sections=tuple(sections),
        footer=t("report.footer", lang, date=date, version=__version__),
        images=tuple(context.images),
    )
