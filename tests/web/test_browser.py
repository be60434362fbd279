"""The pages in a real browser (the system's Chromium under Playwright), each page checked
with axe-core: what the people who handle cases do, and what must be refused.
"""

from __future__ import annotations

import hashlib
from typing import Any

from tests.accessibility import assert_accessible
from tests.server.helpers import PASSWORD, Server, bearer
from tests.server.test_cases_api import record

Live = tuple[Server, str]


def log_in(page: Any, server: Server, person_id: str) -> None:
    """The first login in the browser: one-time password, QR page, own password, code."""
    first = server.create_account(person_id)
    page.goto("/login")
    assert_accessible(page)
    page.get_by_label("Personeelsnummer").fill(person_id)
    page.get_by_label("Wachtwoord").fill(first)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url("**/enrolment")
    assert_accessible(page)
    secret = page.locator("figcaption code").inner_text()
    server.secrets[person_id] = secret
    page.get_by_label("Kies uw eigen wachtwoord").fill(PASSWORD)
    page.get_by_label("De zescijferige code").fill(server.code(person_id))
    page.get_by_role("button", name="Opslaan en verder").click()
    page.wait_for_url("**/")
    assert page.locator("h1").inner_text() == "Mijn overzicht"
    assert_accessible(page)


def test_login_with_a_wrong_code_fails(browser_page: Any, live: Live) -> None:
    server, _ = live
    server.enrol("vd-alk", server.new_client())
    page = browser_page
    page.goto("/login")
    page.get_by_label("Personeelsnummer").fill("vd-alk")
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_label("Code uit uw authenticator-app").fill("000000")
    page.get_by_role("button", name="Inloggen").click()
    alert = page.get_by_role("alert")
    assert "klopt niet" in alert.inner_text()
    assert page.url.endswith("/login")
    assert_accessible(page)


def test_a_mentor_records_an_incident_for_their_own_student_and_cannot_open_another(
    browser_page: Any, live: Live
) -> None:
    server, _ = live
    other = record(server, server.token("vd-ber"), location="Bergen", offenders=["s-ber1"])
    page = browser_page
    log_in(page, server, "men-alk")
    page.get_by_role("link", name="Nieuwe melding").click()
    assert_accessible(page)
    page.get_by_label("Datum", exact=True).fill("2025-10-03")
    page.get_by_label("Tijd", exact=True).fill("20:00")
    page.get_by_label("Platform").select_option("whatsapp")
    page.get_by_label("Wat gebeurde er").fill("Bericht over een docent in de klassengroep")
    page.get_by_label("Overtreder(s)").select_option("s-alk1")
    page.locator("input[name=clauses][value='1.2']").check()
    page.get_by_role("button", name="Melding opslaan").click()
    page.wait_for_url("**/cases/2025-*")
    assert "Bericht over een docent" in page.locator("main").inner_text()
    assert_accessible(page)
    answer = page.goto(f"/cases/{other}")
    assert answer is not None and answer.status == 404
    assert page.locator("h1").inner_text() == "Niet gevonden"
    assert_accessible(page)


def assessed(server: Server) -> str:
    number = record(server, server.token("vd-alk"))
    token = bearer(server.token("vd-alk"))
    for path, body in (
        ("/investigation", {}),
        ("/assessments", {"offender_id": "s-alk1", "factors": {"reach": "public"}}),
    ):
        answer = server.client.post(f"/api/v1/cases/{number}{path}", headers=token, json=body)
        assert answer.status_code == 200, answer.text
    return number


def test_a_director_assesses_decides_a_suspension_downloads_the_letter_and_marks_it_done(
    browser_page: Any, live: Live
) -> None:
    server, _ = live
    number = record(server, server.token("vd-alk"))
    page = browser_page
    log_in(page, server, "vd-alk")
    page.goto(f"/cases/{number}")
    assert_accessible(page)
    page.get_by_role("button", name="Onderzoek starten").click()
    page.wait_for_load_state()
    assert "in onderzoek" in page.locator("main").inner_text()
    page.get_by_label("Bereik: hoeveel mensen").select_option("public")
    page.get_by_role("button", name="Beoordelen", exact=True).click()
    page.wait_for_load_state()
    assert "Hoe het niveau van" in page.locator("main").inner_text()
    assert_accessible(page)
    page.get_by_label("Maatregel", exact=True).select_option("suspension")
    page.get_by_label("Aantal schooldagen").fill("2")
    page.get_by_label("Reden (nodig").fill("Openbaar gedeeld")
    page.get_by_role("button", name="Besluiten").click()
    page.wait_for_load_state()
    assert "2 schooldagen" in page.locator("main").inner_text()
    assert_accessible(page)
    row = page.locator("tr", has_text="Besluit schriftelijk")
    with page.expect_download() as download:
        row.get_by_role("button", name="Brief downloaden").click()
    assert download.value.suggested_filename.endswith(".pdf")
    row.get_by_role("button", name="Markeer als gedaan").click()
    page.wait_for_load_state()
    done_row = page.locator("tr", has_text="Besluit schriftelijk")
    assert "Markeer als gedaan" not in done_row.inner_text()
    page.get_by_role("link", name="Verplichtingen").click()
    assert_accessible(page)


def test_a_teamleider_is_offered_only_the_steps_within_their_authority(
    browser_page: Any, live: Live
) -> None:
    server, _ = live
    number = assessed(server)
    page = browser_page
    log_in(page, server, "tl-alk")
    page.goto(f"/cases/{number}")
    options = page.locator("select[name=step] option")
    disabled = {
        options.nth(i).get_attribute("value")
        for i in range(options.count())
        if options.nth(i).is_disabled()
    }
    assert {"suspension", "expulsion"} <= disabled
    assert options.count() > len(disabled)


def fill_report(page: Any, summary: str) -> None:
    """The new-report form filled in for Sem (s-alk1) and clause 1.2."""
    page.get_by_label("Datum", exact=True).fill("2025-10-03")
    page.get_by_label("Tijd", exact=True).fill("20:00")
    page.get_by_label("Wat gebeurde er").fill(summary)
    page.get_by_label("Overtreder(s)").select_option("s-alk1")
    page.locator("input[name=clauses][value='1.2']").check()


def test_a_form_posted_without_its_csrf_token_is_refused(browser_page: Any, live: Live) -> None:
    server, _ = live
    page = browser_page
    log_in(page, server, "vd-alk")
    page.get_by_role("link", name="Nieuwe melding").click()
    page.evaluate("document.querySelector('form.report input[name=csrf_token]').remove()")
    fill_report(page, "Zonder token")
    with page.expect_response("**/cases/new") as answer:
        page.get_by_role("button", name="Melding opslaan").click()
    assert answer.value.status == 403
    assert page.locator("h1").inner_text() == "Niet toegestaan"


def test_the_board_downloads_the_xlsx(browser_page: Any, live: Live) -> None:
    server, _ = live
    record(server, server.token("vd-alk"), occurred_at="2025-09-10T12:00:00+02:00")
    page = browser_page
    log_in(page, server, "cvb1")
    page.get_by_role("link", name="Rapportages").click()
    page.wait_for_url("**/reports")
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Excel (XLSX)").click()
    assert download.value.suggested_filename == "ernst-2025-2026.xlsx"


def test_the_privacy_officer_prepares_a_purge_and_a_second_person_confirms_it(
    browser_page: Any, chromium_browser: Any, live: Live
) -> None:
    server, base = live
    page = browser_page
    log_in(page, server, "fg1")
    page.get_by_role("link", name="Privacy").click()
    page.wait_for_url("**/privacy")
    assert_accessible(page)
    page.get_by_role("button", name="Plan voorbereiden").click()
    page.wait_for_load_state()
    assert "Plan 1 is voorbereid" in page.get_by_role("status").inner_text()
    assert "wacht op een tweede persoon" in page.locator("main").inner_text()
    assert page.get_by_role("button", name="Plan 1 bevestigen").count() == 0
    assert_accessible(page)

    second = chromium_browser.new_context(base_url=base, bypass_csp=True, locale="nl-NL")
    try:
        other = second.new_page()
        log_in(other, server, "cvb1")
        other.goto("/privacy")
        other.get_by_role("button", name="Plan 1 bevestigen").click()
        other.wait_for_load_state()
        assert "Plan 1 is uitgevoerd" in other.get_by_role("status").inner_text()
        assert_accessible(other)
    finally:
        second.close()
    page.get_by_role("link", name="Wie wat heeft ingezien").click()
    assert "purge" in page.locator("table").inner_text()
    assert_accessible(page)


def test_an_evidence_file_is_fingerprinted_in_the_browser_and_never_sent(
    browser_page: Any, live: Live
) -> None:
    server, _ = live
    page = browser_page
    log_in(page, server, "vd-alk")
    page.get_by_role("link", name="Nieuwe melding").click()
    content = b"\x89PNG screenshot of the post " * 40
    page.locator("#evidence_file").set_input_files(
        files=[{"name": "schermafbeelding.png", "mimeType": "image/png", "buffer": content}]
    )
    fingerprint = page.get_by_label("Vingerafdruk (SHA-256)")
    expected = hashlib.sha256(content).hexdigest()
    page.wait_for_function(
        "expected => document.getElementById('evidence_hash').value === expected", arg=expected
    )
    assert fingerprint.input_value() == expected
    assert_accessible(page)
    fill_report(page, "Schermafbeelding van een bericht")
    with page.expect_request("**/cases/new") as sent:
        page.get_by_role("button", name="Melding opslaan").click()
    body = sent.value.post_data_buffer or b""
    assert expected.encode() in body and b"screenshot of the post" not in body
    page.wait_for_url("**/cases/2025-*")
    assert expected in page.locator("main").inner_text()
