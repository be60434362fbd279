"""People: list, search by name (in the body), show, and the admin system's CSV import."""

from __future__ import annotations

from typing import Any

from litestar import Request, get, post
from litestar.params import FromPath, FromQuery, JSONBody, RawBody

from pcc_cases.interchange.people_csv import import_people
from pcc_cases.server.gate import caller, state_of, unit
from pcc_cases.server.schemas import (
    ImportOut,
    Limit,
    Offset,
    PeoplePage,
    PersonOut,
    SearchIn,
    next_offset,
)
from pcc_cases.services.people import list_people, show_person

TAGS = ["people"]


@get("/people", sync_to_thread=True, tags=TAGS)
def people(
    request: Request[Any, Any, Any],
    location: FromQuery[str | None] = None,
    kind: FromQuery[str | None] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> PeoplePage:
    """The people the caller may see, by id; filters that name nobody (location, kind)."""
    who = caller(request).person_id
    with unit(request) as uow:
        found = list_people(
            uow,
            who,
            location=location,
            kind=kind,
            limit=limit,
            offset=offset,
            settings=state_of(request).server.services,
        )
    return PeoplePage([PersonOut.of(p) for p in found], next_offset(offset, limit, len(found)))


@post("/people/search", sync_to_thread=True, status_code=200, tags=TAGS)
def search_people(request: Request[Any, Any, Any], data: JSONBody[SearchIn]) -> PeoplePage:
    """The people the caller may see whose name or id contains ``text``."""
    who = caller(request).person_id
    with unit(request) as uow:
        found = list_people(
            uow,
            who,
            search=data.text,
            limit=data.limit,
            offset=data.offset,
            settings=state_of(request).server.services,
        )
    return PeoplePage(
        [PersonOut.of(p) for p in found], next_offset(data.offset, data.limit, len(found))
    )


@get("/people/{person_id:str}", sync_to_thread=True, tags=TAGS)
def person(request: Request[Any, Any, Any], person_id: FromPath[str]) -> PersonOut:
    """One person's record (404 for one outside the caller's scope, as for one unknown)."""
    who = caller(request).person_id
    with unit(request) as uow:
        found = show_person(uow, who, person_id, settings=state_of(request).server.services)
    return PersonOut.of(found)


@post("/people/import", sync_to_thread=True, status_code=200, tags=TAGS)
def import_people_csv(
    request: Request[Any, Any, Any],
    body: RawBody,
    dry_run: FromQuery[bool] = False,
) -> ImportOut:
    """Upsert people from the admin system's CSV (the body, UTF-8); ``dry_run`` changes
    nothing and tells what would change. All or nothing: every problem of the file is
    listed, by line and column.
    """
    who = caller(request).person_id
    with unit(request) as uow:
        result = import_people(
            uow, who, bytes(body), dry_run=dry_run, settings=state_of(request).server.services
        )
    return ImportOut(
        created=list(result.created),
        updated=list(result.updated),
        unchanged=result.unchanged,
        dry_run=result.dry_run,
    )
