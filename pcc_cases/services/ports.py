"""What the services need from storage: the unit of work and its repositories, as protocols.

The SQLAlchemy unit of work satisfies these; so does the in-memory fake the unit tests use.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from typing import Protocol

from pcc_cases.domain.access_log import AccessEntry
from pcc_cases.domain.case import Case
from pcc_cases.domain.people import Person
from pcc_cases.domain.period import Period


class CaseStore(Protocol):
    def add(self, case: Case) -> str: ...

    def add_numbered(self, cases: Sequence[Case]) -> None:
        """Store cases that already have their numbers (an import); counters go on after."""
        ...

    def find_numbers(self, numbers: Sequence[str]) -> dict[str, Case]: ...

    def stream(self, period: Period | None = None) -> Iterator[Case]:
        """Every case (of the period), in batches, without keeping them all in memory."""
        ...

    def get(self, number: str) -> Case: ...

    def find(
        self,
        *,
        state: str | None = None,
        location: str | None = None,
        school_year: int | None = None,
        open_obligations_only: bool = False,
        open_only: bool = False,
    ) -> Sequence[Case]: ...

    def count_prior_decided(
        self, person_id: str, since: dt.datetime, before: dt.datetime, exclude: str | None
    ) -> int: ...


class PersonStore(Protocol):
    def add(self, person: Person) -> None: ...

    def find(self, person_id: str) -> Person | None: ...

    def get(self, person_id: str) -> Person: ...

    def count(self) -> int: ...

    def find_many(self, person_ids: Sequence[str]) -> dict[str, Person]: ...

    def all(self, *, location: str | None = None, kind: str | None = None) -> Sequence[Person]: ...

    def mentees(self, mentor_id: str) -> frozenset[str]: ...

    def locations(self) -> frozenset[str]: ...


class AccessLogStore(Protocol):
    def add(self, entry: AccessEntry) -> None: ...


class UnitOfWorkPort(Protocol):
    """One transaction: services commit it once, at the end, or not at all."""

    @property
    def cases(self) -> CaseStore: ...

    @property
    def people(self) -> PersonStore: ...

    @property
    def access_log(self) -> AccessLogStore: ...

    def commit(self) -> None: ...

    def rollback(self) -> None: ...
