"""Repositories: the only way services reach stored cases and people."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pcc_cases.adapters import tables as t
from pcc_cases.adapters.case_insert import insert_new_cases
from pcc_cases.adapters.numbering import format_number, reserve_numbers
from pcc_cases.domain.case import Case
from pcc_cases.domain.errors import NotFoundError
from pcc_cases.domain.people import Person


class CaseRepository:
    """Cases by number; adding one gives it the next number of its school year."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, case: Case) -> str:
        """Store a new case; returns its number."""
        return self.add_all([case])[0]

    def add_all(self, cases: Sequence[Case]) -> list[str]:
        """Store new cases in one go (an import); returns their numbers in order."""
        stored = [case.number for case in cases if case.number is not None]
        if stored:
            raise ValueError(f"case {stored[0]} is already stored")
        by_year: dict[int, list[Case]] = {}
        for case in cases:
            by_year.setdefault(case.school_year, []).append(case)
        for year, of_year in by_year.items():
            first = reserve_numbers(self.session, year, len(of_year))
            for offset, case in enumerate(of_year):
                case.number = format_number(year, first + offset)
                case.db_school_year = year  # type: ignore[attr-defined]
        insert_new_cases(self.session, cases)
        return [case.number for case in cases]  # type: ignore[misc]

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
