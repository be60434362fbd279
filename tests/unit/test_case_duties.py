"""The rules the letters rest on: a measure's school days, what an expulsion needs first,
the objection term, care for the target, a post taken down, and closing with open duties.
"""

from __future__ import annotations

import datetime as dt

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from pcc_cases.domain.calendar import Holiday, SchoolCalendar
from pcc_cases.domain.case import Case
from pcc_cases.domain.case_parts import Evidence
from pcc_cases.domain.errors import IllegalTransitionError, InvalidInputError, NotFoundError
from pcc_cases.domain.events import EventKind, upgrade_event_data
from pcc_cases.domain.measures import measure_days
from pcc_cases.domain.people import PersonKind
from tests.builders import KINDS, POLICY, T0, a_case, assessed, decided

STUDENT_LADDER = POLICY.ladder(PersonKind.STUDENT)
SUSPENSION = STUDENT_LADDER.step("suspension")
# 2 March 2026 (T0) is a Monday; the spring holiday below closes the week of 9 March.
SPRING = Holiday("voorjaarsvakantie", dt.date(2026, 3, 9), dt.date(2026, 3, 13))
WITH_HOLIDAY = attrs.evolve(POLICY, calendar=SchoolCalendar.of([SPRING]))


def serious_case() -> Case:
    return assessed(a_case(), reach="public", intent="deliberate")


def kinds_of(case: Case) -> dict[str, str]:
    return {o.kind: o.cause for o in case.obligations}


# ------------------------------------------------------------------ measure days
def test_a_suspension_starts_the_next_school_day_and_ends_after_its_length() -> None:
    case = decided(serious_case(), "suspension", days=3)
    decision = case.decisions[0]
    assert (decision.first_day, decision.last_day) == (dt.date(2026, 3, 3), dt.date(2026, 3, 5))
    assert case.events[-1].data["first_day"] == "2026-03-03"
    assert case.events[-1].data["last_day"] == "2026-03-05"


def test_the_last_day_skips_the_weekend_and_the_schools_holidays() -> None:
    case = serious_case()
    case.decide(
        offender_id="s1",
        offender_kind=PersonKind.STUDENT,
        step="suspension",
        decider_id="dir1",
        decider_authority=3,
        prior_cases=0,
        policy=WITH_HOLIDAY,
        at=T0,
        days=3,
        first_day=dt.date(2026, 3, 6),  # a Friday; then the weekend and the holiday week
    )
    assert case.decisions[0].last_day == dt.date(2026, 3, 17)


@pytest.mark.parametrize(
    ("first_day", "message"),
    [
        (dt.date(2026, 3, 7), "7 March 2026 is not a school day; the next school day is 9 March"),
        (dt.date(2026, 3, 1), "(1 March 2026) is before the decision (2 March 2026)"),
    ],
)
def test_a_first_day_that_is_no_school_day_or_before_the_decision_is_refused(
    first_day: dt.date, message: str
) -> None:
    case = serious_case()
    with pytest.raises(InvalidInputError, match=message.replace("(", r"\(").replace(")", r"\)")):
        decided(case, "suspension", days=2, first_day=first_day)
    assert case.decisions == []


def test_a_step_without_length_takes_no_first_day() -> None:
    with pytest.raises(InvalidInputError, match="has no length"):
        decided(assessed(a_case()), "talk-management", first_day=dt.date(2026, 3, 3))


@given(
    start=st.dates(dt.date(2026, 1, 1), dt.date(2026, 12, 31)),
    days=st.integers(1, 5),
    holiday_start=st.dates(dt.date(2026, 1, 1), dt.date(2026, 12, 31)),
    holiday_length=st.integers(0, 14),
)
def test_a_measure_lasts_exactly_its_school_days(
    start: dt.date, days: int, holiday_start: dt.date, holiday_length: int
) -> None:
    holiday = Holiday("vakantie", holiday_start, holiday_start + dt.timedelta(holiday_length))
    calendar = SchoolCalendar.of([holiday])
    first_school_day = calendar.add_school_days(start, 0)
    first, last = measure_days(calendar, SUSPENSION, start, days, first_school_day)
    assert first == first_school_day
    assert calendar.is_school_day(first) and calendar.is_school_day(last)
    assert calendar.school_days_between(first, last) == days - 1


# ------------------------------------------------------------------ expulsion
def prepared_case() -> Case:
    case = serious_case()
    case.prepare_step("s1", PersonKind.STUDENT, "expulsion", POLICY, "dir1", T0)
    return case


def hear(case: Case, *parties: str) -> None:
    case.record_hearing(
        offender_id="s1",
        held_on=dt.date(2026, 3, 2),
        heard=parties,
        attendees="J. de Boer (cvb), mentor, leerling, vader",
        views="De leerling erkent het bericht; de vader vraagt om een tweede kans.",
        ladder=STUDENT_LADDER,
        actor_id="cvb1",
        at=T0,
    )


def expel(case: Case) -> None:
    decided(case, "expulsion", authority=4, reason="Herhaald en zeer zwaar")


def test_an_expulsion_is_refused_until_it_is_prepared() -> None:
    case = serious_case()
    with pytest.raises(InvalidInputError, match=r"prepare the expulsion first \(case prepare\)"):
        expel(case)


def test_preparing_an_expulsion_creates_its_duties_before_the_decision() -> None:
    case = prepared_case()
    assert kinds_of(case) == {
        "offer-support": "target:recorded",
        "hear-parties": "prepare:expulsion",
        "consult-inspectie": "prepare:expulsion",
        "inform-leerplicht": "prepare:expulsion",
    }
    assert case.events[-1].kind is EventKind.STEP_PREPARED
    with pytest.raises(InvalidInputError, match="already being prepared"):
        case.prepare_step("s1", PersonKind.STUDENT, "expulsion", POLICY, "dir1", T0)
    with pytest.raises(InvalidInputError, match="needs no preparation"):
        case.prepare_step("s1", PersonKind.STUDENT, "suspension", POLICY, "dir1", T0)


def test_the_refusal_names_every_party_not_heard_and_every_duty_not_done() -> None:
    case = prepared_case()
    hear(case, "student")
    with pytest.raises(InvalidInputError) as refused:
        expel(case)
    assert refused.value.message == (
        "expulsion cannot be decided for s1 yet: no hearing of the parents, the "
        "teachers is recorded; obligation 3 (consult-inspectie) is not done"
    )
    assert refused.value.translated("nl").startswith(
        "over verwijdering voor s1 kan nog niet worden besloten: er is geen "
        "hoorzitting met de ouders, de docenten vastgelegd"
    )


def test_once_everyone_is_heard_and_the_inspectie_consulted_the_expulsion_may_be_decided() -> None:
    case = prepared_case()
    hear(case, "student", "parents")
    hearing_duty = next(o for o in case.obligations if o.kind == "hear-parties")
    assert hearing_duty.done_on is None
    hear(case, "teachers")
    assert (hearing_duty.done_on, hearing_duty.done_by) == (dt.date(2026, 3, 2), "cvb1")
    assert case.events[-1].data["completes"] == [hearing_duty.seq]
    consult = next(o for o in case.obligations if o.kind == "consult-inspectie")
    case.complete_obligation(consult.seq, "cvb1", T0)
    expel(case)
    assert case.decision_of("s1").step == "expulsion"  # type: ignore[union-attr]
    assert {"find-other-school", "written-decision", "objection-term"} <= set(kinds_of(case))


def test_a_hearing_needs_a_prepared_step_a_party_and_a_past_day() -> None:
    with pytest.raises(InvalidInputError, match="no step is being prepared for s1"):
        hear(serious_case(), "student")
    case = prepared_case()
    with pytest.raises(InvalidInputError, match="say who was heard: parents, student, teachers"):
        hear(case)
    with pytest.raises(InvalidInputError, match="'grandparents' is not"):
        hear(case, "grandparents")
    with pytest.raises(InvalidInputError, match="in the future"):
        case.record_hearing(
            offender_id="s1",
            held_on=dt.date(2026, 3, 3),
            heard=["student"],
            attendees="x",
            views="y",
            ladder=STUDENT_LADDER,
            actor_id="cvb1",
            at=T0,
        )
    assert case.hearings == []


# ------------------------------------------------------------------ objection term
@pytest.mark.parametrize(("after_days", "late"), [(42, False), (43, True)])
def test_an_objection_after_six_weeks_is_taken_and_marked_late(after_days: int, late: bool) -> None:
    case = decided(serious_case(), "suspension", days=2)
    term = next(o for o in case.obligations if o.kind == "objection-term")
    assert term.due_on == dt.date(2026, 4, 13)
    assert not term.is_open and not term.is_overdue(dt.date(2027, 1, 1))
    case.file_objection("dir1", T0.add(days=after_days), "De ouders maken bezwaar")
    assert case.events[-1].data == {
        "previous_state": "decided",
        "late": late,
        "term_ended_on": "2026-04-13",
    }


def test_a_term_cannot_be_marked_done() -> None:
    case = decided(serious_case(), "suspension", days=2)
    term = next(o for o in case.obligations if o.kind == "objection-term")
    with pytest.raises(InvalidInputError, match="is a term that ends on 13 April 2026"):
        case.complete_obligation(term.seq, "dir1", T0)


def test_an_objection_without_a_term_is_not_late() -> None:
    case = decided(assessed(a_case()), "talk-management")
    case.file_objection("dir1", T0.add(years=1), "Bezwaar")
    assert case.events[-1].data["late"] is False
    assert case.events[-1].data["term_ended_on"] is None


# ------------------------------------------------------------------ care for the target
def test_the_target_is_offered_support_and_told_the_outcome_once() -> None:
    case = assessed(
        a_case(
            involvements=[("s1", "offender"), ("s2", "offender"), ("t1", "target")],
            violations=[("s1", "1.2"), ("s2", "1.2")],
        )
    )
    assessed(case, "s2")
    assert [(o.kind, o.target_id) for o in case.obligations] == [("offer-support", "t1")]
    decided(case, "talk-management")
    decided(case, "talk-mentor", offender="s2")
    told = [o for o in case.obligations if o.kind == "inform-target"]
    assert [(o.target_id, o.cause) for o in told] == [("t1", "target:decided")]


def test_a_target_added_later_gets_the_care_duties_too() -> None:
    case = a_case()
    case.add_involvement("s2", "target", "dir1", T0, policy=POLICY, person_kinds=KINDS)
    assert [(o.kind, o.target_id) for o in case.obligations] == [
        ("offer-support", "t1"),
        ("offer-support", "s2"),
    ]


# ------------------------------------------------------------------ takedown
def with_evidence() -> Case:
    link = Evidence.create("link", "https://www.instagram.com/p/abc", T0)
    return a_case(evidence=[link])


def test_the_takedown_is_recorded_with_its_days() -> None:
    case = with_evidence()
    case.record_takedown(1, "dir1", T0, asked_on=dt.date(2026, 3, 1))
    case.record_takedown(1, "dir1", T0, removed_on=dt.date(2026, 3, 2))
    evidence = case.evidence[0]
    assert (evidence.takedown_asked_on, evidence.removed_on) == (
        dt.date(2026, 3, 1),
        dt.date(2026, 3, 2),
    )
    assert case.events[-1].data == {"evidence": 1, "asked_on": None, "removed_on": "2026-03-02"}


def test_a_takedown_needs_known_evidence_a_day_and_no_future() -> None:
    case = with_evidence()
    with pytest.raises(NotFoundError, match="has no evidence 2; it has 1"):
        case.record_takedown(2, "dir1", T0, asked_on=dt.date(2026, 3, 1))
    with pytest.raises(InvalidInputError, match="give the day"):
        case.record_takedown(1, "dir1", T0)
    with pytest.raises(InvalidInputError, match="removed_on: 3 March 2026 is in the future"):
        case.record_takedown(1, "dir1", T0, removed_on=dt.date(2026, 3, 3))
    assert len(case.events) == 1


# ------------------------------------------------------------------ closing
def test_closing_with_open_duties_needs_a_reason_and_names_them() -> None:
    case = decided(serious_case(), "suspension", days=1)
    with pytest.raises(InvalidInputError) as refused:
        case.close("dir1", T0)
    assert refused.value.field == "reason"
    assert refused.value.message == (
        "cannot close without a reason while duties are open: 1 (offer-support, due "
        "4 March 2026); 2 (written-decision, due 3 March 2026); 3 (inform-leerplicht, due 4 "
        "March 2026); 5 (inform-target, due 9 March 2026)"
    )
    case.close("dir1", T0, "Leerplicht en ouders zijn telefonisch geïnformeerd")
    assert case.events[-1].data == {"open_duties": [1, 2, 3, 5]}


def test_closing_with_every_duty_done_needs_no_reason() -> None:
    case = decided(serious_case(), "suspension", days=1)
    for obligation in case.obligations:
        if obligation.is_open:
            case.complete_obligation(obligation.seq, "dir1", T0)
    case.close("dir1", T0)
    assert case.events[-1].data == {"open_duties": []}


def test_a_closed_case_still_takes_a_takedown() -> None:
    case = with_evidence()
    case.dismiss("dir1", T0, "Ongegrond")
    case.record_takedown(1, "dir1", T0, removed_on=dt.date(2026, 3, 2))
    with pytest.raises(IllegalTransitionError):
        case.close("dir1", T0, "Toch sluiten")


# ------------------------------------------------------------------ stored history
@pytest.mark.parametrize(
    ("kind", "old", "new"),
    [
        (
            EventKind.DECIDED,
            {"step": "suspension"},
            {"step": "suspension", "first_day": None, "last_day": None},
        ),
        (EventKind.CLOSED, {}, {"open_duties": []}),
        (
            EventKind.OBJECTION_FILED,
            {"previous_state": "closed"},
            {"previous_state": "closed", "late": False, "term_ended_on": None},
        ),
    ],
)
def test_events_stored_before_these_rules_read_in_todays_shape(
    kind: EventKind, old: dict[str, object], new: dict[str, object]
) -> None:
    assert upgrade_event_data(kind, 1, old) == new
