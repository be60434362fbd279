"""People: the import from the admin system's CSV, and reading people within one's scope."""

from __future__ import annotations

import attrs

from pcc_cases.access import Action, Actor
from pcc_cases.domain.errors import InvalidInputError
from pcc_cases.domain.people import Person, PersonKind
from pcc_cases.interchange.people_csv import PeopleFileError, parse_people_csv
from pcc_cases.services.guard import authorize, load_actor, log_read, refuse
from pcc_cases.services.ports import UnitOfWorkPort
from pcc_cases.services.settings import DEFAULT_SETTINGS, Settings

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


def import_people(
    uow: UnitOfWorkPort,
    actor_id: str | None,
    data: bytes,
    *,
    dry_run: bool = False,
    settings: Settings = DEFAULT_SETTINGS,
) -> ImportResult:
    """Upsert people by id from the CSV; all or nothing, and idempotent.

    Needs an actor with the cvb or fg role, except on a database without people: the first
    import bootstraps the organisation.
    """
    bootstrap = uow.people.count() == 0
    if not bootstrap:
        actor = load_actor(uow, actor_id, settings)
        authorize(uow, actor, Action.IMPORT_PEOPLE, None, settings)
    rows = parse_people_csv(data)
    in_file = {person.id: person for _line, person in rows}
    stored = uow.people.find_many(
        list(in_file) + [p.mentor_id for p in in_file.values() if p.mentor_id]
    )
    problems = []
    for line, person in rows:
        if person.mentor_id is None:
            continue
        mentor = in_file.get(person.mentor_id) or stored.get(person.mentor_id)
        if mentor is None:
            problems.append(
                f"line {line}, column mentor_id: {person.mentor_id} is in neither the "
                "file nor the database"
            )
        elif mentor.kind is not PersonKind.STAFF:
            problems.append(f"line {line}, column mentor_id: {person.mentor_id} is not staff")
    if problems:
        raise PeopleFileError(problems)
    created, updated, unchanged = [], [], 0
    # Staff first: a student's mentor must exist before the student refers to them.
    for _line, person in sorted(rows, key=lambda r: r[1].kind is PersonKind.STUDENT):
        existing = stored.get(person.id)
        if existing is None:
            created.append(person.id)
            if not dry_run:
                uow.people.add(person)
        elif _differs(existing, person):
            updated.append(person.id)
            if not dry_run:
                for name in _FIELDS:
                    setattr(existing, name, getattr(person, name))
        else:
            unchanged += 1
    if dry_run:
        uow.rollback()
    else:
        uow.commit()
    return ImportResult(tuple(created), tuple(updated), unchanged, dry_run)


def _differs(a: Person, b: Person) -> bool:
    return any(getattr(a, name) != getattr(b, name) for name in _FIELDS)


def list_people(
    uow: UnitOfWorkPort,
    actor_id: str | None,
    *,
    location: str | None = None,
    kind: str | None = None,
    settings: Settings = DEFAULT_SETTINGS,
) -> list[Person]:
    """The people the actor may see (their location, their students, or everyone)."""
    actor = load_actor(uow, actor_id, settings)
    authorize(uow, actor, Action.VIEW_PEOPLE, None, settings)
    if kind is not None and kind not in {k.value for k in PersonKind}:
        raise InvalidInputError(
            f"kind: {kind!r} is not one of {', '.join(k.value for k in PersonKind)}"
        )
    return [p for p in uow.people.all(location=location, kind=kind) if actor.may_see_person(p)]


def show_person(
    uow: UnitOfWorkPort,
    actor_id: str | None,
    person_id: str,
    *,
    settings: Settings = DEFAULT_SETTINGS,
) -> Person:
    """One person's record; the read is logged."""
    actor = load_actor(uow, actor_id, settings)
    person = uow.people.get(person_id)
    if not actor.may_see_person(person):
        refuse(
            uow,
            actor.id,
            Action.VIEW_PEOPLE.value,
            settings.clock(),
            None,
            _refusal(actor, person_id),
            person_id=person_id,
        )
    log_read(uow, actor, "view-person", settings.clock(), person_id=person_id)
    uow.commit()
    return person


def _refusal(actor: Actor, person_id: str) -> str:
    return (
        f"{actor.id} may not see person {person_id}; see the permission table in the documentation"
    )
