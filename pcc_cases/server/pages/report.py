"""Nieuwe melding: one form for a new incident, checked as a whole when it is sent.

Everything the person typed comes back with the message that names the field, so that a
typo never throws the incident away. Times are Amsterdam wall-clock times; in the hour
the clocks go back, the form asks which of the two was meant.
"""

from __future__ import annotations

from typing import Annotated, Any

from litestar import Request, Response, get, post
from litestar.enums import RequestEncodingType
from litestar.params import Body
from litestar.response import Redirect

from pcc_cases.domain.case_parts import Evidence, Platform
from pcc_cases.domain.errors import InvalidInputError, PccCasesError
from pcc_cases.domain.factors import Factors, Harm, Intent, Reach
from pcc_cases.domain.labels import label
from pcc_cases.domain.time import parse_local
from pcc_cases.server.gate import caller, state_of, unit
from pcc_cases.server.identity import Principal
from pcc_cases.server.language import request_language
from pcc_cases.server.pages.forms import form_caller
from pcc_cases.server.pages.render import page, viewer
from pcc_cases.services import cases as handling
from pcc_cases.services.people import list_people
from pcc_cases.services.queries import reachable_locations
from pcc_cases.translation import N_

ManyForm = Annotated[dict[str, Any], Body(media_type=RequestEncodingType.URL_ENCODED)]
"""A posted form whose fields may repeat (multiple choices come as a list)."""


def _many(form: dict[str, Any], name: str) -> list[str]:
    value = form.get(name)
    values = value if isinstance(value, list) else [] if value is None else [value]
    return [str(v).strip() for v in values if str(v).strip()]


def _one(form: dict[str, Any], name: str) -> str:
    values = _many(form, name)
    return values[0] if values else ""


def _form_page(
    request: Request[Any, Any, Any],
    principal: Principal,
    form: dict[str, Any],
    error: PccCasesError | None = None,
) -> Response[str]:
    settings = state_of(request).server.services
    lang = request_language(request)
    with unit(request) as uow:
        who = viewer(uow, principal)
        locations = reachable_locations(uow, principal.person_id, settings=settings)
        people = list_people(uow, principal.person_id, settings=settings)
    clauses = [c for c in settings.protocol.clauses if c.kind.citable]
    choices = {
        "platform": [(p.value, label("platform", p.value, lang)) for p in Platform],
        "reach": [(r.value, label("reach", r.value, lang)) for r in Reach],
        "intent": [(i.value, label("intent", i.value, lang)) for i in Intent],
        "harm": [(h.value, label("harm", h.value, lang)) for h in Harm],
    }
    message = None if error is None else error.translated(lang)
    return page(
        request,
        "report.html.j2",
        N_("New report"),
        who,
        status=200 if error is None else 422,
        error=message,
        error_field=None if error is None else error.field,
        ask_fold=bool(_one(form, "fold")) or (error is not None and "twice" in error.template),
        location_choices=[(name, name) for name in locations],
        people_choices=[(p.id, p.label) for p in people if p.left_on is None],
        clauses=[(c.id, c.text(lang)) for c in clauses],
        choices=choices,
        form=form,
        chosen=lambda name: set(_many(form, name)),
    )


@get("/cases/new", include_in_schema=False, sync_to_thread=True)
def report_form(request: Request[Any, Any, Any]) -> Response[str]:
    return _form_page(request, caller(request), {})


@post("/cases/new", include_in_schema=False, sync_to_thread=True, status_code=303)
def report(request: Request[Any, Any, Any], data: ManyForm) -> Response[Any]:
    principal = form_caller(request, {"csrf_token": _one(data, "csrf_token")})
    settings = state_of(request).server.services
    try:
        fold_text = _one(data, "fold")
        when = parse_local(
            f"{_one(data, 'date')} {_one(data, 'time')}",
            fold=int(fold_text) if fold_text in ("0", "1") else None,
        )
        factors = None
        if _one(data, "assess"):
            factors = Factors(
                reach=_one(data, "reach") or "private",
                intent=_one(data, "intent") or "negligent",
                harm=_one(data, "harm") or "none",
                confidential=bool(_one(data, "confidential")),
                criminal=bool(_one(data, "criminal")),
                removed_and_apologised=bool(_one(data, "removed_and_apologised")),
            )
        link = _one(data, "evidence_link")
        evidence = [Evidence.create("link", link, when)] if link else []
        if not _many(data, "offenders"):
            raise InvalidInputError(N_("choose at least one offender"), field="offenders")
        with unit(request) as uow:
            case = handling.record_incident(
                uow,
                principal.person_id,
                occurred_at=when,
                platform=_one(data, "platform"),
                location=_one(data, "location"),
                summary=_one(data, "summary"),
                offenders=_many(data, "offenders"),
                clauses=_many(data, "clauses"),
                targets=_many(data, "targets"),
                factors=factors,
                evidence=evidence,
                settings=settings,
            )
    except PccCasesError as refused:
        if refused.code in ("permission-denied", "not-authenticated"):
            raise
        return _form_page(request, principal, data, refused)
    return Redirect(f"/cases/{case.number}", status_code=303)
