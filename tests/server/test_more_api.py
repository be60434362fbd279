"""The rest of the API: the less common steps, letters, reports, export and import, and
the privacy officer's endpoints, each by a caller the permission table allows.
"""

from __future__ import annotations

import hashlib
import io
import json
from typing import Any

import openpyxl

from tests.server.helpers import Server, bearer
from tests.server.test_cases_api import record

API = "/api/v1"


def post(server: Server, token: str, path: str, body: Any = None) -> Any:
    answer = server.client.post(
        API + path, headers=bearer(token), json={} if body is None else body
    )
    assert answer.status_code in (200, 201), (path, answer.text)
    return answer


def decided_suspension(server: Server, token: str) -> str:
    number = record(server, token, offenders=["s-alk1", "s-alk2"])
    post(server, token, f"/cases/{number}/investigation")
    for offender in ("s-alk1", "s-alk2"):
        post(
            server, token, f"/cases/{number}/assessments", {"offender_id": offender, "factors": {}}
        )
    removed = post(
        server,
        token,
        f"/cases/{number}/involvements/removal",
        {"person_id": "s-alk2", "role": "offender", "reason": "Was er niet bij"},
    ).json()
    assert removed["involvements"] == [{"person_id": "s-alk1", "role": "offender"}]
    post(
        server,
        token,
        f"/cases/{number}/decisions",
        {"offender_id": "s-alk1", "step": "suspension", "days": 2, "reason": "Ernstig"},
    )
    return number


def test_a_decision_letter_is_a_pdf_whose_hash_the_case_keeps(server: Server) -> None:
    token = server.token("vd-alk")
    number = decided_suspension(server, token)
    duties = server.client.get(f"{API}/obligations", headers=bearer(token)).json()["items"]
    decision = next(d for d in duties if d["case"] == number and d["kind"] == "written-decision")
    seq = decision["id"].split("/")[1]
    answer = post(
        server, token, f"/cases/{number}/obligations/{seq}/letter", {"sent_on": "2025-10-06"}
    )
    assert answer.headers["content-type"] == "application/pdf"
    assert answer.content.startswith(b"%PDF")
    assert answer.headers["x-content-sha256"] == hashlib.sha256(answer.content).hexdigest()
    assert "attachment" in answer.headers["content-disposition"]
    case = server.client.get(f"{API}/cases/{number}", headers=bearer(token)).json()
    [kept] = [e["data"] for e in case["events"] if e["kind"] == "letter_issued"]
    assert kept["sha256"] == answer.headers["x-content-sha256"] and kept["language"] == "nl"
    assert next(o for o in case["obligations"] if o["seq"] == int(seq))["done_on"] == "2025-10-06"
    english = server.client.post(
        f"{API}/cases/{number}/obligations/{seq}/letter",
        headers=bearer(token) | {"Accept-Language": "en"},
        json={},
    )
    assert english.status_code == 200 and english.content != answer.content


def test_a_clause_withdrawn_and_a_takedown_recorded(server: Server) -> None:
    token = server.token("vd-alk")
    number = record(
        server,
        token,
        clauses=["2.1", "6.1"],
        evidence=[
            {
                "kind": "link",
                "reference": "https://example.org/post/1",
                "captured_at": "2025-10-03T21:00:00+02:00",
            }
        ],
    )
    case = post(
        server,
        token,
        f"/cases/{number}/citations/withdrawal",
        {"offender_id": "s-alk1", "clause_id": "6.1", "reason": "Niet van toepassing"},
    ).json()
    assert [c["clause_id"] for c in case["violations"]] == ["2.1"]
    case = post(
        server, token, f"/cases/{number}/evidence/1/takedown", {"asked_on": "2025-10-04"}
    ).json()
    assert case["evidence"][0]["takedown_asked_on"] == "2025-10-04"
    wrong = server.client.post(
        f"{API}/cases/{number}/evidence/1/takedown", headers=bearer(token), json={}
    )
    assert wrong.status_code == 422 and wrong.headers["content-type"] == "application/problem+json"


def test_an_expulsion_is_prepared_and_the_hearing_recorded(server: Server) -> None:
    token = server.token("cvb1")
    number = record(server, server.token("vd-alk"))
    post(server, token, f"/cases/{number}/assessments", {"offender_id": "s-alk1", "factors": {}})
    post(
        server,
        token,
        f"/cases/{number}/preparations",
        {"offender_id": "s-alk1", "step": "expulsion"},
    )
    case = post(
        server,
        token,
        f"/cases/{number}/hearings",
        {
            "offender_id": "s-alk1",
            "held_on": "2025-10-06",
            "heard": ["student", "parents", "teachers"],
            "attendees": "CvB, directeur, leerling, ouders",
            "views": "Gehoord",
        },
    ).json()
    hearing = case["hearings"][-1]
    assert hearing["student_heard"] and hearing["parents_heard"] and hearing["teachers_heard"]


def test_the_severity_report_in_each_format(server: Server) -> None:
    record(server, server.token("vd-alk"))
    token = server.token("cvb1")
    answers = {
        fmt: server.client.get(
            f"{API}/reports/severity",
            params={"format": fmt, "suppression": "false"},
            headers=bearer(token),
        )
        for fmt in ("json", "csv", "xlsx", "html")
    }
    assert all(a.status_code == 200 for a in answers.values()), {
        k: a.text for k, a in answers.items()
    }
    assert answers["json"].json()["report"] == "severity"
    assert answers["csv"].headers["content-type"].startswith("text/csv")
    workbook = openpyxl.load_workbook(io.BytesIO(answers["xlsx"].content))
    assert workbook.sheetnames
    assert answers["html"].text.lstrip().lower().startswith("<!doctype html")
    assert "attachment" in answers["html"].headers["content-disposition"]


def test_a_half_given_period_names_the_missing_field(server: Server) -> None:
    answer = server.client.get(
        f"{API}/reports/severity",
        params={"from": "2025-08-01", "suppression": "false"},
        headers=bearer(server.token("cvb1")),
    )
    assert answer.status_code == 422
    assert answer.json()["field"] == "to" and "from" in answer.json()["detail"]


def test_cases_go_out_and_come_back_in(server: Server) -> None:
    number = record(server, server.token("vd-alk"))
    token = server.token("cvb1")
    exported = server.client.get(f"{API}/export/cases", headers=bearer(token))
    assert exported.headers["content-type"].startswith("application/jsonl")
    assert json.loads(exported.text.splitlines()[0])["number"] == number
    again = server.client.post(
        f"{API}/import/cases", headers=bearer(token), content=exported.content
    )
    assert again.json() == {"created": [], "unchanged": 1, "dry_run": False}
    garbled = server.client.post(
        f"{API}/import/cases", headers=bearer(token), content=b"\xff\xfe{}"
    )
    assert garbled.status_code == 422 and garbled.json()["field"] == "body"


def test_subject_access_by_the_privacy_officer_keeps_the_id_out_of_the_address(
    server: Server,
) -> None:
    record(server, server.token("vd-alk"))
    token = server.token("fg1")
    answer = post(server, token, "/privacy/subject-access", {"person_id": "s-alk1"})
    data = answer.json()
    assert data["person"]["id"] == "s-alk1" and len(data["cases"]) == 1
    page = post(server, token, "/privacy/subject-access", {"person_id": "s-alk1", "format": "html"})
    assert page.headers["content-type"].startswith("text/html") and "s-alk1" in page.text
    log = post(server, token, "/privacy/access-log/search", {"person_id": "s-alk1"}).json()
    assert any(e["action"] == "subject-access" and e["actor_id"] == "fg1" for e in log), log


def test_a_purge_needs_a_second_person(server: Server) -> None:
    first, second = server.token("fg1"), server.token("cvb1")
    plan = post(server, first, "/privacy/purge-plans").json()
    assert set(plan) == {"plan", "as_of", "digest", "access_log_entries", "people"}
    own = server.client.post(
        f"{API}/privacy/purge-plans/{plan['plan']}/confirmation", headers=bearer(first)
    )
    assert own.status_code == 403
    done = post(server, second, f"/privacy/purge-plans/{plan['plan']}/confirmation", None)
    assert done.json()["plan"] == plan["plan"]
    twice = server.client.post(
        f"{API}/privacy/purge-plans/{plan['plan']}/confirmation", headers=bearer(second)
    )
    assert twice.status_code == 409
