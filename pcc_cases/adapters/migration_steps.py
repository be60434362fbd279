"""Schema steps that look before they act, for the migrations.

MariaDB commits every DDL statement at once, so a `db upgrade` killed halfway leaves the
tables made so far without the revision that made them. Written with these steps, a
migration that runs again skips what is already there and completes.
"""

# ruff: noqa: S608 - statements are built from the migrations' constants, never from input

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op


def _inspector() -> sa.Inspector:
    return sa.inspect(op.get_bind())  # fresh each time: the DDL before it changed things


def has_table(name: str) -> bool:
    return _inspector().has_table(name)


def create_table_once(name: str, *parts: Any, **options: Any) -> None:
    """CREATE TABLE, unless the table is there (it is made in one statement, whole)."""
    if not has_table(name):
        op.create_table(name, *parts, **options)


def create_index_once(table: str, name: str, columns: Sequence[str]) -> None:
    if name not in {index["name"] for index in _inspector().get_indexes(table)}:
        op.create_index(op.f(name), table, list(columns), unique=False)


def add_column_once(table: str, column: sa.Column[Any]) -> None:
    if column.name not in {c["name"] for c in _inspector().get_columns(table)}:
        op.add_column(table, column)


def create_check_once(table: str, name: str, condition: Any) -> None:
    """A named CHECK constraint (SQLite, which cannot add one, rebuilds the table)."""
    if name in {c["name"] for c in _inspector().get_check_constraints(table)}:
        return
    if op.get_bind().dialect.name == "sqlite":
        with op.batch_alter_table(table) as batch:
            batch.create_check_constraint(op.f(name), condition)
    else:
        op.create_check_constraint(op.f(name), table, condition)


def set_event_kinds(events: str, check: str, permits: str, kinds: Sequence[str]) -> None:
    """The CHECK ``check`` on the events table admits exactly ``kinds`` (skipped when it
    already does).

    SQLite cannot change a CHECK in place: the table is rebuilt, which drops its
    append-only triggers, and they are made again at once (as revision 0004 made them).
    """
    message = f"{events} is append-only: its rows cannot be changed or deleted"
    checks = {
        c["name"]: c["sqltext"] for c in sa.inspect(op.get_bind()).get_check_constraints(events)
    }
    current = checks.get(check, "")
    if current and all(f"'{k}'" in current for k in kinds) and current.count("'") == 2 * len(kinds):
        return
    condition = sa.column("kind").in_(kinds)
    if op.get_bind().dialect.name != "sqlite":
        if current:
            op.drop_constraint(op.f(check), events, type_="check")
        op.create_check_constraint(op.f(check), events, condition)
        return
    with op.batch_alter_table(events, recreate="always") as batch:
        if current:
            batch.drop_constraint(op.f(check), type_="check")
        batch.create_check_constraint(op.f(check), condition)
    # The rebuilt table has no triggers: make the append-only ones again (as in 0004).
    op.execute(
        f"CREATE TRIGGER IF NOT EXISTS {events}_no_update BEFORE UPDATE ON {events} "
        f"WHEN NOT EXISTS (SELECT 1 FROM {permits}) "
        f"BEGIN SELECT RAISE(ABORT, '{message}'); END"
    )
    op.execute(
        f"CREATE TRIGGER IF NOT EXISTS {events}_no_delete BEFORE DELETE ON {events} "
        f"BEGIN SELECT RAISE(ABORT, '{message}'); END"
    )
