"""The use cases, as a typed API: each takes a unit of work, the actor's id and primitives."""

from pcc_cases.services.cases import (
    add_involvement,
    assess_offender,
    cite_clause,
    close_case,
    complete_obligation,
    decide_objection,
    decide_step,
    dismiss_case,
    file_objection,
    override_severity,
    recommend_steps,
    record_incident,
    remove_involvement,
    start_investigation,
    withdraw_clause,
)
from pcc_cases.services.people import ImportResult, import_people_rows, list_people, show_person
from pcc_cases.services.queries import (
    ObligationView,
    list_cases,
    list_obligations,
    parse_obligation_id,
    show_case,
)
from pcc_cases.services.settings import DEFAULT_SETTINGS, Settings

__all__ = [
    "DEFAULT_SETTINGS",
    "ImportResult",
    "ObligationView",
    "Settings",
    "add_involvement",
    "assess_offender",
    "cite_clause",
    "close_case",
    "complete_obligation",
    "decide_objection",
    "decide_step",
    "dismiss_case",
    "file_objection",
    "import_people_rows",
    "list_cases",
    "list_obligations",
    "list_people",
    "override_severity",
    "parse_obligation_id",
    "recommend_steps",
    "record_incident",
    "remove_involvement",
    "show_case",
    "show_person",
    "start_investigation",
    "withdraw_clause",
]
