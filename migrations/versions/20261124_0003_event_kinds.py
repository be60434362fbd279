"""event kinds checked, event data versioned.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24 09:00:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from pcc_cases.adapters.migration_steps import add_column_once, create_check_once

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Frozen here: a migration must keep meaning what it meant when it was written.
EVENT_KINDS = (
    "recorded",
    "investigation_started",
    "involvement_added",
    "involvement_removed",
    "clause_cited",
    "clause_withdrawn",
    "assessed",
    "severity_overridden",
    "decided",
    "obligation_completed",
    "closed",
    "dismissed",
    "objection_filed",
    "objection_upheld",
    "objection_rejected",
)


def upgrade() -> None:
    add_column_once(
        "pcc_case_events",
        sa.Column("data_version", sa.SmallInteger(), server_default="1", nullable=False),
    )
    create_check_once(
        "pcc_case_events", "ck_pcc_case_events_event_kind", sa.column("kind").in_(EVENT_KINDS)
    )


def downgrade() -> None:
    with op.batch_alter_table("pcc_case_events", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_pcc_case_events_event_kind"), type_="check")
        batch_op.drop_column("data_version")
