"""The privacy officer's endpoints: subject access, the two-person purge, the access log."""

from __future__ import annotations

import json
from typing import Any

from litestar import Request, Response, post
from litestar.params import JSONBody

from pcc_cases.privacy.purge import confirm_purge, prepare_purge
from pcc_cases.privacy.render import person_html
from pcc_cases.privacy.subject_access import entry_json, export_person, read_access_log
from pcc_cases.server.gate import caller, state_of, unit
from pcc_cases.server.language import request_language
from pcc_cases.server.privacy_schemas import (
    AccessEntryOut,
    AccessLogIn,
    PurgedPerson,
    PurgePlanIn,
    PurgePlanOut,
    PurgeResultOut,
    SubjectAccessIn,
)
from pcc_cases.server.schemas import SequenceNumber

TAGS = ["privacy"]


@post(
    "/privacy/subject-access",
    sync_to_thread=True,
    status_code=200,
    tags=TAGS,
    media_type="application/json",
)
def subject_access(
    request: Request[Any, Any, Any], data: JSONBody[SubjectAccessIn]
) -> Response[bytes]:
    """Everything held about one person (AVG art. 15), as JSON or as a printable page.

    Other people in it appear as "leerling 1", "medewerker 2", "betrokkene 3" unless
    ``show_others_because`` gives the (logged) reason to show them.
    """
    who = caller(request).person_id
    state = state_of(request)
    with unit(request) as uow:
        found = export_person(
            uow,
            who,
            data.person_id,
            show_others_because=data.show_others_because,
            settings=state.server.services,
        )
    if data.format == "html":
        page = person_html(found, request_language(request), state.server.organisation)
        return Response(
            page.encode("utf-8"),
            media_type="text/html; charset=utf-8",
            headers={"Content-Disposition": 'attachment; filename="inzage.html"'},
        )
    return Response(
        json.dumps(found, ensure_ascii=False).encode("utf-8"), media_type="application/json"
    )


@post("/privacy/purge-plans", sync_to_thread=True, status_code=201, tags=TAGS)
def prepare(request: Request[Any, Any, Any], data: JSONBody[PurgePlanIn]) -> PurgePlanOut:
    """Prepare a purge by the retention policy; a second person (fg or cvb) confirms it."""
    who = caller(request).person_id
    with unit(request) as uow:
        plan = prepare_purge(uow, who, as_of=data.as_of, settings=state_of(request).server.services)
    return PurgePlanOut(
        plan=plan.id,
        as_of=plan.as_of,
        digest=plan.digest,
        access_log_entries=plan.log_entries,
        people=[PurgedPerson.of(c) for c in plan.purged],
    )


@post(
    "/privacy/purge-plans/{plan_id:int}/confirmation",
    sync_to_thread=True,
    status_code=200,
    tags=TAGS,
)
def confirm(request: Request[Any, Any, Any], plan_id: SequenceNumber) -> PurgeResultOut:
    """Carry out a plan someone else prepared, if the data still matches it."""
    who = caller(request).person_id
    with unit(request) as uow:
        result = confirm_purge(uow, who, plan_id, settings=state_of(request).server.services)
    return PurgeResultOut(
        plan=plan_id,
        as_of=result.as_of,
        access_log_entries_deleted=result.log_entries_deleted,
        compacted=result.compacted,
        people=[PurgedPerson.of(c, result.pseudonyms[c.person_id]) for c in result.purged],
    )


@post("/privacy/access-log/search", sync_to_thread=True, status_code=200, tags=TAGS)
def access_log(
    request: Request[Any, Any, Any], data: JSONBody[AccessLogIn]
) -> list[AccessEntryOut]:
    """Who read what, and who was refused: about a person, a case, or everyone."""
    who = caller(request).person_id
    with unit(request) as uow:
        entries = read_access_log(
            uow,
            who,
            person_id=data.person_id,
            case_number=data.case_number,
            settings=state_of(request).server.services,
        )
    return [AccessEntryOut.of(entry_json(e)) for e in entries]
