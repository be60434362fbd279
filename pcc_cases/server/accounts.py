"""Local accounts and API tokens, managed by someone with ``manage-accounts`` (cvb).

An account belongs to one staff member (their admin-system id is the login name) and
opens only while that person is active staff. A new or reset account gets a one-time
password; its first login leads to setting an own password and the second factor.
An API token belongs to a service account: a staff person record of its own (for example
``svc-admin``, imported with the roles the system needs), so that the token's rights are
the permission table's, like anyone else's.
"""

from __future__ import annotations

import datetime as dt
import secrets

import pendulum

from pcc_cases.access import Action
from pcc_cases.adapters.credentials import AccountRow, CredentialStore, TokenRow
from pcc_cases.adapters.unit_of_work import UnitOfWork
from pcc_cases.domain.checks import required_text
from pcc_cases.domain.errors import ConflictError, InvalidInputError, NotFoundError
from pcc_cases.domain.people import PersonKind, is_person_id
from pcc_cases.server import identity, passwords
from pcc_cases.server.config import ServerSettings
from pcc_cases.services.guard import authorize, load_actor
from pcc_cases.translation import N_

DEMO_CREATOR = "(demo)"


def _manager(uow: UnitOfWork, server: ServerSettings, actor_id: str | None) -> str:
    actor = load_actor(uow, actor_id, server.services)
    authorize(uow, actor, Action.MANAGE_ACCOUNTS, None, server.services)
    return actor.id


def _staff(uow: UnitOfWork, person_id: str) -> str:
    person = uow.people.find(person_id) if is_person_id(person_id) else None
    if person is None or person.kind is not PersonKind.STAFF:
        raise NotFoundError(
            N_("there is no staff member {person_id!r}: an account is for staff only"),
            field="person_id",
            person_id=person_id,
        )
    return person.id


def _new_account(
    server: ServerSettings,
    person_id: str,
    password: str,
    totp_secret: str | None,
    now: pendulum.DateTime,
    by: str,
) -> AccountRow:
    """A new account's row: with a TOTP secret it is ready (the demo's), else the password
    is a one-time one and the second factor is set up at the first login.
    """
    ready = totp_secret is not None
    return AccountRow(
        person_id=person_id,
        password_hash=passwords.hasher(server.hashing).hash(password),
        must_change_password=not ready,
        totp_secret=totp_secret,
        totp_enrolled=ready,
        totp_last_step=None,
        failed_logins=0,
        locked_until=None,
        disabled=False,
        created_at=now,
        created_by=by,
    )


def one_time_password() -> str:
    """A first password to hand over: 20 letters and digits, to be replaced at first login."""
    alphabet = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i: read aloud or typed over
    return "-".join("".join(secrets.choice(alphabet) for _ in range(5)) for _ in range(4))


def create_account(
    uow: UnitOfWork, server: ServerSettings, actor_id: str | None, person_id: str
) -> str:
    """An account for staff member ``person_id``; returns its one-time password.

    Raises:
        PermissionDeniedError: the actor may not manage accounts (logged).
        NotFoundError: ``person_id`` is not a staff member.
        ConflictError: the person has an account already (reset it instead).
    """
    manager = _manager(uow, server, actor_id)
    person_id = _staff(uow, person_id)
    store = CredentialStore(uow)
    if store.account(person_id) is not None:
        raise ConflictError(
            N_("{person_id} has an account already: reset it to give a new password"),
            person_id=person_id,
        )
    password = one_time_password()
    now = server.services.clock()
    store.add_account(_new_account(server, person_id, password, None, now, manager))
    identity.log(uow, now, manager, "account-create", True, person_id=person_id)
    uow.commit()
    return password


def add_demo_account(
    uow: UnitOfWork, server: ServerSettings, person_id: str, password: str, totp_secret: str
) -> None:
    """An account ready to log in with (password and second factor set): for the demo
    database only, whose accounts and secrets are printed for anyone to try.

    Raises:
        NotFoundError: ``person_id`` is not a staff member.
        ConflictError: the person has an account already.
    """
    person_id = _staff(uow, person_id)
    store = CredentialStore(uow)
    if store.account(person_id) is not None:
        raise ConflictError(N_("{person_id} has an account already"), person_id=person_id)
    now = server.services.clock()
    store.add_account(_new_account(server, person_id, password, totp_secret, now, DEMO_CREATOR))
    identity.log(uow, now, DEMO_CREATOR, "account-create", True, person_id=person_id)
    uow.commit()


def reset_account(
    uow: UnitOfWork, server: ServerSettings, actor_id: str | None, person_id: str
) -> str:
    """A new one-time password for ``person_id``; their second factor must be set up again,
    every open session ends, and a lock or a disabled account is lifted.

    Raises:
        PermissionDeniedError: the actor may not manage accounts (logged).
        NotFoundError: ``person_id`` has no account.
    """
    manager = _manager(uow, server, actor_id)
    store = CredentialStore(uow)
    if not is_person_id(person_id) or store.account(person_id) is None:
        raise NotFoundError(
            N_("{person_id!r} has no account"), field="person_id", person_id=person_id
        )
    password = one_time_password()
    now = server.services.clock()
    store.change_account(
        person_id,
        password_hash=passwords.hasher(server.hashing).hash(password),
        must_change_password=True,
        totp_secret=None,
        totp_enrolled=False,
        totp_last_step=None,
        failed_logins=0,
        locked_until=None,
        disabled=False,
    )
    store.end_sessions_of(person_id, now)
    identity.log(uow, now, manager, "account-reset", True, person_id=person_id)
    uow.commit()
    return password


def disable_account(
    uow: UnitOfWork, server: ServerSettings, actor_id: str | None, person_id: str
) -> None:
    """Disable ``person_id``'s account at once: every session ends (reset to open it again).

    Raises:
        PermissionDeniedError: the actor may not manage accounts (logged).
        NotFoundError: ``person_id`` has no account.
    """
    manager = _manager(uow, server, actor_id)
    store = CredentialStore(uow)
    if not is_person_id(person_id) or store.account(person_id) is None:
        raise NotFoundError(
            N_("{person_id!r} has no account"), field="person_id", person_id=person_id
        )
    now = server.services.clock()
    store.change_account(person_id, disabled=True)
    store.end_sessions_of(person_id, now)
    identity.log(uow, now, manager, "account-disable", True, person_id=person_id)
    uow.commit()


def list_accounts(
    uow: UnitOfWork, server: ServerSettings, actor_id: str | None
) -> list[AccountRow]:
    """Every account (without anything secret in what the caller shows).

    Raises:
        PermissionDeniedError: the actor may not manage accounts (logged).
    """
    _manager(uow, server, actor_id)
    return CredentialStore(uow).accounts()


def create_token(
    uow: UnitOfWork,
    server: ServerSettings,
    actor_id: str | None,
    person_id: str,
    name: str,
    expires_on: dt.date,
) -> tuple[str, TokenRow]:
    """A new API token for service account ``person_id``: the token (shown once, never
    stored) and its stored row. It expires at the start of ``expires_on`` (Amsterdam).

    Raises:
        PermissionDeniedError: the actor may not manage accounts (logged).
        NotFoundError: ``person_id`` is not a staff member.
        InvalidInputError: an empty or too long name, or an expiry not in the future or
            further than ``token_lifetime_max``.
    """
    manager = _manager(uow, server, actor_id)
    person_id = _staff(uow, person_id)
    name = required_text(name, "name", 100, one_line=True)
    now = server.services.clock()
    expires_at = pendulum.datetime(
        expires_on.year, expires_on.month, expires_on.day, tz="Europe/Amsterdam"
    ).in_timezone("UTC")
    if expires_at <= now or expires_at - now > server.token_lifetime_max:
        raise InvalidInputError(
            N_("a token expires after today and within {days} days"),
            field="expires_on",
            days=server.token_lifetime_max.days,
        )
    token_id, secret, token = identity.new_token_secret()
    row = identity.token_row(token_id, secret, person_id, name, manager, now, expires_at)
    store = CredentialStore(uow)
    store.add_token(row)
    identity.log(uow, now, manager, "token-create", True, f"token {token_id}", person_id)
    uow.commit()
    return token, row


def list_tokens(uow: UnitOfWork, server: ServerSettings, actor_id: str | None) -> list[TokenRow]:
    """Every token, revoked and expired ones too (their hashes are not for showing).

    Raises:
        PermissionDeniedError: the actor may not manage accounts (logged).
    """
    _manager(uow, server, actor_id)
    return CredentialStore(uow).tokens()


def revoke_token(
    uow: UnitOfWork, server: ServerSettings, actor_id: str | None, token_id: str
) -> TokenRow:
    """Revoke ``token_id`` at once; revoking it again changes nothing.

    Raises:
        PermissionDeniedError: the actor may not manage accounts (logged).
        NotFoundError: there is no such token.
    """
    manager = _manager(uow, server, actor_id)
    store = CredentialStore(uow)
    row = store.token(token_id) if token_id.isalnum() and len(token_id) <= 16 else None
    if row is None:
        raise NotFoundError(
            N_("there is no token {token_id!r}"), field="token_id", token_id=token_id
        )
    if row.revoked_at is None:
        now = server.services.clock()
        store.change_token(row.id, revoked_at=now, revoked_by=manager)
        identity.log(uow, now, manager, "token-revoke", True, f"token {row.id}", row.person_id)
        uow.commit()
        row = store.token(row.id) or row
    return row
