"""Reading a KPI value or a date as people type them: units checked, converted where safe.

A value may carry a unit (``12.5``, ``12.5分``, ``8%``, ``2時間``). It must be a number of at
least 0 in the KPI's own unit, the unit its baseline and target are in:

* a KPI taken from the map is in the metric's unit (``annual_hours`` hours,
  ``lead_time_minutes`` minutes, ``cycle_efficiency`` a share 0–1, touchpoints, handoffs
  and loops whole counts);
* any other KPI is in the unit written on it (``Kpi.unit``): ``%`` is a percentage 0–100,
  ``時間``/``h`` hours, ``分``/``min`` minutes, ``日`` calendar days; a KPI with no unit whose
  baseline and target lie between 0 and 1 is a share (``0.2`` = 20%);
* times convert between minutes, hours and calendar days (1 day = 24 hours = 1,440
  minutes, as the map counts waits); ``8%`` is ``0.08`` for a share; any other unit must be
  the KPI's own, and a value in another is refused rather than guessed.

Numbers are read after NFKC (full-width digits), with thousands separators dropped.
"""

from __future__ import annotations

import datetime as dt
import enum
import math
import re
import unicodedata
from dataclasses import dataclass
from typing import TypeVar

from cocreate.errors import InputError
from cocreate.model import Kpi, MeasurementMethod, Outcome, TaskStatus

__all__ = [
    "ValueUnit",
    "check_value",
    "parse_date",
    "parse_method",
    "parse_outcome",
    "parse_status",
    "parse_value",
    "value_problem",
    "value_unit",
]

#: Metric unit (``process.metric_names.METRIC_UNITS``) -> our kind of value.
_METRIC_KINDS = {
    "h": "hours",
    "min": "minutes",
    "ratio": "share",
    "currency": "money",
    "flows": "count",
    "steps": "count",
    "loops": "count",
}

_ALIASES = {
    "percent": ("%", "パーセント", "percent", "pct"),
    "hours": ("時間", "h", "hr", "hrs", "hour", "hours"),
    "minutes": ("分", "min", "mins", "minute", "minutes"),
    "days": ("日", "d", "day", "days"),
    "money": ("円", "yen", "jpy"),
}
_KIND_OF_UNIT = {alias: kind for kind, names in _ALIASES.items() for alias in names}
#: Minutes in one unit of each time kind.
_MINUTES = {"minutes": 1.0, "hours": 60.0, "days": 1440.0}

_NUMBER = re.compile(r"^([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?)\s*(.*?)$", re.IGNORECASE)


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or "")).casefold()


@dataclass(frozen=True, slots=True)
class ValueUnit:
    """What a KPI's values are: a kind, the unit as written, and whether they are whole."""

    kind: str
    """``hours``, ``minutes``, ``days``, ``share`` (0–1), ``percent`` (0–100), ``money``,
    ``count`` (whole numbers) or ``number`` (anything else, in ``label``)."""
    label: str = ""
    """The unit as the KPI writes it (``時間``, ``件/週``), for messages."""

    @property
    def whole(self) -> bool:
        return self.kind == "count"

    def describe(self) -> str:
        """The unit in a message: ``a share between 0 and 1``, ``minutes``, ``件/週``."""
        if self.kind == "share":
            return "a share between 0 and 1"
        if self.kind == "percent":
            return "a percentage between 0 and 100"
        if self.kind == "count":
            return f"a whole number ({self.label})" if self.label else "a whole number"
        if self.label:
            return self.label
        return self.kind


def value_unit(kpi: Kpi) -> ValueUnit:
    """The unit a KPI's baseline, target and measurements are in.

    >>> from cocreate.model import Kpi
    >>> value_unit(Kpi("k4", "差戻し率", baseline=0.2, target=0.05)).kind
    'share'
    >>> value_unit(Kpi("k2", "リードタイム", "lead_time_minutes", unit="分")).kind
    'minutes'
    """
    if kpi.metric:
        from cocreate.process.metric_names import METRIC_UNITS

        kind = _METRIC_KINDS.get(METRIC_UNITS.get(kpi.metric, ""), "number")
        return ValueUnit(kind, kpi.unit or METRIC_UNITS.get(kpi.metric, ""))
    unit = _norm(kpi.unit)
    if unit in _KIND_OF_UNIT:
        return ValueUnit(_KIND_OF_UNIT[unit], kpi.unit)
    if not unit:
        given = [v for v in (kpi.baseline, kpi.target) if v is not None]
        if given and all(0 <= v <= 1 for v in given) and any(0 < v < 1 for v in given):
            return ValueUnit("share")
    return ValueUnit("number", kpi.unit)


def value_problem(kpi: Kpi, value: float) -> tuple[str, str, dict[str, object]] | None:
    """What is wrong with ``value`` as a value of ``kpi``, or None when nothing is.

    A case (``not-a-number``, ``negative``, ``over-share``, ``over-percent``,
    ``not-whole``), the message in English and the values it names, so that the
    message can be said in another language.

    >>> from cocreate.model import Kpi
    >>> value_problem(Kpi("k4", "差戻し率", baseline=0.2, target=0.05), 12)[:2]
    ('over-share', 'out of range: KPI k4 (差戻し率) is a share between 0 and 1; write 0.12 or 12%')
    """
    unit = value_unit(kpi)
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return "not-a-number", "not a number", {"value": repr(value)}
    values: dict[str, object] = {
        "value": _show(value), "kpi": kpi.id, "name": kpi.name, "unit": unit.label,
    }  # fmt: skip
    if value < 0:
        return "negative", f"negative; KPI {kpi.id} is counted from 0 up", values
    limit = {"share": 1.0, "percent": 100.0}.get(unit.kind)
    if limit is not None and value > limit:
        hint = f"; write {_show(value / 100)} or {_show(value)}%" if unit.kind == "share" else ""
        values["fraction"] = _show(value / 100)
        return (
            f"over-{unit.kind}",
            f"out of range: KPI {kpi.id} ({kpi.name}) is {unit.describe()}{hint}",
            values,
        )
    if unit.whole and not float(value).is_integer():
        return "not-whole", f"not whole: KPI {kpi.id} counts {unit.label}", values
    return None


def check_value(kpi: Kpi, value: float) -> float:
    """``value`` if it can be a value of ``kpi``; InputError (field ``value``) otherwise."""
    problem = value_problem(kpi, value)
    if problem is not None:
        _case, message, values = problem
        raise InputError(None, f"{values['value']} is {message}", field="value")
    return float(value)


def parse_value(kpi: Kpi, text: str | float) -> float:
    """The value of ``kpi`` that ``text`` gives, converted to the KPI's unit.

    Raises InputError (field ``value``) for text that is not a number, a negative number,
    a number outside the unit's range, or a number in another unit.

    >>> from cocreate.model import Kpi
    >>> parse_value(Kpi("k4", "差戻し率", baseline=0.2, target=0.05), "8%")
    0.08
    >>> parse_value(Kpi("k2", "リードタイム", "lead_time_minutes"), "１.５時間")
    90.0
    """
    if isinstance(text, int | float) and not isinstance(text, bool):
        return check_value(kpi, float(text))
    raw = str(text)
    flat = unicodedata.normalize("NFKC", raw).strip().replace(",", "").replace("_", "")
    found = _NUMBER.match(flat)
    if not flat or found is None:
        raise InputError(None, f"{raw!r} is not a number", field="value")
    number = float(found.group(1))
    suffix = _norm(found.group(2))
    unit = value_unit(kpi)
    if suffix:
        number = _convert(kpi, unit, number, suffix, raw)
    return check_value(kpi, round(number, 9))


def _convert(kpi: Kpi, unit: ValueUnit, number: float, suffix: str, raw: str) -> float:
    given = _KIND_OF_UNIT.get(suffix)
    if given == "percent":
        if unit.kind == "percent":
            return number
        if unit.kind == "share":
            return number / 100
    elif given in _MINUTES and unit.kind in _MINUTES:
        return number * _MINUTES[given] / _MINUTES[unit.kind]
    elif given is not None and given == unit.kind:
        return number
    own = _norm(unit.label)
    if own and (suffix == own or own.startswith(suffix + "/")):
        return number
    raise InputError(
        None,
        f"{raw!r} is in another unit: KPI {kpi.id} ({kpi.name}) is {unit.describe()}",
        field="value",
    )


def _show(value: float) -> str:
    return f"{value:g}"


_DATE = re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[T ].*)?$")


def parse_date(text: str | dt.date, field: str = "date") -> dt.date:
    """A date from ``2027-01-26``, ``2027/1/26``, ``2027年1月26日`` or a spreadsheet's date-time.

    >>> parse_date("２０２７年１月２６日")
    datetime.date(2027, 1, 26)
    """
    if isinstance(text, dt.datetime):
        return text.date()
    if isinstance(text, dt.date):
        return text
    flat = unicodedata.normalize("NFKC", str(text)).strip()
    found = _DATE.match(flat)
    if found:
        try:
            return dt.date(*(int(part) for part in found.groups()))
        except ValueError:
            pass
    raise InputError(None, f"{text!r} is not a date (YYYY-MM-DD)", field=field)


_E = TypeVar("_E", bound=enum.Enum)


def _choice(enum_type: type[_E], text: str, field: str, prefix: str) -> _E:
    from cocreate.i18n import t

    wanted = _norm(str(text))
    for member in enum_type:
        key = f"{prefix}.{member.value}"
        labels = {member.value, t(key, "ja"), t(key, "en")}
        if wanted in {_norm(label) for label in labels}:
            return member
    choices = ", ".join(f"{m.value} ({t(f'{prefix}.{m.value}', 'ja')})" for m in enum_type)
    raise InputError(None, f"unknown {field} {text!r}; expected one of {choices}", field=field)


def parse_method(text: str | MeasurementMethod) -> MeasurementMethod:
    """A measurement method from its stored value or its label (``実測``, ``system log``)."""
    if isinstance(text, MeasurementMethod):
        return text
    return _choice(MeasurementMethod, text, "method", "verify.method")


def parse_status(text: str | TaskStatus) -> TaskStatus:
    """A task status from its stored value or its label (``未着手``, ``done``)."""
    if isinstance(text, TaskStatus):
        return text
    return _choice(TaskStatus, text, "status", "verify.status")


def parse_outcome(text: str | Outcome) -> Outcome:
    """A decision's outcome from its stored value or its label (``横展開``, ``stop``)."""
    if isinstance(text, Outcome):
        return text
    return _choice(Outcome, text, "outcome", "verify.outcome")
