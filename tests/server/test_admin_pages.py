"""The Beheer page in-process: the people import with its changes shown before they are
applied, roles, accounts and API tokens, for cvb only.
"""

from __future__ import annotations

import html
import re

from tests.org import PEOPLE_CSV
from tests.server.helpers import Server, bearer
from tests.server.test_pages import log_in_by_form

NEW_ROW = "s-alk9,student,Fenna,Mulder,Alkmaar,1A,men-alk,,\n"


def upload(server: Server, csrf: str, content: str) -> str:
    answer = server.client.post(
        "/admin/people-import",
        data={"csrf_token": csrf},
        files={"file": ("leerlingen.csv", content.encode("utf-8"), "text/csv")},
    )
    return f"{answer.status_code}\n{answer.text}"


def test_a_people_file_is_checked_and_its_changes_shown_before_it_is_applied(
    server: Server,
) -> None:
    csrf = log_in_by_form(server, "cvb1")
    changed = PEOPLE_CSV.replace("s-alk3,student,Daan,Bakker", "s-alk3,student,Daan,Bakkers")
    shown = upload(server, csrf, changed + NEW_ROW)
    assert shown.startswith("200"), shown
    assert "<td>s-alk9</td><td>nieuw</td>" in shown
    assert re.search(r"<td>s-alk3</td><td>gewijzigd: achternaam</td>", shown), shown
    token = bearer(server.token("cvb1"))
    assert server.client.get("/api/v1/people/s-alk9", headers=token).status_code == 404
    content = re.search(r'name="content" value="([^"]*)"', shown, re.DOTALL)
    assert content
    applied = server.client.post(
        "/admin/people-import",
        data={"csrf_token": csrf, "apply": "1", "content": html.unescape(content.group(1))},
        files={"file": ("", b"", "application/octet-stream")},
    )
    assert applied.status_code == 200 and "Ingelezen." in applied.text, applied.text
    person = server.client.get("/api/v1/people/s-alk9", headers=token)
    assert person.status_code == 200 and person.json()["last_name"] == "Mulder"


def test_a_people_file_with_problems_names_each_line_and_column(server: Server) -> None:
    csrf = log_in_by_form(server, "cvb1")
    shown = upload(server, csrf, PEOPLE_CSV + "s-alk8,leerling,Bo,Kok,Alkmaar,1A,,,\n")
    assert shown.startswith("422") and 'role="alert"' in shown
    assert "regel 18, kolom kind: &#39;leerling&#39; is niet een van student" in shown
    shown = upload(server, csrf, PEOPLE_CSV + "s-alk7,student,Jip,Kok,Alkmaar,1A,nobody,,\n")
    assert "regel 18, kolom mentor_id: nobody" in shown
    assert "Deze wijzigingen doorvoeren" not in shown
    not_utf8 = server.client.post(
        "/admin/people-import",
        data={"csrf_token": csrf},
        files={"file": ("x.csv", "Ëlla".encode("latin-1"), "text/csv")},
    )
    assert not_utf8.status_code == 422 and "UTF-8" in not_utf8.text


def test_accounts_and_tokens_are_made_on_the_page_and_their_secrets_shown_once(
    server: Server,
) -> None:
    csrf = log_in_by_form(server, "cvb1")
    made = server.client.post("/admin/accounts", data={"csrf_token": csrf, "person_id": "tl-ber"})
    assert made.status_code == 200 and 'role="status"' in made.text, made.text
    assert "<td>tl-ber</td>" in server.client.get("/admin").text
    assert "<code>" not in server.client.get("/admin").text  # never shown again
    reset = server.client.post("/admin/accounts/tl-ber/reset", data={"csrf_token": csrf})
    assert reset.status_code == 200 and "<code>" in reset.text
    disabled = server.client.post(
        "/admin/accounts/tl-ber/disable", data={"csrf_token": csrf}, follow_redirects=False
    )
    assert disabled.status_code == 303
    assert "uitgeschakeld" in server.client.get("/admin").text

    token = server.client.post(
        "/admin/tokens",
        data={"csrf_token": csrf, "person_id": "vd-ber", "name": "koppeling",
              "expires_on": "2025-12-31"},
    )  # fmt: skip
    secret = re.search(r"<code>([^<]+)</code>", token.text)
    assert token.status_code == 200 and secret, token.text
    api = server.client.get("/api/v1/me", headers=bearer(html.unescape(secret.group(1))))
    assert api.status_code == 200
    token_id = re.search(r'action="/admin/tokens/([^/]+)/revoke"', server.client.get("/admin").text)
    assert token_id
    revoked = server.client.post(
        f"/admin/tokens/{token_id.group(1)}/revoke",
        data={"csrf_token": csrf},
        follow_redirects=False,
    )
    assert revoked.status_code == 303
    assert server.client.get("/api/v1/me", headers=bearer(secret.group(1))).status_code == 401
    no_day = server.client.post(
        "/admin/tokens", data={"csrf_token": csrf, "person_id": "vd-ber", "name": "x"}
    )
    assert no_day.status_code == 422 and "expires_on" in no_day.text


def test_beheer_is_for_cvb_only(server: Server) -> None:
    csrf = log_in_by_form(server, "fg1")
    assert 'href="/admin"' not in server.client.get("/").text
    assert server.client.get("/admin").status_code == 403
    refused = server.client.post("/admin/accounts", data={"csrf_token": csrf, "person_id": "fg1"})
    assert refused.status_code == 403
