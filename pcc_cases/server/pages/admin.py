"""Beheer, for cvb: the people import (upload, the changes shown, then apply), who holds
which role, local accounts and API tokens.

A one-time password or a new token is shown once, on the page that answers the form, and
never again. The uploaded people file is not kept: the page that shows its changes
carries it back in the form that applies it, and applying checks it again in full.
"""

from __future__ import annotations

from typing import Annotated, Any

import attrs
from litestar import Request, Response, get, post
from litestar.datastructures import UploadFile
from litestar.enums import RequestEncodingType
from litestar.params import Body, FromPath
from litestar.response import Redirect

from pcc_cases.access import PERMISSIONS
from pcc_cases.domain.errors import InvalidInputError, PccCasesError, ProblemsError
from pcc_cases.domain.labels import PERSON_FIELDS, label
from pcc_cases.domain.time import parse_date
from pcc_cases.interchange.people_csv import import_people
from pcc_cases.server import accounts
from pcc_cases.server.gate import caller, state_of, unit
from pcc_cases.server.identity import Principal
from pcc_cases.server.language import request_language
from pcc_cases.server.pages.forms import ManyForm, form_caller, one
from pcc_cases.server.pages.render import page, viewer
from pcc_cases.services.people import ImportResult, list_people
from pcc_cases.translation import N_, translate

Upload = Annotated[dict[str, Any], Body(media_type=RequestEncodingType.MULTI_PART)]
"""A posted form with a file in it."""
STATUS = {"permission-denied": 403, "not-found": 404, "conflict": 409}


@attrs.frozen
class Shown:
    """What the page that answers a form shows once: a secret, an import, a problem."""

    secret: tuple[str, str] | None = None  # (what it is, the secret)
    imported: ImportResult | None = None
    content: str = ""  # the checked people file, carried to the form that applies it
    error: PccCasesError | None = None
    form: dict[str, Any] = attrs.field(factory=dict)


def _admin_page(
    request: Request[Any, Any, Any], principal: Principal, shown: Shown = Shown()
) -> Response[str]:
    state = state_of(request)
    lang = request_language(request)
    with unit(request) as uow:
        who = viewer(uow, principal)
        account_rows = accounts.list_accounts(uow, state.server, principal.person_id)
        token_rows = accounts.list_tokens(uow, state.server, principal.person_id)
        staff = list_people(uow, principal.person_id, kind="staff", settings=state.server.services)
    error = shown.error
    problems = error.problems if isinstance(error, ProblemsError) else ()
    return page(
        request,
        "admin.html.j2",
        N_("Administration"),
        who,
        status=200 if error is None else STATUS.get(error.code, 422),
        shown=shown,
        error=None if error is None else error.translated(lang).split("\n")[0],
        problems=[p.translated(lang) for p in problems],
        accounts=account_rows,
        tokens=token_rows,
        holders=[p for p in staff if p.roles and p.left_on is None],
        permissions=[
            (label("role", role.value, lang), scope.value, sorted(a.value for a in actions))
            for role, (scope, actions) in PERMISSIONS.items()
        ],
        field_label=lambda name: translate(PERSON_FIELDS.get(name, name), lang),
        form=lambda name: one(shown.form, name),
    )


def _refused(request: Request[Any, Any, Any], principal: Principal, error: PccCasesError,
             form: dict[str, Any] | None = None) -> Response[str]:  # fmt: skip
    if error.code == "not-authenticated":
        raise error
    return _admin_page(request, principal, Shown(error=error, form=form or {}))


@get("/admin", include_in_schema=False, sync_to_thread=True)
def admin(request: Request[Any, Any, Any]) -> Response[str]:
    return _admin_page(request, caller(request))


@post("/admin/people-import", include_in_schema=False, sync_to_thread=True, status_code=200)
def people_import(request: Request[Any, Any, Any], data: Upload) -> Response[str]:
    principal = form_caller(request, data)
    applying = one(data, "apply") == "1"
    try:
        content = _content(data, applying)
        with unit(request) as uow:
            result = import_people(
                uow,
                principal.person_id,
                content.encode("utf-8", "surrogatepass"),
                dry_run=not applying,
                settings=state_of(request).server.services,
            )
    except PccCasesError as refused:
        return _refused(request, principal, refused)
    return _admin_page(request, principal, Shown(imported=result, content=content))


def _content(data: dict[str, Any], applying: bool) -> str:
    """The people file: carried back in the apply form, or uploaded now.

    Raises:
        InvalidInputError: no file chosen, or a file that is not UTF-8 text.
    """
    if applying:
        return one(data, "content")
    upload = data.get("file")
    raw = upload.file.read() if isinstance(upload, UploadFile) else b""
    if not raw:
        raise InvalidInputError(N_("choose the people file (CSV) to upload"), field="file")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidInputError(
            N_("the file is not UTF-8 text; save it from the spreadsheet as CSV UTF-8"),
            field="file",
        ) from None


@post("/admin/accounts", include_in_schema=False, sync_to_thread=True, status_code=200)
def create_account(request: Request[Any, Any, Any], data: ManyForm) -> Response[str]:
    principal = form_caller(request, data)
    person = one(data, "person_id")
    try:
        with unit(request) as uow:
            password = accounts.create_account(
                uow, state_of(request).server, principal.person_id, person
            )
    except PccCasesError as refused:
        return _refused(request, principal, refused, data)
    return _admin_page(request, principal, Shown(secret=(person, password)))


@post(
    "/admin/accounts/{person_id:str}/reset",
    include_in_schema=False,
    sync_to_thread=True,
    status_code=200,
)
def reset_account(
    request: Request[Any, Any, Any], person_id: FromPath[str], data: ManyForm
) -> Response[str]:
    principal = form_caller(request, data)
    try:
        with unit(request) as uow:
            password = accounts.reset_account(
                uow, state_of(request).server, principal.person_id, person_id
            )
    except PccCasesError as refused:
        return _refused(request, principal, refused)
    return _admin_page(request, principal, Shown(secret=(person_id, password)))


@post(
    "/admin/accounts/{person_id:str}/disable",
    include_in_schema=False,
    sync_to_thread=True,
    status_code=303,
)
def disable_account(
    request: Request[Any, Any, Any], person_id: FromPath[str], data: ManyForm
) -> Response[Any]:
    principal = form_caller(request, data)
    try:
        with unit(request) as uow:
            accounts.disable_account(uow, state_of(request).server, principal.person_id, person_id)
    except PccCasesError as refused:
        return _refused(request, principal, refused)
    return Redirect("/admin#accounts", status_code=303)


@post("/admin/tokens", include_in_schema=False, sync_to_thread=True, status_code=200)
def create_token(request: Request[Any, Any, Any], data: ManyForm) -> Response[str]:
    principal = form_caller(request, data)
    try:
        expires = one(data, "expires_on")
        if not expires:
            raise InvalidInputError(N_("give the day the token stops working"), field="expires_on")
        with unit(request) as uow:
            token, row = accounts.create_token(
                uow,
                state_of(request).server,
                principal.person_id,
                one(data, "person_id"),
                one(data, "name"),
                parse_date(expires, "expires_on"),
            )
    except PccCasesError as refused:
        return _refused(request, principal, refused, data)
    return _admin_page(request, principal, Shown(secret=(row.name, token)))


@post(
    "/admin/tokens/{token_id:str}/revoke",
    include_in_schema=False,
    sync_to_thread=True,
    status_code=303,
)
def revoke_token(
    request: Request[Any, Any, Any], token_id: FromPath[str], data: ManyForm
) -> Response[Any]:
    principal = form_caller(request, data)
    try:
        with unit(request) as uow:
            accounts.revoke_token(uow, state_of(request).server, principal.person_id, token_id)
    except PccCasesError as refused:
        return _refused(request, principal, refused)
    return Redirect("/admin#tokens", status_code=303)
