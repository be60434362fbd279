"""A database that takes no changes, a full disk and a server that goes away each get the
library's own error and exit code, never "Unexpected error", and nothing half-written.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, event, func, select, text

from pcc_cases.adapters import tables as t
from pcc_cases.adapters.engine import make_engine
from pcc_cases.adapters.unit_of_work import UnitOfWork, session_of
from pcc_cases.domain.errors import (
    DatabaseReadOnlyError,
    DatabaseUnavailableError,
    StorageFullError,
)
from pcc_cases.services import show_case
from tests.clirun import run
from tests.org import bootstrap, record_photo_case, settings_at


@pytest.fixture(scope="module")
def org(engine: Engine) -> Engine:
    with UnitOfWork(engine, write=True) as uow:
        bootstrap(uow)
    return engine


def record(uow: UnitOfWork, summary: str = "Foto gedeeld") -> str:
    return record_photo_case(uow, summary=summary)


def case_count(engine: Engine) -> int:
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(t.cases)).scalar_one()


READ_ONLY_SESSION: dict[str, dict[str, Any]] = {
    "postgresql": {"options": "-c default_transaction_read_only=on"},
    "mysql": {"init_command": "SET SESSION TRANSACTION READ ONLY"},
}


@pytest.fixture
def read_only(org: Engine, database_url: str) -> Iterator[Engine]:
    """The same database, opened so that it takes no changes (a replica, a read-only file
    or account): SQLite in read-only mode, the servers with read-only transactions.
    """
    if org.dialect.name == "sqlite":
        url = f"sqlite:///file:{org.url.database}?mode=ro&uri=true"
        engine = make_engine(url)
    else:
        engine = make_engine(database_url, connect_args=READ_ONLY_SESSION[org.dialect.name])
    yield engine
    engine.dispose()


def test_a_database_that_takes_no_changes_says_so(org: Engine, read_only: Engine) -> None:
    before = case_count(org)
    with pytest.raises(DatabaseReadOnlyError) as refused, UnitOfWork(read_only, write=True) as uow:
        record(uow)
    assert refused.value.exit_code == 9 and refused.value.field == "database"
    assert case_count(org) == before


def test_no_case_is_shown_when_the_read_cannot_be_logged(org: Engine, read_only: Engine) -> None:
    with UnitOfWork(org, write=True) as uow:
        number = record(uow)
    with pytest.raises(DatabaseReadOnlyError), UnitOfWork(read_only, write=False) as uow:
        show_case(uow, "vd-alk", number, settings=settings_at())


def test_the_cli_gives_a_read_only_database_its_own_exit_code(org: Engine) -> None:
    if org.dialect.name != "sqlite":
        pytest.skip("SQLite only: the servers' read-only sessions are tested above")
    url = f"sqlite:///file:{org.url.database}?mode=ro&uri=true"
    args = ["--db", url, "--as", "vd-alk", "incident", "record", "--occurred"]
    args += ["2025-10-03 20:00", "--platform", "instagram", "--location", "Alkmaar"]
    args += ["--summary", "Foto", "--offender", "s-alk1", "--clause", "2.1"]
    result = run(*args)
    assert result.returncode == 9, result.stderr
    assert "neemt geen wijzigingen aan" in result.stderr


def test_a_full_disk_says_so_and_keeps_nothing(org: Engine, tmp_path: Path) -> None:
    if org.dialect.name != "sqlite":
        pytest.skip("SQLite only: a server's disk cannot be filled from a test")
    engine = make_engine(org.url)

    @event.listens_for(engine, "connect")
    def _no_room(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        pages = cursor.execute("PRAGMA page_count").fetchone()[0]
        cursor.execute(f"PRAGMA max_page_count={pages}")  # the file may not grow any more
        cursor.close()

    def fill() -> None:
        for _ in range(200):
            with UnitOfWork(engine, write=True) as uow:
                record(uow, summary="x" * 4000)

    before = case_count(org)
    try:
        with pytest.raises(StorageFullError) as refused:
            fill()
    finally:
        engine.dispose()
    assert refused.value.exit_code == 10
    with engine.connect() as conn:  # whatever was committed before the disk filled is whole
        stored = conn.execute(select(func.count()).select_from(t.cases)).scalar_one()
        events = conn.execute(select(func.count()).select_from(t.case_events)).scalar_one()
    assert stored >= before and events >= stored


KILL = {"postgresql": "SELECT pg_terminate_backend({})", "mysql": "KILL {}"}
OWN_ID = {"postgresql": "SELECT pg_backend_pid()", "mysql": "SELECT CONNECTION_ID()"}


def test_a_server_that_goes_away_says_so_and_keeps_nothing(org: Engine) -> None:
    backend = org.dialect.name
    if backend == "sqlite":
        pytest.skip("a SQLite file has no server to lose")

    def record_while_the_server_goes() -> None:
        with UnitOfWork(org, write=True) as uow:
            own = session_of(uow).execute(text(OWN_ID[backend])).scalar_one()
            with org.connect() as other:
                other.execute(text(KILL[backend].format(int(own))))
                other.commit()
            record(uow)

    before = case_count(org)
    with pytest.raises(DatabaseUnavailableError) as lost:
        record_while_the_server_goes()
    assert lost.value.exit_code == 8
    assert "connection to the database was lost" in str(lost.value)
    assert case_count(org) == before
