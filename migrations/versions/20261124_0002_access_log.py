"""access log.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24 04:05:13.501972
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import pcc_cases.adapters.types
from pcc_cases.adapters.migration_steps import create_index_once, create_table_once

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    create_table_once(
        "pcc_access_log",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("at", pcc_cases.adapters.types.UTCDateTime(), nullable=False),
        sa.Column("actor_id", sa.String(length=100), nullable=False),
        sa.Column("action", sa.String(length=32), nullable=False),
        sa.Column("allowed", sa.Boolean(), nullable=False),
        sa.Column("case_number", sa.String(length=16), nullable=True),
        sa.Column("person_id", sa.String(length=100), nullable=True),
        sa.Column("detail", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pcc_access_log")),
    )
    for column in ("actor_id", "at", "case_number", "person_id"):
        create_index_once("pcc_access_log", f"ix_pcc_access_log_{column}", [column])


def downgrade() -> None:
    with op.batch_alter_table("pcc_access_log", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_pcc_access_log_person_id"))
        batch_op.drop_index(batch_op.f("ix_pcc_access_log_case_number"))
        batch_op.drop_index(batch_op.f("ix_pcc_access_log_at"))
        batch_op.drop_index(batch_op.f("ix_pcc_access_log_actor_id"))

    op.drop_table("pcc_access_log")
