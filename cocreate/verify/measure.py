"""Measured KPI values: record one, remove one, or import a table of them in one go.

Every function is pure: it takes the workshop first and returns a new one; nothing is
saved here. A measurement is refused (InputError, one line) when its KPI is unknown, its
date is before the pilot started, its value is not a number in the KPI's unit (see
:mod:`cocreate.verify.values`) or the member who measured it is not in the workshop.

A table of measurements (CSV in UTF-8 or cp932, or XLSX) has one row per value and these
columns, matched by header after NFKC, ignoring case and spaces:

==========  ======================================  ===========================
column      headers                                 holds
==========  ======================================  ===========================
kpi         kpi, KPI ID, 指標, 指標ID                a KPI's id or its name
date        date, 日付, 測定日, 計測日               the day it was measured
value       value, 値, 測定値, 実績, 実績値          the value, a unit allowed
method      method, 測定方法, 方法                   実測, 実績記入, システムログ, アンケート
by          by, 測定者, 記入者, 担当, member         the member who measured it
note        note, 備考, メモ                          free text
==========  ======================================  ===========================

Importing is all or nothing: :func:`plan_measurements` checks every row and returns the
problems, one line each naming the row, and the workshop with every row added; the CLI
writes it only when there is no problem. A row equal to a measurement already recorded
(same KPI, date and value) is skipped, so importing the same file twice adds nothing.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from cocreate.errors import InputError
from cocreate.model import Kpi, Measurement, MeasurementMethod, VariantKind, Workshop, new_id
from cocreate.verify.period import pilot_period
from cocreate.verify.values import parse_date, parse_method, parse_value

__all__ = [
    "COLUMNS",
    "MeasurementPlan",
    "add_measurement",
    "find_kpi",
    "measurements_of",
    "plan_measurements",
    "remove_measurement",
]

#: Our column -> the headers that name it (compared after NFKC, case and spaces folded).
COLUMNS: dict[str, tuple[str, ...]] = {
    "kpi": ("kpi", "kpiid", "kpi_id", "指標", "指標id", "指標名"),
    "date": ("date", "日付", "測定日", "計測日", "年月日"),
    "value": ("value", "値", "測定値", "計測値", "実績", "実績値"),
    "method": ("method", "測定方法", "計測方法", "方法"),
    "by": ("by", "測定者", "計測者", "記入者", "担当", "担当者", "member"),
    "note": ("note", "notes", "備考", "メモ"),
}
_REQUIRED = ("kpi", "date", "value")


def _key(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or "")).casefold()


_LOOKUP = {_key(h): column for column, headers in COLUMNS.items() for h in headers}


def find_kpi(workshop: Workshop, ref: str) -> Kpi:
    """The KPI with this id, or else with this name (NFKC, spaces ignored)."""
    kpis = workshop.pilot.kpis
    for kpi in kpis:
        if kpi.id == ref:
            return kpi
    wanted = _key(ref)
    named = [k for k in kpis if _key(k.name) == wanted]
    if len(named) == 1:
        return named[0]
    known = ", ".join(k.id for k in kpis) or "none in the pilot plan"
    raise InputError(None, f"unknown KPI {ref!r}; KPIs: {known}", field="kpi")


def measurements_of(workshop: Workshop, kpi_id: str) -> tuple[Measurement, ...]:
    """The KPI's measurements, oldest first (the order recorded breaks ties)."""
    found = [m for m in workshop.pilot.measurements if m.kpi == kpi_id]
    return tuple(sorted(found, key=lambda m: m.date))


def _check_date(workshop: Workshop, day: dt.date) -> dt.date:
    period = pilot_period(workshop.pilot)
    if period is not None and day < period.start:
        raise InputError(
            None,
            f"{day.isoformat()} is before the pilot started ({period.start.isoformat()})",
            field="date",
        )
    return day


def _check_by(workshop: Workshop, by: str) -> str:
    by = (by or "").strip()
    if by and workshop.member(by) is None:
        raise InputError(None, f"{by!r} is not a member of the workshop", field="by")
    return by


def _check_variant(workshop: Workshop, variant_id: str) -> str:
    if not variant_id:
        return ""
    variant = workshop.variant(variant_id)
    if variant is None or variant.kind != VariantKind.TO_BE:
        known = ", ".join(v.id for v in workshop.variants if v.kind == VariantKind.TO_BE)
        raise InputError(
            None,
            f"no to-be variant {variant_id!r}; to-be variants: {known or 'none yet'}",
            field="variant",
        )
    return variant_id


def add_measurement(
    workshop: Workshop,
    kpi: str,
    value: float | str,
    date: dt.date | str,
    *,
    method: MeasurementMethod | str = MeasurementMethod.MEASURED,
    by: str = "",
    note: str = "",
    variant: str = "",
) -> tuple[Workshop, Measurement]:
    """Record one measured value of a KPI; return the workshop and the measurement.

    ``kpi`` is the KPI's id (or its name); ``value`` a number in the KPI's unit or text
    with a unit (``"8%"``, ``"45分"``); ``date`` a date or its text. Ids are ``m1``,
    ``m2``, ...

    Raises
    ------
    InputError
        Unknown KPI, member or variant; a date before the pilot started; a value that is
        not a number, negative, out of range or in another unit.

    Examples
    --------
    >>> import datetime as dt
    >>> from cocreate.model import Kpi, Meta, Pilot, Workshop
    >>> ws = Workshop(Meta("t"), pilot=Pilot(kpis=(Kpi("k4", "差戻し率", baseline=0.2),)))
    >>> ws, m = add_measurement(ws, "k4", "8%", "2027-02-02")
    >>> m.id, m.value, m.date
    ('m1', 0.08, datetime.date(2027, 2, 2))
    """
    found = find_kpi(workshop, kpi)
    measurement = Measurement(
        id=new_id("m", (m.id for m in workshop.pilot.measurements)),
        kpi=found.id,
        date=_check_date(workshop, parse_date(date)),
        value=parse_value(found, value),
        method=parse_method(method),
        by=_check_by(workshop, by),
        note=" ".join(note.split()),
        variant=_check_variant(workshop, variant),
    )
    pilot = workshop.pilot.edit(measurements=(*workshop.pilot.measurements, measurement))
    return workshop.edit(pilot=pilot), measurement


def remove_measurement(workshop: Workshop, measurement_id: str) -> Workshop:
    """The workshop without one measurement (one recorded by mistake, say)."""
    kept = tuple(m for m in workshop.pilot.measurements if m.id != measurement_id)
    if len(kept) == len(workshop.pilot.measurements):
        raise InputError(None, f"unknown measurement {measurement_id!r}", field="measurement")
    return workshop.edit(pilot=workshop.pilot.edit(measurements=kept))


# --------------------------------------------------------------------------- a table of them


@dataclass(frozen=True, slots=True)
class MeasurementPlan:
    """What importing a table would do; nothing is written until the caller saves."""

    source: Path
    workshop: Workshop
    """The workshop with every good row added."""
    added: tuple[Measurement, ...]
    problems: tuple[InputError, ...]
    """One per bad row, each a one-line message naming the file, the row and the column."""
    skipped: tuple[int, ...] = ()
    """Rows equal to a measurement already recorded."""
    ignored_columns: tuple[str, ...] = ()


def _read_rows(path: Path) -> tuple[tuple[str, ...], tuple[tuple[int, tuple[str, ...]], ...]]:
    """Header and numbered rows of a CSV or XLSX file, through cocreate's one table reader.

    UTF-8 with or without a BOM, cp932, UTF-16, .xlsx; spreadsheet row numbers, the
    header is the first row (row 1).
    """
    from cocreate.tables import read_table

    table = read_table(path, what="a measurement table")
    if not table.rows:
        raise InputError(path, "the file is empty; the header row is row 1")
    table.check_ragged(0)
    _, headers = table.rows[0]
    return tuple(headers), tuple((number, tuple(cells)) for number, cells in table.rows[1:])


def plan_measurements(workshop: Workshop, path: str | Path) -> MeasurementPlan:
    """Check every row of a measurement table and add the good ones to the workshop.

    Raises InputError for a file that cannot be read or lacks a required column; bad
    rows are returned in ``problems`` rather than raised, so all are reported at once.
    """
    source = Path(path)
    headers, rows = _read_rows(source)
    columns: dict[str, int] = {}
    ignored = []
    for index, header in enumerate(headers):
        column = _LOOKUP.get(_key(header))
        if column is None or column in columns:
            if header.strip():
                ignored.append(header)
            continue
        columns[column] = index
    missing = [c for c in _REQUIRED if c not in columns]
    if missing:
        names = ", ".join(f"{c} ({COLUMNS[c][1]})" for c in missing)
        raise InputError(source, f"no column for {names}; the header row is row 1")

    def cell(cells: tuple[str, ...], column: str) -> str:
        index = columns.get(column)
        return cells[index].strip() if index is not None and index < len(cells) else ""

    seen = {(m.kpi, m.date, m.value) for m in workshop.pilot.measurements}
    added: list[Measurement] = []
    problems: list[InputError] = []
    skipped: list[int] = []
    for number, cells in rows:
        if not any(c.strip() for c in cells):
            continue
        try:
            values = {c: cell(cells, c) for c in COLUMNS}
            for column in _REQUIRED:
                if not values[column]:
                    raise InputError(None, "empty", field=column)
            kpi = find_kpi(workshop, values["kpi"])
            value = parse_value(kpi, values["value"])
            day = parse_date(values["date"])
            if (kpi.id, day, value) in seen:
                skipped.append(number)
                continue
            workshop, measurement = add_measurement(
                workshop,
                kpi.id,
                value,
                day,
                method=values["method"] or MeasurementMethod.MEASURED,
                by=values["by"],
                note=values["note"],
            )
        except InputError as exc:
            column = exc.field or ""
            header = headers[columns[column]] if column in columns else column
            problems.append(InputError(source, exc.message, row=number, field=header or None))
            continue
        seen.add((measurement.kpi, measurement.date, measurement.value))
        added.append(measurement)
    return MeasurementPlan(
        source, workshop, tuple(added), tuple(problems), tuple(skipped), tuple(ignored)
    )
