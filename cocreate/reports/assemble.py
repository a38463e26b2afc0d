"""The pilot proposal's content as plain data, assembled from a workshop.

:func:`assemble` turns a :class:`~cocreate.model.Workshop` into a :class:`Report`: a
title, a cover table, a summary and nine numbered sections, each a list of blocks
(headings, paragraphs, key-value tables, tables, lists and images). Every string in it is
plain text, exactly as typed by participants; the renderers (``html``, ``markdown``)
escape it, so this module never deals with markup.

Every claim carries the id of what it comes from (step ``s06``, problem ``suzuki.p1``,
cause ``suzuki.c2``, idea ``ito.i1``, KPI ``k1``). When voting is anonymous, member ids
(which prefix problem, cause and idea ids) are replaced by neutral aliases (``P1``,
``C1``, ``I1``) consistently across the whole report, and the participant list is left
out.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from cocreate.i18n import t
from cocreate.model import Workshop

if TYPE_CHECKING:
    from cocreate.prioritize.tally import IdeaTally
    from cocreate.process.metrics import ProcessMetrics
    from cocreate.process.tobe import Comparison

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

#: The nine sections in order: (anchor id, i18n key of the heading).
SECTIONS = (
    ("background", "report.section.background"),
    ("asis", "report.section.asis"),
    ("problems", "report.section.problems"),
    ("ideas", "report.section.ideas"),
    ("pilot", "report.section.pilot"),
    ("kpi", "report.section.kpi"),
    ("risks", "report.section.risks"),
    ("rollout", "report.section.rollout"),
    ("appendix", "report.section.appendix"),
)

#: ``progress(done, total, label)``: called after each part of the work.
Progress = Callable[[int, int, str], None]

DASH = "—"


# --------------------------------------------------------------------------- blocks


@dataclass(frozen=True, slots=True)
class Heading:
    """A sub-heading inside a section (``level`` 3 or 4)."""

    text: str
    level: int = 3


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph of plain text; ``style`` is ``""``, ``note`` or ``muted``."""

    text: str
    style: str = ""


@dataclass(frozen=True, slots=True)
class KeyValues:
    """Label-value pairs shown as a two-column table."""

    rows: tuple[tuple[str, str], ...]
    style: str = ""


Cell = str | tuple[str, ...]
"""A table cell: one text, or several lines."""


@dataclass(frozen=True, slots=True)
class Table:
    """A table of plain-text cells; ``numeric`` columns are right-aligned.

    ``ids`` are the columns holding ids (kept on one line). A cell may be a tuple of
    lines, such as the why-chains of one problem.
    """

    headers: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    caption: str = ""
    numeric: frozenset[int] = frozenset()
    name: str = ""
    """A stable name for tests and anchors, such as ``workload``."""
    ids: frozenset[int] = frozenset()
    wide: frozenset[int] = frozenset()
    """Columns of running text that must not be squeezed narrow."""


@dataclass(frozen=True, slots=True)
class BulletList:
    items: tuple[str, ...]
    ordered: bool = False


@dataclass(frozen=True, slots=True)
class Image:
    """A chart as PNG or SVG bytes; ``name`` becomes its file name beside the Markdown.

    ``format`` is ``png`` or ``svg`` (the file's suffix and its media type).
    """

    name: str
    caption: str
    alt: str
    data: bytes
    format: str = "png"

    @property
    def media_type(self) -> str:
        return "image/svg+xml" if self.format == "svg" else "image/png"


Block = Heading | Paragraph | KeyValues | Table | BulletList | Image


@dataclass(frozen=True, slots=True)
class Section:
    id: str
    number: str
    title: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True, slots=True)
class Report:
    """The whole proposal, ready for a renderer."""

    lang: str
    title: str
    subtitle: str
    cover: KeyValues
    summary: tuple[Block, ...]
    sections: tuple[Section, ...]
    footer: str
    images: tuple[Image, ...] = field(default=())

    def section(self, section_id: str) -> Section:
        for section in self.sections:
            if section.id == section_id:
                return section
        raise KeyError(section_id)


# --------------------------------------------------------------------------- formatting


class _Format:
    """Numbers, dates and units in the report's language."""

    def __init__(self, workshop: Workshop, lang: str) -> None:
        self.lang = lang
        self.currency = workshop.settings.currency or "JPY"

    def tr(self, key: str, **values: object) -> str:
        return t(key, self.lang, **values)

    def num(self, value: float | None, digits: int = 0) -> str:
        if value is None or (isinstance(value, float) and math.isnan(value)):
            return DASH
        return f"{value:,.{digits}f}"

    def hours(self, value: float | None, digits: int = 0) -> str:
        if value is None:
            return DASH
        return self.tr("report.unit.hours", value=self.num(value, digits))

    def person_years(self, value: float | None) -> str:
        if value is None:
            return DASH
        return self.tr("report.unit.person_years", value=self.num(value, 2))

    def money(self, value: float | None) -> str:
        if value is None:
            return DASH
        if self.currency == "JPY":
            if self.lang == "ja":
                return f"{value / 10_000:,.0f}万円" if abs(value) >= 100_000 else f"{value:,.0f}円"
            return f"¥{value:,.0f}"
        return f"{value:,.0f} {self.currency}"

    def minutes(self, value: float | None) -> str:
        if value is None:
            return DASH
        text = self.tr("report.unit.minutes", value=self.num(value))
        if value >= 120:
            text += self.tr("report.unit.about_hours", value=self.num(value / 60, 1))
        return text

    def percent(self, value: float | None, digits: int = 0) -> str:
        if value is None:
            return DASH
        return f"{value * 100:.{digits}f}%"

    def date(self, value: dt.date | None) -> str:
        if value is None:
            return DASH
        if self.lang == "ja":
            return f"{value.year}年{value.month}月{value.day}日"
        return value.strftime("%d %b %Y").lstrip("0")

    def joined(self, items: Sequence[str]) -> str:
        sep = "、" if self.lang == "ja" else ", "
        return sep.join(items) if items else DASH

    def metric(self, name: str, value: float | None) -> str:
        """A process metric's value with its unit."""
        if value is None:
            return DASH
        if name in ("annual_hours",):
            return self.hours(value)
        if name == "person_years":
            return self.person_years(value)
        if name == "cost":
            return self.money(value)
        if name in ("lead_time_minutes", "work_minutes"):
            return self.minutes(value)
        if name == "cycle_efficiency":
            return self.percent(value, 1)
        if name == "handoffs_per_case":
            return self.num(value, 1)
        return self.tr("report.unit.count", value=self.num(value))

    def value(self, value: float | None, unit: str) -> str:
        """A KPI value with the KPI's own unit (a fraction below 1 with no unit is a rate)."""
        if value is None:
            return DASH
        if not unit and 0 < abs(value) < 1:
            return self.percent(value, 0)
        digits = 0 if float(value).is_integer() or abs(value) >= 100 else 1
        text = self.num(value, digits)
        return f"{text} {unit}".strip() if self.lang == "en" else f"{text}{unit}"


def _short(text: str, limit: int = 28) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


# --------------------------------------------------------------------------- the analyses


@dataclass
class _Facts:
    """Everything computed once from the workshop and shared by the sections."""

    metrics: ProcessMetrics | None = None
    metrics_error: str = ""
    comparison: Comparison | None = None
    pilot_hours_saved: float | None = None
    hours_by_idea: dict[str, float] = field(default_factory=dict)
    tally: list[IdeaTally] = field(default_factory=list)
    alias: dict[str, str] = field(default_factory=dict)


def _aliases(workshop: Workshop, rows: Sequence[IdeaTally]) -> dict[str, str]:
    """Neutral ids for member-prefixed ones when voting is anonymous, else identity."""
    if not workshop.voting.anonymous:
        return {}
    alias: dict[str, str] = {}
    for n, problem in enumerate(workshop.problems, start=1):
        alias[problem.id] = f"P{n}"
    for n, cause in enumerate(workshop.causes, start=1):
        alias[cause.id] = f"C{n}"
    ranked = [row.id for row in rows]
    for idea in workshop.ideas:
        if idea.id not in ranked:
            ranked.append(idea.id)
    for n, idea_id in enumerate(ranked, start=1):
        alias[idea_id] = f"I{n}"
    return alias


def _facts(workshop: Workshop) -> _Facts:
    from cocreate.errors import CocreateError

    facts = _Facts()
    try:
        from cocreate.process.metrics import analyse
        from cocreate.process.tobe import compare, hours_saved_by_idea

        facts.metrics = analyse(workshop)
        facts.hours_by_idea = hours_saved_by_idea(workshop)
        ideas = [i for i in workshop.pilot.ideas if workshop.idea(i) is not None]
        facts.comparison = compare(workshop, ideas)
        facts.pilot_hours_saved = facts.comparison.hours_saved
    except CocreateError as exc:
        # A process that cannot be analysed still gets a report, with the reason in it.
        facts.metrics_error = str(exc)
    from cocreate.prioritize.tally import tally

    facts.tally = tally(workshop, anonymise=False)
    facts.alias = _aliases(workshop, facts.tally)
    return facts


# --------------------------------------------------------------------------- sections


class _Builder:
    """Builds each section; one method per section, in report order."""

    def __init__(self, workshop: Workshop, lang: str, facts: _Facts, figures: bool) -> None:
        self.ws = workshop
        self.f = _Format(workshop, lang)
        self.tr = self.f.tr
        self.facts = facts
        self.figures = figures
        self.images: list[Image] = []
        self.kpi_rows: dict[str, tuple[float | None, float | None, str]] = {}

    # -- ids and names

    def id(self, item_id: str) -> str:
        return self.facts.alias.get(item_id, item_id)

    def step_label(self, step_id: str) -> str:
        step = self.ws.step(step_id)
        return f"{step_id} {step.name}" if step else step_id

    def member_name(self, member_id: str) -> str:
        member = self.ws.member(member_id)
        return member.name if member else member_id

    def lane_name(self, lane_id: str) -> str:
        lane = self.ws.lane(lane_id)
        return lane.name if lane else lane_id

    def idea_label(self, idea_id: str, limit: int = 40) -> str:
        idea = self.ws.idea(idea_id)
        return f"{self.id(idea_id)} {_short(idea.title, limit)}" if idea else self.id(idea_id)

    def missing(self) -> Paragraph:
        return Paragraph(self.tr("report.text.not_filled"), "muted")

    # -- cover and summary

    def cover(self, date: str) -> KeyValues:
        meta, pilot = self.ws.meta, self.ws.pilot
        rows = [
            (self.tr("report.cover.date"), date),
            (self.tr("report.cover.organisation"), meta.organisation or DASH),
            (self.tr("report.cover.area"), meta.business_area or DASH),
            (self.tr("report.cover.workshop"), meta.title),
            (self.tr("report.cover.dates"), self.f.joined([self.f.date(d) for d in meta.dates])),
            (
                self.tr("report.cover.facilitator"),
                self.member_name(meta.facilitator) if meta.facilitator else DASH,
            ),
            (self.tr("report.cover.owner"), self.member_name(pilot.owner) if pilot.owner else DASH),
        ]
        return KeyValues(tuple(rows), "cover")

    def summary(self) -> tuple[Block, ...]:
        pilot, facts = self.ws.pilot, self.facts
        rows: list[tuple[str, str]] = [
            (self.tr("report.summary.proposal"), pilot.title or DASH),
            (
                self.tr("report.summary.ideas"),
                self.f.joined([self.idea_label(i, 30) for i in pilot.ideas]),
            ),
            (self.tr("report.summary.scope"), pilot.scope_unit or DASH),
            (self.tr("report.summary.period"), self.period()),
            (
                self.tr("report.summary.owner"),
                self.member_name(pilot.owner) if pilot.owner else DASH,
            ),
        ]
        if facts.pilot_hours_saved is not None and facts.metrics is not None:
            settings = self.ws.settings
            saved = facts.pilot_hours_saved
            rows.append(
                (
                    self.tr("report.summary.effect"),
                    self.tr(
                        "report.summary.effect_value",
                        hours=self.f.hours(saved),
                        share=self.f.percent(
                            saved / facts.metrics.annual_hours if facts.metrics.annual_hours else 0
                        ),
                        person_years=self.f.person_years(
                            saved / settings.annual_hours_per_person
                            if settings.annual_hours_per_person
                            else 0
                        ),
                        cost=self.f.money(saved * settings.hourly_cost),
                    ),
                )
            )
        rows.append((self.tr("report.summary.decision"), self.decision_asked()))
        return (KeyValues(tuple(rows), "summary"),)

    def period(self) -> str:
        pilot = self.ws.pilot
        if pilot.start is None:
            return DASH
        if not pilot.weeks:
            return self.f.date(pilot.start)
        end = pilot.start + dt.timedelta(weeks=pilot.weeks) - dt.timedelta(days=1)
        return self.tr(
            "report.text.period",
            start=self.f.date(pilot.start),
            end=self.f.date(end),
            weeks=pilot.weeks,
        )

    def decision_asked(self) -> str:
        pilot = self.ws.pilot
        if pilot.is_empty():
            return self.tr("report.text.no_pilot")
        return self.tr(
            "report.summary.decision_value",
            weeks=pilot.weeks or DASH,
            scope=pilot.scope_unit or DASH,
        )

    # -- 1 背景・目的

    def background(self) -> list[Block]:
        meta, pilot = self.ws.meta, self.ws.pilot
        blocks: list[Block] = [Heading(self.tr("report.h.background"))]
        paragraphs = [p for p in meta.background.split("\n\n") if p.strip()]
        blocks += [Paragraph(p) for p in paragraphs] or [self.missing()]
        blocks.append(Heading(self.tr("report.h.purpose")))
        blocks.append(Paragraph(pilot.purpose) if pilot.purpose.strip() else self.missing())
        blocks.append(Heading(self.tr("report.h.approach")))
        counts = {
            "members": len(self.ws.members),
            "sessions": len(meta.dates),
            "problems": len(self.ws.problems),
            "causes": len(self.ws.causes),
            "ideas": len(self.ws.ideas),
            "raters": len({r.member for r in self.ws.ratings}),
        }
        blocks.append(Paragraph(self.tr("report.text.approach", **counts)))
        return blocks

    # -- 2 現状業務の分析

    def asis(self) -> list[Block]:
        m = self.facts.metrics
        blocks: list[Block] = [Heading(self.tr("report.h.flow"))]
        if not self.ws.steps:
            return [*blocks, self.missing()]
        if self.figures:
            blocks.extend(self.diagram())
        blocks.append(Paragraph(self.tr("report.text.flow_note"), "muted"))
        if m is None:
            blocks.append(
                Paragraph(
                    self.tr("report.text.metrics_error", reason=self.facts.metrics_error), "note"
                )
            )
            return blocks
        f = self.f
        blocks.append(Heading(self.tr("report.h.totals")))
        totals = [
            ("annual_cases", f.tr("report.unit.cases", value=f.num(m.annual_cases))),
            ("annual_hours", f.hours(m.annual_hours)),
            ("person_years", f.person_years(m.person_years)),
            ("cost", f.money(m.cost)),
            ("lead_time_minutes", f.minutes(m.lead_time_minutes)),
            ("cycle_efficiency", f.percent(m.cycle_efficiency, 1)),
            ("handoffs", f.tr("report.unit.count", value=m.handoffs)),
            (
                "touches",
                f.tr(
                    "report.text.touches",
                    paper=m.paper_touches,
                    seal=m.seal_touches,
                    counter=m.counter_touches,
                ),
            ),
            ("loops", f.tr("report.unit.count", value=len(m.loops))),
        ]
        blocks.append(
            Table(
                (self.tr("report.col.metric"), self.tr("report.col.value")),
                tuple((self.tr(f"report.metric.{key}"), value) for key, value in totals),
                numeric=frozenset({1}),
                name="totals",
            )
        )
        blocks.append(
            Paragraph(
                self.tr(
                    "report.text.assumptions",
                    hours=f.num(self.ws.settings.annual_hours_per_person),
                    cost=f.money(self.ws.settings.hourly_cost),
                ),
                "muted",
            )
        )

        blocks.append(Heading(self.tr("report.h.workload")))
        rows = []
        for s in m.steps:
            rows.append(
                (
                    s.id,
                    s.name,
                    self.lane_name(s.lane),
                    self.tr(f"report.medium.{s.medium.value}"),
                    f.num(s.minutes, 0 if float(s.minutes).is_integer() else 1),
                    f.num(s.volume),
                    f.num(s.wait_minutes),
                    f.num(s.annual_hours),
                    f.percent(s.annual_hours / m.annual_hours if m.annual_hours else 0),
                )
            )
        rows.append(
            (self.tr("report.col.total"), "", "", "", "", "", "", f.num(m.annual_hours), "100%")
        )
        blocks.append(
            Table(
                tuple(
                    self.tr(f"report.col.{c}")
                    for c in (
                        "id",
                        "step",
                        "lane",
                        "medium",
                        "minutes",
                        "volume",
                        "wait",
                        "annual_hours",
                        "share",
                    )
                ),
                tuple(rows),
                numeric=frozenset({4, 5, 6, 7, 8}),
                name="workload",
                ids=frozenset({0}),
            )
        )
        lanes = [
            (
                self.lane_name(lane_id),
                f.num(hours),
                f.person_years(
                    hours / self.ws.settings.annual_hours_per_person
                    if self.ws.settings.annual_hours_per_person
                    else 0
                ),
            )
            for lane_id, hours in m.lanes.items()
        ]
        blocks.append(
            Table(
                (
                    self.tr("report.col.lane"),
                    self.tr("report.col.annual_hours"),
                    self.tr("report.col.person_years"),
                ),
                tuple(lanes),
                numeric=frozenset({1, 2}),
                name="lanes",
                caption=self.tr("report.caption.lanes"),
            )
        )

        blocks.append(Heading(self.tr("report.h.bottlenecks")))
        by_id = {s.id: s for s in m.steps}
        items = []
        for step_id in m.bottlenecks:
            s = by_id.get(step_id)
            if s is None:
                continue
            reasons = []
            if step_id in m.bottlenecks_by_hours:
                reasons.append(self.tr("report.text.by_hours", hours=f.hours(s.annual_hours)))
            if step_id in m.bottlenecks_by_wait:
                reasons.append(self.tr("report.text.by_wait", wait=f.minutes(s.wait_per_case)))
            items.append(
                self.tr(
                    "report.text.bottleneck",
                    id=s.id,
                    name=s.name,
                    lane=self.lane_name(s.lane),
                    reasons=f.joined(reasons),
                )
            )
        blocks.append(BulletList(tuple(items)) if items else self.missing())
        if m.loops:
            blocks.append(Heading(self.tr("report.h.loops")))
            loops = []
            for loop in m.loops:
                loops.append(" → ".join(self.step_label(s) for s in loop))
            blocks.append(BulletList(tuple(loops)))
        return blocks

    def diagram(self) -> list[Image]:
        """The swimlane diagram: one image, or one per page for a long process.

        The pages are SVG written from one plan of the whole process, so each costs the
        same however long the process is.
        """
        from cocreate.reports import diagram
        from cocreate.reports.diagram.svg import render_svg

        m = self.facts.metrics
        legend = {
            k: self.tr(f"report.legend.{k}")
            for k in ("paper", "seal", "counter", "system", "email", "loop", "bottleneck")
        }
        the_plan = diagram.plan(self.ws)  # laid out and routed once for every page
        groups = diagram.page_groups(self.ws, diagram=the_plan)
        hours = {s.id: s.annual_hours for s in m.steps} if m else None
        bottlenecks = set(m.bottlenecks) if m else set()
        alt = self.tr("report.alt.flow", steps=len(self.ws.steps), lanes=len(self.ws.lanes))
        images = []
        for n, panels in enumerate(groups, start=1):
            caption = self.tr("report.caption.flow")
            if len(groups) > 1:
                caption = f"{caption} ({n}/{len(groups)})"
            svg = render_svg(
                the_plan,
                panels,
                step_hours=hours,
                bottlenecks=bottlenecks,
                legend=legend if n == len(groups) else None,
                hours_unit=self.tr("report.unit.hours_short"),
                title=caption,
            )
            name = "process" if len(groups) == 1 else f"process-{n}"
            images.append(Image(name, caption, alt, svg.encode("utf-8"), "svg"))
        self.images.extend(images)
        return images

    # -- 3 課題と原因

    def problems(self) -> list[Block]:
        ws, f = self.ws, self.f
        if not ws.problems:
            return [self.missing()]
        blocks: list[Block] = [
            Paragraph(
                self.tr(
                    "report.text.problems_intro", problems=len(ws.problems), causes=len(ws.causes)
                )
            )
        ]
        by_category: dict[str, list] = {}
        for problem in ws.problems:
            by_category.setdefault(problem.category.strip(), []).append(problem)
        categories = sorted(by_category, key=lambda c: (c == "", -len(by_category[c]), c))
        children = {c.parent for c in ws.causes if c.parent}
        for category in categories:
            name = category or self.tr("report.text.uncategorised")
            blocks.append(
                Heading(self.tr("report.h.category", name=name, count=len(by_category[category])))
            )
            rows = []
            for problem in by_category[category]:
                steps = tuple(self.step_label(s) for s in problem.steps) or DASH
                leaves = [c for c in ws.causes_of(problem.id) if c.id not in children]
                chains = []
                kinds: dict[str, None] = {}
                for leaf in leaves:
                    chain = ws.why_chain(leaf.id)
                    chains.append(
                        " → ".join(
                            self.tr("report.text.why", n=n, id=self.id(c.id), text=c.text)
                            for n, c in enumerate(chain, start=1)
                        )
                    )
                    kinds.update(
                        (self.tr(f"report.cause.{c.category.value}"), None)
                        for c in chain
                        if c.category is not None
                    )
                rows.append(
                    (
                        self.id(problem.id),
                        problem.text,
                        steps,
                        tuple(chains) or self.tr("report.text.no_cause"),
                        f.joined(list(kinds)),
                    )
                )
            blocks.append(
                Table(
                    tuple(
                        self.tr(f"report.col.{c}")
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
                f"{self.tr(f'report.cause.{k}') if k else self.tr('report.text.uncategorised')} {v}"
                for k, v in sorted(counts.items(), key=lambda kv: -kv[1])
            ]
            blocks.append(
                Paragraph(self.tr("report.text.cause_counts", counts=f.joined(parts)), "muted")
            )
        return blocks

    # -- 4 改善案の評価

    def ideas(self) -> list[Block]:
        ws, f, rows = self.ws, self.f, self.facts.tally
        if not ws.ideas:
            return [self.missing()]
        blocks: list[Block] = [
            Paragraph(
                self.tr(
                    "report.text.ideas_intro",
                    ideas=len(ws.ideas),
                    raters=len({r.member for r in ws.ratings}),
                    dots=sum(d.count for d in ws.dots),
                    split=f.num(ws.settings.quadrant_split, 1),
                )
            )
        ]
        if self.figures and rows:
            blocks.append(self.matrix())
        blocks.append(Heading(self.tr("report.h.ranking")))
        chosen = set(ws.pilot.ideas)
        table = []
        for row in rows:
            idea = ws.idea(row.id)
            causes = f.joined([self.id(c) for c in idea.causes]) if idea else DASH
            table.append(
                (
                    str(row.rank),
                    self.id(row.id),
                    row.title,
                    self.tr(f"report.quadrant.{row.quadrant or 'none'}"),
                    f.num(row.effect, 1) if row.effect is not None else DASH,
                    f.num(row.effort, 1) if row.effort is not None else DASH,
                    str(row.raters),
                    str(row.dots),
                    f.num(row.hours_saved),
                    causes,
                    self.tr("report.text.yes") if row.id in chosen else "",
                )
            )
        blocks.append(
            Table(
                tuple(
                    self.tr(f"report.col.{c}")
                    for c in (
                        "rank",
                        "id",
                        "idea",
                        "quadrant",
                        "effect",
                        "effort",
                        "raters",
                        "dots",
                        "hours_saved",
                        "causes",
                        "in_pilot",
                    )
                ),
                tuple(table),
                numeric=frozenset({0, 4, 5, 6, 7, 8}),
                name="ranking",
                wide=frozenset({2}),
                ids=frozenset({1}),
                caption=self.tr("report.caption.ranking"),
            )
        )
        blocks.append(Heading(self.tr("report.h.disagreement")))
        split = [r for r in rows if "disagreement" in r.flags]
        if split:
            blocks.append(
                Paragraph(
                    self.tr(
                        "report.text.disagreement_intro", iqr=f.num(ws.settings.disagreement_iqr, 1)
                    )
                )
            )
            blocks.append(
                BulletList(
                    tuple(
                        self.tr(
                            "report.text.disagreement_item",
                            idea=self.idea_label(r.id),
                            effect_iqr=f.num(r.effect_iqr, 1),
                            effort_iqr=f.num(r.effort_iqr, 1),
                            raters=r.raters,
                        )
                        for r in split
                    )
                )
            )
        else:
            blocks.append(
                Paragraph(
                    self.tr(
                        "report.text.no_disagreement", iqr=f.num(ws.settings.disagreement_iqr, 1)
                    )
                )
            )
        notes = []
        for r in rows:
            if "solution-first" in r.flags:
                notes.append(self.tr("report.text.solution_first", idea=self.idea_label(r.id)))
            if "unrated" in r.flags:
                notes.append(self.tr("report.text.unrated", idea=self.idea_label(r.id)))
        if notes:
            blocks.append(BulletList(tuple(notes)))
        return blocks

    def matrix(self) -> Image:
        from dataclasses import replace

        from cocreate.charts import figure_bytes
        from cocreate.prioritize.matrix import matrix_figure
        from cocreate.reports.escape import clean

        # control characters have no glyph: drop them as the text renderers do
        rows = [replace(r, id=self.id(r.id), title=clean(r.title)) for r in self.facts.tally]
        fig = matrix_figure(rows, self.f.lang, self.ws.settings.quadrant_split)
        image = Image(
            "matrix",
            self.tr("report.caption.matrix"),
            self.tr("report.alt.matrix", ideas=len(rows)),
            figure_bytes(fig),
        )
        self.images.append(image)
        return image

    # -- 5 スモールスタート計画

    def pilot(self) -> list[Block]:
        pilot, f = self.ws.pilot, self.f
        if pilot.is_empty():
            return [Paragraph(self.tr("report.text.no_pilot"), "note")]
        blocks: list[Block] = [Heading(self.tr("report.h.scope"))]
        blocks.append(
            KeyValues(
                (
                    (self.tr("report.field.title"), pilot.title or DASH),
                    (
                        self.tr("report.field.ideas"),
                        f.joined([self.idea_label(i) for i in pilot.ideas]),
                    ),
                    (self.tr("report.field.unit"), pilot.scope_unit or DASH),
                    (
                        self.tr("report.field.steps"),
                        f.joined([self.step_label(s) for s in pilot.scope_steps]),
                    ),
                    (self.tr("report.field.period"), self.period()),
                )
            )
        )
        blocks.append(Paragraph(self.tr("report.text.small_start"), "muted"))

        blocks.append(Heading(self.tr("report.h.team")))
        team = []
        if pilot.owner and pilot.owner not in {p.member for p in pilot.team}:
            team.append(
                (self.member_name(pilot.owner), pilot.owner, self.tr("report.text.owner_mark"), "")
            )
        for person in pilot.team:
            mark = self.tr("report.text.owner_mark") if person.member == pilot.owner else ""
            team.append((self.member_name(person.member), person.member, mark, person.role or DASH))
        if team:
            blocks.append(
                Table(
                    tuple(
                        self.tr(f"report.col.{c}") for c in ("name", "member_id", "owner", "role")
                    ),
                    tuple(team),
                    name="team",
                )
            )
            blocks.append(Paragraph(self.tr("report.text.one_owner"), "muted"))
        else:
            blocks.append(self.missing())

        blocks.append(Heading(self.tr("report.h.schedule")))
        if pilot.milestones:
            rows = []
            for stone in sorted(pilot.milestones, key=lambda m: m.date):
                week = ""
                if pilot.start is not None:
                    week = self.tr("report.text.week", n=(stone.date - pilot.start).days // 7 + 1)
                rows.append((f.date(stone.date), week, stone.text))
            blocks.append(
                Table(
                    tuple(self.tr(f"report.col.{c}") for c in ("date", "week", "milestone")),
                    tuple(rows),
                    name="milestones",
                )
            )
        else:
            blocks.append(self.missing())

        blocks.append(Heading(self.tr("report.h.communication")))
        com = pilot.communication
        blocks.append(
            KeyValues(
                (
                    (self.tr("report.field.channel"), com.channel or DASH),
                    (self.tr("report.field.shared"), com.shared or DASH),
                    (self.tr("report.field.audience"), com.audience or DASH),
                    (self.tr("report.field.meetings"), com.meetings or DASH),
                )
            )
        )
        return blocks

    # -- 6 KPIと効果試算

    def kpi_values(self) -> list[tuple[Any, float | None, float | None, str, str]]:
        """(kpi, baseline, target, baseline source, target note) for each KPI."""
        from cocreate.process.metrics import METRICS, metric_value

        m, comparison = self.facts.metrics, self.facts.comparison
        out = []
        for kpi in self.ws.pilot.kpis:
            baseline, target = kpi.baseline, kpi.target
            source = self.tr("report.text.source_given")
            note = ""
            if kpi.metric and kpi.metric in METRICS and m is not None:
                if baseline is None:
                    baseline = metric_value(m, kpi.metric)
                    source = self.tr(
                        "report.text.source_map", metric=self.tr(f"report.metric.{kpi.metric}")
                    )
                if target is None and comparison is not None:
                    target = metric_value(comparison.after, kpi.metric)
                    note = self.tr("report.text.projected")
            out.append((kpi, baseline, target, source, note))
        return out

    def kpi_value(self, kpi: Any, value: float | None) -> str:
        """A KPI's value: in the metric's own unit when it comes from the map."""
        if kpi.metric:
            return self.f.metric(kpi.metric, value)
        return self.f.value(value, kpi.unit)

    def kpi(self) -> list[Block]:
        ws, f, facts = self.ws, self.f, self.facts
        blocks: list[Block] = [Heading(self.tr("report.h.kpis"))]
        rows = []
        for kpi, baseline, target, source, note in self.kpi_values():
            change = DASH
            if baseline is not None and target is not None and baseline:
                change = f"{(target - baseline) / abs(baseline) * 100:+.0f}%"
            rows.append(
                (
                    kpi.id,
                    kpi.name,
                    self.kpi_value(kpi, baseline),
                    self.kpi_value(kpi, target)
                    + (
                        ("" if self.f.lang == "ja" else " ") + note
                        if note and target is not None
                        else ""
                    ),
                    change,
                    source,
                    kpi.measured_by or DASH,
                )
            )
        if rows:
            blocks.append(
                Table(
                    tuple(
                        self.tr(f"report.col.{c}")
                        for c in (
                            "id",
                            "kpi",
                            "baseline",
                            "target",
                            "change",
                            "source",
                            "measured_by",
                        )
                    ),
                    tuple(rows),
                    numeric=frozenset({2, 3, 4}),
                    name="kpis",
                    ids=frozenset({0}),
                )
            )
        else:
            blocks.append(self.missing())

        blocks.append(Heading(self.tr("report.h.effect")))
        if facts.metrics is None or facts.comparison is None:
            blocks.append(
                Paragraph(self.tr("report.text.metrics_error", reason=facts.metrics_error), "note")
            )
            return blocks
        settings = ws.settings
        saved = facts.pilot_hours_saved or 0.0
        per_person = settings.annual_hours_per_person or 0
        blocks.append(
            KeyValues(
                (
                    (self.tr("report.field.hours_saved"), f.hours(saved)),
                    (
                        self.tr("report.field.person_years_saved"),
                        f.person_years(saved / per_person if per_person else 0),
                    ),
                    (self.tr("report.field.cost_saved"), f.money(saved * settings.hourly_cost)),
                ),
                "effect",
            )
        )
        by_idea = []
        for idea_id in ws.pilot.ideas:
            hours = facts.hours_by_idea.get(idea_id)
            by_idea.append(
                (
                    self.idea_label(idea_id),
                    f.hours(hours),
                    f.person_years(hours / per_person if hours and per_person else 0),
                )
            )
        if by_idea:
            blocks.append(
                Table(
                    (
                        self.tr("report.col.idea"),
                        self.tr("report.col.hours_saved"),
                        self.tr("report.col.person_years"),
                    ),
                    tuple(by_idea),
                    numeric=frozenset({1, 2}),
                    name="saved_by_idea",
                    caption=self.tr("report.caption.saved_by_idea"),
                )
            )

        blocks.append(Heading(self.tr("report.h.before_after")))
        before, after = facts.comparison.before, facts.comparison.after
        names = (
            "annual_hours",
            "person_years",
            "cost",
            "lead_time_minutes",
            "cycle_efficiency",
            "handoffs",
            "paper_touches",
            "seal_touches",
            "counter_touches",
            "loops",
        )
        from cocreate.process.metrics import metric_value

        table = []
        for name in names:
            b, a = metric_value(before, name), metric_value(after, name)
            diff = a - b
            sign = "−" if diff < -1e-9 else "+" if diff > 1e-9 else "±"
            if name == "cycle_efficiency":
                diff_text = f"{sign}{abs(diff) * 100:.1f} pt"
            elif name == "lead_time_minutes":
                diff_text = sign + self.tr("report.unit.minutes", value=f.num(abs(diff)))
            else:
                diff_text = sign + f.metric(name, abs(diff))
            table.append(
                (self.tr(f"report.metric.{name}"), f.metric(name, b), f.metric(name, a), diff_text)
            )
        blocks.append(
            Table(
                tuple(self.tr(f"report.col.{c}") for c in ("metric", "before", "after", "diff")),
                tuple(table),
                numeric=frozenset({1, 2, 3}),
                name="before_after",
            )
        )
        if facts.comparison.eliminated:
            blocks.append(
                Paragraph(
                    self.tr(
                        "report.text.eliminated",
                        steps=f.joined([self.step_label(s) for s in facts.comparison.eliminated]),
                    )
                )
            )
        blocks.append(Paragraph(self.tr("report.text.effect_note"), "muted"))
        return blocks

    # -- 7 リスクと対策

    def risks(self) -> list[Block]:
        risks = self.ws.pilot.risks
        if not risks:
            return [self.missing()]
        return [
            Table(
                tuple(self.tr(f"report.col.{c}") for c in ("no", "risk", "mitigation")),
                tuple((str(i), r.text, r.mitigation or DASH) for i, r in enumerate(risks, start=1)),
                numeric=frozenset({0}),
                name="risks",
                wide=frozenset({1, 2}),
            )
        ]

    # -- 8 横展開の判断基準

    def rollout(self) -> list[Block]:
        pilot, f = self.ws.pilot, self.f
        blocks: list[Block] = []
        if pilot.rollout_criteria:
            blocks.append(Paragraph(self.tr("report.text.rollout_intro")))
            blocks.append(BulletList(tuple(pilot.rollout_criteria), ordered=True))
        else:
            blocks.append(self.missing())
        targets = [
            self.tr(
                "report.text.kpi_target",
                id=kpi.id,
                name=kpi.name,
                target=self.kpi_value(kpi, target),
            )
            for kpi, _baseline, target, _source, _note in self.kpi_values()
            if target is not None
        ]
        if targets:
            blocks.append(Paragraph(self.tr("report.text.rollout_kpis")))
            blocks.append(BulletList(tuple(targets)))
        if pilot.milestones:
            last = max(pilot.milestones, key=lambda m: m.date)
            blocks.append(
                Paragraph(
                    self.tr("report.text.rollout_when", date=f.date(last.date), text=last.text)
                )
            )
        return blocks

    # -- 9 Appendix

    def appendix(self) -> list[Block]:
        ws, f = self.ws, self.f
        blocks: list[Block] = [Heading(self.tr("report.h.trace"))]
        chosen = set(ws.pilot.ideas)
        kpis = f.joined([k.id for k in ws.pilot.kpis])
        ideas_by_cause: dict[str, list[str]] = {}
        for idea in ws.ideas:
            for cause_id in idea.causes:
                ideas_by_cause.setdefault(cause_id, []).append(idea.id)
        rows = []
        for problem in ws.problems:
            steps = f.joined(list(problem.steps))
            causes = ws.causes_of(problem.id) or (None,)
            for cause in causes:
                ideas = ideas_by_cause.get(cause.id, []) if cause else []
                in_pilot = [i for i in ideas if i in chosen]
                rows.append(
                    (
                        steps,
                        f"{self.id(problem.id)} {_short(problem.text, 24)}",
                        f"{self.id(cause.id)} {_short(cause.text, 24)}" if cause else DASH,
                        f.joined(
                            [self.idea_label(i, 20) + (" ★" if i in chosen else "") for i in ideas]
                        ),
                        kpis if in_pilot else DASH,
                    )
                )
        if rows:
            blocks.append(
                Table(
                    tuple(
                        self.tr(f"report.col.{c}")
                        for c in ("steps", "problem", "cause", "idea", "kpi")
                    ),
                    tuple(rows),
                    name="trace",
                    wide=frozenset({1, 2, 3}),
                    caption=self.tr("report.caption.trace"),
                )
            )
        else:
            blocks.append(self.missing())

        blocks.append(Heading(self.tr("report.h.participants")))
        if ws.voting.anonymous:
            blocks.append(Paragraph(self.tr("report.text.anonymous"), "muted"))
        elif ws.members:
            blocks.append(
                Table(
                    tuple(self.tr(f"report.col.{c}") for c in ("name", "member_id", "role")),
                    tuple(
                        (m.name, m.id, self.tr(f"report.role.{m.role.value}")) for m in ws.members
                    ),
                    name="participants",
                )
            )
        else:
            blocks.append(self.missing())

        blocks.append(Heading(self.tr("report.h.decisions")))
        if ws.decisions:
            blocks.append(
                Table(
                    tuple(self.tr(f"report.col.{c}") for c in ("date", "decision", "owner")),
                    tuple(
                        (f.date(d.date), d.text, self.member_name(d.owner) if d.owner else DASH)
                        for d in sorted(ws.decisions, key=lambda d: d.date)
                    ),
                    name="decisions",
                )
            )
        else:
            blocks.append(self.missing())

        blocks.append(Heading(self.tr("report.h.basis")))
        s = ws.settings
        blocks.append(
            KeyValues(
                (
                    (
                        self.tr("report.field.annual_hours_per_person"),
                        f.hours(s.annual_hours_per_person),
                    ),
                    (self.tr("report.field.hourly_cost"), f.money(s.hourly_cost)),
                    (
                        self.tr("report.field.annual_cases"),
                        f.num(s.annual_cases) if s.annual_cases is not None else DASH,
                    ),
                    (self.tr("report.field.quadrant_split"), f.num(s.quadrant_split, 1)),
                    (self.tr("report.field.disagreement_iqr"), f.num(s.disagreement_iqr, 1)),
                    (self.tr("report.field.revision"), str(ws.revision)),
                )
            )
        )
        return blocks


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
    total = len(SECTIONS) + 1
    facts = _facts(workshop)
    if progress:
        progress(1, total, t("report.progress.analyse", lang))
    builder = _Builder(workshop, lang, facts, figures)
    sections = []
    for n, (section_id, key) in enumerate(SECTIONS, start=1):
        blocks = getattr(builder, section_id)()
        sections.append(Section(section_id, str(n), t(key, lang), tuple(blocks)))
        if progress:
            progress(n + 1, total, t(key, lang))
    title = workshop.pilot.title or workshop.meta.title
    date = builder.f.date(today or dt.date.today())
    from cocreate import __version__

    return Report(
        lang=lang,
        title=title,
        subtitle=t("report.subtitle", lang),
        cover=builder.cover(date),
        summary=builder.summary(),
        sections=tuple(sections),
        footer=t("report.footer", lang, date=date, version=__version__),
        images=tuple(builder.images),
    )
