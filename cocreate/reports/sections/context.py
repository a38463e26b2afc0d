"""What every section builder reads: the workshop, the facts, formatting and id helpers."""

from __future__ import annotations

import datetime as dt

from cocreate.model import Workshop
from cocreate.reports.document import DASH, Image, Paragraph
from cocreate.reports.facts import Facts
from cocreate.reports.format import Format, short

__all__ = ["Context"]


class Context:
    """One report being built: shared state and the small helpers all sections use.

    ``images`` collects the charts as sections draw them, in report order.
    """

    def __init__(self, workshop: Workshop, lang: str, facts: Facts, figures: bool) -> None:
        self.ws = workshop
        self.f = Format(workshop, lang)
        self.tr = self.f.tr
        self.facts = facts
        self.figures = figures
        self.images: list[Image] = []

    # -- ids and names

    def id(self, item_id: str) -> str:
        """An item's id as printed: its neutral alias when voting is anonymous."""
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
        return f"{self.id(idea_id)} {short(idea.title, limit)}" if idea else self.id(idea_id)

    def missing(self) -> Paragraph:
        return Paragraph(self.tr("report.text.not_filled"), "muted")

    def period(self) -> str:
        """The pilot's period: start to end with its weeks, or what is known of it."""
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
