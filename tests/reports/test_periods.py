"""Period boundaries: the Amsterdam date of occurred_at decides the school year and month,
across the year's turn on 1 August and across both daylight-saving changes.
"""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import Engine

from pcc_cases.adapters.unit_of_work import UnitOfWork
from pcc_cases.domain.case import Case
from pcc_cases.domain.errors import InvalidInputError
from pcc_cases.domain.people import PersonKind
from pcc_cases.domain.period import parse_school_year, school_year
from pcc_cases.domain.time import local_to_utc
from pcc_cases.reports.figures import compute_figures
from tests.builders import PROTOCOL, a_case, store_people

LOCAL_TIMES = [
    (dt.datetime(2025, 7, 31, 23, 59), None, 2024, "2025-07"),
    (dt.datetime(2025, 8, 1, 0, 0), None, 2025, "2025-08"),
    (dt.datetime(2025, 10, 26, 2, 30), 0, 2025, "2025-10"),  # the autumn fold, first
    (dt.datetime(2025, 10, 26, 2, 30), 1, 2025, "2025-10"),  # and second
    (dt.datetime(2025, 10, 31, 23, 30), None, 2025, "2025-10"),
    (dt.datetime(2025, 11, 1, 0, 30), None, 2025, "2025-11"),
    (dt.datetime(2026, 3, 29, 3, 0), None, 2025, "2026-03"),  # just after spring forward
    (dt.datetime(2026, 3, 31, 23, 59), None, 2025, "2026-03"),
    (dt.datetime(2026, 4, 1, 0, 0), None, 2025, "2026-04"),
    (dt.datetime(2026, 7, 31, 23, 59, 59), None, 2025, "2026-07"),
    (dt.datetime(2026, 8, 1, 0, 0), None, 2026, "2026-08"),
]


def recorded(moment: dt.datetime, fold: int | None) -> Case:
    occurred = local_to_utc(moment, fold)
    return a_case(
        occurred_at=occurred,
        reported_at=occurred,
        platform="x",
        location="Grenslaan",
        summary="grens",
        involvements=[("b1", "offender")],
        violations=[("b1", "1.1")],
        person_kinds={"b1": PersonKind.STUDENT},
        recorded_by="dir1",
    )


def test_cases_fall_in_the_right_school_year_and_month(engine: Engine) -> None:
    with UnitOfWork(engine, write=True) as uow:
        store_people(uow, ["b1"])
        uow.cases.add_all([recorded(m, fold) for m, fold, _y, _m in LOCAL_TIMES])
        uow.commit()
    steps = ["talk-mentor"]
    with engine.connect() as conn:
        for year in (2024, 2025, 2026):
            got = compute_figures(
                conn, PROTOCOL, school_year(year), ["Grenslaan"], dt.date(2026, 9, 1), steps
            )
            months = {m: n for m, n in got["by_month"].items() if n}
            expected: dict[str, int] = {}
            for _m, _f, y, month in LOCAL_TIMES:
                if y == year:
                    expected[month] = expected.get(month, 0) + 1
            assert months == expected, year
            assert got["total_cases"] == sum(expected.values())
            month_keys = list(got["by_month"])
            assert (month_keys[0], month_keys[-1]) == (f"{year}-08", f"{year + 1}-07")


def test_school_year_text_and_previous_period() -> None:
    period = parse_school_year("2025-2026")
    assert (period.start, period.end, period.label) == (
        dt.date(2025, 8, 1),
        dt.date(2026, 7, 31),
        "2025-2026",
    )
    assert period.previous().label == "2024-2025"
    for bad in ("2025", "2025-2027", "twintig"):
        with pytest.raises(InvalidInputError, match="2025-2026"):
            parse_school_year(bad)
