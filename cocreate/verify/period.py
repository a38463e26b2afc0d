"""The pilot's period: from its start for its weeks, both ends included."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cocreate.model import Pilot

__all__ = ["PilotPeriod", "pilot_period"]


@dataclass(frozen=True, slots=True)
class PilotPeriod:
    """The days the pilot runs: ``start`` to ``end``, both included.

    ``end`` is ``None`` when the plan gives a start but no length.
    """

    start: dt.date
    end: dt.date | None = None

    def __contains__(self, day: object) -> bool:
        if not isinstance(day, dt.date):
            return False
        return self.start <= day and (self.end is None or day <= self.end)

    def days_outside(self, day: dt.date) -> int:
        """How many days ``day`` lies before the start (negative) or after the end (positive).

        >>> period = PilotPeriod(dt.date(2027, 1, 12), dt.date(2027, 3, 8))
        >>> period.days_outside(dt.date(2027, 3, 9)), period.days_outside(dt.date(2027, 1, 10))
        (1, -2)
        """
        if day < self.start:
            return (day - self.start).days
        if self.end is not None and day > self.end:
            return (day - self.end).days
        return 0


def pilot_period(pilot: Pilot) -> PilotPeriod | None:
    """The period of a pilot plan, or ``None`` when it has no start date.

    An eight-week pilot starting on a Tuesday ends on the Monday eight weeks later:
    ``weeks × 7`` days, the first one included.

    >>> from cocreate.model import Pilot
    >>> pilot_period(Pilot(start=dt.date(2027, 1, 12), weeks=8)).end
    datetime.date(2027, 3, 8)
    """
    if pilot.start is None:
        return None
    if not pilot.weeks or pilot.weeks < 1:
        return PilotPeriod(pilot.start)
    return PilotPeriod(pilot.start, pilot.start + dt.timedelta(days=7 * pilot.weeks - 1))
