"""Export cases as JSON Lines (streamed), and import them back: all or nothing, idempotent.

Export reads cases in batches by id and forgets each batch once written, so memory does
not grow with the number of cases. Import reads and checks every line before it writes
anything, then stores the new cases in one transaction: a crash leaves the database as it
was. A case number that exists with the same content is skipped; with other content it
is a conflict, and nothing is written.
"""

from __future__ import annotations

import json
import os
import re
import time
from collections.abc import Iterable, Sized
from pathlib import Path
from typing import IO

import attrs

from pcc_cases.access import Action
from pcc_cases.domain.case import Case
from pcc_cases.domain.errors import CaseFileError, ConflictError, Problem, RecordError
from pcc_cases.domain.period import Period
from pcc_cases.domain.progress import Progress, no_progress
from pcc_cases.domain.snapshot import case_snapshot
from pcc_cases.interchange.case_codec import case_to_record, number_problems, record_to_case
from pcc_cases.interchange.case_replay import replay_problems
from pcc_cases.services.guard import authorize, load_actor, log_read
from pcc_cases.services.ports import UnitOfWorkPort
from pcc_cases.services.settings import DEFAULT_SETTINGS, Settings
from pcc_cases.translation import N_

MAX_CONFLICTS_SHOWN = 50
MAX_LINE_CHARACTERS = 1_000_000
MAX_NESTING = 8  # record > events > event > data > involvements > pair is 6 deep
_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
_BRACKETS = re.compile(r"[\[\]{}]")
# Test hook: with this set to a file path, an import that has written every case touches
# the file and waits before its commit, so that a test can kill it at exactly that moment.
PAUSE_BEFORE_COMMIT_ENV = "PCC_CASES_TEST_PAUSE_BEFORE_COMMIT"


def export_cases(
    uow: UnitOfWorkPort,
    actor_id: str | None,
    out: IO[str],
    *,
    period: Period | None = None,
    progress: Progress = no_progress,
    settings: Settings = DEFAULT_SETTINGS,
) -> int:
    """Write every case (of ``period``, if given) as one JSON line; returns how many.

    ``progress`` hears the number written after each case (the total is not known ahead).

    Raises:
        PermissionDeniedError: the actor may not export cases (cvb only).
    """
    actor = load_actor(uow, actor_id, settings)
    authorize(uow, actor, Action.EXPORT_CASES, None, settings)
    log_read(uow, actor, f"export:{period.label if period else 'all'}", settings.clock())
    uow.commit()
    written = 0
    for case in uow.cases.stream(period):
        out.write(_json_line(case_to_record(case)))
        written += 1
        progress(written, None)
    return written


# Characters that some readers take for a line break (Python's str.splitlines() among
# them): escaped in the export, so that one case is always one line for every reader.
_LINE_BREAKS_INSIDE_TEXT = str.maketrans(
    {"\u2028": "\\u2028", "\u2029": "\\u2029", "\x85": "\\u0085"}
)


def _json_line(record: object) -> str:
    return json.dumps(record, ensure_ascii=False).translate(_LINE_BREAKS_INSIDE_TEXT) + "\n"


def split_lines(text: str) -> list[str]:
    r"""The lines of a JSON Lines text: split at ``\n`` only (a ``\r`` before it is JSON
    white space), never at the other characters Unicode calls line breaks.
    """
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()  # the newline that ends the last line starts no line of its own
    return lines


@attrs.frozen
class CaseImportResult:
    """What an import of cases did (or, with ``dry_run``, would do)."""

    created: tuple[str, ...]
    unchanged: int
    dry_run: bool


def import_cases(
    uow: UnitOfWorkPort,
    actor_id: str | None,
    lines: Iterable[str],
    *,
    dry_run: bool = False,
    progress: Progress = no_progress,
    settings: Settings = DEFAULT_SETTINGS,
) -> CaseImportResult:
    r"""Import cases from JSON lines; every problem is listed and then nothing is written.

    ``lines`` is the file's text or its lines split at ``\n`` only (see ``split_lines``:
    ``str.splitlines()`` would also split inside a text holding U+2028).

    ``progress`` hears the number of lines read so far, and their total when ``lines``
    is a sequence.

    Raises:
        CaseFileError: every problem of the file, each with its line and field.
        ConflictError: case numbers that exist with other content (nothing is imported).
        PermissionDeniedError: the actor may not import cases (cvb only).
    """
    actor = load_actor(uow, actor_id, settings)
    authorize(uow, actor, Action.IMPORT_CASES, None, settings)
    if isinstance(lines, str):
        lines = split_lines(lines)  # a whole file's text, not one line per item
    cases, problems = _read(lines, settings, progress)
    people = {pid for _line, case in cases for pid in _person_ids(case)}
    actors = {e.actor_id for _line, case in cases for e in case.events}
    known = uow.people.find_many(sorted(people | actors))
    locations = frozenset(uow.people.locations())
    for line, case in cases:
        unknown = sorted(p for p in _person_ids(case) if p not in known)
        if unknown:
            problems.append(
                Problem(
                    N_("unknown person id(s) {unknown}"),
                    line=line,
                    params={"unknown": ", ".join(unknown)},
                )
            )
            continue
        found = replay_problems(case, known, locations, settings)
        problems += [attrs.evolve(p, line=line) for p in found]
    if problems:
        raise CaseFileError(problems)
    existing = uow.cases.find_numbers([c.number or "" for _l, c in cases])
    conflicts, new, unchanged = [], [], 0
    for line, case in cases:
        stored = existing.get(case.number or "")
        if stored is None:
            new.append(case)
        elif case_snapshot(stored) == case_snapshot(case):
            unchanged += 1
        else:
            conflicts.append(f"{line}: {case.number}")
    if conflicts:
        uow.rollback()
        raise ConflictError(
            N_(
                "nothing was imported; these cases (line: number) exist with other content "
                "and are not overwritten: {conflicts}"
            ),
            conflicts=", ".join(conflicts[:MAX_CONFLICTS_SHOWN]),
        )
    if not dry_run and new:
        uow.cases.add_numbered(new)
        _pause_before_commit()
        uow.commit()
    else:
        uow.rollback()
    return CaseImportResult(tuple(c.number or "" for c in new), unchanged, dry_run)


def _read(
    lines: Iterable[str], settings: Settings, progress: Progress
) -> tuple[list[tuple[int, Case]], list[Problem]]:
    total = len(lines) if isinstance(lines, Sized) else None
    cases: list[tuple[int, Case]] = []
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for number, text in enumerate(lines, start=1):
        progress(number, total)
        if not text.strip():
            continue
        refusal = _too_big(text, number)
        if refusal:
            problems.append(refusal)
            continue
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            problems.append(
                Problem(
                    N_("not JSON ({msg} at column {colno})"),
                    line=number,
                    params={"msg": exc.msg, "colno": exc.colno},
                )
            )
            continue
        if _has_lone_surrogate(data):
            problems.append(
                Problem(N_("a broken character (a lone UTF-16 surrogate)"), line=number)
            )
            continue
        problems += [attrs.evolve(p, line=number) for p in number_problems(data)]
        try:
            case = record_to_case(data, settings.protocol)
        except RecordError as exc:
            problems += [attrs.evolve(p, line=number) for p in exc.problems]
            continue
        if case.number in seen:
            problems.append(
                Problem(
                    N_("{number} is also on line {seen}"),
                    line=number,
                    field="number",
                    params={"number": case.number, "seen": seen[case.number]},
                )
            )
            continue
        seen[case.number or ""] = number
        cases.append((number, case))
    if not cases and not problems:
        problems.append(Problem(N_("the file holds no cases")))
    return cases, problems


def _too_big(text: str, line: int) -> Problem | None:
    """Why a line is refused before it is parsed: too long, or nested too deep."""
    if len(text) > MAX_LINE_CHARACTERS:
        return Problem(
            N_("{count} characters; a case line may hold at most {most}"),
            line=line,
            params={"count": len(text), "most": MAX_LINE_CHARACTERS},
        )
    depth = deepest = 0
    for bracket in _BRACKETS.findall(_JSON_STRING.sub("", text)):
        depth += 1 if bracket in "[{" else -1
        deepest = max(deepest, depth)
    if deepest > MAX_NESTING:
        return Problem(
            N_("JSON nested {deepest} deep; a case record is at most {most} deep"),
            line=line,
            params={"deepest": deepest, "most": MAX_NESTING},
        )
    return None


def _has_lone_surrogate(data: object) -> bool:
    r"""JSON may write half of a UTF-16 pair (``"\udcff"``); no database can store it."""
    try:
        json.dumps(data, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _person_ids(case: Case) -> set[str]:
    ids = {i.person_id for i in case.involvements} | {v.offender_id for v in case.violations}
    ids |= {a.offender_id for a in case.assessments} | {d.offender_id for d in case.decisions}
    ids |= {o.offender_id for o in case.obligations if o.offender_id}
    return ids


def _pause_before_commit() -> None:
    marker = os.environ.get(PAUSE_BEFORE_COMMIT_ENV)
    if marker:
        Path(marker).touch()
        time.sleep(60)
