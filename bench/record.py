"""Record N cases through the unit of work on a SQLite file, and the same rows with
hand-written SQLAlchemy Core executemany in the same run; print both rates and the ratio.

Usage: python bench/record.py [N] [--batch B]

The unit-of-work path records each case in its own transaction (as a director would); the
hand-written path is the physical limit: the same rows with the numbers precomputed,
inserted with executemany in one transaction.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import pendulum
from sqlalchemy import insert, select

from pcc_cases.adapters import tables as t
from pcc_cases.adapters.engine import make_engine
from pcc_cases.adapters.migrate import upgrade
from pcc_cases.adapters.unit_of_work import UnitOfWork
from pcc_cases.domain.case import Case
from pcc_cases.domain.people import Person, PersonKind
from pcc_cases.domain.policy import default_policy
from pcc_cases.protocol import load_protocol

PROTOCOL, POLICY = load_protocol(), default_policy()
STUDENTS = [f"s{i:04d}" for i in range(200)]


def make_case(i: int) -> Case:
    occurred = pendulum.datetime(2025, 9, 1, tz="UTC").add(minutes=17 * i)
    offender, target = STUDENTS[i % 200], STUDENTS[(i + 1) % 200]
    return Case.record(
        protocol=PROTOCOL,
        policy=POLICY,
        occurred_at=occurred,
        reported_at=occurred.add(hours=2),
        platform="instagram",
        location="Alkmaar",
        summary=f"Bericht {i} met citaat van docent",
        involvements=[(offender, "offender"), (target, "target")],
        violations=[(offender, "1.2")],
        person_kinds={offender: PersonKind.STUDENT},
        recorded_by="dir1",
    )


def seed(url: str) -> None:
    upgrade(url)
    engine = make_engine(url)
    with UnitOfWork(engine, write=True) as uow:
        for sid in STUDENTS:
            uow.people.add(Person(id=sid, kind="student", first_name="L", last_name="N"))
        uow.commit()
    engine.dispose()


def through_unit_of_work(url: str, n: int) -> float:
    engine = make_engine(url)
    cases = [make_case(i) for i in range(n)]  # as in the hand-written path, not timed
    start = time.perf_counter()
    for case in cases:
        with UnitOfWork(engine, write=True) as uow:
            uow.cases.add(case)
            uow.commit()
    elapsed = time.perf_counter() - start
    with engine.connect() as conn:
        assert len(conn.execute(select(t.cases.c.id)).all()) == n
    engine.dispose()
    return elapsed


def hand_written(url: str, n: int) -> float:
    engine = make_engine(url)
    cases = [make_case(i) for i in range(n)]  # the domain objects are not what is timed
    start = time.perf_counter()
    with engine.begin() as conn:
        conn.execute(insert(t.case_number_counters), [{"school_year": 2025, "last_number": n}])
        conn.execute(
            insert(t.cases),
            [
                {
                    "id": i + 1,
                    "number": f"2025-{i + 1:04d}",
                    "school_year": 2025,
                    "protocol_version": c.protocol_version,
                    "occurred_at": c.occurred_at,
                    "reported_at": c.reported_at,
                    "platform": c.platform,
                    "location": c.location,
                    "summary": c.summary,
                    "state": c.state,
                    "version": 1,
                }
                for i, c in enumerate(cases)
            ],
        )
        conn.execute(
            insert(t.case_involvements),
            [
                {"case_id": i + 1, "person_id": inv.person_id, "role": inv.role}
                for i, c in enumerate(cases)
                for inv in c.involvements
            ],
        )
        conn.execute(
            insert(t.case_violations),
            [
                {"case_id": i + 1, "offender_id": v.offender_id, "clause_id": v.clause_id}
                for i, c in enumerate(cases)
                for v in c.violations
            ],
        )
        conn.execute(
            insert(t.case_events),
            [
                {
                    "case_id": i + 1,
                    "seq": e.seq,
                    "kind": e.kind,
                    "actor_id": e.actor_id,
                    "at": e.at,
                    "state": e.state,
                    "reason": e.reason,
                    "data": e.data,
                }
                for i, c in enumerate(cases)
                for e in c.events
            ],
        )
    elapsed = time.perf_counter() - start
    engine.dispose()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, nargs="?", default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        uow_url = f"sqlite:///{Path(tmp) / 'uow.sqlite3'}"
        core_url = f"sqlite:///{Path(tmp) / 'core.sqlite3'}"
        seed(uow_url)
        seed(core_url)
        uow_s = through_unit_of_work(uow_url, args.n)
        core_s = hand_written(core_url, args.n)
    uow_rate, core_rate = args.n / uow_s, args.n / core_s
    print(f"cases: {args.n}")
    print(f"unit of work (one transaction per case): {uow_rate:10.0f} cases/s ({uow_s:.2f} s)")
    print(f"hand-written Core executemany:           {core_rate:10.0f} cases/s ({core_s:.2f} s)")
    print(f"ratio (hand-written / unit of work):     {core_rate / uow_rate:10.1f}x")
    print(
        f"target: >= 500 cases/s through the unit of work: "
        f"{'met' if uow_rate >= 500 else 'NOT met'}; within 5x: "
        f"{'met' if core_rate / uow_rate <= 5 else 'NOT met'}"
    )


if __name__ == "__main__":
    main()
