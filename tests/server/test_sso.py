"""Single sign-on against a real OpenID provider on loopback (npm's oidc-provider):
the code flow with PKCE, the answer tied to the browser that asked, a code used once,
and only active staff let in.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from litestar.testing import TestClient
from sqlalchemy import Engine

from pcc_cases.server.config import SsoSettings
from tests.identity_provider import CLIENT_ID, HERE, Provider, running_provider
from tests.server.helpers import Server

BASE = "http://testserver.local"
CALLBACK = f"{BASE}/api/v1/auth/sso/callback"


@pytest.fixture(scope="module")
def provider() -> Iterator[Provider]:
    with running_provider(CALLBACK) as running:
        yield running


@pytest.fixture
def sso_server(server_engine: Engine, provider: Provider) -> Iterator[Server]:
    settings = SsoSettings(
        issuer=provider.issuer,
        client_id=CLIENT_ID,
        client_secret=provider.client_secret,
        redirect_uri=CALLBACK,
    )
    with Server.start(server_engine, base_url=BASE, sso=settings) as server:
        yield server


def answer_for(client: TestClient[Any], provider: Provider, login: str) -> str:
    """The callback address (path and query) the provider sends ``client``'s browser to."""
    start = client.get("/api/v1/auth/sso", follow_redirects=False)
    assert start.status_code == 303, start.text
    assert "code_challenge_method=S256" in start.headers["location"]
    back = urlsplit(provider.log_in(start.headers["location"], login))
    return f"{back.path}?{back.query}"


def test_a_director_logs_in_with_the_schools_account(
    sso_server: Server, provider: Provider
) -> None:
    client = sso_server.client
    answer = client.get(answer_for(client, provider, "vd-alk"))
    assert answer.status_code == 200, answer.text
    assert answer.json()["person_id"] == "vd-alk" and answer.json()["stage"] == "full"
    cookie = answer.headers.get_list("set-cookie")
    assert any(c.startswith("pcc_session=") and "HttpOnly" in c for c in cookie)
    assert any(c.startswith("pcc_sso=") and "Max-Age=0" in c for c in cookie)
    me = client.get("/api/v1/me")
    assert me.status_code == 200 and me.json()["id"] == "vd-alk"
    [entry] = sso_server.access_log("login")
    assert (entry.actor_id, entry.detail) == ("vd-alk", "single sign-on")


def test_an_answer_is_accepted_only_by_the_browser_that_asked(
    sso_server: Server, provider: Provider
) -> None:
    callback = answer_for(sso_server.client, provider, "vd-alk")
    stranger = sso_server.new_client()
    assert stranger.get(callback).status_code == 401  # no pending login at all
    answer_for(stranger, provider, "vd-alk")  # a login of its own, with its own state
    assert stranger.get(callback).status_code == 401
    refusals = sso_server.access_log("login-failed")
    assert [e.detail for e in refusals] == ["single sign-on: state"] * 2
    assert sso_server.client.get(callback).status_code == 200  # the right browser still can


def test_a_code_is_used_once(sso_server: Server, provider: Provider) -> None:
    callback = answer_for(sso_server.client, provider, "vd-alk")
    assert sso_server.client.get(callback).status_code == 200
    again = sso_server.client.get(callback)
    assert again.status_code == 401  # the pending cookie is gone, and the code spent


@pytest.mark.parametrize("login", ["s-alk1", "nobody-known", "vd-ber"])
def test_only_active_staff_get_in(
    sso_server: Server, provider: Provider, login: str, server_engine: Engine
) -> None:
    if login == "vd-ber":  # a director who has left
        from pcc_cases.adapters.unit_of_work import UnitOfWork

        with UnitOfWork(server_engine, write=True) as uow:
            person = uow.people.get("vd-ber")
            person.left_on = sso_server.clock.now.date()
            uow.commit()
    answer = sso_server.client.get(answer_for(sso_server.client, provider, login))
    assert answer.status_code == 401
    assert answer.json()["code"] == "not-authenticated"
    assert "pcc_session" not in sso_server.client.cookies


def test_the_provider_says_no(sso_server: Server) -> None:
    sso_server.client.get("/api/v1/auth/sso", follow_redirects=False)
    refused = sso_server.client.get("/api/v1/auth/sso/callback?error=access_denied&state=x")
    assert refused.status_code == 401
    assert sso_server.access_log("login-failed")[0].detail == "single sign-on: access_denied"


def test_without_a_provider_single_sign_on_is_not_found(server: Server) -> None:
    assert server.client.get("/api/v1/auth/sso", follow_redirects=False).status_code == 404


def test_the_providers_lock_file_names_no_download_addresses() -> None:
    lock = json.loads((HERE / "package-lock.json").read_text(encoding="utf-8"))
    packages: dict[str, Any] = lock["packages"]
    assert packages, "an empty lock file"
    assert not [name for name, p in packages.items() if "resolved" in p]
    assert all("integrity" in p for name, p in packages.items() if name)
    assert Path(HERE / ".gitignore").read_text(encoding="utf-8").strip() == "node_modules/"


def test_a_browser_goes_on_to_the_overview(sso_server: Server, provider: Provider) -> None:
    callback = answer_for(sso_server.client, provider, "vd-alk")
    answer = sso_server.client.get(
        callback, headers={"Accept": "text/html,application/xhtml+xml"}, follow_redirects=False
    )
    assert answer.status_code == 303 and answer.headers["location"] == "/"
    home = sso_server.client.get("/")
    assert home.status_code == 200 and "Vera" in home.text
