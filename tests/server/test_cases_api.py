"""A case through the API, scope as 404, problem details, paging and searching by body."""

from __future__ import annotations

from typing import Any

from tests.server.helpers import Server, bearer

PHOTO = {
    "occurred_at": "2025-10-03T20:00:00+02:00",
    "platform": "instagram",
    "location": "Alkmaar",
    "summary": "Foto gedeeld",
    "offenders": ["s-alk1"],
    "clauses": ["2.1"],
}


def record(server: Server, token: str, **fields: Any) -> str:
    answer = server.client.post("/api/v1/cases", headers=bearer(token), json=PHOTO | fields)
    assert answer.status_code == 201, answer.text
    number: str = answer.json()["number"]
    return number


def test_a_director_handles_a_case_from_report_to_closing(server: Server) -> None:
    token = server.token("vd-alk")
    number = record(server, token)
    base = f"/api/v1/cases/{number}"
    steps: list[tuple[str, dict[str, Any]]] = [
        ("/investigation", {}),
        ("/assessments", {"offender_id": "s-alk1", "factors": {}}),
    ]
    for path, body in steps:
        answer = server.client.post(base + path, headers=bearer(token), json=body)
        assert answer.status_code == 200, (path, answer.text)
    advice = server.client.get(base + "/recommendation", headers=bearer(token)).json()
    assert advice[0]["offender_id"] == "s-alk1" and advice[0]["step"]
    decided = server.client.post(
        base + "/decisions",
        headers=bearer(token),
        json={"offender_id": "s-alk1", "step": advice[0]["step"]},
    )
    assert decided.status_code == 200, decided.text
    assert decided.json()["state"] == "decided"
    duties = server.client.get("/api/v1/obligations", headers=bearer(token)).json()["items"]
    for duty in duties:
        seq = duty["id"].split("/")[1]
        done = server.client.post(
            f"{base}/obligations/{seq}/completion", headers=bearer(token), json={}
        )
        assert done.status_code == 200, done.text
    closed = server.client.post(base + "/close", headers=bearer(token), json={})
    assert closed.status_code == 200, closed.text
    assert closed.json()["state"] == "closed"
    shown = server.client.get(base, headers=bearer(token)).json()
    kinds = [e["kind"] for e in shown["events"]]
    assert kinds[0] == "recorded" and kinds[-1] == "closed"
    assert {e["actor_id"] for e in shown["events"]} == {"vd-alk"}


def test_a_case_out_of_scope_is_not_found_exactly_as_one_that_does_not_exist(
    server: Server,
) -> None:
    number = record(server, server.token("vd-alk"))
    other = server.token("vd-ber")
    hidden = server.client.get(f"/api/v1/cases/{number}", headers=bearer(other))
    missing = server.client.get("/api/v1/cases/2025-9999", headers=bearer(other))
    assert hidden.status_code == missing.status_code == 404
    assert hidden.json().keys() == missing.json().keys()
    assert hidden.json()["detail"].replace(number, "N") == missing.json()["detail"].replace(
        "2025-9999", "N"
    )
    for path in ("/investigation", "/close"):
        write = server.client.post(f"/api/v1/cases/{number}{path}", headers=bearer(other), json={})
        assert write.status_code == 404
    assert "Sem" not in hidden.text and "s-alk1" not in hidden.text


def test_a_mentor_sees_the_cases_of_their_own_students_only(server: Server) -> None:
    own = record(server, server.token("vd-alk"))
    elsewhere = record(server, server.token("vd-alk"), offenders=["s-alk3"])
    mentor = server.token("men-alk")
    listed = server.client.get("/api/v1/cases", headers=bearer(mentor)).json()["items"]
    assert [c["number"] for c in listed] == [own]
    assert (
        server.client.get(f"/api/v1/cases/{elsewhere}", headers=bearer(mentor)).status_code == 404
    )


def test_bad_input_names_the_field_and_the_allowed_values_in_dutch_or_english(
    server: Server,
) -> None:
    token = server.token("vd-alk")
    answer = server.client.post(
        "/api/v1/cases", headers=bearer(token), json=PHOTO | {"platform": "myspace"}
    )
    assert answer.status_code == 422
    assert answer.headers["content-type"] == "application/problem+json"
    body = answer.json()
    assert body["code"] == "invalid-input" and body["type"].endswith(":invalid-input")
    assert "instagram" in body["detail"]
    english = server.client.get(
        "/api/v1/cases?state=open", headers=bearer(token) | {"Accept-Language": "en-GB,nl;q=0.5"}
    )
    dutch = server.client.get("/api/v1/cases?state=open", headers=bearer(token))
    assert english.json()["field"] == dutch.json()["field"] == "state"
    assert "is not one of" in english.json()["detail"]
    assert english.json()["detail"] != dutch.json()["detail"]
    naive = server.client.post(
        "/api/v1/cases", headers=bearer(token), json=PHOTO | {"occurred_at": "2025-10-03T20:00:00"}
    )
    assert naive.status_code == 422 and naive.json()["code"] == "time-input"
    wrong_type = server.client.post(
        "/api/v1/cases", headers=bearer(token), json=PHOTO | {"offenders": "s-alk1"}
    )
    assert wrong_type.status_code == 422
    assert wrong_type.json()["problems"][0]["field"] == "offenders"


def test_lists_come_in_pages(server: Server) -> None:
    token = server.token("vd-alk")
    numbers = [record(server, token) for _ in range(5)]
    seen: list[str] = []
    offset: int | None = 0
    while offset is not None:
        page = server.client.get(
            f"/api/v1/cases?limit=2&offset={offset}", headers=bearer(token)
        ).json()
        seen += [c["number"] for c in page["items"]]
        offset = page["next_offset"]
    assert seen == numbers
    bad = server.client.get("/api/v1/cases?limit=0", headers=bearer(token))
    assert bad.status_code == 422


def test_names_are_searched_in_the_body_never_in_the_address(server: Server) -> None:
    token = server.token("vd-alk")
    number = record(server, token)
    found = server.client.post(
        "/api/v1/cases/search", headers=bearer(token), json={"text": "de vries"}
    ).json()
    assert [c["number"] for c in found["items"]] == [number]
    people = server.client.post(
        "/api/v1/people/search", headers=bearer(token), json={"text": "sem"}
    ).json()
    assert [p["id"] for p in people["items"]] == ["s-alk1"]
    assert "search" not in str(server.client.app.openapi_schema.paths["/api/v1/people"])


def test_a_school_year_beyond_any_calendar_is_refused_by_name(server: Server) -> None:
    answer = server.client.get(
        "/api/v1/cases", params={"school_year": 10**30}, headers=bearer(server.token("vd-alk"))
    )
    assert answer.status_code == 422, answer.text
    assert answer.json()["field"] == "school_year"
