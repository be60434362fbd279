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

import attrs

from pcc_cases.domain.checks import text_problem
from pcc_cases.domain.errors import InvalidInputError, PccCasesError, PeopleFileError, Problem
from pcc_cases.domain.people import TEXT_LIMITS, Person, PersonKind, PersonRow, parse_roles
from pcc_cases.services.people import ImportResult, import_people_rows
from pcc_cases.services.ports import UnitOfWorkPort
from pcc_cases.services.settings import DEFAULT_SETTINGS, Settings
from pcc_cases.translation import N_

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
            N_("the CSV's bytes or text is expected, not {name}"),
            field="data",
            name=type(data).__name__,
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
        raise PeopleFileError(
            [Problem(N_("not UTF-8 text (byte {start})"), line=line, params={"start": exc.start})]
        ) from None
    if "\x00" in text:
        raise PeopleFileError(
            [Problem(N_("the file contains NUL characters: is it a spreadsheet file?"))]
        )
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        raise PeopleFileError(
            [
                Problem(
                    N_("no header row; expected {columns}"),
                    line=1,
                    params={"columns": ",".join(COLUMNS)},
                )
            ]
        )
    delimiter = ";" if lines[0].count(";") > lines[0].count(",") else ","
    surrogate = _LONE_SURROGATE.search(text)
    if surrogate:
        line = text.count("\n", 0, surrogate.start()) + 1
        raise PeopleFileError(
            [Problem(N_("a broken character (a lone UTF-16 surrogate)"), line=line)]
        )
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    try:
        rows = list(reader)
    except csv.Error as exc:  # a field over the csv module's limit (131,072 characters)
        raise PeopleFileError(
            [Problem(N_("not readable as CSV: {exc}"), line=reader.line_num, params={"exc": exc})]
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
                Problem(
                    N_("{count} fields, but the header has {count2}"),
                    line=index,
                    params={"count": len(row), "count2": len(header)},
                )
            )
            continue
        values = {h: cell.strip() for h, cell in zip(header, row, strict=True)}
        row_problems, person = _person(values)
        problems += [attrs.evolve(p, line=index) for p in row_problems]
        pid = values["id"]
        if pid and pid in seen:
            problems.append(
                Problem(
                    N_("{pid} is also on line {seen}"),
                    line=index,
                    column="id",
                    params={"pid": pid, "seen": seen[pid]},
                )
            )
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
                    N_(
                        "looks like a BSN (citizen service number); pcc_cases does not store BSNs: "
                        "remove this column"
                    ),
                    line=1,
                    column=name,
                )
            )
        elif name not in COLUMNS:
            problems.append(
                Problem(
                    N_("unknown; allowed: {COLUMNS}"),
                    line=1,
                    column=repr(name),
                    params={"COLUMNS": ", ".join(COLUMNS)},
                )
            )
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        problems.append(
            Problem(
                N_("missing column(s) {missing}"), line=1, params={"missing": ", ".join(missing)}
            )
        )
    doubled = sorted({h for h in header if header.count(h) > 1})
    if doubled:
        problems.append(
            Problem(
                N_("column(s) {doubled} appear more than once"),
                line=1,
                params={"doubled": ", ".join(doubled)},
            )
        )
    if problems:
        raise PeopleFileError(problems)


def _person(values: dict[str, str]) -> tuple[list[Problem], Person | None]:
    """The row's person, or its problems, each with its column."""
    problems = [Problem(N_("required, but empty"), column=c) for c in REQUIRED if not values[c]]
    kind = values["kind"].lower()
    if kind and kind not in {k.value for k in PersonKind}:
        problems.append(
            Problem(
                N_("{value!r} is not one of {allowed}"),
                column="kind",
                params={"value": values["kind"], "allowed": ", ".join(k.value for k in PersonKind)},
            )
        )
    left_on = None
    if values["left_on"]:
        try:
            left_on = dt.date.fromisoformat(values["left_on"])
        except ValueError:
            problems.append(
                Problem(
                    N_("{value!r} is not a date YYYY-MM-DD"),
                    column="left_on",
                    params={"value": values["left_on"]},
                )
            )
    try:
        roles = parse_roles(values["roles"])
    except PccCasesError as exc:
        problems.append(Problem.of(exc, column="roles"))
        roles = frozenset()
    for column, limit in TEXT_LIMITS.items():
        problem = text_problem(values[column], limit, one_line=True)
        if problem:
            problems.append(attrs.evolve(problem, column=column))
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
        return [Problem.of(exc, column=exc.field or "kind")], None
    return [], person
