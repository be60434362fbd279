"""server credentials: local accounts, login sessions and API tokens.

Three new tables for the HTTP server (docs/security.md); nothing else changes. Passwords
are kept as Argon2id hashes, session ids and token secrets as SHA-256 digests.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-26 09:00:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import pcc_cases.adapters.types
from pcc_cases.adapters.migration_steps import create_index_once, create_table_once

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Frozen here: a migration must keep meaning what it meant when it was written.
ACCOUNTS = "pcc_accounts"
SESSIONS = "pcc_login_sessions"
TOKENS = "pcc_api_tokens"


def _exact_text() -> dict[str, str]:
    """Compare text exactly, as every table since 0005."""
    return {
        "mysql_charset": "utf8mb4",
        "mysql_collate": (
            "utf8mb4_nopad_bin"
            if getattr(op.get_bind().dialect, "is_mariadb", False)
            else "utf8mb4_0900_bin"
        ),
    }


def _utc() -> pcc_cases.adapters.types.UTCDateTime:
    return pcc_cases.adapters.types.UTCDateTime()


def upgrade() -> None:
    create_table_once(
        ACCOUNTS,
        sa.Column("person_id", sa.String(length=40), nullable=False),
        sa.Column("password_hash", sa.String(length=200), nullable=False),
        sa.Column("must_change_password", sa.Boolean(), nullable=False),
        sa.Column("totp_secret", sa.String(length=64), nullable=True),
        sa.Column("totp_enrolled", sa.Boolean(), nullable=False),
        sa.Column("totp_last_step", sa.Integer(), nullable=True),
        sa.Column("failed_logins", sa.Integer(), nullable=False),
        sa.Column("locked_until", _utc(), nullable=True),
        sa.Column("disabled", sa.Boolean(), nullable=False),
        sa.Column("created_at", _utc(), nullable=False),
        sa.Column("created_by", sa.String(length=100), nullable=False),
        sa.PrimaryKeyConstraint("person_id", name=op.f(f"pk_{ACCOUNTS}")),
        **_exact_text(),
    )
    create_table_once(
        SESSIONS,
        sa.Column("id_hash", sa.String(length=64), nullable=False),
        sa.Column("person_id", sa.String(length=40), nullable=False),
        sa.Column("stage", sa.String(length=16), nullable=False),
        sa.Column("csrf_token", sa.String(length=64), nullable=False),
        sa.Column("created_at", _utc(), nullable=False),
        sa.Column("last_seen_at", _utc(), nullable=False),
        sa.Column("ended_at", _utc(), nullable=True),
        sa.PrimaryKeyConstraint("id_hash", name=op.f(f"pk_{SESSIONS}")),
        **_exact_text(),
    )
    create_index_once(SESSIONS, f"ix_{SESSIONS}_person_id", ["person_id"])
    create_table_once(
        TOKENS,
        sa.Column("id", sa.String(length=16), nullable=False),
        sa.Column("person_id", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("secret_hash", sa.String(length=64), nullable=False),
        sa.Column("created_by", sa.String(length=100), nullable=False),
        sa.Column("created_at", _utc(), nullable=False),
        sa.Column("expires_at", _utc(), nullable=False),
        sa.Column("revoked_at", _utc(), nullable=True),
        sa.Column("revoked_by", sa.String(length=100), nullable=True),
        sa.Column("last_used_at", _utc(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{TOKENS}")),
        **_exact_text(),
    )
    create_index_once(TOKENS, f"ix_{TOKENS}_person_id", ["person_id"])


def downgrade() -> None:
    for table in (TOKENS, SESSIONS, ACCOUNTS):
        if sa.inspect(op.get_bind()).has_table(table):
            op.drop_table(table)
