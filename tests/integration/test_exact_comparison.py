"""Ids, case numbers and locations compare exactly as in Python on every backend: case,
accents and trailing spaces all make a difference (MariaDB's default collation ignored
them).
"""

from __future__ import annotations

import pytest
from sqlalchemy import Engine

from pcc_cases.adapters.unit_of_work import UnitOfWork
from pcc_cases.domain.errors import NotFoundError
from tests.builders import a_case, a_person, store_actor, store_people

LOOK_ALIKES = ["CMP-ALK", "cmp-älk", "cmp-alk ", " cmp-alk", "cmp-alk\t"]


def test_an_id_is_found_only_as_written(engine: Engine) -> None:
    with UnitOfWork(engine, write=True) as uow:
        store_people(uow, ["cmp-alk"], location="Cmp-Loc")
        uow.commit()
    with UnitOfWork(engine) as uow:
        assert uow.people.find("cmp-alk") is not None
        assert [uow.people.find(v) for v in LOOK_ALIKES] == [None] * len(LOOK_ALIKES)
        assert uow.people.find_many(LOOK_ALIKES) == {}


def test_ids_that_differ_only_in_case_are_two_people(engine: Engine) -> None:
    with UnitOfWork(engine, write=True) as uow:
        uow.people.add(a_person("twin-a", location="cmp-loc"))
        uow.people.add(a_person("TWIN-A", location="CMP-LOC"))
        uow.commit()
    with UnitOfWork(engine) as uow:
        assert sorted(uow.people.find_many(["twin-a", "TWIN-A"])) == ["TWIN-A", "twin-a"]
        assert {"cmp-loc", "CMP-LOC"} <= uow.people.locations()


def test_a_case_number_with_a_trailing_space_is_no_case_number(engine: Engine) -> None:
    case = a_case(location="cmp-number")
    with UnitOfWork(engine, write=True) as uow:
        store_actor(uow)
        store_people(uow, sorted(case.person_ids))
        (number,) = uow.cases.add_all([case])
        uow.commit()
    with UnitOfWork(engine) as uow:
        assert uow.cases.find_numbers([f"{number} ", f" {number}"]) == {}
        with pytest.raises(NotFoundError):
            uow.cases.get(f"{number} ")
        assert uow.cases.get(number).number == number
