"""Logging in with the school's own accounts: OpenID Connect, code flow with PKCE.

``GET /auth/sso`` sends the browser to the school's provider, with a short-lived cookie
holding what must come back (state, nonce, PKCE verifier); ``GET /auth/sso/callback``
receives the answer, checks it, and begins a session as for a local login.
"""

from __future__ import annotations

from typing import Annotated, Any

from litestar import Request, Response, get
from litestar.datastructures import Cookie
from litestar.params import FromQuery, QueryParameter

from pcc_cases.domain.errors import NotAuthenticatedError, NotFoundError
from pcc_cases.server import identity
from pcc_cases.server.gate import ServerState, state_of, unit
from pcc_cases.server.routes.auth import TAGS, session_cookie
from pcc_cases.server.schemas import SessionOut
from pcc_cases.server.sso import PendingLogin, authorization_url, staff_id
from pcc_cases.translation import N_

SSO_COOKIE = "pcc_sso"
SSO_PATH = "/api/v1/auth/sso"
PENDING_SECONDS = 600  # the time to log in at the provider


def _pending_cookie(request: Request[Any, Any, Any], value: str, max_age: int) -> Cookie:
    # SameSite=Lax: the provider's redirect back is a navigation from another site, on
    # which a Strict cookie would not come along.
    return Cookie(
        key=SSO_COOKIE,
        value=value,
        path=SSO_PATH,
        httponly=True,
        secure=request.url.scheme == "https",
        samesite="lax",
        max_age=max_age,
    )


def _configured(state: ServerState) -> Any:
    if state.server.sso is None or state.sso is None:
        raise NotFoundError(N_("single sign-on is not set up on this server"))
    return state.server.sso, state.sso


@get("/auth/sso", sync_to_thread=True, tags=TAGS, status_code=303)
def start(request: Request[Any, Any, Any]) -> Response[None]:
    """Go to the school's provider to log in (a 303 to its login page)."""
    settings, metadata = _configured(state_of(request))
    url, pending = authorization_url(settings, metadata)
    return Response(
        None,
        status_code=303,
        headers={"Location": url},
        cookies=[_pending_cookie(request, pending.cookie_value(), PENDING_SECONDS)],
    )


@get("/auth/sso/callback", sync_to_thread=True, tags=TAGS)
def callback(
    request: Request[Any, Any, Any],
    code: FromQuery[str | None] = None,
    returned_state: Annotated[str | None, QueryParameter(name="state")] = None,
    error: FromQuery[str | None] = None,
) -> Response[SessionOut | None]:
    """The provider's answer: a new session for the staff member it vouches for; a browser
    goes on to the overview page, another client gets the session and its CSRF token.
    """
    server_state = state_of(request)
    settings, metadata = _configured(server_state)
    pending = PendingLogin.from_cookie(request.cookies.get(SSO_COOKIE, ""))
    try:
        person_id = staff_id(
            settings, metadata, pending, code=code, state=returned_state, error=error
        )
    except NotAuthenticatedError as refused:
        with unit(request) as uow:
            now = server_state.server.services.clock()
            detail = f"single sign-on: {error or refused.field}"[:200]
            identity.log(uow, now, "(single sign-on)", "login-failed", False, detail)
            uow.commit()
        raise
    with unit(request) as uow:
        raw, row = identity.sso_login(uow, server_state.server, person_id)
    cookies = [session_cookie(request, raw), _pending_cookie(request, "", 0)]
    if "text/html" in request.headers.get("accept", ""):  # a browser: on to the overview
        return Response(None, status_code=303, headers={"Location": "/"}, cookies=cookies)
    body = SessionOut(person_id=row.person_id, stage=row.stage, csrf_token=row.csrf_token)
    return Response(body, status_code=200, cookies=cookies)
