"""Schema steps that look before they act, for the migrations.

MariaDB commits every DDL statement at once, so a `db upgrade` killed halfway leaves the
tables made so far without the revision that made them. Written with these steps, a
migration that runs again skips what is already there and completes.
"""

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
