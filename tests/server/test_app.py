"""What every response carries, the OpenAPI document, health, and the permission matrix."""

from __future__ import annotations

from typing import Any

import pytest

from pcc_cases.access import Action, Actor
from pcc_cases.adapters.unit_of_work import UnitOfWork
from pcc_cases.server.app import HANDLERS
from tests.org import PEOPLE_CSV, ROLE_ACTORS
from tests.server.helpers import Server, bearer
from tests.server.test_cases_api import record


def test_every_response_carries_the_security_headers(server: Server) -> None:
    token = server.token("vd-alk")
    answers = [
        server.client.get("/healthz"),
        server.client.get("/api/v1/openapi.json"),
        server.client.get("/api/v1/cases", headers=bearer(token)),
        server.client.get("/api/v1/cases"),  # 401
        server.client.get("/api/v1/nowhere"),  # 404
        server.client.put("/api/v1/cases", headers=bearer(token)),  # 405
    ]
    for answer in answers:
        csp = answer.headers["content-security-policy"]
        assert "frame-ancestors 'none'" in csp and "'unsafe-inline'" not in csp
        assert answer.headers["x-content-type-options"] == "nosniff"
        assert answer.headers["referrer-policy"] == "no-referrer"
        assert answer.headers["cache-control"] == "no-store"
    assert [a.status_code for a in answers] == [200, 200, 200, 401, 404, 405]
    assert all(a.headers["content-type"] == "application/problem+json" for a in answers[3:])


def test_the_openapi_document_is_3_1_and_describes_every_handler(server: Server) -> None:
    document = server.client.get("/api/v1/openapi.json").json()
    assert document["openapi"].startswith("3.1")
    paths = set(document["paths"])
    for handler in HANDLERS:
        for path in handler.paths:
            template = "/api/v1" + path.replace(":str}", "}").replace(":int}", "}")
            assert template in paths, template
    assert set(document["components"]["securitySchemes"]) == {"token", "session"}


def test_health_and_readiness(server: Server) -> None:
    assert server.client.get("/healthz").json() == {"status": "ok"}
    assert server.client.get("/readyz").json() == {"status": "ready"}


def test_readiness_fails_when_the_database_is_gone(server: Server) -> None:
    with server.engine.begin() as connection:
        connection.exec_driver_sql("DROP TABLE pcc_alembic_version")
    answer = server.client.get("/readyz")
    assert answer.status_code == 503
    assert answer.json()["code"] == "database-unavailable"


def test_an_unexpected_fault_gives_a_reference_and_no_message(server: Server) -> None:
    token = server.token("vd-alk")
    with server.engine.begin() as connection:
        connection.exec_driver_sql("DROP TABLE pcc_people")
    answer = server.client.get("/api/v1/people", headers=bearer(token))
    assert answer.status_code in (401, 500, 503)
    assert "pcc_people" not in answer.text and "Traceback" not in answer.text


EXPORTED = "the cases as exported"
ROLE_ENDPOINTS: list[tuple[str, str, Action, Any]] = [
    ("GET", "/api/v1/cases/{number}", Action.VIEW, None),
    ("POST", "/api/v1/cases/{number}/investigation", Action.HANDLE, {}),
    ("GET", "/api/v1/people", Action.VIEW_PEOPLE, None),
    ("POST", "/api/v1/people/import?dry_run=true", Action.IMPORT_PEOPLE, PEOPLE_CSV),
    ("GET", "/api/v1/reports/severity", Action.REPORT, None),
    ("GET", "/api/v1/reports/severity?suppression=false", Action.REPORT_UNSUPPRESSED, None),
    ("GET", "/api/v1/export/cases", Action.EXPORT_CASES, None),
    ("POST", "/api/v1/import/cases?dry_run=true", Action.IMPORT_CASES, EXPORTED),
    ("POST", "/api/v1/privacy/subject-access", Action.SUBJECT_ACCESS, {"person_id": "s-alk1"}),
    ("POST", "/api/v1/privacy/access-log/search", Action.READ_ACCESS_LOG, {}),
    ("POST", "/api/v1/privacy/purge-plans", Action.PURGE, {}),
    ("GET", "/api/v1/accounts", Action.MANAGE_ACCOUNTS, None),
    ("GET", "/api/v1/tokens", Action.MANAGE_ACCOUNTS, None),
]
"""Each endpoint that one action of the permission table guards, with a body it accepts."""


@pytest.mark.parametrize("via", ["token", "session"])
def test_each_role_gets_what_the_permission_table_gives_and_nothing_more(
    server: Server, via: str
) -> None:
    number = record(server, server.token("vd-alk"))
    with UnitOfWork(server.engine) as uow:
        case = uow.cases.get(number)
        offenders = uow.people.find_many(case.offender_ids)
        actors = {pid: Actor(uow.people.get(pid), uow.people.mentees(pid)) for pid in ROLE_ACTORS}
        actors["vd-ber"] = Actor(uow.people.get("vd-ber"))
    exporter = bearer(server.token("cvb1"))
    for person_id, actor in actors.items():
        client = server.new_client()
        headers: dict[str, str]
        if via == "token":
            headers = bearer(server.token(person_id))
        else:
            headers = {"X-CSRF-Token": server.enrol(person_id, client)}
        for method, template, action, body in ROLE_ENDPOINTS:
            path = template.format(number=number)
            if body is EXPORTED:  # the case as it is now: an import of it changes nothing
                exported = server.client.get("/api/v1/export/cases", headers=exporter).content
                answer = client.request(method, path, headers=headers, content=exported)
            elif isinstance(body, str):
                answer = client.request(method, path, headers=headers, content=body.encode())
            else:
                answer = client.request(method, path, headers=headers, json=body)
            if action in (Action.VIEW, Action.HANDLE):
                may = actor.may(action, case, offenders)
                sees = actor.may(Action.VIEW, case, offenders) or may
                expected = {200} if may else ({403, 409} if sees else {404})
                if may and action is Action.HANDLE:
                    expected = {200, 409}  # the first one starts it; a second is a conflict
            else:
                expected = {200, 201} if actor.may(action) else {403}
            assert answer.status_code in expected, (via, person_id, method, path, answer.text)


def test_the_docs_publish_the_openapi_document_the_server_serves() -> None:
    from tests.server.openapi_file import PATH, document

    assert PATH.read_text(encoding="utf-8") == document(), (
        "docs/openapi.json is out of date: python -m tests.server.openapi_file"
    )
