"""The retention purge on every backend: the purged person's name and id are gone from
every text column of every table, reports of past years keep their totals, and a subject
access export for the pseudonym shows only anonymised data.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pendulum
import pytest
from sqlalchemy import JSON, Engine, String, Text, func, select

from pcc_cases import services as sv
from pcc_cases.adapters import tables as t
from pcc_cases.adapters.types import RoleSet
from pcc_cases.adapters.unit_of_work import UnitOfWork
from pcc_cases.domain.errors import PermissionDeniedError
from pcc_cases.domain.factors import Factors
from pcc_cases.domain.people import PSEUDONYM_PREFIX
from pcc_cases.domain.period import school_year
from pcc_cases.interchange.people_csv import import_people
from pcc_cases.privacy.purge import ANONYMOUS_NAME, purge
from pcc_cases.privacy.subject_access import export_person, read_access_log
from pcc_cases.reports.figures import compute_figures
from tests.builders import PROTOCOL
from tests.org import PEOPLE_CSV, settings_at

GONE = "gone-7q"
FIRST, LAST = "Xandrijn", "Quispelhoven"
EXTRA = f"{GONE},student,{FIRST},{LAST},Alkmaar,2B,men-alk,,2021-07-31\n"
NOW = pendulum.datetime(2026, 11, 24, 10, tz="UTC")
STEPS = [
    "talk-mentor",
    "talk-management",
    "sanction",
    "internal-suspension",
    "suspension",
    "expulsion",
]


def text_values(engine: Engine) -> list[tuple[str, str, str]]:
    """Every value of every text-like column of every table, as text."""
    found = []
    with engine.connect() as conn:
        for table in t.metadata.sorted_tables:
            columns = [
                c for c in table.columns if isinstance(c.type, String | Text | JSON | RoleSet)
            ]
            for row in conn.execute(select(*columns)) if columns else []:
                for column, value in zip(columns, row, strict=True):
                    if value is not None:
                        found.append((table.name, column.name, json.dumps(value, default=str)))
    return found


def figures(engine: Engine) -> dict[str, Any]:
    with engine.connect() as conn:
        return compute_figures(
            conn, PROTOCOL, school_year(2020), None, dt.date(2026, 11, 24), STEPS
        )


@pytest.fixture(scope="module")
def school(engine: Engine) -> Engine:
    with UnitOfWork(engine, write=True) as uow:
        import_people(uow, None, (PEOPLE_CSV + EXTRA).encode(), settings=settings_at(NOW))
    for day, offenders, targets in [
        (3, [GONE], ["s-alk2"]),
        (10, ["s-alk1"], [GONE]),
        (20, [GONE, "s-alk2"], []),
    ]:
        occurred = pendulum.datetime(2021, 3, day, 20, tz="Europe/Amsterdam")
        at = settings_at(occurred.add(days=1).in_timezone("UTC"))
        with UnitOfWork(engine, write=True) as uow:
            case = sv.record_incident(
                uow, "vd-alk", occurred_at=occurred, platform="whatsapp", location="Alkmaar",
                summary=f"{FIRST} {LAST} plaatste een foto", offenders=offenders, targets=targets,
                clauses=["1.2"], factors=Factors(), settings=at,
            )  # fmt: skip
            number = case.number or ""
            for offender in offenders:
                sv.override_severity(
                    uow, "vd-alk", number, offender, 3, f"Herhaling door {FIRST}", settings=at
                )
            for offender in offenders:
                sv.decide_step(
                    uow, "vd-alk", number, offender, "internal-suspension", 1, "Zwaar", settings=at
                )
            sv.show_case(uow, "tl-alk", number, settings=at)
            sv.close_case(uow, "vd-alk", number, f"Gesprek met {FIRST} gevoerd", settings=at)
    return engine


def test_the_purge_anonymises_everywhere_and_keeps_the_totals(school: Engine) -> None:
    before = figures(school)
    assert any(GONE in v for _t, _c, v in text_values(school))
    with UnitOfWork(school, write=True) as uow, pytest.raises(PermissionDeniedError):
        purge(uow, "vd-alk", settings=settings_at(NOW))
    with UnitOfWork(school, write=True) as uow:
        dry = purge(uow, "fg1", dry_run=True, settings=settings_at(NOW))
    assert {c.person_id for c in dry.purged} == {GONE, "left-tl"}
    assert any(GONE in v for _t, _c, v in text_values(school))  # a dry run changes nothing
    heard: list[tuple[int, int | None]] = []
    with UnitOfWork(school, write=True) as uow:
        done = purge(uow, "fg1", progress=lambda *n: heard.append(n), settings=settings_at(NOW))
    assert heard == [(1, 2), (2, 2)]
    with school.connect() as conn:  # the permit past the append-only triggers is gone
        assert conn.scalar(select(func.count()).select_from(t.purge_permits)) == 0
    pseudonym = done.pseudonyms[GONE]
    assert pseudonym.startswith(PSEUDONYM_PREFIX)
    leftovers = [
        (table, column)
        for table, column, value in text_values(school)
        if GONE in value or FIRST in value or LAST in value
    ]
    assert leftovers == []
    assert figures(school) == before
    with UnitOfWork(school, write=True) as uow:
        data = export_person(uow, "fg1", pseudonym, settings=settings_at(NOW))
    text = json.dumps(data)
    assert data["person"]["first_name"] == ANONYMOUS_NAME and len(data["cases"]) == 3
    assert GONE not in text and FIRST not in text and LAST not in text
    with UnitOfWork(school, write=True) as uow:
        log = read_access_log(uow, "fg1", person_id=pseudonym, settings=settings_at(NOW))
    assert any(e.action == "purge" for e in log)
    assert any(e.action == "view" and e.actor_id == "tl-alk" for e in log)
    with UnitOfWork(school, write=True) as uow:
        assert purge(uow, "fg1", settings=settings_at(NOW)).purged == ()  # nothing twice
