"""The less common steps of a case: removing a part, withdrawing a clause, preparing a
step, hearings, takedowns, and the letters its duties ask for.
"""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, post
from litestar.params import FromPath, JSONBody

from pcc_cases.documents import render_letter
from pcc_cases.server.gate import caller, state_of, unit
from pcc_cases.server.language import request_language
from pcc_cases.server.routes.cases import TAGS, run_as_caller
from pcc_cases.server.schemas import (
    CaseOut,
    HearingIn,
    InvolvementRemovalIn,
    LetterIn,
    PreparationIn,
    SequenceNumber,
    TakedownIn,
    WithdrawalIn,
)
from pcc_cases.services import cases as handling
from pcc_cases.services.letters import make_letter


@post("/cases/{number:str}/involvements/removal", sync_to_thread=True, status_code=200, tags=TAGS)
def remove_involvement(
    request: Request[Any, Any, Any], number: FromPath[str], data: JSONBody[InvolvementRemovalIn]
) -> CaseOut:
    """Remove a person's part in the case, with the reason."""
    return run_as_caller(
        request,
        lambda uow, who, settings: handling.remove_involvement(
            uow, who, number, data.person_id, data.role, data.reason, settings=settings
        ),
    )


@post("/cases/{number:str}/citations/withdrawal", sync_to_thread=True, status_code=200, tags=TAGS)
def withdraw(
    request: Request[Any, Any, Any], number: FromPath[str], data: JSONBody[WithdrawalIn]
) -> CaseOut:
    """Withdraw a clause cited against an offender, with the reason."""
    return run_as_caller(
        request,
        lambda uow, who, settings: handling.withdraw_clause(
            uow, who, number, data.offender_id, data.clause_id, data.reason, settings=settings
        ),
    )


@post("/cases/{number:str}/preparations", sync_to_thread=True, status_code=200, tags=TAGS)
def prepare(
    request: Request[Any, Any, Any], number: FromPath[str], data: JSONBody[PreparationIn]
) -> CaseOut:
    """Start preparing a step that needs it (an expulsion): its duties begin."""
    return run_as_caller(
        request,
        lambda uow, who, settings: handling.prepare_step(
            uow, who, number, data.offender_id, data.step, data.reason, settings=settings
        ),
    )


@post("/cases/{number:str}/hearings", sync_to_thread=True, status_code=200, tags=TAGS)
def hearing(
    request: Request[Any, Any, Any], number: FromPath[str], data: JSONBody[HearingIn]
) -> CaseOut:
    """Record a hearing before a prepared step."""
    return run_as_caller(
        request,
        lambda uow, who, settings: handling.record_hearing(
            uow,
            who,
            number,
            data.offender_id,
            held_on=data.held_on,
            heard=data.heard,
            attendees=data.attendees,
            views=data.views,
            settings=settings,
        ),
    )


@post(
    "/cases/{number:str}/evidence/{evidence_no:int}/takedown",
    sync_to_thread=True,
    status_code=200,
    tags=TAGS,
)
def takedown(
    request: Request[Any, Any, Any],
    number: FromPath[str],
    evidence_no: SequenceNumber,
    data: JSONBody[TakedownIn],
) -> CaseOut:
    """Record that taking a post down was asked, or that it was removed."""
    return run_as_caller(
        request,
        lambda uow, who, settings: handling.record_takedown(
            uow,
            who,
            number,
            evidence_no,
            asked_on=data.asked_on,
            removed_on=data.removed_on,
            settings=settings,
        ),
    )


@post(
    "/cases/{number:str}/obligations/{seq:int}/letter",
    sync_to_thread=True,
    status_code=200,
    tags=TAGS,
    media_type="application/pdf",
    response_description="The letter as an A4 PDF",
)
def letter(
    request: Request[Any, Any, Any],
    number: FromPath[str],
    seq: SequenceNumber,
    data: JSONBody[LetterIn],
) -> Response[bytes]:
    """The letter a duty asks for, as an A4 PDF; its SHA-256 is kept with the case, and
    ``sent_on`` marks the duty done.
    """
    who = caller(request).person_id
    state = state_of(request)
    with unit(request) as uow:
        made = make_letter(
            uow,
            who,
            f"{number}/{seq}",
            render=render_letter,
            language=data.language or request_language(request),
            letter=data.letter,
            hearing_at=data.hearing_at,
            sent_on=data.sent_on,
            letterhead=state.server.letterhead,
            settings=state.server.services,
        )
    return Response(
        made.content,
        media_type="application/pdf",
        headers={
            "Content-Disposition": f'attachment; filename="{made.facts.file_name}"',
            "X-Content-SHA256": made.sha256,
        },
    )
