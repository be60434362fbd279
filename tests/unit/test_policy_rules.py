"""The policy's rules pinned at their exact limits, so that no off-by-one slips through.

Written against the surviving mutants of a mutation run (``make mutation``): each test
names the rule it pins.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import attrs
import pytest

from pcc_cases.domain.errors import InvalidInputError, PolicyError
from pcc_cases.domain.factors import Factors
from pcc_cases.domain.people import PersonKind
from pcc_cases.domain.policy import Duty, Policy
from pcc_cases.domain.policy_file import default_policy, default_policy_text, load_policy_text
from pcc_cases.domain.protocol import ClauseKind, load_protocol

POLICY = default_policy()
PROTOCOL = load_protocol()
STUDENT = PersonKind.STUDENT


def assess(
    clause_ids: list[str], policy: Policy = POLICY, **kw: Any
) -> tuple[int, tuple[str, ...]]:
    clauses = [PROTOCOL.clause(c) for c in clause_ids]
    result = policy.severity.assess(clauses, Factors(**kw))
    return result.level, result.reasons


def policy_with(old: str, new: str) -> Policy:
    text = default_policy_text()
    assert old in text, old
    return load_policy_text(text.replace(old, new, 1))


@pytest.mark.parametrize(
    ("factor", "reason"),
    [
        ({"reach": "public"}, "+1 reach public"),
        ({"reach": "viral"}, "+1 reach viral"),
        ({"intent": "deliberate"}, "+1 intent deliberate"),
        ({"harm": "person"}, "+1 harm to a person or confidential data"),
        ({"confidential": True}, "+1 harm to a person or confidential data"),
    ],
)
def test_each_aggravating_factor_adds_exactly_one_with_its_reason(
    factor: dict[str, Any], reason: str
) -> None:
    assert assess(["1.1"], **factor) == (2, ("base 1 (clause 1.1)", reason))


@pytest.mark.parametrize(
    "factor",
    [
        {"reach": "private"},
        {"reach": "group"},
        {"intent": "accidental"},
        {"intent": "negligent"},
        {"harm": "embarrassment"},
        {"harm": "reputation"},
    ],
)
def test_factors_that_do_not_aggravate_add_nothing(factor: dict[str, Any]) -> None:
    assert assess(["1.1"], **factor) == (1, ("base 1 (clause 1.1)",))


def test_every_factor_together_is_capped_at_four_with_every_reason() -> None:
    level, reasons = assess(
        ["5.1"], reach="viral", intent="deliberate", harm="person", confidential=True
    )
    assert level == 4
    assert reasons == (
        "base 3 (clause 5.1)",
        "+1 reach viral",
        "+1 intent deliberate",
        "+1 harm to a person or confidential data",
    )


def test_removal_and_apology_subtract_the_policy_amount_not_below_one() -> None:
    assert assess(["5.1"], removed_and_apologised=True) == (
        2,
        ("base 3 (clause 5.1)", "-1 removed and apologised"),
    )
    two = policy_with("removed_and_apologised = 1", "removed_and_apologised = 2")
    assert assess(["5.1"], two, removed_and_apologised=True)[0] == 1
    assert assess(["5.1"], two, removed_and_apologised=True, reach="public")[0] == 2
    none = policy_with("removed_and_apologised = 1", "removed_and_apologised = 0")
    assert assess(["5.1"], none, removed_and_apologised=True) == (3, ("base 3 (clause 5.1)",))


def test_mitigation_applies_before_the_cap() -> None:
    # 3 + 3 aggravating = 6, -1 = 5, capped to 4: the cap comes last.
    level, _ = assess(
        ["5.1"], reach="viral", intent="deliberate", harm="person", removed_and_apologised=True
    )
    assert level == 4
    assert assess(["1.1"], reach="public", removed_and_apologised=True)[0] == 1


def test_a_criminal_aspect_sets_the_policy_level_and_says_so() -> None:
    assert assess(["1.1"], criminal=True) == (
        4,
        ("base 1 (clause 1.1)", "criminal aspect: level 4"),
    )
    three = policy_with("level = 4 ", "level = 3 ")
    assert assess(["1.1"], three, criminal=True)[0] == 3
    # Already at the criminal level: nothing is added, no reason.
    assert assess(["5.1"], three, criminal=True) == (3, ("base 3 (clause 5.1)",))
    assert assess(["5.1"], three, criminal=True, reach="public")[0] == 4


def test_the_base_comes_from_the_policy_alone() -> None:
    by_kind = policy_with("guideline = 1", "guideline = 3")
    assert assess(["6.7"], by_kind) == (3, ("base 3 (clause 6.7)",))
    assert assess(["1.1"], by_kind)[0] == 1  # a rule keeps the rule base
    by_clause = policy_with('"1.1" = 1', '"1.1" = 4')
    assert assess(["1.1"], by_clause) == (4, ("base 4 (clause 1.1)",))
    assert assess(["1.1", "1.2"], by_clause)[1][0] == "base 4 (clause 1.1)"
    assert POLICY.severity.kind_base == {
        ClauseKind.RULE: 1,
        ClauseKind.GUIDANCE: 1,
        ClauseKind.GUIDELINE: 1,
    }


def test_awareness_text_has_no_base() -> None:
    with pytest.raises(InvalidInputError, match="clause 4.1 is awareness text"):
        POLICY.severity.base_of(PROTOCOL.clause("4.1"))


@pytest.mark.parametrize(("days", "inspectie"), [(1, False), (2, True), (5, True)])
def test_the_inspectie_is_told_of_a_suspension_from_two_school_days(
    days: int, inspectie: bool
) -> None:
    kinds = {d.kind for d in POLICY.duties_for("step:suspension", STUDENT, days)}
    assert ("report-inspectie" in kinds) is inspectie
    assert {"written-decision", "inform-leerplicht"} <= kinds


def test_duties_match_their_trigger_and_kind_exactly() -> None:
    assert POLICY.duties_for("step:suspension", None, 3) == ()
    staff_suspension = POLICY.duties_for("step:suspension", PersonKind.STAFF, 3)
    assert [d.kind for d in staff_suspension] == ["objection-term"]
    assert [d.kind for d in POLICY.duties_for("clause:6.8", None)] == ["forward-to-pr"]
    assert [d.kind for d in POLICY.duties_for("fact:criminal", PersonKind.STAFF)] == [
        "police-referral"
    ]
    assert POLICY.duties_for("step:talk-mentor", STUDENT) == ()
    preparing = POLICY.duties_for("prepare:expulsion", STUDENT)
    assert [(d.kind, d.due_school_days) for d in preparing] == [
        ("hear-parties", 5),
        ("consult-inspectie", 5),
        ("inform-leerplicht", 5),
    ]
    expulsion = POLICY.duties_for("step:expulsion", STUDENT)
    assert [(d.kind, d.due_school_days, d.due_days) for d in expulsion] == [
        ("find-other-school", 40, None),
        ("copy-inspectie-leerplicht", 2, None),
        ("written-decision", 1, None),
        ("objection-term", 0, 42),
    ]
    assert [d.kind for d in POLICY.duties_for("target:recorded", PersonKind.STAFF)] == [
        "offer-support"
    ]
    assert [d.kind for d in POLICY.duties_for("target:decided", None)] == ["inform-target"]


def test_a_duty_text_is_in_the_language_asked() -> None:
    duty = POLICY.duties_for("clause:6.8", None)[0]
    assert duty.text("en").startswith("Forward the post")
    assert duty.text("nl").startswith("Bericht over het PCC")


@pytest.mark.parametrize(
    ("severity", "prior", "step", "consider"),
    [
        (1, 0, "talk-mentor", None),
        (1, 1, "talk-management", None),
        (3, 1, "suspension", None),
        (3, 2, "suspension", None),
        (4, 0, "suspension", "expulsion"),
        (4, 5, "suspension", "expulsion"),
    ],
)
def test_each_earlier_case_raises_the_recommendation_one_step_up_to_the_cap(
    severity: int, prior: int, step: str, consider: str | None
) -> None:
    rec = POLICY.recommend(STUDENT, severity, prior)
    assert (rec.step, rec.consider, rec.severity, rec.prior_cases) == (
        step,
        consider,
        severity,
        prior,
    )


@pytest.mark.parametrize(("severity", "prior"), [(0, 0), (5, 0), (1, -1)])
def test_recommendation_refuses_impossible_input(severity: int, prior: int) -> None:
    with pytest.raises(InvalidInputError):
        POLICY.recommend(STUDENT, severity, prior)


def test_the_ladders_know_their_steps_authority_and_length() -> None:
    ladder = POLICY.ladder(STUDENT)
    suspension = ladder.step("suspension")
    assert (suspension.min_days, suspension.max_days, suspension.has_length) == (1, 5, True)
    assert ladder.step("internal-suspension").has_length
    assert not ladder.step("talk-mentor").has_length
    assert suspension.label("nl") == "schorsing" and suspension.label("en") == "suspension"
    assert [ladder.index(s.name) for s in ladder.steps] == list(range(6))
    with pytest.raises(InvalidInputError, match="allowed: talk-mentor, talk-management"):
        ladder.step("schorsing")


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('trigger = "step:suspension"', 'trigger = "step:suspenson"', r"duties\[0\]\.trigger"),
        ('trigger = "clause:6.8"', 'trigger = "clause:6,8"', r"duties\[\d+\]\.trigger"),
        ('trigger = "clause:6.8"', 'trigger = "clause:"', r"duties\[\d+\]\.trigger"),
        ('applies_to = "student"', 'applies_to = "pupil"', r"duties\[0\]\.applies_to"),
        ("due_school_days = 1", "due_school_days = -1", r"due_school_days: -1 is negative"),
        ("guideline = 1", "guideline = 0", r"severity\.kind_base\.guideline: 0 is not 1 to 4"),
        ("guideline = 1", "guideline = 5", r"severity\.kind_base\.guideline: 5"),
        ("guideline = 1\n", "", r"severity\.kind_base: missing guideline"),
        ("guideline = 1", "awareness = 1", r"severity\.kind_base\.awareness: not a citable"),
        ('"1.1" = 1', '"1.l" = 1', r"severity\.clause_base\.1\.l: not a clause id"),
        ('"1.1" = 1', '"1.1" = true', r"severity\.clause_base\.1\.1: True is not"),
        ("removed_and_apologised = 1 ", "removed_and_apologised = 4 ", r"not 0 to 3"),
        ("removed_and_apologised = 1 ", "removed_and_apologised = -1 ", r"not 0 to 3"),
        ("level = 4 ", "level = 0 ", r"severity\.criminal\.level: 0 is not 1 to 4"),
        ("level = 4 ", "level = 5 ", r"severity\.criminal\.level: 5"),
        (
            'max_days = 5\n\n[[ladders.student]]\nstep = "suspension"',
            'max_days = 0\n\n[[ladders.student]]\nstep = "suspension"',
            r"max_days: 0 must be at least 1",
        ),
        (
            "min_days = 1\nmax_days = 5",
            "min_days = 6\nmax_days = 5",
            r"max_days: 5 must be at least 1 and min_days",
        ),
        ("min_days = 1\nmax_days = 5", "min_days = -1\nmax_days = 5", r"min_days: -1 is negative"),
        ('step = "talk-manager"', 'step = "written-warning"', r"ladders\.staff: step names"),
        ('staff = ["talk-manager", ', "staff = [", r"recommendation\.staff: needs exactly 4"),
        (
            '"talk-manager", "written-warning", "reprimand", "suspension"]',
            '"talk-manager", "written-warning", "reprimand", "schorsing"]',
            r"'schorsing' is not a step of the staff ladder",
        ),
        ('student = "expulsion"', 'student = "verwijdering"', r"consider_at_cap\.student"),
        ("consider_at_cap = { student", "consider_at_cap = { pupil", r"consider_at_cap\.pupil"),
        ("[calendar]", "[calendar]\nholidays = 3\n[x]", r"calendar\.holidays: expected list"),
    ],
)
def test_every_mistake_in_a_policy_file_is_refused_with_its_key(
    old: str, new: str, message: str
) -> None:
    text = default_policy_text()
    assert old in text, old
    with pytest.raises(PolicyError, match=message):
        load_policy_text(text.replace(old, new, 1))


@pytest.mark.parametrize(
    ("old", "new", "where"),
    [
        ('"5.1" = 3', '"5.9" = 3', r"severity\.clause_base\.5\.9: '5\.9' is not a citable"),
        ('trigger = "clause:6.8"', 'trigger = "clause:7.1"', r"duties\[\d+\]\.trigger: '7\.1'"),
    ],
)
def test_a_policy_naming_clauses_the_protocol_lacks_is_refused(
    old: str, new: str, where: str
) -> None:
    policy = policy_with(old, new)
    with pytest.raises(PolicyError, match=where):
        policy.check_against(PROTOCOL)
    POLICY.check_against(PROTOCOL)  # the bundled policy fits the bundled protocol


def test_settings_check_the_policy_against_the_protocol() -> None:
    from pcc_cases.services.settings import Settings

    wrong = policy_with('"5.1" = 3', '"5.7" = 3')
    with pytest.raises(PolicyError, match="5.7"):
        Settings(policy=wrong)


def refusal(call: Callable[[], object]) -> tuple[str | None, str]:
    with pytest.raises(InvalidInputError) as refused:
        call()
    return refused.value.field, refused.value.message


def test_the_models_refusals_name_their_field_and_say_why() -> None:
    severity = POLICY.severity
    assert refusal(lambda: severity.base_of(PROTOCOL.clause("4.1"))) == (
        "severity",
        "clause 4.1 is awareness text and has no base severity",
    )
    assert refusal(lambda: severity.assess([], Factors())) == (
        "severity",
        "cite at least one clause before assessing",
    )
    assert refusal(lambda: POLICY.ladder(STUDENT).step("schorsing")) == (
        "step",
        (
            "'schorsing' is not a student step; allowed: talk-mentor, talk-management, "
            "sanction, internal-suspension, suspension, expulsion"
        ),
    )
    assert refusal(lambda: POLICY.recommend(STUDENT, 5, 0)) == (
        "severity",
        "5 is not between 1 and 4",
    )
    assert refusal(lambda: POLICY.recommend(STUDENT, 2, -1)) == ("prior cases", "-1 is negative")


def test_the_result_keeps_the_base_apart_from_the_level() -> None:
    result = POLICY.severity.assess([PROTOCOL.clause("1.1")], Factors(reach="public"))
    assert (result.base, result.level) == (1, 2)


def test_every_duty_of_a_trigger_is_weighed_on_its_own() -> None:
    def duty(kind: str, trigger: str, applies_to: str, min_length: int | None = None) -> Duty:
        return Duty(kind, trigger, applies_to, 1, kind, kind, min_length_days=min_length)

    other = duty("other", "step:y", "any")
    staff_only = duty("staff-only", "step:x", "staff")
    students = duty("students", "step:x", "student")
    from_one_day = duty("from-one-day", "step:x", "any", 1)
    policy = attrs.evolve(POLICY, duties=(other, staff_only, students, from_one_day))
    assert policy.duties_for("step:x", STUDENT, 1) == (students, from_one_day)
    assert policy.duties_for("step:x", STUDENT, None) == (students,)  # no length: none of it
    assert policy.duties_for("step:x", None, 2) == (from_one_day,)
    assert policy.duties_for("step:x", PersonKind.STAFF, 0) == (staff_only,)
