"""Verplichtingen: every open duty in the person's scope, overdue first."""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, get

from pcc_cases.server.gate import caller, state_of, unit
from pcc_cases.server.pages.render import page, viewer
from pcc_cases.services.queries import list_obligations
from pcc_cases.translation import N_


@get("/duties", include_in_schema=False, sync_to_thread=True)
def duties(request: Request[Any, Any, Any]) -> Response[str]:
    principal = caller(request)
    settings = state_of(request).server.services
    with unit(request) as uow:
        who = viewer(uow, principal)
        found = list_obligations(uow, principal.person_id, settings=settings)
    ordered = sorted(found, key=lambda d: (not d.overdue, d.obligation.due_on, d.id))
    return page(
        request,
        "duties.html.j2",
        N_("Duties"),
        who,
        duties=ordered,
    )
