"""Report periods: a school year (1 August to 31 July) or any span of dates, in Amsterdam.

A case belongs to the period of the Amsterdam date of its ``occurred_at``; boundaries
are turned into UTC instants once, so the database compares plain timestamps.
"""

from __future__ import annotations

import datetime as dt
import re

import attrs
import pendulum

from pcc_cases.domain.errors import InvalidInputError
from pcc_cases.domain.time import (
    LOCAL_TZ_NAME,
    check_year,
    parse_date,
    school_year_label,
    school_year_of,
)
from pcc_cases.translation import N_


@attrs.frozen
class Period:
    """The dates ``start`` to ``end``, both included."""

    start: dt.date
    end: dt.date
    label: str

    def __attrs_post_init__(self) -> None:
        if self.end < self.start:
            raise InvalidInputError(
                N_("{end} is before {start}"), field="period", end=self.end, start=self.start
            )
        if (self.end - self.start).days > 366 * 5:
            raise InvalidInputError(N_("at most five years at once"), field="period")

    @property
    def start_utc(self) -> pendulum.DateTime:
        return local_midnight(self.start)

    @property
    def end_utc(self) -> pendulum.DateTime:
        """The first instant after the period."""
        return local_midnight(self.end + dt.timedelta(days=1))

    def month_spans(self) -> list[tuple[dt.date, dt.date]]:
        """Each calendar month the period touches, as its first and last day within it."""
        result = []
        year, month = self.start.year, self.start.month
        while (year, month) <= (self.end.year, self.end.month):
            first = max(dt.date(year, month, 1), self.start)
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
            last = min(dt.date(year, month, 1) - dt.timedelta(days=1), self.end)
            result.append((first, last))
        return result

    def months(self) -> list[tuple[str, pendulum.DateTime, pendulum.DateTime]]:
        """Each calendar month the period touches: ('YYYY-MM', first instant, next instant)."""
        return [
            (f"{first:%Y-%m}", local_midnight(first), local_midnight(last + dt.timedelta(days=1)))
            for first, last in self.month_spans()
        ]

    @property
    def is_school_year(self) -> bool:
        """Whether the period starts on 1 August and is labelled as its school year."""
        return (self.start.month, self.start.day) == (8, 1) and self.label == school_year_label(
            self.start.year
        )

    def through(self, last: dt.date) -> Period:
        """The same period, ending on ``last`` instead (the label kept)."""
        return Period(self.start, last, self.label)

    def previous(self) -> Period:
        """The same span one year earlier (the previous school year for a school year)."""
        start, end = _year_back(self.start), _year_back(self.end)
        if self.is_school_year:  # also one cut short: the same months a year earlier
            return Period(start, end, school_year_label(self.start.year - 1))
        return Period(start, end, f"{start.isoformat()}/{end.isoformat()}")


def local_midnight(day: dt.date) -> pendulum.DateTime:
    return pendulum.datetime(day.year, day.month, day.day, tz=LOCAL_TZ_NAME).in_timezone("UTC")


def school_year(start_year: int) -> Period:
    """The school year that starts on 1 August of ``start_year`` (``2025-2026``).

    Raises:
        Nothing of its own: every start year gives a school year.
    """
    return Period(
        dt.date(start_year, 8, 1), dt.date(start_year + 1, 7, 31), school_year_label(start_year)
    )


def current_school_year(today: dt.date) -> Period:
    return school_year(school_year_of(today))


def parse_school_year(text: str) -> Period:
    """'2025-2026' (also '2025/2026'): the school year from 1 August 2025 to 31 July 2026.

    Raises:
        InvalidInputError: not a school year such as 2025-2026.
    """
    match = re.fullmatch(r"\s*([0-9]{4})\s*[-/]\s*([0-9]{4})\s*", text)
    if not match or int(match.group(2)) != int(match.group(1)) + 1:
        raise InvalidInputError(
            N_("{text!r} is not of the form 2025-2026 (two consecutive years)"),
            field="school year",
            text=text,
        )
    check_year(int(match.group(2)), repr(text), "school year")
    check_year(int(match.group(1)), repr(text), "school year")
    return school_year(int(match.group(1)))


def date_span(start: dt.date, end: dt.date) -> Period:
    """The period from ``start`` to ``end``, both included, labelled ``start/end``.

    Raises:
        InvalidInputError: ``end`` before ``start``.
    """
    return Period(start, end, f"{start.isoformat()}/{end.isoformat()}")


@attrs.frozen
class PeriodNames:
    """What the caller calls the three ways to give a period (CLI options, query fields)."""

    school_year: str = "--school-year"
    date_from: str = "--from"
    date_to: str = "--to"


CLI_PERIOD_NAMES = PeriodNames()


def period_from(
    school_year: str | None,
    date_from: str | None,
    date_to: str | None,
    names: PeriodNames = CLI_PERIOD_NAMES,
) -> Period | None:
    """A school year, or a span from ``date_from`` to ``date_to``; None when none is given.

    Raises:
        InvalidInputError: both ways at once, one end of a span without the other, or a
            value that is not a school year or a date (named as ``names`` says).
    """
    named = attrs.asdict(names)
    if school_year and (date_from or date_to):
        raise InvalidInputError(
            N_("give either {school_year} or {date_from}/{date_to}, not both"),
            field=names.school_year,
            **named,
        )
    if bool(date_from) != bool(date_to):
        raise InvalidInputError(
            N_("{date_from} and {date_to} go together"),
            field=names.date_to if date_from else names.date_from,
            **named,
        )
    if school_year:
        return parse_school_year(school_year)
    if date_from and date_to:
        return date_span(parse_date(date_from, names.date_from), parse_date(date_to, names.date_to))
    return None


def _year_back(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)
