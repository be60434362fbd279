"""The parts of a case and the values they are made of.

The :class:`~pcc_cases.domain.case.Case` aggregate owns these and changes them only
through its methods; they live apart so that readers (exports, reports, the mapping onto
tables) can know a case's shape without the rules that guard it.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping
from typing import Any

import attrs
import pendulum

from pcc_cases.domain.checks import enum_value, required_text
from pcc_cases.domain.errors import InvalidInputError
from pcc_cases.domain.events import EventKind
from pcc_cases.domain.factors import Factors, Harm, Intent, Reach
from pcc_cases.domain.lifecycle import CaseState
from pcc_cases.domain.policy import HEARD_PARTIES, OBJECTION_TERM
from pcc_cases.domain.time import as_utc
from pcc_cases.translation import N_

MAX_REFERENCE = 2000


class Platform(enum.StrEnum):
    """Where the post appeared."""

    INSTAGRAM = "instagram"
    TIKTOK = "tiktok"
    SNAPCHAT = "snapchat"
    WHATSAPP = "whatsapp"
    X = "x"
    FACEBOOK = "facebook"
    YOUTUBE = "youtube"
    LINKEDIN = "linkedin"
    OTHER = "other"


class InvolvementRole(enum.StrEnum):
    """A person's part in a case (Ed-Fi: Perpetrator, Victim, Witness, Reporter)."""

    OFFENDER = "offender"
    TARGET = "target"
    WITNESS = "witness"
    REPORTER = "reporter"


class EvidenceKind(enum.StrEnum):
    """A link to a post, or the SHA-256 hash of a file kept elsewhere."""

    LINK = "link"
    FILE_HASH = "file-hash"


@attrs.define(slots=False, eq=False)
class Evidence:
    """Where the breach can be seen: a link or a file hash, and when it was captured."""

    kind: EvidenceKind
    reference: str
    captured_at: pendulum.DateTime
    takedown_asked_on: dt.date | None = None
    removed_on: dt.date | None = None

    @classmethod
    def create(cls, kind: str, reference: str, captured_at: dt.datetime) -> Evidence:
        evidence_kind = enum_value(EvidenceKind, kind, "evidence kind")
        ref = required_text(reference, "evidence reference", MAX_REFERENCE, one_line=True)
        if evidence_kind is EvidenceKind.FILE_HASH and (
            len(ref) != 64 or any(c not in "0123456789abcdef" for c in ref.lower())
        ):
            raise InvalidInputError(
                N_("{ref!r} is not a SHA-256 hash (64 hexadecimal digits)"),
                field="evidence reference",
                ref=ref,
            )
        if evidence_kind is EvidenceKind.LINK and not ref.startswith(("https://", "http://")):
            raise InvalidInputError(
                N_("{ref!r} is not an http(s) link"), field="evidence reference", ref=ref
            )
        return cls(
            kind=evidence_kind,
            reference=ref.lower() if evidence_kind is EvidenceKind.FILE_HASH else ref,
            captured_at=as_utc(captured_at),
        )


@attrs.define(slots=False, eq=False)
class Involvement:
    """A person and their part in the case."""

    person_id: str
    role: InvolvementRole


@attrs.define(slots=False, eq=False)
class Violation:
    """One offender broke one clause (once per offender per clause, as Ed-Fi advises)."""

    offender_id: str
    clause_id: str


def _factor_values(factors: Factors) -> dict[str, Any]:
    """The factors as the assessment stores them: one attribute each."""
    return {f.name: getattr(factors, f.name) for f in attrs.fields(Factors)}


@attrs.define(slots=False, eq=False)
class Assessment:
    """How grave one offender's part is: the factors, the computed level, any override."""

    offender_id: str
    reach: Reach
    intent: Intent
    harm: Harm
    confidential: bool
    criminal: bool
    removed_and_apologised: bool
    computed_level: int
    assessed_by: str
    assessed_at: pendulum.DateTime
    override_level: int | None = None
    override_reason: str | None = None

    @classmethod
    def of(
        cls, offender_id: str, factors: Factors, level: int, by: str, at: pendulum.DateTime
    ) -> Assessment:
        """A first assessment of an offender: the factors and the level they gave."""
        return cls(
            offender_id=offender_id,
            **_factor_values(factors),
            computed_level=level,
            assessed_by=by,
            assessed_at=at,
        )

    def reassess(self, factors: Factors, level: int, by: str, at: pendulum.DateTime) -> None:
        """New factors and the level they give (the override, if any, stays)."""
        for name, value in _factor_values(factors).items():
            setattr(self, name, value)
        self.computed_level, self.assessed_by, self.assessed_at = level, by, at

    @property
    def factors(self) -> Factors:
        return Factors(**{f.name: getattr(self, f.name) for f in attrs.fields(Factors)})

    @property
    def level(self) -> int:
        """The level that counts: the director's override when there is one."""
        return self.override_level if self.override_level is not None else self.computed_level


@attrs.define(slots=False, eq=False)
class Decision:
    """An escalation step taken for one offender, by whom, when, for how long and why."""

    offender_id: str
    step: str
    decided_by: str
    decided_at: pendulum.DateTime
    recommended_step: str
    days: int | None = None
    reason: str | None = None
    revoked: bool = False
    first_day: dt.date | None = None
    last_day: dt.date | None = None


@attrs.define(slots=False, eq=False)
class Obligation:
    """A duty with a due date, created by a decision, a fact, a clause or a target.

    ``offender_id`` is the offender a measure's duty is about; ``target_id`` the target a
    care duty is for. A term (the objection term) is a period that ends, not a task: it
    is never open work and never overdue.
    """

    seq: int
    kind: str
    cause: str
    due_on: dt.date
    created_at: pendulum.DateTime
    offender_id: str | None = None
    done_on: dt.date | None = None
    done_by: str | None = None
    target_id: str | None = None

    @property
    def is_term(self) -> bool:
        return self.kind == OBJECTION_TERM

    @property
    def is_open(self) -> bool:
        """Work still to do: not done, and not a term."""
        return self.done_on is None and not self.is_term

    def is_overdue(self, today: dt.date) -> bool:
        return self.is_open and today > self.due_on


class HeardParty(enum.StrEnum):
    """Who is heard before an expulsion (WVO 2020 art. 8.15)."""

    STUDENT = "student"
    PARENTS = "parents"
    TEACHERS = "teachers"


@attrs.define(slots=False, eq=False)
class Hearing:
    """A hearing before a step that needs one (an expulsion): who was heard, when, their
    views, and who was there; the record the letter of the hearing is made from.
    """

    offender_id: str
    held_on: dt.date
    student_heard: bool
    parents_heard: bool
    teachers_heard: bool
    attendees: str
    views: str
    recorded_by: str
    recorded_at: pendulum.DateTime

    def heard(self, party: str) -> bool:
        """Whether ``party`` (student, parents, teachers) was heard at this hearing."""
        return bool(getattr(self, f"{party}_heard"))

    @property
    def parties(self) -> list[str]:
        """The parties heard, in the order the law names them."""
        return [p for p in HEARD_PARTIES if self.heard(p)]


@attrs.define(slots=False, eq=False)
class Event:
    """One change to a case: appended, never edited."""

    seq: int
    kind: EventKind
    actor_id: str
    at: pendulum.DateTime
    state: CaseState
    reason: str | None = None
    data: dict[str, Any] = attrs.field(factory=dict)
    data_version: int = 1


# The case's child collections, in the order a snapshot, an export and the mapping list
# them: the one place that says what a case is made of.
CASE_PARTS: Mapping[str, type] = {
    "evidence": Evidence,
    "involvements": Involvement,
    "violations": Violation,
    "assessments": Assessment,
    "decisions": Decision,
    "obligations": Obligation,
    "hearings": Hearing,
    "events": Event,
}
# Parts added after the first export format: a record written before them has none.
LATER_PARTS = frozenset({"hearings"})
