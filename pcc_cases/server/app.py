"""The ASGI application: the API under ``/api/v1``, health checks, problems, headers.

Litestar was chosen for its fit: it validates and documents attrs classes as they are
(the domain's own style), makes the OpenAPI 3.1 document from the handlers' types, and
runs synchronous handlers in a thread pool, so the services stay synchronous.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from litestar import Litestar, Request, Response, Router
from litestar.datastructures import State
from litestar.exceptions import HTTPException
from litestar.logging import LoggingConfig
from litestar.openapi import OpenAPIConfig
from litestar.openapi.plugins import JsonRenderPlugin
from litestar.openapi.spec import Components, SecurityScheme
from litestar.static_files import create_static_files_router
from sqlalchemy import Engine

from pcc_cases.domain.errors import PccCasesError
from pcc_cases.server import problems
from pcc_cases.server.config import ServerSettings
from pcc_cases.server.gate import SESSION_COOKIE, ServerState
from pcc_cases.server.language import request_language
from pcc_cases.server.middleware import add_security_headers, complete_allow, request_log
from pcc_cases.server.openapi import complete_document
from pcc_cases.server.pages import admin as admin_pages
from pcc_cases.server.pages import case as case_pages
from pcc_cases.server.pages import case_actions, overview
from pcc_cases.server.pages import duties as duty_pages
from pcc_cases.server.pages import login as login_pages
from pcc_cases.server.pages import privacy as privacy_pages
from pcc_cases.server.pages import report as report_pages
from pcc_cases.server.pages import reports as report_list
from pcc_cases.server.pages.errors import error_page, is_page
from pcc_cases.server.routes import (
    admin,
    auth,
    cases,
    health,
    interchange,
    people,
    privacy,
    reports,
    sso,
    steps,
)
from pcc_cases.server.sso import ProviderMetadata

API_PATH = "/api/v1"
VERSION = "1.0.0"

HANDLERS = [
    auth.login,
    auth.logout,
    auth.session,
    auth.enrolment,
    auth.finish_enrolment,
    auth.me,
    sso.start,
    sso.callback,
    people.people,
    people.search_people,
    people.person,
    people.import_people_csv,
    cases.record,
    cases.cases,
    cases.search_cases,
    cases.case,
    cases.investigate,
    cases.involve,
    cases.cite,
    cases.assess,
    cases.override,
    cases.recommend,
    cases.decide,
    cases.close,
    cases.dismiss,
    cases.object_to,
    cases.review,
    cases.obligations,
    cases.complete,
    steps.remove_involvement,
    steps.withdraw,
    steps.prepare,
    steps.hearing,
    steps.takedown,
    steps.letter,
    reports.severity,
    interchange.export,
    interchange.import_,
    privacy.subject_access,
    privacy.prepare,
    privacy.confirm,
    privacy.access_log,
    admin.list_accounts,
    admin.create_account,
    admin.reset_account,
    admin.disable_account,
    admin.list_tokens,
    admin.create_token,
    admin.revoke_token,
]


PAGES = [
    login_pages.login_form,
    login_pages.login,
    login_pages.enrolment_form,
    login_pages.enrol,
    login_pages.logout,
    overview.overview,
    report_pages.report_form,
    report_pages.report,
    duty_pages.duties,
    case_pages.case_page,
    case_actions.act,
    report_list.reports,
    report_list.download,
    privacy_pages.privacy,
    privacy_pages.subject_access,
    privacy_pages.prepare_purge,
    privacy_pages.confirm,
    privacy_pages.access_log,
    privacy_pages.filtered_access_log,
    admin_pages.admin,
    admin_pages.people_import,
    admin_pages.create_account,
    admin_pages.reset_account,
    admin_pages.disable_account,
    admin_pages.create_token,
    admin_pages.revoke_token,
    case_pages.mark_done,
    case_pages.letter,
]
STATIC = Path(__file__).parent / "static"


def _library_error(request: Request[Any, Any, Any], error: PccCasesError) -> Response[Any]:
    if is_page(request):
        message = error.translated(request_language(request))
        return error_page(request, problems.status_of(error), message)
    return problems.library_error(request, error)


def _http_error(request: Request[Any, Any, Any], error: HTTPException) -> Response[Any]:
    if is_page(request):
        answer = problems.http_error(request, error)
        return error_page(request, answer.status_code or 500, answer.content["detail"])
    return problems.http_error(request, error)


def _internal_error(request: Request[Any, Any, Any], error: Exception) -> Response[Any]:
    answer = problems.internal_error(request, error)
    if is_page(request):
        return error_page(request, 500, answer.content["detail"])
    return answer


def openapi_config() -> OpenAPIConfig:
    return OpenAPIConfig(
        title="pcc_cases API",
        version=VERSION,
        description=(
            "Record and handle breaches of the PCC Social Media Protocol. Every call is made "
            "by a proven caller: a session (log in with password and code) or an API token "
            "(`Authorization: Bearer pcc_...`). Errors are RFC 9457 problem details."
        ),
        # The document alone, at /api/v1/openapi.json; no documentation site with scripts.
        path=f"{API_PATH}/openapi.json",
        render_plugins=[JsonRenderPlugin(path="/")],
        components=Components(
            security_schemes={
                "token": SecurityScheme(type="http", scheme="bearer"),
                "session": SecurityScheme(
                    type="apiKey", name=SESSION_COOKIE, security_scheme_in="cookie"
                ),
            }
        ),
        security=[{"token": []}, {"session": []}],
    )


def create_app(engine: Engine, server: ServerSettings | None = None) -> Litestar:
    """The application on ``engine`` (migrated to this version's schema)."""
    settings = server or ServerSettings()
    metadata = None if settings.sso is None else ProviderMetadata(settings.sso)
    state = ServerState(engine=engine, server=settings, sso=metadata)
    app = Litestar(
        route_handlers=[
            health.healthz,
            health.readyz,
            Router(path=API_PATH, route_handlers=HANDLERS),
            Router(path="/", route_handlers=PAGES),
            create_static_files_router(
                path="/static", directories=[STATIC], include_in_schema=False
            ),
        ],
        state=State({"pcc": state}),
        exception_handlers={
            PccCasesError: _library_error,
            HTTPException: _http_error,
            Exception: _internal_error,
        },
        middleware=[request_log],
        before_send=[complete_allow, add_security_headers],
        openapi_config=openapi_config(),
        logging_config=LoggingConfig(log_exceptions="never"),
        debug=False,
    )
    complete_document(app)
    return app
