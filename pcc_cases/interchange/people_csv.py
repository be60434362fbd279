"""The people CSV from the admin system: parsed and checked whole, problems by line and column.

UTF-8 with or without a byte-order mark, comma or semicolon (whichever the header uses),
one header row with exactly the known columns in any order. Nothing is half-read: any
problem anywhere raises one ``PeopleFileError`` whose ``problems`` list every problem
found, each with its line and column.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

from pcc_cases.domain.checks import text_problem
from pcc_cases.domain.errors import InvalidInputError, PccCasesError, PeopleFileError, Problem
from pcc_cases.domain.people import TEXT_LIMITS, Person, PersonKind, PersonRow, parse_roles
from pcc_cases.services.people import ImportResult, import_people_rows
from pcc_cases.services.ports import UnitOfWorkPort
from pcc_cases.services.settings import DEFAULT_SETTINGS, Settings

COLUMNS = (
    "id",
    "kind",
    "first_name",
    "last_name",
    "location",
    "class",
    "mentor_id",
    "roles",
    "left_on",
)
REQUIRED = ("id", "kind", "first_name", "last_name")
_BSN_LIKE = re.compile(r"bsn|burger\s*service|citizen\s*service|sofi", re.IGNORECASE)


def import_people(
    uow: UnitOfWorkPort,
    actor_id: str | None,
    data: bytes | str,
    *,
    dry_run: bool = False,
    settings: Settings = DEFAULT_SETTINGS,
) -> ImportResult:
    """Upsert people by id from the admin system's CSV; all or nothing, and idempotent.

    ``data`` is the file's bytes (UTF-8, with or without a byte-order mark) or its text.

    Raises:
        PeopleFileError: every problem of the file, each with its line and column.
        PermissionDeniedError: the actor may not import people (cvb or fg; anyone on a
            database without people, where the first import sets up the organisation).
    """
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogatepass")  # a lone surrogate is named below
    elif not isinstance(data, bytes | bytearray):
        raise InvalidInputError(
            f"the CSV's bytes or text is expected, not {type(data).__name__}", field="data"
        )
    rows = parse_people_csv(bytes(data))
    return import_people_rows(uow, actor_id, rows, dry_run=dry_run, settings=settings)


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def parse_people_csv(data: bytes) -> list[PersonRow]:
    """Every row as a Person with its line number; raises PeopleFileError listing problems."""
    try:
        text = data.decode("utf-8-sig", "surrogatepass")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise PeopleFileError([Problem(f"not UTF-8 text (byte {exc.start})", line=line)]) from None
    if "\x00" in text:
        raise PeopleFileError(
            [Problem("the file contains NUL characters: is it a spreadsheet file?")]
        )
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        raise PeopleFileError([Problem(f"no header row; expected {','.join(COLUMNS)}", line=1)])
    delimiter = ";" if lines[0].count(";") > lines[0].count(",") else ","
    surrogate = _LONE_SURROGATE.search(text)
    if surrogate:
        line = text.count("\n", 0, surrogate.start()) + 1
        raise PeopleFileError([Problem("a broken character (a lone UTF-16 surrogate)", line=line)])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    try:
        rows = list(reader)
    except csv.Error as exc:  # a field over the csv module's limit (131,072 characters)
        raise PeopleFileError(
            [Problem(f"not readable as CSV: {exc}", line=reader.line_num)]
        ) from None
    header = [h.strip().lower() for h in rows[0]]
    _check_header(header)
    people: list[PersonRow] = []
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for index, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            problems.append(
                Problem(f"{len(row)} fields, but the header has {len(header)}", line=index)
            )
            continue
        values = {h: cell.strip() for h, cell in zip(header, row, strict=True)}
        row_problems, person = _person(values)
        problems += [Problem(text, line=index, column=column) for column, text in row_problems]
        pid = values["id"]
        if pid and pid in seen:
            problems.append(Problem(f"{pid} is also on line {seen[pid]}", line=index, column="id"))
            continue
        seen.setdefault(pid, index)
        if person is not None:
            people.append(PersonRow(line=index, person=person))
    if problems:
        raise PeopleFileError(problems)
    return people


def _check_header(header: list[str]) -> None:
    problems = []
    for name in header:
        if _BSN_LIKE.search(name):
            problems.append(
                Problem(
                    "looks like a BSN (citizen service number); pcc_cases does not store "
                    "BSNs: remove this column",
                    line=1,
                    column=name,
                )
            )
        elif name not in COLUMNS:
            problems.append(
                Problem(f"unknown; allowed: {', '.join(COLUMNS)}", line=1, column=repr(name))
            )
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        problems.append(Problem(f"missing column(s) {', '.join(missing)}", line=1))
    doubled = sorted({h for h in header if header.count(h) > 1})
    if doubled:
        problems.append(Problem(f"column(s) {', '.join(doubled)} appear more than once", line=1))
    if problems:
        raise PeopleFileError(problems)


def _person(values: dict[str, str]) -> tuple[list[tuple[str, str]], Person | None]:
    """The row's person, or its problems as (column, message)."""
    problems = [(c, "required, but empty") for c in REQUIRED if not values[c]]
    kind = values["kind"].lower()
    if kind and kind not in {k.value for k in PersonKind}:
        problems.append(
            ("kind", f"{values['kind']!r} is not one of {', '.join(k.value for k in PersonKind)}")
        )
    left_on = None
    if values["left_on"]:
        try:
            left_on = dt.date.fromisoformat(values["left_on"])
        except ValueError:
            problems.append(("left_on", f"{values['left_on']!r} is not a date YYYY-MM-DD"))
    try:
        roles = parse_roles(values["roles"])
    except PccCasesError as exc:
        problems.append(("roles", exc.message))
        roles = frozenset()
    for column, limit in TEXT_LIMITS.items():
        problem = text_problem(values[column], limit, one_line=True)
        if problem:
            problems.append((column, problem))
    if problems:
        return problems, None
    try:
        person = Person(
            id=values["id"],
            kind=kind,
            first_name=values["first_name"],
            last_name=values["last_name"],
            location=values["location"] or None,
            class_name=values["class"] or None,
            mentor_id=values["mentor_id"] or None,
            roles=roles,  # type: ignore[arg-type]
            left_on=left_on,
        )
    except PccCasesError as exc:
        return [(exc.field or "kind", exc.message)], None
    return [], person
