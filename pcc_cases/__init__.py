"""pcc_cases: record and handle breaches of the PCC Social Media Protocol.

The public API is what ``__all__`` lists; everything else may change between versions.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pcc_cases.adapters.engine import default_url, make_engine
    from pcc_cases.adapters.migrate import upgrade
    from pcc_cases.adapters.unit_of_work import UnitOfWork
    from pcc_cases.domain.case import Case, InvolvementRole, Platform
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
    from pcc_cases.domain.policy import Policy, default_policy
    from pcc_cases.protocol import Protocol, load_protocol

# Imported on first use, so that ``import pcc_cases.domain`` stays free of SQLAlchemy and a
# command such as ``pcc-cases protocol show`` starts quickly.
_EXPORTS = {
    "Case": "pcc_cases.domain.case",
    "CaseState": "pcc_cases.domain.lifecycle",
    "ConflictError": "pcc_cases.domain.errors",
    "Factors": "pcc_cases.domain.factors",
    "Harm": "pcc_cases.domain.factors",
    "IllegalTransitionError": "pcc_cases.domain.errors",
    "Intent": "pcc_cases.domain.factors",
    "InvalidInputError": "pcc_cases.domain.errors",
    "InvolvementRole": "pcc_cases.domain.case",
    "NotFoundError": "pcc_cases.domain.errors",
    "PccCasesError": "pcc_cases.domain.errors",
    "PermissionDeniedError": "pcc_cases.domain.errors",
    "Person": "pcc_cases.domain.people",
    "PersonKind": "pcc_cases.domain.people",
    "Platform": "pcc_cases.domain.case",
    "Policy": "pcc_cases.domain.policy",
    "Protocol": "pcc_cases.protocol",
    "Reach": "pcc_cases.domain.factors",
    "Role": "pcc_cases.domain.people",
    "UnitOfWork": "pcc_cases.adapters.unit_of_work",
    "default_policy": "pcc_cases.domain.policy",
    "default_url": "pcc_cases.adapters.engine",
    "load_protocol": "pcc_cases.protocol",
    "make_engine": "pcc_cases.adapters.engine",
    "upgrade": "pcc_cases.adapters.migrate",
}

__version__ = "0.1.0"

__all__ = [
    "Case",
    "CaseState",
    "ConflictError",
    "Factors",
    "Harm",
    "IllegalTransitionError",
    "Intent",
    "InvalidInputError",
    "InvolvementRole",
    "NotFoundError",
    "PccCasesError",
    "PermissionDeniedError",
    "Person",
    "PersonKind",
    "Platform",
    "Policy",
    "Protocol",
    "Reach",
    "Role",
    "UnitOfWork",
    "__version__",
    "default_policy",
    "default_url",
    "load_protocol",
    "make_engine",
    "upgrade",
]


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        value = getattr(importlib.import_module(_EXPORTS[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'pcc_cases' has no attribute {name!r}")
