"""pcc_cases: record and handle breaches of the PCC Social Media Protocol.

The public API is what ``__all__`` lists; everything else may change between versions.
"""

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
