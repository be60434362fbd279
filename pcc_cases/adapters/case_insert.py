"""Store new cases with one Core statement per table, then hand it to the session.

Recording a case is the most frequent write. Through the ORM's flush it costs several
times the SQL it runs (measured in ``bench/record.py``); here the rows of each table go
out as one executemany, and the objects are then attached to the session as persistent,
exactly as if they had been loaded, so that later changes in the same unit of work are
tracked as usual.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, Table, insert, inspect
from sqlalchemy.orm import Mapper, Session, make_transient_to_detached

from pcc_cases.domain.case import Case
from pcc_cases.domain.case_parts import CASE_PARTS

# Every part of a case, from the one list that says what a case is made of.
_CHILD_COLLECTIONS = tuple(CASE_PARTS)


def insert_new_cases(session: Session, cases: Sequence[Case]) -> None:
    """Insert ``cases`` and their children; afterwards they are persistent in ``session``."""
    if not cases:
        return
    session.flush()  # pending rows these cases refer to (people, say) go first
    connection = session.connection()
    for case in cases:
        case.version = 1  # type: ignore[attr-defined]
    _insert_rows(connection, inspect(Case), list(cases))
    children: list[object] = []
    for name in _CHILD_COLLECTIONS:
        objects = []
        for case in cases:
            for child in getattr(case, name):
                child.case_id = case.db_id  # type: ignore[attr-defined]
                objects.append(child)
        if objects:
            _insert_rows(connection, inspect(type(objects[0])), objects)
            children.extend(objects)
    for obj in (*children, *cases):
        make_transient_to_detached(obj)
    session.add_all(cases)


def _insert_rows(connection: Connection, mapper: Mapper[Any], objects: list[Any]) -> None:
    """One executemany for ``objects``; each object gets its new id."""
    table = mapper.local_table
    if not isinstance(table, Table):  # pragma: no cover - every mapped class has one table
        raise TypeError(f"{mapper} is not mapped to one table")
    rows = [_row(mapper, obj) for obj in objects]
    statement = insert(table).returning(table.c.id, sort_by_parameter_order=True)
    new_ids = connection.execute(statement, rows).scalars().all()
    id_attribute = mapper.get_property_by_column(table.c.id).key
    for obj, new_id in zip(objects, new_ids, strict=True):
        setattr(obj, id_attribute, new_id)


def _row(mapper: Mapper[Any], obj: object) -> dict[str, Any]:
    return {
        prop.columns[0].key: getattr(obj, prop.key)
        for prop in mapper.column_attrs
        if prop.columns[0].key != "id"
    }
