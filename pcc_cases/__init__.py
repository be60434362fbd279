"""pcc_cases: record and handle breaches of the PCC Social Media Protocol.

The public API is what ``__all__`` lists; everything else may change between versions.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pcc_cases.access import Action, Actor
    from pcc_cases.adapters.engine import default_url, make_engine
    from pcc_cases.adapters.migrate import upgrade
    from pcc_cases.adapters.unit_of_work import UnitOfWork
    from pcc_cases.domain.case import Case
    from pcc_cases.domain.case_parts import InvolvementRole, Platform
    from pcc_cases.domain.errors import (
        ConflictError,
        IllegalTransitionError,
        InvalidInputError,
        NotFoundError,
        PccCasesError,
        PermissionDeniedError,
    )
    from pcc_cases.domain.factors import Factors, Harm, Intent, Reach
    from pcc_cases.domain.lifecycle import CaseState
    from pcc_cases.domain.people import Person, PersonKind, Role
    from pcc_cases.domain.policy import Policy
    from pcc_cases.domain.policy_file import default_policy
    from pcc_cases.domain.protocol import Protocol, load_protocol
    from pcc_cases.interchange.people_csv import import_people
    from pcc_cases.reports.severity import SeverityReport, severity_report
    from pcc_cases.services import (
        ImportResult,
        ObligationView,
        Settings,
        add_involvement,
        assess_offender,
        cite_clause,
        close_case,
        complete_obligation,
        decide_objection,
        decide_step,
        dismiss_case,
        file_objection,
        list_cases,
        list_obligations,
        list_people,
        override_severity,
        recommend_steps,
        record_incident,
        remove_involvement,
        show_case,
        show_person,
        start_investigation,
        withdraw_clause,
    )

# Imported on first use, so that ``import pcc_cases.domain`` stays free of SQLAlchemy and a
# command such as ``pcc-cases protocol show`` starts quickly.
_EXPORTS = {
    "Action": "pcc_cases.access",
    "Actor": "pcc_cases.access",
    "Case": "pcc_cases.domain.case",
    "CaseState": "pcc_cases.domain.lifecycle",
    "ConflictError": "pcc_cases.domain.errors",
    "Factors": "pcc_cases.domain.factors",
    "Harm": "pcc_cases.domain.factors",
    "IllegalTransitionError": "pcc_cases.domain.errors",
    "ImportResult": "pcc_cases.services",
    "Intent": "pcc_cases.domain.factors",
    "InvalidInputError": "pcc_cases.domain.errors",
    "InvolvementRole": "pcc_cases.domain.case_parts",
    "NotFoundError": "pcc_cases.domain.errors",
    "ObligationView": "pcc_cases.services",
    "PccCasesError": "pcc_cases.domain.errors",
    "PermissionDeniedError": "pcc_cases.domain.errors",
    "Person": "pcc_cases.domain.people",
    "PersonKind": "pcc_cases.domain.people",
    "Platform": "pcc_cases.domain.case_parts",
    "Policy": "pcc_cases.domain.policy",
    "Protocol": "pcc_cases.domain.protocol",
    "Reach": "pcc_cases.domain.factors",
    "Role": "pcc_cases.domain.people",
    "Settings": "pcc_cases.services",
    "SeverityReport": "pcc_cases.reports.severity",
    "UnitOfWork": "pcc_cases.adapters.unit_of_work",
    "add_involvement": "pcc_cases.services",
    "assess_offender": "pcc_cases.services",
    "cite_clause": "pcc_cases.services",
    "close_case": "pcc_cases.services",
    "complete_obligation": "pcc_cases.services",
    "decide_objection": "pcc_cases.services",
    "decide_step": "pcc_cases.services",
    "default_policy": "pcc_cases.domain.policy_file",
    "default_url": "pcc_cases.adapters.engine",
    "dismiss_case": "pcc_cases.services",
    "file_objection": "pcc_cases.services",
    "import_people": "pcc_cases.interchange.people_csv",
    "list_cases": "pcc_cases.services",
    "list_obligations": "pcc_cases.services",
    "list_people": "pcc_cases.services",
    "load_protocol": "pcc_cases.domain.protocol",
    "make_engine": "pcc_cases.adapters.engine",
    "override_severity": "pcc_cases.services",
    "recommend_steps": "pcc_cases.services",
    "record_incident": "pcc_cases.services",
    "remove_involvement": "pcc_cases.services",
    "show_case": "pcc_cases.services",
    "severity_report": "pcc_cases.reports.severity",
    "show_person": "pcc_cases.services",
    "start_investigation": "pcc_cases.services",
    "upgrade": "pcc_cases.adapters.migrate",
    "withdraw_clause": "pcc_cases.services",
}

__version__ = "0.1.0"

__all__ = [
    "Action",
    "Actor",
    "Case",
    "CaseState",
    "ConflictError",
    "Factors",
    "Harm",
    "IllegalTransitionError",
    "ImportResult",
    "Intent",
    "InvalidInputError",
    "InvolvementRole",
    "NotFoundError",
    "ObligationView",
    "PccCasesError",
    "PermissionDeniedError",
    "Person",
    "PersonKind",
    "Platform",
    "Policy",
    "Protocol",
    "Reach",
    "Role",
    "Settings",
    "SeverityReport",
    "UnitOfWork",
    "__version__",
    "add_involvement",
    "assess_offender",
    "cite_clause",
    "close_case",
    "complete_obligation",
    "decide_objection",
    "decide_step",
    "default_policy",
    "default_url",
    "dismiss_case",
    "file_objection",
    "import_people",
    "list_cases",
    "list_obligations",
    "list_people",
    "load_protocol",
    "make_engine",
    "override_severity",
    "recommend_steps",
    "record_incident",
    "remove_involvement",
    "severity_report",
    "show_case",
    "show_person",
    "start_investigation",
    "upgrade",
    "withdraw_clause",
]


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        value = getattr(importlib.import_module(_EXPORTS[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'pcc_cases' has no attribute {name!r}")
