"""Errors on pages: a plain page in the person's language, or the login for no session.

The API answers problems (RFC 9457); a browser on a page gets this instead. A case out of
scope is the same "not found" as one that does not exist, as in the API.
"""

from __future__ import annotations

from typing import Any

from litestar import Request, Response
from litestar.response import Redirect

from pcc_cases.server.pages.render import page
from pcc_cases.translation import N_

API_PREFIXES = ("/api/", "/healthz", "/readyz", "/static/")
TITLES = {
    403: N_("Not allowed"),
    404: N_("Not found"),
    409: N_("This cannot be done now"),
    422: N_("This cannot be done"),
    500: N_("Something went wrong"),
    503: N_("The database cannot be reached"),
}


def is_page(request: Request[Any, Any, Any]) -> bool:
    """Whether ``request`` is for a page (not the API, health or a static file)."""
    return not request.url.path.startswith(API_PREFIXES)


def error_page(request: Request[Any, Any, Any], status: int, message: str) -> Response[Any]:
    if status == 401:
        return Redirect("/login", status_code=303)
    title = TITLES.get(status, TITLES[422] if status < 500 else TITLES[500])
    return page(request, "error.html.j2", title, status=status, message=message)
