"""The retention purge on every backend.

Two people: a plan prepared by one fg or cvb, confirmed by another, refused when stale.
The purged person's id and names are gone from every text column of every table (token by
token: a person whose id starts the same keeps theirs), and from the database files; the
staff's access-log entries keep their actor until the log's own retention removes them;
reports of past years keep their totals.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pendulum
import pytest
from sqlalchemy import JSON, Engine, String, Text, func, select, text
from sqlalchemy.exc import DBAPIError

from pcc_cases import services as sv
from pcc_cases.adapters import tables as t
from pcc_cases.adapters.types import RoleSet
from pcc_cases.adapters.unit_of_work import UnitOfWork
from pcc_cases.domain.errors import (
    ConflictError,
    InvalidInputError,
    NotFoundError,
    PermissionDeniedError,
)
from pcc_cases.domain.factors import Factors
from pcc_cases.domain.people import PSEUDONYM_PREFIX
from pcc_cases.domain.period import school_year
from pcc_cases.interchange.people_csv import import_people
from pcc_cases.privacy.purge import ANONYMOUS_NAME, confirm_purge, prepare_purge
from pcc_cases.privacy.retention import load_retention
from pcc_cases.privacy.subject_access import export_person, read_access_log
from pcc_cases.reports.figures import compute_figures
from tests.builders import PROTOCOL
from tests.org import PEOPLE_CSV, settings_at

GONE = "gone-7q"
STAY = "gone-7q0"  # a current student whose id starts like the purged one's
OTHER = "xan-2"  # a current student with the same first name
FIRST, LAST = "Xandrijn", "Quispelhoven"
EXTRA = (
    f"{GONE},student,{FIRST},{LAST},Alkmaar,2B,men-alk,,2021-07-31\n"
    f"{STAY},student,Bo,Blijft,Alkmaar,2B,men-alk,,\n"
    f"{OTHER},student,{FIRST},Bakker,Alkmaar,2B,men-alk,,\n"
)
NOW = pendulum.datetime(2026, 11, 24, 10, tz="UTC")
STEPS = [
    "talk-mentor",
    "talk-management",
    "sanction",
    "internal-suspension",
    "suspension",
    "expulsion",
]
GONE_TOKEN = re.compile(rf"(?<![\w.-]){re.escape(GONE)}(?![\w-])")


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
                        found.append(
                            (
                                table.name,
                                column.name,
                                json.dumps(value, default=str, ensure_ascii=False),
                            )
                        )
    return found


def naming(engine: Engine, needle: str | re.Pattern[str]) -> list[tuple[str, str, str]]:
    return [
        (table, column, value)
        for table, column, value in text_values(engine)
        if (needle.search(value) if isinstance(needle, re.Pattern) else needle in value)
    ]


def figures(engine: Engine) -> dict[str, Any]:
    with engine.connect() as conn:
        return compute_figures(
            conn, PROTOCOL, school_year(2020), None, dt.date(2026, 11, 24), STEPS
        )


@pytest.fixture(scope="module")
def school(engine: Engine) -> Engine:
    with UnitOfWork(engine, write=True) as uow:
        import_people(uow, None, (PEOPLE_CSV + EXTRA).encode(), settings=settings_at(NOW))
    numbers = []
    for day, offenders, targets, summary, closing in [
        (3, [GONE], ["s-alk2"], f"{FIRST} {LAST} plaatste een foto", f"Gesprek met {FIRST}"),
        (10, ["s-alk1"], [GONE], "Een foto van een klasgenoot", "Afgehandeld"),
        (20, [GONE, STAY], [], f"{GONE} en {STAY} samen", f"{LAST} had spijt"),
        (25, [STAY, OTHER], [], f"{STAY} en {FIRST}; gemeld door {FIRST} {LAST} ({GONE})",
         f"{FIRST} had spijt"),
    ]:  # fmt: skip
        occurred = pendulum.datetime(2021, 3, day, 20, tz="Europe/Amsterdam")
        at = settings_at(occurred.add(days=1).in_timezone("UTC"))
        with UnitOfWork(engine, write=True) as uow:
            case = sv.record_incident(
                uow, "vd-alk", occurred_at=occurred, platform="whatsapp", location="Alkmaar",
                summary=summary, offenders=offenders, targets=targets,
                clauses=["1.2"], factors=Factors(), settings=at,
            )  # fmt: skip
            number = case.number or ""
            numbers.append(number)
            for offender in offenders:
                sv.override_severity(
                    uow, "vd-alk", number, offender, 3, f"Herhaling door {FIRST}", settings=at
                )
            for offender in offenders:
                sv.decide_step(
                    uow, "vd-alk", number, offender, "internal-suspension", 1, "Zwaar", settings=at
                )
            sv.show_case(uow, "tl-alk", number, settings=at)
            sv.close_case(uow, "vd-alk", number, closing, settings=at)
    recent = settings_at(NOW.subtract(days=10))
    for someone in ("left-tl", GONE):  # refused (left; a student), logged under their id
        with UnitOfWork(engine, write=True) as uow, pytest.raises(PermissionDeniedError):
            sv.show_case(uow, someone, numbers[0], settings=recent)
    return engine


def test_the_retention_policy_cannot_go_below_its_minimums() -> None:
    default = load_retention()
    assert default.access_log_years == 5
    for section, key, years in [
        ("access_log", "years", 4),
        ("student", "years_after_left", 0),
        ("staff", "years_after_last_case", 0),
    ]:
        policy = (
            "[student]\nyears_after_left = 2\n[staff]\nyears_after_last_case = 2\n"
            "[external]\nyears_after_last_case = 2\n"
        )
        policy = re.sub(rf"(\[{section}\]\n{key} = )\d+", rf"\g<1>{years}", policy)
        if section == "access_log":
            policy += f"[access_log]\nyears = {years}\n"
        with pytest.raises(InvalidInputError, match="at least") as refused:
            load_retention(policy)
        assert refused.value.field == f"retention.{section}.{key}"


def test_a_purge_needs_a_second_person_and_a_plan_that_still_matches(school: Engine) -> None:
    at = settings_at(NOW)
    with UnitOfWork(school, write=True) as uow, pytest.raises(PermissionDeniedError):
        prepare_purge(uow, "vd-alk", settings=at)
    with UnitOfWork(school, write=True) as uow:
        stale = prepare_purge(uow, "fg1", settings=at)
    assert {c.person_id for c in stale.purged} == {GONE, "left-tl"}
    with UnitOfWork(school, write=True) as uow:  # one more person who left long ago
        extra = "old-9,student,Oud,Leerling,Alkmaar,2B,men-alk,,2019-07-31\n"
        import_people(uow, "fg1", (PEOPLE_CSV + EXTRA + extra).encode(), settings=at)
    with UnitOfWork(school, write=True) as uow, pytest.raises(ConflictError, match="changed"):
        confirm_purge(uow, "cvb1", stale.id, settings=at)
    with UnitOfWork(school, write=True) as uow:
        plan = prepare_purge(uow, "fg1", settings=at)
    with (
        UnitOfWork(school, write=True) as uow,
        pytest.raises(PermissionDeniedError, match="second"),
    ):
        confirm_purge(uow, "fg1", plan.id, settings=at)
    with UnitOfWork(school, write=True) as uow, pytest.raises(NotFoundError):
        confirm_purge(uow, "cvb1", plan.id + 100, settings=at)
    with UnitOfWork(school, write=True) as uow:
        log = read_access_log(uow, "fg1", settings=at)
    assert any(e.action == "purge" and not e.allowed and e.actor_id == "fg1" for e in log)
    assert any(v for v in text_values(school) if v[0] == "pcc_people" and GONE in v[2])


def test_the_purge_leaves_no_trace_and_keeps_the_totals(school: Engine) -> None:
    at = settings_at(NOW)
    before = figures(school)
    if school.dialect.name in ("sqlite", "postgresql"):  # the scan can see the name at all
        assert _on_disk(school, [GONE.encode(), LAST.encode()]) != []
    stay_before = len(naming(school, re.compile(rf"(?<![\w.-]){STAY}(?![\w-])")))
    with UnitOfWork(school, write=True) as uow:
        plan = prepare_purge(uow, "cvb1", settings=at)
    assert {c.person_id for c in plan.purged} == {GONE, "left-tl", "old-9"}
    with school.connect() as conn:
        old = conn.execute(
            select(func.count())
            .select_from(t.access_log)
            .where(t.access_log.c.at < dt.datetime(2021, 11, 24, tzinfo=dt.UTC))
        ).scalar_one()
    assert plan.log_entries == old > 0
    heard: list[tuple[int, int | None]] = []
    with UnitOfWork(school, write=True) as uow:
        done = confirm_purge(uow, "fg1", plan.id, progress=lambda *n: heard.append(n), settings=at)
    assert heard == [(1, 3), (2, 3), (3, 3)]
    assert done.log_entries_deleted == old and done.compacted
    with school.connect() as conn:  # the permit past the append-only triggers is gone
        assert conn.scalar(select(func.count()).select_from(t.purge_permits)) == 0
    pseudonym = done.pseudonyms[GONE]
    assert pseudonym.startswith(PSEUDONYM_PREFIX)
    assert naming(school, GONE_TOKEN) == []
    assert naming(school, LAST) == []
    # Another Xandrijn keeps her name, in her own case too; the purged one's full name went.
    assert {(table, column) for table, column, _v in naming(school, FIRST)} == {
        ("pcc_people", "first_name"),
        ("pcc_cases", "summary"),
        ("pcc_case_events", "reason"),
        ("pcc_case_assessments", "override_reason"),
    }
    with school.connect() as conn:
        summaries = set(conn.scalars(select(t.cases.c.summary)))
    assert f"{STAY} en {FIRST}; gemeld door {pseudonym} ({pseudonym})" in summaries
    assert f"{pseudonym} en {STAY} samen" in summaries
    assert len(naming(school, re.compile(rf"(?<![\w.-]){STAY}(?![\w-])"))) == stay_before
    # The staff member who left: gone from everything but the actor of their own entries.
    assert {(table, column) for table, column, _v in naming(school, "left-tl")} == {
        ("pcc_access_log", "actor_id")
    }
    assert figures(school) == before
    with UnitOfWork(school, write=True) as uow:
        data = export_person(uow, "fg1", pseudonym, settings=at)
    assert data["person"]["first_name"] == ANONYMOUS_NAME and len(data["cases"]) == 3
    assert GONE not in json.dumps(data).replace(STAY, "") and LAST not in json.dumps(data)
    with UnitOfWork(school, write=True) as uow:
        log = read_access_log(uow, "fg1", person_id=pseudonym, settings=at)
    assert any(e.action == "purge" for e in log)
    assert not any(e.action == "view" and e.actor_id == "tl-alk" for e in log)  # from 2021
    with school.connect() as conn:  # a student's refused attempt: under the pseudonym now
        log_actors = set(conn.scalars(select(t.access_log.c.actor_id)))
    assert pseudonym in log_actors and "left-tl" in log_actors
    with UnitOfWork(school, write=True) as uow, pytest.raises(ConflictError, match="already"):
        confirm_purge(uow, "cvb1", plan.id, settings=at)
    with UnitOfWork(school, write=True) as uow:
        assert prepare_purge(uow, "fg1", settings=at).purged == ()  # nothing twice
    assert _on_disk(school, [GONE.encode(), LAST.encode()]) == []


def _on_disk(engine: Engine, needles: list[bytes]) -> list[str]:
    """Where on disk the database still holds any of ``needles`` (files we can read)."""
    found = []
    if engine.dialect.name == "sqlite":
        base = Path(engine.url.database or "")
        for path in (base, base.with_name(base.name + "-wal")):
            data = path.read_bytes() if path.exists() else b""
            found += [f"{path.name}: {n!r}" for n in needles if _has_token(data, n)]
    elif engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("CHECKPOINT"))
            relations = conn.execute(
                text(
                    "SELECT c.relname, pg_relation_filepath(c.oid) FROM pg_class c "
                    "WHERE c.relfilenode <> 0 AND (c.relname LIKE 'pcc\\_%' OR c.oid IN ("
                    "  SELECT reltoastrelid FROM pg_class WHERE relname LIKE 'pcc\\_%'"
                    "  UNION SELECT indexrelid FROM pg_index WHERE indrelid IN ("
                    "    SELECT reltoastrelid FROM pg_class WHERE relname LIKE 'pcc\\_%')))"
                )
            ).all()
            assert len(relations) > 20
            for name, path in relations:
                try:
                    data = conn.scalar(text("SELECT pg_read_binary_file(:p)"), {"p": path})
                except DBAPIError:  # an empty relation has no file yet
                    continue
                found += [f"{name}: {n!r}" for n in needles if _has_token(bytes(data), n)]
    return found


def _has_token(data: bytes, needle: bytes) -> bool:
    return re.search(rb"(?<![\w.-])" + re.escape(needle) + rb"(?![\w-])", data) is not None
