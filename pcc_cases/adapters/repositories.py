"""Repositories: the only way services reach stored cases and people."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pcc_cases.adapters import tables as t
from pcc_cases.adapters.numbering import next_number
from pcc_cases.domain.case import Case
from pcc_cases.domain.errors import NotFoundError
from pcc_cases.domain.people import Person


class CaseRepository:
    """Cases by number; adding one gives it the next number of its school year."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, case: Case) -> str:
        if case.number is not None:
            raise ValueError(f"case {case.number} is already stored")
        year = case.school_year
        case.number = next_number(self.session, year)
        case.db_school_year = year  # type: ignore[attr-defined]
        self.session.add(case)
        return case.number

    def get(self, number: str) -> Case:
        case = self.session.scalars(select(Case).where(t.cases.c.number == number)).one_or_none()
        if case is None:
            raise NotFoundError(f"case {number!r} does not exist")
        return case

    def numbers(self, school_year: int | None = None) -> Sequence[str]:
        query = select(t.cases.c.number).order_by(t.cases.c.school_year, t.cases.c.id)
        if school_year is not None:
            query = query.where(t.cases.c.school_year == school_year)
        return self.session.scalars(query).all()

    def count(self) -> int:
        return self.session.scalar(select(func.count()).select_from(t.cases)) or 0


class PersonRepository:
    """People by their admin-system id."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, person: Person) -> None:
        self.session.add(person)

    def find(self, person_id: str) -> Person | None:
        return self.session.get(Person, person_id)

    def get(self, person_id: str) -> Person:
        person = self.find(person_id)
        if person is None:
            raise NotFoundError(f"person {person_id!r} does not exist")
        return person

    def count(self) -> int:
        return self.session.scalar(select(func.count()).select_from(t.people)) or 0
