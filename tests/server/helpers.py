"""A server in-process with a clock the test moves, and ways to log in as anyone."""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import attrs
import pendulum
from litestar.testing import TestClient
from sqlalchemy import Engine

from pcc_cases.adapters.unit_of_work import UnitOfWork
from pcc_cases.domain.time import FixedClock
from pcc_cases.server import accounts, totp
from pcc_cases.server.app import create_app
from pcc_cases.server.config import CHEAP_HASHING, ServerSettings, SsoSettings
from pcc_cases.services.settings import Settings
from tests.org import NOW

PASSWORD = "een lang wachtwoord van mij"  # noqa: S105 - the tests' own


@attrs.define
class Server:
    """The app on a test database, its clock, and the TOTP secrets of enrolled accounts."""

    engine: Engine
    clock: FixedClock
    settings: ServerSettings
    client: TestClient[Any]
    secrets: dict[str, str] = attrs.field(factory=dict)

    @classmethod
    @contextmanager
    def start(
        cls,
        engine: Engine,
        base_url: str = "http://testserver.local",
        sso: SsoSettings | None = None,
        clock: FixedClock | None = None,
    ) -> Iterator[Server]:
        clock = clock or FixedClock(NOW)
        settings = ServerSettings(
            services=Settings(clock=clock), hashing=CHEAP_HASHING, failure_delay=0, sso=sso
        )
        with TestClient(create_app(engine, settings), base_url=base_url) as client:
            yield cls(engine, clock, settings, client)

    def new_client(self) -> TestClient[Any]:
        """Another browser: no cookies of the first."""
        return TestClient(self.client.app, base_url=str(self.client.base_url))

    def create_account(self, person_id: str, by: str = "cvb1") -> str:
        with UnitOfWork(self.engine, write=True) as uow:
            return accounts.create_account(uow, self.settings, by, person_id)

    def token(self, person_id: str, by: str = "cvb1", days: int = 30) -> str:
        expires = (self.clock.now + pendulum.duration(days=days)).date()
        with UnitOfWork(self.engine, write=True) as uow:
            token, _row = accounts.create_token(uow, self.settings, by, person_id, "test", expires)
        return token

    def code(self, person_id: str) -> str:
        """The code the person's authenticator app shows now."""
        return totp.code_at(self.secrets[person_id], self.clock.now)

    def next_code(self, person_id: str) -> str:
        """A code of the next time step (a code is accepted once)."""
        self.clock.advance(seconds=30)
        return self.code(person_id)

    def enrol(self, person_id: str, client: TestClient[Any] | None = None) -> str:
        """Create ``person_id``'s account and go through the first login; the CSRF token."""
        client = client or self.client
        first = self.create_account(person_id)
        answer = client.post("/api/v1/auth/login", json={"person_id": person_id, "password": first})
        assert answer.status_code == 201, answer.text
        assert answer.json()["stage"] == "enrol"
        uri = client.get("/api/v1/auth/enrolment").json()["otpauth_uri"]
        self.secrets[person_id] = secret_of(uri)
        done = client.post(
            "/api/v1/auth/enrolment",
            json={"new_password": PASSWORD, "code": self.code(person_id)},
            headers={"X-CSRF-Token": answer.json()["csrf_token"]},
        )
        assert done.status_code == 200, done.text
        csrf: str = done.json()["csrf_token"]
        return csrf

    def login(self, person_id: str, client: TestClient[Any] | None = None) -> str:
        """Log ``person_id`` (enrolled already) in; the CSRF token."""
        client = client or self.client
        answer = client.post(
            "/api/v1/auth/login",
            json={"person_id": person_id, "password": PASSWORD, "code": self.next_code(person_id)},
        )
        assert answer.status_code == 201, answer.text
        csrf: str = answer.json()["csrf_token"]
        return csrf

    def access_log(self, action: str | None = None) -> list[Any]:
        with UnitOfWork(self.engine) as uow:
            entries = uow.access_log.entries()
        return [e for e in entries if action is None or e.action == action]


def secret_of(uri: str) -> str:
    query = urllib.parse.parse_qs(urllib.parse.urlparse(uri).query)
    return query["secret"][0]


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


SET_COOKIE = re.compile(r"pcc_session=([^;]*)")
