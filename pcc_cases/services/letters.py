"""Make the letter a duty asks for, and keep its hash with the case: one transaction.

The document is rendered by a function the caller passes (``pcc_cases.documents`` makes
PDFs), so that the services need no rendering library. The letter is dated the day it
was first made; made again, it is dated the same and, while the case is unchanged, has
the same bytes and so the same hash, and nothing new is recorded.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Mapping

import attrs
import pendulum

from pcc_cases.access import Action
from pcc_cases.domain.case import Case
from pcc_cases.domain.case_parts import Obligation
from pcc_cases.domain.checks import calendar_day, instant, parse_obligation_id
from pcc_cases.domain.errors import InvalidInputError
from pcc_cases.domain.labels import code_of, step_label
from pcc_cases.domain.letters import (
    IssuedLetter,
    LetterFacts,
    LetterKind,
    letter_for,
)
from pcc_cases.domain.policy import OBJECTION_TERM
from pcc_cases.domain.time import as_utc, local_date
from pcc_cases.services.guard import load_actor, reach_case
from pcc_cases.services.ports import UnitOfWorkPort
from pcc_cases.services.settings import DEFAULT_SETTINGS, Settings
from pcc_cases.translation import DEFAULT_LANGUAGE, LANGUAGES, N_

Renderer = Callable[[LetterFacts], bytes]
"""Turns the facts of a letter into the document's bytes, the same bytes every time."""


@attrs.frozen
class MadeLetter:
    """A letter as made: its bytes, their hash, and whether this made a new record."""

    content: bytes
    sha256: str
    facts: LetterFacts
    recorded: bool


def make_letter(
    uow: UnitOfWorkPort,
    actor_id: str | None,
    obligation_id: str,
    *,
    render: Renderer,
    language: str = DEFAULT_LANGUAGE,
    letter: str | None = None,
    hearing_at: dt.datetime | None = None,
    sent_on: dt.date | None = None,
    letterhead: Mapping[str, str] | None = None,
    settings: Settings = DEFAULT_SETTINGS,
) -> MadeLetter:
    """The letter that obligation ``obligation_id`` (``"2026-0001/2"``) asks for.

    ``letter`` picks one where the duty has two (the hearing: ``hearing-invitation`` or
    ``hearing-record``); ``hearing_at`` is when the hearing an invitation is for takes
    place; ``sent_on`` records the day the letter was sent, which marks the duty done.

    Raises:
        InvalidInputError: the duty asks for no letter, an invitation without its time,
            or a sending day in the future or before the letter's date.
        NotFoundError: no such case or obligation.
        PermissionDeniedError: the actor may not handle this case (logged).
    """
    number, seq = parse_obligation_id(obligation_id)
    if language not in LANGUAGES:
        raise InvalidInputError(
            N_("{value!r} is not a language; allowed: {allowed}"),
            field="language",
            value=language,
            allowed=", ".join(LANGUAGES),
        )
    wanted = None if letter is None else _letter_kind(letter)
    when = None if hearing_at is None else as_utc(instant(hearing_at, "hearing_at"))
    sent = None if sent_on is None else calendar_day(sent_on, "sent_on")
    actor = load_actor(uow, actor_id, settings)
    case = reach_case(uow, actor, Action.HANDLE, number, settings)
    now = settings.clock()
    obligation = case.obligation(seq)
    kind = letter_for(obligation, case.hearings, wanted)
    earlier = [x for x in case.letters if x.seq == seq and x.letter is kind]
    if when is None and earlier:
        when = earlier[0].hearing_at
    if kind is LetterKind.HEARING_INVITATION and when is None:
        raise InvalidInputError(
            N_("an invitation to the hearing needs its day and time, e.g. 01-12-2026 15:00"),
            field="hearing_at",
        )
    facts = _facts(
        uow,
        case,
        obligation,
        kind,
        language=language,
        dated=earlier[0].dated if earlier else local_date(now),
        hearing_at=when,
        letterhead=letterhead or {},
        issued_by=actor.id,
        settings=settings,
    )
    content = render(facts)
    digest = hashlib.sha256(content).hexdigest()
    issued = IssuedLetter(
        seq=seq,
        letter=kind,
        sha256=digest,
        dated=facts.dated,
        language=language,
        issued_by=actor.id,
        issued_at=now,
        hearing_at=when,
        sent_on=sent,
    )
    known = any(x.sha256 == digest and (sent is None or x.sent_on == sent) for x in earlier)
    if not known:
        case.issue_letter(issued)
        uow.commit()
    return MadeLetter(content=content, sha256=digest, facts=facts, recorded=not known)


def _letter_kind(text: str) -> LetterKind:
    return LetterKind(code_of("letter", text, DEFAULT_LANGUAGE))


def _facts(
    uow: UnitOfWorkPort,
    case: Case,
    obligation: Obligation,
    kind: LetterKind,
    *,
    language: str,
    dated: dt.date,
    hearing_at: pendulum.DateTime | None,
    letterhead: Mapping[str, str],
    issued_by: str,
    settings: Settings,
) -> LetterFacts:
    """What the letter says, from the case as it stands."""
    offender_id = obligation.offender_id or case.offender_ids[0]
    decision = case.decision_of(offender_id)
    assessment = case.assessment_of(offender_id)
    hearing = next((h for h in reversed(case.hearings) if h.offender_id == offender_id), None)
    step = _step(obligation, decision.step if decision else None)
    wanted = {offender_id, issued_by} | ({decision.decided_by} if decision else set())
    people = uow.people.find_many(sorted(wanted))
    term = next(
        (o for o in case.obligations if o.kind == OBJECTION_TERM and o.offender_id == offender_id),
        None,
    )
    informed = [
        o.done_on
        for o in case.obligations
        if o.kind == "written-decision" and o.offender_id == offender_id and o.done_on
    ]
    return LetterFacts(
        letter=kind,
        language=language,
        case_number=case.number or "",
        obligation=obligation,
        dated=dated,
        letterhead=dict(letterhead),
        offender=people[offender_id],
        occurred_at=case.occurred_at,
        platform=case.platform.value,
        summary=case.summary,
        clauses=tuple(settings.protocol.clause(c) for c in case.clauses_of(offender_id)),
        level=assessment.level if assessment else None,
        step_name=step_label(settings.policy, step, language) if step else None,
        decision=decision,
        decided_by=people.get(decision.decided_by) if decision else None,
        objection_ends_on=term.due_on if term else None,
        hearing=hearing,
        hearing_at=hearing_at,
        parents_informed_on=min(informed) if informed else None,
        issued_by=people.get(issued_by),
    )


def _step(obligation: Obligation, decided: str | None) -> str | None:
    """The step a duty is about: the one its cause names (``step:suspension``,
    ``prepare:expulsion``), else the offender's decision.
    """
    trigger, _, name = obligation.cause.partition(":")
    return name if trigger in ("step", "prepare") else decided
