"""Local accounts: the first login, the second factor, lockout, and who may log in."""

from __future__ import annotations

import datetime as dt

from pcc_cases.adapters.credentials import CredentialStore
from pcc_cases.adapters.unit_of_work import UnitOfWork
from tests.server.helpers import PASSWORD, Server


def test_a_new_account_sets_its_own_password_and_second_factor_before_anything_else(
    server: Server,
) -> None:
    first = server.create_account("vd-alk")
    answer = server.client.post(
        "/api/v1/auth/login", json={"person_id": "vd-alk", "password": first}
    )
    assert answer.status_code == 201
    assert answer.json()["stage"] == "enrol"
    assert server.client.get("/api/v1/cases").status_code == 403  # not before enrolment
    enrolment = server.client.get("/api/v1/auth/enrolment").json()
    assert enrolment["otpauth_uri"].startswith("otpauth://totp/")
    assert enrolment["qr_svg"].startswith("<svg") and "<script" not in enrolment["qr_svg"]
    csrf = answer.json()["csrf_token"]
    wrong = server.client.post(
        "/api/v1/auth/enrolment",
        json={"new_password": PASSWORD, "code": "000000"},
        headers={"X-CSRF-Token": csrf},
    )
    assert wrong.status_code == 422 and wrong.json()["field"] == "code"
    short = server.client.post(
        "/api/v1/auth/enrolment",
        json={"new_password": "kort", "code": "123456"},
        headers={"X-CSRF-Token": csrf},
    )
    assert short.status_code == 422 and short.json()["field"] == "password"


def test_after_enrolment_a_login_needs_password_and_a_fresh_code(server: Server) -> None:
    server.enrol("vd-alk")
    other = server.new_client()
    no_code = other.post("/api/v1/auth/login", json={"person_id": "vd-alk", "password": PASSWORD})
    assert no_code.status_code == 401
    code = server.next_code("vd-alk")
    good = other.post(
        "/api/v1/auth/login", json={"person_id": "vd-alk", "password": PASSWORD, "code": code}
    )
    assert good.status_code == 201 and good.json()["stage"] == "full"
    replay = server.new_client().post(
        "/api/v1/auth/login", json={"person_id": "vd-alk", "password": PASSWORD, "code": code}
    )
    assert replay.status_code == 401  # a code is accepted once
    assert other.get("/api/v1/me").json()["id"] == "vd-alk"


def test_unknown_ids_wrong_passwords_and_people_who_left_get_the_same_answer(
    server: Server,
) -> None:
    server.enrol("vd-alk")
    server.create_account("left-tl")  # a teamleider who has left: may not log in
    answers = [
        server.new_client().post("/api/v1/auth/login", json=body)
        for body in (
            {"person_id": "nobody", "password": PASSWORD, "code": "123456"},
            {"person_id": "vd-alk", "password": "wrong password!", "code": "123456"},
            {"person_id": "vd-alk", "password": PASSWORD, "code": "000000"},
            {"person_id": "left-tl", "password": "whatever it is", "code": "123456"},
            {"person_id": "'; drop table x; --", "password": PASSWORD},
        )
    ]
    assert {a.status_code for a in answers} == {401}
    assert len({a.json()["detail"] for a in answers}) == 1
    assert all(a.headers["www-authenticate"].startswith("Bearer") for a in answers)
    failed = server.access_log("login-failed")
    assert [e.actor_id for e in failed] == [
        "nobody",
        "vd-alk",
        "vd-alk",
        "left-tl",
        "'; drop table x; --",
    ]
    assert not any(e.allowed for e in failed)


def test_five_failures_lock_the_account_for_fifteen_minutes(server: Server) -> None:
    server.enrol("tl-alk")
    for _ in range(5):
        wrong = server.new_client().post(
            "/api/v1/auth/login",
            json={"person_id": "tl-alk", "password": "not the password", "code": "1"},
        )
        assert wrong.status_code == 401
    locked = server.new_client().post(
        "/api/v1/auth/login",
        json={"person_id": "tl-alk", "password": PASSWORD, "code": server.next_code("tl-alk")},
    )
    assert locked.status_code == 401
    assert "09:15" in locked.json()["detail"] or "11:15" in locked.json()["detail"]
    server.clock.advance(minutes=15)
    server.login("tl-alk", server.new_client())
    with UnitOfWork(server.engine) as uow:
        account = CredentialStore(uow).account("tl-alk")
    assert account is not None and account.failed_logins == 0


def test_the_lock_doubles_with_each_further_failure_after_it(server: Server) -> None:
    server.enrol("tl-alk")
    for _ in range(6):  # five failures lock it; the sixth, while locked, changes nothing
        server.new_client().post(
            "/api/v1/auth/login", json={"person_id": "tl-alk", "password": "x" * 12}
        )
    server.clock.advance(minutes=16)
    server.new_client().post(
        "/api/v1/auth/login", json={"person_id": "tl-alk", "password": "x" * 12}
    )
    with UnitOfWork(server.engine) as uow:
        account = CredentialStore(uow).account("tl-alk")
    assert account is not None and account.locked_until is not None
    assert account.locked_until - server.clock.now == dt.timedelta(minutes=30)


def test_passwords_are_stored_as_argon2id_hashes_only(server: Server) -> None:
    server.enrol("vd-alk")
    with UnitOfWork(server.engine) as uow:
        account = CredentialStore(uow).account("vd-alk")
    assert account is not None
    assert account.password_hash.startswith("$argon2id$")
    assert PASSWORD not in account.password_hash


def test_every_login_and_logout_is_in_the_access_log(server: Server) -> None:
    csrf = server.enrol("vd-alk")
    answer = server.client.post("/api/v1/auth/logout", headers={"X-CSRF-Token": csrf})
    assert answer.status_code == 204
    assert server.client.get("/api/v1/me").status_code == 401
    actions = [(e.actor_id, e.action, e.allowed) for e in server.access_log()]
    assert ("vd-alk", "login", True) in actions
    assert ("vd-alk", "enrol", True) in actions
    assert actions[-1] == ("vd-alk", "logout", True)
