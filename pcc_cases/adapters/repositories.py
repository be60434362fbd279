"""Repositories: the only way services reach stored cases and people."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence

from sqlalchemy import and_, exists, func, select
from sqlalchemy.orm import Session

from pcc_cases.adapters import tables as t
from pcc_cases.adapters.case_insert import insert_new_cases
from pcc_cases.adapters.numbering import format_number, raise_counter, reserve_numbers
from pcc_cases.domain.access_log import AccessEntry
from pcc_cases.domain.case import Case
from pcc_cases.domain.errors import NotFoundError
from pcc_cases.domain.lifecycle import OPEN_STATES
from pcc_cases.domain.people import Person
from pcc_cases.domain.period import Period
from pcc_cases.domain.policy import OBJECTION_TERM
from pcc_cases.translation import N_

STREAM_BATCH = 200


class CaseRepository:
    """Cases by number; adding one gives it the next number of its school year."""

    def __init__(self, session: Session) -> None:
        self._session = session

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
            first = reserve_numbers(self._session, year, len(of_year))
            for offset, case in enumerate(of_year):
                case.number = format_number(year, first + offset)
                case.db_school_year = year  # type: ignore[attr-defined]
        insert_new_cases(self._session, cases)
        return [case.number for case in cases]  # type: ignore[misc]

    def add_numbered(self, cases: Sequence[Case]) -> None:
        """Store cases that keep their numbers (an import); each year's counter goes past."""
        highest: dict[int, int] = {}
        for case in cases:
            if case.number is None:
                raise ValueError("an imported case needs its number")
            case.db_school_year = case.school_year  # type: ignore[attr-defined]
            sequence = int(case.number.split("-")[1])
            highest[case.school_year] = max(highest.get(case.school_year, 0), sequence)
        for year, sequence in highest.items():
            raise_counter(self._session, year, sequence)
        insert_new_cases(self._session, cases)

    def find_numbers(self, numbers: Sequence[str]) -> dict[str, Case]:
        """The stored cases among ``numbers``, by number."""
        query = select(Case).where(t.cases.c.number.in_(set(numbers)))
        return {case.number: case for case in self._session.scalars(query) if case.number}

    def stream(self, period: Period | None = None) -> Iterator[Case]:
        """Cases in id order, read in batches and let go of after each batch."""
        c = t.cases
        last = 0
        while True:
            query = select(c.c.id).where(c.c.id > last).order_by(c.c.id).limit(STREAM_BATCH)
            if period is not None:
                query = query.where(
                    c.c.occurred_at >= period.start_utc, c.c.occurred_at < period.end_utc
                )
            ids = list(self._session.scalars(query))
            if not ids:
                return
            batch = self._session.scalars(select(Case).where(c.c.id.in_(ids)).order_by(c.c.id))
            yield from batch.all()
            self._session.expunge_all()
            last = ids[-1]

    def get(self, number: str) -> Case:
        case = self._session.scalars(select(Case).where(t.cases.c.number == number)).one_or_none()
        if case is None:
            raise NotFoundError(N_("case {number!r} does not exist"), number=number)
        return case

    def numbers(self, school_year: int | None = None) -> Sequence[str]:
        query = select(t.cases.c.number).order_by(t.cases.c.school_year, t.cases.c.id)
        if school_year is not None:
            query = query.where(t.cases.c.school_year == school_year)
        return self._session.scalars(query).all()

    def count(self) -> int:
        return self._session.scalar(select(func.count()).select_from(t.cases)) or 0

    def find(
        self,
        *,
        state: str | None = None,
        location: str | None = None,
        school_year: int | None = None,
        open_obligations_only: bool = False,
        open_only: bool = False,
    ) -> Sequence[Case]:
        """Cases matching every filter given, in number order; ``open_only`` leaves out the
        closed and dismissed ones.
        """
        query = select(Case).order_by(t.cases.c.school_year, t.cases.c.id)
        if state is not None:
            query = query.where(t.cases.c.state == state)
        if location is not None:
            query = query.where(t.cases.c.location == location)
        if school_year is not None:
            query = query.where(t.cases.c.school_year == school_year)
        if open_only:
            query = query.where(t.cases.c.state.in_(sorted(s.value for s in OPEN_STATES)))
        if open_obligations_only:
            o = t.case_obligations
            query = query.where(
                exists().where(
                    and_(
                        o.c.case_id == t.cases.c.id,
                        o.c.done_on.is_(None),
                        o.c.kind != OBJECTION_TERM,  # a term is no work (``is_open``)
                    )
                )
            )
        return self._session.scalars(query).all()

    def count_prior_decided(
        self, person_id: str, since: dt.datetime, before: dt.datetime, exclude: str | None
    ) -> int:
        """Cases in [since, before) with a standing decision about ``person_id``."""
        d, c = t.case_decisions, t.cases
        query = (
            select(func.count(func.distinct(c.c.id)))
            .select_from(c.join(d, d.c.case_id == c.c.id))
            .where(
                d.c.offender_id == person_id,
                d.c.revoked.is_(False),
                c.c.occurred_at >= since,
                c.c.occurred_at < before,
            )
        )
        if exclude is not None:
            query = query.where(c.c.number != exclude)
        return self._session.scalar(query) or 0


class PersonRepository:
    """People by their admin-system id."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, person: Person) -> None:
        self._session.add(person)

    def find(self, person_id: str) -> Person | None:
        return self._session.get(Person, person_id)

    def get(self, person_id: str) -> Person:
        person = self.find(person_id)
        if person is None:
            raise NotFoundError(N_("person {person_id!r} does not exist"), person_id=person_id)
        return person

    def count(self) -> int:
        return self._session.scalar(select(func.count()).select_from(t.people)) or 0

    def find_many(self, person_ids: Sequence[str]) -> dict[str, Person]:
        """The stored people among ``person_ids``, by id."""
        if not person_ids:
            return {}
        found = self._session.scalars(select(Person).where(t.people.c.id.in_(set(person_ids))))
        return {p.id: p for p in found}

    def all(self, *, location: str | None = None, kind: str | None = None) -> Sequence[Person]:
        query = select(Person).order_by(t.people.c.id)
        if location is not None:
            query = query.where(t.people.c.location == location)
        if kind is not None:
            query = query.where(t.people.c.kind == kind)
        return self._session.scalars(query).all()

    def mentees(self, mentor_id: str) -> frozenset[str]:
        """Ids of the students whose mentor is ``mentor_id``."""
        query = select(t.people.c.id).where(t.people.c.mentor_id == mentor_id)
        return frozenset(self._session.scalars(query))

    def locations(self) -> frozenset[str]:
        """Every location a person is registered at."""
        query = select(t.people.c.location).where(t.people.c.location.is_not(None)).distinct()
        return frozenset(loc for loc in self._session.scalars(query) if loc)


class AccessLogRepository:
    """The append-only access log."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, entry: AccessEntry) -> None:
        self._session.add(entry)

    def entries(
        self, *, case_numbers: Sequence[str] | None = None, actor_id: str | None = None
    ) -> Sequence[AccessEntry]:
        query = select(AccessEntry).order_by(t.access_log.c.id)
        if case_numbers is not None:
            query = query.where(t.access_log.c.case_number.in_(case_numbers))
        if actor_id is not None:
            query = query.where(t.access_log.c.actor_id == actor_id)
        return self._session.scalars(query).all()
