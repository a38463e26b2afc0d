"""Numbers, dates, money and units as the report prints them, in Japanese or English."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence

from cocreate.i18n import t
from cocreate.model import Workshop
from cocreate.reports.document import DASH

__all__ = ["Format", "short"]


class Format:
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


def short(text: str, limit: int = 28) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
