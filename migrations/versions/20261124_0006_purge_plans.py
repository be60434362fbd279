"""two-person purge plans, and the access log's own retention.

``pcc_purge_plans`` holds the prepared purges. The access log's DELETE trigger now lets
a DELETE through while the purge's transaction holds its permit (the access log's own
retention removes old entries); without a permit it is refused as before. Case events
stay impossible to delete. Each step checks before it acts or replaces in one
statement, so a rerun after an interruption completes.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-24 22:00:00.000000
"""

# ruff: noqa: S608 - the statements are built from this module's constants, never from input

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import pcc_cases.adapters.types
from pcc_cases.adapters.migration_steps import create_table_once

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Frozen here: a migration must keep meaning what it meant when it was written.
PLANS = "pcc_purge_plans"
PERMITS = "pcc_purge_permits"
LOG = "pcc_access_log"
PG_FUNCTION = "pcc_refuse_history_change"
MESSAGE = "is append-only: its rows cannot be changed or deleted"


def upgrade() -> None:
    create_table_once(
        PLANS,
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("prepared_by", sa.String(length=100), nullable=False),
        sa.Column("prepared_at", pcc_cases.adapters.types.UTCDateTime(), nullable=False),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("policy", sa.Text(), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("people", sa.Integer(), nullable=False),
        sa.Column("log_entries", sa.Integer(), nullable=False),
        sa.Column("confirmed_by", sa.String(length=100), nullable=True),
        sa.Column("confirmed_at", pcc_cases.adapters.types.UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{PLANS}")),
        # Compare text exactly, as every other table since 0005.
        mysql_charset="utf8mb4",
        mysql_collate=(
            "utf8mb4_nopad_bin"
            if getattr(op.get_bind().dialect, "is_mariadb", False)
            else "utf8mb4_0900_bin"
        ),
    )
    _log_delete_trigger(permitted=True)


def downgrade() -> None:
    _log_delete_trigger(permitted=False)
    if sa.inspect(op.get_bind()).has_table(PLANS):
        op.drop_table(PLANS)


def _log_delete_trigger(*, permitted: bool) -> None:
    dialect = op.get_bind().dialect.name
    message = f"{LOG} {MESSAGE}"
    if dialect == "postgresql":
        allow_delete = (
            f"IF TG_OP = 'DELETE' AND TG_TABLE_NAME = '{LOG}' "
            f"AND EXISTS (SELECT 1 FROM {PERMITS}) THEN RETURN OLD; END IF; "
            if permitted
            else ""
        )
        op.execute(
            f"CREATE OR REPLACE FUNCTION {PG_FUNCTION}() RETURNS trigger LANGUAGE plpgsql "
            "SET search_path FROM CURRENT AS $$ BEGIN "
            f"IF TG_OP = 'UPDATE' AND EXISTS (SELECT 1 FROM {PERMITS}) THEN RETURN NEW; END IF; "
            f"{allow_delete}"
            f"RAISE EXCEPTION '% {MESSAGE}', "
            "TG_TABLE_NAME USING ERRCODE = 'restrict_violation'; END $$"
        )
    elif dialect == "sqlite":
        condition = f"WHEN NOT EXISTS (SELECT 1 FROM {PERMITS}) " if permitted else ""
        op.execute(f"DROP TRIGGER IF EXISTS {LOG}_no_delete")
        op.execute(
            f"CREATE TRIGGER {LOG}_no_delete BEFORE DELETE ON {LOG} {condition}"
            f"BEGIN SELECT RAISE(ABORT, '{message}'); END"
        )
    else:
        refuse = f"SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = '{message}'"
        body = (
            f"BEGIN IF NOT EXISTS (SELECT 1 FROM {PERMITS}) THEN {refuse}; END IF; END"
            if permitted
            else refuse
        )
        op.execute(
            f"CREATE OR REPLACE TRIGGER {LOG}_no_delete BEFORE DELETE ON {LOG} FOR EACH ROW {body}"
        )
