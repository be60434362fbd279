"""The pages in-process: logging in with a form, the overview, a case, duties, and the
rules every page keeps (the CSRF token, scope as "not found", no names in titles).
"""

from __future__ import annotations

import re
from typing import Any

from litestar.testing import TestClient

from tests.server.helpers import PASSWORD, Server, bearer
from tests.server.test_cases_api import record

TITLE = re.compile(r"<title>(.*?)</title>", re.DOTALL)
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def log_in_by_form(server: Server, person_id: str, client: TestClient[Any] | None = None) -> str:
    """Enrol ``person_id`` through the pages (first login, QR, own password); the CSRF token."""
    client = client or server.client
    first = server.create_account(person_id)
    answer = client.post(
        "/login",
        data={"person_id": person_id, "password": first, "code": ""},
        follow_redirects=False,
    )
    assert answer.status_code == 303 and answer.headers["location"] == "/enrolment"
    page = client.get("/enrolment")
    assert page.status_code == 200, page.text
    uri = re.search(r"<code>([A-Z2-7]+)</code>", page.text)
    assert uri
    server.secrets[person_id] = uri.group(1)
    token = CSRF.search(page.text)
    assert token
    done = client.post(
        "/enrolment",
        data={
            "csrf_token": token.group(1),
            "new_password": PASSWORD,
            "code": server.code(person_id),
        },
        follow_redirects=False,
    )
    assert done.status_code == 303 and done.headers["location"] == "/", done.text
    home = client.get("/")
    found = CSRF.search(home.text)
    assert home.status_code == 200 and found
    return found.group(1)


def test_a_director_logs_in_and_sees_the_overview_in_dutch(server: Server) -> None:
    number = record(server, server.token("vd-alk"))
    log_in_by_form(server, "vd-alk")
    home = server.client.get("/")
    assert '<html lang="nl">' in home.text
    assert "Mijn overzicht" in TITLE.search(home.text).group(1)  # type: ignore[union-attr]
    assert f'href="/cases/{number}"' in home.text
    english = server.client.get("/", headers={"Accept-Language": "en"})
    assert "My overview" in english.text


def test_a_wrong_code_does_not_log_in(server: Server) -> None:
    log_in_by_form(server, "vd-alk")
    fresh = server.new_client()
    wrong = fresh.post(
        "/login", data={"person_id": "vd-alk", "password": PASSWORD, "code": "000000"}
    )
    assert wrong.status_code == 401
    assert 'role="alert"' in wrong.text and "pcc_session" not in fresh.cookies
    assert (
        fresh.get("/").status_code == 303
        or fresh.get("/", follow_redirects=False).headers["location"] == "/login"
    )


def test_a_page_without_a_session_sends_the_browser_to_the_login(server: Server) -> None:
    answer = server.new_client().get("/duties", follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"] == "/login"


def test_the_case_page_shows_the_case_and_its_title_only_the_number(server: Server) -> None:
    number = record(server, server.token("vd-alk"))
    log_in_by_form(server, "vd-alk")
    page = server.client.get(f"/cases/{number}")
    assert page.status_code == 200, page.text
    title = TITLE.search(page.text).group(1)  # type: ignore[union-attr]
    assert number in title and "Isabel" not in title and "s-alk1" not in title
    assert "Foto gedeeld" in page.text and "2.1" in page.text


def test_a_case_out_of_scope_is_not_found_like_one_that_does_not_exist(server: Server) -> None:
    number = record(server, server.token("vd-alk"))
    log_in_by_form(server, "vd-ber")
    other = server.client.get(f"/cases/{number}")
    missing = server.client.get("/cases/2099-9999")
    assert other.status_code == missing.status_code == 404
    assert other.text.replace(number, "N") == missing.text.replace("2099-9999", "N")


def test_a_form_without_its_csrf_token_is_refused(server: Server) -> None:
    number = record(server, server.token("vd-alk"))
    token = bearer(server.token("vd-alk"))
    for path, body in (
        ("/investigation", {}),
        ("/assessments", {"offender_id": "s-alk1", "factors": {}}),
    ):
        server.client.post(f"/api/v1/cases/{number}{path}", headers=token, json=body)
    server.client.post(
        f"/api/v1/cases/{number}/decisions",
        headers=token,
        json={"offender_id": "s-alk1", "step": "suspension", "days": 2, "reason": "Ernstig"},
    )
    csrf = log_in_by_form(server, "vd-alk")
    refused = server.client.post(f"/cases/{number}/duties/1/done", data={})
    assert refused.status_code == 403
    other_site = server.client.post(
        f"/cases/{number}/duties/1/done",
        data={"csrf_token": csrf},
        headers={"Origin": "https://evil.example"},
    )
    assert other_site.status_code == 403
    done = server.client.post(
        f"/cases/{number}/duties/1/done",
        data={"csrf_token": csrf, "back": "/duties"},
        follow_redirects=False,
    )
    assert done.status_code == 303 and done.headers["location"] == "/duties"
    page = server.client.get(f"/cases/{number}")
    decision = re.search(r'action="(/cases/[^"]+/duties/(\d+)/letter)"', page.text)
    assert decision, page.text
    letter = server.client.post(decision.group(1), data={"csrf_token": csrf})
    assert letter.status_code == 200, letter.text
    assert letter.content.startswith(b"%PDF")


def test_duties_list_overdue_first_and_logout_ends_the_session(server: Server) -> None:
    log_in_by_form(server, "vd-alk")
    page = server.client.get("/duties")
    assert page.status_code == 200
    csrf = CSRF.search(page.text).group(1)  # type: ignore[union-attr]
    out = server.client.post("/logout", data={"csrf_token": csrf}, follow_redirects=False)
    assert out.status_code == 303 and out.headers["location"] == "/login"
    assert server.client.get("/duties", follow_redirects=False).status_code == 303


def test_pages_carry_the_security_headers_and_load_only_their_own_files(server: Server) -> None:
    page = server.client.get("/login")
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert "<style" not in page.text and "style=" not in page.text
    scripts = re.findall(r"<script[^>]*>", page.text)
    assert scripts == ['<script src="/static/pcc.js" defer>'], scripts  # no inline script
    css = server.client.get("/static/pcc.css")
    assert css.status_code == 200 and "@media print" in css.text
    script = server.client.get("/static/pcc.js")
    assert script.status_code == 200 and "crypto.subtle" in script.text


REPORT = {
    "date": "2025-10-03",
    "time": "20:00",
    "platform": "instagram",
    "location": "Alkmaar",
    "summary": "Foto gedeeld",
    "offenders": ["s-alk1"],
    "clauses": ["2.1"],
}


def test_a_mentor_records_an_incident_for_their_own_student(server: Server) -> None:
    csrf = log_in_by_form(server, "men-alk")
    form = server.client.get("/cases/new")
    assert form.status_code == 200 and 'name="offenders"' in form.text
    assert 'value="s-ber1"' not in form.text  # only the people the mentor may see
    sent = server.client.post(
        "/cases/new", data=REPORT | {"csrf_token": csrf}, follow_redirects=False
    )
    assert sent.status_code == 303, sent.text
    case = server.client.get(sent.headers["location"])
    assert case.status_code == 200 and "Foto gedeeld" in case.text


def test_a_mistake_keeps_what_was_typed_and_names_the_field(server: Server) -> None:
    csrf = log_in_by_form(server, "vd-alk")
    sent = server.client.post(
        "/cases/new",
        data=REPORT | {"csrf_token": csrf, "summary": "Een lang verhaal", "clauses": []},
    )
    assert sent.status_code == 422
    assert 'role="alert"' in sent.text and "Een lang verhaal" in sent.text
    assert 'value="s-alk1" selected' in sent.text


def test_a_typed_file_fingerprint_is_kept_and_a_wrong_one_named(server: Server) -> None:
    csrf = log_in_by_form(server, "vd-alk")
    wrong = server.client.post(
        "/cases/new", data=REPORT | {"csrf_token": csrf, "evidence_hash": "abc123"}
    )
    assert wrong.status_code == 422 and "SHA-256" in wrong.text and 'value="abc123"' in wrong.text
    fingerprint = "ab" * 32
    sent = server.client.post(
        "/cases/new",
        data=REPORT | {"csrf_token": csrf, "evidence_hash": fingerprint.upper(),
                       "evidence_link": "https://www.instagram.com/p/xyz"},
        follow_redirects=True,
    )  # fmt: skip
    assert sent.status_code == 200 and f"<code>{fingerprint}</code>" in sent.text
    assert 'href="https://www.instagram.com/p/xyz"' in sent.text


def test_the_severity_and_recommendation_are_shown_before_saving(server: Server) -> None:
    csrf = log_in_by_form(server, "vd-alk")
    token = server.token("vd-alk")
    shown = server.client.post(
        "/cases/new",
        data=REPORT | {"csrf_token": csrf, "preview": "1", "reach": "public", "summary": ""},
    )
    assert shown.status_code == 200, shown.text
    assert "Ernst en advies (nog niet opgeslagen)" in shown.text
    assert "+1 voor het bereik" in shown.text and "0 eerdere zaken" in shown.text
    listed = server.client.get("/api/v1/cases", headers=bearer(token)).json()
    assert listed["items"] == []  # nothing was recorded
    other = server.client.post(
        "/cases/new",
        data=REPORT | {"csrf_token": csrf, "preview": "1", "offenders": ["s-ber1"]},
    )
    assert other.status_code in (403, 422) and "Emma" not in other.text


def test_the_autumn_hour_asks_which_of_the_two_was_meant(server: Server) -> None:
    csrf = log_in_by_form(server, "vd-alk")
    autumn = REPORT | {"csrf_token": csrf, "date": "2024-10-27", "time": "02:30"}
    asked = server.client.post("/cases/new", data=autumn)
    assert asked.status_code == 422 and 'name="fold"' in asked.text
    chosen = server.client.post("/cases/new", data=autumn | {"fold": "1"}, follow_redirects=False)
    assert chosen.status_code == 303, chosen.text


def test_a_report_without_its_csrf_token_is_refused(server: Server) -> None:
    log_in_by_form(server, "vd-alk")
    refused = server.client.post("/cases/new", data=REPORT)
    assert refused.status_code == 403


def assessed_case(server: Server) -> str:
    number = record(server, server.token("vd-alk"))
    token = bearer(server.token("vd-alk"))
    for path, body in (
        ("/investigation", {}),
        ("/assessments", {"offender_id": "s-alk1", "factors": {"reach": "public"}}),
    ):
        answer = server.client.post(f"/api/v1/cases/{number}{path}", headers=token, json=body)
        assert answer.status_code == 200, answer.text
    return number


def test_a_director_decides_a_two_day_suspension_on_the_case_page(server: Server) -> None:
    number = assessed_case(server)
    csrf = log_in_by_form(server, "vd-alk")
    page = server.client.get(f"/cases/{number}")
    assert 'action="/cases/' + number + '/decision"' in page.text
    decided = server.client.post(
        f"/cases/{number}/decision",
        data={"csrf_token": csrf, "offender_id": "s-alk1", "step": "suspension", "days": "2",
              "reason": "Openbaar gedeeld"},
        follow_redirects=False,
    )  # fmt: skip
    assert decided.status_code == 303, decided.text
    shown = server.client.get(f"/cases/{number}").text
    assert "2 schooldagen" in shown and "Brief downloaden" in shown


def test_a_teamleider_is_offered_only_the_steps_within_their_authority(server: Server) -> None:
    number = assessed_case(server)
    log_in_by_form(server, "tl-alk")
    page = server.client.get(f"/cases/{number}").text
    options = re.findall(r'<option value="([a-z_-]+)"( disabled)?', page)
    assert options, page
    allowed = {name for name, disabled in options if not disabled}
    greyed = {name for name, disabled in options if disabled}
    assert "expulsion" in greyed and "suspension" in greyed
    assert allowed and not allowed & greyed


def test_a_wrong_number_of_days_comes_back_with_the_message(server: Server) -> None:
    number = assessed_case(server)
    csrf = log_in_by_form(server, "vd-alk")
    sent = server.client.post(
        f"/cases/{number}/decision",
        data={"csrf_token": csrf, "offender_id": "s-alk1", "step": "suspension", "days": "twee"},
    )
    assert sent.status_code == 422 and 'role="alert"' in sent.text and "twee" in sent.text


def test_the_report_page_shows_the_summary_and_offers_the_files(server: Server) -> None:
    record(server, server.token("vd-alk"), occurred_at="2025-09-10T12:00:00+02:00")
    log_in_by_form(server, "cvb1")
    page = server.client.get("/reports")
    assert page.status_code == 200, page.text
    assert 'href="/reports"' in page.text and "<caption>" in page.text
    charts = re.findall(r'<svg [^>]*role="img"', page.text)
    assert len(charts) >= 2 and "<title" in page.text  # each chart has its title as text
    link = re.search(
        r'href="(/reports/download\?school_year=2025-2026&amp;format=xlsx)"', page.text
    )
    assert link, page.text
    workbook = server.client.get(link.group(1).replace("&amp;", "&"))
    assert workbook.status_code == 200 and workbook.content.startswith(b"PK")
    assert "attachment" in workbook.headers["content-disposition"]


def test_the_report_page_is_not_for_a_mentor(server: Server) -> None:
    log_in_by_form(server, "men-alk")
    assert 'href="/reports"' not in server.client.get("/").text
    assert server.client.get("/reports").status_code == 403
