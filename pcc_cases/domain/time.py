"""Time as the school lives it: entered and shown in Europe/Amsterdam, kept in UTC.

A local time in the spring-forward gap never happened and one in the autumn fold happened
twice; both are refused unless the caller says which one they mean, because a case file
that is an hour off can decide whether something happened in school time.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from zoneinfo import ZoneInfo

import attrs
import pendulum

from pcc_cases.domain.errors import TimeInputError
from pcc_cases.translation import N_

LOCAL_TZ_NAME = "Europe/Amsterdam"
LOCAL_TZ = ZoneInfo(LOCAL_TZ_NAME)
_LOCAL_PENDULUM_TZ = pendulum.timezone(LOCAL_TZ_NAME)
_UTC = pendulum.UTC

Clock = Callable[[], pendulum.DateTime]
"""Anything that returns the current instant; services receive one so tests can fix time."""


def system_clock() -> pendulum.DateTime:
    """The real current instant, in UTC."""
    return pendulum.now("UTC")


@attrs.define
class FixedClock:
    """A clock that stands still until moved: for tests, demos and replays."""

    now: pendulum.DateTime

    def __call__(self) -> pendulum.DateTime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now = self.now.add(**delta)  # type: ignore[arg-type]


EARLIEST_YEAR = 1900
LATEST_YEAR = 2100
"""Dates outside these years are typing errors (0205 for 2025), not incidents or duties."""


def check_year(year: int, shown: object, field: str | None = None) -> None:
    """Refuse a date or time outside EARLIEST_YEAR..LATEST_YEAR, quoting it as ``shown``.

    Raises:
        TimeInputError: the year is out of range.
    """
    if not EARLIEST_YEAR <= year <= LATEST_YEAR:
        raise TimeInputError(
            N_("{shown} is not between the years {EARLIEST_YEAR} and {LATEST_YEAR}"),
            field=field,
            shown=shown,
            EARLIEST_YEAR=EARLIEST_YEAR,
            LATEST_YEAR=LATEST_YEAR,
        )


def as_utc(value: dt.datetime) -> pendulum.DateTime:
    """The same instant as a pendulum UTC datetime; naive datetimes are refused."""
    check_year(value.year, value.isoformat())
    if value.tzinfo is None or value.utcoffset() is None:
        raise TimeInputError(
            N_(
                "datetime {value} has no time zone; give an aware datetime (UTC or {LOCAL_TZ_NAME})"
            ),
            value=value.isoformat(),
            LOCAL_TZ_NAME=LOCAL_TZ_NAME,
        )
    if isinstance(value, pendulum.DateTime) and value.timezone_name == "UTC":
        return value
    instant = value.astimezone(dt.UTC)
    return pendulum.instance(instant).in_timezone(_UTC)


def to_local(value: dt.datetime) -> pendulum.DateTime:
    """The instant as Amsterdam wall-clock time, for display.

    Raises:
        TimeInputError: a datetime without a time zone.
    """
    return as_utc(value).in_timezone(_LOCAL_PENDULUM_TZ)


def local_to_utc(naive: dt.datetime, fold: int | None = None) -> pendulum.DateTime:
    """Interpret a wall-clock time in Amsterdam; refuse times in the DST gap or fold.

    ``fold`` picks one of the two instants of an ambiguous autumn time: 0 for the first
    (still summer time, +02:00), 1 for the second (winter time, +01:00).
    """
    if naive.tzinfo is not None:
        raise TimeInputError(
            N_("{value} already has a time zone; give a wall-clock time"), value=naive.isoformat()
        )
    if fold not in (None, 0, 1):
        raise TimeInputError(
            N_("fold must be 0 (first occurrence) or 1 (second), not {fold!r}"), fold=fold
        )
    early = naive.replace(tzinfo=LOCAL_TZ, fold=0)
    late = naive.replace(tzinfo=LOCAL_TZ, fold=1)
    text = naive.strftime("%Y-%m-%d %H:%M")
    for candidate in (early, late):
        back = candidate.astimezone(dt.UTC).astimezone(LOCAL_TZ).replace(tzinfo=None)
        if back != naive:
            raise TimeInputError(
                N_(
                    "{text} does not exist in {LOCAL_TZ_NAME}: the clocks jump forward an hour "
                    "that night; check the time"
                ),
                text=text,
                LOCAL_TZ_NAME=LOCAL_TZ_NAME,
            )
    if early.utcoffset() != late.utcoffset():
        if fold is None:
            raise TimeInputError(
                N_(
                    "{text} happened twice in {LOCAL_TZ_NAME} (the clocks went back an hour); say "
                    "which: the first (summer time, +02:00) or the second (winter time, +01:00)"
                ),
                text=text,
                LOCAL_TZ_NAME=LOCAL_TZ_NAME,
            )
        return as_utc(late if fold else early)
    return as_utc(early)


_ISO_DAY = r"(?P<year>[0-9]{4})-(?P<month>[0-9]{2})-(?P<day>[0-9]{2})"
_DUTCH_DAY = r"(?P<day>[0-9]{1,2})-(?P<month>[0-9]{1,2})-(?P<year>[0-9]{4})"
_CLOCK = r"(?P<hour>[0-9]{1,2}):(?P<minute>[0-9]{2})(?::(?P<second>[0-9]{2}))?"
_LOCAL_FORMATS = (
    re.compile(rf"^\s*{_ISO_DAY}[ T]{_CLOCK}\s*$"),
    re.compile(rf"^\s*{_DUTCH_DAY}\s+{_CLOCK}\s*$"),
)
_DAY_FORMATS = (re.compile(rf"^\s*{_ISO_DAY}\s*$"), re.compile(rf"^\s*{_DUTCH_DAY}\s*$"))


def _first_match(patterns: tuple[re.Pattern[str], ...], text: str) -> dict[str, int] | None:
    for pattern in patterns:
        match = pattern.match(text)
        if match:
            return {k: int(v) if v else 0 for k, v in match.groupdict().items()}
    return None


def parse_local(text: str, fold: int | None = None) -> pendulum.DateTime:
    """Parse a wall-clock time in Amsterdam into a UTC instant: ISO ``2026-11-24 21:30`` or
    as the Dutch write it, ``24-11-2026 21:30``.
    """
    parts = _first_match(_LOCAL_FORMATS, text)
    if parts is None:
        raise TimeInputError(
            N_("{text!r} is not a date and time of the form YYYY-MM-DD HH:MM or DD-MM-YYYY HH:MM"),
            text=text,
        )
    check_year(parts["year"], repr(text))
    try:
        naive = dt.datetime(  # noqa: DTZ001 - the zone comes next
            parts["year"], parts["month"], parts["day"],
            parts["hour"], parts["minute"], parts["second"],
        )  # fmt: skip
    except ValueError:
        raise TimeInputError(
            N_("{text!r} is not a real date and time (no such day, hour or minute)"), text=text
        ) from None
    return local_to_utc(naive, fold)


def parse_date(text: str, field: str = "date") -> dt.date:
    """Parse a day strictly, ISO ``2026-11-24`` or Dutch ``24-11-2026``, naming the field."""
    refused = TimeInputError(
        N_("{text!r} is not a date of the form YYYY-MM-DD or DD-MM-YYYY"), field=field, text=text
    )
    parts = _first_match(_DAY_FORMATS, text)
    if parts is None:
        raise refused
    try:
        day = dt.date(parts["year"], parts["month"], parts["day"])
    except ValueError:
        raise refused from None
    check_year(day.year, repr(text), field)
    return day


def local_date(value: dt.datetime) -> dt.date:
    """The Amsterdam calendar date of an instant."""
    local = to_local(value)
    return dt.date(local.year, local.month, local.day)


SCHOOL_YEAR_START_MONTH = 8


def school_year_of(day: dt.date) -> int:
    """The first calendar year of the school year (1 August to 31 July) holding ``day``."""
    return day.year if day.month >= SCHOOL_YEAR_START_MONTH else day.year - 1


def school_year_label(start_year: int) -> str:
    """'2025-2026' for the school year starting 1 August 2025."""
    return f"{start_year}-{start_year + 1}"
