"""Imperative mapping of the pure domain classes onto the tables.

The domain stays unaware of the database: mappers are attached here, once, at start-up.
Events and access-log entries are append-only: the mapper refuses to update or delete
one.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session, attributes, registry, relationship

from pcc_cases.adapters import tables as t
from pcc_cases.domain.access_log import AccessEntry
from pcc_cases.domain.case import Case
from pcc_cases.domain.case_parts import CASE_PARTS, Event
from pcc_cases.domain.errors import AppendOnlyError, UnrecordedChangeError
from pcc_cases.domain.events import DATA_VERSIONS, upgrade_event_data
from pcc_cases.domain.people import Person
from pcc_cases.translation import N_

mapper_registry = registry(metadata=t.metadata)
_started = False


def _part(name: str, cls: type) -> Any:
    """The relationship of one of the case's parts, onto its table ``case_<part>``."""
    table = t.metadata.tables[f"{t.TABLE_PREFIX}case_{name}"]
    order = table.c.seq if "seq" in table.c else table.c.id
    if cls is Event:
        # No delete cascade and no orphan removal: events are never deleted.
        return relationship(cls, order_by=order, cascade="save-update, merge", lazy="selectin")
    return relationship(cls, order_by=order, cascade="all, delete-orphan", lazy="selectin")


def start_mappers() -> None:
    """Map every domain class (idempotent: safe to call from every engine factory)."""
    global _started  # noqa: PLW0603 - mapping happens once per process
    if _started:
        return
    mapper_registry.map_imperatively(Person, t.people, properties={"roles": t.people.c.roles})
    for name, cls in CASE_PARTS.items():
        mapper_registry.map_imperatively(cls, t.metadata.tables[f"{t.TABLE_PREFIX}case_{name}"])
    mapper_registry.map_imperatively(
        Case,
        t.cases,
        version_id_col=t.cases.c.version,
        properties={
            "db_id": t.cases.c.id,
            "db_school_year": t.cases.c.school_year,
            **{name: _part(name, cls) for name, cls in CASE_PARTS.items()},
        },
    )
    mapper_registry.map_imperatively(AccessEntry, t.access_log)
    for append_only in (Event, AccessEntry):
        event.listen(append_only, "before_update", _refuse_change)
        event.listen(append_only, "before_delete", _refuse_change)
    event.listen(Event, "load", _upgrade_event_data)
    _started = True


def _upgrade_event_data(target: Event, context: Any) -> None:
    """An event stored with an older data shape is read in today's shape (never rewritten)."""
    current = DATA_VERSIONS[target.kind]
    if target.data_version != current:
        data = upgrade_event_data(target.kind, target.data_version, target.data)
        attributes.set_committed_value(target, "data", data)
        attributes.set_committed_value(target, "data_version", current)


def _refuse_change(mapper: Any, connection: Any, target: Event | AccessEntry) -> None:
    what = (
        f"case event {target.seq} ({target.kind})"
        if isinstance(target, Event)
        else "an access-log entry"
    )
    raise AppendOnlyError(
        N_("{what} cannot be changed or deleted: the history is append-only"), what=what
    )


def bump_versions_of_changed_cases(session: Session) -> None:
    """A change inside a case (a new event, an edited child) must bump the case's version.

    Every domain change appends an event, which dirties the case's collection; forcing the
    row into the UPDATE makes optimistic locking see changes made only in child rows.
    """
    for obj in list(session.dirty) + list(session.new):
        if isinstance(obj, Case) and obj.number is not None and session.is_modified(obj):
            attributes.flag_modified(obj, "state")
    touched = {id(o) for o in session.dirty}
    for obj in session.identity_map.values():
        if isinstance(obj, Case) and id(obj) not in touched and _children_dirty(session, obj):
            attributes.flag_modified(obj, "state")


def refuse_changes_without_event(session: Session) -> None:
    """A stored case changes only with a new event in its history, in the same flush.

    Every service appends an event for what it changes; a change without one (an edited
    field, a child added, edited or removed by hand) would leave no trace of who did it.

    Raises:
        UnrecordedChangeError: such a change, naming the case.
    """
    for obj in list(session.identity_map.values()):
        if not isinstance(obj, Case) or obj in session.new:
            continue
        changed = session.is_modified(obj) or any(
            session.is_modified(child) or child in session.deleted
            for part in _EDITABLE_PARTS
            for child in getattr(obj, part)
        )
        if changed and not any(event in session.new for event in obj.events):
            raise UnrecordedChangeError(
                N_(
                    "case {number} was changed without an event in its history; change cases "
                    "through the services, which record who did what"
                ),
                number=obj.number,
            )


_EDITABLE_PARTS = tuple(name for name in CASE_PARTS if name != "events")


def _children_dirty(session: Session, case: Case) -> bool:
    for part in (case.assessments, case.decisions, case.obligations):
        if any(session.is_modified(child) for child in part):
            return True
    return False
