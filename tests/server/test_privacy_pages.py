"""The privacy pages in-process: subject access, the two-person purge, the access log."""

from __future__ import annotations

import re

from tests.server.helpers import Server
from tests.server.test_cases_api import record
from tests.server.test_pages import log_in_by_form


def test_the_privacy_officer_downloads_a_subject_access_export(server: Server) -> None:
    record(server, server.token("vd-alk"))
    csrf = log_in_by_form(server, "fg1")
    home = server.client.get("/").text
    assert 'href="/privacy"' in home
    page = server.client.get("/privacy")
    assert page.status_code == 200 and "AVG" in page.text
    export = server.client.post(
        "/privacy/subject-access", data={"csrf_token": csrf, "person_id": "s-alk1"}
    )
    assert export.status_code == 200, export.text
    assert export.headers["content-disposition"] == 'attachment; filename="inzage.html"'
    assert "Sem" in export.text and "2025-" in export.text
    as_json = server.client.post(
        "/privacy/subject-access",
        data={"csrf_token": csrf, "person_id": "s-alk1", "format": "json"},
    )
    assert as_json.json()["person"]["id"] == "s-alk1"
    unknown = server.client.post(
        "/privacy/subject-access", data={"csrf_token": csrf, "person_id": "nobody"}
    )
    assert unknown.status_code == 404 and 'role="alert"' in unknown.text
    assert 'value="nobody"' in unknown.text  # what was typed stays in the form


def test_a_purge_is_prepared_by_one_and_confirmed_by_a_second_person(server: Server) -> None:
    first = log_in_by_form(server, "fg1")
    prepared = server.client.post("/privacy/purge-plans", data={"csrf_token": first})
    assert prepared.status_code == 200 and "Plan 1 is voorbereid" in prepared.text, prepared.text
    assert "wacht op een tweede persoon" in prepared.text
    assert "/privacy/purge-plans/1/confirmation" not in prepared.text
    own = server.client.post("/privacy/purge-plans/1/confirmation", data={"csrf_token": first})
    assert own.status_code == 403 and "tweede persoon" in own.text

    second_browser = server.new_client()
    second = log_in_by_form(server, "cvb1", second_browser)
    waiting = second_browser.get("/privacy").text
    assert 'action="/privacy/purge-plans/1/confirmation"' in waiting
    done = second_browser.post("/privacy/purge-plans/1/confirmation", data={"csrf_token": second})
    assert done.status_code == 200 and "Plan 1 is uitgevoerd" in done.text, done.text
    again = second_browser.post("/privacy/purge-plans/1/confirmation", data={"csrf_token": second})
    assert again.status_code == 409


def test_the_access_log_is_filtered_by_a_posted_form(server: Server) -> None:
    number = record(server, server.token("vd-alk"))
    mentor = server.new_client()
    log_in_by_form(server, "men-ber", mentor)
    assert mentor.get(f"/cases/{number}").status_code == 404  # refused, and logged
    csrf = log_in_by_form(server, "fg1")
    everything = server.client.get("/privacy/access-log")
    assert everything.status_code == 200 and "men-ber" in everything.text
    refusals = server.client.post(
        "/privacy/access-log",
        data={"csrf_token": csrf, "case_number": number, "refused_only": "1"},
    )
    rows = re.findall(r"<tr class=\"refused\">(.*?)</tr>", refusals.text, re.DOTALL)
    assert rows and all("men-ber" in row for row in rows), refusals.text
    assert "<td>ja</td>" not in refusals.text
    by_person = server.client.post(
        "/privacy/access-log", data={"csrf_token": csrf, "person_id": "s-alk1", "by": "vd-alk"}
    )
    assert by_person.status_code == 200 and "men-ber" not in by_person.text.split("<tbody>")[1]
    wrong_day = server.client.post(
        "/privacy/access-log", data={"csrf_token": csrf, "from": "31-02-2025"}
    )
    assert wrong_day.status_code == 422 and "from" in wrong_day.text


def test_privacy_is_not_for_a_director(server: Server) -> None:
    csrf = log_in_by_form(server, "vd-alk")
    assert 'href="/privacy"' not in server.client.get("/").text
    assert server.client.get("/privacy").status_code == 403
    assert server.client.get("/privacy/access-log").status_code == 403
    refused = server.client.post(
        "/privacy/subject-access", data={"csrf_token": csrf, "person_id": "s-alk1"}
    )
    assert refused.status_code == 403 and "Sem" not in refused.text
    assert server.client.post("/privacy/purge-plans", data={"csrf_token": csrf}).status_code == 403
