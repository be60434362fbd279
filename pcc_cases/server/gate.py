"""Every request's way in: who is calling (a token or a session), and their transaction.

A bearer token or a session cookie proves the caller; nothing in a request's body or
query can name another actor. A write over a session cookie also needs the session's
CSRF token in the ``X-CSRF-Token`` header (a form: the ``csrf_token`` field), so that
another site cannot make a logged-in browser act.
"""

from __future__ import annotations

import hmac
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import attrs
from litestar import Request
from sqlalchemy import Engine

from pcc_cases.adapters.unit_of_work import UnitOfWork
from pcc_cases.domain.errors import NotAuthenticatedError, PermissionDeniedError
from pcc_cases.server import identity
from pcc_cases.server.config import ServerSettings
from pcc_cases.server.identity import FULL, Principal
from pcc_cases.server.middleware import route_of
from pcc_cases.server.sso import ProviderMetadata
from pcc_cases.translation import N_

SESSION_COOKIE = "pcc_session"
CSRF_HEADER = "x-csrf-token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


@attrs.frozen
class ServerState:
    """What every request needs: the database and the server's settings."""

    engine: Engine
    server: ServerSettings
    sso: ProviderMetadata | None = None  # the school's provider, read when first needed


def state_of(request: Request[Any, Any, Any]) -> ServerState:
    state: ServerState = request.app.state["pcc"]
    return state


@contextmanager
def unit(request: Request[Any, Any, Any], write: bool = True) -> Iterator[UnitOfWork]:
    with UnitOfWork(state_of(request).engine, write=write) as uow:
        yield uow


def caller(
    request: Request[Any, Any, Any], *, stage: str = FULL, form_csrf: str | None = None
) -> Principal:
    """The proven caller of ``request``; ``form_csrf`` is a posted form's ``csrf_token``
    (pages), checked instead of the header.

    Raises:
        NotAuthenticatedError: no or a bad token, no or an ended session (401).
        PermissionDeniedError: a cookie write without the right CSRF token, or a session
            that must set up its second factor first (403).
    """
    state = state_of(request)
    authorization = request.headers.get("authorization")
    if authorization is not None:
        scheme, _, value = authorization.partition(" ")
        if scheme.lower() != "bearer" or not value.strip():
            raise NotAuthenticatedError(N_("send the API token as 'Authorization: Bearer ...'"))
        with unit(request) as uow:
            return identity.token_principal(
                uow, state.server, value.strip(), f"{request.method} {route_of(request.scope)}"
            )
    raw = request.cookies.get(SESSION_COOKIE)
    if not raw:
        raise NotAuthenticatedError(N_("log in first, or send an API token"))
    with unit(request) as uow:
        principal = identity.session_principal(uow, state.server, raw)
    if principal is None or principal.session is None:
        raise NotAuthenticatedError(N_("the session has ended: log in again"))
    if request.method not in SAFE_METHODS:
        sent = form_csrf if form_csrf is not None else request.headers.get(CSRF_HEADER, "")
        if not hmac.compare_digest(sent.encode(), principal.session.csrf_token.encode()):
            raise PermissionDeniedError(
                N_("the request lacks the session's CSRF token (header X-CSRF-Token)"),
                field="X-CSRF-Token",
            )
    if stage == FULL and principal.stage != FULL:
        raise PermissionDeniedError(
            N_("set up your own password and the second factor first (/api/v1/auth/enrolment)")
        )
    return principal
