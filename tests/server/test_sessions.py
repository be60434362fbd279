"""Browser sessions: cookie flags, CSRF, fixation, expiry, and ending them at once."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine

from tests.server.helpers import SET_COOKIE, Server


def test_the_session_cookie_is_httponly_strict_and_secure_over_tls(
    server_engine: Engine,
) -> None:
    with Server.start(server_engine, base_url="https://testserver.local") as tls:
        first = tls.create_account("vd-alk")
        answer = tls.client.post(
            "/api/v1/auth/login", json={"person_id": "vd-alk", "password": first}
        )
    cookie = answer.headers["set-cookie"]
    assert (
        "HttpOnly" in cookie
        and "SameSite=strict" in cookie.replace("Strict", "strict")
        and "Secure" in cookie
    )
    assert "Path=/" in cookie and "Max-Age" not in cookie and "expires" not in cookie.lower()
    assert answer.headers["strict-transport-security"].startswith("max-age=")


def test_over_plain_http_the_cookie_is_not_marked_secure(server: Server) -> None:
    first = server.create_account("vd-alk")
    answer = server.client.post(
        "/api/v1/auth/login", json={"person_id": "vd-alk", "password": first}
    )
    assert "Secure" not in answer.headers["set-cookie"]
    assert "strict-transport-security" not in answer.headers


@pytest.mark.parametrize("header", [None, "", "wrong", "x" * 43])
def test_a_write_over_a_session_without_its_csrf_token_is_refused(
    server: Server, header: str | None
) -> None:
    server.enrol("vd-alk")
    headers = {} if header is None else {"X-CSRF-Token": header}
    answer = server.client.post("/api/v1/cases/2025-0001/investigation", json={}, headers=headers)
    assert answer.status_code == 403
    assert answer.json()["field"] == "X-CSRF-Token"


def test_a_write_with_the_csrf_token_goes_through(server: Server) -> None:
    csrf = server.enrol("vd-alk")
    answer = server.client.post(
        "/api/v1/cases",
        json=photo_case(),
        headers={"X-CSRF-Token": csrf},
    )
    assert answer.status_code == 201, answer.text
    assert answer.json()["events"][0]["actor_id"] == "vd-alk"


def test_logging_in_gives_a_new_session_id_whatever_cookie_came_with_it(
    server: Server,
) -> None:
    server.enrol("vd-alk")
    before = server.client.cookies.get("pcc_session")
    browser = server.new_client()
    browser.cookies.set("pcc_session", "chosen-by-an-attacker", domain="testserver.local")
    server.login("vd-alk", browser)
    after = browser.cookies.get("pcc_session")
    assert after not in (before, "chosen-by-an-attacker")
    assert server.client.get("/api/v1/me").status_code == 200  # another login ends no other
    planted = server.new_client()
    planted.cookies.set("pcc_session", "chosen-by-an-attacker")
    assert planted.get("/api/v1/me").status_code == 401


def test_enrolment_replaces_the_session_so_the_password_only_one_stops_working(
    server: Server,
) -> None:
    first = server.create_account("vd-alk")
    answer = server.client.post(
        "/api/v1/auth/login", json={"person_id": "vd-alk", "password": first}
    )
    enrol_cookie = SET_COOKIE.search(answer.headers["set-cookie"])
    assert enrol_cookie is not None
    server.client.cookies.clear()
    server.client.cookies.set("pcc_session", enrol_cookie.group(1))
    from tests.server.helpers import PASSWORD, secret_of

    uri = server.client.get("/api/v1/auth/enrolment").json()["otpauth_uri"]
    server.secrets["vd-alk"] = secret_of(uri)
    server.client.post(
        "/api/v1/auth/enrolment",
        json={"new_password": PASSWORD, "code": server.code("vd-alk")},
        headers={"X-CSRF-Token": answer.json()["csrf_token"]},
    )
    old = server.new_client()
    old.cookies.set("pcc_session", enrol_cookie.group(1))
    assert old.get("/api/v1/auth/session").status_code == 401
    assert server.client.get("/api/v1/me").status_code == 200


def test_a_session_ends_after_thirty_idle_minutes(server: Server) -> None:
    server.enrol("vd-alk")
    server.clock.advance(minutes=29)
    assert server.client.get("/api/v1/me").status_code == 200
    server.clock.advance(minutes=30, seconds=1)
    assert server.client.get("/api/v1/me").status_code == 401


def test_a_busy_session_still_ends_twelve_hours_after_its_login(server: Server) -> None:
    server.enrol("vd-alk")
    for _ in range(24):  # 11 hours and 36 minutes, never idle for 30
        server.clock.advance(minutes=29)
        assert server.client.get("/api/v1/me").status_code == 200
    server.clock.advance(minutes=29)
    assert server.client.get("/api/v1/me").status_code == 401


def test_disabling_an_account_ends_its_sessions_at_once(server: Server) -> None:
    server.enrol("vd-alk")
    admin = server.new_client()
    csrf = server.enrol("cvb1", admin)
    assert server.client.get("/api/v1/me").status_code == 200
    answer = admin.post("/api/v1/accounts/vd-alk/disable", headers={"X-CSRF-Token": csrf})
    assert answer.status_code == 204
    assert server.client.get("/api/v1/me").status_code == 401
    again = server.new_client().post(
        "/api/v1/auth/login",
        json={"person_id": "vd-alk", "password": "een lang wachtwoord van mij", "code": "1"},
    )
    assert again.status_code == 401


def test_a_reset_ends_sessions_and_asks_for_a_new_second_factor(server: Server) -> None:
    server.enrol("vd-alk")
    admin = server.new_client()
    csrf = server.enrol("cvb1", admin)
    answer = admin.post("/api/v1/accounts/vd-alk/reset", headers={"X-CSRF-Token": csrf})
    assert answer.status_code == 200
    assert server.client.get("/api/v1/me").status_code == 401
    login = server.new_client().post(
        "/api/v1/auth/login",
        json={"person_id": "vd-alk", "password": answer.json()["one_time_password"]},
    )
    assert login.status_code == 201 and login.json()["stage"] == "enrol"


def photo_case() -> dict[str, object]:
    return {
        "occurred_at": "2025-10-03T20:00:00+02:00",
        "platform": "instagram",
        "location": "Alkmaar",
        "summary": "Foto gedeeld",
        "offenders": ["s-alk1"],
        "clauses": ["2.1"],
    }
