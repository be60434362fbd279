"""Liveness and readiness, for a load balancer or an orchestrator: no login, no data."""

from __future__ import annotations

from typing import Any

from litestar import Request, get
from sqlalchemy import text

from pcc_cases.adapters.migrate import SCHEMA_REVISION, current
from pcc_cases.domain.errors import DatabaseUnavailableError
from pcc_cases.server.gate import state_of
from pcc_cases.server.schemas import Health
from pcc_cases.translation import N_


@get("/healthz", sync_to_thread=False, tags=["health"])
def healthz() -> Health:
    """The process runs (it answers without touching the database)."""
    return Health(status="ok")


@get("/readyz", sync_to_thread=True, tags=["health"])
def readyz(request: Request[Any, Any, Any]) -> Health:
    """The database answers and has the schema this version needs (503 otherwise)."""
    engine = state_of(request).engine
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        revision = current(engine)
    except DatabaseUnavailableError:
        raise
    except Exception as error:
        raise DatabaseUnavailableError(N_("the database does not answer")) from error
    if revision != SCHEMA_REVISION:
        raise DatabaseUnavailableError(
            N_("the database is at schema revision {value}, this version needs {expected}"),
            value=revision or "none",
            expected=SCHEMA_REVISION,
        )
    return Health(status="ready")
