"""API tokens: made by cvb, shown once, kept as a hash, logged on use, revoked at once."""

from __future__ import annotations

import pendulum

from pcc_cases.adapters.credentials import CredentialStore
from pcc_cases.adapters.unit_of_work import UnitOfWork
from tests.server.helpers import Server, bearer

SERVICE_ACCOUNT = b"id,kind,first_name,last_name,location,class,mentor_id,roles,left_on\nsvc-adm,staff,Administratie,Koppeling,,,,cvb,\n"


def test_a_token_acts_as_its_service_account_and_every_use_is_logged(server: Server) -> None:
    token = server.token("vd-alk")
    answer = server.client.get("/api/v1/cases?state=reported", headers=bearer(token))
    assert answer.status_code == 200
    me = server.client.get("/api/v1/me", headers=bearer(token)).json()
    assert me["id"] == "vd-alk" and me["via"] == "token"
    uses = server.access_log("token-use")
    assert [e.actor_id for e in uses] == ["vd-alk", "vd-alk"]
    assert uses[0].detail.endswith("GET /api/v1/cases")  # the route, not the query string
    assert "state=" not in uses[0].detail


def test_a_token_write_needs_no_csrf_token_and_is_made_by_its_account(server: Server) -> None:
    token = server.token("vd-alk")
    answer = server.client.post(
        "/api/v1/cases",
        headers=bearer(token),
        json={
            "occurred_at": "2025-10-03T20:00:00+02:00",
            "platform": "instagram",
            "location": "Alkmaar",
            "summary": "Foto gedeeld",
            "offenders": ["s-alk1"],
            "clauses": ["2.1"],
        },
    )
    assert answer.status_code == 201
    assert answer.json()["events"][0]["actor_id"] == "vd-alk"


def test_only_the_hash_of_a_token_is_stored(server: Server) -> None:
    token = server.token("vd-alk")
    with UnitOfWork(server.engine) as uow:
        (row,) = CredentialStore(uow).tokens()
    secret = token.split("_", 2)[2]
    assert token.startswith(f"pcc_{row.id}_")
    assert secret not in row.secret_hash and len(row.secret_hash) == 64


def test_a_revoked_token_stops_working_at_once(server: Server) -> None:
    token = server.token("vd-alk")
    admin = server.token("cvb1")
    assert server.client.get("/api/v1/me", headers=bearer(token)).status_code == 200
    token_id = token.split("_")[1]
    revoked = server.client.post(f"/api/v1/tokens/{token_id}/revoke", headers=bearer(admin))
    assert revoked.status_code == 200 and revoked.json()["revoked_at"] is not None
    assert server.client.get("/api/v1/me", headers=bearer(token)).status_code == 401
    assert server.access_log("token-refused")[-1].detail == f"token {token_id} revoked"


def test_an_expired_token_and_a_made_up_one_are_refused(server: Server) -> None:
    token = server.token("vd-alk", days=2)
    server.clock.advance(days=2)
    assert server.client.get("/api/v1/me", headers=bearer(token)).status_code == 401
    for made_up in ("pcc_0123456789abcdef_x", "pcc_", "nonsense", token + "x", "pcc_a_b_c"):
        answer = server.client.get("/api/v1/me", headers=bearer(made_up))
        assert answer.status_code == 401
        assert answer.json()["code"] == "not-authenticated"
    basic = server.client.get("/api/v1/me", headers={"Authorization": "Basic dXNlcjpwdw=="})
    assert basic.status_code == 401


def test_a_token_of_someone_who_left_stops_working(server: Server) -> None:
    token = server.token("tl-alk")
    admin = server.token("cvb1")
    leaving = (
        b"id,kind,first_name,last_name,location,class,mentor_id,roles,left_on\n"
        b"tl-alk,staff,Tom,Leider,Alkmaar,,,teamleider,2025-10-01\n"
    )
    answer = server.client.post(
        "/api/v1/people/import",
        content=leaving,
        headers=bearer(admin) | {"Content-Type": "text/csv"},
    )
    assert answer.status_code == 200, answer.text
    assert server.client.get("/api/v1/me", headers=bearer(token)).status_code == 401


def test_cvb_makes_a_token_for_a_service_account_and_sees_it_listed(server: Server) -> None:
    admin = server.token("cvb1")
    imported = server.client.post(
        "/api/v1/people/import",
        content=SERVICE_ACCOUNT,
        headers=bearer(admin) | {"Content-Type": "text/csv"},
    )
    assert imported.json()["created"] == ["svc-adm"]
    expires = (server.clock.now + pendulum.duration(days=90)).date().isoformat()
    made = server.client.post(
        "/api/v1/tokens",
        headers=bearer(admin),
        json={"person_id": "svc-adm", "name": "Magister-koppeling", "expires_on": expires},
    )
    assert made.status_code == 201, made.text
    token = made.json()["token"]
    listed = server.client.get("/api/v1/tokens", headers=bearer(admin)).json()
    assert sorted(t["name"] for t in listed) == ["Magister-koppeling", "test"]
    assert all("secret" not in str(t) and token not in str(t) for t in listed)
    assert server.client.get("/api/v1/me", headers=bearer(token)).json()["id"] == "svc-adm"


def test_nobody_but_cvb_makes_or_lists_tokens(server: Server) -> None:
    for role_actor in ("vd-alk", "fg1", "tl-alk", "men-alk", "pr1"):
        token = server.token(role_actor)
        expires = (server.clock.now + pendulum.duration(days=9)).date().isoformat()
        made = server.client.post(
            "/api/v1/tokens",
            headers=bearer(token),
            json={"person_id": role_actor, "name": "mine", "expires_on": expires},
        )
        assert made.status_code == 403, role_actor
        assert server.client.get("/api/v1/tokens", headers=bearer(token)).status_code == 403
        assert server.client.get("/api/v1/accounts", headers=bearer(token)).status_code == 403


def test_a_token_must_expire_within_a_year(server: Server) -> None:
    admin = server.token("cvb1")
    for days in (0, -1, 367):
        expires = (server.clock.now + pendulum.duration(days=days)).date().isoformat()
        answer = server.client.post(
            "/api/v1/tokens",
            headers=bearer(admin),
            json={"person_id": "vd-alk", "name": "x", "expires_on": expires},
        )
        assert answer.status_code == 422 and answer.json()["field"] == "expires_on", days
