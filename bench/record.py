"""Record N cases through the unit of work on a SQLite file, and the same rows with
hand-written SQLAlchemy Core executemany in the same run; print both rates and the ratio.

Usage: python bench/record.py [N]

Two ways of writing, each measured through the unit of work and with hand-written Core on
the same kind of SQLite file: one transaction per case (a director recording a case; the
hand-written path reserves the number and inserts the rows itself) and one transaction for
all cases (an import; ``CaseRepository.add_all`` against one executemany per table).
"""

from __future__ import annotations

import argparse
import gc
import tempfile
import time
from pathlib import Path

import pendulum
from sqlalchemy import Table, insert, select
from sqlalchemy.dialects import sqlite

from pcc_cases.adapters import tables as t
from pcc_cases.adapters.engine import make_engine
from pcc_cases.adapters.migrate import upgrade
from pcc_cases.adapters.unit_of_work import UnitOfWork
from pcc_cases.domain.case import Case
from pcc_cases.domain.people import Person, PersonKind
from pcc_cases.domain.policy_file import default_policy
from pcc_cases.domain.protocol import load_protocol

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
    cases = prepared(n)
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


def case_row(c: Case, number: int) -> dict[str, object]:
    return {
        "number": f"2025-{number:04d}",
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


def child_rows(c: Case, case_id: int) -> list[tuple[Table, list[dict[str, object]]]]:
    return [
        (
            t.case_involvements,
            [
                {"case_id": case_id, "person_id": i.person_id, "role": i.role}
                for i in c.involvements
            ],
        ),
        (
            t.case_violations,
            [
                {"case_id": case_id, "offender_id": v.offender_id, "clause_id": v.clause_id}
                for v in c.violations
            ],
        ),
        (
            t.case_events,
            [
                {
                    "case_id": case_id,
                    "seq": e.seq,
                    "kind": e.kind,
                    "actor_id": e.actor_id,
                    "at": e.at,
                    "state": e.state,
                    "reason": e.reason,
                    "data": e.data,
                }
                for e in c.events
            ],
        ),
    ]


def hand_written_per_case(url: str, n: int) -> float:
    """The same work as the unit of work, in hand-written Core: one transaction per case."""
    engine = make_engine(url).execution_options(pcc_cases_begin="IMMEDIATE")
    cases = prepared(n)
    bump = sqlite.insert(t.case_number_counters).values(school_year=2025, last_number=1)
    bump = bump.on_conflict_do_update(
        index_elements=["school_year"],
        set_={"last_number": t.case_number_counters.c.last_number + 1},
    ).returning(t.case_number_counters.c.last_number)
    insert_case = insert(t.cases).returning(t.cases.c.id)
    start = time.perf_counter()
    for c in cases:
        with engine.begin() as conn:
            number = conn.execute(bump).scalar_one()
            case_id = conn.execute(insert_case, case_row(c, number)).scalar_one()
            for table, rows in child_rows(c, case_id):
                conn.execute(insert(table), rows)
    elapsed = time.perf_counter() - start
    engine.dispose()
    return elapsed


def hand_written_batch(url: str, n: int) -> float:
    """The floor: every row in one transaction, one executemany per table."""
    engine = make_engine(url)
    cases = prepared(n)
    start = time.perf_counter()
    with engine.begin() as conn:
        conn.execute(insert(t.case_number_counters), [{"school_year": 2025, "last_number": n}])
        conn.execute(
            insert(t.cases), [{"id": i + 1, **case_row(c, i + 1)} for i, c in enumerate(cases)]
        )
        per_table: dict[Table, list[dict[str, object]]] = {}
        for i, c in enumerate(cases):
            for table, rows in child_rows(c, i + 1):
                per_table.setdefault(table, []).extend(rows)
        for table, rows in per_table.items():
            conn.execute(insert(table), rows)
    elapsed = time.perf_counter() - start
    engine.dispose()
    return elapsed


def prepared(n: int) -> list[Case]:
    """The domain objects are not what is timed; freezing them keeps the collector off them."""
    cases = [make_case(i) for i in range(n)]
    gc.collect()
    gc.freeze()
    return cases


def through_unit_of_work_batch(url: str, n: int) -> float:
    """Every case through one unit of work (an import, say): one transaction."""
    engine = make_engine(url)
    cases = prepared(n)
    start = time.perf_counter()
    with UnitOfWork(engine, write=True) as uow:
        uow.cases.add_all(cases)
        uow.commit()
    elapsed = time.perf_counter() - start
    engine.dispose()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, nargs="?", default=10_000)
    args = parser.parse_args()
    runs = {
        "uow_per_case": through_unit_of_work,
        "core_per_case": hand_written_per_case,
        "uow_batch": through_unit_of_work_batch,
        "core_batch": hand_written_batch,
    }
    rate = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, run in runs.items():
            url = f"sqlite:///{Path(tmp) / name}.sqlite3"
            seed(url)
            rate[name] = args.n / run(url, args.n)
    per_case_ratio = rate["core_per_case"] / rate["uow_per_case"]
    batch_ratio = rate["core_batch"] / rate["uow_batch"]
    print(f"cases: {args.n} (SQLite file, WAL)")
    print("                                   unit of work   hand-written Core   ratio")
    print(
        f"one transaction per case (a director) {rate['uow_per_case']:8.0f}/s"
        f"   {rate['core_per_case']:10.0f}/s   {per_case_ratio:8.2f}x"
    )
    print(
        f"one transaction for all (an import)   {rate['uow_batch']:8.0f}/s"
        f"   {rate['core_batch']:10.0f}/s   {batch_ratio:8.2f}x"
    )
    print(
        f"target: >= 500 cases/s through the unit of work, one transaction per case: "
        f"{'met' if rate['uow_per_case'] >= 500 else 'NOT met'}; within 5x of hand-written: "
        f"per case {'met' if per_case_ratio <= 5 else 'NOT met'}, "
        f"batch {'met' if batch_ratio <= 5 else 'NOT met'}"
    )


if __name__ == "__main__":
    main()
