"""hearings before an expulsion, measure days, care duties, takedowns, three event kinds.

``pcc_case_hearings`` keeps the hearing of the student, the parents and the teachers
before an expulsion. Decisions get the first and last school day of a measure,
obligations the target a care duty is for, evidence the days a takedown was asked and
the post removed. The event kinds CHECK admits ``step_prepared``, ``hearing_recorded``
and ``takedown_recorded``.

SQLite cannot change a CHECK in place: the events table is rebuilt, which drops its
append-only triggers, and they are made again at once (as revision 0004 made them).
Each step checks before it acts, so a rerun after an interruption completes.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-25 09:00:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import pcc_cases.adapters.types
from pcc_cases.adapters.migration_steps import (
    add_column_once,
    create_index_once,
    create_table_once,
    set_event_kinds,
)

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Frozen here: a migration must keep meaning what it meant when it was written.
EVENTS = "pcc_case_events"
PERMITS = "pcc_purge_permits"
HEARINGS = "pcc_case_hearings"
CHECK = "ck_pcc_case_events_event_kind"
OLD_KINDS = (
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
NEW_KINDS = ("step_prepared", "hearing_recorded", "takedown_recorded")


def upgrade() -> None:
    add_column_once("pcc_case_evidence", sa.Column("takedown_asked_on", sa.Date(), nullable=True))
    add_column_once("pcc_case_evidence", sa.Column("removed_on", sa.Date(), nullable=True))
    add_column_once("pcc_case_decisions", sa.Column("first_day", sa.Date(), nullable=True))
    add_column_once("pcc_case_decisions", sa.Column("last_day", sa.Date(), nullable=True))
    add_column_once(
        "pcc_case_obligations", sa.Column("target_id", sa.String(length=40), nullable=True)
    )
    _create_hearings()
    _event_kinds(OLD_KINDS + NEW_KINDS)


def downgrade() -> None:
    _event_kinds(OLD_KINDS)
    if sa.inspect(op.get_bind()).has_table(HEARINGS):
        op.drop_table(HEARINGS)
    for table, column in (
        ("pcc_case_obligations", "target_id"),
        ("pcc_case_decisions", "last_day"),
        ("pcc_case_decisions", "first_day"),
        ("pcc_case_evidence", "removed_on"),
        ("pcc_case_evidence", "takedown_asked_on"),
    ):
        with op.batch_alter_table(table) as batch:
            batch.drop_column(column)


def _create_hearings() -> None:
    create_table_once(
        HEARINGS,
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("offender_id", sa.String(length=40), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("student_heard", sa.Boolean(name="student_heard"), nullable=False),
        sa.Column("parents_heard", sa.Boolean(name="parents_heard"), nullable=False),
        sa.Column("teachers_heard", sa.Boolean(name="teachers_heard"), nullable=False),
        sa.Column("attendees", sa.Text(), nullable=False),
        sa.Column("views", sa.Text(), nullable=False),
        sa.Column("recorded_by", sa.String(length=40), nullable=False),
        sa.Column("recorded_at", pcc_cases.adapters.types.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["pcc_cases.id"],
            name=op.f(f"fk_{HEARINGS}_case_id_pcc_cases"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["offender_id"], ["pcc_people.id"], name=op.f(f"fk_{HEARINGS}_offender_id_pcc_people")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{HEARINGS}")),
        # Compare text exactly, as every other table since 0005.
        mysql_charset="utf8mb4",
        mysql_collate=(
            "utf8mb4_nopad_bin"
            if getattr(op.get_bind().dialect, "is_mariadb", False)
            else "utf8mb4_0900_bin"
        ),
    )
    create_index_once(HEARINGS, f"ix_{HEARINGS}_case_id", ["case_id"])
    create_index_once(HEARINGS, f"ix_{HEARINGS}_offender_id", ["offender_id"])


def _event_kinds(kinds: Sequence[str]) -> None:
    set_event_kinds(EVENTS, CHECK, PERMITS, kinds)
