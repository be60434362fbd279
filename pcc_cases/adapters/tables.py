"""The schema: one MetaData, every constraint and index named by convention.

Names matter because migrations on SQLite (batch mode) and on MariaDB can only alter a
constraint they can name, years after it was created.
"""

from __future__ import annotations

import enum

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    Enum,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    SmallInteger,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from pcc_cases.adapters.types import RoleSet, UTCDateTime
from pcc_cases.domain.case_parts import EvidenceKind, InvolvementRole, Platform
from pcc_cases.domain.events import EventKind
from pcc_cases.domain.factors import Harm, Intent, Reach
from pcc_cases.domain.lifecycle import CaseState
from pcc_cases.domain.people import PersonKind

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING_CONVENTION)

# Every table carries this prefix, so that pcc_cases can share a host's database (its own
# ``people`` or ``cases`` tables are never touched); Alembic keeps its revision in a table
# of its own for the same reason. A PostgreSQL schema can be added (``schema=`` setting).
TABLE_PREFIX = "pcc_"
VERSION_TABLE = f"{TABLE_PREFIX}alembic_version"

PERSON_ID = String(40)


def _enum(enum_type: type[enum.Enum], name: str, length: int = 24) -> Enum:
    """A portable enum: a VARCHAR with a named CHECK of the values (no native types)."""
    return Enum(
        enum_type,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=length,
        values_callable=lambda e: [m.value for m in e],
        validate_strings=True,
    )


def _case_fk() -> Column[int]:
    return Column(
        "case_id", ForeignKey(f"{TABLE_PREFIX}cases.id", ondelete="CASCADE"), nullable=False
    )


people = Table(
    f"{TABLE_PREFIX}people",
    metadata,
    Column("id", PERSON_ID, primary_key=True),
    Column("kind", _enum(PersonKind, "person_kind"), nullable=False),
    Column("first_name", String(100), nullable=False),
    Column("last_name", String(100), nullable=False),
    Column("location", String(100)),
    Column("class_name", String(20)),
    Column("mentor_id", PERSON_ID, ForeignKey(f"{TABLE_PREFIX}people.id")),
    Column("roles", RoleSet(), nullable=False, default=frozenset()),
    Column("left_on", Date),
    Index(None, "location"),
)

cases = Table(
    f"{TABLE_PREFIX}cases",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("number", String(16), nullable=False, unique=True),
    Column("school_year", SmallInteger, nullable=False),
    Column("protocol_version", String(32), nullable=False),
    Column("occurred_at", UTCDateTime(), nullable=False),
    Column("reported_at", UTCDateTime(), nullable=False),
    Column("platform", _enum(Platform, "platform"), nullable=False),
    Column("location", String(100), nullable=False),
    Column("summary", Text, nullable=False),
    Column("state", _enum(CaseState, "case_state"), nullable=False),
    Column("version", Integer, nullable=False),
    Index(None, "school_year"),
    Index(None, "state"),
    Index(None, "location"),
    Index(None, "occurred_at"),
)

case_number_counters = Table(
    f"{TABLE_PREFIX}case_number_counters",
    metadata,
    Column("school_year", SmallInteger, primary_key=True, autoincrement=False),
    Column("last_number", Integer, nullable=False),
)

case_evidence = Table(
    f"{TABLE_PREFIX}case_evidence",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _case_fk(),
    Column("kind", _enum(EvidenceKind, "evidence_kind"), nullable=False),
    Column("reference", String(2000), nullable=False),
    Column("captured_at", UTCDateTime(), nullable=False),
    Column("takedown_asked_on", Date),
    Column("removed_on", Date),
    Index(None, "case_id"),
)

case_involvements = Table(
    f"{TABLE_PREFIX}case_involvements",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _case_fk(),
    Column("person_id", PERSON_ID, ForeignKey(f"{TABLE_PREFIX}people.id"), nullable=False),
    Column("role", _enum(InvolvementRole, "involvement_role"), nullable=False),
    UniqueConstraint("case_id", "person_id", "role"),
    Index(None, "person_id"),
)

case_violations = Table(
    f"{TABLE_PREFIX}case_violations",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _case_fk(),
    Column("offender_id", PERSON_ID, ForeignKey(f"{TABLE_PREFIX}people.id"), nullable=False),
    Column("clause_id", String(8), nullable=False),
    UniqueConstraint("case_id", "offender_id", "clause_id"),
    Index(None, "offender_id"),
)

case_assessments = Table(
    f"{TABLE_PREFIX}case_assessments",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _case_fk(),
    Column("offender_id", PERSON_ID, ForeignKey(f"{TABLE_PREFIX}people.id"), nullable=False),
    Column("reach", _enum(Reach, "reach"), nullable=False),
    Column("intent", _enum(Intent, "intent"), nullable=False),
    Column("harm", _enum(Harm, "harm"), nullable=False),
    Column("confidential", Boolean(name="confidential"), nullable=False),
    Column("criminal", Boolean(name="criminal"), nullable=False),
    Column("removed_and_apologised", Boolean(name="removed_and_apologised"), nullable=False),
    Column("computed_level", SmallInteger, nullable=False),
    Column("override_level", SmallInteger),
    Column("override_reason", Text),
    Column("assessed_by", PERSON_ID, nullable=False),
    Column("assessed_at", UTCDateTime(), nullable=False),
    UniqueConstraint("case_id", "offender_id"),
    Index(None, "offender_id"),
)

case_decisions = Table(
    f"{TABLE_PREFIX}case_decisions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _case_fk(),
    Column("offender_id", PERSON_ID, ForeignKey(f"{TABLE_PREFIX}people.id"), nullable=False),
    Column("step", String(40), nullable=False),
    Column("decided_by", PERSON_ID, nullable=False),
    Column("decided_at", UTCDateTime(), nullable=False),
    Column("recommended_step", String(40), nullable=False),
    Column("days", SmallInteger),
    Column("reason", Text),
    Column("revoked", Boolean(name="revoked"), nullable=False),
    Column("first_day", Date),
    Column("last_day", Date),
    Index(None, "offender_id"),
    Index(None, "case_id"),
)

case_obligations = Table(
    f"{TABLE_PREFIX}case_obligations",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _case_fk(),
    Column("seq", SmallInteger, nullable=False),
    Column("kind", String(40), nullable=False),
    Column("cause", String(60), nullable=False),
    Column("due_on", Date, nullable=False),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("offender_id", PERSON_ID, ForeignKey(f"{TABLE_PREFIX}people.id")),
    Column("done_on", Date),
    Column("done_by", PERSON_ID),
    # The target a care duty is for (no foreign key: added when SQLite could not add one).
    Column("target_id", PERSON_ID),
    UniqueConstraint("case_id", "seq"),
    Index(None, "due_on"),
)

case_hearings = Table(
    f"{TABLE_PREFIX}case_hearings",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _case_fk(),
    Column("offender_id", PERSON_ID, ForeignKey(f"{TABLE_PREFIX}people.id"), nullable=False),
    Column("held_on", Date, nullable=False),
    Column("student_heard", Boolean(name="student_heard"), nullable=False),
    Column("parents_heard", Boolean(name="parents_heard"), nullable=False),
    Column("teachers_heard", Boolean(name="teachers_heard"), nullable=False),
    Column("attendees", Text, nullable=False),
    Column("views", Text, nullable=False),
    Column("recorded_by", PERSON_ID, nullable=False),
    Column("recorded_at", UTCDateTime(), nullable=False),
    Index(None, "case_id"),
    Index(None, "offender_id"),
)

case_events = Table(
    f"{TABLE_PREFIX}case_events",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _case_fk(),
    Column("seq", Integer, nullable=False),
    Column("kind", _enum(EventKind, "event_kind", length=40), nullable=False),
    Column("actor_id", PERSON_ID, nullable=False),
    Column("at", UTCDateTime(), nullable=False),
    Column("state", _enum(CaseState, "event_state"), nullable=False),
    Column("reason", Text),
    Column("data", JSON, nullable=False),
    # The shape of ``data``: see pcc_cases.domain.events.DATA_VERSIONS.
    Column("data_version", SmallInteger, nullable=False, server_default="1"),
    UniqueConstraint("case_id", "seq"),
    Index(None, "actor_id"),
)

access_log = Table(
    f"{TABLE_PREFIX}access_log",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", UTCDateTime(), nullable=False),
    # No foreign keys: refusals of unknown ids are logged too, and the log outlives cases.
    Column("actor_id", String(100), nullable=False),
    Column("action", String(32), nullable=False),
    Column("allowed", Boolean, nullable=False),
    Column("case_number", String(16)),
    Column("person_id", String(100)),
    Column("detail", Text),
    Index(None, "actor_id"),
    Index(None, "case_number"),
    Index(None, "person_id"),
    Index(None, "at"),
)

# While the retention purge runs, its transaction holds one row here: the database's
# append-only triggers on case_events and access_log let an UPDATE through only then.
# The purge removes the row before it commits, so no other transaction ever sees one.
purge_permits = Table(
    f"{TABLE_PREFIX}purge_permits",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("started_at", UTCDateTime(), nullable=False),
)

# A retention purge needs two people: one prepares a plan (a dry run kept here with a
# digest of what it will do), a different one confirms it. No personal data: only who
# prepared and confirmed it (staff, accountable like the access log's actors).
purge_plans = Table(
    f"{TABLE_PREFIX}purge_plans",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("prepared_by", String(100), nullable=False),
    Column("prepared_at", UTCDateTime(), nullable=False),
    Column("as_of", Date, nullable=False),
    Column("policy", Text, nullable=False),
    Column("digest", String(64), nullable=False),
    Column("people", Integer, nullable=False),
    Column("log_entries", Integer, nullable=False),
    Column("confirmed_by", String(100)),
    Column("confirmed_at", UTCDateTime()),
)

APPEND_ONLY_TABLES = (case_events.name, access_log.name)

# The server's credentials (docs/security.md). No secret is stored as given: passwords as
# Argon2id hashes, session ids and token secrets as SHA-256 (they are random, 256 bits).
# The TOTP secret must be read to check a code, so it is kept as it is.
accounts = Table(
    f"{TABLE_PREFIX}accounts",
    metadata,
    # No foreign keys to people: the retention purge removes people, not their accounts'
    # traces; an account of someone who is gone no longer opens (the server checks).
    Column("person_id", PERSON_ID, primary_key=True),
    Column("password_hash", String(200), nullable=False),
    Column("must_change_password", Boolean, nullable=False),
    Column("totp_secret", String(64)),
    Column("totp_enrolled", Boolean, nullable=False),
    Column("totp_last_step", Integer),
    Column("failed_logins", Integer, nullable=False),
    Column("locked_until", UTCDateTime()),
    Column("disabled", Boolean, nullable=False),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("created_by", String(100), nullable=False),
)

login_sessions = Table(
    f"{TABLE_PREFIX}login_sessions",
    metadata,
    Column("id_hash", String(64), primary_key=True),
    Column("person_id", PERSON_ID, nullable=False),
    Column("stage", String(16), nullable=False),
    Column("csrf_token", String(64), nullable=False),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("last_seen_at", UTCDateTime(), nullable=False),
    Column("ended_at", UTCDateTime()),
    Index(None, "person_id"),
)

api_tokens = Table(
    f"{TABLE_PREFIX}api_tokens",
    metadata,
    Column("id", String(16), primary_key=True),
    Column("person_id", PERSON_ID, nullable=False),
    Column("name", String(100), nullable=False),
    Column("secret_hash", String(64), nullable=False),
    Column("created_by", String(100), nullable=False),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("expires_at", UTCDateTime(), nullable=False),
    Column("revoked_at", UTCDateTime()),
    Column("revoked_by", String(100)),
    Column("last_used_at", UTCDateTime()),
    Index(None, "person_id"),
)
