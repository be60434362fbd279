"""The JSON bodies of the privacy officer's endpoints: subject access, purge, access log.

Person ids travel in bodies, never in addresses, so that no one's id is in a log line.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

import attrs

from pcc_cases.privacy.retention import PurgeCandidate


@attrs.frozen
class SubjectAccessIn:
    """Whose record; ``show_others_because`` (a reason, logged) shows the others by name."""

    person_id: str
    format: Literal["json", "html"] = "json"
    show_others_because: str | None = None


@attrs.frozen
class PurgePlanIn:
    """Apply the retention policy as on ``as_of`` (default today)."""

    as_of: dt.date | None = None


@attrs.frozen
class PurgedPerson:
    id: str
    kind: str
    reason: str
    cases: int

    @classmethod
    def of(cls, candidate: PurgeCandidate, shown_id: str | None = None) -> PurgedPerson:
        return cls(
            id=shown_id or candidate.person_id,
            kind=candidate.kind,
            reason=candidate.reason,
            cases=len(candidate.cases),
        )


@attrs.frozen
class PurgePlanOut:
    """A plan for a second person (fg or cvb) to confirm: who goes, and its digest."""

    plan: int
    as_of: dt.date
    digest: str
    access_log_entries: int
    people: list[PurgedPerson]


@attrs.frozen
class PurgeResultOut:
    """What the confirmed plan did; the people appear by their new pseudonyms."""

    plan: int
    as_of: dt.date
    access_log_entries_deleted: int
    compacted: bool
    people: list[PurgedPerson]


@attrs.frozen
class AccessLogIn:
    """Entries about a person (their record and their cases), a case, or all of them."""

    person_id: str | None = None
    case_number: str | None = None


@attrs.frozen
class AccessEntryOut:
    at: str
    actor_id: str
    action: str
    allowed: bool
    case_number: str | None
    person_id: str | None
    detail: str | None

    @classmethod
    def of(cls, entry: dict[str, Any]) -> AccessEntryOut:
        return cls(**entry)


@attrs.frozen
class CaseImportOut:
    created: list[str]
    unchanged: int
    dry_run: bool
