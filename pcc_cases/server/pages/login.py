"""Logging in and out in the browser, and setting up the second factor."""

from __future__ import annotations

import urllib.parse
from typing import Any

from litestar import Request, Response, get, post
from litestar.response import Redirect

from pcc_cases.domain.errors import InvalidInputError, NotAuthenticatedError
from pcc_cases.server import identity
from pcc_cases.server.gate import caller, state_of, unit
from pcc_cases.server.identity import ENROL, FULL, Principal
from pcc_cases.server.language import request_language
from pcc_cases.server.pages.forms import Form, form_caller, same_origin
from pcc_cases.server.pages.render import page, viewer
from pcc_cases.server.routes.auth import session_cookie
from pcc_cases.translation import N_


def _login_page(
    request: Request[Any, Any, Any],
    error: str | None = None,
    person_id: str = "",
    status: int = 200,
) -> Response[str]:
    sso = state_of(request).server.sso is not None
    return page(
        request,
        "login.html.j2",
        N_("Log in"),
        status=status,
        error=error,
        person_id=person_id,
        sso=sso,
    )


@get("/login", include_in_schema=False, sync_to_thread=True)
def login_form(request: Request[Any, Any, Any]) -> Response[str]:
    return _login_page(request)


@post("/login", include_in_schema=False, sync_to_thread=True, status_code=303)
def login(request: Request[Any, Any, Any], data: Form) -> Response[Any]:
    same_origin(request)
    person_id = data.get("person_id", "").strip()
    code = data.get("code", "").replace(" ", "") or None
    try:
        with unit(request) as uow:
            raw, row = identity.login(
                uow, state_of(request).server, person_id, data.get("password", ""), code
            )
    except NotAuthenticatedError as refused:
        lang = request_language(request)
        return _login_page(request, refused.translated(lang), person_id, status=401)
    target = "/" if row.stage == FULL else "/enrolment"
    return Redirect(target, status_code=303, cookies=[session_cookie(request, raw)])


@get("/enrolment", include_in_schema=False, sync_to_thread=True)
def enrolment_form(request: Request[Any, Any, Any]) -> Response[Any]:
    principal = caller(request, stage=ENROL)
    if principal.stage == FULL:
        return Redirect("/", status_code=303)
    return _enrolment_page(request, principal)


def _enrolment_page(
    request: Request[Any, Any, Any], principal: Principal, error: str | None = None
) -> Response[str]:
    with unit(request) as uow:
        uri, svg = identity.enrolment(uow, state_of(request).server, principal)
        who = viewer(uow, principal)
    secret = urllib.parse.parse_qs(urllib.parse.urlsplit(uri).query)["secret"][0]
    return page(
        request,
        "enrolment.html.j2",
        N_("Set up your login"),
        who,
        status=422 if error else 200,
        qr_svg=svg,
        secret=secret,
        error=error,
    )


@post("/enrolment", include_in_schema=False, sync_to_thread=True, status_code=303)
def enrol(request: Request[Any, Any, Any], data: Form) -> Response[Any]:
    principal = form_caller(request, data, stage=ENROL)
    try:
        with unit(request) as uow:
            raw, _row = identity.finish_enrolment(
                uow,
                state_of(request).server,
                principal,
                data.get("new_password", ""),
                data.get("code", "").replace(" ", ""),
            )
    except InvalidInputError as refused:
        return _enrolment_page(request, principal, refused.translated(request_language(request)))
    return Redirect("/", status_code=303, cookies=[session_cookie(request, raw)])


@post("/logout", include_in_schema=False, sync_to_thread=True, status_code=303)
def logout(request: Request[Any, Any, Any], data: Form) -> Response[Any]:
    principal = form_caller(request, data, stage=ENROL)
    with unit(request) as uow:
        identity.logout(uow, state_of(request).server, principal)
    return Redirect("/login", status_code=303, cookies=[session_cookie(request, "", max_age=0)])
