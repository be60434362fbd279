"""Which letter a duty asks for, and the record of a letter once it was made.

A duty such as ``written-decision`` is done by sending a document; this module says which
one (a duty may ask for two: the hearing is first an invitation, then a record) and what
the case keeps of it: the SHA-256 of the exact bytes, the day the letter is dated, its
language, and the day it was sent. The document itself is made again on request from the
case (``pcc_cases.documents``) and gives the same bytes while the case is unchanged.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs
import pendulum

from pcc_cases.domain.case_parts import Decision, Event, Hearing, Obligation
from pcc_cases.domain.errors import InvalidInputError
from pcc_cases.domain.events import EventKind
from pcc_cases.domain.people import Person, PersonKind
from pcc_cases.domain.protocol import Clause
from pcc_cases.domain.time import as_utc
from pcc_cases.translation import LANGUAGES, N_, Phrase


class LetterKind(enum.StrEnum):
    """The documents pcc_cases writes."""

    DECISION = "decision"  # the written decision (or, for staff, the warning or reprimand)
    INSPECTIE_NOTICE = "inspectie-notice"  # a suspension longer than one school day
    LEERPLICHT_NOTICE = "leerplicht-notice"
    HEARING_INVITATION = "hearing-invitation"
    HEARING_RECORD = "hearing-record"
    INSPECTIE_CONSULTATION = "inspectie-consultation"


LETTER_LABELS: Mapping[str, str] = {
    LetterKind.DECISION: N_("decision"),
    LetterKind.INSPECTIE_NOTICE: N_("notice to the Inspectie"),
    LetterKind.LEERPLICHT_NOTICE: N_("notice to the attendance officer"),
    LetterKind.HEARING_INVITATION: N_("invitation to the hearing"),
    LetterKind.HEARING_RECORD: N_("record of the hearing"),
    LetterKind.INSPECTIE_CONSULTATION: N_("consultation of the Inspectie"),
}
"""Each letter's name, as a person chooses it (``--kind verslag``)."""

LETTERS_FOR_DUTY: Mapping[str, tuple[LetterKind, ...]] = {
    "written-decision": (LetterKind.DECISION,),
    "copy-inspectie-leerplicht": (LetterKind.DECISION,),
    "report-inspectie": (LetterKind.INSPECTIE_NOTICE,),
    "inform-leerplicht": (LetterKind.LEERPLICHT_NOTICE,),
    "hear-parties": (LetterKind.HEARING_INVITATION, LetterKind.HEARING_RECORD),
    "consult-inspectie": (LetterKind.INSPECTIE_CONSULTATION,),
}
"""Per duty kind, the letters that carry it out; the first is made unless told otherwise."""

_SHA256 = re.compile(r"^[0-9a-f]{64}$")


def letter_for(
    obligation: Obligation, hearings: Sequence[Hearing], wanted: LetterKind | None = None
) -> LetterKind:
    """The letter that carries out ``obligation``: ``wanted`` if the duty has it, else
    the duty's own (for the hearing: the record once it is held, the invitation before).

    Raises:
        InvalidInputError: the duty asks for no letter, or not for ``wanted``.
    """
    choices = LETTERS_FOR_DUTY.get(obligation.kind)
    if not choices:
        raise InvalidInputError(
            N_("obligation {seq} ({kind}) asks for no letter; letters are made for: {kinds}"),
            field="obligation",
            seq=obligation.seq,
            kind=obligation.kind,
            kinds=", ".join(LETTERS_FOR_DUTY),
        )
    if wanted is not None:
        if wanted not in choices:
            raise InvalidInputError(
                N_("obligation {seq} ({kind}) has no letter {wanted}; it has: {allowed}"),
                field="letter",
                seq=obligation.seq,
                kind=obligation.kind,
                wanted=Phrase(LETTER_LABELS[wanted]),
                allowed=tuple(Phrase(LETTER_LABELS[c]) for c in choices),
            )
        if wanted is LetterKind.HEARING_RECORD and not _held(obligation, hearings):
            raise InvalidInputError(
                N_(
                    "obligation {seq} ({kind}) has no hearing recorded yet, so no record; "
                    "record the hearing first"
                ),
                field="letter",
                seq=obligation.seq,
                kind=obligation.kind,
            )
        return wanted
    if LetterKind.HEARING_RECORD in choices:
        held = _held(obligation, hearings)
        return LetterKind.HEARING_RECORD if held else LetterKind.HEARING_INVITATION
    return choices[0]


def _held(obligation: Obligation, hearings: Sequence[Hearing]) -> bool:
    return any(h.offender_id == obligation.offender_id for h in hearings)


@attrs.frozen
class IssuedLetter:
    """What the case keeps of a letter it made: the hash of its bytes, not the bytes."""

    seq: int
    letter: LetterKind
    sha256: str
    dated: dt.date
    language: str
    issued_by: str
    issued_at: pendulum.DateTime
    hearing_at: pendulum.DateTime | None = None
    sent_on: dt.date | None = None

    def data(self) -> dict[str, Any]:
        """The event data of the letter's ``letter_issued`` event."""
        return {
            "seq": self.seq,
            "letter": self.letter.value,
            "sha256": self.sha256,
            "dated": self.dated.isoformat(),
            "language": self.language,
            "hearing_at": None if self.hearing_at is None else self.hearing_at.isoformat(),
            "sent_on": None if self.sent_on is None else self.sent_on.isoformat(),
        }


def letter_from_event(event: Event) -> IssuedLetter:
    """The letter a ``letter_issued`` event keeps.

    Raises:
        ValueError: a day or time in the data that is not ISO 8601.
    """
    data = event.data
    hearing_at = data["hearing_at"]
    sent_on = data["sent_on"]
    return IssuedLetter(
        seq=data["seq"],
        letter=LetterKind(data["letter"]),
        sha256=data["sha256"],
        dated=dt.date.fromisoformat(data["dated"]),
        language=data["language"],
        issued_by=event.actor_id,
        issued_at=event.at,
        hearing_at=None if hearing_at is None else as_utc(dt.datetime.fromisoformat(hearing_at)),
        sent_on=None if sent_on is None else dt.date.fromisoformat(sent_on),
    )


def issued_letters(events: Iterable[Event]) -> list[IssuedLetter]:
    """Every letter the case made, oldest first, from its history."""
    return [letter_from_event(e) for e in events if e.kind is EventKind.LETTER_ISSUED]


def check_issued(
    letter: IssuedLetter, obligation: Obligation, hearings: Sequence[Hearing], today: dt.date
) -> None:
    """A letter record that can be kept: a real hash, a known language, a sending day
    neither in the future nor before the letter's date.

    Raises:
        InvalidInputError: naming the field.
    """
    if not _SHA256.match(letter.sha256):
        raise InvalidInputError(
            N_("{ref!r} is not a SHA-256 hash (64 hexadecimal digits)"),
            field="sha256",
            ref=letter.sha256,
        )
    if letter.language not in LANGUAGES:
        raise InvalidInputError(
            N_("{value!r} is not a language; allowed: {allowed}"),
            field="language",
            value=letter.language,
            allowed=", ".join(LANGUAGES),
        )
    letter_for(obligation, hearings, letter.letter)
    if letter.sent_on is not None:
        if letter.sent_on > today:
            raise InvalidInputError(
                N_("{day} is in the future"), field="sent_on", day=letter.sent_on
            )
        if letter.sent_on < letter.dated:
            raise InvalidInputError(
                N_("the letter is dated {dated}; it cannot have been sent on {day}, before that"),
                field="sent_on",
                dated=letter.dated,
                day=letter.sent_on,
            )


@attrs.frozen
class LetterFacts:
    """Everything one letter says, gathered from the case, its people, the protocol and the
    policy; a renderer adds only the words around them and the layout.

    The target of the post is never named: the letter goes to the offender's family, and
    to the Inspectie and the attendance officer, none of whom need that name.
    """

    letter: LetterKind
    language: str
    case_number: str
    obligation: Obligation
    dated: dt.date
    letterhead: Mapping[str, str]
    offender: Person
    occurred_at: pendulum.DateTime
    platform: str
    summary: str
    clauses: tuple[Clause, ...]
    level: int | None
    step_name: str | None = None  # the step decided or being prepared, in ``language``
    decision: Decision | None = None
    decided_by: Person | None = None
    objection_ends_on: dt.date | None = None
    hearing: Hearing | None = None
    hearing_at: pendulum.DateTime | None = None
    parents_informed_on: dt.date | None = None
    issued_by: Person | None = None

    @property
    def for_staff(self) -> bool:
        return self.offender.kind is PersonKind.STAFF

    @property
    def signatory(self) -> tuple[str, str]:
        """Who signs: the letterhead's signatory, or else the person making the letter."""
        name = self.letterhead.get("signatory_name") or (
            self.issued_by.full_name if self.issued_by else ""
        )
        return name, self.letterhead.get("signatory_function", "")

    @property
    def file_name(self) -> str:
        """A name for the file that says what it is and no one's name."""
        return f"{self.case_number}-{self.obligation.seq}-{self.letter.value}.pdf"
