"""Headers every response carries, and one log line per request without personal data."""

from __future__ import annotations

import json
import logging
import time
from typing import Any

from litestar.types import ASGIApp, Message, Receive, Scope, Send

# No inline script or style anywhere; pages (next to the API) load their own files only.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; "
    "frame-ancestors 'none'"
)

HEADERS = (
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
    (b"cache-control", b"no-store"),
)
HSTS = (b"strict-transport-security", b"max-age=31536000; includeSubDomains")

requests_log = logging.getLogger("pcc_cases.server.requests")


async def add_security_headers(message: Message, scope: Scope) -> None:
    """``HEADERS`` (and HSTS over TLS) on every response, the router's own 404 and 405
    included: a hook on every message the application sends, not a route's middleware.
    """
    if message["type"] == "http.response.start":
        names = {name.lower() for name, _ in message.get("headers", [])}
        extra = [(n, v) for n, v in HEADERS if n not in names]
        if scope.get("scheme") == "https":
            extra.append(HSTS)
        message["headers"] = [*message.get("headers", []), *extra]


async def complete_allow(message: Message, scope: Scope) -> None:
    """The ``Allow`` of an OPTIONS answer lists every method of the path.

    Litestar makes the OPTIONS handler when a path's first handler is registered and
    keeps it when more methods join the path, so its ``Allow`` would list only the first.
    """
    if message["type"] != "http.response.start" or scope.get("method") != "OPTIONS":
        return
    handler = scope.get("route_handler")
    methods: set[str] = set()
    for path in getattr(handler, "paths", ()):
        methods |= set(scope["app"].route_handler_method_map.get(path, {}))
    if methods:
        kept = [(n, v) for n, v in message.get("headers", []) if n.lower() != b"allow"]
        message["headers"] = [*kept, (b"allow", ", ".join(sorted(methods)).encode())]


def request_log(app: ASGIApp) -> ASGIApp:
    """One line per request: method, route (its template, so no ids), status, duration."""

    async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
        if str(scope["type"]) != "http":
            await app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 0

        async def noting_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await app(scope, receive, noting_status)
        finally:
            requests_log.info(
                json.dumps(
                    {
                        "method": scope.get("method"),
                        "route": route_of(scope),
                        "status": status,
                        "ms": round((time.perf_counter() - started) * 1000, 1),
                    }
                )
            )

    return middleware


def route_of(scope: Scope | dict[str, Any]) -> str:
    """The matched route's template (``/api/v1/cases/{number}``), never the path itself."""
    return str(scope.get("path_template") or "(no route)")
