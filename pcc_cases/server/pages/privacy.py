"""Privacy, for the privacy officer (fg) and cvb: a subject-access export, the two-person
purge (one prepares a plan, another confirms it), and the access log with filters.

Person numbers are typed into forms that are posted, never put in an address, so that no
one's number is in the browser's history or a log line.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from litestar import Request, Response, get, post

from pcc_cases.access import Action
from pcc_cases.domain.access_log import AccessEntry
from pcc_cases.domain.errors import PccCasesError
from pcc_cases.domain.period import date_span
from pcc_cases.domain.time import parse_date
from pcc_cases.privacy.purge import PurgePlan, PurgeResult, confirm_purge, pending_purges
from pcc_cases.privacy.purge import prepare_purge as make_plan
from pcc_cases.privacy.render import person_html
from pcc_cases.privacy.subject_access import export_person, read_access_log
from pcc_cases.server.gate import caller, state_of, unit
from pcc_cases.server.identity import Principal
from pcc_cases.server.language import request_language
from pcc_cases.server.pages.forms import ManyForm, form_caller, one
from pcc_cases.server.pages.render import page, viewer
from pcc_cases.server.schemas import SequenceNumber
from pcc_cases.services.guard import authorize
from pcc_cases.translation import N_

SHOWN_ENTRIES = 200
"""The newest entries the access-log page shows; narrow the filters to see older ones."""
EARLIEST, LATEST = dt.date(1900, 1, 1), dt.date(2100, 12, 31)
"""The ends of a period given only on one side."""
STATUS = {"permission-denied": 403, "not-found": 404, "conflict": 409}
PASSED_ON = frozenset({"permission-denied", "not-authenticated"})


def _privacy_page(
    request: Request[Any, Any, Any],
    principal: Principal,
    *,
    error: PccCasesError | None = None,
    form: dict[str, Any] | None = None,
    plan: PurgePlan | None = None,
    result: PurgeResult | None = None,
) -> Response[str]:
    settings = state_of(request).server.services
    with unit(request) as uow:
        who = viewer(uow, principal)
        may_purge = who.actor.may(Action.PURGE)
        pending = pending_purges(uow, principal.person_id, settings=settings) if may_purge else []
    form = form or {}
    return page(
        request,
        "privacy.html.j2",
        N_("Privacy"),
        who,
        status=200 if error is None else STATUS.get(error.code, 422),
        may_export=who.actor.may(Action.SUBJECT_ACCESS),
        may_purge=may_purge,
        may_read_log=who.actor.may(Action.READ_ACCESS_LOG),
        pending=pending,
        plan=plan,
        result=result,
        error=None if error is None else error.translated(request_language(request)),
        error_field=None if error is None else error.field,
        form=lambda name: one(form, name),
    )


@get("/privacy", include_in_schema=False, sync_to_thread=True)
def privacy(request: Request[Any, Any, Any]) -> Response[str]:
    principal = caller(request)
    with unit(request) as uow:
        actor = viewer(uow, principal).actor
        if not any(actor.may(a) for a in (Action.SUBJECT_ACCESS, Action.PURGE)):
            authorize(uow, actor, Action.SUBJECT_ACCESS, None, state_of(request).server.services)
    return _privacy_page(request, principal)


@post("/privacy/subject-access", include_in_schema=False, sync_to_thread=True, status_code=200)
def subject_access(request: Request[Any, Any, Any], data: ManyForm) -> Response[Any]:
    principal = form_caller(request, data)
    state = state_of(request)
    lang = request_language(request)
    try:
        with unit(request) as uow:
            found = export_person(
                uow,
                principal.person_id,
                one(data, "person_id"),
                show_others_because=one(data, "show_others_because") or None,
                settings=state.server.services,
            )
    except PccCasesError as refused:
        if refused.code in PASSED_ON:
            raise
        return _privacy_page(request, principal, error=refused, form=data)
    if one(data, "format") == "json":
        body = json.dumps(found, ensure_ascii=False, indent=1).encode("utf-8")
        media, name = "application/json", "inzage.json"
    else:
        body = person_html(found, lang, state.server.organisation).encode("utf-8")
        media, name = "text/html; charset=utf-8", "inzage.html"
    return Response(
        body, media_type=media, headers={"Content-Disposition": f'attachment; filename="{name}"'}
    )


@post("/privacy/purge-plans", include_in_schema=False, sync_to_thread=True, status_code=200)
def prepare_purge(request: Request[Any, Any, Any], data: ManyForm) -> Response[str]:
    principal = form_caller(request, data)
    try:
        day = one(data, "as_of")
        with unit(request) as uow:
            plan = make_plan(
                uow,
                principal.person_id,
                as_of=parse_date(day, "as_of") if day else None,
                settings=state_of(request).server.services,
            )
    except PccCasesError as refused:
        if refused.code in PASSED_ON:
            raise
        return _privacy_page(request, principal, error=refused, form=data)
    return _privacy_page(request, principal, plan=plan)


@post(
    "/privacy/purge-plans/{plan_id:int}/confirmation",
    include_in_schema=False,
    sync_to_thread=True,
    status_code=200,
)
def confirm(
    request: Request[Any, Any, Any], plan_id: SequenceNumber, data: ManyForm
) -> Response[str]:
    principal = form_caller(request, data)
    try:
        with unit(request) as uow:
            result = confirm_purge(
                uow, principal.person_id, plan_id, settings=state_of(request).server.services
            )
    except PccCasesError as refused:
        if refused.code == "not-authenticated":
            raise  # a refusal to this person (the plan's own author) is shown on the page
        return _privacy_page(request, principal, error=refused)
    return _privacy_page(request, principal, result=result)


def _log_page(
    request: Request[Any, Any, Any], principal: Principal, form: dict[str, Any]
) -> Response[str]:
    settings = state_of(request).server.services
    error: PccCasesError | None = None
    entries: list[AccessEntry] = []
    try:
        start, end = one(form, "from"), one(form, "to")
        period = None
        if start or end:
            period = date_span(
                parse_date(start, "from") if start else EARLIEST,
                parse_date(end, "to") if end else LATEST,
            )
        with unit(request) as uow:
            entries = read_access_log(
                uow,
                principal.person_id,
                person_id=one(form, "person_id") or None,
                case_number=one(form, "case_number") or None,
                by=one(form, "by") or None,
                period=period,
                refused_only=bool(one(form, "refused_only")),
                newest=SHOWN_ENTRIES,
                settings=settings,
            )
    except PccCasesError as refused:
        if refused.code in PASSED_ON:
            raise
        error = refused
    with unit(request) as uow:
        who = viewer(uow, principal)
    return page(
        request,
        "access_log.html.j2",
        N_("Access log"),
        who,
        status=200 if error is None else 422,
        entries=entries,
        shown_at_most=SHOWN_ENTRIES,
        error=None if error is None else error.translated(request_language(request)),
        error_field=None if error is None else error.field,
        form=lambda name: one(form, name),
    )


@get("/privacy/access-log", include_in_schema=False, sync_to_thread=True)
def access_log(request: Request[Any, Any, Any]) -> Response[str]:
    return _log_page(request, caller(request), {})


@post("/privacy/access-log", include_in_schema=False, sync_to_thread=True, status_code=200)
def filtered_access_log(request: Request[Any, Any, Any], data: ManyForm) -> Response[str]:
    return _log_page(request, form_caller(request, data), data)
