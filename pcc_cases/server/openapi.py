"""What the OpenAPI document says beyond the handlers' types: every refusal is a problem
(RFC 9457) with its status, the files some endpoints give have their media types, and
the few operations open to anyone say so.

Litestar documents a handler's own answer and a generic 400; the answers of the error
handlers (401, 403, 404, 409, 422, 503, 500) and the other formats of a report are added
here, so that a client generated from the document, and schemathesis, know them all.
"""

from __future__ import annotations

from litestar import Litestar
from litestar.openapi.spec import (
    Components,
    OpenAPIMediaType,
    OpenAPIResponse,
    OpenAPIType,
    Operation,
    Reference,
    Schema,
)

from pcc_cases.server.problems import PROBLEM_JSON

PROBLEM_STATUSES = {
    "400": "The body cannot be read (not JSON, or not the declared media type)",
    "401": "Not authenticated: no or a bad token, no or an ended session",
    "403": "Not allowed (the refusal is in the access log)",
    "404": "Not found, or outside the caller's scope (the same answer)",
    "409": "Conflicts with the case's state or existing data",
    "413": "The body is too large",
    "422": "The request's fields or file are not valid; `field` and `problems` say where",
    "500": "A fault on the server; quote `reference`",
    "503": "The database is unavailable or read-only",
}

_TEXT = Schema(type=OpenAPIType.STRING)
_BINARY = Schema(type=OpenAPIType.STRING, format="binary")  # type: ignore[arg-type]
_OBJECT = Schema(type=OpenAPIType.OBJECT)
OTHER_FORMATS: dict[tuple[str, str], dict[str, Schema]] = {
    ("/api/v1/reports/severity", "get"): {
        "application/json": _OBJECT,  # the report's own JSON Schema: docs/reports.md
        "text/csv; charset=utf-8": _TEXT,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": _BINARY,
        "text/html; charset=utf-8": _TEXT,
    },
    ("/api/v1/privacy/subject-access", "post"): {
        "application/json": _OBJECT,
        "text/html; charset=utf-8": _TEXT,
    },
}

PUBLIC = frozenset(
    {
        ("/healthz", "get"),
        ("/readyz", "get"),
        ("/api/v1/auth/login", "post"),
        ("/api/v1/auth/sso", "get"),
        ("/api/v1/auth/sso/callback", "get"),
    }
)
"""The operations anyone may call: no token or session (``security: []``)."""

PROBLEM_SCHEMA = Schema(
    type=OpenAPIType.OBJECT,
    required=["type", "title", "status", "code", "detail"],
    properties={
        "type": Schema(type=OpenAPIType.STRING, description="urn:pcc-cases:problem:<code>"),
        "title": _TEXT,
        "status": Schema(type=OpenAPIType.INTEGER),
        "code": Schema(type=OpenAPIType.STRING, description="the library's stable error code"),
        "detail": Schema(type=OpenAPIType.STRING, description="Dutch, or as Accept-Language"),
        "field": _TEXT,
        "line": Schema(type=OpenAPIType.INTEGER),
        "column": Schema(type=OpenAPIType.INTEGER),
        "reference": _TEXT,
        "problems": Schema(type=OpenAPIType.ARRAY, items=Schema(type=OpenAPIType.OBJECT)),
        "problem_count": Schema(type=OpenAPIType.INTEGER),
    },
)


def complete_document(app: Litestar) -> None:
    """Add the problems and the other formats to ``app``'s OpenAPI document (built once)."""
    document = app.openapi_schema  # built once, then served as it is
    document.components = document.components or Components()
    schemas = document.components.schemas = dict(document.components.schemas or {})
    schemas["Problem"] = PROBLEM_SCHEMA
    problem = OpenAPIResponse(
        description="", content={PROBLEM_JSON: OpenAPIMediaType(schema=_problem_ref())}
    )
    for path, item in (document.paths or {}).items():
        for method in ("get", "post", "put", "patch", "delete"):
            operation: Operation | None = getattr(item, method)
            if operation is None:
                continue
            responses = operation.responses = dict(operation.responses or {})
            for status, description in PROBLEM_STATUSES.items():
                responses[status] = OpenAPIResponse(
                    description=description, content=problem.content
                )
            _other_formats(responses, OTHER_FORMATS.get((path, method), {}))
            empty = responses.get("204")
            if isinstance(empty, OpenAPIResponse):
                empty.content = None  # no body, so no media type
            if (path, method) in PUBLIC:
                operation.security = []


def _problem_ref() -> Reference:
    return Reference(ref="#/components/schemas/Problem")


def _other_formats(
    responses: dict[str, OpenAPIResponse | Reference], formats: dict[str, Schema]
) -> None:
    ok = responses.get("200")
    if not formats or not isinstance(ok, OpenAPIResponse):
        return
    more = {media: OpenAPIMediaType(schema=schema) for media, schema in formats.items()}
    ok.content = {**(ok.content or {}), **more}
