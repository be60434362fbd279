"""A whole case through the case page's forms, in-process: every change a director makes,
the reasons the rules ask for, and what is refused.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.server.helpers import Server
from tests.server.test_cases_api import record
from tests.server.test_pages import log_in_by_form


def send(server: Server, number: str, action: str, csrf: str, **fields: Any) -> Any:
    return server.client.post(
        f"/cases/{number}/{action}",
        data={"csrf_token": csrf, **fields},
        follow_redirects=False,
    )


def done(answer: Any) -> None:
    assert answer.status_code == 303, answer.text


def test_a_director_handles_a_whole_case_on_its_page(server: Server) -> None:
    number = record(server, server.token("vd-alk"))
    csrf = log_in_by_form(server, "vd-alk")
    page = server.client.get(f"/cases/{number}").text
    assert "Onderzoek starten" in page
    done(send(server, number, "investigation", csrf, reason="Gesprek gepland"))

    found = send(server, number, "involvement", csrf, name="lotte")
    assert found.status_code == 200 and '<option value="s-alk2"' in found.text
    assert '<option value="s-ber1"' not in found.text  # another location: not in scope
    done(send(server, number, "involvement", csrf, person_id="s-alk2", role="witness"))
    done(send(server, number, "clause", csrf, offender_id="s-alk1", clause_id="1.1"))

    page = server.client.get(f"/cases/{number}").text
    assert "Lotte Jansen" in page and "<strong>1.1</strong>" in page
    done(send(server, number, "assessment", csrf, offender_id="s-alk1", reach="public",
              intent="deliberate", harm="none"))  # fmt: skip
    page = server.client.get(f"/cases/{number}").text
    assert "Hoe het niveau van" in page and "+1 voor het bereik" in page

    no_reason = send(server, number, "override", csrf, offender_id="s-alk1", level="2")
    assert no_reason.status_code == 422 and "reden" in no_reason.text.lower()
    done(send(server, number, "override", csrf, offender_id="s-alk1", level="2",
              reason="Eerste keer, direct verwijderd"))  # fmt: skip

    done(send(server, number, "decision", csrf, offender_id="s-alk1", step="suspension",
              days="1", reason="Ondanks de lagere ernst"))  # fmt: skip
    open_duties = send(server, number, "closure", csrf)
    assert open_duties.status_code == 422 and 'role="alert"' in open_duties.text
    done(send(server, number, "closure", csrf, reason="Brief volgt per post"))
    assert "gesloten" in server.client.get(f"/cases/{number}").text

    done(send(server, number, "objection", csrf, reason="Ouders vinden de schorsing te zwaar"))
    undecided = send(server, number, "objection-decision", csrf, reason="Gehoord")
    assert undecided.status_code == 422 and "outcome" in undecided.text
    done(send(server, number, "objection-decision", csrf, outcome="rejected",
              reason="Besluit blijft staan na hoorzitting"))  # fmt: skip
    history = server.client.get(f"/cases/{number}").text
    for event in ("Onderzoek gestart", "Bezwaar ingediend", "Bezwaar ongegrond"):
        assert event.lower() in history.lower(), event


def test_removing_a_person_or_a_clause_asks_for_a_reason(server: Server) -> None:
    number = record(server, server.token("vd-alk"), clauses=["1.1", "1.2"])
    csrf = log_in_by_form(server, "vd-alk")
    done(send(server, number, "involvement", csrf, person_id="s-alk2", role="witness"))
    refused = send(server, number, "involvement-removal", csrf, part="s-alk2|witness")
    assert refused.status_code == 422 and "reason" in refused.text
    done(send(server, number, "involvement-removal", csrf, part="s-alk2|witness",
              reason="Verkeerde leerling gekozen"))  # fmt: skip
    refused = send(server, number, "clause-withdrawal", csrf, citation="s-alk1|1.2")
    assert refused.status_code == 422
    done(send(server, number, "clause-withdrawal", csrf, citation="s-alk1|1.2",
              reason="Niet van toepassing"))  # fmt: skip
    page = server.client.get(f"/cases/{number}").text
    assert "Lotte" not in page.split('id="clauses"')[0].split('id="people"')[1]


def test_who_may_only_read_a_case_gets_no_forms_and_a_posted_change_is_refused(
    server: Server,
) -> None:
    number = record(server, server.token("vd-alk"), clauses=["2.1"])
    csrf = log_in_by_form(server, "pr1")
    page = server.client.get(f"/cases/{number}")
    assert page.status_code == 200
    assert not re.findall(rf'action="/cases/{number}/', page.text)
    for action, fields in (("dismissal", {"reason": "Ongegrond"}), ("investigation", {})):
        assert send(server, number, action, csrf, **fields).status_code == 403


def test_a_mentor_is_offered_the_changes_but_not_the_objection_decision(server: Server) -> None:
    number = record(server, server.token("men-alk"))
    log_in_by_form(server, "men-alk")
    page = server.client.get(f"/cases/{number}").text
    actions = set(re.findall(rf'action="/cases/{number}/([a-z-]+)"', page))
    assert {"investigation", "involvement", "clause", "assessment", "dismissal"} <= actions
    assert "objection-decision" not in actions and "closure" not in actions


@pytest.mark.parametrize("action", ["nonsense", "duties"])
def test_an_unknown_action_is_not_found(server: Server, action: str) -> None:
    number = record(server, server.token("vd-alk"))
    csrf = log_in_by_form(server, "vd-alk")
    assert send(server, number, action, csrf).status_code == 404


def test_a_change_to_a_case_out_of_scope_is_not_found(server: Server) -> None:
    other = record(server, server.token("vd-ber"), location="Bergen", offenders=["s-ber1"])
    csrf = log_in_by_form(server, "vd-alk")
    refused = send(server, other, "dismissal", csrf, reason="Ongegrond")
    assert refused.status_code == 404 and "Emma" not in refused.text
