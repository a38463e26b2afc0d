"""The pilot proposal's content as plain data, assembled from a workshop.

:func:`assemble` turns a :class:`~cocreate.model.Workshop` into a
:class:`~cocreate.reports.document.Report`: it gathers the facts once
(:mod:`cocreate.reports.facts`), then each part is built by its own module in
:mod:`cocreate.reports.sections`, with numbers formatted by
:mod:`cocreate.reports.format`. Every string is plain text, exactly as typed by
participants; the renderers (``html``, ``markdown``) escape it.

Every claim carries the id of what it comes from (step ``s06``, problem ``suzuki.p1``,
cause ``suzuki.c2``, idea ``ito.i1``, KPI ``k1``). When voting is anonymous, member ids
(which prefix problem, cause and idea ids) are replaced by neutral aliases (``P1``,
``C1``, ``I1``) consistently across the whole report, and the participant list is left
out.

The block types are re-exported here, where renderers and tests have always found them.
"""

from __future__ import annotations

import datetime as dt

from cocreate.i18n import t
from cocreate.model import Workshop
from cocreate.reports.document import (
    SECTIONS,
    BulletList,
    Cell,
    Heading,
    Image,
    KeyValues,
    Paragraph,
    Progress,
    Report,
    Section,
    Table,
)

__all__ = [
    "SECTIONS",
    "BulletList",
    "Cell",
    "Heading",
    "Image",
    "KeyValues",
    "Paragraph",
    "Progress",
    "Report",
    "Section",
    "Table",
    "assemble",
]


def assemble(
    workshop: Workshop,
    lang: str = "ja",
    *,
    figures: bool = True,
    progress: Progress | None = None,
    today: dt.date | None = None,
) -> Report:
    """Build the pilot proposal of ``workshop`` in ``lang`` (``ja`` or ``en``).

    Parameters
    ----------
    workshop : a valid workshop (``storage.load`` checks it).
    lang : the report's language.
    figures : draw the process diagram and the matrix (PNG); off for quick tests.
    progress : called as ``progress(done, total, label)`` after each section.
    today : the date printed as the report's date (default: today).

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
    from cocreate.reports.facts import gather_facts
    from cocreate.reports.sections import BUILDERS, Context
    from cocreate.reports.sections.cover import cover, summary

    total = len(SECTIONS) + 1
    facts = gather_facts(workshop)
    if progress:
        progress(1, total, t("report.progress.analyse", lang))
    ctx = Context(workshop, lang, facts, figures)
    sections = []
    number = 0
    for done, (section_id, key) in enumerate(SECTIONS, start=2):
        blocks = BUILDERS[section_id](ctx)
        if blocks:  # a section with nothing to say (部局間の比較 of one map) is left out
            number += 1
            sections.append(Section(section_id, str(number), t(key, lang), tuple(blocks)))
        if progress:
            progress(done, total, t(key, lang))
    title = workshop.pilot.title or workshop.meta.title
    date = ctx.f.date(today or dt.date.today())
    from cocreate import __version__

    return Report(
        lang=lang,
        title=title,
        subtitle=t("report.subtitle", lang),
        cover=cover(ctx, date),
        summary=summary(ctx),
        sections=tuple(sections),
        footer=t("report.footer", lang, date=date, version=__version__),
        images=tuple(ctx.images),
    )
