"""on MariaDB, text compares exactly as in Python: a binary collation without padding.

MariaDB's default collations ignore case and accents and, being PAD SPACE, trailing
spaces: ``VD-ALK``, ``vd-älk`` and ``vd-alk `` were all equal to the id ``vd-alk``, and
``2025-0001 `` found case 2025-0001. Every table of pcc_cases is converted to
``utf8mb4_nopad_bin`` (MySQL: ``utf8mb4_0900_bin``), as SQLite and PostgreSQL already
compare. Sorting for people is done in Python, so no list changes order.

MariaDB refuses to change the collation of a column that a foreign key joins, so the
foreign keys onto person ids are dropped first and made again after. Each step checks
before it acts (a key is dropped only if it is there and made only if it is missing; a
converted table converts again to no effect), so a rerun after an interruption completes
(MariaDB commits each DDL statement at once). Other backends: nothing to do.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-24 20:00:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Frozen here: a migration must keep meaning what it meant when it was written.
TABLES = (
    "pcc_people",
    "pcc_cases",
    "pcc_case_number_counters",
    "pcc_case_evidence",
    "pcc_case_involvements",
    "pcc_case_violations",
    "pcc_case_assessments",
    "pcc_case_decisions",
    "pcc_case_obligations",
    "pcc_case_events",
    "pcc_access_log",
    "pcc_purge_permits",
)
# (table, column) -> pcc_people.id: the foreign keys on text columns.
PERSON_KEYS = (
    ("pcc_people", "mentor_id"),
    ("pcc_case_assessments", "offender_id"),
    ("pcc_case_decisions", "offender_id"),
    ("pcc_case_involvements", "person_id"),
    ("pcc_case_obligations", "offender_id"),
    ("pcc_case_violations", "offender_id"),
)


def upgrade() -> None:
    _convert("utf8mb4_nopad_bin", "utf8mb4_0900_bin")


def downgrade() -> None:
    _convert("utf8mb4_general_ci", "utf8mb4_0900_ai_ci")


def _convert(mariadb_collation: str, mysql_collation: str) -> None:
    bind = op.get_bind()
    if bind.dialect.name not in ("mysql", "mariadb"):
        return
    collation = mariadb_collation if getattr(bind.dialect, "is_mariadb", False) else mysql_collation
    for table, column in PERSON_KEYS:
        if _key_name(table, column) in _keys(table):
            op.drop_constraint(_key_name(table, column), table, type_="foreignkey")
    existing = set(sa.inspect(bind).get_table_names())
    for table in TABLES:
        if table in existing:
            op.execute(f"ALTER TABLE {table} CONVERT TO CHARACTER SET utf8mb4 COLLATE {collation}")
    for table, column in PERSON_KEYS:
        if _key_name(table, column) not in _keys(table):
            op.create_foreign_key(_key_name(table, column), table, "pcc_people", [column], ["id"])


def _key_name(table: str, column: str) -> str:
    return f"fk_{table}_{column}_pcc_people"


def _keys(table: str) -> set[str]:
    return {fk["name"] for fk in sa.inspect(op.get_bind()).get_foreign_keys(table) if fk["name"]}
