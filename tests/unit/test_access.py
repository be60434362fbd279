"""The permission table on its own: each role's scope and actions, and the refusal text."""

from __future__ import annotations

import datetime as dt

import pytest

from pcc_cases.access import PERMISSIONS, Action, Actor, Scope, concerns_pr, permission_rows
from pcc_cases.domain.case import Case
from pcc_cases.domain.people import PersonKind, Role
from tests.builders import a_case, a_person

ALKMAAR = a_case(location="Alkmaar")
BERGEN = a_case(location="Bergen")


def staff(*roles: Role, location: str | None = "Alkmaar", **kw: object) -> Actor:
    person = a_person("st1", kind="staff", roles=set(roles), location=location, **kw)
    return Actor(person=person, mentees=frozenset({"s1"}))


# The offenders' records: s1 (st1's mentee) lives in Bergen, s2 in Alkmaar, x1 is external.
OFFENDERS = {
    "s1": a_person("s1", location="Bergen"),
    "s2": a_person("s2", location="Alkmaar"),
    "s3": a_person("s3", location="Bergen"),
    "x1": a_person("x1", kind="external", location=None),
}
KINDS = {p.id: p.kind for p in OFFENDERS.values()} | {"st1": PersonKind.STAFF}


def case_of(*offenders: str, location: str = "Alkmaar", **roles: str) -> Case:
    """A case at ``location`` with these offenders (clause 1.1), others by role."""
    involvements = [(o, "offender") for o in offenders] + [(p, r) for r, p in roles.items()]
    return a_case(
        location=location,
        involvements=involvements,
        violations=[(o, "1.1") for o in offenders],
        person_kinds=KINDS,
    )


@pytest.mark.parametrize(
    ("clause", "pr"), [("2.1", True), ("6.8", True), ("6.1", False), ("1.2", False)]
)
def test_pr_reaches_article_2_and_clause_6_8_only(clause: str, pr: bool) -> None:
    assert concerns_pr(a_case(violations=[("s1", clause)])) is pr


def test_active_means_staff_who_have_not_left() -> None:
    today = dt.date(2026, 3, 2)
    assert staff(Role.MENTOR).active_on(today)
    assert staff(Role.MENTOR, left_on=today + dt.timedelta(days=1)).active_on(today)
    assert not staff(Role.MENTOR, left_on=today).active_on(today)
    assert not Actor(person=a_person("s9")).active_on(today)


@pytest.mark.parametrize(
    ("role", "scope"),
    [
        (Role.MENTOR, Scope.OWN_STUDENTS),
        (Role.TEAMLEIDER, Scope.LOCATION),
        (Role.VESTIGINGSDIRECTEUR, Scope.LOCATION),
        (Role.CVB, Scope.ALL),
        (Role.PR, Scope.PR_ARTICLES),
        (Role.FG, Scope.ALL),
    ],
)
def test_each_role_views_within_its_scope(role: Role, scope: Scope) -> None:
    actor = staff(role)
    assert actor.scopes_for(Action.VIEW) == {scope}
    mentee_elsewhere = a_case(location="Bergen")  # s1, the actor's mentee, is the offender
    stranger_elsewhere = a_case(
        location="Bergen", involvements=[("s2", "offender")], violations=[("s2", "1.2")]
    )
    pr_elsewhere = a_case(
        location="Bergen", involvements=[("s2", "offender")], violations=[("s2", "6.8")]
    )
    alkmaar = a_case(involvements=[("s2", "offender")], violations=[("s2", "1.2")])
    reached = {
        "alkmaar": actor.may(Action.VIEW, alkmaar, OFFENDERS),
        "mentee": actor.may(Action.VIEW, mentee_elsewhere, OFFENDERS),
        "stranger": actor.may(Action.VIEW, stranger_elsewhere, OFFENDERS),
        "pr": actor.may(Action.VIEW, pr_elsewhere, OFFENDERS),
    }
    expected = {
        Scope.OWN_STUDENTS: {"alkmaar": False, "mentee": True, "stranger": False, "pr": False},
        Scope.LOCATION: {"alkmaar": True, "mentee": False, "stranger": False, "pr": False},
        Scope.ALL: {"alkmaar": True, "mentee": True, "stranger": True, "pr": True},
        Scope.PR_ARTICLES: {"alkmaar": False, "mentee": False, "stranger": False, "pr": True},
    }[scope]
    assert reached == expected


def test_a_mentor_needs_every_offender_and_a_witness_lends_nothing() -> None:
    mentor = staff(Role.MENTOR)
    assert mentor.may(Action.HANDLE, case_of("s1"), OFFENDERS)
    assert not mentor.may(Action.HANDLE, case_of("s1", "s2"), OFFENDERS)
    assert not mentor.may(Action.HANDLE, case_of("s2", witness="s1"), OFFENDERS)
    assert not mentor.may(Action.HANDLE, case_of("s2", target="s1"), OFFENDERS)


def test_a_location_needs_the_case_and_every_offender_there() -> None:
    director = staff(Role.VESTIGINGSDIRECTEUR)
    assert director.may(Action.DECIDE, case_of("s2"), OFFENDERS)
    assert not director.may(Action.DECIDE, case_of("s2", "s3"), OFFENDERS)
    assert not director.may(Action.DECIDE, case_of("s3"), OFFENDERS)  # a Bergen student
    assert not director.may(Action.DECIDE, case_of("s2", location="Bergen"), OFFENDERS)
    assert not director.may(Action.DECIDE, case_of("s2"), {})  # an offender not known: no
    # An offender without a location (an outsider) belongs to the case's location.
    assert director.may(Action.DECIDE, case_of("x1"), OFFENDERS)
    assert not director.may(Action.DECIDE, case_of("x1", location="Bergen"), OFFENDERS)


@pytest.mark.parametrize("role", ["witness", "target", "reporter"])
def test_whoever_is_involved_reaches_the_case_in_no_role(role: str) -> None:
    for actor in (staff(Role.CVB), staff(Role.FG), staff(Role.VESTIGINGSDIRECTEUR)):
        case = case_of("s2", **{role: "st1"})
        assert actor.conflicted(case)
        assert not actor.may(Action.VIEW, case, OFFENDERS)
        assert actor.refusal(Action.VIEW, case).startswith("st1 is involved in case")
    assert not staff(Role.CVB).conflicted(case_of("s2"))


def test_no_role_no_location_no_permission() -> None:
    nobody = staff()
    assert nobody.scopes_for(Action.VIEW) == set()
    assert not nobody.may(Action.RECORD)
    assert not nobody.may(Action.VIEW, ALKMAAR)
    homeless_director = staff(Role.VESTIGINGSDIRECTEUR, location=None)
    assert homeless_director.may(Action.RECORD)  # the action, but no case it reaches
    assert not homeless_director.may(Action.VIEW, ALKMAAR)
    assert homeless_director.report_locations(Action.REPORT) == frozenset()
    # Nor anyone's person record, not even of others without a location.
    assert not homeless_director.may_see_person(a_person("cvb9", kind="staff", location=None))


def test_report_locations_all_one_or_none() -> None:
    assert staff(Role.CVB).report_locations(Action.REPORT) is None
    assert staff(Role.TEAMLEIDER).report_locations(Action.REPORT) == {"Alkmaar"}
    assert staff(Role.TEAMLEIDER).report_locations(Action.REPORT_UNSUPPRESSED) == frozenset()
    assert staff(Role.VESTIGINGSDIRECTEUR).report_locations(Action.REPORT_UNSUPPRESSED) == {
        "Alkmaar"
    }
    assert staff(Role.MENTOR).report_locations(Action.REPORT) == frozenset()


def test_who_may_see_a_person() -> None:
    mentee, other = a_person("s1", location="Bergen"), a_person("s2", location="Alkmaar")
    far = a_person("s3", location="Bergen")
    mentor, director = staff(Role.MENTOR), staff(Role.VESTIGINGSDIRECTEUR)
    assert [mentor.may_see_person(p) for p in (mentee, other, far)] == [True, False, False]
    assert [director.may_see_person(p) for p in (mentee, other, far)] == [False, True, False]
    assert [staff(Role.FG).may_see_person(p) for p in (mentee, other, far)] == [True] * 3
    assert [staff(Role.PR).may_see_person(p) for p in (mentee, other, far)] == [False] * 3
    assert mentor.may_see_person(mentor.person)  # oneself
    assert not staff(Role.PR).may_see_person(staff(Role.PR).person)  # PR may not list people


def test_the_refusal_names_the_actor_roles_action_and_case() -> None:
    case = a_case()
    case.number = "2025-0007"
    actor = staff(Role.PR, Role.MENTOR)
    assert actor.refusal(Action.DECIDE, case) == (
        "st1 (roles: mentor, pr) may not decide case 2025-0007; "
        "see the permission table in the documentation"
    )
    assert staff().refusal(Action.PURGE, None) == (
        "st1 (roles: none) may not purge; see the permission table in the documentation"
    )
    assert staff().refusal(Action.VIEW, a_case()) == (
        "st1 (roles: none) may not view; see the permission table in the documentation"
    )


def test_the_permission_rows_list_every_role_with_sorted_actions() -> None:
    rows = list(permission_rows())
    assert [r[0] for r in rows] == [
        "mentor",
        "teamleider",
        "vestigingsdirecteur",
        "cvb",
        "pr",
        "fg",
    ]
    assert rows[0] == (
        "mentor",
        "own-students",
        ["close", "decide", "handle", "record", "view", "view-people"],
    )
    assert rows[4] == ("pr", "pr-articles", ["view"])


def test_every_role_has_a_row_in_the_table() -> None:
    assert set(PERMISSIONS) == set(Role)


def test_a_case_without_offenders_is_reached_by_no_scope_of_offenders() -> None:
    """Fail closed: "every offender is mine" must not hold of a case with none."""
    case = case_of("s2", witness="s1")
    case.involvements = [i for i in case.involvements if i.person_id != "s2"]
    assert case.offender_ids == []
    assert not staff(Role.MENTOR).may(Action.VIEW, case, OFFENDERS)
    assert not staff(Role.VESTIGINGSDIRECTEUR).may(Action.VIEW, case, OFFENDERS)
    assert staff(Role.CVB).may(Action.VIEW, case, OFFENDERS)
