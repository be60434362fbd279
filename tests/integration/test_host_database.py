"""pcc_cases in a database that already belongs to a host application, on every backend.

The host has its own ``people`` and ``cases`` tables (named by the same convention as ours,
so that even its constraint names are the ones pcc_cases would pick without its prefix)
and its own Alembic history. pcc_cases migrates beside them, touches none of it, and runs
its services inside the host's own transaction (the example in docs/embedding.md).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pendulum
import pytest
from alembic import command
from sqlalchemy import Connection, Engine, inspect, text

import pcc_cases
from pcc_cases import UnitOfWork, make_engine, upgrade
from pcc_cases.adapters.migrate import SCHEMA_REVISION, alembic_config, current, head
from pcc_cases.domain.errors import InvalidInputError, NotFoundError
from tests.backends import BACKENDS, fresh_database
from tests.docs_text import DOCS
from tests.org import bootstrap

HOST_DDL = [
    (
        "CREATE TABLE people (id INTEGER NOT NULL, name VARCHAR(50) NOT NULL, "
        "CONSTRAINT pk_people PRIMARY KEY (id))"
    ),
    (
        "CREATE TABLE cases (id INTEGER NOT NULL, title VARCHAR(50) NOT NULL, "
        "CONSTRAINT pk_cases PRIMARY KEY (id))"
    ),
    "CREATE INDEX ix_people_location ON people (name)",
    "CREATE TABLE host_audit (what VARCHAR(50) NOT NULL)",
    (
        "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, "
        "CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))"
    ),
    "INSERT INTO people (id, name) VALUES (1, 'host person')",
    "INSERT INTO cases (id, title) VALUES (7, 'host case')",
    "INSERT INTO alembic_version (version_num) VALUES ('host_0042')",
]


def host_state(connection: Connection) -> list[object]:
    return [
        connection.execute(text(f"SELECT * FROM {table} ORDER BY 1")).all()
        for table in ("people", "cases", "alembic_version", "host_audit")
    ]


@pytest.fixture(params=BACKENDS)
def host_engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    with fresh_database(request.param, tmp_path) as url:
        engine = make_engine(url)
        with engine.begin() as connection:
            for statement in HOST_DDL:
                connection.execute(text(statement))
        yield engine
        engine.dispose()


def test_pcc_cases_migrates_beside_the_host_and_touches_none_of_it(host_engine: Engine) -> None:
    with host_engine.connect() as connection:
        before = host_state(connection)
    assert upgrade(host_engine) == head() == SCHEMA_REVISION
    assert current(host_engine) == SCHEMA_REVISION
    with host_engine.connect() as connection:
        assert host_state(connection) == before
        names = set(inspect(connection).get_table_names())
    ours = names - {"people", "cases", "host_audit", "alembic_version"}
    assert ours and all(name.startswith("pcc_") for name in ours)
    # Alembic's own comparison sees nothing to do: the host's tables are not ours to drop.
    config = alembic_config(host_engine)
    command.check(config)
    with UnitOfWork(host_engine, write=True) as uow:
        bootstrap(uow)
    assert upgrade(host_engine) == SCHEMA_REVISION  # a second run changes nothing
    with host_engine.connect() as connection:
        assert host_state(connection) == before


def docs_example() -> str:
    page = (DOCS / "embedding.md").read_text(encoding="utf-8")
    blocks: list[str] = re.findall(r"```python\n(.*?)```", page, re.DOTALL)
    return next(block for block in blocks if "UnitOfWork.joining" in block)


def test_the_embedding_example_runs_inside_the_hosts_transaction(
    host_engine: Engine, capsys: pytest.CaptureFixture[str]
) -> None:
    upgrade(host_engine)
    with UnitOfWork(host_engine, write=True) as uow:
        bootstrap(uow)
    code = docs_example()
    assert re.search(r'^url = ".*"', code, re.MULTILINE)
    url = host_engine.url.render_as_string(hide_password=False)
    code = re.sub(r'^url = ".*"', f"url = {url!r}", code, count=1, flags=re.MULTILINE)
    exec(compile(code, "embedding.md", "exec"), {})  # noqa: S102 - the docs' own example
    number = capsys.readouterr().out.split()[-1]
    with host_engine.connect() as connection:
        assert connection.execute(text("SELECT what FROM host_audit")).scalars().all() == [
            "smp incident"
        ]
    with UnitOfWork(host_engine) as uow:
        assert uow.cases.get(number).summary.startswith("Kwetsende")


def record(uow: UnitOfWork, summary: str, clauses: list[str]) -> str:
    case = pcc_cases.record_incident(
        uow,
        "tl-alk",
        occurred_at=pendulum.datetime(2026, 11, 20, 20, 15, tz="Europe/Amsterdam"),
        platform="whatsapp",
        location="Alkmaar",
        summary=summary,
        offenders=["s-alk2"],
        clauses=clauses,
    )
    assert case.number is not None
    return case.number


def test_the_host_decides_a_failed_service_leaves_its_transaction_and_a_rollback_undoes_ours(
    host_engine: Engine,
) -> None:
    upgrade(host_engine)
    with UnitOfWork(host_engine, write=True) as uow:
        bootstrap(uow)
    with host_engine.connect() as connection:
        connection.execute(text("INSERT INTO host_audit (what) VALUES ('kept')"))
        with pytest.raises(InvalidInputError), UnitOfWork.joining(connection) as uow:
            record(uow, "refused: no such clause", ["9.9"])
        with UnitOfWork.joining(connection) as uow:
            number = record(uow, "recorded, then rolled back by the host", ["1.1"])
        assert connection.in_transaction()  # neither committed nor closed by pcc_cases
        assert connection.execute(text("SELECT what FROM host_audit")).scalars().all() == ["kept"]
        connection.rollback()
    with UnitOfWork(host_engine) as uow, pytest.raises(NotFoundError):
        uow.cases.get(number)
    with host_engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM host_audit")).scalar() == 0


def test_a_session_of_the_host_can_be_joined_too(host_engine: Engine) -> None:
    from sqlalchemy.orm import Session

    upgrade(host_engine)
    with UnitOfWork(host_engine, write=True) as uow:
        bootstrap(uow)
    with Session(host_engine) as session:
        session.execute(text("INSERT INTO host_audit (what) VALUES ('session')"))
        with UnitOfWork.joining(session) as uow:
            number = record(uow, "through the host's session", ["1.1"])
        session.commit()
    with UnitOfWork(host_engine) as uow:
        assert uow.cases.get(number).number == number


def test_on_postgresql_the_tables_can_live_in_a_schema_of_their_own(tmp_path: Path) -> None:
    with fresh_database("postgresql", tmp_path) as url:
        plain = make_engine(url)
        with plain.begin() as connection:
            for statement in HOST_DDL:
                connection.execute(text(statement))
        engine = make_engine(url, schema="pcc")
        try:
            assert upgrade(engine) == SCHEMA_REVISION
            with UnitOfWork(engine, write=True) as uow:
                bootstrap(uow)
            with UnitOfWork(engine, write=True) as uow:
                number = record(uow, "in its own schema", ["1.1"])
                uow.commit()
            with plain.connect() as connection:
                inspector = inspect(connection)
                in_schema = set(inspector.get_table_names(schema="pcc"))
                in_public = set(inspector.get_table_names())
            assert {"pcc_cases", "pcc_people", "pcc_alembic_version"} <= in_schema
            assert in_public == {"people", "cases", "host_audit", "alembic_version"}
            assert current(plain) is None and current(engine) == SCHEMA_REVISION
            with UnitOfWork(engine) as uow:
                assert uow.cases.get(number).summary == "in its own schema"
            command.check(alembic_config(engine))
        finally:
            engine.dispose()
            plain.dispose()


@pytest.mark.parametrize(
    ("url", "schema", "problem"),
    [
        ("sqlite://", "pcc", "PostgreSQL only"),
        ("mariadb://root@127.0.0.1/x", "pcc", "PostgreSQL only"),
        ("postgresql://u@h/d", "Pcc; DROP", "not a schema name"),
        ("postgresql://u@h/d", "1pcc", "not a schema name"),
    ],
)
def test_a_schema_is_checked_before_anything_connects(url: str, schema: str, problem: str) -> None:
    with pytest.raises(InvalidInputError, match=problem) as caught:
        make_engine(url, schema=schema)
    assert caught.value.field == "schema"


def test_a_database_of_a_development_build_without_the_prefix_is_refused(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'old.sqlite3'}")
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE case_events (id INTEGER)"))
        connection.execute(text("CREATE TABLE alembic_version (version_num VARCHAR(32))"))
        connection.execute(text("INSERT INTO alembic_version VALUES ('0003')"))
    with pytest.raises(InvalidInputError, match="export its cases"):
        upgrade(engine)
    assert current(engine) is None
    engine.dispose()
