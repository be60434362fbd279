"""Cases as JSON records (one per line in an export), and back, checked field by field.

The record is the case's full content (``case_snapshot``) with a schema name and version.
Reading a record never trusts it: every field's type and allowed values are checked, ids
and clauses too, and the history must replay to the recorded state. Problems are
collected, each naming its field, so that an import can list all of them at once.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
import types
import typing
from typing import Any

import attrs
import pendulum

from pcc_cases.domain.case import Case
from pcc_cases.domain.case_parts import CASE_PARTS, LATER_PARTS
from pcc_cases.domain.errors import PccCasesError, Problem, RecordError
from pcc_cases.domain.event_shapes import DATA_SHAPES, shape_problems, short_repr
from pcc_cases.domain.events import DATA_VERSIONS, upgrade_event_data
from pcc_cases.domain.lifecycle import replay
from pcc_cases.domain.people import check_person_id
from pcc_cases.domain.protocol import Protocol
from pcc_cases.domain.snapshot import case_snapshot
from pcc_cases.domain.time import check_year, local_date, school_year_of
from pcc_cases.translation import N_

SCHEMA = "pcc-cases.case"
VERSION = 1
_PERSON_FIELDS = {
    "person_id",
    "offender_id",
    "actor_id",
    "assessed_by",
    "decided_by",
    "done_by",
    "target_id",
    "recorded_by",
}
_MISSING = object()
CASE_NUMBER = re.compile(r"[0-9]{4}-[0-9]{4,10}", re.ASCII)
# The counter column is a 32-bit integer on every backend; the last value is kept free
# so that the counter can always take one more step.
MAX_CASE_SEQUENCE = 2**31 - 2


def case_to_record(case: Case) -> dict[str, Any]:
    return {"schema": SCHEMA, "version": VERSION, **case_snapshot(case)}


def record_to_case(data: Any, protocol: Protocol) -> Case:
    """A Case from a record; raises RecordError listing every problem found, by field."""
    problems: list[Problem] = []
    if not isinstance(data, dict):
        raise RecordError([Problem(N_("not a JSON object"), field="(line)")])
    if data.get("schema") != SCHEMA or data.get("version") != VERSION:
        raise RecordError(
            [
                Problem(
                    N_("expected {SCHEMA!r} version {VERSION}, got {value!r} version {value2!r}"),
                    field="schema/version",
                    params={
                        "SCHEMA": SCHEMA,
                        "VERSION": VERSION,
                        "value": data.get("schema"),
                        "value2": data.get("version"),
                    },
                )
            ]
        )
    known = {f.name for f in attrs.fields(Case)} | {"schema", "version"}
    problems += [Problem(N_("unknown field"), field=key) for key in data if key not in known]
    values = _convert(Case, data, "", problems, skip=frozenset(CASE_PARTS))
    parts: dict[str, list[Any]] = {}
    for name, cls in CASE_PARTS.items():
        items = data.get(name, [] if name in LATER_PARTS else _MISSING)
        if not isinstance(items, list):
            problems.append(Problem(N_("must be a list"), field=name))
            continue
        parts[name] = []
        for index, item in enumerate(items):
            where = f"{name}[{index}]."
            if not isinstance(item, dict):
                problems.append(Problem(N_("not an object"), field=f"{name}[{index}]"))
                continue
            extra = [k for k in item if k not in {f.name for f in attrs.fields(cls)}]
            problems += [Problem(N_("unknown field"), field=f"{where}{k}") for k in extra]
            converted = _convert(cls, item, where, problems)
            if converted is not None:
                parts[name].append(cls(**converted))
    if values is None or problems:
        raise RecordError(problems or [Problem(N_("not readable"), field="(record)")])
    case = Case(**{**values, **parts})
    _check_meaning(case, protocol, problems)
    if problems:
        raise RecordError(problems)
    return case


def _convert(
    cls: type,
    data: dict[str, Any],
    where: str,
    problems: list[Problem],
    skip: frozenset[str] = frozenset(),
) -> dict[str, Any] | None:
    hints = typing.get_type_hints(cls)
    result: dict[str, Any] = {}
    before = len(problems)
    for field in attrs.fields(cls):
        if field.name in skip:
            continue
        value = data.get(field.name, _MISSING)
        if value is _MISSING:
            if field.default is attrs.NOTHING:
                problems.append(Problem(N_("missing"), field=f"{where}{field.name}"))
            continue
        try:
            result[field.name] = _parse(hints[field.name], value)
        except (TypeError, ValueError) as exc:
            problems.append(Problem.of(exc, field=f"{where}{field.name}"))
            continue
        if field.name in _PERSON_FIELDS and result[field.name] is not None:
            try:
                check_person_id(result[field.name], field.name)
            except PccCasesError as exc:
                problems.append(_problem(exc, where))
    return result if len(problems) == before else None


def _parse(hint: Any, value: Any) -> Any:
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(hint) if a is not type(None)]
        if value is None:
            return None
        return _parse(options[0], value)
    if origin is dict:
        if not isinstance(value, dict):
            raise TypeError("must be an object")
        return value
    if hint is bool:
        if not isinstance(value, bool):
            raise TypeError(f"{value!r} is not true or false")
        return value
    if hint is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError(f"{value!r} is not a whole number")
        return value
    if hint is str:
        if not isinstance(value, str):
            raise TypeError(f"{value!r} is not text")
        return value
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        try:
            return hint(value)
        except ValueError:
            allowed = ", ".join(str(m.value) for m in hint)
            raise ValueError(f"{value!r} is not one of {allowed}") from None
    if hint is pendulum.DateTime:
        return _instant(value)
    if hint is dt.date:
        return _date(value)
    raise TypeError(f"cannot read a {hint}")  # pragma: no cover - a new field type


def _instant(value: Any) -> pendulum.DateTime:
    if not isinstance(value, str):
        raise TypeError(f"{value!r} is not a date and time")
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{value!r} is not an ISO 8601 date and time") from None
    if parsed.tzinfo is None:
        raise ValueError(f"{value!r} has no time zone")
    check_year(parsed.year, value)
    return pendulum.instance(parsed.astimezone(dt.UTC)).in_timezone("UTC")


def _date(value: Any) -> dt.date:
    if not isinstance(value, str):
        raise TypeError(f"{value!r} is not a date YYYY-MM-DD")
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{value!r} is not a date YYYY-MM-DD") from None
    check_year(day.year, value)
    return day


def number_problems(data: Any) -> list[Problem]:
    """A record's case number as the services give it: YYYY-NNNN, the school year of the
    incident, a sequence the counter can hold and still go on from. Checked on the raw
    record, so that other problems of the record never hide these.
    """
    if not isinstance(data, dict):
        return []
    number = data.get("number")
    if not isinstance(number, str) or not CASE_NUMBER.fullmatch(number):
        return [
            Problem(
                N_("{number} is not a case number YYYY-NNNN"),
                field="number",
                params={"number": short_repr(number)},
            )
        ]
    year, sequence = int(number[:4]), int(number[5:])
    problems = []
    if not 1 <= sequence <= MAX_CASE_SEQUENCE or number != f"{year}-{sequence:04d}":
        problems.append(
            Problem(
                N_(
                    "{number}: the sequence must be 0001 to {MAX_CASE_SEQUENCE}, written with at "
                    "least four digits and no leading zero beyond them"
                ),
                field="number",
                params={"number": number, "MAX_CASE_SEQUENCE": MAX_CASE_SEQUENCE},
            )
        )
    try:
        occurred = _instant(data.get("occurred_at"))
    except (TypeError, ValueError):
        return problems  # named as a problem of occurred_at itself
    if school_year_of(local_date(occurred)) != year:
        expected = school_year_of(local_date(occurred))
        problems.append(
            Problem(
                N_(
                    "{number} does not fit school year {expected} of occurred_at (expected "
                    "{expected}-NNNN)"
                ),
                field="number",
                params={"number": number, "expected": expected},
            )
        )
    return problems


def _problem(exc: PccCasesError, where: str) -> Problem:
    """A domain error as a problem of the record, its field prefixed by where it is."""
    if exc.field:
        return Problem.of(exc, field=f"{where}{exc.field}")
    return Problem.of(exc, field=where.rstrip(".") or "(record)")


def _check_meaning(case: Case, protocol: Protocol, problems: list[Problem]) -> None:
    """What types cannot say: clauses exist, event data in today's shape, the history replays."""
    if case.protocol_version != protocol.version:
        problems.append(
            Problem(
                N_("{protocol_version!r} is not {version!r}"),
                field="protocol_version",
                params={"protocol_version": case.protocol_version, "version": protocol.version},
            )
        )
    for index, violation in enumerate(case.violations):
        try:
            protocol.citable_clause(violation.clause_id, case.protocol_version)
        except PccCasesError as exc:
            problems.append(Problem.of(exc, field=f"violations[{index}].clause_id"))
    for index, event in enumerate(case.events):
        try:
            event.data = upgrade_event_data(event.kind, event.data_version, event.data)
            event.data_version = DATA_VERSIONS[event.kind]
        except PccCasesError as exc:
            problems.append(_problem(exc, f"events[{index}]."))
            continue
        problems += shape_problems(event.data, DATA_SHAPES[event.kind], f"events[{index}].data")
    out_of_step = next((i for i, e in enumerate(case.events) if e.seq != i + 1), None)
    if out_of_step is not None:
        problems.append(
            Problem(
                N_("{seq}, but seq must run 1, 2, 3, … without gaps"),
                field=f"events[{out_of_step}].seq",
                params={"seq": short_repr(case.events[out_of_step].seq)},
            )
        )
    try:
        state = replay((e.kind, e.state) for e in case.events)
        if state is not case.state:
            problems.append(
                Problem(
                    N_("{state!r} but the history ends {state2!r}"),
                    field="state",
                    params={"state": case.state.value, "state2": state.value},
                )
            )
    except PccCasesError as exc:
        problems.append(Problem.of(exc, field="events"))
    if not case.offender_ids:
        problems.append(Problem(N_("no offender"), field="involvements"))
