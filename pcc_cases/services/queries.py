"""Reading cases and obligations, within the actor's scope; every read of details is logged."""

from __future__ import annotations

import attrs

from pcc_cases.access import Action
from pcc_cases.domain.case import Case
from pcc_cases.domain.case_parts import Obligation
from pcc_cases.domain.checks import parse_obligation_id
from pcc_cases.domain.errors import InvalidInputError
from pcc_cases.domain.lifecycle import CaseState
from pcc_cases.domain.time import local_date
from pcc_cases.services.guard import authorize, load_actor, log_read
from pcc_cases.services.ports import UnitOfWorkPort
from pcc_cases.services.settings import DEFAULT_SETTINGS, Settings


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
    case = uow.cases.get(number)
    authorize(uow, actor, Action.VIEW, case, settings)
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
    settings: Settings = DEFAULT_SETTINGS,
) -> list[Case]:
    """The cases the actor may see, filtered; a list shows no details, so it is not logged.

    Raises:
        InvalidInputError: an unknown state.
        PermissionDeniedError: no actor, or one who is unknown or not active staff.
    """
    if state is not None:
        try:
            state = CaseState(state).value
        except ValueError:
            allowed = ", ".join(s.value for s in CaseState)
            raise InvalidInputError(f"{state!r} is not one of {allowed}", field="state") from None
    actor = load_actor(uow, actor_id, settings)
    found = uow.cases.find(state=state, location=location, school_year=school_year)
    return [case for case in found if actor.may(Action.VIEW, case)]


def list_obligations(
    uow: UnitOfWorkPort,
    actor_id: str | None,
    *,
    overdue_only: bool = False,
    settings: Settings = DEFAULT_SETTINGS,
) -> list[ObligationView]:
    """Open legal obligations of the cases the actor handles, by due date.

    Raises:
        PermissionDeniedError: no actor, or one who is unknown or not active staff.
    """
    actor = load_actor(uow, actor_id, settings)
    today = local_date(settings.clock())
    views = [
        ObligationView(case.number or "", case.location, o, o.is_overdue(today))
        for case in uow.cases.find(open_obligations_only=True)
        if actor.may(Action.HANDLE, case)
        for o in case.obligations
        if o.done_on is None
    ]
    if overdue_only:
        views = [v for v in views if v.overdue]
    return sorted(views, key=lambda v: (v.obligation.due_on, v.case_number, v.obligation.seq))


# Re-exported: the services' public name for the id parser of the domain.
__all__ = ["ObligationView", "list_cases", "list_obligations", "parse_obligation_id", "show_case"]
