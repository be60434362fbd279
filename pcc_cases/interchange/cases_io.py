"""Export cases as JSON Lines (streamed), and import them back: all or nothing, idempotent.

Export reads cases in batches by id and forgets each batch once written, so memory does
not grow with the number of cases. Import reads and checks every line before it writes
anything, then stores the new cases in one transaction: a crash leaves the database as it
was. A case number that exists with the same content is skipped; with other content it
is a conflict, and nothing is written.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import IO

import attrs
from sqlalchemy import select

from pcc_cases.access import Action
from pcc_cases.adapters import tables as t
from pcc_cases.adapters.case_insert import insert_new_cases
from pcc_cases.adapters.numbering import raise_counter
from pcc_cases.adapters.unit_of_work import UnitOfWork
from pcc_cases.domain.case import Case
from pcc_cases.domain.errors import ConflictError, InvalidInputError
from pcc_cases.domain.snapshot import case_snapshot
from pcc_cases.interchange.case_codec import RecordProblems, case_to_record, record_to_case
from pcc_cases.reports.period import Period
from pcc_cases.services.guard import authorize, load_actor, log_read
from pcc_cases.services.settings import DEFAULT_SETTINGS, Settings

BATCH = 200
MAX_PROBLEMS_SHOWN = 50


def export_cases(
    uow: UnitOfWork,
    actor_id: str | None,
    out: IO[str],
    *,
    period: Period | None = None,
    settings: Settings = DEFAULT_SETTINGS,
) -> int:
    """Write every case (of ``period``, if given) as one JSON line; returns how many."""
    actor = load_actor(uow, actor_id, settings)
    authorize(uow, actor, Action.EXPORT_CASES, None, settings)
    log_read(uow, actor, f"export:{period.label if period else 'all'}", settings.clock())
    uow.commit()
    written = 0
    for case in _stream(uow, period):
        out.write(json.dumps(case_to_record(case), ensure_ascii=False, sort_keys=False) + "\n")
        written += 1
    return written


def _stream(uow: UnitOfWork, period: Period | None) -> Iterator[Case]:
    c = t.cases
    last = 0
    while True:
        query = select(c.c.id).where(c.c.id > last).order_by(c.c.id).limit(BATCH)
        if period is not None:
            query = query.where(
                c.c.occurred_at >= period.start_utc, c.c.occurred_at < period.end_utc
            )
        ids = list(uow.session.scalars(query))
        if not ids:
            return
        batch = uow.session.scalars(select(Case).where(c.c.id.in_(ids)).order_by(c.c.id)).all()
        yield from batch
        uow.session.expunge_all()
        last = ids[-1]


@attrs.frozen
class CaseImportResult:
    created: tuple[str, ...]
    unchanged: int
    dry_run: bool


def import_cases(
    uow: UnitOfWork,
    actor_id: str | None,
    lines: Iterable[str],
    *,
    dry_run: bool = False,
    settings: Settings = DEFAULT_SETTINGS,
) -> CaseImportResult:
    """Import cases from JSON lines; every problem is listed and then nothing is written."""
    actor = load_actor(uow, actor_id, settings)
    authorize(uow, actor, Action.IMPORT_CASES, None, settings)
    cases, problems = _read(lines, settings)
    people = {pid for _line, case in cases for pid in _person_ids(case)}
    known = uow.people.find_many(sorted(people))
    for line, case in cases:
        unknown = sorted(p for p in _person_ids(case) if p not in known)
        if unknown:
            problems.append(f"line {line}: unknown person id(s) {', '.join(unknown)}")
    if problems:
        raise _problems(problems)
    existing = {
        case.number: case
        for case in uow.session.scalars(
            select(Case).where(t.cases.c.number.in_([c.number for _l, c in cases]))
        )
    }
    conflicts, new, unchanged = [], [], 0
    for line, case in cases:
        stored = existing.get(case.number or "")
        if stored is None:
            new.append(case)
        elif case_snapshot(stored) == case_snapshot(case):
            unchanged += 1
        else:
            conflicts.append(f"line {line}: case {case.number} exists with other content")
    if conflicts:
        uow.rollback()
        raise ConflictError(
            "nothing was imported; these cases exist with other content and are not "
            "overwritten:\n  " + "\n  ".join(conflicts[:MAX_PROBLEMS_SHOWN])
        )
    if not dry_run and new:
        highest: dict[int, int] = {}
        for case in new:
            case.db_school_year = case.school_year  # type: ignore[attr-defined]
            sequence = int((case.number or "0-0").split("-")[1])
            highest[case.school_year] = max(highest.get(case.school_year, 0), sequence)
        for year, sequence in highest.items():
            raise_counter(uow.session, year, sequence)
        insert_new_cases(uow.session, new)
        uow.commit()
    else:
        uow.rollback()
    return CaseImportResult(tuple(c.number or "" for c in new), unchanged, dry_run)


def _read(lines: Iterable[str], settings: Settings) -> tuple[list[tuple[int, Case]], list[str]]:
    cases: list[tuple[int, Case]] = []
    problems: list[str] = []
    seen: dict[str, int] = {}
    for number, text in enumerate(lines, start=1):
        if not text.strip():
            continue
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            problems.append(f"line {number}: not JSON ({exc.msg} at column {exc.colno})")
            continue
        try:
            case = record_to_case(data, settings.protocol)
        except RecordProblems as exc:
            problems += [f"line {number}, {p}" for p in exc.problems]
            continue
        expected_prefix = f"{case.school_year}-"
        if (
            not (case.number or "").startswith(expected_prefix)
            or not (case.number or "")[5:].isdigit()
        ):
            problems.append(
                f"line {number}, number: {case.number!r} does not fit school year "
                f"{case.school_year} (expected {expected_prefix}NNNN)"
            )
            continue
        if case.number in seen:
            problems.append(
                f"line {number}, number: {case.number} is also on line {seen[case.number]}"
            )
            continue
        seen[case.number or ""] = number
        cases.append((number, case))
    if not cases and not problems:
        problems.append("the file holds no cases")
    return cases, problems


def _person_ids(case: Case) -> set[str]:
    ids = {i.person_id for i in case.involvements} | {v.offender_id for v in case.violations}
    ids |= {a.offender_id for a in case.assessments} | {d.offender_id for d in case.decisions}
    ids |= {o.offender_id for o in case.obligations if o.offender_id}
    return ids


def _problems(problems: list[str]) -> InvalidInputError:
    shown = problems[:MAX_PROBLEMS_SHOWN]
    more = len(problems) - len(shown)
    return InvalidInputError(
        f"the file has {len(problems)} problem(s); nothing was imported:\n  "
        + "\n  ".join(shown)
        + (f"\n  ... and {more} more" if more else "")
    )
