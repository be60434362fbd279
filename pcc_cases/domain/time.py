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


_LOCAL_FORMAT = re.compile(
    r"^\s*([0-9]{4})-([0-9]{2})-([0-9]{2})[ T]([0-9]{2}):([0-9]{2})(?::([0-9]{2}))?\s*$"
)


def parse_local(text: str, fold: int | None = None) -> pendulum.DateTime:
    """Parse 'YYYY-MM-DD HH:MM' as Amsterdam time into a UTC instant."""
    match = _LOCAL_FORMAT.match(text)
    if not match:
        raise TimeInputError(
            N_("{text!r} is not a date and time of the form YYYY-MM-DD HH:MM"), text=text
        )
    year, month, day, hour, minute, second = (int(p) if p else 0 for p in match.groups())
    check_year(year, repr(text))
    try:
        naive = dt.datetime(year, month, day, hour, minute, second)  # noqa: DTZ001 - zone next
    except ValueError as exc:
        raise TimeInputError(
            N_("{text!r} is not a real date and time: {exc}"), text=text, exc=exc
        ) from None
    return local_to_utc(naive, fold)


def parse_date(text: str, field: str = "date") -> dt.date:
    """Parse YYYY-MM-DD strictly, naming the field in the message."""
    refused = TimeInputError(
        N_("{text!r} is not a date of the form YYYY-MM-DD"), field=field, text=text
    )
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text.strip()):
        raise refused
    try:
        day = dt.date.fromisoformat(text.strip())
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
