"""Engines for the three supported databases, configured the way this library needs them.

SQLite: foreign keys on, secure delete, WAL, a busy timeout, and transactions that this
library begins itself (deferred for reading, IMMEDIATE for writing, so that concurrent
writers queue up instead of failing). MariaDB: utf8mb4. PostgreSQL: psycopg 3.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import URL, make_url

from pcc_cases.adapters.mapping import start_mappers
from pcc_cases.domain.errors import DatabaseMissingError, InvalidInputError
from pcc_cases.domain.extras import missing_extra_error
from pcc_cases.translation import N_

ENV_URL = "PCC_CASES_DATABASE_URL"
SQLITE_BUSY_TIMEOUT_MS = 30_000
BUSY_TIMEOUT_ENV = "PCC_CASES_SQLITE_BUSY_TIMEOUT_MS"
BEGIN_OPTION = "pcc_cases_begin"
_SCHEMA_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")


def default_data_dir() -> Path:
    """The user's data directory for pcc_cases (XDG on Linux, the usual places elsewhere)."""
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local"))
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "pcc_cases"


def default_url() -> str:
    """The URL in ``PCC_CASES_DATABASE_URL``, else a SQLite file in the data directory.

    Raises:
        Nothing of its own: it only reads the environment.
    """
    from_env = os.environ.get(ENV_URL)
    if from_env:
        return from_env
    return f"sqlite:///{default_data_dir() / 'pcc_cases.sqlite3'}"


def normalise_url(url: str | URL) -> URL:
    """Pick our drivers for bare URLs: psycopg 3 for PostgreSQL, PyMySQL with utf8mb4."""
    try:
        parsed = make_url(url)
    except Exception:  # noqa: BLE001 - any failure to read the URL gets the one message
        raise InvalidInputError(
            N_(
                "database URL {url!r} is not valid; examples: sqlite:///cases.sqlite3, "
                "postgresql://user@host/db, mariadb://user@host/db"
            ),
            url=str(url),
        ) from None
    backend = parsed.get_backend_name()
    if backend == "postgresql":
        return parsed.set(drivername="postgresql+psycopg")
    if backend in ("mysql", "mariadb"):
        query = dict(parsed.query)
        query["charset"] = "utf8mb4"
        return parsed.set(drivername="mysql+pymysql", query=query)
    if backend == "sqlite":
        return parsed.set(drivername="sqlite")
    raise InvalidInputError(
        N_("database {backend!r} is not supported; use sqlite, postgresql or mariadb"),
        backend=backend,
    )


def make_engine(
    url: str | URL | None = None,
    *,
    schema: str | None = None,
    must_exist: bool = False,
    **kwargs: Any,
) -> Engine:
    """An engine for ``url`` (default: see :func:`default_url`), mappers started.

    ``schema`` puts every pcc_cases table in that PostgreSQL schema (created by
    :func:`pcc_cases.upgrade`), for a database shared with a host application.
    ``must_exist`` refuses a SQLite file that does not exist yet, so that a typo in a path
    does not quietly start an empty database.

    Raises:
        InvalidInputError: an unreadable URL or ``PCC_CASES_SQLITE_BUSY_TIMEOUT_MS``, or a
            schema on a database other than PostgreSQL.
        DatabaseMissingError: ``must_exist`` and the SQLite file is not there.
        MissingExtraError: the driver's extra (``postgresql``, ``mysql``) is not installed.
    """
    start_mappers()
    target = normalise_url(url or default_url())
    backend = target.get_backend_name()
    if schema is not None:
        kwargs["execution_options"] = {
            **kwargs.get("execution_options", {}),
            "schema_translate_map": {None: _checked_schema(schema, backend)},
        }
    if backend == "sqlite":
        database = target.database
        if database and database != ":memory:" and not database.startswith("file:"):
            if must_exist and not Path(database).is_file():
                raise DatabaseMissingError(
                    N_(
                        "there is no database file {database!r}; check the path, or create it with "
                        "'pcc-cases db upgrade'"
                    ),
                    field="database",
                    database=database,
                )
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(target, **kwargs)
        _configure_sqlite(engine)
        return engine
    kwargs.setdefault("pool_pre_ping", True)
    try:
        return create_engine(target, **kwargs)
    except ModuleNotFoundError as exc:
        error = missing_extra_error(exc.name)
        if error is None:
            raise
        raise error from None


def _checked_schema(schema: str, backend: str) -> str:
    if backend != "postgresql":
        raise InvalidInputError(
            N_(
                "a schema is for PostgreSQL only, not {backend}; on MariaDB use a database of its "
                "own, on SQLite a file of its own"
            ),
            field="schema",
            backend=backend,
        )
    if not _SCHEMA_NAME.fullmatch(schema):
        raise InvalidInputError(
            N_(
                "{schema!r} is not a schema name: lower-case letters, digits and _ (at most 63), "
                "not starting with a digit"
            ),
            field="schema",
            schema=schema,
        )
    return schema


def schema_of(bind: Engine | Connection) -> str | None:
    """The schema pcc_cases' tables live in on this engine or connection (None: default)."""
    translate = bind.get_execution_options().get("schema_translate_map") or {}
    schema: str | None = translate.get(None)
    return schema


def _busy_timeout_ms() -> int:
    """How long a SQLite writer waits for another (``PCC_CASES_SQLITE_BUSY_TIMEOUT_MS``)."""
    text = os.environ.get(BUSY_TIMEOUT_ENV, "")
    if not text:
        return SQLITE_BUSY_TIMEOUT_MS
    if not text.isdigit():
        raise InvalidInputError(
            N_("{text!r} is not a number of milliseconds"), field=BUSY_TIMEOUT_ENV, text=text
        )
    return int(text)


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let this library issue BEGIN itself (pysqlite's own handling is not enough).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        # What is deleted or overwritten is zeroed, not left in free pages (the purge).
        cursor.execute("PRAGMA secure_delete=ON")
        cursor.execute(f"PRAGMA busy_timeout={_busy_timeout_ms()}")
        if engine.url.database not in (None, "", ":memory:"):
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        mode = connection.get_execution_options().get(BEGIN_OPTION, "DEFERRED")
        connection.exec_driver_sql(f"BEGIN {'IMMEDIATE' if mode == 'IMMEDIATE' else 'DEFERRED'}")
