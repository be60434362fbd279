"""School days: the unit in which suspensions are measured and legal deadlines fall due.

Weekends never count; holidays are configured per school (the regional holiday weeks of
the Netherlands differ per year and region, so no list is built in).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import attrs

from pcc_cases.domain.errors import PolicyError
from pcc_cases.translation import N_


@attrs.frozen
class Holiday:
    """A named closed period, both ends included."""

    name: str
    first: dt.date
    last: dt.date

    def __attrs_post_init__(self) -> None:
        if self.last < self.first:
            raise PolicyError(
                N_("holiday {name!r}: last day {last} is before first day {first}"),
                name=self.name,
                last=self.last,
                first=self.first,
            )

    def covers(self, day: dt.date) -> bool:
        return self.first <= day <= self.last


@attrs.frozen
class SchoolCalendar:
    """Weekends plus configured holidays; everything else is a school day."""

    holidays: tuple[Holiday, ...] = ()

    @classmethod
    def of(cls, holidays: Iterable[Holiday]) -> SchoolCalendar:
        return cls(tuple(sorted(holidays, key=lambda h: (h.first, h.last, h.name))))

    def is_school_day(self, day: dt.date) -> bool:
        return day.weekday() < 5 and not any(h.covers(day) for h in self.holidays)

    def add_school_days(self, start: dt.date, days: int) -> dt.date:
        """The date ``days`` school days after ``start`` (``start`` itself does not count).

        With ``days == 0`` it is the first school day on or after ``start``.
        """
        if days < 0:
            raise PolicyError(N_("cannot add a negative number of school days ({days})"), days=days)
        day = start
        if days == 0:
            while not self.is_school_day(day):
                day = self._next(day)
            return day
        remaining = days
        while remaining:
            day = self._next(day)
            if self.is_school_day(day):
                remaining -= 1
        return day

    def school_days_between(self, first: dt.date, last: dt.date) -> int:
        """School days in (first, last]: how many have passed since ``first``."""
        count, day = 0, first
        while day < last:
            day = day + dt.timedelta(days=1)
            count += self.is_school_day(day)
        return count

    def _next(self, day: dt.date) -> dt.date:
        nxt = day + dt.timedelta(days=1)
        # Jump over a whole holiday at once: a summer break need not be walked day by day.
        for holiday in self.holidays:
            if holiday.covers(nxt):
                return holiday.last + dt.timedelta(days=1)
        return nxt
