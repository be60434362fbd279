"""Builders for the objects tests need, each with sensible defaults and named overrides.

``a_case(summary="...")`` reads as what the test cares about; everything else is a valid
default, so a change to what a case needs is made here once.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pendulum

from pcc_cases.domain.case import Case
from pcc_cases.domain.factors import Factors
from pcc_cases.domain.letters import IssuedLetter, LetterKind
from pcc_cases.domain.people import Person, PersonKind, Role
from pcc_cases.domain.policy_file import default_policy
from pcc_cases.domain.protocol import load_protocol
from pcc_cases.domain.time import local_date
from pcc_cases.services.ports import UnitOfWorkPort

PROTOCOL = load_protocol()
POLICY = default_policy()
T0 = pendulum.datetime(2026, 3, 2, 9, 0, tz="UTC")  # a Monday in a school week
KINDS = {"s1": PersonKind.STUDENT, "s2": PersonKind.STUDENT, "t1": PersonKind.STAFF}


def a_case(**overrides: Any) -> Case:
    """A recorded case: student s1 shared a screenshot of teacher t1 (clause 1.2).

    Any argument of :meth:`Case.record` may be overridden.
    """
    values: dict[str, Any] = {
        "protocol": PROTOCOL,
        "policy": POLICY,
        "occurred_at": T0.subtract(days=1),
        "reported_at": T0,
        "platform": "instagram",
        "location": "Alkmaar",
        "summary": "Screenshot van een groepsapp met citaten van een docent gedeeld",
        "involvements": [("s1", "offender"), ("t1", "target"), ("s2", "reporter")],
        "violations": [("s1", "1.2")],
        "person_kinds": KINDS,
        "recorded_by": "dir1",
    }
    values.update(overrides)
    return Case.record(**values)


def a_person(person_id: str, **overrides: Any) -> Person:
    """A student at Alkmaar; any field of :class:`Person` may be overridden."""
    values: dict[str, Any] = {
        "id": person_id,
        "kind": "student",
        "first_name": "Sam",
        "last_name": "de Vries",
        "location": "Alkmaar",
    }
    values.update(overrides)
    return Person(**values)


def store_people(uow: UnitOfWorkPort, ids: list[str], **overrides: Any) -> None:
    """Add the people with these ids (students unless overridden) that are not there yet."""
    for person_id in ids:
        if uow.people.find(person_id) is None:
            uow.people.add(a_person(person_id, **overrides))


def store_actor(uow: UnitOfWorkPort, actor_id: str = "dir1") -> None:
    """The staff member the builders act as (``dir1``), with the board's authority, so
    that an import's replay accepts what they did.
    """
    if uow.people.find(actor_id) is None:
        uow.people.add(a_person(actor_id, kind="staff", location=None, roles={Role.CVB}))


def assessed(case: Case, offender: str = "s1", at: Any = T0, **factors: Any) -> Case:
    """The case with ``offender`` assessed on the given factors by director dir1."""
    case.assess(offender, Factors(**factors), PROTOCOL, POLICY, "dir1", at)
    return case


def decided(
    case: Case,
    step: str,
    *,
    offender: str = "s1",
    authority: int = 3,
    days: int | None = None,
    reason: str | None = None,
    prior_cases: int = 0,
    at: Any = T0,
    first_day: dt.date | None = None,
) -> Case:
    """The case with ``step`` decided for a student offender by director dir1."""
    case.decide(
        offender_id=offender,
        offender_kind=PersonKind.STUDENT,
        step=step,
        decider_id="dir1",
        decider_authority=authority,
        prior_cases=prior_cases,
        policy=POLICY,
        at=at,
        days=days,
        reason=reason,
        first_day=first_day,
        person_kinds=KINDS,
    )
    return case


def developed(case: Case, factors: Factors, depth: int) -> Case:
    """A recorded case taken some way through its life, so that every part has rows.

    Depth 1 assesses the first offender; from depth 2 every offender up to ``depth`` is
    assessed and, once the case is assessed, overridden, decided as recommended, and the
    first duty done. Depth 3 also prepares an expulsion of the first offender with a
    hearing (one that is then not decided) and the letter of its record, and records a
    takedown of the first evidence.
    """
    at = case.reported_at.add(hours=1)
    for offender in case.offender_ids[:depth]:
        case.assess(offender, factors, PROTOCOL, POLICY, "dir1", at)
    if depth >= 3 and case.evidence:
        case.record_takedown(1, "dir1", at, asked_on=at.date())
    if depth >= 2 and case.state.value == "assessed":
        case.override_severity(case.offender_ids[0], 4, "Herhaling, zie dossier", "dir1", at)
        if depth >= 3:
            first = case.offender_ids[0]
            case.prepare_step(first, PersonKind.STUDENT, "expulsion", POLICY, "dir1", at)
            case.record_hearing(
                offender_id=first,
                held_on=at.date(),
                heard=["student", "parents"],
                attendees="Directeur, mentor, leerling en moeder",
                views="De leerling heeft spijt; de ouders vragen om een tweede kans.",
                ladder=POLICY.ladder(PersonKind.STUDENT),
                actor_id="dir1",
                at=at,
            )
            hearing_duty = next(o for o in case.obligations if o.kind == "hear-parties")
            case.issue_letter(
                IssuedLetter(
                    seq=hearing_duty.seq,
                    letter=LetterKind.HEARING_RECORD,
                    sha256="5e" * 32,
                    dated=local_date(at),
                    language="nl",
                    issued_by="dir1",
                    issued_at=at,
                )
            )
        for offender in case.offender_ids:
            step = case.recommendation(offender, PersonKind.STUDENT, 0, POLICY).step
            days = 3 if step in ("suspension", "internal-suspension") else None
            decided(case, step, offender=offender, authority=4, days=days, at=at)
        if case.obligations:
            case.complete_obligation(case.obligations[0].seq, "dir1", at.add(days=1))
    return case
