"""letters: the event kind ``letter_issued``.

A letter made for a duty is kept in the case's history as the SHA-256 of its bytes, the
day it is dated, its language and the day it was sent. No table changes: the event kinds
CHECK admits ``letter_issued`` (on SQLite by rebuilding the events table and making its
append-only triggers again).

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-25 23:30:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

from pcc_cases.adapters.migration_steps import set_event_kinds

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Frozen here: a migration must keep meaning what it meant when it was written.
EVENTS = "pcc_case_events"
PERMITS = "pcc_purge_permits"
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
    "step_prepared",
    "hearing_recorded",
    "takedown_recorded",
)
NEW_KINDS = ("letter_issued",)


def upgrade() -> None:
    set_event_kinds(EVENTS, CHECK, PERMITS, OLD_KINDS + NEW_KINDS)


def downgrade() -> None:
    set_event_kinds(EVENTS, CHECK, PERMITS, OLD_KINDS)
