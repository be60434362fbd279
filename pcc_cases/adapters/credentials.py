"""The server's stored credentials: local accounts, login sessions and API tokens.

Rows in, rows out; the rules (hashing, lockout, expiry) are the server's. These tables
are not part of the history: a row changes as its account, session or token does, and
every login, refusal and token use is written to the append-only access log instead.
"""

from __future__ import annotations

from typing import Any, TypeVar

import attrs
import pendulum
from sqlalchemy import Row, Table, insert, select, update

from pcc_cases.adapters import tables as t
from pcc_cases.adapters.unit_of_work import UnitOfWork, session_of

R = TypeVar("R")


@attrs.frozen
class AccountRow:
    """A local account of one staff member (their admin-system id is the login name)."""

    person_id: str
    password_hash: str
    must_change_password: bool
    totp_secret: str | None
    totp_enrolled: bool
    totp_last_step: int | None
    failed_logins: int
    locked_until: pendulum.DateTime | None
    disabled: bool
    created_at: pendulum.DateTime
    created_by: str


@attrs.frozen
class SessionRow:
    """A browser session: ``stage`` is ``enrol`` until the second factor is set up."""

    id_hash: str
    person_id: str
    stage: str
    csrf_token: str
    created_at: pendulum.DateTime
    last_seen_at: pendulum.DateTime
    ended_at: pendulum.DateTime | None


@attrs.frozen
class TokenRow:
    """An API token of a service account; only the SHA-256 of its secret is kept."""

    id: str
    person_id: str
    name: str
    secret_hash: str
    created_by: str
    created_at: pendulum.DateTime
    expires_at: pendulum.DateTime
    revoked_at: pendulum.DateTime | None
    revoked_by: str | None
    last_used_at: pendulum.DateTime | None


class CredentialStore:
    """Reads and writes the three credential tables inside a unit of work."""

    def __init__(self, uow: UnitOfWork) -> None:
        self._session = session_of(uow)

    def account(self, person_id: str) -> AccountRow | None:
        return self._one(t.accounts, AccountRow, t.accounts.c.person_id == person_id)

    def accounts(self) -> list[AccountRow]:
        query = select(t.accounts).order_by(t.accounts.c.person_id)
        return [_row(AccountRow, row) for row in self._session.execute(query)]

    def add_account(self, row: AccountRow) -> None:
        self._session.execute(insert(t.accounts).values(**attrs.asdict(row)))

    def change_account(self, person_id: str, **values: Any) -> None:
        self._session.execute(
            update(t.accounts).where(t.accounts.c.person_id == person_id).values(**values)
        )

    def session(self, id_hash: str) -> SessionRow | None:
        return self._one(t.login_sessions, SessionRow, t.login_sessions.c.id_hash == id_hash)

    def add_session(self, row: SessionRow) -> None:
        self._session.execute(insert(t.login_sessions).values(**attrs.asdict(row)))

    def touch_session(self, id_hash: str, at: pendulum.DateTime) -> None:
        self._session.execute(
            update(t.login_sessions)
            .where(t.login_sessions.c.id_hash == id_hash)
            .values(last_seen_at=at)
        )

    def end_session(self, id_hash: str, at: pendulum.DateTime) -> None:
        c = t.login_sessions.c
        self._session.execute(
            update(t.login_sessions)
            .where(c.id_hash == id_hash, c.ended_at.is_(None))
            .values(ended_at=at)
        )

    def end_sessions_of(self, person_id: str, at: pendulum.DateTime) -> None:
        """End every open session of ``person_id`` (a reset, a disabled account)."""
        c = t.login_sessions.c
        self._session.execute(
            update(t.login_sessions)
            .where(c.person_id == person_id, c.ended_at.is_(None))
            .values(ended_at=at)
        )

    def token(self, token_id: str) -> TokenRow | None:
        return self._one(t.api_tokens, TokenRow, t.api_tokens.c.id == token_id)

    def tokens(self) -> list[TokenRow]:
        query = select(t.api_tokens).order_by(t.api_tokens.c.created_at, t.api_tokens.c.id)
        return [_row(TokenRow, row) for row in self._session.execute(query)]

    def add_token(self, row: TokenRow) -> None:
        self._session.execute(insert(t.api_tokens).values(**attrs.asdict(row)))

    def change_token(self, token_id: str, **values: Any) -> None:
        self._session.execute(
            update(t.api_tokens).where(t.api_tokens.c.id == token_id).values(**values)
        )

    def _one(self, table: Table, kind: type[R], condition: Any) -> R | None:
        row = self._session.execute(select(table).where(condition)).first()
        return None if row is None else _row(kind, row)


def _row(kind: type[R], row: Row[Any]) -> R:
    return kind(**row._mapping)  # noqa: SLF001 - SQLAlchemy's public way to a row's fields
