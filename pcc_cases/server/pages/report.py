"""Nieuwe melding: one form for a new incident, checked as a whole when it is sent.

Everything the person typed comes back with the message that names the field, so that a
typo never throws the incident away. Times are Amsterdam wall-clock times; in the hour
the clocks go back, the form asks which of the two was meant.
"""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, get, post
from litestar.response import Redirect

from pcc_cases.domain.case_parts import Evidence, Platform
from pcc_cases.domain.errors import InvalidInputError, PccCasesError
from pcc_cases.domain.factors import Harm, Intent, Reach
from pcc_cases.domain.labels import label
from pcc_cases.domain.time import parse_local
from pcc_cases.server.gate import caller, state_of, unit
from pcc_cases.server.identity import Principal
from pcc_cases.server.language import request_language
from pcc_cases.server.pages.forms import ManyForm, factors_from, form_caller, many, one
from pcc_cases.server.pages.render import page, viewer
from pcc_cases.services import cases as handling
from pcc_cases.services.people import list_people
from pcc_cases.services.preview import Preview, preview_incident
from pcc_cases.services.queries import reachable_locations
from pcc_cases.translation import N_


def _form_page(
    request: Request[Any, Any, Any],
    principal: Principal,
    form: dict[str, Any],
    error: PccCasesError | None = None,
    previews: list[Preview] | None = None,
) -> Response[str]:
    settings = state_of(request).server.services
    lang = request_language(request)
    with unit(request) as uow:
        who = viewer(uow, principal)
        locations = reachable_locations(uow, principal.person_id, settings=settings)
        people = list_people(uow, principal.person_id, settings=settings)
    names = {p.id: p.label for p in people}
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
        ask_fold=bool(one(form, "fold")) or (error is not None and "twice" in error.template),
        location_choices=[(name, name) for name in locations],
        people_choices=[
            (p.id, f"{p.label}, {p.location}" if p.location else p.label)
            for p in people
            if p.left_on is None
        ],
        clauses=[(c.id, c.text(lang)) for c in clauses],
        choices=choices,
        form=form,
        chosen=lambda name: set(many(form, name)),
        previews=previews or [],
        names=names,
    )


@get("/cases/new", include_in_schema=False, sync_to_thread=True)
def report_form(request: Request[Any, Any, Any]) -> Response[str]:
    return _form_page(request, caller(request), {})


@post("/cases/new", include_in_schema=False, sync_to_thread=True, status_code=303)
def report(request: Request[Any, Any, Any], data: ManyForm) -> Response[Any]:
    principal = form_caller(request, data)
    settings = state_of(request).server.services
    try:
        fold_text = one(data, "fold")
        when = parse_local(
            f"{one(data, 'date')} {one(data, 'time')}",
            fold=int(fold_text) if fold_text in ("0", "1") else None,
        )
        factors = factors_from(data) if one(data, "assess") else None
        if one(data, "preview"):
            with unit(request) as uow:
                previews = preview_incident(
                    uow,
                    principal.person_id,
                    occurred_at=when,
                    offenders=many(data, "offenders"),
                    clauses=many(data, "clauses"),
                    factors=factors_from(data),
                    settings=settings,
                )
            return _form_page(request, principal, data, previews=previews)
        evidence = [
            Evidence.create(kind, reference, when)
            for kind, reference in (
                ("link", one(data, "evidence_link")),
                ("file-hash", one(data, "evidence_hash")),
            )
            if reference
        ]
        if not many(data, "offenders"):
            raise InvalidInputError(N_("choose at least one offender"), field="offenders")
        with unit(request) as uow:
            case = handling.record_incident(
                uow,
                principal.person_id,
                occurred_at=when,
                platform=one(data, "platform"),
                location=one(data, "location"),
                summary=one(data, "summary"),
                offenders=many(data, "offenders"),
                clauses=many(data, "clauses"),
                targets=many(data, "targets"),
                factors=factors,
                evidence=evidence,
                settings=settings,
            )
    except PccCasesError as refused:
        if refused.code in ("permission-denied", "not-authenticated"):
            raise
        return _form_page(request, principal, data, refused)
    return Redirect(f"/cases/{case.number}", status_code=303)
