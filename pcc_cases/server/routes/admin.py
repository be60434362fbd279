"""Local accounts and API tokens (``manage-accounts``: cvb)."""

from __future__ import annotations

from typing import Any

from litestar import Request, get, post
from litestar.params import FromPath, JSONBody

from pcc_cases.server import accounts
from pcc_cases.server.gate import caller, state_of, unit
from pcc_cases.server.schemas import (
    AccountIn,
    AccountOut,
    NewTokenOut,
    OneTimePasswordOut,
    TokenIn,
    TokenOut,
)

TAGS = ["accounts"]


@get("/accounts", sync_to_thread=True, tags=TAGS)
def list_accounts(request: Request[Any, Any, Any]) -> list[AccountOut]:
    """Every local account: enrolled, disabled, locked."""
    who = caller(request).person_id
    with unit(request) as uow:
        rows = accounts.list_accounts(uow, state_of(request).server, who)
    return [AccountOut.of(row) for row in rows]


@post("/accounts", sync_to_thread=True, tags=TAGS)
def create_account(
    request: Request[Any, Any, Any], data: JSONBody[AccountIn]
) -> OneTimePasswordOut:
    """An account for a staff member, with a one-time password to hand over."""
    who = caller(request).person_id
    with unit(request) as uow:
        password = accounts.create_account(uow, state_of(request).server, who, data.person_id)
    return OneTimePasswordOut(data.person_id, password)


@post("/accounts/{person_id:str}/reset", sync_to_thread=True, status_code=200, tags=TAGS)
def reset_account(request: Request[Any, Any, Any], person_id: FromPath[str]) -> OneTimePasswordOut:
    """A new one-time password; the second factor must be set up again."""
    who = caller(request).person_id
    with unit(request) as uow:
        password = accounts.reset_account(uow, state_of(request).server, who, person_id)
    return OneTimePasswordOut(person_id, password)


@post("/accounts/{person_id:str}/disable", sync_to_thread=True, status_code=204, tags=TAGS)
def disable_account(request: Request[Any, Any, Any], person_id: FromPath[str]) -> None:
    """Disable an account: its sessions end at once."""
    who = caller(request).person_id
    with unit(request) as uow:
        accounts.disable_account(uow, state_of(request).server, who, person_id)


@get("/tokens", sync_to_thread=True, tags=TAGS)
def list_tokens(request: Request[Any, Any, Any]) -> list[TokenOut]:
    """Every API token, revoked and expired ones too."""
    who = caller(request).person_id
    with unit(request) as uow:
        rows = accounts.list_tokens(uow, state_of(request).server, who)
    return [TokenOut.of(row) for row in rows]


@post("/tokens", sync_to_thread=True, tags=TAGS)
def create_token(request: Request[Any, Any, Any], data: JSONBody[TokenIn]) -> NewTokenOut:
    """A token for a service account: shown in this answer only, then never again."""
    who = caller(request).person_id
    with unit(request) as uow:
        token, row = accounts.create_token(
            uow, state_of(request).server, who, data.person_id, data.name, data.expires_on
        )
    return NewTokenOut(token=token, details=TokenOut.of(row))


@post("/tokens/{token_id:str}/revoke", sync_to_thread=True, status_code=200, tags=TAGS)
def revoke_token(request: Request[Any, Any, Any], token_id: FromPath[str]) -> TokenOut:
    """Revoke a token: it stops working at once."""
    who = caller(request).person_id
    with unit(request) as uow:
        row = accounts.revoke_token(uow, state_of(request).server, who, token_id)
    return TokenOut.of(row)
