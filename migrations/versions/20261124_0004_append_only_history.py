"""the database itself keeps case events and the access log append-only.

UPDATE and DELETE on ``pcc_case_events`` and ``pcc_access_log`` are refused by triggers
(PostgreSQL also refuses TRUNCATE). The retention purge is the one exception: an UPDATE
passes while the purge's own transaction holds a row in ``pcc_purge_permits``, which it
removes before it commits. DELETE is refused always.

Every step checks before it acts, so a rerun after an interruption completes (MariaDB
commits each DDL statement at once).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-24 18:00:00.000000
"""

# ruff: noqa: S608 - the statements are built from this module's constants, never from input

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import pcc_cases.adapters.types
from pcc_cases.adapters.migration_steps import create_table_once

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Frozen here: a migration must keep meaning what it meant when it was written.
PERMITS = "pcc_purge_permits"
PROTECTED = ("pcc_case_events", "pcc_access_log")
PG_FUNCTION = "pcc_refuse_history_change"


def upgrade() -> None:
    create_table_once(
        PERMITS,
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("started_at", pcc_cases.adapters.types.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{PERMITS}")),
    )
    dialect = op.get_bind().dialect.name
    for table in PROTECTED:
        for statement in _triggers(dialect, table):
            op.execute(statement)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    for table in PROTECTED:
        if dialect == "postgresql":
            for trigger in (f"{table}_no_change", f"{table}_no_truncate"):
                op.execute(f"DROP TRIGGER IF EXISTS {trigger} ON {table}")
        else:
            for trigger in (f"{table}_no_update", f"{table}_no_delete"):
                op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    if dialect == "postgresql":
        op.execute(f"DROP FUNCTION IF EXISTS {PG_FUNCTION}()")
    if sa.inspect(op.get_bind()).has_table(PERMITS):
        op.drop_table(PERMITS)


def _triggers(dialect: str, table: str) -> list[str]:
    message = f"{table} is append-only: its rows cannot be changed or deleted"
    if dialect == "sqlite":
        return [
            (
                f"CREATE TRIGGER IF NOT EXISTS {table}_no_update BEFORE UPDATE ON {table} "
                f"WHEN NOT EXISTS (SELECT 1 FROM {PERMITS}) "
                f"BEGIN SELECT RAISE(ABORT, '{message}'); END"
            ),
            (
                f"CREATE TRIGGER IF NOT EXISTS {table}_no_delete BEFORE DELETE ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{message}'); END"
            ),
        ]
    if dialect == "postgresql":
        # search_path FROM CURRENT: the permit table is found in the schema the tables
        # were migrated into, whatever the search_path of the session that writes.
        function = (
            f"CREATE OR REPLACE FUNCTION {PG_FUNCTION}() RETURNS trigger LANGUAGE plpgsql "
            "SET search_path FROM CURRENT AS $$ BEGIN "
            f"IF TG_OP = 'UPDATE' AND EXISTS (SELECT 1 FROM {PERMITS}) THEN RETURN NEW; END IF; "
            "RAISE EXCEPTION '% is append-only: its rows cannot be changed or deleted', "
            "TG_TABLE_NAME USING ERRCODE = 'restrict_violation'; END $$"
        )
        return [
            function,
            f"DROP TRIGGER IF EXISTS {table}_no_change ON {table}",
            (
                f"CREATE TRIGGER {table}_no_change BEFORE UPDATE OR DELETE ON {table} "
                f"FOR EACH ROW EXECUTE FUNCTION {PG_FUNCTION}()"
            ),
            f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table}",
            (
                f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
                f"FOR EACH STATEMENT EXECUTE FUNCTION {PG_FUNCTION}()"
            ),
        ]
    # MariaDB / MySQL: TRUNCATE is DDL there and runs no trigger (documented).
    return [
        (
            f"CREATE OR REPLACE TRIGGER {table}_no_update BEFORE UPDATE ON {table} FOR EACH ROW "
            f"BEGIN IF NOT EXISTS (SELECT 1 FROM {PERMITS}) THEN "
            f"SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = '{message}'; END IF; END"
        ),
        (
            f"CREATE OR REPLACE TRIGGER {table}_no_delete BEFORE DELETE ON {table} FOR EACH ROW "
            f"SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = '{message}'"
        ),
    ]
