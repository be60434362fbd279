"""People: storing the admin system's people, and reading people within one's scope."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import attrs

from pcc_cases.access import Action, Actor
from pcc_cases.domain.access_log import AccessEntry
from pcc_cases.domain.checks import row_limit, row_offset, search_text
from pcc_cases.domain.errors import InvalidInputError, NotFoundError, PeopleFileError, Problem
from pcc_cases.domain.people import Person, PersonKind, PersonRow, Role, is_person_id
from pcc_cases.services.guard import authorize, load_actor, log_list, log_read, refuse
from pcc_cases.services.ports import UnitOfWorkPort
from pcc_cases.services.settings import DEFAULT_SETTINGS, Settings
from pcc_cases.translation import N_

_FIELDS = (
    "kind",
    "first_name",
    "last_name",
    "location",
    "class_name",
    "mentor_id",
    "roles",
    "left_on",
)


@attrs.frozen
class ImportResult:
    """What an import did (or, with ``dry_run``, would do)."""

    created: tuple[str, ...]
    updated: tuple[str, ...]
    unchanged: int
    dry_run: bool
    changed_fields: Mapping[str, tuple[str, ...]] = attrs.field(factory=dict)
    """The fields each updated person changes (names, never values)."""


def import_people_rows(
    uow: UnitOfWorkPort,
    actor_id: str | None,
    rows: Sequence[PersonRow],
    *,
    dry_run: bool = False,
    settings: Settings = DEFAULT_SETTINGS,
) -> ImportResult:
    """Upsert people by id from parsed rows; all or nothing, and idempotent.

    Needs an actor with the cvb or fg role, except on a database without people: the first
    import bootstraps the organisation. Only cvb grants or removes roles; nobody changes
    their own roles, kind or leaving date; a pseudonym (``anon-…``) is the purge's alone.
    The import is logged with the ids and the fields it changed, not their values.

    Raises:
        PeopleFileError: a mentor that is in neither the rows nor the database, or not staff;
            a change of roles by someone without cvb, a change of one's own record, a new
            pseudonym (each problem with its line).
        PermissionDeniedError: the actor may not import people.
    """
    bootstrap = uow.people.count() == 0
    actor = None
    if not bootstrap:
        actor = load_actor(uow, actor_id, settings)
        authorize(uow, actor, Action.IMPORT_PEOPLE, None, settings)
    in_file = {row.person.id: row.person for row in rows}
    stored = uow.people.find_many(
        list(in_file) + [p.mentor_id for p in in_file.values() if p.mentor_id]
    )
    problems = [] if actor is None else _guarded_changes(actor, rows, stored)
    for line, person in ((row.line, row.person) for row in rows):
        if person.mentor_id is None:
            continue
        mentor = in_file.get(person.mentor_id) or stored.get(person.mentor_id)
        if mentor is None:
            problems.append(
                Problem(
                    N_("{mentor_id} is in neither the file nor the database"),
                    line=line,
                    column="mentor_id",
                    params={"mentor_id": person.mentor_id},
                )
            )
        elif mentor.kind is not PersonKind.STAFF:
            problems.append(
                Problem(
                    N_("{mentor_id} is not staff"),
                    line=line,
                    column="mentor_id",
                    params={"mentor_id": person.mentor_id},
                )
            )
    if problems:
        raise PeopleFileError(problems)
    created, updated, unchanged = [], [], 0
    fields_changed: dict[str, list[str]] = {}
    # Staff first: a student's mentor must exist before the student refers to them.
    for person in sorted((r.person for r in rows), key=lambda p: p.kind is PersonKind.STUDENT):
        existing = stored.get(person.id)
        if existing is None:
            created.append(person.id)
            if not dry_run:
                uow.people.add(person)
        elif _differs(existing, person):
            updated.append(person.id)
            fields_changed[person.id] = _changed(existing, person)
            if not dry_run:
                for name in _FIELDS:
                    setattr(existing, name, getattr(person, name))
        else:
            unchanged += 1
    changes = {pid: tuple(fields) for pid, fields in fields_changed.items()}
    if dry_run:
        uow.rollback()
        return ImportResult(tuple(created), tuple(updated), unchanged, dry_run, changes)
    uow.access_log.add(
        AccessEntry(
            at=settings.clock(),
            actor_id=actor.id if actor else "(first import)",
            action=Action.IMPORT_PEOPLE.value,
            allowed=True,
            detail=_changes_told(created, fields_changed),
        )
    )
    uow.commit()
    return ImportResult(tuple(created), tuple(updated), unchanged, dry_run, changes)


_OWN_RECORD = ("kind", "roles", "left_on")


def _changed(before: Person, after: Person) -> list[str]:
    return [name for name in _FIELDS if getattr(before, name) != getattr(after, name)]


def _guarded_changes(
    actor: Actor, rows: Sequence[PersonRow], stored: dict[str, Person]
) -> list[Problem]:
    """What the actor may not change: roles without cvb, their own record, pseudonyms."""
    problems = []
    for line, person in ((row.line, row.person) for row in rows):
        before = stored.get(person.id)  # always there for the actor's own record
        changed = set(_changed(before, person)) if before else set()
        roles_changed = (before.roles if before else frozenset()) != person.roles
        if before is None and person.is_pseudonym:
            problems.append(
                Problem(
                    N_("anon- ids are given by the retention purge only"), line=line, column="id"
                )
            )
        if person.id == actor.id and changed & set(_OWN_RECORD):
            problems.append(
                Problem(
                    N_("nobody may change their own roles, kind or leaving date"),
                    line=line,
                    column="roles" if "roles" in changed else "kind/left_on",
                )
            )
        elif roles_changed and Role.CVB not in actor.person.roles:
            problems.append(
                Problem(
                    N_(
                        "only the board (cvb) may grant or remove roles; leave this column as it is"
                    ),
                    line=line,
                    column="roles",
                )
            )
    return problems


def _changes_told(created: list[str], updated: dict[str, list[str]], limit: int = 2000) -> str:
    """The ids and changed fields of an import, never the values (names stay out)."""
    told = f"created {len(created)}: {', '.join(created) or '-'}; updated {len(updated)}: "
    told += ", ".join(f"{pid} ({'/'.join(fields)})" for pid, fields in updated.items()) or "-"
    return told if len(told) <= limit else told[: limit - 1] + "…"


def _differs(a: Person, b: Person) -> bool:
    return any(getattr(a, name) != getattr(b, name) for name in _FIELDS)


def list_people(
    uow: UnitOfWorkPort,
    actor_id: str | None,
    *,
    location: str | None = None,
    kind: str | None = None,
    search: str | None = None,
    limit: int | None = None,
    offset: int = 0,
    settings: Settings = DEFAULT_SETTINGS,
) -> list[Person]:
    """The people the actor may see (their location, their students, or everyone).

    ``search`` keeps those whose name or id contains the text (ignoring case and
    accents); ``limit`` keeps the first that many after passing over ``offset``, in id
    order.

    Raises:
        InvalidInputError: an unknown kind, an empty search, a limit below 1 or a
            negative offset.
        PermissionDeniedError: the actor may not see people (logged).
    """
    actor = load_actor(uow, actor_id, settings)
    authorize(uow, actor, Action.VIEW_PEOPLE, None, settings)
    if kind is not None and kind not in {k.value for k in PersonKind}:
        raise InvalidInputError(
            N_("{kind!r} is not one of {PersonKind}"),
            field="kind",
            kind=kind,
            PersonKind=", ".join(k.value for k in PersonKind),
        )
    search, limit = search_text(search), row_limit(limit)
    offset = row_offset(offset)
    found = [p for p in uow.people.all(location=location, kind=kind) if actor.may_see_person(p)]
    if search is not None:
        found = [p for p in found if p.matches(search)]
    shown = found[offset:][:limit]
    filters = {"location": location, "kind": kind, "search": search, "offset": offset}
    log_list(uow, actor, "list-people", settings, filters, len(shown))
    return shown


def show_person(
    uow: UnitOfWorkPort,
    actor_id: str | None,
    person_id: str,
    *,
    settings: Settings = DEFAULT_SETTINGS,
) -> Person:
    """One person's record; the read is logged.

    Raises:
        NotFoundError: no person with that id that the actor may see: one who does not
            exist and one outside the actor's scope get the same answer (both logged).
    """
    actor = load_actor(uow, actor_id, settings)
    person = uow.people.find(person_id) if is_person_id(person_id) else None
    if person is None or not actor.may_see_person(person):
        refuse(
            uow,
            actor.id,
            Action.VIEW_PEOPLE.value,
            settings.clock(),
            None,
            _refusal(actor, person_id) if person else f"no such person {person_id!r}",
            person_id=person.id if person else None,
            shown=NotFoundError(
                N_("there is no person {person_id!r} that you may see"), person_id=person_id
            ),
        )
    log_read(uow, actor, "view-person", settings.clock(), person_id=person_id)
    uow.commit()
    return person


def _refusal(actor: Actor, person_id: str) -> str:
    return (
        f"{actor.id} may not see person {person_id}; see the permission table in the documentation"
    )
