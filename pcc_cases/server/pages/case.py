"""Zaak: one case in full, its duties with their letters, and its history."""

from __future__ import annotations

from typing import Any

import attrs
from litestar import Request, Response, get, post
from litestar.params import FromPath
from litestar.response import Redirect

from pcc_cases.access import Action
from pcc_cases.documents import render_letter
from pcc_cases.domain.case_parts import InvolvementRole
from pcc_cases.domain.errors import PccCasesError
from pcc_cases.domain.events import EventKind
from pcc_cases.domain.factors import Harm, Intent, Reach
from pcc_cases.domain.labels import label
from pcc_cases.domain.letters import LETTERS_FOR_DUTY
from pcc_cases.domain.lifecycle import TRANSITIONS
from pcc_cases.domain.people import AUTHORITY_RANK, Person, PersonKind
from pcc_cases.domain.policy import MAX_LEVEL, Policy
from pcc_cases.server.gate import caller, state_of, unit
from pcc_cases.server.identity import Principal
from pcc_cases.server.language import request_language
from pcc_cases.server.pages.forms import Form, form_caller, local_path, one
from pcc_cases.server.pages.render import page, viewer
from pcc_cases.server.schemas import SequenceNumber
from pcc_cases.services import cases as handling
from pcc_cases.services.letters import make_letter
from pcc_cases.services.people import list_people
from pcc_cases.services.ports import UnitOfWorkPort
from pcc_cases.services.queries import person_labels, show_case
from pcc_cases.services.settings import Settings
from pcc_cases.translation import N_

DECIDABLE = frozenset({"assessed", "decided"})


@get("/cases/{number:str}", include_in_schema=False, sync_to_thread=True)
def case_page(request: Request[Any, Any, Any], number: FromPath[str]) -> Response[str]:
    return render_case(request, caller(request), number)


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


def render_case(
    request: Request[Any, Any, Any],
    principal: Principal,
    number: str,
    error: PccCasesError | None = None,
    form: dict[str, Any] | None = None,
    acted: str | None = None,
) -> Response[str]:
    """The case page; after a refused change, with its message and what was typed.

    Raises:
        NotFoundError: no such case, or one outside the person's scope.
        NotAuthenticatedError: no session.
    """
    settings = state_of(request).server.services
    lang = request_language(request)
    form = form or {}
    with unit(request) as uow:
        who = viewer(uow, principal)
        case = show_case(uow, principal.person_id, number, settings=settings)
        ids = {p.person_id for p in case.involvements} | {e.actor_id for e in case.events}
        ids |= {d.decided_by for d in case.decisions}
        names = person_labels(uow, principal.person_id, ids, settings=settings)
        offenders = uow.people.find_many(case.offender_ids)
        may = {
            name: who.actor.may(action, case, offenders)
            for name, action in (
                ("handle", Action.HANDLE),
                ("decide", Action.DECIDE),
                ("close", Action.CLOSE),
                ("review", Action.REVIEW),
            )
        }
        advice = (
            handling.recommend_steps(uow, principal.person_id, number, settings=settings)
            if may["decide"]
            else {}
        )
        found = _found_people(uow, principal, form, settings) if acted == "involvement" else []
        authority = who.actor.person.authority
        kinds = {pid: person.kind for pid, person in offenders.items()}
    steps = {
        pid: _choices(settings.policy, kind, authority, lang)
        for pid, kind in kinds.items()
        if advice.get(pid) is not None
    }
    protocol, policy = settings.protocol, settings.policy
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
        may=may,
        can=lambda kind: case.state in TRANSITIONS[EventKind(kind)],
        decide_steps=steps if may["decide"] and case.state.value in DECIDABLE else {},
        letter_duties=set(LETTERS_FOR_DUTY),
        clause_text=lambda clause_id: protocol.clause(clause_id).text(lang),
        citable=[(c.id, c.text(lang)) for c in protocol.clauses if c.kind.citable],
        explained=lambda a: case.severity_of(a.offender_id, a.factors, protocol, policy).explained,
        factor_choices=_factor_choices(lang),
        levels=[(str(n), label("severity", str(n), lang)) for n in range(1, MAX_LEVEL + 1)],
        role_choices=[(r.value, label("involvement", r.value, lang)) for r in InvolvementRole],
        role_label=lambda role: label("role", role, lang),
        found=[(p.id, p.label) for p in found],
        error=None if error is None else error.translated(lang),
        error_field=None if error is None else error.field,
        acted=acted,
        form=lambda action, name, default="": one(form, name) if acted == action else default,
    )


def _factor_choices(lang: str) -> dict[str, list[tuple[str, str]]]:
    return {
        "reach": [(r.value, label("reach", r.value, lang)) for r in Reach],
        "intent": [(i.value, label("intent", i.value, lang)) for i in Intent],
        "harm": [(h.value, label("harm", h.value, lang)) for h in Harm],
    }


def _found_people(
    uow: UnitOfWorkPort, principal: Principal, form: dict[str, Any], settings: Settings
) -> list[Person]:
    """The people in scope whose name holds the text searched for, at most 20."""
    text = one(form, "name")
    if not text:
        return []
    found = list_people(uow, principal.person_id, search=text, limit=20, settings=settings)
    return [p for p in found if p.left_on is None]


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
