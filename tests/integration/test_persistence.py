"""Saving and loading cases on every backend: equality, time, conflicts, integrity."""

from __future__ import annotations

import datetime as dt
import itertools

import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, insert, select, text
from sqlalchemy.exc import IntegrityError, OperationalError, StatementError

from pcc_cases.adapters import tables as t
from pcc_cases.adapters.unit_of_work import UnitOfWork, session_of
from pcc_cases.domain.case import Case
from pcc_cases.domain.errors import AppendOnlyError, ConflictError, NotFoundError, TimeInputError
from pcc_cases.domain.events import DATA_VERSIONS, UPGRADES, EventKind
from pcc_cases.domain.factors import Factors
from pcc_cases.domain.people import Person, PersonKind
from pcc_cases.domain.snapshot import case_snapshot
from tests.builders import POLICY, PROTOCOL, a_case, developed, store_people
from tests.strategies import aware_datetimes, cases, factors

_run = itertools.count()


@settings(max_examples=25)
@given(case=cases(), f=factors, depth=st.integers(0, 3))
def test_any_case_saved_and_loaded_is_equal(
    engine: Engine, case: Case, f: Factors, depth: int
) -> None:
    developed(case, f, depth)
    before = case_snapshot(case)
    with UnitOfWork(engine, write=True) as uow:
        store_people(uow, case.person_ids)
        uow.commit()
        number = uow.cases.add(case)
        uow.commit()
    with UnitOfWork(engine) as uow:
        loaded = uow.cases.get(number)
        after = case_snapshot(loaded)
    assert after == {**before, "number": number}


@settings(max_examples=40)
@given(moment=aware_datetimes)
def test_aware_datetimes_round_trip_to_the_same_instant(
    engine: Engine, moment: dt.datetime
) -> None:
    year = 3000 + next(_run)
    with engine.begin() as conn:
        conn.execute(insert(t.case_number_counters).values(school_year=year, last_number=0))
        conn.execute(
            insert(t.cases).values(
                number=f"T{year}",
                school_year=year,
                protocol_version="pcc-smp-2013",
                occurred_at=moment,
                reported_at=moment,
                platform="x",
                location="L",
                summary="s",
                state="reported",
                version=1,
            )
        )
        back = conn.execute(
            select(t.cases.c.occurred_at).where(t.cases.c.number == f"T{year}")
        ).scalar_one()
    assert isinstance(back, pendulum.DateTime)
    assert back.timezone_name == "UTC"
    assert back.timestamp() == moment.timestamp()


def test_naive_datetimes_are_refused(engine: Engine) -> None:
    with pytest.raises(StatementError) as info, engine.begin() as conn:
        conn.execute(
            insert(t.cases).values(
                number="NAIVE",
                school_year=1,
                protocol_version="p",
                occurred_at=dt.datetime(2026, 1, 1),
                reported_at=dt.datetime(2026, 1, 1),
                platform="x",
                location="L",
                summary="s",
                state="reported",
                version=1,
            )
        )
    assert isinstance(info.value.orig, TimeInputError)


def recorded(engine: Engine, occurred: pendulum.DateTime) -> str:
    case = a_case(
        occurred_at=occurred,
        reported_at=occurred,
        platform="snapchat",
        location="Bergen",
        summary="Foto doorgestuurd",
        involvements=[("c1", "offender"), ("c2", "target")],
        violations=[("c1", "1.1")],
        person_kinds={"c1": PersonKind.STUDENT},
        recorded_by="dir1",
    )
    with UnitOfWork(engine, write=True) as uow:
        store_people(uow, ["c1", "c2"])
        number = uow.cases.add(case)
        uow.commit()
    return number


def test_a_new_case_changed_in_the_same_unit_of_work_keeps_every_change(engine: Engine) -> None:
    case = a_case(
        occurred_at=pendulum.datetime(2024, 11, 1, 9, tz="UTC"),
        reported_at=pendulum.datetime(2024, 11, 1, 9, tz="UTC"),
        platform="tiktok",
        location="Bergen",
        summary="Filmpje in de les",
        involvements=[("n1", "offender")],
        violations=[("n1", "6.1")],
        person_kinds={"n1": PersonKind.STUDENT},
        recorded_by="dir1",
    )
    at = pendulum.datetime(2024, 11, 1, 10, tz="UTC")
    with UnitOfWork(engine, write=True) as uow:
        store_people(uow, ["n1"])
        number = uow.cases.add(case)
        case.assess("n1", Factors(), PROTOCOL, POLICY, "dir1", at)
        case.override_severity("n1", 3, "Herhaling", "dir1", at)
        uow.commit()
    expected = case_snapshot(case)
    with UnitOfWork(engine) as uow:
        loaded = uow.cases.get(number)
        assert case_snapshot(loaded) == expected
        assert [e.kind for e in loaded.events][-2:] == ["assessed", "severity_overridden"]
        assert loaded.version == 2  # type: ignore[attr-defined]


def test_cases_added_together_get_consecutive_numbers_per_school_year(engine: Engine) -> None:
    def one(occurred: pendulum.DateTime, summary: str) -> Case:
        return a_case(
            occurred_at=occurred,
            reported_at=occurred,
            platform="whatsapp",
            location="Bergen",
            summary=summary,
            involvements=[("m1", "offender"), ("m2", "witness")],
            violations=[("m1", "3.2")],
            person_kinds={"m1": PersonKind.STUDENT},
            recorded_by="dir1",
        )

    batch = [
        one(pendulum.datetime(2040, 9, 1, tz="UTC"), "a"),  # school year 2040
        one(pendulum.datetime(2041, 3, 1, tz="UTC"), "b"),  # still 2040
        one(pendulum.datetime(2041, 9, 1, tz="UTC"), "c"),  # 2041
        one(pendulum.datetime(2040, 10, 1, tz="UTC"), "d"),  # 2040
    ]
    expected = [case_snapshot(c) for c in batch]
    with UnitOfWork(engine, write=True) as uow:
        store_people(uow, ["m1", "m2"])
        numbers = uow.cases.add_all(batch)
        uow.commit()
    assert numbers == ["2040-0001", "2040-0002", "2041-0001", "2040-0003"]
    with UnitOfWork(engine) as uow:
        for number, snapshot in zip(numbers, expected, strict=True):
            assert case_snapshot(uow.cases.get(number)) == {**snapshot, "number": number}


def test_stale_write_raises_conflict_and_loses_nothing(engine: Engine) -> None:
    number = recorded(engine, pendulum.datetime(2024, 10, 1, 10, tz="UTC"))
    at = pendulum.datetime(2024, 10, 2, 10, tz="UTC")
    first, second = UnitOfWork(engine), UnitOfWork(engine)
    with first as a, second as b:
        case_a, case_b = a.cases.get(number), b.cases.get(number)
        case_a.start_investigation("dir1", at, "Gesprek gepland")
        a.commit()
        case_b.dismiss("dir2", at, "Ongegrond")
        with pytest.raises(ConflictError, match="try again"):
            b.commit()
    with UnitOfWork(engine) as c:
        case = c.cases.get(number)
        assert case.state.value == "investigating"
        assert [e.kind for e in case.events] == ["recorded", "investigation_started"]
        case.dismiss("dir2", at, "Ongegrond")  # the loser retries on fresh data
        c.commit()
    with UnitOfWork(engine) as d:
        case = d.cases.get(number)
        assert [(e.kind, e.actor_id) for e in case.events] == [
            ("recorded", "dir1"),
            ("investigation_started", "dir1"),
            ("dismissed", "dir2"),
        ]


def test_change_only_in_a_child_row_still_conflicts(engine: Engine) -> None:
    number = recorded(engine, pendulum.datetime(2024, 10, 3, 10, tz="UTC"))
    at = pendulum.datetime(2024, 10, 4, 10, tz="UTC")
    with UnitOfWork(engine) as u:
        u.cases.get(number).assess("c1", Factors(), PROTOCOL, POLICY, "dir1", at)
        u.commit()
    with UnitOfWork(engine) as a, UnitOfWork(engine) as b:
        case_a, case_b = a.cases.get(number), b.cases.get(number)
        case_a.override_severity("c1", 2, "a", "dir1", at)
        a.commit()
        case_b.override_severity("c1", 3, "b", "dir2", at)
        with pytest.raises(ConflictError):
            b.commit()


def test_events_cannot_be_changed_or_deleted(engine: Engine) -> None:
    number = recorded(engine, pendulum.datetime(2024, 10, 5, 10, tz="UTC"))
    with UnitOfWork(engine) as uow:
        case = uow.cases.get(number)
        case.events[0].reason = "rewritten"
        with pytest.raises(AppendOnlyError, match="append-only"):
            uow.flush()
    with UnitOfWork(engine) as uow:
        case = uow.cases.get(number)
        session_of(uow).delete(case.events[0])
        with pytest.raises(AppendOnlyError):
            uow.flush()


def test_an_event_of_an_older_data_shape_is_read_upgraded_and_never_rewritten(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    number = recorded(engine, pendulum.datetime(2024, 10, 6, 10, tz="UTC"))
    # A later release changes the shape of 'recorded' data: version 2 names the lists.
    monkeypatch.setitem(DATA_VERSIONS, EventKind.RECORDED, 2)
    monkeypatch.setitem(
        UPGRADES,
        (EventKind.RECORDED, 1),
        lambda data: {"people": data["involvements"], "clauses": data["violations"]},
    )
    with UnitOfWork(engine) as uow:
        event = uow.cases.get(number).events[0]
        assert (event.data_version, sorted(event.data)) == (2, ["clauses", "people"])
        assert event.data["people"] == [["c1", "offender"], ["c2", "target"]]
        uow.flush()  # the upgrade is not a change: the append-only guard stays quiet
    with engine.connect() as conn:
        stored = conn.execute(
            select(t.case_events.c.data_version, t.case_events.c.data)
            .join(t.cases)
            .where(t.cases.c.number == number)
        ).one()
    assert stored.data_version == 1
    assert sorted(stored.data) == ["involvements", "violations"]


def test_the_database_refuses_an_event_kind_the_domain_does_not_know(engine: Engine) -> None:
    number = recorded(engine, pendulum.datetime(2024, 10, 7, 10, tz="UTC"))
    # MariaDB reports a failed CHECK as an OperationalError, the others as IntegrityError.
    refused = pytest.raises((IntegrityError, OperationalError), match="event_kind")
    with refused, engine.begin() as conn:
        case_id = conn.execute(select(t.cases.c.id).where(t.cases.c.number == number)).scalar()
        conn.execute(
            text(
                "INSERT INTO pcc_case_events (case_id, seq, kind, actor_id, at, state, data) "
                "VALUES (:case_id, 2, 'history_rewritten', 'dir1', :at, 'reported', '{}')"
            ),
            {"case_id": case_id, "at": dt.datetime(2024, 10, 7, 11)},
        )


def test_unknown_case_is_not_found(engine: Engine) -> None:
    with UnitOfWork(engine) as uow, pytest.raises(NotFoundError, match="1999-0001"):
        uow.cases.get("1999-0001")


def test_uncommitted_work_is_rolled_back(engine: Engine) -> None:
    with UnitOfWork(engine) as uow:
        store_people(uow, ["rolled-back"])
        uow.flush()
    with UnitOfWork(engine) as uow:
        assert uow.people.find("rolled-back") is None


def test_foreign_keys_are_enforced(engine: Engine) -> None:
    with pytest.raises(IntegrityError), engine.begin() as conn:
        conn.execute(
            insert(t.people).values(
                id="orphan",
                kind="student",
                first_name="A",
                last_name="B",
                roles=frozenset(),
                mentor_id="nobody-with-this-id",
            )
        )


def test_sqlite_runs_with_foreign_keys_and_wal(engine: Engine) -> None:
    if engine.dialect.name != "sqlite":
        pytest.skip("SQLite pragmas only")
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA foreign_keys")).scalar_one() == 1
        assert conn.execute(text("PRAGMA journal_mode")).scalar_one() == "wal"
        assert conn.execute(text("PRAGMA busy_timeout")).scalar_one() == 30000


def test_mariadb_tables_are_utf8mb4(engine: Engine, database_url: str) -> None:
    if engine.dialect.name != "mysql":
        pytest.skip("MariaDB only")
    with engine.connect() as conn:
        charsets = (
            conn.execute(
                text(
                    "SELECT DISTINCT CCSA.character_set_name FROM information_schema.TABLES T "
                    "JOIN information_schema.COLLATION_CHARACTER_SET_APPLICABILITY CCSA "
                    "ON CCSA.collation_name = T.table_collation WHERE T.table_schema = DATABASE()"
                )
            )
            .scalars()
            .all()
        )
    assert charsets == ["utf8mb4"]
    with UnitOfWork(engine, write=True) as uow:
        uow.people.add(
            Person(id="emoji", kind=PersonKind.EXTERNAL, first_name="Zoë 😀", last_name="Ĳsselmeer")
        )
        uow.commit()
    with UnitOfWork(engine) as uow:
        assert uow.people.get("emoji").first_name == "Zoë 😀"
