"""Who is calling: local logins with a second factor, browser sessions and API tokens.

Every way in ends in a ``Principal``: the staff member on whose behalf the services run.
Each login, failed login, logout and token use is written to the access log, with the
identity it proved (or, for a failure, the id that was tried).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from typing import NoReturn

import attrs
import pendulum

from pcc_cases.access import Actor
from pcc_cases.adapters.credentials import AccountRow, CredentialStore, SessionRow, TokenRow
from pcc_cases.adapters.unit_of_work import UnitOfWork
from pcc_cases.domain.access_log import AccessEntry
from pcc_cases.domain.errors import InvalidInputError, NotAuthenticatedError
from pcc_cases.domain.people import is_person_id
from pcc_cases.domain.time import local_date
from pcc_cases.server import passwords, totp
from pcc_cases.server.config import ServerSettings
from pcc_cases.translation import N_

FULL = "full"
ENROL = "enrol"  # logged in with the password only: may set up the second factor, no more
TOKEN_PREFIX = "pcc_"  # noqa: S105 - the visible prefix of every token, not a secret


@attrs.frozen
class Principal:
    """The proven caller: a person, and how they proved it (a session or a token)."""

    person_id: str
    via: str  # "session" or "token"
    stage: str = FULL
    session: SessionRow | None = None
    token_id: str | None = None


def digest(secret: str) -> str:
    """SHA-256 of a random secret (a session id, a token): enough for 256 random bits."""
    return hashlib.sha256(secret.encode()).hexdigest()


def log(
    uow: UnitOfWork,
    at: pendulum.DateTime,
    actor_id: str,
    action: str,
    allowed: bool,
    detail: str | None = None,
    person_id: str | None = None,
) -> None:
    uow.access_log.add(
        AccessEntry(
            at=at,
            actor_id=ascii(actor_id)[1:-1][:100] if not is_person_id(actor_id) else actor_id,
            action=action,
            allowed=allowed,
            person_id=person_id,
            detail=None if detail is None else detail[:2000],
        )
    )


def active_staff(uow: UnitOfWork, person_id: str, now: pendulum.DateTime) -> bool:
    """Whether ``person_id`` is a staff member who has not left: only they may log in."""
    person = uow.people.find(person_id) if is_person_id(person_id) else None
    return person is not None and Actor(person).active_on(local_date(now))


# -- local login ------------------------------------------------------------------------


WRONG_LOGIN = N_("the id, password or code is wrong, or the account may not log in")


def login(
    uow: UnitOfWork, server: ServerSettings, person_id: str, password: str, code: str | None
) -> tuple[str, SessionRow]:
    """A new session for ``person_id`` (its id and row), or ``NotAuthenticatedError``.

    A wrong password or code counts as a failure; after ``failures_before_lock`` in a row
    the account is locked for ``first_lock``, doubling with each further failure up to
    ``longest_lock``. Every failure also waits ``failure_delay`` seconds. An account whose
    second factor is not set up yet (new, or reset) logs in to the ``enrol`` stage only.

    Raises:
        NotAuthenticatedError: unknown id, wrong password or code, locked, disabled or
            left (one message for all but the lock, so that ids cannot be probed).
    """
    now = server.services.clock()
    store = CredentialStore(uow)
    account = store.account(person_id) if is_person_id(person_id) else None
    hashing = passwords.hasher(server.hashing)
    if account is None:
        hashing.hash(passwords.DUMMY_PASSWORD)  # as slow as a real check
        _fail(uow, server, person_id, now, "no account")
    if account.locked_until is not None and account.locked_until > now:
        _fail(uow, server, person_id, now, "locked", locked_until=account.locked_until)
    if not passwords.verify(hashing, account.password_hash, password):
        _count_failure(uow, server, account, now, "wrong password")
    step = None
    if account.totp_enrolled:
        step = totp.accepted_step(
            account.totp_secret or "", code or "", now, account.totp_last_step
        )
        if step < 0:
            _count_failure(uow, server, account, now, "wrong or reused code")
    if account.disabled or not active_staff(uow, person_id, now):
        _fail(uow, server, person_id, now, "account disabled or person not active staff")
    changes: dict[str, object] = {"failed_logins": 0, "locked_until": None}
    if step is not None:
        changes["totp_last_step"] = step
    store.change_account(person_id, **changes)
    stage = FULL if account.totp_enrolled and not account.must_change_password else ENROL
    raw, row = begin_session(store, person_id, stage, now)
    log(uow, now, person_id, "login", True, f"password and code; stage {stage}")
    uow.commit()
    return raw, row


def sso_login(uow: UnitOfWork, server: ServerSettings, person_id: str) -> tuple[str, SessionRow]:
    """A full session for ``person_id``, whom the school's provider has just vouched for.

    Raises:
        NotAuthenticatedError: not active staff, or an account that cvb has disabled.
    """
    now = server.services.clock()
    store = CredentialStore(uow)
    account = store.account(person_id) if is_person_id(person_id) else None
    if (account is not None and account.disabled) or not active_staff(uow, person_id, now):
        _fail(uow, server, person_id, now, "single sign-on: disabled or not active staff")
    raw, row = begin_session(store, person_id, FULL, now)
    log(uow, now, person_id, "login", True, "single sign-on")
    uow.commit()
    return raw, row


def _count_failure(
    uow: UnitOfWork,
    server: ServerSettings,
    account: AccountRow,
    now: pendulum.DateTime,
    why: str,
) -> NoReturn:
    failures = account.failed_logins + 1
    locked_until = None
    over = failures - server.failures_before_lock
    if over >= 0:
        lock = min(server.first_lock * (2 ** min(over, 16)), server.longest_lock)
        locked_until = now + lock
    CredentialStore(uow).change_account(
        account.person_id, failed_logins=failures, locked_until=locked_until
    )
    _fail(uow, server, account.person_id, now, f"{why}; failure {failures}", locked_until)


def _fail(
    uow: UnitOfWork,
    server: ServerSettings,
    person_id: str,
    now: pendulum.DateTime,
    why: str,
    locked_until: pendulum.DateTime | None = None,
) -> NoReturn:
    """Log the failed login (committed with the failure count), wait, and refuse."""
    detail = why if locked_until is None else f"{why}; locked until {locked_until.isoformat()}"
    log(uow, now, person_id, "login-failed", False, detail)
    uow.commit()
    if server.failure_delay:
        time.sleep(server.failure_delay)
    if locked_until is not None and why == "locked":
        raise NotAuthenticatedError(
            N_("this account is locked after too many failed logins; try again after {time}"),
            time=locked_until.in_timezone("Europe/Amsterdam").format("HH:mm"),
        )
    raise NotAuthenticatedError(WRONG_LOGIN)


def begin_session(
    store: CredentialStore, person_id: str, stage: str, now: pendulum.DateTime
) -> tuple[str, SessionRow]:
    """A new session with a new random id: ids are never reused or taken from the caller."""
    raw = secrets.token_urlsafe(32)
    row = SessionRow(
        id_hash=digest(raw),
        person_id=person_id,
        stage=stage,
        csrf_token=secrets.token_urlsafe(32),
        created_at=now,
        last_seen_at=now,
        ended_at=None,
    )
    store.add_session(row)
    return raw, row


def session_principal(uow: UnitOfWork, server: ServerSettings, raw: str) -> Principal | None:
    """The principal of session cookie ``raw``, or None when it is unknown or over.

    A session ends after ``session_idle`` without a request, ``session_lifetime`` after
    its login, when its person logs out, leaves or is disabled.
    """
    now = server.services.clock()
    store = CredentialStore(uow)
    row = store.session(digest(raw))
    if row is None or row.ended_at is not None:
        return None
    expired = (
        now - row.last_seen_at > server.session_idle
        or now - row.created_at > server.session_lifetime
    )
    account = store.account(row.person_id)  # none for someone who only uses single sign-on
    disabled = account is not None and account.disabled
    if expired or disabled or not active_staff(uow, row.person_id, now):
        store.end_session(row.id_hash, now)
        uow.commit()
        return None
    store.touch_session(row.id_hash, now)
    uow.commit()
    return Principal(row.person_id, "session", row.stage, session=row)


def logout(uow: UnitOfWork, server: ServerSettings, principal: Principal) -> None:
    now = server.services.clock()
    if principal.session is not None:
        CredentialStore(uow).end_session(principal.session.id_hash, now)
    log(uow, now, principal.person_id, "logout", True)
    uow.commit()


# -- second factor -------------------------------------------------------------------------


def enrolment(uow: UnitOfWork, server: ServerSettings, principal: Principal) -> tuple[str, str]:
    """The ``otpauth://`` address and its QR code (SVG) for setting up the second factor.

    A new secret is made while the factor is not confirmed yet; asking again gives the
    same one, so that a page reload does not invalidate a scanned code.
    """
    store = CredentialStore(uow)
    account = store.account(principal.person_id)
    if account is None:
        raise NotAuthenticatedError(WRONG_LOGIN)
    secret = account.totp_secret
    if secret is None or account.totp_enrolled:
        secret = totp.new_secret()
        store.change_account(principal.person_id, totp_secret=secret, totp_enrolled=False)
        uow.commit()
    uri = totp.provisioning_uri(secret, principal.person_id, server.organisation)
    return uri, totp.qr_svg(uri)


def finish_enrolment(
    uow: UnitOfWork,
    server: ServerSettings,
    principal: Principal,
    new_password: str,
    code: str,
) -> tuple[str, SessionRow]:
    """Set the person's own password and confirm the second factor with a code from it;
    the enrolment session ends and a full one begins (a new id).

    Raises:
        InvalidInputError: the password breaks the rules, or the code is wrong.
        NotAuthenticatedError: the account is gone.
    """
    now = server.services.clock()
    store = CredentialStore(uow)
    account = store.account(principal.person_id)
    if account is None or account.totp_secret is None:
        raise NotAuthenticatedError(WRONG_LOGIN)
    passwords.check_new_password(new_password, principal.person_id)
    step = totp.accepted_step(account.totp_secret, code, now, account.totp_last_step)
    if step < 0:
        raise InvalidInputError(
            N_("the code is wrong: enter the 6 digits your authenticator app shows now"),
            field="code",
        )
    store.change_account(
        principal.person_id,
        password_hash=passwords.hasher(server.hashing).hash(new_password),
        must_change_password=False,
        totp_enrolled=True,
        totp_last_step=step,
    )
    store.end_sessions_of(principal.person_id, now)
    raw, row = begin_session(store, principal.person_id, FULL, now)
    log(uow, now, principal.person_id, "enrol", True, "own password set; second factor confirmed")
    uow.commit()
    return raw, row


# -- API tokens -----------------------------------------------------------------------------


def token_principal(uow: UnitOfWork, server: ServerSettings, bearer: str, what: str) -> Principal:
    """The service account of API token ``bearer``; the use is logged (``what``: method and
    route, never a query string).

    Raises:
        NotAuthenticatedError: malformed, unknown, revoked or expired token, or its
            account's person is no longer active staff (the refusal is logged).
    """
    now = server.services.clock()
    store = CredentialStore(uow)
    token_id, _, secret = bearer.removeprefix(TOKEN_PREFIX).partition("_")
    row = store.token(token_id) if token_id.isalnum() and len(token_id) <= 16 else None
    why = None
    if row is None or not hmac.compare_digest(row.secret_hash, digest(secret)):
        why = "unknown token"
    elif row.revoked_at is not None:
        why = f"token {row.id} revoked"
    elif row.expires_at <= now:
        why = f"token {row.id} expired"
    elif not active_staff(uow, row.person_id, now):
        why = f"token {row.id}: {row.person_id} is not active staff"
    if why is not None or row is None:
        log(uow, now, row.person_id if row else "token", "token-refused", False, why)
        uow.commit()
        raise NotAuthenticatedError(N_("the API token is unknown, revoked or expired"))
    store.change_token(row.id, last_used_at=now)
    log(uow, now, row.person_id, "token-use", True, f"token {row.id}: {what}")
    uow.commit()
    return Principal(row.person_id, "token", token_id=row.id)


def new_token_secret() -> tuple[str, str, str]:
    """A token's id, its secret and the whole token as the caller sends it."""
    token_id = secrets.token_hex(8)
    secret = secrets.token_urlsafe(32)
    return token_id, secret, f"{TOKEN_PREFIX}{token_id}_{secret}"


def token_row(
    token_id: str,
    secret: str,
    person_id: str,
    name: str,
    created_by: str,
    now: pendulum.DateTime,
    expires_at: pendulum.DateTime,
) -> TokenRow:
    return TokenRow(
        id=token_id,
        person_id=person_id,
        name=name,
        secret_hash=digest(secret),
        created_by=created_by,
        created_at=now,
        expires_at=expires_at,
        revoked_at=None,
        revoked_by=None,
        last_used_at=None,
    )
