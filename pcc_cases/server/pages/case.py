"""Zaak: one case in full, its duties with their letters, and its history."""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, get, post
from litestar.params import FromPath
from litestar.response import Redirect

from pcc_cases.access import Action
from pcc_cases.documents import render_letter
from pcc_cases.domain.errors import PermissionDeniedError
from pcc_cases.domain.labels import duty_label, step_label
from pcc_cases.domain.letters import LETTERS_FOR_DUTY
from pcc_cases.server.gate import caller, state_of, unit
from pcc_cases.server.language import request_language
from pcc_cases.server.pages.forms import Form, form_caller, local_path
from pcc_cases.server.pages.render import page, viewer
from pcc_cases.server.schemas import SequenceNumber
from pcc_cases.services import cases as handling
from pcc_cases.services.letters import make_letter
from pcc_cases.services.queries import person_labels, show_case
from pcc_cases.translation import N_


@get("/cases/{number:str}", include_in_schema=False, sync_to_thread=True)
def case_page(request: Request[Any, Any, Any], number: FromPath[str]) -> Response[str]:
    principal = caller(request)
    settings = state_of(request).server.services
    lang = request_language(request)
    with unit(request) as uow:
        who = viewer(uow, principal)
        case = show_case(uow, principal.person_id, number, settings=settings)
        ids = {p.person_id for p in case.involvements} | {e.actor_id for e in case.events}
        ids |= {d.decided_by for d in case.decisions}
        names = person_labels(uow, principal.person_id, ids, settings=settings)
        try:
            advice = handling.recommend_steps(uow, principal.person_id, number, settings=settings)
        except PermissionDeniedError:
            advice = {}
        may_handle = who.actor.may(Action.HANDLE, case, uow.people.find_many(case.offender_ids))
    return page(
        request,
        "case.html.j2",
        N_("Case {number}"),
        who,
        title_params={"number": number},
        case=case,
        names=names,
        advice={k: v for k, v in advice.items() if v is not None},
        may_handle=may_handle,
        letter_duties=set(LETTERS_FOR_DUTY),
        clause_text=lambda clause_id: settings.protocol.clause(clause_id).text(lang),
        step_label=lambda step: step_label(settings.policy, step, lang),
        duty_label=lambda kind: duty_label(settings.policy, kind, lang),
        notice=None,
    )


@post(
    "/cases/{number:str}/duties/{seq:int}/done",
    include_in_schema=False,
    sync_to_thread=True,
    status_code=303,
)
def mark_done(
    request: Request[Any, Any, Any], number: FromPath[str], seq: SequenceNumber, data: Form
) -> Redirect:
    principal = form_caller(request, data)
    with unit(request) as uow:
        handling.complete_obligation(
            uow, principal.person_id, number, seq, None, settings=state_of(request).server.services
        )
    return Redirect(local_path(data.get("back"), f"/cases/{number}"), status_code=303)


@post(
    "/cases/{number:str}/duties/{seq:int}/letter",
    include_in_schema=False,
    sync_to_thread=True,
    status_code=200,
)
def letter(
    request: Request[Any, Any, Any], number: FromPath[str], seq: SequenceNumber, data: Form
) -> Response[bytes]:
    principal = form_caller(request, data)
    state = state_of(request)
    with unit(request) as uow:
        made = make_letter(
            uow,
            principal.person_id,
            f"{number}/{seq}",
            render=render_letter,
            language=request_language(request),
            letterhead=state.server.letterhead,
            settings=state.server.services,
        )
    return Response(
        made.content,
        media_type="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="{made.facts.file_name}"'},
    )
