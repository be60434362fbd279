"""Alembic environment for pcc_cases: batch mode on SQLite, our metadata as the target."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, Engine

from pcc_cases.adapters.engine import make_engine
from pcc_cases.adapters.tables import metadata

config = context.config


def run_migrations_online() -> None:
    connectable = config.attributes.get("connection")
    if isinstance(connectable, Connection):
        _run(connectable)
        return
    if isinstance(connectable, Engine):
        with connectable.begin() as conn:
            _run(conn)
        return
    engine = config.attributes.get("engine") or make_engine(
        config.get_main_option("sqlalchemy.url")
    )
    with engine.begin() as conn:
        _run(conn)


def _run(connection: object) -> None:
    context.configure(
        connection=connection,  # type: ignore[arg-type]
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",  # type: ignore[attr-defined]
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    raise SystemExit("pcc_cases migrations run online only: pass a database URL")
run_migrations_online()
