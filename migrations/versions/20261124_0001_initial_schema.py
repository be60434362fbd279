"""initial schema.

Revision ID: 0001
Revises:
Create Date: 2026-11-24 03:41:39.914015
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import pcc_cases.adapters.types
from pcc_cases.adapters.migration_steps import create_index_once, create_table_once

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    create_table_once(
        "pcc_case_number_counters",
        sa.Column("school_year", sa.SmallInteger(), autoincrement=False, nullable=False),
        sa.Column("last_number", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("school_year", name=op.f("pk_pcc_case_number_counters")),
    )
    create_table_once(
        "pcc_cases",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("number", sa.String(length=16), nullable=False),
        sa.Column("school_year", sa.SmallInteger(), nullable=False),
        sa.Column("protocol_version", sa.String(length=32), nullable=False),
        sa.Column("occurred_at", pcc_cases.adapters.types.UTCDateTime(), nullable=False),
        sa.Column("reported_at", pcc_cases.adapters.types.UTCDateTime(), nullable=False),
        sa.Column(
            "platform",
            sa.Enum(
                "instagram",
                "tiktok",
                "snapchat",
                "whatsapp",
                "x",
                "facebook",
                "youtube",
                "linkedin",
                "other",
                name="platform",
                native_enum=False,
                create_constraint=True,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("location", sa.String(length=100), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column(
            "state",
            sa.Enum(
                "reported",
                "investigating",
                "assessed",
                "decided",
                "closed",
                "dismissed",
                "under_review",
                name="case_state",
                native_enum=False,
                create_constraint=True,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pcc_cases")),
        sa.UniqueConstraint("number", name=op.f("uq_pcc_cases_number")),
    )
    create_index_once("pcc_cases", "ix_pcc_cases_location", ["location"])
    create_index_once("pcc_cases", "ix_pcc_cases_occurred_at", ["occurred_at"])
    create_index_once("pcc_cases", "ix_pcc_cases_school_year", ["school_year"])
    create_index_once("pcc_cases", "ix_pcc_cases_state", ["state"])

    create_table_once(
        "pcc_people",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "student",
                "staff",
                "external",
                name="person_kind",
                native_enum=False,
                create_constraint=True,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("first_name", sa.String(length=100), nullable=False),
        sa.Column("last_name", sa.String(length=100), nullable=False),
        sa.Column("location", sa.String(length=100), nullable=True),
        sa.Column("class_name", sa.String(length=20), nullable=True),
        sa.Column("mentor_id", sa.String(length=40), nullable=True),
        sa.Column("roles", pcc_cases.adapters.types.RoleSet(length=120), nullable=False),
        sa.Column("left_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["mentor_id"], ["pcc_people.id"], name=op.f("fk_pcc_people_mentor_id_pcc_people")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pcc_people")),
    )
    create_index_once("pcc_people", "ix_pcc_people_location", ["location"])

    create_table_once(
        "pcc_case_assessments",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("offender_id", sa.String(length=40), nullable=False),
        sa.Column(
            "reach",
            sa.Enum(
                "private",
                "group",
                "public",
                "viral",
                name="reach",
                native_enum=False,
                create_constraint=True,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column(
            "intent",
            sa.Enum(
                "accidental",
                "negligent",
                "deliberate",
                name="intent",
                native_enum=False,
                create_constraint=True,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column(
            "harm",
            sa.Enum(
                "none",
                "embarrassment",
                "reputation",
                "person",
                name="harm",
                native_enum=False,
                create_constraint=True,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("confidential", sa.Boolean(name="confidential"), nullable=False),
        sa.Column("criminal", sa.Boolean(name="criminal"), nullable=False),
        sa.Column(
            "removed_and_apologised", sa.Boolean(name="removed_and_apologised"), nullable=False
        ),
        sa.Column("computed_level", sa.SmallInteger(), nullable=False),
        sa.Column("override_level", sa.SmallInteger(), nullable=True),
        sa.Column("override_reason", sa.Text(), nullable=True),
        sa.Column("assessed_by", sa.String(length=40), nullable=False),
        sa.Column("assessed_at", pcc_cases.adapters.types.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["pcc_cases.id"],
            name=op.f("fk_pcc_case_assessments_case_id_pcc_cases"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["offender_id"],
            ["pcc_people.id"],
            name=op.f("fk_pcc_case_assessments_offender_id_pcc_people"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pcc_case_assessments")),
        sa.UniqueConstraint(
            "case_id", "offender_id", name=op.f("uq_pcc_case_assessments_case_id_offender_id")
        ),
    )
    create_index_once(
        "pcc_case_assessments", "ix_pcc_case_assessments_offender_id", ["offender_id"]
    )

    create_table_once(
        "pcc_case_decisions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("offender_id", sa.String(length=40), nullable=False),
        sa.Column("step", sa.String(length=40), nullable=False),
        sa.Column("decided_by", sa.String(length=40), nullable=False),
        sa.Column("decided_at", pcc_cases.adapters.types.UTCDateTime(), nullable=False),
        sa.Column("recommended_step", sa.String(length=40), nullable=False),
        sa.Column("days", sa.SmallInteger(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("revoked", sa.Boolean(name="revoked"), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["pcc_cases.id"],
            name=op.f("fk_pcc_case_decisions_case_id_pcc_cases"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["offender_id"],
            ["pcc_people.id"],
            name=op.f("fk_pcc_case_decisions_offender_id_pcc_people"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pcc_case_decisions")),
    )
    create_index_once("pcc_case_decisions", "ix_pcc_case_decisions_case_id", ["case_id"])
    create_index_once("pcc_case_decisions", "ix_pcc_case_decisions_offender_id", ["offender_id"])

    create_table_once(
        "pcc_case_events",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("actor_id", sa.String(length=40), nullable=False),
        sa.Column("at", pcc_cases.adapters.types.UTCDateTime(), nullable=False),
        sa.Column(
            "state",
            sa.Enum(
                "reported",
                "investigating",
                "assessed",
                "decided",
                "closed",
                "dismissed",
                "under_review",
                name="event_state",
                native_enum=False,
                create_constraint=True,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["pcc_cases.id"],
            name=op.f("fk_pcc_case_events_case_id_pcc_cases"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pcc_case_events")),
        sa.UniqueConstraint("case_id", "seq", name=op.f("uq_pcc_case_events_case_id_seq")),
    )
    create_index_once("pcc_case_events", "ix_pcc_case_events_actor_id", ["actor_id"])

    create_table_once(
        "pcc_case_evidence",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "link",
                "file-hash",
                name="evidence_kind",
                native_enum=False,
                create_constraint=True,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("reference", sa.String(length=2000), nullable=False),
        sa.Column("captured_at", pcc_cases.adapters.types.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["pcc_cases.id"],
            name=op.f("fk_pcc_case_evidence_case_id_pcc_cases"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pcc_case_evidence")),
    )
    create_index_once("pcc_case_evidence", "ix_pcc_case_evidence_case_id", ["case_id"])

    create_table_once(
        "pcc_case_involvements",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.String(length=40), nullable=False),
        sa.Column(
            "role",
            sa.Enum(
                "offender",
                "target",
                "witness",
                "reporter",
                name="involvement_role",
                native_enum=False,
                create_constraint=True,
                length=24,
            ),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["pcc_cases.id"],
            name=op.f("fk_pcc_case_involvements_case_id_pcc_cases"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["pcc_people.id"],
            name=op.f("fk_pcc_case_involvements_person_id_pcc_people"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pcc_case_involvements")),
        sa.UniqueConstraint(
            "case_id",
            "person_id",
            "role",
            name=op.f("uq_pcc_case_involvements_case_id_person_id_role"),
        ),
    )
    create_index_once("pcc_case_involvements", "ix_pcc_case_involvements_person_id", ["person_id"])

    create_table_once(
        "pcc_case_obligations",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.SmallInteger(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("cause", sa.String(length=60), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("created_at", pcc_cases.adapters.types.UTCDateTime(), nullable=False),
        sa.Column("offender_id", sa.String(length=40), nullable=True),
        sa.Column("done_on", sa.Date(), nullable=True),
        sa.Column("done_by", sa.String(length=40), nullable=True),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["pcc_cases.id"],
            name=op.f("fk_pcc_case_obligations_case_id_pcc_cases"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["offender_id"],
            ["pcc_people.id"],
            name=op.f("fk_pcc_case_obligations_offender_id_pcc_people"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pcc_case_obligations")),
        sa.UniqueConstraint("case_id", "seq", name=op.f("uq_pcc_case_obligations_case_id_seq")),
    )
    create_index_once("pcc_case_obligations", "ix_pcc_case_obligations_due_on", ["due_on"])

    create_table_once(
        "pcc_case_violations",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("offender_id", sa.String(length=40), nullable=False),
        sa.Column("clause_id", sa.String(length=8), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["pcc_cases.id"],
            name=op.f("fk_pcc_case_violations_case_id_pcc_cases"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["offender_id"],
            ["pcc_people.id"],
            name=op.f("fk_pcc_case_violations_offender_id_pcc_people"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pcc_case_violations")),
        sa.UniqueConstraint(
            "case_id",
            "offender_id",
            "clause_id",
            name=op.f("uq_pcc_case_violations_case_id_offender_id_clause_id"),
        ),
    )
    create_index_once("pcc_case_violations", "ix_pcc_case_violations_offender_id", ["offender_id"])


def downgrade() -> None:
    # Dropping a table drops its indexes; MariaDB refuses to drop an index a FK needs.
    op.drop_table("pcc_case_violations")
    op.drop_table("pcc_case_obligations")
    op.drop_table("pcc_case_involvements")
    op.drop_table("pcc_case_evidence")
    op.drop_table("pcc_case_events")
    op.drop_table("pcc_case_decisions")
    op.drop_table("pcc_case_assessments")
    op.drop_table("pcc_people")
    op.drop_table("pcc_cases")
    op.drop_table("pcc_case_number_counters")
