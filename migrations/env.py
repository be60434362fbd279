"""Alembic environment for pcc_cases: batch mode on SQLite, our metadata as the target.

The revision is kept in ``pcc_alembic_version`` (in the configured schema, if any), and
only ``pcc_*`` tables are ever compared: a host application's tables and its own Alembic
history in the same database are invisible here.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, Engine

from pcc_cases.adapters.engine import make_engine, schema_of
from pcc_cases.adapters.migrate import in_own_schema
from pcc_cases.adapters.tables import TABLE_PREFIX, VERSION_TABLE, metadata

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


def _ours(name: str | None, type_: str, _parent_names: object) -> bool:
    """Only pcc_cases' own tables (and their parts) take part in comparisons."""
    if type_ == "table":
        return name is not None and name.startswith(TABLE_PREFIX) and name != VERSION_TABLE
    return True


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        version_table=VERSION_TABLE,
        version_table_schema=schema_of(connection),
        include_name=_ours,
    )
    with in_own_schema(connection), context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    raise SystemExit("pcc_cases migrations run online only: pass a database URL")
run_migrations_online()
