"""What one backend stores, every backend stores: text the servers refuse (a NUL, a
control character, a number wider than its column, NaN) is refused before any SQL runs,
with its field named, on SQLite as on PostgreSQL and MariaDB, so that a SQLite database can
always move to a server.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import Engine, func, select

from pcc_cases.adapters import tables as t
from pcc_cases.adapters.unit_of_work import UnitOfWork
from pcc_cases.domain.errors import (
    CaseFileError,
    InvalidInputError,
    PeopleFileError,
    PermissionDeniedError,
)
from pcc_cases.interchange.cases_io import export_cases, import_cases
from pcc_cases.interchange.people_csv import import_people
from pcc_cases.services import list_people
from tests.org import NOW, bootstrap, record_photo_case, settings_at


@pytest.fixture(scope="module")
def org(engine: Engine) -> Engine:
    with UnitOfWork(engine, write=True) as uow:
        bootstrap(uow)
    return engine


def rows(engine: Engine) -> tuple[int, ...]:
    with engine.connect() as conn:
        return tuple(
            conn.execute(select(func.count()).select_from(table)).scalar_one()
            for table in (t.people, t.cases, t.case_events, t.access_log)
        )


def record(engine: Engine, actor: str = "vd-alk", **fields: object) -> None:
    with UnitOfWork(engine, write=True) as uow:
        record_photo_case(uow, actor, **fields)


def refused_field(engine: Engine, attempt: Callable[[], object]) -> str:
    """The field the refusal names; the database is as it was."""
    before = rows(engine)
    with pytest.raises((InvalidInputError, CaseFileError, PeopleFileError)) as refused:
        attempt()
    assert rows(engine) == before
    error = refused.value
    if isinstance(error, CaseFileError | PeopleFileError):
        return ",".join(p.field or p.column or "" for p in error.problems)
    return error.field or ""


@pytest.mark.parametrize("text", ["Foto\x00gedeeld", "Foto\x1bgedeeld", "Foto\ufffegedeeld"])
def test_a_summary_with_a_character_no_server_stores_is_refused(org: Engine, text: str) -> None:
    assert refused_field(org, lambda: record(org, summary=text)) == "summary"


def test_a_location_with_a_nul_is_refused(org: Engine) -> None:
    assert refused_field(org, lambda: record(org, location="Alk\x00maar")) == "location"


def test_a_search_with_a_nul_is_refused_before_it_is_logged(org: Engine) -> None:
    def search() -> None:
        with UnitOfWork(org, write=True) as uow:
            list_people(uow, "vd-alk", search="Sem\x00", settings=settings_at())

    assert refused_field(org, search) == "search"


@pytest.mark.parametrize("actor", ["x" * 5000, "vd-alk\x00", "vd-\udcff"])
def test_an_actor_id_no_column_can_hold_is_refused_and_logged_as_it_can_be(
    org: Engine, actor: str
) -> None:
    people, cases, events, log = rows(org)
    with pytest.raises(PermissionDeniedError, match="unknown actor"):
        record(org, actor=actor)
    assert rows(org) == (people, cases, events, log + 1)


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("first_name", "Sem\x1b[31m"),
        ("last_name", "de\x0bVries"),
        ("class", "2B\x7f"),
        ("location", "Alk\u2028maar"),
        ("", "Sem\x00"),  # a NUL anywhere: not a text file at all
    ],
)
def test_a_people_file_with_a_control_character_is_refused(
    org: Engine, column: str, value: str
) -> None:
    header = "id,kind,first_name,last_name,location,class,mentor_id,roles,left_on"
    fields = dict.fromkeys(header.split(","), "")
    fields |= {"id": "s-new", "kind": "student", "first_name": "Sem", "last_name": "Nieuw"}
    fields |= {"location": "Alkmaar", "class": "2B", column or "first_name": value}
    data = f"{header}\n{','.join(fields.values())}\n".encode()

    def attempt() -> None:
        with UnitOfWork(org, write=True) as uow:
            import_people(uow, "cvb1", data, settings=settings_at())

    assert refused_field(org, attempt) == column


def exported_line(engine: Engine) -> dict[str, object]:
    record(engine)
    out = io.StringIO()
    with UnitOfWork(engine) as uow:
        export_cases(uow, "cvb1", out, settings=settings_at())
    line: dict[str, object] = json.loads(out.getvalue().splitlines()[-1])
    return line


NUMBERS_NO_COLUMN_HOLDS = ("NaN", "-Infinity", "1e400", "99999999999999999999999", "40000")


@pytest.mark.parametrize("raw", NUMBERS_NO_COLUMN_HOLDS)
@pytest.mark.parametrize("where", ["version", "events.0.seq", "events.0.data.involvements.0"])
def test_a_number_no_column_can_hold_is_refused_by_the_import(
    org: Engine, where: str, raw: str
) -> None:
    line: Any = exported_line(org)
    *path, last = [int(key) if key.isdigit() else key for key in where.split(".")]
    parent = line
    for key in path:
        parent = parent[key]
    parent[last] = "PLACEHOLDER"
    text = json.dumps(line).replace('"PLACEHOLDER"', raw)

    def attempt() -> None:
        with UnitOfWork(org, write=True) as uow:
            import_cases(uow, "cvb1", [text], settings=settings_at(NOW.add(days=1)))

    field = where.replace(".0", "[0]")
    assert field in refused_field(org, attempt)
