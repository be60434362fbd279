"""Logging in and out, the session, and setting up the second factor."""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, get, post
from litestar.datastructures import Cookie
from litestar.params import JSONBody

from pcc_cases.access import Action, Actor
from pcc_cases.adapters.credentials import SessionRow
from pcc_cases.server import identity
from pcc_cases.server.gate import SESSION_COOKIE, caller, state_of, unit
from pcc_cases.server.identity import ENROL
from pcc_cases.server.schemas import EnrolIn, EnrolmentOut, LoginIn, MeOut, SessionOut

TAGS = ["authentication"]


def session_cookie(request: Request[Any, Any, Any], raw: str, max_age: int | None = None) -> Cookie:
    """HttpOnly, SameSite=Strict, Secure over TLS; no lifetime: it ends with the browser,
    and the server ends it after 30 idle minutes or 12 hours.
    """
    return Cookie(
        key=SESSION_COOKIE,
        value=raw,
        path="/",
        httponly=True,
        secure=request.url.scheme == "https",
        samesite="strict",
        max_age=max_age,
    )


def _session_response(
    request: Request[Any, Any, Any], raw: str, row: SessionRow, status: int = 201
) -> Response[SessionOut]:
    body = SessionOut(person_id=row.person_id, stage=row.stage, csrf_token=row.csrf_token)
    return Response(body, status_code=status, cookies=[session_cookie(request, raw)])


@post("/auth/login", sync_to_thread=True, tags=TAGS)
def login(request: Request[Any, Any, Any], data: JSONBody[LoginIn]) -> Response[SessionOut]:
    """Log in with the staff id, password and the 6-digit code; a new session begins.

    Without a second factor set up yet (a new or reset account) the session is in stage
    ``enrol``: it can only set up the own password and the code (``/auth/enrolment``).
    """
    server = state_of(request).server
    with unit(request) as uow:
        raw, row = identity.login(uow, server, data.person_id, data.password, data.code)
    return _session_response(request, raw, row)


@post("/auth/logout", sync_to_thread=True, status_code=204, tags=TAGS)
def logout(request: Request[Any, Any, Any]) -> Response[None]:
    """End this session (a token is revoked instead, by someone who manages accounts)."""
    principal = caller(request, stage=ENROL)
    with unit(request) as uow:
        identity.logout(uow, state_of(request).server, principal)
    return Response(None, status_code=204, cookies=[session_cookie(request, "", max_age=0)])


@get("/auth/session", sync_to_thread=True, tags=TAGS)
def session(request: Request[Any, Any, Any]) -> SessionOut:
    """The current session and its CSRF token (after a page reload, say)."""
    principal = caller(request, stage=ENROL)
    row = principal.session
    if row is None:
        return SessionOut(person_id=principal.person_id, stage=principal.stage, csrf_token="")
    return SessionOut(person_id=row.person_id, stage=row.stage, csrf_token=row.csrf_token)


@get("/auth/enrolment", sync_to_thread=True, tags=TAGS)
def enrolment(request: Request[Any, Any, Any]) -> EnrolmentOut:
    """The QR code to scan with an authenticator app (a session of stage ``enrol``)."""
    principal = caller(request, stage=ENROL)
    with unit(request) as uow:
        uri, svg = identity.enrolment(uow, state_of(request).server, principal)
    return EnrolmentOut(otpauth_uri=uri, qr_svg=svg)


@post("/auth/enrolment", sync_to_thread=True, tags=TAGS)
def finish_enrolment(
    request: Request[Any, Any, Any], data: JSONBody[EnrolIn]
) -> Response[SessionOut]:
    """Set an own password and confirm the code; the session is replaced by a full one."""
    principal = caller(request, stage=ENROL)
    with unit(request) as uow:
        raw, row = identity.finish_enrolment(
            uow, state_of(request).server, principal, data.new_password, data.code
        )
    return _session_response(request, raw, row, status=200)


@get("/me", sync_to_thread=True, tags=TAGS)
def me(request: Request[Any, Any, Any]) -> MeOut:
    """Who the server knows the caller to be, and the actions the permission table gives."""
    principal = caller(request)
    with unit(request, write=False) as uow:
        person = uow.people.get(principal.person_id)
    actor = Actor(person)
    return MeOut(
        id=person.id,
        first_name=person.first_name,
        last_name=person.last_name,
        location=person.location,
        roles=sorted(r.value for r in person.roles),
        actions=sorted(a.value for a in Action if actor.may(a)),
        via=principal.via,
    )
