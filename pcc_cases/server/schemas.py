"""The JSON bodies of the API, as attrs classes: the OpenAPI document is made from these."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

import attrs
from litestar.params import Parameter, QueryParameter

from pcc_cases.adapters.credentials import AccountRow, TokenRow
from pcc_cases.domain.people import Person
from pcc_cases.services.queries import ObligationView

# -- authentication -------------------------------------------------------------------------


@attrs.frozen
class LoginIn:
    person_id: str
    password: str
    code: str | None = None


@attrs.frozen
class SessionOut:
    """The session just begun: send ``csrf_token`` as ``X-CSRF-Token`` with every write."""

    person_id: str
    stage: str
    csrf_token: str


@attrs.frozen
class EnrolmentOut:
    """Scan ``qr_svg`` (or enter ``otpauth_uri``) in an authenticator app."""

    otpauth_uri: str
    qr_svg: str


@attrs.frozen
class EnrolIn:
    new_password: str
    code: str


@attrs.frozen
class MeOut:
    """The caller as the server proved them, and what the permission table lets them do."""

    id: str
    first_name: str
    last_name: str
    location: str | None
    roles: list[str]
    actions: list[str]
    via: str


# -- people -----------------------------------------------------------------------------------


@attrs.frozen
class PersonOut:
    id: str
    kind: str
    first_name: str
    last_name: str
    location: str | None
    class_name: str | None
    mentor_id: str | None
    roles: list[str]
    left_on: dt.date | None

    @classmethod
    def of(cls, person: Person) -> PersonOut:
        return cls(
            id=person.id,
            kind=person.kind.value,
            first_name=person.first_name,
            last_name=person.last_name,
            location=person.location,
            class_name=person.class_name,
            mentor_id=person.mentor_id,
            roles=sorted(r.value for r in person.roles),
            left_on=person.left_on,
        )


@attrs.frozen
class PeoplePage:
    """One page; ask again with ``offset=next_offset`` while it is not null."""

    items: list[PersonOut]
    next_offset: int | None


@attrs.frozen
class SearchIn:
    """A name or id to look for: in the body, so that no name is in an address or a log."""

    text: str
    limit: int = 50
    offset: int = 0


@attrs.frozen
class ImportOut:
    created: list[str]
    updated: list[str]
    unchanged: int
    dry_run: bool


# -- cases ----------------------------------------------------------------------------------


@attrs.frozen
class FactorsIn:
    reach: str = "private"
    intent: str = "negligent"
    harm: str = "none"
    confidential: bool = False
    criminal: bool = False
    removed_and_apologised: bool = False


@attrs.frozen
class EvidenceIn:
    kind: str
    reference: str
    captured_at: dt.datetime


@attrs.frozen
class RecordIn:
    """A new incident: ``occurred_at`` with its offset (``2026-11-20T20:15:00+01:00``)."""

    occurred_at: dt.datetime
    platform: str
    location: str
    summary: str
    offenders: list[str]
    clauses: list[str]
    targets: list[str] = attrs.field(factory=list)
    witnesses: list[str] = attrs.field(factory=list)
    reporter: str | None = None
    factors: FactorsIn | None = None
    evidence: list[EvidenceIn] = attrs.field(factory=list)


@attrs.frozen
class CaseSummary:
    number: str
    state: str
    severity: int | None
    school_year: int
    occurred_at: dt.datetime
    location: str
    platform: str
    offenders: list[str]


@attrs.frozen
class CasesPage:
    items: list[CaseSummary]
    next_offset: int | None


@attrs.frozen
class ReasonIn:
    reason: str | None = None


@attrs.frozen
class RequiredReasonIn:
    reason: str


@attrs.frozen
class InvolvementIn:
    person_id: str
    role: str
    reason: str | None = None


@attrs.frozen
class CitationIn:
    offender_id: str
    clause_id: str
    reason: str | None = None


@attrs.frozen
class AssessmentIn:
    offender_id: str
    factors: FactorsIn


@attrs.frozen
class OverrideIn:
    offender_id: str
    level: int
    reason: str


@attrs.frozen
class DecisionIn:
    offender_id: str
    step: str
    days: int | None = None
    reason: str | None = None
    first_day: dt.date | None = None


@attrs.frozen
class ObjectionDecisionIn:
    upheld: bool
    reason: str


@attrs.frozen
class CompletionIn:
    done_on: dt.date | None = None


@attrs.frozen
class InvolvementRemovalIn:
    person_id: str
    role: str
    reason: str


@attrs.frozen
class WithdrawalIn:
    offender_id: str
    clause_id: str
    reason: str


@attrs.frozen
class PreparationIn:
    """Start preparing a step that needs it (an expulsion): its hearing and consultation."""

    offender_id: str
    step: str
    reason: str | None = None


@attrs.frozen
class HearingIn:
    """A hearing held: ``heard`` lists the parties (student, parents, teachers)."""

    offender_id: str
    held_on: dt.date
    heard: list[str]
    attendees: str
    views: str


@attrs.frozen
class TakedownIn:
    """When taking the post down was asked, and when it was removed (one or both)."""

    asked_on: dt.date | None = None
    removed_on: dt.date | None = None


@attrs.frozen
class LetterIn:
    """Which letter (where a duty has two), the hearing's time for an invitation, and the
    day it was sent (which marks the duty done). The language defaults to the request's.
    """

    letter: str | None = None
    hearing_at: dt.datetime | None = None
    sent_on: dt.date | None = None
    language: str | None = None


@attrs.frozen
class RecommendationOut:
    offender_id: str
    step: str | None
    severity: int | None
    prior_cases: int | None
    consider: str | None


@attrs.frozen
class ObligationOut:
    id: str
    case: str
    location: str
    kind: str
    cause: str
    offender_id: str | None
    target_id: str | None
    due_on: dt.date
    overdue: bool
    done_on: dt.date | None

    @classmethod
    def of(cls, view: ObligationView) -> ObligationOut:
        o = view.obligation
        return cls(
            id=view.id,
            case=view.case_number,
            location=view.location,
            kind=o.kind,
            cause=o.cause,
            offender_id=o.offender_id,
            target_id=o.target_id,
            due_on=o.due_on,
            overdue=view.overdue,
            done_on=o.done_on,
        )


@attrs.frozen
class ObligationsPage:
    items: list[ObligationOut]
    next_offset: int | None


CaseOut = dict[str, Any]
"""A case in full, as ``pcc-cases case show --format json`` gives it."""


# -- accounts and tokens ------------------------------------------------------------------------


@attrs.frozen
class AccountIn:
    person_id: str


@attrs.frozen
class OneTimePasswordOut:
    """Hand this to the person: it works once, for setting their own password and code."""

    person_id: str
    one_time_password: str


@attrs.frozen
class AccountOut:
    person_id: str
    enrolled: bool
    disabled: bool
    locked_until: dt.datetime | None
    created_at: dt.datetime
    created_by: str

    @classmethod
    def of(cls, row: AccountRow) -> AccountOut:
        return cls(
            person_id=row.person_id,
            enrolled=row.totp_enrolled and not row.must_change_password,
            disabled=row.disabled,
            locked_until=row.locked_until,
            created_at=row.created_at,
            created_by=row.created_by,
        )


@attrs.frozen
class TokenIn:
    person_id: str
    name: str
    expires_on: dt.date


@attrs.frozen
class TokenOut:
    id: str
    person_id: str
    name: str
    created_by: str
    created_at: dt.datetime
    expires_at: dt.datetime
    revoked_at: dt.datetime | None
    last_used_at: dt.datetime | None

    @classmethod
    def of(cls, row: TokenRow) -> TokenOut:
        return cls(
            id=row.id,
            person_id=row.person_id,
            name=row.name,
            created_by=row.created_by,
            created_at=row.created_at,
            expires_at=row.expires_at,
            revoked_at=row.revoked_at,
            last_used_at=row.last_used_at,
        )


@attrs.frozen
class NewTokenOut:
    """The token, shown this once: only its hash is kept."""

    token: str
    details: TokenOut


@attrs.frozen
class Health:
    status: str


Limit = Annotated[int, QueryParameter(ge=1, le=500, description="rows per page")]
Offset = Annotated[int, QueryParameter(ge=0, le=1_000_000_000, description="rows to pass over")]
SequenceNumber = Annotated[int, Parameter(ge=1, le=2_147_483_647, description="1, 2, 3, ...")]
"""A number in an address (a duty's, a piece of evidence's, a plan's): within SQL's INTEGER."""


def next_offset(offset: int, limit: int, shown: int) -> int | None:
    """Where the next page starts, or None when this one was not full."""
    return offset + shown if shown == limit else None
