"""Lists searched by name and limited, on the fake and on SQLite; names beside ids."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from pcc_cases import services as sv
from pcc_cases.domain.errors import InvalidInputError
from pcc_cases.domain.factors import Factors
from pcc_cases.domain.people import Person, fold
from tests.org import settings_at
from tests.services.test_case_services import record

S = settings_at()


def test_cases_are_found_by_the_name_of_anyone_involved(new_uow: Any) -> None:
    with new_uow() as uow:
        first = record(uow, offenders=["s-alk1"])  # Sem de Vries
        second = record(uow, offenders=["s-alk2"], targets=["s-alk3"])  # Lotte; target Daan
    with new_uow() as uow:
        assert [c.number for c in sv.list_cases(uow, "vd-alk", search="DE VRIES", settings=S)] == [
            first
        ]
        assert [c.number for c in sv.list_cases(uow, "vd-alk", search="daan", settings=S)] == [
            second
        ]
        assert [c.number for c in sv.list_cases(uow, "vd-alk", search=second, settings=S)] == [
            second
        ]
        assert sv.list_cases(uow, "vd-alk", search="nobody by this name", settings=S) == []


def test_open_only_leaves_out_closed_and_dismissed_cases(new_uow: Any) -> None:
    with new_uow() as uow:
        kept = record(uow, offenders=["s-alk1"])
        dismissed = record(uow, offenders=["s-alk2"])
        sv.dismiss_case(uow, "vd-alk", dismissed, "Ongegrond", settings=S)
    with new_uow() as uow:
        every = [c.number for c in sv.list_cases(uow, "vd-alk", settings=S)]
        still_open = [c.number for c in sv.list_cases(uow, "vd-alk", open_only=True, settings=S)]
    assert every == [kept, dismissed] and still_open == [kept]


def test_a_search_never_reaches_beyond_scope(new_uow: Any) -> None:
    with new_uow() as uow:
        record(uow, offenders=["s-alk1"])
    with new_uow() as uow:
        assert sv.list_cases(uow, "vd-ber", search="Sem", settings=S) == []


def test_limit_keeps_the_first_rows_in_order(new_uow: Any) -> None:
    with new_uow() as uow:
        numbers = [record(uow) for _ in range(3)]
    with new_uow() as uow:
        limited = sv.list_cases(uow, "vd-alk", limit=2, settings=S)
        people = sv.list_people(uow, "cvb1", limit=4, settings=S)
        everyone = sv.list_people(uow, "cvb1", settings=S)
    assert [c.number for c in limited] == numbers[:2]
    assert [p.id for p in people] == [p.id for p in everyone][:4]


def test_people_and_duties_are_searched_by_name(new_uow: Any) -> None:
    with new_uow() as uow:
        number = record(
            uow, offenders=["s-alk2"], factors=Factors(reach="public", intent="deliberate")
        )
        sv.decide_step(uow, "vd-alk", number, "s-alk2", "suspension", days=1, settings=S)
        record(uow, offenders=["s-alk1"])
    with new_uow() as uow:
        found = sv.list_people(uow, "vd-alk", search="lotte", settings=S)
        duties = sv.list_obligations(uow, "vd-alk", search="Jansen", settings=S)
        none = sv.list_obligations(uow, "vd-alk", search="de Vries", settings=S)
    assert [p.id for p in found] == ["s-alk2"]
    assert duties and {d.obligation.offender_id for d in duties} == {"s-alk2"}
    assert none == []


def test_labels_name_the_person_with_their_class(new_uow: Any) -> None:
    with new_uow() as uow:
        labels = sv.person_labels(uow, "vd-alk", ["s-alk1", "vd-alk", "gone"], settings=S)
        elsewhere = sv.person_labels(uow, "vd-ber", ["s-alk1", "gone"], settings=S)
    assert labels == {
        "s-alk1": "s-alk1 Sem de Vries (2B)",
        "vd-alk": "vd-alk Vera Directeur",
        "gone": "gone",
    }
    assert elsewhere == {"s-alk1": "s-alk1", "gone": "gone"}  # not theirs: as if unknown


@pytest.mark.parametrize(
    ("option", "value"),
    [("search", ""), ("search", "  "), ("search", 3), ("limit", 0), ("limit", -1), ("limit", "5")],
)
def test_bad_search_or_limit_is_named(new_uow: Any, option: str, value: Any) -> None:
    with new_uow() as uow, pytest.raises(InvalidInputError) as raised:
        sv.list_people(uow, "cvb1", settings=S, **{option: value})
    assert raised.value.field == option


names = st.text(st.characters(codec="utf-8", categories=["L", "Zs"]), min_size=1, max_size=20)


@given(first=names, last=names, data=st.data())
def test_any_part_of_a_name_finds_it_in_any_case(first: str, last: str, data: Any) -> None:
    person = Person("x1", "student", first, last)
    name = person.full_name
    assume(name)
    start = data.draw(st.integers(0, len(name) - 1))
    end = data.draw(st.integers(start + 1, len(name)))
    part = name[start:end]
    if not fold(part):
        return  # only spaces: nothing to search for
    assert person.matches(part)
    assert person.matches(part.upper())
    assert person.matches(part.lower())


def test_accents_do_not_matter() -> None:
    person = Person("x1", "student", "Zoë", "Çelik")
    assert person.matches("zoe celik")
    assert Person("x2", "student", "Ayşe", "Yıldız").matches("ayse yildiz")
    assert Person("x3", "student", "Søren", "Łukasz").matches("soren lukasz")
    assert person.matches("ZOË")
    assert not person.matches("zoey")
