"""What a measure needs beyond the choice of step: its school days, and what must come first.

A suspension runs from a first school day for its length in school days, so its last day
follows from the school's calendar. A step that needs a hearing or duties done first (an
expulsion: WVO 2020 art. 8.15) is prepared, then heard, and only then decided.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from pcc_cases.domain.calendar import SchoolCalendar
from pcc_cases.domain.case_parts import Event, Hearing, Obligation
from pcc_cases.domain.errors import InvalidInputError, Problem
from pcc_cases.domain.events import EventKind
from pcc_cases.domain.policy import HEARING_DUTY, Step
from pcc_cases.translation import N_, Phrase

PARTY_NAMES = {
    "student": N_("the student"),
    "parents": N_("the parents"),
    "teachers": N_("the teachers"),
}


def measure_days(
    calendar: SchoolCalendar, step: Step, decided_on: dt.date, days: int, first_day: dt.date | None
) -> tuple[dt.date, dt.date]:
    """The first and last school day of a measure of ``days`` school days.

    Without a first day it starts on the next school day after the decision.

    Raises:
        InvalidInputError: the first day is before the decision or not a school day.
    """
    first = first_day or calendar.add_school_days(decided_on, 1)
    if first < decided_on:
        raise InvalidInputError(
            N_("the first day of the {step} ({first}) is before the decision ({decided})"),
            field="first_day",
            step=step,
            first=first,
            decided=decided_on,
        )
    if not calendar.is_school_day(first):
        raise InvalidInputError(
            N_("{first} is not a school day; the next school day is {next}"),
            field="first_day",
            first=first,
            next=calendar.add_school_days(first, 0),
        )
    return first, calendar.add_school_days(first, days - 1)


def unheard_parties(step: Step, hearings: Sequence[Hearing], offender_id: str) -> list[str]:
    """The parties the step needs heard that no hearing of the offender heard."""
    mine = [h for h in hearings if h.offender_id == offender_id]
    return [p for p in step.hear if not any(h.heard(p) for h in mine)]


def prepared_steps(events: Sequence[Event], offender_id: str) -> list[str]:
    """The steps whose preparation was started for the offender."""
    return [
        e.data["step"]
        for e in events
        if e.kind is EventKind.STEP_PREPARED and e.data["offender_id"] == offender_id
    ]


def is_prepared(events: Sequence[Event], offender_id: str, step: str) -> bool:
    return step in prepared_steps(events, offender_id)


def preparation_problems(
    step: Step,
    offender_id: str,
    events: Sequence[Event],
    hearings: Sequence[Hearing],
    obligations: Sequence[Obligation],
) -> tuple[Problem, ...]:
    """What still keeps ``step`` from being decided for the offender, each in a sentence."""
    if not step.prepared:
        return ()
    if not is_prepared(events, offender_id, step.name):
        return (Problem(N_("prepare the {step} first (case prepare)"), params={"step": step}),)
    problems = []
    unheard = unheard_parties(step, hearings, offender_id)
    if unheard:
        problems.append(
            Problem(
                N_("no hearing of {parties} is recorded"),
                params={"parties": tuple(Phrase(PARTY_NAMES[p]) for p in unheard)},
            )
        )
    cause = f"prepare:{step.name}"
    problems += [
        Problem(
            N_("obligation {seq} ({kind}) is not done"),
            params={"seq": obligation.seq, "kind": obligation.kind},
        )
        for obligation in obligations
        if obligation.cause == cause
        and obligation.offender_id == offender_id
        and obligation.kind in step.before
        and obligation.kind != HEARING_DUTY  # said above, by the parties not yet heard
        and obligation.done_on is None
    ]
    return tuple(problems)
