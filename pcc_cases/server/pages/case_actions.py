"""The changes a case page offers, one small form each, all posted to one address.

Each form names its action in the address (``/cases/{number}/{action}``); the service it
calls checks the permission and the rules, and a refusal comes back as the case page
with the message naming the field and what was typed kept in the form.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from litestar import Request, Response, post
from litestar.params import FromPath
from litestar.response import Redirect

from pcc_cases.domain.errors import InvalidInputError, NotFoundError, PccCasesError
from pcc_cases.domain.time import parse_date
from pcc_cases.server.gate import state_of, unit
from pcc_cases.server.pages.case import render_case
from pcc_cases.server.pages.forms import ManyForm, factors_from, form_caller, one
from pcc_cases.services import cases as handling
from pcc_cases.services.ports import UnitOfWorkPort
from pcc_cases.services.settings import Settings
from pcc_cases.translation import N_, Phrase

Act = Callable[[UnitOfWorkPort, str, str, dict[str, Any], Settings], object]
PASSED_ON = frozenset({"permission-denied", "not-authenticated", "not-found"})
"""Refusals shown as their own page (403, login, not found), never inside the form."""


def _reason(form: dict[str, Any]) -> str | None:
    return one(form, "reason") or None


def _whole(form: dict[str, Any], name: str, what: str) -> int | None:
    """A whole number typed in ``name``, or None when left empty.

    Raises:
        InvalidInputError: not a whole number.
    """
    text = one(form, name)
    if not text:
        return None
    if not text.isdigit():
        raise InvalidInputError(
            N_("{value!r} is not {what}"), field=name, value=text, what=Phrase(what)
        )
    return int(text)


def _investigate(uow: UnitOfWorkPort, me: str, n: str, f: dict[str, Any], s: Settings) -> object:
    return handling.start_investigation(uow, me, n, _reason(f), settings=s)


def _involve(uow: UnitOfWorkPort, me: str, n: str, f: dict[str, Any], s: Settings) -> object:
    person = one(f, "person_id")
    if not person:
        raise InvalidInputError(N_("search for the person and choose them"), field="person_id")
    return handling.add_involvement(uow, me, n, person, one(f, "role"), _reason(f), settings=s)


def _remove(uow: UnitOfWorkPort, me: str, n: str, f: dict[str, Any], s: Settings) -> object:
    person, _, role = one(f, "part").partition("|")
    return handling.remove_involvement(uow, me, n, person, role, one(f, "reason"), settings=s)


def _cite(uow: UnitOfWorkPort, me: str, n: str, f: dict[str, Any], s: Settings) -> object:
    return handling.cite_clause(
        uow, me, n, one(f, "offender_id"), one(f, "clause_id"), _reason(f), settings=s
    )


def _withdraw(uow: UnitOfWorkPort, me: str, n: str, f: dict[str, Any], s: Settings) -> object:
    offender, _, clause = one(f, "citation").partition("|")
    return handling.withdraw_clause(uow, me, n, offender, clause, one(f, "reason"), settings=s)


def _assess(uow: UnitOfWorkPort, me: str, n: str, f: dict[str, Any], s: Settings) -> object:
    factors = factors_from(f)
    return handling.assess_offender(uow, me, n, one(f, "offender_id"), factors, settings=s)


def _override(uow: UnitOfWorkPort, me: str, n: str, f: dict[str, Any], s: Settings) -> object:
    level = _whole(f, "level", N_("a level from 1 to 4"))
    if level is None:
        raise InvalidInputError(N_("choose a level from 1 to 4"), field="level")
    return handling.override_severity(
        uow, me, n, one(f, "offender_id"), level, one(f, "reason"), settings=s
    )


def _decide(uow: UnitOfWorkPort, me: str, n: str, f: dict[str, Any], s: Settings) -> object:
    first = one(f, "first_day")
    return handling.decide_step(
        uow,
        me,
        n,
        one(f, "offender_id"),
        one(f, "step"),
        _whole(f, "days", N_("a number of school days")),
        _reason(f),
        first_day=parse_date(first, "first_day") if first else None,
        settings=s,
    )


def _close(uow: UnitOfWorkPort, me: str, n: str, f: dict[str, Any], s: Settings) -> object:
    return handling.close_case(uow, me, n, _reason(f), settings=s)


def _dismiss(uow: UnitOfWorkPort, me: str, n: str, f: dict[str, Any], s: Settings) -> object:
    return handling.dismiss_case(uow, me, n, one(f, "reason"), settings=s)


def _object(uow: UnitOfWorkPort, me: str, n: str, f: dict[str, Any], s: Settings) -> object:
    return handling.file_objection(uow, me, n, one(f, "reason"), settings=s)


def _review(uow: UnitOfWorkPort, me: str, n: str, f: dict[str, Any], s: Settings) -> object:
    outcome = one(f, "outcome")
    if outcome not in ("upheld", "rejected"):
        raise InvalidInputError(
            N_("choose whether the objection is upheld or rejected"), field="outcome"
        )
    return handling.decide_objection(uow, me, n, outcome == "upheld", one(f, "reason"), settings=s)


ACTS: dict[str, Act] = {
    "investigation": _investigate,
    "involvement": _involve,
    "involvement-removal": _remove,
    "clause": _cite,
    "clause-withdrawal": _withdraw,
    "assessment": _assess,
    "override": _override,
    "decision": _decide,
    "closure": _close,
    "dismissal": _dismiss,
    "objection": _object,
    "objection-decision": _review,
}
"""Every change a case page can post, by the last part of its address."""


@post(
    "/cases/{number:str}/{action:str}",
    include_in_schema=False,
    sync_to_thread=True,
    status_code=303,
)
def act(
    request: Request[Any, Any, Any], number: FromPath[str], action: FromPath[str], data: ManyForm
) -> Response[Any]:
    principal = form_caller(request, data)
    change = ACTS.get(action)
    if change is None:
        raise NotFoundError(N_("no such page"), field="path")
    if action == "involvement" and not one(data, "person_id"):
        return render_case(request, principal, number, form=data, acted=action)
    try:
        with unit(request) as uow:
            change(uow, principal.person_id, number, data, state_of(request).server.services)
    except PccCasesError as refused:
        if refused.code in PASSED_ON:
            raise
        return render_case(request, principal, number, refused, data, action)
    return Redirect(f"/cases/{number}", status_code=303)
