"""The unit of work: one transaction, rolled back unless committed.

Services receive one of these, never a session. Database-level signs of a concurrent
change (a stale version, a deadlock, a busy SQLite file) come out as ``ConflictError``; a
read-only database, a full disk and a lost server as their own errors (``db_errors``).

An application that embeds pcc_cases can run the services inside its own transaction with
:meth:`UnitOfWork.joining`: the work then happens in a savepoint of the caller's
connection, which pcc_cases neither commits nor closes.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from types import TracebackType
from typing import Self
from weakref import WeakKeyDictionary

from sqlalchemy import Connection, Engine, event
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import ORMExecuteState, Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from pcc_cases.adapters.db_errors import translated
from pcc_cases.adapters.engine import BEGIN_OPTION
from pcc_cases.adapters.mapping import (
    bump_versions_of_changed_cases,
    refuse_changes_without_event,
    start_mappers,
)
from pcc_cases.adapters.repositories import (
    AccessLogRepository,
    CaseRepository,
    PersonRepository,
)
from pcc_cases.adapters.tables import APPEND_ONLY_TABLES
from pcc_cases.domain.errors import AppendOnlyError, ConflictError
from pcc_cases.translation import N_

_FACTORIES: WeakKeyDictionary[Engine, dict[bool, sessionmaker[Session]]] = WeakKeyDictionary()


def _factory(engine: Engine, write: bool) -> sessionmaker[Session]:
    """One session factory per engine and mode: building them per transaction is costly."""
    per_engine = _FACTORIES.setdefault(engine, {})
    if write not in per_engine:
        bind = engine.execution_options(**{BEGIN_OPTION: "IMMEDIATE" if write else "DEFERRED"})
        factory = sessionmaker(bind=bind, expire_on_commit=False)
        _guarded(factory)
        per_engine[write] = factory
    return per_engine[write]


def _before_flush(session: Session, _context: object, _instances: object) -> None:
    refuse_changes_without_event(session)
    bump_versions_of_changed_cases(session)


def _refuse_bulk_history_change(state: ORMExecuteState) -> None:
    """``update()`` or ``delete()`` through the session on the history is refused.

    The mapper's own events do not see bulk statements; the database's triggers would
    refuse them too, but this names the problem before anything is sent.
    """
    if state.is_update or state.is_delete:
        name = getattr(getattr(state.statement, "table", None), "name", None)
        if name in APPEND_ONLY_TABLES:
            raise AppendOnlyError(
                N_("{name} cannot be changed or deleted: the history is append-only"), name=name
            )


def _guarded(target: Session | sessionmaker[Session]) -> None:
    event.listen(target, "before_flush", _before_flush)
    event.listen(target, "do_orm_execute", _refuse_bulk_history_change)


class UnitOfWork:
    """A transaction with repositories; ``write=True`` takes SQLite's write lock up front."""

    def __init__(self, engine: Engine, *, write: bool = False) -> None:
        self._factory: Callable[[], Session] = _factory(engine, write)
        self._session: Session  # not handed out: callers get repositories, not SQL

    @classmethod
    def joining(cls, bind: Connection | Session) -> UnitOfWork:
        """A unit of work inside the caller's transaction, on its connection or session.

        What the services do happens in a savepoint: their ``commit`` releases it, a
        failure rolls back to it, and the caller's transaction goes on either way. The
        caller commits (or rolls back) its own transaction and closes its own connection;
        pcc_cases does neither. A connection that is not in a transaction yet is begun, for
        the caller to commit. On SQLite the connection must come from
        :func:`pcc_cases.make_engine` (Python's sqlite3 driver breaks savepoints otherwise).
        """
        start_mappers()
        connection = bind.connection() if isinstance(bind, Session) else bind
        if not connection.in_transaction():
            connection.begin()

        def joined_session() -> Session:
            session = Session(
                bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False
            )
            _guarded(session)
            return session

        unit = cls.__new__(cls)
        unit._factory = joined_session  # noqa: SLF001 - the alternative constructor
        return unit

    def __enter__(self) -> Self:
        self._session = self._factory()
        self.cases = CaseRepository(self._session)
        self.people = PersonRepository(self._session)
        self.access_log = AccessLogRepository(self._session)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        # What was read stays readable after the block (objects are detached, not expired);
        # uncommitted changes are rolled back, and after an error everything is expired.
        if exc_type is None:
            self._session.expunge_all()
        try:
            self.rollback()
            self._session.close()
        except DBAPIError:
            if not isinstance(exc, DBAPIError):
                raise
            # The connection is already gone: the error that says so follows.
        if isinstance(exc, DBAPIError):
            # Wherever in the block it surfaced (a busy SQLite file at BEGIN, a deadlock or
            # a lost server on a read), it is a state of the database, not a program fault.
            meaning = translated(exc)
            if meaning is not None:
                raise meaning from None

    def flush(self) -> None:
        self._translate(self._session.flush)

    def commit(self) -> None:
        self._translate(self._session.commit, while_saving=True)

    def rollback(self) -> None:
        self._session.rollback()

    def _translate(self, action: Callable[[], None], *, while_saving: bool = False) -> None:
        try:
            action()
        except StaleDataError:
            self.rollback()
            raise ConflictError(
                N_(
                    "someone else changed this case at the same time; nothing of yours was saved: "
                    "reload the case and try again"
                )
            ) from None
        except DBAPIError as exc:
            with suppress(DBAPIError):  # the connection may be gone; the error below says so
                self.rollback()
            if "is append-only" in str(exc.orig):
                # The database's own trigger refused a change of the history.
                raise AppendOnlyError(
                    N_("the database refused to change the history: {detail}"),
                    detail=str(exc.orig).splitlines()[0],
                ) from None
            meaning = translated(exc, while_saving=while_saving)
            if meaning is not None:
                raise meaning from None
            raise


def session_of(uow: UnitOfWork) -> Session:
    """The session behind a unit of work, for pcc_cases' own reports and privacy tools,
    which query across tables. Not part of the public API: a library caller changes data
    only through the services, and the guards above stay on this session either way.
    """
    return uow._session  # noqa: SLF001 - the one sanctioned way in
