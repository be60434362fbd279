"""schemathesis against the served OpenAPI document: property-based requests on every
endpoint, as cvb by token; no answer may be a 500, and every answer must match what the
document says of its status, media type, headers and body. A request without or with a
made-up token must be refused, and a method the document does not list must be a 405.

Not checked: that every schema-valid request is accepted (``positive_data_acceptance``).
Much of what makes a request acceptable is not in any schema (the person exists, the
clause applies, the case is in the right state, the file has its header row), so those
are answered 404, 409 or 422, as documented.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from pcc_cases.adapters.engine import make_engine
from pcc_cases.adapters.unit_of_work import UnitOfWork
from pcc_cases.server.app import create_app
from tests.org import record_photo_case
from tests.server.helpers import Server, bearer

EXAMPLES_PER_ENDPOINT = 30


@pytest.fixture(scope="module")
def running(template_database: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    path = tmp_path_factory.mktemp("schemathesis") / "api.db"
    shutil.copyfile(template_database, path)
    engine = make_engine(f"sqlite:///{path}")
    with UnitOfWork(engine, write=True) as uow:
        record_photo_case(uow)  # a case 2025-0001 for the endpoints that need one
    with Server.start(engine) as server:
        # The schema's app answers as this server: the same database, clock and settings.
        APP.state["pcc"] = server.client.app.state["pcc"]
        yield server
    engine.dispose()


@pytest.fixture(scope="module")
def cvb_headers(running: Server) -> dict[str, str]:
    return bearer(running.token("cvb1", days=300))


APP = create_app(make_engine("sqlite://"))
"""The app schemathesis loads its document from and sends to; the fixture below points it
at the test database before the first request."""
schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", APP)


@schema.parametrize()
@settings(
    max_examples=EXAMPLES_PER_ENDPOINT,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_every_endpoint_answers_as_its_document_says(
    case: Any, running: Server, cvb_headers: dict[str, str]
) -> None:
    case.call_and_validate(headers=cvb_headers, excluded_checks=[positive_data_acceptance])
