"""Mijn overzicht: the open cases in the person's scope and the duties due soon."""

from __future__ import annotations

import datetime as dt
from typing import Any

from litestar import Request, Response, get

from pcc_cases.access import Action
from pcc_cases.domain.time import local_date
from pcc_cases.server.gate import caller, state_of, unit
from pcc_cases.server.pages.render import page, viewer
from pcc_cases.services.queries import list_cases, list_obligations
from pcc_cases.translation import N_

SOON = dt.timedelta(days=7)


@get("/", include_in_schema=False, sync_to_thread=True)
def overview(request: Request[Any, Any, Any]) -> Response[str]:
    principal = caller(request)
    settings = state_of(request).server.services
    today = local_date(settings.clock())
    with unit(request) as uow:
        who = viewer(uow, principal)
        cases = list_cases(uow, principal.person_id, open_only=True, settings=settings)
        duties = [
            d
            for d in list_obligations(uow, principal.person_id, settings=settings)
            if d.obligation.due_on <= today + SOON
        ]
    return page(
        request,
        "overview.html.j2",
        N_("My overview"),
        who,
        cases=cases,
        duties=duties,
        may_record=who.actor.may(Action.RECORD),
    )
