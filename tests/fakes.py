"""An in-memory unit of work with the same behaviour as the SQLAlchemy one, for fast tests.

Reading hands out a working copy; commit keeps what was added or changed, and rollback
forgets both, as a database transaction does.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Iterator, Sequence
from typing import Self

from pcc_cases.adapters.numbering import format_number
from pcc_cases.domain.access_log import AccessEntry
from pcc_cases.domain.case import Case
from pcc_cases.domain.errors import NotFoundError
from pcc_cases.domain.lifecycle import OPEN_STATES
from pcc_cases.domain.people import Person
from pcc_cases.domain.period import Period


class FakeCases:
    def __init__(self) -> None:
        self.stored: dict[str, Case] = {}
        self.pending: dict[str, Case] = {}
        self.counters: dict[int, int] = {}

    def add(self, case: Case) -> str:
        year = case.school_year
        self.counters[year] = self.counters.get(year, 0) + 1
        case.number = format_number(year, self.counters[year])
        self.pending[case.number] = case
        return case.number

    def add_numbered(self, cases: Sequence[Case]) -> None:
        for case in cases:
            assert case.number is not None
            year, sequence = case.school_year, int(case.number.split("-")[1])
            self.counters[year] = max(self.counters.get(year, 0), sequence)
            self.pending[case.number] = case

    def find_numbers(self, numbers: Sequence[str]) -> dict[str, Case]:
        return {n: self.get(n) for n in numbers if n in self.stored or n in self.pending}

    def stream(self, period: Period | None = None) -> Iterator[Case]:
        for case in self.stored.values():
            if period is None or period.start_utc <= case.occurred_at < period.end_utc:
                yield copy.deepcopy(case)

    def get(self, number: str) -> Case:
        if number not in self.pending:
            if number not in self.stored:
                raise NotFoundError(f"case {number!r} does not exist")
            self.pending[number] = copy.deepcopy(self.stored[number])
        return self.pending[number]

    def find(
        self,
        *,
        state: str | None = None,
        location: str | None = None,
        school_year: int | None = None,
        open_obligations_only: bool = False,
        open_only: bool = False,
    ) -> Sequence[Case]:
        return [
            c
            for c in {**self.stored, **self.pending}.values()
            if (state is None or c.state.value == state)
            and (location is None or c.location == location)
            and (school_year is None or c.school_year == school_year)
            and (not open_obligations_only or any(o.is_open for o in c.obligations))
            and (not open_only or c.state in OPEN_STATES)
        ]

    def count_prior_decided(
        self, person_id: str, since: dt.datetime, before: dt.datetime, exclude: str | None
    ) -> int:
        return sum(
            1
            for c in self.stored.values()
            if c.number != exclude
            and since <= c.occurred_at < before
            and any(d.offender_id == person_id and not d.revoked for d in c.decisions)
        )


class FakePeople:
    def __init__(self) -> None:
        self.stored: dict[str, Person] = {}
        self.pending: dict[str, Person] = {}

    def add(self, person: Person) -> None:
        self.pending[person.id] = person

    def find(self, person_id: str) -> Person | None:
        if person_id not in self.pending and person_id in self.stored:
            self.pending[person_id] = copy.deepcopy(self.stored[person_id])
        return self.pending.get(person_id)

    def get(self, person_id: str) -> Person:
        person = self.find(person_id)
        if person is None:
            raise NotFoundError(f"person {person_id!r} does not exist")
        return person

    def count(self) -> int:
        return len({**self.stored, **self.pending})

    def find_many(self, person_ids: Sequence[str]) -> dict[str, Person]:
        return {p: found for p in person_ids if (found := self.find(p)) is not None}

    def all(self, *, location: str | None = None, kind: str | None = None) -> Sequence[Person]:
        everyone = {**self.stored, **self.pending}
        return [
            p
            for _id, p in sorted(everyone.items())
            if (location is None or p.location == location)
            and (kind is None or p.kind.value == kind)
        ]

    def mentees(self, mentor_id: str) -> frozenset[str]:
        return frozenset(p.id for p in self.all() if p.mentor_id == mentor_id)

    def locations(self) -> frozenset[str]:
        return frozenset(p.location for p in self.all() if p.location)


class FakeAccessLog:
    def __init__(self) -> None:
        self.entries: list[AccessEntry] = []
        self.pending: list[AccessEntry] = []

    def add(self, entry: AccessEntry) -> None:
        self.pending.append(entry)


class FakeUnitOfWork:
    """Keeps its stores across transactions, like a database does."""

    def __init__(self) -> None:
        self.cases = FakeCases()
        self.people = FakePeople()
        self.access_log = FakeAccessLog()
        self.commits = 0

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.rollback()

    def commit(self) -> None:
        self.cases.stored.update(self.cases.pending)
        self.people.stored.update(self.people.pending)
        self.access_log.entries += self.access_log.pending
        self.rollback()
        self.commits += 1

    def rollback(self) -> None:
        self.cases.pending.clear()
        self.people.pending.clear()
        self.access_log.pending.clear()

    def snapshot(self) -> object:
        """Everything stored, for 'nothing changed' checks."""
        return copy.deepcopy(
            (sorted(self.cases.stored), sorted(self.people.stored), len(self.access_log.entries))
        )
