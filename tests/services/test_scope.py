"""Scope is over offenders, never borrowed from a witness; whoever is involved keeps out;
staff without a location reach nothing; "not yours" looks exactly like "not there"; and
every list of personal data is logged with its filter and size.
"""

from __future__ import annotations

from typing import Any

import pendulum
import pytest

from pcc_cases import services as sv
from pcc_cases.domain.errors import NotFoundError, PermissionDeniedError
from pcc_cases.domain.people import Role
from tests.builders import a_person
from tests.fakes import FakeUnitOfWork
from tests.org import bootstrap, settings_at

S = settings_at()
OCCURRED = pendulum.datetime(2025, 10, 3, 20, tz="Europe/Amsterdam")


def org() -> FakeUnitOfWork:
    uow = FakeUnitOfWork()
    bootstrap(uow)
    return uow


def record(uow: FakeUnitOfWork, **fields: Any) -> str:
    given: dict[str, Any] = {
        "location": "Alkmaar",
        "offenders": ["s-alk3"],  # a student without a mentor
        "clauses": ["1.2"],
    } | fields
    case = sv.record_incident(
        uow, "cvb1", occurred_at=OCCURRED, platform="x", summary="Bericht", settings=S, **given
    )
    return case.number or ""


def hidden(uow: FakeUnitOfWork, actor: str, number: str) -> str:
    """The answer ``actor`` gets for ``number``: it must be "no such case", logged."""
    logged = len(uow.access_log.entries)
    with pytest.raises(NotFoundError) as refused:
        sv.show_case(uow, actor, number, settings=S)
    assert [e.allowed for e in uow.access_log.entries[logged:]] == [False]
    return str(refused.value).replace(number, "N")


def test_a_witness_lends_their_mentor_no_scope() -> None:
    uow = org()
    number = record(uow, witnesses=["s-alk1"], targets=["s-alk2"])  # both men-alk's students
    hidden(uow, "men-alk", number)
    assert sv.list_cases(uow, "men-alk", settings=S) == []


def test_a_mentor_reaches_a_case_only_when_every_offender_is_theirs() -> None:
    uow = org()
    mixed = record(uow, offenders=["s-alk1", "s-alk3"])
    own = record(uow, offenders=["s-alk1", "s-alk2"])
    hidden(uow, "men-alk", mixed)
    assert [c.number for c in sv.list_cases(uow, "men-alk", settings=S)] == [own]
    with pytest.raises(NotFoundError):
        sv.decide_step(uow, "men-alk", mixed, "s-alk1", "talk-mentor", settings=S)
    with pytest.raises(NotFoundError):
        sv.recommend_steps(uow, "men-alk", mixed, settings=S)


def test_a_location_reaches_a_case_only_when_every_offender_is_of_it() -> None:
    uow = org()
    number = record(uow, offenders=["s-alk1", "s-ber1"])
    hidden(uow, "vd-alk", number)
    hidden(uow, "vd-ber", number)
    assert sv.show_case(uow, "cvb1", number, settings=S).number == number


def test_an_external_offender_is_reached_through_the_cases_location() -> None:
    uow = org()
    uow.people.add(a_person("parent1", kind="external", location=None))
    number = record(uow, offenders=["parent1"], clauses=["1.1"])
    assert sv.show_case(uow, "vd-alk", number, settings=S).number == number
    hidden(uow, "vd-ber", number)


@pytest.mark.parametrize("role", ["target", "witness", "reporter"])
def test_whoever_is_involved_may_not_see_or_touch_the_case(role: str) -> None:
    uow = org()
    involvement = {"target": {"targets": ["vd-alk"]}, "witness": {"witnesses": ["vd-alk"]}}.get(
        role, {"reporter": "vd-alk"}
    )
    number = record(uow, **involvement)
    hidden(uow, "vd-alk", number)
    assert "involved" in (uow.access_log.entries[-1].detail or "")
    with pytest.raises(NotFoundError):
        sv.start_investigation(uow, "vd-alk", number, settings=S)
    assert sv.list_cases(uow, "vd-alk", settings=S) == []
    assert sv.show_case(uow, "tl-alk", number, settings=S).number == number


def test_staff_without_a_location_reach_no_location() -> None:
    uow = org()
    uow.people.add(
        a_person("tl-none", kind="staff", location=None, roles=frozenset({Role.TEAMLEIDER}))
    )
    number = record(uow)
    hidden(uow, "tl-none", number)
    seen = sv.list_people(uow, "tl-none", settings=S)
    assert [p.id for p in seen] == ["tl-none"]  # themselves, and no one without a location


def test_not_there_and_not_yours_are_the_same_answer() -> None:
    uow = org()
    number = record(uow, location="Bergen", offenders=["s-ber1"])
    missing = number[:5] + "9999"
    assert hidden(uow, "vd-alk", number) == hidden(uow, "vd-alk", missing)
    assert uow.access_log.entries[-1].detail and "no such case" in uow.access_log.entries[-1].detail


def test_a_person_not_there_and_one_not_yours_are_the_same_answer() -> None:
    uow = org()
    answers = []
    for person_id in ("s-ber1", "s-nobody"):
        logged = len(uow.access_log.entries)
        with pytest.raises(NotFoundError) as refused:
            sv.show_person(uow, "vd-alk", person_id, settings=S)
        answers.append(str(refused.value).replace(person_id, "P"))
        assert [e.allowed for e in uow.access_log.entries[logged:]] == [False]
    assert answers[0] == answers[1]


def test_a_case_one_sees_but_may_not_handle_is_refused_as_such() -> None:
    uow = org()
    number = record(uow, clauses=["2.1"])  # PR's concern: pr1 may look, not act
    with pytest.raises(PermissionDeniedError):
        sv.start_investigation(uow, "pr1", number, settings=S)


@pytest.mark.parametrize(
    ("listing", "action"),
    [
        (lambda u: sv.list_cases(u, "vd-alk", state="reported", settings=S), "list-cases"),
        (lambda u: sv.list_obligations(u, "vd-alk", search="Sem", settings=S), "list-obligations"),
        (lambda u: sv.list_people(u, "vd-alk", kind="student", settings=S), "list-people"),
    ],
)
def test_every_list_of_personal_data_is_logged_with_its_filter_and_size(
    listing: Any, action: str
) -> None:
    uow = org()
    record(uow)
    rows = listing(uow)
    entry = uow.access_log.entries[-1]
    assert (entry.actor_id, entry.action, entry.allowed) == ("vd-alk", action, True)
    assert entry.detail and entry.detail.startswith(f"{len(rows)} rows; filter: ")
    assert ("state=" in entry.detail) or ("search=" in entry.detail) or ("kind=" in entry.detail)
