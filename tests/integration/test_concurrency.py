"""Eight writer processes record cases at once: each stored once, numbers unique and gap-free."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from sqlalchemy import Engine, select

from pcc_cases.adapters import tables as t
from pcc_cases.adapters.unit_of_work import UnitOfWork
from pcc_cases.domain.people import Person

WRITERS, PER_WRITER = 8, 12
ROOT = Path(__file__).resolve().parents[2]


def test_concurrent_writers_get_unique_gap_free_numbers(engine: Engine, database_url: str) -> None:
    with UnitOfWork(engine, write=True) as uow:
        if uow.people.find("w-offender") is None:
            uow.people.add(
                Person(id="w-offender", kind="student", first_name="W", last_name="Riter")
            )
        uow.commit()
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.integration.writer",
                database_url,
                str(w),
                str(PER_WRITER),
            ],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for w in range(WRITERS)
    ]
    reported = []
    for proc in procs:
        out, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
        reported += out.split()
    with engine.connect() as conn:
        rows = conn.execute(
            select(t.cases.c.number, t.cases.c.summary).where(t.cases.c.school_year == 2023)
        ).all()
    numbers = sorted(r.number for r in rows)
    assert len(rows) == WRITERS * PER_WRITER
    assert len({r.summary for r in rows}) == WRITERS * PER_WRITER  # every case stored once
    assert numbers == [f"2023-{n:04d}" for n in range(1, WRITERS * PER_WRITER + 1)]
    assert sorted(reported) == numbers
