"""A case as plain data: for comparing two cases, and the basis of exports.

Entities compare by identity (they are mapped by the ORM), so equality of content is
asked through this function instead of ``==``.
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any

import attrs

from pcc_cases.domain.case import Case
from pcc_cases.domain.case_parts import CASE_PARTS
from pcc_cases.domain.people import Person


def _plain(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def _fields(obj: Any) -> dict[str, Any]:
    return {f.name: _plain(getattr(obj, f.name)) for f in attrs.fields(type(obj))}


def case_snapshot(case: Case) -> dict[str, Any]:
    """Every recorded fact of a case, as JSON-compatible data in a stable order."""
    data = {k: v for k, v in _fields(case).items() if k not in CASE_PARTS}
    for part in CASE_PARTS:
        data[part] = [_fields(item) for item in getattr(case, part)]
    return data


def case_document(case: Case) -> dict[str, Any]:
    """A case in full with its severity and school year: what the CLI's JSON and the API
    give for one case.
    """
    data = case_snapshot(case)
    data["severity"] = case.severity
    data["school_year"] = case.school_year
    return data


def person_record(person: Person) -> dict[str, Any]:
    """A person as plain data, with the column names of the people file."""
    return {
        "id": person.id,
        "kind": person.kind.value,
        "first_name": person.first_name,
        "last_name": person.last_name,
        "location": person.location,
        "class": person.class_name,
        "mentor_id": person.mentor_id,
        "roles": sorted(r.value for r in person.roles),
        "left_on": person.left_on.isoformat() if person.left_on else None,
    }
