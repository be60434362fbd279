"""Who is acting, whether they may, and the access log of reads and refusals."""

from __future__ import annotations

from collections.abc import Mapping
from typing import NoReturn

import pendulum

from pcc_cases.access import Action, Actor
from pcc_cases.domain.access_log import AccessEntry
from pcc_cases.domain.case import Case
from pcc_cases.domain.errors import NotFoundError, PccCasesError, PermissionDeniedError
from pcc_cases.domain.people import is_person_id
from pcc_cases.domain.time import local_date
from pcc_cases.services.ports import UnitOfWorkPort
from pcc_cases.services.settings import Settings
from pcc_cases.translation import N_


def load_actor(uow: UnitOfWorkPort, actor_id: str | None, settings: Settings) -> Actor:
    """The acting staff member; anyone else (unknown, not staff, left) is refused."""
    now = settings.clock()
    if not actor_id:
        raise PermissionDeniedError(N_("no actor given: say who is acting"), field="actor_id")
    if not is_person_id(actor_id):
        shown = ascii(actor_id)[:100]  # no column or terminal gets what it cannot take
        refuse(uow, shown, "identify", now, None, f"unknown actor {shown}")
    person = uow.people.find(actor_id)
    if person is None:
        refuse(uow, actor_id, "identify", now, None, f"unknown actor {actor_id!r}")
    actor = Actor(person, uow.people.mentees(person.id))
    if not actor.active_on(local_date(now)):
        refuse(uow, actor_id, "identify", now, None, f"{actor_id} is not active staff")
    return actor


def authorize(
    uow: UnitOfWorkPort, actor: Actor, action: Action, case: Case | None, settings: Settings
) -> None:
    """Refuse (and log the refusal) unless the permission table allows ``action``."""
    offenders = uow.people.find_many(case.offender_ids) if case is not None else {}
    if not actor.may(action, case, offenders):
        number = case.number if case is not None else None
        refuse(uow, actor.id, action.value, settings.clock(), number, actor.refusal(action, case))


def reach_case(
    uow: UnitOfWorkPort, actor: Actor, action: Action, number: str, settings: Settings
) -> Case:
    """The case ``number``, if ``actor`` may ``action`` on it.

    A case that does not exist and one the actor may not see get the same answer, so
    that nobody learns which numbers exist; the access log keeps the real reason. One the
    actor sees but may not act on is refused as such.
    """
    case = uow.cases.find_numbers([number]).get(number)
    offenders = uow.people.find_many(case.offender_ids) if case is not None else {}
    if case is None or not (
        actor.may(Action.VIEW, case, offenders) or actor.may(action, case, offenders)
    ):
        reason = actor.refusal(action, case) if case is not None else "no such case"
        refuse(
            uow,
            actor.id,
            action.value,
            settings.clock(),
            number if case is not None else None,
            f"{reason} (requested {number!r})",
            shown=NotFoundError(N_("there is no case {number!r} that you may see"), number=number),
        )
    if not actor.may(action, case, offenders):
        refuse(uow, actor.id, action.value, settings.clock(), number, actor.refusal(action, case))
    return case


def refuse(
    uow: UnitOfWorkPort,
    actor_id: str,
    action: str,
    at: pendulum.DateTime,
    case_number: str | None,
    message: str,
    person_id: str | None = None,
    shown: PccCasesError | None = None,
) -> NoReturn:
    """Log the refusal in a transaction of its own (nothing else is kept), then raise
    ``shown`` (by default a ``PermissionDeniedError`` with the logged message).
    """
    uow.rollback()
    uow.access_log.add(
        AccessEntry(
            at=at,
            actor_id=actor_id[:100],
            action=action,
            allowed=False,
            case_number=case_number,
            person_id=person_id,
            detail=message[:2000],
        )
    )
    uow.commit()
    raise shown or PermissionDeniedError(message)


def log_read(
    uow: UnitOfWorkPort,
    actor: Actor,
    action: str,
    at: pendulum.DateTime,
    case_number: str | None = None,
    person_id: str | None = None,
    detail: str | None = None,
) -> None:
    uow.access_log.add(
        AccessEntry(
            at=at,
            actor_id=actor.id,
            action=action,
            allowed=True,
            case_number=case_number,
            person_id=person_id,
            detail=detail,
        )
    )


def log_list(
    uow: UnitOfWorkPort,
    actor: Actor,
    action: str,
    settings: Settings,
    filters: Mapping[str, object],
    rows: int,
) -> None:
    """Log a list that shows personal data: who, which filter, how many rows; committed."""
    given = ", ".join(f"{k}={v!r}" for k, v in filters.items() if v not in (None, False))
    uow.access_log.add(
        AccessEntry(
            at=settings.clock(),
            actor_id=actor.id,
            action=action,
            allowed=True,
            detail=f"{rows} rows; filter: {given or 'none'}"[:2000],
        )
    )
    uow.commit()
