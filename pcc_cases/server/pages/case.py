"""Zaak: one case in full, its duties with their letters, and its history."""

from __future__ import annotations

from typing import Any

import attrs
from litestar import Request, Response, get, post
from litestar.params import FromPath
from litestar.response import Redirect

from pcc_cases.access import Action
from pcc_cases.documents import render_letter
from pcc_cases.domain.errors import InvalidInputError, PccCasesError, PermissionDeniedError
from pcc_cases.domain.labels import label
from pcc_cases.domain.letters import LETTERS_FOR_DUTY
from pcc_cases.domain.people import AUTHORITY_RANK, PersonKind
from pcc_cases.domain.policy import Policy
from pcc_cases.domain.time import parse_date
from pcc_cases.server.gate import caller, state_of, unit
from pcc_cases.server.identity import Principal
from pcc_cases.server.language import request_language
from pcc_cases.server.pages.forms import Form, form_caller, local_path
from pcc_cases.server.pages.render import page, viewer
from pcc_cases.server.schemas import SequenceNumber
from pcc_cases.services import cases as handling
from pcc_cases.services.letters import make_letter
from pcc_cases.services.queries import person_labels, show_case
from pcc_cases.translation import N_

DECIDABLE = frozenset({"assessed", "decided"})


@get("/cases/{number:str}", include_in_schema=False, sync_to_thread=True)
def case_page(request: Request[Any, Any, Any], number: FromPath[str]) -> Response[str]:
    return _case_page(request, caller(request), number)


@attrs.frozen
class StepChoice:
    """A step on the decision form: enabled when the viewer has its authority."""

    name: str
    label: str
    allowed: bool
    authority: str
    has_length: bool


def _choices(policy: Policy, kind: PersonKind, authority: int, lang: str) -> list[StepChoice]:
    return [
        StepChoice(
            name=step.name,
            label=step.label(lang),
            allowed=AUTHORITY_RANK[step.authority] <= authority,
            authority=step.authority.value,
            has_length=step.has_length,
        )
        for step in policy.ladder(kind).steps
    ]


def _case_page(
    request: Request[Any, Any, Any],
    principal: Principal,
    number: str,
    error: PccCasesError | None = None,
    form: dict[str, str] | None = None,
) -> Response[str]:
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
        offenders = uow.people.find_many(case.offender_ids)
    may_decide = who.actor.may(Action.DECIDE, case, offenders)
    authority = who.actor.person.authority
    steps = {
        pid: _choices(settings.policy, person.kind, authority, lang)
        for pid, person in offenders.items()
        if advice.get(pid) is not None
    }
    return page(
        request,
        "case.html.j2",
        N_("Case {number}"),
        who,
        status=200 if error is None else 422,
        title_params={"number": number},
        case=case,
        names=names,
        advice={k: v for k, v in advice.items() if v is not None},
        may_handle=who.actor.may(Action.HANDLE, case, offenders),
        decide_steps=steps if may_decide and case.state.value in DECIDABLE else {},
        letter_duties=set(LETTERS_FOR_DUTY),
        clause_text=lambda clause_id: settings.protocol.clause(clause_id).text(lang),
        role_label=lambda role: label("role", role, lang),
        error=None if error is None else error.translated(lang),
        form=form or {},
    )


def _days(text: str) -> int | None:
    """The number of school days typed, or None for none.

    Raises:
        InvalidInputError: not a whole number.
    """
    if not text.strip():
        return None
    if not text.strip().isdigit():
        raise InvalidInputError(
            N_("{value!r} is not a number of school days"), field="days", value=text
        )
    return int(text)


@post(
    "/cases/{number:str}/decision",
    include_in_schema=False,
    sync_to_thread=True,
    status_code=303,
)
def decide(request: Request[Any, Any, Any], number: FromPath[str], data: Form) -> Response[Any]:
    principal = form_caller(request, data)
    first = data.get("first_day", "").strip()
    try:
        with unit(request) as uow:
            handling.decide_step(
                uow,
                principal.person_id,
                number,
                data.get("offender_id", ""),
                data.get("step", ""),
                _days(data.get("days", "")),
                data.get("reason", "").strip() or None,
                first_day=parse_date(first, "first_day") if first else None,
                settings=state_of(request).server.services,
            )
    except PccCasesError as refused:
        if refused.code in ("permission-denied", "not-authenticated", "not-found"):
            raise
        return _case_page(request, principal, number, refused, data)
    return Redirect(f"/cases/{number}", status_code=303)


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
