"""The use cases end to end, on the fake and on SQLite: a case from report to objection."""

from __future__ import annotations

from typing import Any

import pendulum
import pytest

from pcc_cases import services as sv
from pcc_cases.domain.errors import (
    IllegalTransitionError,
    InvalidInputError,
    NotFoundError,
    PermissionDeniedError,
)
from pcc_cases.domain.factors import Factors
from pcc_cases.domain.people import Person
from tests.org import NOW, settings_at

S = settings_at()
OCCURRED = pendulum.datetime(2025, 10, 3, 20, tz="Europe/Amsterdam")


def record(uow: Any, actor: str = "vd-alk", **overrides: Any) -> str:
    values: dict[str, Any] = {
        "occurred_at": OCCURRED,
        "platform": "instagram",
        "location": "Alkmaar",
        "summary": "Foto van docent met spottende tekst gedeeld",
        "offenders": ["s-alk1"],
        "clauses": ["1.2"],
        "targets": ["norole"],
        "settings": S,
    }
    values.update(overrides)
    case = sv.record_incident(uow, actor, **values)
    assert case.number is not None
    return case.number


def test_a_case_from_report_to_close(new_uow: Any) -> None:
    with new_uow() as uow:
        number = record(uow, factors=Factors(reach="public", intent="deliberate"))
    with new_uow() as uow:
        recs = sv.recommend_steps(uow, "vd-alk", number, settings=S)
    assert (rec := recs["s-alk1"]) is not None
    assert rec.step == "suspension"  # base 2 + public + deliberate = 4
    with new_uow() as uow:
        sv.decide_step(uow, "vd-alk", number, "s-alk1", "suspension", days=2, settings=S)
    with new_uow() as uow:
        views = sv.list_obligations(uow, "vd-alk", settings=S)
    kinds = {v.obligation.kind for v in views if v.case_number == number}
    assert kinds == {
        "offer-support",  # care for the target, since recording
        "written-decision",
        "report-inspectie",
        "inform-leerplicht",
        "inform-target",
    }
    assert not any(v.overdue for v in views)
    with new_uow() as uow:
        first = next(v for v in views if v.case_number == number)
        sv.complete_obligation(uow, "tl-alk", number, first.obligation.seq, settings=S)
    with new_uow() as uow:
        sv.close_case(uow, "vd-alk", number, "Afgehandeld", settings=S)
    with new_uow() as uow:
        case = sv.show_case(uow, "vd-alk", number, settings=S)
        assert case.state.value == "closed"
        assert [e.kind for e in case.events] == [
            "recorded",
            "assessed",
            "decided",
            "obligation_completed",
            "closed",
        ]


def test_obligations_become_overdue_in_school_days(new_uow: Any) -> None:
    with new_uow() as uow:
        number = record(uow, factors=Factors(reach="public", intent="deliberate"))
    with new_uow() as uow:
        sv.decide_step(uow, "vd-alk", number, "s-alk1", "suspension", days=3, settings=S)
    later = settings_at(NOW.add(days=14))
    with new_uow() as uow:
        overdue = sv.list_obligations(uow, "vd-alk", overdue_only=True, settings=later)
    assert overdue and all(v.overdue for v in overdue)
    assert all(v.id.startswith(number + "/") for v in overdue)


def test_earlier_decided_cases_raise_the_recommendation(new_uow: Any) -> None:
    with new_uow() as uow:
        first = record(uow, clauses=["1.1"], factors=Factors())  # severity 1
    with new_uow() as uow:
        sv.decide_step(uow, "men-alk", first, "s-alk1", "talk-mentor", settings=S)
    with new_uow() as uow:
        second = record(
            uow,
            occurred_at=OCCURRED.add(days=1),
            clauses=["1.1"],
            factors=Factors(),
            settings=settings_at(NOW.add(hours=1)),
        )
    with new_uow() as uow:
        rec = sv.recommend_steps(uow, "vd-alk", second, settings=S)["s-alk1"]
    assert rec is not None
    assert (rec.prior_cases, rec.step) == (1, "talk-management")


def test_unknown_people_and_locations_are_named(new_uow: Any) -> None:
    with new_uow() as uow, pytest.raises(InvalidInputError, match="ghost"):
        record(uow, offenders=["s-alk1", "ghost"])
    with new_uow() as uow, pytest.raises(InvalidInputError, match="yours: Alkmaar$"):
        record(uow, location="Atlantis")  # only the director's own location is listed
    with new_uow() as uow, pytest.raises(InvalidInputError, match="Alkmaar, Bergen"):
        record(uow, actor="cvb1", location="Atlantis")  # the board may choose any
    with new_uow() as uow, pytest.raises(NotFoundError, match="2025-0999"):
        sv.show_case(uow, "vd-alk", "2025-0999", settings=S)


def test_naming_people_of_another_location_answers_as_for_nobody(new_uow: Any) -> None:
    """Targets, witnesses and reporters tried one by one must not tell a director who
    exists at another location: a Bergen student and an id nobody has get the same words.
    """
    answers = []
    for someone in ("s-ber1", "ghost-1"):
        for role in ("targets", "witnesses"):
            named: dict[str, Any] = {role: ["norole", someone] if role == "targets" else [someone]}
            with new_uow() as uow, pytest.raises(InvalidInputError) as refused:
                record(uow, **named)
            answers.append(str(refused.value).replace(someone, "ID"))
        with new_uow() as uow, pytest.raises(InvalidInputError) as refused:
            record(uow, reporter=someone)
        answers.append(str(refused.value).replace(someone, "ID"))
    assert len(set(answers)) == 1 and "not found" in answers[0]
    with new_uow() as uow:  # a classmate and a teacher of the case's own location: fine
        assert record(uow, targets=["s-alk2"], witnesses=["men-alk"])


def test_override_needs_a_reason_and_transitions_are_checked(new_uow: Any) -> None:
    with new_uow() as uow:
        number = record(uow, factors=Factors())
    with new_uow() as uow, pytest.raises(InvalidInputError, match="reason"):
        sv.override_severity(uow, "vd-alk", number, "s-alk1", 3, "", settings=S)
    with new_uow() as uow:
        assert (
            sv.override_severity(uow, "vd-alk", number, "s-alk1", 3, "Herhaling", settings=S).level
            == 3
        )
    with new_uow() as uow, pytest.raises(IllegalTransitionError):
        sv.file_objection(uow, "vd-alk", number, "Ouders niet eens", settings=S)


def test_a_refused_override_leaves_the_case_unchanged(new_uow: Any) -> None:
    with new_uow() as uow:
        number = record(uow)
    factors = Factors(reach="viral")
    with new_uow() as uow, pytest.raises(InvalidInputError, match="reason"):
        sv.assess_offender(uow, "vd-alk", number, "s-alk1", factors, override=(3, ""), settings=S)
    with new_uow() as uow:
        case = sv.show_case(uow, "vd-alk", number, settings=S)
    assert case.state.value == "reported"
    assert [e.kind for e in case.events] == ["recorded"]
    assert case.assessments == []
    with new_uow() as uow:
        both = sv.assess_offender(
            uow, "vd-alk", number, "s-alk1", factors, override=(4, "Herhaling"), settings=S
        )
    assert (both.computed_level, both.override_level) == (3, 4)  # base 2, +1 viral
    with new_uow() as uow:
        case = sv.show_case(uow, "vd-alk", number, settings=S)
    assert [e.kind for e in case.events] == ["recorded", "assessed", "severity_overridden"]
    with new_uow() as uow, pytest.raises(InvalidInputError, match="factors, an override"):
        sv.assess_offender(uow, "vd-alk", number, "s-alk1", settings=S)


def test_objection_upheld_revokes_the_decision(new_uow: Any) -> None:
    with new_uow() as uow:
        number = record(uow, factors=Factors())
    with new_uow() as uow:
        sv.decide_step(uow, "tl-alk", number, "s-alk1", "talk-management", settings=S)
    with new_uow() as uow:
        sv.file_objection(uow, "tl-alk", number, "Ouders maken bezwaar", settings=S)
    with new_uow() as uow, pytest.raises(PermissionDeniedError):
        sv.decide_objection(uow, "tl-alk", number, True, "Terecht", settings=S)
    with new_uow() as uow:
        case = sv.decide_objection(uow, "vd-alk", number, True, "Terecht", settings=S)
    assert case.state.value == "assessed" and case.decisions[0].revoked


def test_involvements_and_clauses_can_change(new_uow: Any) -> None:
    with new_uow() as uow:
        number = record(uow)
    with new_uow() as uow:
        sv.start_investigation(uow, "tl-alk", number, "Gesprek gepland", settings=S)
    with new_uow() as uow:
        sv.add_involvement(uow, "tl-alk", number, "s-alk2", "offender", settings=S)
    with new_uow() as uow:
        sv.cite_clause(uow, "tl-alk", number, "s-alk2", "1.1", settings=S)
    with new_uow() as uow:
        sv.cite_clause(uow, "tl-alk", number, "s-alk2", "6.3", settings=S)
    with new_uow() as uow:
        sv.withdraw_clause(uow, "tl-alk", number, "s-alk2", "1.1", "Niet aangetoond", settings=S)
    with new_uow() as uow:
        sv.assess_offender(uow, "tl-alk", number, "s-alk2", Factors(), settings=S)
    with new_uow() as uow:
        case = sv.remove_involvement(
            uow, "tl-alk", number, "s-alk2", "offender", "Was het niet", settings=S
        )
    assert case.offender_ids == ["s-alk1"]
    with new_uow() as uow:
        assert (
            sv.dismiss_case(uow, "tl-alk", number, "Ongegrond", settings=S).state.value
            == "dismissed"
        )


def test_a_case_with_an_external_offender_is_referred_and_closes(new_uow: Any) -> None:
    with new_uow() as uow:
        if uow.people.find("ouder1") is None:
            uow.people.add(Person(id="ouder1", kind="external", first_name="O", last_name="Uder"))
            uow.commit()
    with new_uow() as uow:
        number = record(uow, offenders=["s-alk1", "ouder1"], clauses=["1.1"])
    with new_uow() as uow:
        sv.assess_offender(uow, "vd-alk", number, "s-alk1", Factors(), settings=S)
    with new_uow() as uow:  # the student's step is there before the parent is assessed
        recs = sv.recommend_steps(uow, "vd-alk", number, settings=S)
    assert recs["ouder1"] is None
    assert recs["s-alk1"] is not None
    assert recs["s-alk1"].step == "talk-mentor"
    with new_uow() as uow:
        sv.assess_offender(uow, "vd-alk", number, "ouder1", Factors(), settings=S)
    with new_uow() as uow:
        recs = sv.recommend_steps(uow, "vd-alk", number, settings=S)
    assert recs["ouder1"] is not None
    assert recs["ouder1"].step == "referred"
    with new_uow() as uow, pytest.raises(NotFoundError):  # the parent is no mentor's student
        sv.decide_step(uow, "men-alk", number, "ouder1", "referred", settings=S)
    with new_uow() as uow, pytest.raises(InvalidInputError, match="not a external step"):
        sv.decide_step(uow, "vd-alk", number, "ouder1", "suspension", days=2, settings=S)
    with new_uow() as uow:
        sv.decide_step(uow, "tl-alk", number, "ouder1", "referred", settings=S)
        sv.decide_step(uow, "tl-alk", number, "s-alk1", "talk-mentor", settings=S)
    with new_uow() as uow:
        case = sv.close_case(uow, "vd-alk", number, "Doorverwezen; mentorgesprek", settings=S)
    assert case.state.value == "closed"
    assert not [o for o in case.obligations if o.offender_id == "ouder1"]  # no duties
