"""The database itself keeps the history append-only, on every backend: raw SQL UPDATE and
DELETE on case events and the access log are refused, and so are bulk statements through
the session; only the purge's permit (inside its own transaction) lets an UPDATE through.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import Engine, delete, func, insert, select, text, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.sql import Executable

from pcc_cases.adapters import tables as t
from pcc_cases.adapters.unit_of_work import UnitOfWork, session_of
from pcc_cases.domain.case import Case
from pcc_cases.domain.case_parts import Event
from pcc_cases.domain.errors import AppendOnlyError, UnrecordedChangeError
from pcc_cases.domain.lifecycle import CaseState
from pcc_cases.domain.snapshot import case_snapshot
from tests.builders import a_case, assessed, decided, store_people

STATEMENTS = [
    "UPDATE pcc_case_events SET reason = 'rewritten'",
    "DELETE FROM pcc_case_events",
    "UPDATE pcc_access_log SET detail = 'rewritten'",
    "DELETE FROM pcc_access_log",
]


@pytest.fixture(scope="module")
def history(engine: Engine) -> Engine:
    """A database holding one case (with its events) and one access-log entry."""
    case = a_case(location="append-only")
    with UnitOfWork(engine, write=True) as uow:
        store_people(uow, sorted(case.person_ids))
        uow.cases.add_all([case])
        uow.commit()
    with engine.begin() as conn:
        conn.execute(
            insert(t.access_log).values(
                at=case.occurred_at, actor_id="someone", action="view", allowed=True
            )
        )
    return engine


def _counts(engine: Engine) -> tuple[int, int, str | None]:
    with engine.connect() as conn:
        events = conn.scalar(select(func.count()).select_from(t.case_events))
        log = conn.scalar(select(func.count()).select_from(t.access_log))
        reasons = conn.scalar(select(func.max(t.case_events.c.reason)))
    return events or 0, log or 0, reasons


@pytest.mark.parametrize("statement", STATEMENTS)
def test_raw_sql_cannot_change_the_history(history: Engine, statement: str) -> None:
    before = _counts(history)
    assert before[0] > 0 and before[1] > 0
    with pytest.raises(DBAPIError, match="append-only"), history.begin() as conn:
        conn.execute(text(statement))
    assert _counts(history) == before


def test_postgresql_refuses_truncate_too(history: Engine) -> None:
    if history.dialect.name != "postgresql":
        pytest.skip("TRUNCATE runs no trigger on SQLite (none) or MariaDB (it is DDL there)")
    with pytest.raises(DBAPIError, match="append-only"), history.begin() as conn:
        conn.execute(text("TRUNCATE pcc_case_events CASCADE"))
    assert _counts(history)[0] > 0


@pytest.mark.parametrize(
    "statement",
    [  # built when the test runs: the mapping of Event is set up with the first engine
        lambda: update(Event).values(reason="rewritten"),
        lambda: delete(Event),
        lambda: update(t.access_log).values(detail="rewritten"),
        lambda: delete(t.access_log),
    ],
    ids=["update events", "delete events", "update log", "delete log"],
)
def test_bulk_statements_through_the_session_are_refused(
    history: Engine, statement: Callable[[], Executable]
) -> None:
    before = _counts(history)
    built = statement()
    with UnitOfWork(history, write=True) as uow, pytest.raises(AppendOnlyError):
        session_of(uow).execute(built)
    assert _counts(history) == before


def test_a_permit_opens_updates_only_inside_its_own_transaction(history: Engine) -> None:
    with history.connect() as conn:
        conn.execute(insert(t.purge_permits).values(id=1, started_at=func.now()))
        conn.execute(update(t.case_events).values(reason="during the purge"))
        with pytest.raises(DBAPIError, match="append-only"), conn.begin_nested():
            conn.execute(delete(t.case_events))  # DELETE is refused even then
        conn.rollback()
    assert _counts(history)[2] != "during the purge"
    with pytest.raises(DBAPIError, match="append-only"), history.begin() as conn:
        conn.execute(text(STATEMENTS[0]))  # the rolled-back permit left nothing behind


def _edit_summary(case: Case) -> None:
    case.summary = "rewritten afterwards"


def _edit_decision(case: Case) -> None:
    case.decisions[0].reason = "rewritten afterwards"


def _revoke_decision(case: Case) -> None:
    case.decisions[0].revoked = True


def _drop_witness(case: Case) -> None:
    case.involvements.remove(next(i for i in case.involvements if i.role.value == "reporter"))


def _close_by_hand(case: Case) -> None:
    case.state = CaseState.CLOSED


@pytest.mark.parametrize(
    "change", [_edit_summary, _edit_decision, _revoke_decision, _drop_witness, _close_by_hand]
)
def test_a_stored_case_changes_only_with_an_event(
    history: Engine, change: Callable[[Case], None]
) -> None:
    case = decided(assessed(a_case(location="unrecorded")), "talk-mentor")
    with UnitOfWork(history, write=True) as uow:
        (number,) = uow.cases.add_all([case])
        uow.commit()
    with UnitOfWork(history, write=True) as uow:
        stored = uow.cases.get(number)
        before = case_snapshot(stored)
        change(stored)
        with pytest.raises(UnrecordedChangeError, match=number):
            uow.commit()
    with UnitOfWork(history) as uow:
        assert case_snapshot(uow.cases.get(number)) == before


def test_the_unit_of_work_hands_out_no_session(engine: Engine) -> None:
    with UnitOfWork(engine) as uow:
        reachable = [uow, uow.cases, uow.people, uow.access_log]
        assert not [o for o in reachable if hasattr(o, "session")]
