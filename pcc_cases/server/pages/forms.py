"""What every page form shares: its fields, the same-origin check and the caller."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlsplit

from litestar import Request
from litestar.enums import RequestEncodingType
from litestar.params import Body

from pcc_cases.domain.errors import PermissionDeniedError
from pcc_cases.domain.factors import Factors
from pcc_cases.server.gate import caller
from pcc_cases.server.identity import FULL, Principal
from pcc_cases.translation import N_

Form = Annotated[dict[str, str], Body(media_type=RequestEncodingType.URL_ENCODED)]
"""A posted form's fields (one value each)."""

ManyForm = Annotated[dict[str, Any], Body(media_type=RequestEncodingType.URL_ENCODED)]
"""A posted form whose fields may repeat (multiple choices come as a list)."""


def many(form: dict[str, Any], name: str) -> list[str]:
    """Every non-empty value posted for ``name``, stripped."""
    value = form.get(name)
    values = value if isinstance(value, list) else [] if value is None else [value]
    return [str(v).strip() for v in values if str(v).strip()]


def one(form: dict[str, Any], name: str) -> str:
    """The first non-empty value posted for ``name``, or ``""``."""
    values = many(form, name)
    return values[0] if values else ""


def factors_from(form: dict[str, Any]) -> Factors:
    """The assessment factors a form gives (the defaults for those left out).

    Raises:
        InvalidInputError: a value that is not one of the factor's choices (named).
    """
    return Factors(
        reach=one(form, "reach") or "private",
        intent=one(form, "intent") or "negligent",
        harm=one(form, "harm") or "none",
        confidential=bool(one(form, "confidential")),
        criminal=bool(one(form, "criminal")),
        removed_and_apologised=bool(one(form, "removed_and_apologised")),
    )


def same_origin(request: Request[Any, Any, Any]) -> None:
    """Refuse a form posted from another site: its ``Origin`` must be this server's.

    Raises:
        PermissionDeniedError: an ``Origin`` header naming another site.
    """
    origin = request.headers.get("origin")
    if origin is None or origin == "null":
        return  # no Origin (an older browser): the CSRF token and SameSite still hold
    ours = urlsplit(str(request.base_url))
    theirs = urlsplit(origin)
    if (theirs.scheme, theirs.netloc) != (ours.scheme, ours.netloc):
        raise PermissionDeniedError(N_("this form was sent from another site"), field="origin")


def form_caller(
    request: Request[Any, Any, Any], form: dict[str, Any], stage: str = FULL
) -> Principal:
    """The logged-in person posting ``form``, its CSRF token checked.

    Raises:
        NotAuthenticatedError: no session (the page sends the browser to the login).
        PermissionDeniedError: another site's form, or a missing or wrong CSRF token.
    """
    same_origin(request)
    return caller(request, stage=stage, form_csrf=one(form, "csrf_token"))


def local_path(value: str | None, default: str) -> str:
    """A path on this server to go back to (never another site)."""
    if value and value.startswith("/") and not value.startswith("//") and "\\" not in value:
        return value
    return default
