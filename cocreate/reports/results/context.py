"""What every section of the results report shares: the evaluation, and names and values in
the report's language.

Numbers go through the proposal's formatter (:class:`cocreate.reports.format.Format`),
so both reports write hours, money, dates and KPI values the same way.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from cocreate.i18n import t
from cocreate.model import Workshop
from cocreate.reports.document import DASH, Image, Paragraph
from cocreate.reports.facts import aliases
from cocreate.reports.format import Format, short

if TYPE_CHECKING:
    from cocreate.model import Kpi
    from cocreate.verify.evaluate import Evaluation, Saving

__all__ = ["Context"]


class Context:
    """The workshop, its evaluation and the helpers that turn them into report text."""

    def __init__(self, workshop: Workshop, lang: str, result: Evaluation, figures: bool) -> None:
        from cocreate.verify.decide import rollout_decision, verification_status
        from cocreate.verify.period import pilot_period

        self.ws = workshop
        self.lang = lang
        self.f = Format(workshop, lang)
        self.result = result
        self.figures = figures
        self.images: list[Image] = []
        self.period = pilot_period(workshop.pilot)
        self.decision = rollout_decision(workshop)
        self.status = verification_status(workshop, evaluation=result)
        self.alias: dict[str, str] = {}
        if workshop.voting.anonymous:  # the same neutral ids as the proposal
            from cocreate.prioritize.tally import tally

            self.alias = aliases(workshop, tally(workshop, anonymise=False))

    def tr(self, key: str, **values: object) -> str:
        return t(key, self.lang, **values)

    def columns(self, *names: str) -> tuple[str, ...]:
        return tuple(self.tr(f"results.col.{name}") for name in names)

    def missing(self) -> Paragraph:
        return Paragraph(self.tr("report.text.not_filled"), "muted")

    # -- ids and names

    def id(self, item_id: str) -> str:
        return self.alias.get(item_id, item_id)

    def ids(self, items: Sequence[str]) -> str:
        return ", ".join(self.id(i) for i in items) if items else DASH

    def member(self, member_id: str) -> str:
        member = self.ws.member(member_id)
        return member.name if member else member_id or DASH

    def idea(self, idea_id: str, limit: int = 30) -> str:
        idea = self.ws.idea(idea_id)
        return f"{self.id(idea_id)} {short(idea.title, limit)}" if idea else self.id(idea_id)

    def step(self, step_id: str) -> str:
        step = self.ws.step(step_id)
        return f"{step_id} {step.name}" if step else step_id

    # -- values

    def value(self, kpi: Kpi, value: float | None) -> str:
        """A KPI value in its unit, short: ``2,528時間``, ``1,747分``, ``8%``, ``3件/週``."""
        if kpi.metric in ("lead_time_minutes", "work_minutes"):
            return (
                DASH if value is None else self.tr("report.unit.minutes", value=self.f.num(value))
            )
        if kpi.metric:
            return self.f.metric(kpi.metric, value)
        return self.f.value(value, kpi.unit)

    def kpi_value(self, kpi_id: str, value: float | None) -> str:
        for kpi in self.ws.pilot.kpis:
            if kpi.id == kpi_id:
                return self.value(kpi, value)
        return self.f.num(value, 2)

    def verdict(self, verdict: Any) -> str:
        return self.tr(f"verify.verdict.{verdict.value}")

    def rate(self, rate: float | None) -> str:
        return DASH if rate is None else self.f.percent(rate)

    def hours(self, value: float | None) -> str:
        return self.f.hours(value)

    def signed(self, hours: float) -> str:
        """Hours with their sign: ``+424``, ``−40``, ``±0``."""
        sign = "−" if hours < -1e-9 else "+" if hours > 1e-9 else "±"
        return sign + self.f.num(abs(hours))

    def saving(self, saving: Saving | None) -> str:
        if saving is None:
            return DASH
        return self.tr(
            "results.text.saving",
            hours=self.f.hours(saving.hours),
            person_years=self.f.person_years(saving.person_years),
            cost=self.f.money(saving.cost),
        )

    def period_text(self) -> str:
        if self.period is None:
            return DASH
        if self.period.end is None:
            return self.f.date(self.period.start)
        return self.tr(
            "report.text.period",
            start=self.f.date(self.period.start),
            end=self.f.date(self.period.end),
            weeks=self.ws.pilot.weeks or 0,
        )

    def outcome(self) -> str:
        """The decision in a phrase (横展開（A局、B局へ、…から）), or the stage without one."""
        if self.decision is None or self.decision.rollout is None:
            return self.tr(f"verify.stage.{self.status.stage.value}")
        rollout = self.decision.rollout
        outcome = self.tr(f"verify.outcome.{rollout.outcome.value}")
        units = self.f.joined(list(rollout.units))
        if rollout.units and rollout.start:
            date = self.f.date(rollout.start)
            return self.tr("results.text.outcome_scope", outcome=outcome, units=units, date=date)
        if rollout.units:
            return self.tr("results.text.outcome_units", outcome=outcome, units=units)
        return outcome
