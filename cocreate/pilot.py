"""Edits of the small-start pilot plan: its fields, the ideas it tries and its KPIs.

Every function is pure: it takes the :class:`~cocreate.model.Workshop` first and returns
the next one (and, for an added KPI, the KPI); nothing is saved here. Unknown references
and bad values raise :class:`~cocreate.errors.InputError` with a one-line message. Keyword
arguments default to :data:`~cocreate.process.edit.KEEP`: that field stays as it is.

Text typed by a person (a start date, a number of weeks in full-width digits) is read by
:func:`parse_start` and :func:`parse_weeks`, so every front end reads it the same way.

>>> import datetime as dt
>>> from cocreate.model import Meta, Workshop
>>> ws = edit_pilot(Workshop(meta=Meta(title="t")), title="試行", weeks=parse_weeks("６"))
>>> ws.pilot.title, ws.pilot.weeks
('試行', 6)
>>> ws, kpi = add_kpi(ws, name="処理時間", metric="annual_hours", target=900)
>>> edit_kpi(ws, kpi.id, unit="h").pilot.kpis[0].unit
'h'
"""

from __future__ import annotations

import datetime as dt
import math
import unicodedata
from collections.abc import Iterable

from cocreate.dates import read_date
from cocreate.errors import InputError
from cocreate.model import Kpi, Workshop, new_id
from cocreate.process.edit import KEEP, Keep

__all__ = ["add_kpi", "choose_ideas", "edit_kpi", "edit_pilot", "parse_start", "parse_weeks"]


def parse_start(text: str) -> dt.date | None:
    """A start date as typed (``2027-01-12``, ``2027/1/12``, full-width, 令和9年1月12日).

    None when empty; see :func:`cocreate.dates.read_date`.
    """
    try:
        return read_date(text)
    except ValueError:
        raise InputError(None, f"start must be a date like 2027-01-12, not {text.strip()!r}").about(
            "start", "ui.refusal.not_a_date"
        ) from None


def parse_weeks(text: str) -> int | None:
    """A number of weeks as typed (full-width digits too); None when empty."""
    typed = unicodedata.normalize("NFKC", text or "").strip()
    if not typed:
        return None
    if not typed.isdigit():
        raise InputError(None, f"weeks must be a whole number, not {typed!r}")
    return int(typed)


def _number(value: float | None, what: str) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise InputError(None, f"{what} must be a number, not {value!r}")
    return float(value)


def _metric(value: str) -> str:
    if not value:
        return ""
    from cocreate.process.metrics import METRICS

    if value not in METRICS:
        raise InputError(
            None, f"unknown metric {value!r}; expected one of {', '.join(sorted(METRICS))}"
        )
    return value


def edit_pilot(
    workshop: Workshop,
    *,
    title: str | Keep = KEEP,
    purpose: str | Keep = KEEP,
    scope_unit: str | Keep = KEEP,
    start: dt.date | Keep | None = KEEP,
    weeks: int | Keep | None = KEEP,
    owner: str | Keep = KEEP,
) -> Workshop:
    """Change the fields of the pilot plan that are given; the others stay.

    Texts are kept without the white space around them; ``owner`` is a member id (or
    empty for nobody yet); ``weeks`` is a whole number of weeks, at least 1.
    """
    pilot = workshop.pilot
    if title is not KEEP:
        pilot = pilot.edit(title=title.strip())
    if purpose is not KEEP:
        pilot = pilot.edit(purpose=purpose.strip())
    if scope_unit is not KEEP:
        pilot = pilot.edit(scope_unit=scope_unit.strip())
    if start is not KEEP:
        if start is not None and not isinstance(start, dt.date):
            raise InputError(None, f"start must be a date, not {start!r}")
        pilot = pilot.edit(start=start)
    if weeks is not KEEP:
        if weeks is not None and (isinstance(weeks, bool) or not isinstance(weeks, int)):
            raise InputError(None, f"weeks must be a whole number, not {weeks!r}")
        if weeks is not None and weeks < 1:
            raise InputError(None, f"a pilot runs for at least a week, not {weeks}")
        pilot = pilot.edit(weeks=weeks)
    if owner is not KEEP:
        owner = owner.strip()
        if owner and workshop.member(owner) is None:
            raise InputError(None, f"unknown member {owner!r}")
        pilot = pilot.edit(owner=owner)
    return workshop.edit(pilot=pilot)


def choose_ideas(workshop: Workshop, ideas: Iterable[str]) -> Workshop:
    """The ideas the pilot tries, in the order given (each once)."""
    chosen: list[str] = []
    for idea_id in ideas:
        if workshop.idea(idea_id) is None:
            raise InputError(None, f"unknown idea {idea_id!r}")
        if idea_id not in chosen:
            chosen.append(idea_id)
    return workshop.edit(pilot=workshop.pilot.edit(ideas=tuple(chosen)))


def add_kpi(
    workshop: Workshop,
    *,
    name: str,
    metric: str = "",
    baseline: float | None = None,
    target: float | None = None,
    unit: str = "",
) -> tuple[Workshop, Kpi]:
    """Add a KPI; with a ``metric`` and no ``baseline`` its baseline comes from the map."""
    if not name.strip():
        raise InputError(None, "a KPI's name must not be empty")
    kpi = Kpi(
        id=new_id("k", [k.id for k in workshop.pilot.kpis]),
        name=name,
        metric=_metric(metric),
        baseline=_number(baseline, "a baseline"),
        target=_number(target, "a target"),
        unit=unit,
    )
    pilot = workshop.pilot
    return workshop.edit(pilot=pilot.edit(kpis=(*pilot.kpis, kpi))), kpi


def edit_kpi(
    workshop: Workshop,
    kpi_id: str,
    *,
    name: str | Keep = KEEP,
    metric: str | Keep = KEEP,
    baseline: float | Keep | None = KEEP,
    target: float | Keep | None = KEEP,
    unit: str | Keep = KEEP,
) -> Workshop:
    """Change the fields of KPI ``kpi_id`` that are given; the others stay."""
    kpis = workshop.pilot.kpis
    kpi = next((k for k in kpis if k.id == kpi_id), None)
    if kpi is None:
        raise InputError(None, f"unknown KPI {kpi_id!r}")
    if name is not KEEP:
        if not name.strip():
            raise InputError(None, "a KPI's name must not be empty")
        kpi = kpi.edit(name=name)
    if metric is not KEEP:
        kpi = kpi.edit(metric=_metric(metric))
    if baseline is not KEEP:
        kpi = kpi.edit(baseline=_number(baseline, "a baseline"))
    if target is not KEEP:
        kpi = kpi.edit(target=_number(target, "a target"))
    if unit is not KEEP:
        kpi = kpi.edit(unit=unit)
    edited = tuple(kpi if k.id == kpi_id else k for k in kpis)
    return workshop.edit(pilot=workshop.pilot.edit(kpis=edited))
