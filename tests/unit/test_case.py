"""The case aggregate: recording, citing, assessing, deciding and the legal duties that follow."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from pcc_cases.domain.case_parts import Evidence
from pcc_cases.domain.errors import (
    IllegalTransitionError,
    InvalidInputError,
    NotCitableClauseError,
    NotFoundError,
    PermissionDeniedError,
)
from pcc_cases.domain.lifecycle import CaseState
from pcc_cases.domain.people import PersonKind, Role
from pcc_cases.domain.snapshot import case_snapshot
from tests.builders import KINDS, POLICY, PROTOCOL, T0, a_case, a_person, assessed, decided

REVIEW: dict[str, Any] = {"reviewer_authority": 5, "offender_kinds": KINDS, "policy": POLICY}


def test_recording_creates_a_reported_case_with_one_event() -> None:
    case = a_case()
    assert case.state is CaseState.REPORTED
    assert [e.kind for e in case.events] == ["recorded"]
    assert case.events[0].actor_id == "dir1"
    assert case.offender_ids == ["s1"]
    assert case.school_year == 2025


def test_incident_after_the_report_is_refused() -> None:
    with pytest.raises(InvalidInputError, match="cannot be reported before it happened"):
        a_case(occurred_at=T0.add(hours=1))


@pytest.mark.parametrize(
    ("kw", "message"),
    [
        ({"platform": "myspace"}, "platform: 'myspace' is not allowed; choose one of instagram"),
        ({"summary": "   "}, "summary: must not be empty"),
        ({"location": ""}, "location: must not be empty"),
        ({"involvements": [("s1", "target")]}, "needs at least one offender"),
        ({"involvements": [("s1", "offender"), ("s1", "offender")]}, "already offender"),
        ({"involvements": [("s1", "bystander")]}, "role: 'bystander'"),
        ({"occurred_at": dt.datetime(2026, 3, 1, 9, 0)}, "no time zone"),
    ],
)
def test_invalid_facts_are_refused(kw: dict[str, object], message: str) -> None:
    with pytest.raises(InvalidInputError, match=message):
        a_case(**kw)


def test_citing_awareness_clause_is_refused() -> None:
    with pytest.raises(NotCitableClauseError, match="4.1 is awareness"):
        a_case(violations=[("s1", "4.1")])


def test_staff_only_clause_cannot_be_cited_against_a_student() -> None:
    with pytest.raises(InvalidInputError, match="3.1 applies to staff, not to a student"):
        a_case(violations=[("s1", "3.1")])


def test_offender_without_clause_is_refused() -> None:
    with pytest.raises(InvalidInputError, match="offender s2 has no clause"):
        a_case(involvements=[("s1", "offender"), ("s2", "offender")])


def test_evidence_hash_and_link_are_checked() -> None:
    with pytest.raises(InvalidInputError, match="not a SHA-256 hash"):
        Evidence.create("file-hash", "abc", T0)
    with pytest.raises(InvalidInputError, match="not an http"):
        Evidence.create("link", "javascript:alert(1)", T0)
    assert Evidence.create("link", "https://example.org/p/1", T0).reference.startswith("https")


def test_citing_6_8_creates_forward_to_pr_obligation() -> None:
    case = a_case(violations=[("s1", "6.8")])
    assert [(o.kind, o.due_on, o.target_id) for o in case.obligations] == [
        ("forward-to-pr", dt.date(2026, 3, 3), None),
        ("offer-support", dt.date(2026, 3, 4), "t1"),  # t1 is the case's target
    ]


def test_assessment_and_override_keep_both_levels() -> None:
    case = a_case()
    assessed(case, reach="public", intent="deliberate")
    assert case.state is CaseState.ASSESSED
    assert case.severity == 4
    with pytest.raises(InvalidInputError, match="reason: must not be empty"):
        case.override_severity("s1", 3, "", "dir1", T0)
    case.override_severity("s1", 3, "Bericht binnen een uur verwijderd", "dir1", T0)
    assessment = case.assessment_of("s1")
    assert assessment is not None
    assert (assessment.computed_level, assessment.level) == (4, 3)
    assert case.events[-1].data == {"offender_id": "s1", "computed_level": 4, "level": 3}


def test_citing_after_assessment_recomputes_level() -> None:
    case = a_case()
    assessed(case)
    case.cite("s1", "5.1", PROTOCOL, KINDS, POLICY, "dir1", T0)
    assert case.severity == 3
    case.withdraw("s1", "5.1", PROTOCOL, POLICY, "dir1", T0, "Geen vertrouwelijke info")
    assert case.severity == 2
    with pytest.raises(InvalidInputError, match="only clause"):
        case.withdraw("s1", "1.2", PROTOCOL, POLICY, "dir1", T0, "x")


def test_suspension_creates_legal_duties_in_school_days() -> None:
    case = a_case()
    assessed(case, reach="public", intent="deliberate")
    decided(case, "suspension", days=3)
    kinds = {o.kind: o.due_on for o in case.obligations}
    assert kinds == {
        "offer-support": dt.date(2026, 3, 4),  # for the target, since recording
        "written-decision": dt.date(2026, 3, 3),
        "report-inspectie": dt.date(2026, 3, 4),
        "inform-leerplicht": dt.date(2026, 3, 4),
        "objection-term": dt.date(2026, 4, 13),  # six weeks, in calendar days
        "inform-target": dt.date(2026, 3, 9),
    }
    written = next(o for o in case.obligations if o.kind == "written-decision")
    assert written.is_overdue(dt.date(2026, 3, 4))
    case.complete_obligation(written.seq, "dir1", T0)
    assert not written.is_overdue(dt.date(2026, 3, 4))


@pytest.mark.parametrize("days", [None, 0, 6])
def test_suspension_length_is_one_to_five_school_days(days: int | None) -> None:
    case = a_case()
    assessed(case, reach="public", intent="deliberate")
    with pytest.raises(InvalidInputError, match="1 to 5 school days"):
        decided(case, "suspension", days=days)


def test_step_above_authority_is_refused() -> None:
    case = a_case()
    assessed(case, reach="public", intent="deliberate")
    mentor = a_person("m1", kind="staff", roles={Role.MENTOR})
    with pytest.raises(PermissionDeniedError, match="at least a vestigingsdirecteur"):
        decided(case, "suspension", authority=mentor.authority, days=2)
    with pytest.raises(PermissionDeniedError, match="at least a cvb"):
        decided(case, "expulsion", authority=3, reason="Herhaling")


def test_step_above_recommendation_needs_a_reason() -> None:
    case = a_case()
    assessed(case)
    with pytest.raises(InvalidInputError, match="above the recommended talk-management"):
        decided(case, "sanction")
    decided(case, "sanction", reason="Tweede keer dit schooljaar")
    assert case.state is CaseState.DECIDED


def test_deciding_needs_the_offender_assessed_first() -> None:
    case = a_case(
        involvements=[("s1", "offender"), ("s2", "offender")],
        violations=[("s1", "1.2"), ("s2", "1.1")],
    )
    assessed(case)
    with pytest.raises(InvalidInputError) as refused:
        decided(case, "talk-management", offender="s2")
    assert (refused.value.field, refused.value.message) == (
        "offender",
        "offender s2 has not been assessed yet; assess before deciding",
    )
    with pytest.raises(NotFoundError, match="'t1' is not an offender in this case"):
        decided(case, "talk-management", offender="t1")
    assert case.decisions == []


def test_earlier_cases_raise_the_recommendation_the_aggregate_computes() -> None:
    case = a_case()
    assessed(case)
    assert case.recommendation("s1", PersonKind.STUDENT, 0, POLICY).step == "talk-management"
    assert case.recommendation("s1", PersonKind.STUDENT, 1, POLICY).step == "internal-suspension"
    # No reason needed: with one earlier case, this is the recommendation.
    decided(case, "internal-suspension", days=1, prior_cases=1)
    assert case.decisions[0].recommended_step == "internal-suspension"
    assert case.events[-1].data["recommended_step"] == "internal-suspension"
    assert case.prior_window(POLICY) == (
        case.occurred_at.subtract(days=POLICY.lookback_days),
        case.occurred_at,
    )


def test_an_objection_needs_the_authority_of_the_decisions_it_reviews() -> None:
    case = a_case()
    assessed(case, reach="public", intent="deliberate")
    decided(case, "suspension", days=2)  # decided by a vestigingsdirecteur (authority 3)
    case.file_objection("dir1", T0, "Ouders maken bezwaar")
    assert case.authority_to_review(KINDS, POLICY) == 3
    with pytest.raises(PermissionDeniedError, match="tl1 may not review decisions"):
        case.decide_objection(True, "tl1", T0, "Te zwaar", **{**REVIEW, "reviewer_authority": 2})
    assert (case.state, case.decisions[0].revoked) == (CaseState.UNDER_REVIEW, False)
    case.decide_objection(True, "dir2", T0, "Te zwaar", **{**REVIEW, "reviewer_authority": 3})
    assert case.decisions[0].revoked
    assert case.authority_to_review(KINDS, POLICY) == 0


def test_close_needs_every_offender_decided() -> None:
    case = a_case(
        involvements=[("s1", "offender"), ("s2", "offender")],
        violations=[("s1", "1.2"), ("s2", "1.1")],
    )
    assessed(case)
    assert case.state is CaseState.INVESTIGATING
    assessed(case, "s2")
    decided(case, "talk-management")
    with pytest.raises(InvalidInputError, match="no decision yet for offender"):
        case.close("dir1", T0)
    decided(case, "talk-mentor", offender="s2")
    case.close("dir1", T0, "Ouders en getroffene zijn mondeling geïnformeerd")
    assert case.state is CaseState.CLOSED


def test_objection_upheld_revokes_decisions_and_rejected_returns() -> None:
    case = a_case()
    assessed(case)
    decided(case, "talk-management")
    case.close("dir1", T0, "Afgehandeld")
    case.file_objection("dir1", T0, "Ouders maken bezwaar")
    assert case.state is CaseState.UNDER_REVIEW
    case.decide_objection(False, "cvb1", T0, "Besluit blijft", **REVIEW)
    assert case.state is CaseState.CLOSED
    case.file_objection("dir1", T0, "Opnieuw")
    case.decide_objection(True, "cvb1", T0, "Te zwaar", **REVIEW)
    assert case.state is CaseState.ASSESSED
    assert case.decision_of("s1") is None
    assert case.decisions[0].revoked


def test_illegal_transitions_raise_and_change_nothing() -> None:
    case = a_case()
    before = case_snapshot(case)
    with pytest.raises(
        IllegalTransitionError,
        match="cannot close a case that is reported; allowed when the case is decided",
    ):
        case.close("dir1", T0)
    with pytest.raises(IllegalTransitionError):
        case.file_objection("dir1", T0, "x")
    assert case_snapshot(case) == before


def test_removing_the_only_offender_is_refused() -> None:
    case = a_case()
    with pytest.raises(InvalidInputError, match="only offender"):
        case.remove_involvement("s1", "offender", "dir1", T0, "x")
    with pytest.raises(NotFoundError):
        case.remove_involvement("zz", "witness", "dir1", T0, "x")
    case.remove_involvement("s2", "reporter", "dir1", T0, "Wil anoniem blijven")
    assert "s2" not in case.person_ids
