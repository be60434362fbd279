"""The people CSV from the admin system: parsed and checked whole, problems by line and column.

UTF-8 with or without a byte-order mark, comma or semicolon (whichever the header uses),
one header row with exactly the known columns in any order. Nothing is half-read: any
problem anywhere raises one ``InvalidInputError`` that lists every problem found.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

from pcc_cases.domain.errors import InvalidInputError, PccCasesError
from pcc_cases.domain.people import Person, PersonKind, parse_roles

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
MAX_PROBLEMS_SHOWN = 50


class PeopleFileError(InvalidInputError):
    """The people file has problems; ``problems`` lists each as 'line N, column C: ...'."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        shown = problems[:MAX_PROBLEMS_SHOWN]
        more = len(problems) - len(shown)
        text = "\n  ".join(shown) + (f"\n  ... and {more} more" if more else "")
        super().__init__(
            f"the people file has {len(problems)} problem(s); nothing was imported:\n  {text}"
        )


def parse_people_csv(data: bytes) -> list[tuple[int, Person]]:
    """Every row as a Person with its line number; raises PeopleFileError listing problems."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise PeopleFileError([f"line {line}: not UTF-8 text (byte {exc.start})"]) from None
    if "\x00" in text:
        raise PeopleFileError(["the file contains NUL characters: is it a spreadsheet file?"])
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        raise PeopleFileError([f"line 1: no header row; expected {','.join(COLUMNS)}"])
    delimiter = ";" if lines[0].count(";") > lines[0].count(",") else ","
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False))
    header = [h.strip().lower() for h in rows[0]]
    _check_header(header)
    people: list[tuple[int, Person]] = []
    problems: list[str] = []
    seen: dict[str, int] = {}
    for index, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            problems.append(f"line {index}: {len(row)} fields, but the header has {len(header)}")
            continue
        values = {h: cell.strip() for h, cell in zip(header, row, strict=True)}
        row_problems, person = _person(values)
        problems += [f"line {index}, column {p}" for p in row_problems]
        pid = values["id"]
        if pid and pid in seen:
            problems.append(f"line {index}, column id: {pid} is also on line {seen[pid]}")
            continue
        seen.setdefault(pid, index)
        if person is not None:
            people.append((index, person))
    if problems:
        raise PeopleFileError(problems)
    return people


def _check_header(header: list[str]) -> None:
    problems = []
    for name in header:
        if _BSN_LIKE.search(name):
            problems.append(
                f"line 1, column {name}: looks like a BSN (citizen service number); pcc_cases "
                "does not store BSNs: remove this column"
            )
        elif name not in COLUMNS:
            problems.append(f"line 1, column {name!r}: unknown; allowed: {', '.join(COLUMNS)}")
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        problems.append(f"line 1: missing column(s) {', '.join(missing)}")
    doubled = sorted({h for h in header if header.count(h) > 1})
    if doubled:
        problems.append(f"line 1: column(s) {', '.join(doubled)} appear more than once")
    if problems:
        raise PeopleFileError(problems)


def _person(values: dict[str, str]) -> tuple[list[str], Person | None]:
    problems = [f"{c}: required, but empty" for c in REQUIRED if not values[c]]
    kind = values["kind"].lower()
    if kind and kind not in {k.value for k in PersonKind}:
        problems.append(
            f"kind: {values['kind']!r} is not one of {', '.join(k.value for k in PersonKind)}"
        )
    left_on = None
    if values["left_on"]:
        try:
            left_on = dt.date.fromisoformat(values["left_on"])
        except ValueError:
            problems.append(f"left_on: {values['left_on']!r} is not a date YYYY-MM-DD")
    try:
        roles = parse_roles(values["roles"])
    except PccCasesError as exc:
        problems.append(str(exc))
        roles = frozenset()
    for name, limit in (("first_name", 100), ("last_name", 100), ("location", 100), ("class", 20)):
        if len(values[name]) > limit:
            problems.append(f"{name}: longer than {limit} characters")
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
        return [_column_of(str(exc))], None
    return [], person


def _column_of(message: str) -> str:
    """Domain messages name a field ('id: ...') or the person ('person X: only staff ...')."""
    if message.startswith("id:"):
        return message
    if "roles" in message:
        return f"roles: {message}"
    if "mentor" in message or "class" in message:
        return f"mentor_id/class: {message}"
    return f"kind: {message}"
