"""Fresh databases on the three backends for integration tests.

PostgreSQL and MariaDB tests create their own database on the local servers and drop it
afterwards. Where a server is unreachable the tests skip with a one-line reason, unless
PCC_CASES_REQUIRE_BACKENDS=1 (as in CI), where they fail.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

PG_ADMIN = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
MARIADB_HOST = {"host": "127.0.0.1", "port": 3306, "user": "root", "password": ""}
BACKENDS = ["sqlite", "postgresql", "mariadb"]
SERVER_BACKENDS = ["postgresql", "mariadb"]


def require_backends() -> bool:
    return os.environ.get("PCC_CASES_REQUIRE_BACKENDS") == "1"


def unavailable(backend: str, error: Exception) -> None:
    reason = f"{backend} not reachable: {str(error).splitlines()[0][:120]}"
    if require_backends():
        pytest.fail(f"{reason} (PCC_CASES_REQUIRE_BACKENDS=1)")
    pytest.skip(reason)


@contextmanager
def fresh_database(backend: str, tmp_dir: Path) -> Iterator[str]:
    """Yield the URL of a new empty database of ``backend``; drop it afterwards."""
    name = f"pcc_test_{secrets.token_hex(4)}"
    if backend == "sqlite":
        yield f"sqlite:///{tmp_dir / (name + '.sqlite3')}"
        return
    if backend == "postgresql":
        import psycopg

        try:
            admin = psycopg.connect(
                "host=127.0.0.1 port=5432 user=postgres dbname=postgres",
                autocommit=True,
                connect_timeout=3,
            )
        except Exception as exc:
            unavailable(backend, exc)
        with admin:
            admin.execute(f'CREATE DATABASE "{name}"')
            try:
                yield f"postgresql://postgres@127.0.0.1:5432/{name}"
            finally:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        return
    if backend == "mariadb":
        import pymysql

        try:
            admin = pymysql.connect(**MARIADB_HOST, autocommit=True, connect_timeout=3)
        except Exception as exc:
            unavailable(backend, exc)
        try:
            with admin.cursor() as cursor:
                cursor.execute(
                    f"CREATE DATABASE `{name}` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
                )
            yield f"mariadb://root@127.0.0.1:3306/{name}"
        finally:
            with admin.cursor() as cursor:
                cursor.execute(f"DROP DATABASE IF EXISTS `{name}`")
            admin.close()
        return
    raise ValueError(backend)
