"""Errors as RFC 9457 problem details: the library's stable code, field and message.

The body never holds more than the error itself says, and a case or person outside the
caller's scope is a plain 404, the same as one that does not exist (the services see to
that; the access log keeps the real reason).
"""

from __future__ import annotations

import logging
import secrets
from typing import Any

from litestar import Request, Response
from litestar.exceptions import HTTPException, ValidationException

from pcc_cases.domain import errors as e
from pcc_cases.server.language import request_language
from pcc_cases.translation import N_, translate

PROBLEM_JSON = "application/problem+json"
TYPE_BASE = "urn:pcc-cases:problem:"

# Most specific first: the first class an error is an instance of gives its status.
STATUS: tuple[tuple[type[e.PccCasesError], int], ...] = (
    (e.NotAuthenticatedError, 401),
    (e.PermissionDeniedError, 403),
    (e.NotFoundError, 404),
    (e.ConflictError, 409),
    (e.IllegalTransitionError, 409),
    (e.AppendOnlyError, 409),
    (e.InvalidInputError, 422),
    (e.DatabaseUnavailableError, 503),
    (e.DatabaseReadOnlyError, 503),
    (e.StorageFullError, 507),
)

log = logging.getLogger("pcc_cases.server")


def status_of(error: e.PccCasesError) -> int:
    return next((status for cls, status in STATUS if isinstance(error, cls)), 500)


def problem(
    status: int, code: str, detail: str, headers: dict[str, str] | None = None, **extra: Any
) -> Response[dict[str, Any]]:
    body = {"type": TYPE_BASE + code, "title": code, "status": status, "code": code}
    body["detail"] = detail
    body.update({k: v for k, v in extra.items() if v is not None})
    headers = dict(headers or {})
    if status == 401:
        headers["WWW-Authenticate"] = 'Bearer realm="pcc_cases"'
    return Response(body, status_code=status, media_type=PROBLEM_JSON, headers=headers or None)


def library_error(request: Request[Any, Any, Any], error: e.PccCasesError) -> Response[Any]:
    lang = request_language(request)
    extra: dict[str, Any] = {"field": error.field}
    if isinstance(error, e.InvalidInputError):
        extra |= {"line": error.line, "column": error.column}
    if isinstance(error, e.ProblemsError):
        extra["problems"] = [
            {
                "line": p.line,
                "column": p.column,
                "field": p.field,
                "detail": fill_problem(p, lang),
            }
            for p in error.problems[: e.ProblemsError.max_shown]
        ]
        extra["problem_count"] = len(error.problems)
    status = status_of(error)
    if status == 500:
        return internal_error(request, error)
    return problem(status, error.code, error.translated(lang), **extra)


def fill_problem(p: e.Problem, lang: str) -> str:
    return e.fill(translate(p.template, lang), p.params, lang)


def http_error(request: Request[Any, Any, Any], error: HTTPException) -> Response[Any]:
    """Litestar's own refusals (no such route, wrong method, unreadable body) as problems."""
    lang = request_language(request)
    if isinstance(error, ValidationException):
        fields = [
            {"field": item.get("key"), "detail": item.get("message")}
            for item in (error.extra if isinstance(error.extra, list) else [])
            if isinstance(item, dict)
        ]
        detail = translate(N_("the request does not have the expected fields and types"), lang)
        return problem(422, "invalid-input", detail, problems=fields or None)
    codes = {404: "not-found", 405: "method-not-allowed", 413: "too-large", 415: "media-type"}
    status = error.status_code
    if status == 404:
        detail = translate(N_("there is nothing at this address"), lang)
    else:
        detail = translate(N_("the request cannot be handled: {reason}"), lang).format(
            reason=str(error.detail)[:200]
        )
    kept = {k: v for k, v in (error.headers or {}).items() if k.lower() == "allow"}
    return problem(status, codes.get(status, "bad-request"), detail, headers=kept)


def internal_error(request: Request[Any, Any, Any], error: Exception) -> Response[Any]:
    """A fault of ours: logged by kind and a reference, never with its message (which may
    hold personal data); the caller gets the reference to quote.
    """
    reference = secrets.token_hex(6)
    log.error(
        "internal error",
        extra={"reference": reference, "kind": type(error).__name__},
    )
    detail = translate(
        N_("something went wrong on the server; quote reference {reference}"),
        (request_language(request)),
    ).format(reference=reference)
    return problem(500, "internal-error", detail, reference=reference)
