"""A writer process for the concurrency test: records cases through its own unit of work."""

from __future__ import annotations

import sys

import pendulum

from pcc_cases.adapters.engine import make_engine
from pcc_cases.adapters.unit_of_work import UnitOfWork
from pcc_cases.domain.case import Case
from pcc_cases.domain.errors import ConflictError
from pcc_cases.domain.people import PersonKind
from pcc_cases.domain.policy_file import default_policy
from pcc_cases.domain.protocol import load_protocol


def write(url: str, writer: int, count: int) -> list[str]:
    engine = make_engine(url)
    protocol, policy = load_protocol(), default_policy()
    numbers = []
    for i in range(count):
        occurred = pendulum.datetime(2023, 9, 1 + writer, 8, i, tz="UTC")
        for _attempt in range(20):
            case = Case.record(
                protocol=protocol,
                policy=policy,
                occurred_at=occurred,
                reported_at=occurred,
                platform="whatsapp",
                location="Alkmaar",
                summary=f"writer {writer} case {i}",
                involvements=[("w-offender", "offender")],
                violations=[("w-offender", "6.3")],
                person_kinds={"w-offender": PersonKind.STUDENT},
                recorded_by="dir1",
            )
            try:
                with UnitOfWork(engine, write=True) as uow:
                    numbers.append(uow.cases.add(case))
                    uow.commit()
                break
            except ConflictError:
                numbers = numbers[:i]
                continue
    engine.dispose()
    return numbers


if __name__ == "__main__":
    print("\n".join(write(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]))))
