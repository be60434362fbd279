"""Amsterdam wall-clock input, UTC inside, school years, and school-day arithmetic."""

from __future__ import annotations

import datetime as dt

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from pcc_cases.domain.calendar import Holiday, SchoolCalendar
from pcc_cases.domain.errors import PolicyError, TimeInputError
from pcc_cases.domain.time import (
    as_utc,
    local_date,
    parse_date,
    parse_local,
    school_year_label,
    school_year_of,
    to_local,
)
from tests.strategies import aware_datetimes, calendars


def test_local_time_is_stored_as_utc() -> None:
    assert parse_local("2026-01-15 09:30") == pendulum.datetime(2026, 1, 15, 8, 30, tz="UTC")
    assert parse_local("2026-07-15 09:30") == pendulum.datetime(2026, 7, 15, 7, 30, tz="UTC")
    assert parse_local("2026-07-15 09:30").timezone_name == "UTC"


def test_spring_gap_is_refused() -> None:
    with pytest.raises(TimeInputError, match="2026-03-29 02:30 does not exist"):
        parse_local("2026-03-29 02:30")


def test_autumn_fold_needs_a_choice() -> None:
    with pytest.raises(TimeInputError, match="happened twice"):
        parse_local("2026-10-25 02:30")
    first = parse_local("2026-10-25 02:30", fold=0)
    second = parse_local("2026-10-25 02:30", fold=1)
    assert second.diff(first).in_hours() == 1
    assert first == pendulum.datetime(2026, 10, 25, 0, 30, tz="UTC")


@pytest.mark.parametrize(
    "text", ["2026-13-01 10:00", "15/01/2026 10:00", "31-04-2026 10:00", "2026-02-30 10:00", ""]
)
def test_malformed_local_times_are_refused(text: str) -> None:
    with pytest.raises(TimeInputError):
        parse_local(text)


def test_naive_datetime_is_refused() -> None:
    with pytest.raises(TimeInputError, match="no time zone"):
        as_utc(dt.datetime(2026, 1, 1, 12, 0))


@given(aware_datetimes)
def test_aware_datetimes_keep_their_instant(value: dt.datetime) -> None:
    # Compare instants by timestamp: PEP 495 makes fold-dependent times unequal across zones.
    utc = as_utc(value)
    assert utc.timestamp() == value.timestamp()
    assert utc.utcoffset() == dt.timedelta(0)
    assert to_local(utc).timestamp() == value.timestamp()


def test_school_year_turns_on_first_of_august_amsterdam_time() -> None:
    last_july = parse_local("2026-07-31 23:59")
    first_august = parse_local("2026-08-01 00:00")
    assert last_july.month == 7 and first_august.month == 7  # both still July in UTC
    assert school_year_of(local_date(last_july)) == 2025
    assert school_year_of(local_date(first_august)) == 2026
    assert school_year_label(2025) == "2025-2026"


def test_parse_date_names_the_field() -> None:
    assert parse_date("2026-02-01", "left_on") == dt.date(2026, 2, 1)
    assert parse_date("1-2-2026", "left_on") == dt.date(2026, 2, 1)
    with pytest.raises(TimeInputError, match="left_on: '1/2/2026'"):
        parse_date("1/2/2026", "left_on")


@given(moment=st.datetimes(min_value=dt.datetime(1900, 1, 1), max_value=dt.datetime(2100, 12, 31)))
def test_the_dutch_and_the_iso_way_of_writing_read_the_same(moment: dt.datetime) -> None:
    """``24-11-2026 21:30`` is ``2026-11-24 21:30``, and ``24-11-2026`` is ``2026-11-24``."""
    iso, dutch = moment.strftime("%Y-%m-%d %H:%M"), moment.strftime("%d-%m-%Y %H:%M")
    assert parse_date(dutch[:10]) == parse_date(iso[:10]) == moment.date()
    try:
        expected = parse_local(iso, fold=0)
    except TimeInputError:  # the hour that does not exist in spring
        with pytest.raises(TimeInputError):
            parse_local(dutch, fold=0)
        return
    assert parse_local(dutch, fold=0) == expected
    assert parse_local(dutch.lstrip("0"), fold=0) == expected  # 4-11-2026 as well as 04-11


KERST = Holiday("kerstvakantie", dt.date(2025, 12, 20), dt.date(2026, 1, 4))


def test_school_days_skip_weekends_and_holidays() -> None:
    calendar = SchoolCalendar.of([KERST])
    friday = dt.date(2025, 12, 12)
    assert calendar.add_school_days(friday, 1) == dt.date(2025, 12, 15)
    assert calendar.add_school_days(dt.date(2025, 12, 19), 1) == dt.date(2026, 1, 5)
    assert calendar.add_school_days(dt.date(2025, 12, 27), 0) == dt.date(2026, 1, 5)
    assert calendar.school_days_between(friday, dt.date(2025, 12, 19)) == 5


def test_holiday_ending_before_it_starts_is_refused() -> None:
    with pytest.raises(PolicyError, match="before first day"):
        Holiday("x", dt.date(2026, 1, 2), dt.date(2026, 1, 1))


@given(
    calendars,
    st.dates(min_value=dt.date(2024, 1, 1), max_value=dt.date(2027, 12, 31)),
    st.integers(min_value=0, max_value=60),
)
def test_adding_school_days_never_lands_on_a_closed_day(
    calendar: SchoolCalendar, start: dt.date, days: int
) -> None:
    end = calendar.add_school_days(start, days)
    assert calendar.is_school_day(end)
    assert end >= start
    if days > 0:
        assert end > start
        assert calendar.school_days_between(start, end) == days
