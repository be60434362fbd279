"""Reading cases and obligations, within the actor's scope; every read of details is logged."""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from pcc_cases.access import Action
from pcc_cases.domain.case import Case
from pcc_cases.domain.case_parts import Obligation
from pcc_cases.domain.checks import parse_obligation_id, row_limit, row_offset, search_text
from pcc_cases.domain.errors import InvalidInputError
from pcc_cases.domain.lifecycle import CaseState
from pcc_cases.domain.people import Person, fold
from pcc_cases.domain.time import check_year, local_date
from pcc_cases.services.guard import load_actor, log_list, log_read, reach_case
from pcc_cases.services.ports import UnitOfWorkPort
from pcc_cases.services.settings import DEFAULT_SETTINGS, Settings
from pcc_cases.translation import N_


@attrs.frozen
class ObligationView:
    """An obligation with its case, and whether it is overdue today."""

    case_number: str
    location: str
    obligation: Obligation
    overdue: bool

    @property
    def id(self) -> str:
        """How the command line names it: case number and sequence, '2025-0012/2'."""
        return f"{self.case_number}/{self.obligation.seq}"


def show_case(
    uow: UnitOfWorkPort, actor_id: str | None, number: str, *, settings: Settings = DEFAULT_SETTINGS
) -> Case:
    """A case with everything it holds; the read is written to the access log.

    Raises:
        NotFoundError: no case with that number.
        PermissionDeniedError: the actor may not view this case (logged).
    """
    actor = load_actor(uow, actor_id, settings)
    case = reach_case(uow, actor, Action.VIEW, number, settings)
    log_read(uow, actor, "view", settings.clock(), case.number)
    uow.commit()
    return case


def list_cases(
    uow: UnitOfWorkPort,
    actor_id: str | None,
    *,
    state: str | None = None,
    location: str | None = None,
    school_year: int | None = None,
    search: str | None = None,
    limit: int | None = None,
    offset: int = 0,
    open_only: bool = False,
    settings: Settings = DEFAULT_SETTINGS,
) -> list[Case]:
    """The cases the actor may see, filtered; the list is logged with its filter and size.

    ``open_only`` leaves out closed and dismissed cases (in the query, not after it).

    ``search`` keeps the cases whose number, or the name or id of someone involved,
    contains the text (ignoring case and accents); ``limit`` keeps the first that many
    after passing over ``offset`` (paging).

    Raises:
        InvalidInputError: an unknown state, an empty search, a limit below 1 or a
            negative offset; a school year outside 1900 to 2100 (``TimeInputError``).
        PermissionDeniedError: no actor, or one who is unknown or not active staff.
    """
    search, limit = search_text(search), row_limit(limit)
    offset = row_offset(offset)
    if school_year is not None:
        check_year(school_year, school_year, "school_year")
    if state is not None:
        try:
            state = CaseState(state).value
        except ValueError:
            allowed = ", ".join(s.value for s in CaseState)
            raise InvalidInputError(
                N_("{state!r} is not one of {allowed}"), field="state", state=state, allowed=allowed
            ) from None
    actor = load_actor(uow, actor_id, settings)
    found = uow.cases.find(
        state=state, location=location, school_year=school_year, open_only=open_only
    )
    offenders = _offenders_of(uow, found)
    visible = [case for case in found if actor.may(Action.VIEW, case, offenders)]
    if search is not None:
        visible = _cases_matching(uow, visible, search)
    shown = visible[offset:][:limit]
    filters = {"state": state, "location": location, "school_year": school_year, "offset": offset}
    log_list(uow, actor, "list-cases", settings, filters | {"search": search}, len(shown))
    return shown


def _offenders_of(uow: UnitOfWorkPort, cases: Iterable[Case]) -> dict[str, Person]:
    """The offenders of ``cases``, by id, in one query: scope is decided by them."""
    return uow.people.find_many(sorted({o for case in cases for o in case.offender_ids}))


def _cases_matching(uow: UnitOfWorkPort, cases: list[Case], search: str) -> list[Case]:
    ids = {i.person_id for case in cases for i in case.involvements}
    matching = {pid for pid, p in uow.people.find_many(sorted(ids)).items() if p.matches(search)}
    wanted = fold(search)
    return [
        case
        for case in cases
        if wanted in fold(case.number or "")
        or any(i.person_id in matching for i in case.involvements)
    ]


def _duties_matching(
    uow: UnitOfWorkPort, views: list[ObligationView], search: str
) -> list[ObligationView]:
    ids = sorted({v.obligation.offender_id for v in views if v.obligation.offender_id})
    matching = {pid for pid, p in uow.people.find_many(ids).items() if p.matches(search)}
    wanted = fold(search)
    return [
        v for v in views if wanted in fold(v.case_number) or v.obligation.offender_id in matching
    ]


def reachable_locations(
    uow: UnitOfWorkPort, actor_id: str | None, *, settings: Settings = DEFAULT_SETTINGS
) -> list[str]:
    """The locations whose cases the actor may see: all for the board, else their own.

    For choosing a location (shell completion, a form): nobody learns of locations
    beyond their reach.

    Raises:
        PermissionDeniedError: no actor, or one who is unknown or not active staff.
    """
    actor = load_actor(uow, actor_id, settings)
    if actor.report_locations(Action.VIEW) is None:
        return sorted(uow.people.locations())
    return [actor.person.location] if actor.person.location else []


def person_labels(
    uow: UnitOfWorkPort,
    actor_id: str | None,
    person_ids: Iterable[str],
    *,
    settings: Settings = DEFAULT_SETTINGS,
) -> dict[str, str]:
    """How lists name people (``L100002 Isabel Schelvis (2B)``), by id.

    Only people the actor may see get their name; anyone else, and an id nobody has, is
    shown as the id (the same for both).

    Raises:
        PermissionDeniedError: no actor, or one who is unknown or not active staff.
    """
    actor = load_actor(uow, actor_id, settings)
    wanted = sorted(set(person_ids))
    found = {
        pid: person
        for pid, person in uow.people.find_many(wanted).items()
        if actor.may_see_person(person)
    }
    return {pid: found[pid].label if pid in found else pid for pid in wanted}


def list_obligations(
    uow: UnitOfWorkPort,
    actor_id: str | None,
    *,
    overdue_only: bool = False,
    search: str | None = None,
    limit: int | None = None,
    offset: int = 0,
    settings: Settings = DEFAULT_SETTINGS,
) -> list[ObligationView]:
    """Open legal obligations of the cases the actor handles, by due date (terms, such as
    the objection term, are no task and are left out; the case shows them).

    ``search`` keeps the duties whose case number, or whose offender's name or id,
    contains the text; ``limit`` keeps the first that many after passing over ``offset``.

    Raises:
        InvalidInputError: an empty search, a limit below 1 or a negative offset.
        PermissionDeniedError: no actor, or one who is unknown or not active staff.
    """
    search, limit = search_text(search), row_limit(limit)
    offset = row_offset(offset)
    actor = load_actor(uow, actor_id, settings)
    today = local_date(settings.clock())
    cases = uow.cases.find(open_obligations_only=True)
    offenders = _offenders_of(uow, cases)
    views = [
        ObligationView(case.number or "", case.location, o, o.is_overdue(today))
        for case in cases
        if actor.may(Action.HANDLE, case, offenders)
        for o in case.obligations
        if o.is_open  # not done, and not a term (the objection term is no task)
    ]
    if overdue_only:
        views = [v for v in views if v.overdue]
    if search is not None:
        views = _duties_matching(uow, views, search)
    views.sort(key=lambda v: (v.obligation.due_on, v.case_number, v.obligation.seq))
    shown = views[offset:][:limit]
    filters = {"overdue_only": overdue_only, "search": search, "offset": offset}
    log_list(uow, actor, "list-obligations", settings, filters, len(shown))
    return shown


# Re-exported: the services' public name for the id parser of the domain.
__all__ = [
    "ObligationView",
    "list_cases",
    "list_obligations",
    "parse_obligation_id",
    "person_labels",
    "reachable_locations",
    "show_case",
]
