"""Rendering a page: the layout, the language, the navigation the person's roles give,
and the CSRF token every form carries.

Titles name the page, never a person; addresses carry case numbers at most. Texts are
English message ids translated through the catalogues, as everywhere else.
"""

from __future__ import annotations

from typing import Any

import attrs
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from litestar import Request, Response

from pcc_cases.access import Action, Actor
from pcc_cases.domain import labels
from pcc_cases.formatting import day, moment
from pcc_cases.server.gate import state_of
from pcc_cases.server.identity import Principal
from pcc_cases.server.language import request_language
from pcc_cases.translation import N_, translate

HTML = "text/html; charset=utf-8"

_ENV = Environment(
    loader=PackageLoader("pcc_cases.server", "templates"),
    autoescape=select_autoescape(["html", "j2"]),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


@attrs.frozen
class NavItem:
    href: str
    label: str  # an English message id
    needs: Action | None


NAVIGATION = (
    NavItem("/", N_("My overview"), None),
    NavItem("/duties", N_("Duties"), Action.HANDLE),
    NavItem("/reports", N_("Reports"), Action.REPORT),
    NavItem("/privacy", N_("Privacy"), Action.SUBJECT_ACCESS),
    NavItem("/admin", N_("Administration"), Action.MANAGE_ACCOUNTS),
)
"""The main menu; an item shows only to someone the permission table gives its action."""


@attrs.frozen
class Viewer:
    """Who looks at the page: their name, the menu they get, and their CSRF token."""

    person_id: str
    name: str
    actor: Actor
    csrf: str


def viewer(uow: Any, principal: Principal) -> Viewer:
    person = uow.people.get(principal.person_id)
    actor = Actor(person, uow.people.mentees(person.id))
    csrf = principal.session.csrf_token if principal.session else ""
    return Viewer(person.id, f"{person.first_name} {person.last_name}", actor, csrf)


def page(
    request: Request[Any, Any, Any],
    template: str,
    title: str,
    who: Viewer | None = None,
    *,
    status: int = 200,
    title_params: dict[str, str] | None = None,
    **context: Any,
) -> Response[str]:
    """``template`` rendered in the request's language, inside the layout."""
    lang = request_language(request)
    policy = state_of(request).server.services.policy

    def gettext(message: str, **params: Any) -> str:
        text = translate(message, lang)
        return text.format(**params) if params else text

    nav = [
        {"href": item.href, "label": gettext(item.label), "current": request.url.path == item.href}
        for item in NAVIGATION
        if who is not None and (item.needs is None or who.actor.may(item.needs))
    ]
    html = _ENV.get_template(template).render(
        _=gettext,
        lang=lang,
        title=gettext(title, **(title_params or {})),
        me=who,
        nav=nav,
        csrf=who.csrf if who else "",
        label=lambda kind, code: labels.label(kind, str(code), lang),
        duty_label=lambda kind: labels.duty_label(policy, kind, lang),
        step_label=lambda step: labels.step_label(policy, step, lang),
        day=lambda value: "" if value is None else day(value, lang),
        moment=lambda value: "" if value is None else moment(value, lang),
        **context,
    )
    return Response(html, status_code=status, media_type=HTML)
