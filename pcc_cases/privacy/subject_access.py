"""Everything held about one person (AVG art. 15), and reading the access log."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import or_, select

from pcc_cases.access import Action
from pcc_cases.adapters import tables as t
from pcc_cases.adapters.unit_of_work import UnitOfWork, session_of
from pcc_cases.domain.access_log import AccessEntry
from pcc_cases.domain.case import Case
from pcc_cases.domain.snapshot import case_snapshot, person_record
from pcc_cases.services.guard import authorize, load_actor, log_read
from pcc_cases.services.settings import DEFAULT_SETTINGS, Settings


def cases_of_person(uow: UnitOfWork, person_id: str) -> Sequence[Case]:
    involved = select(t.case_involvements.c.case_id).where(
        t.case_involvements.c.person_id == person_id
    )
    return (
        session_of(uow)
        .scalars(select(Case).where(t.cases.c.id.in_(involved)).order_by(t.cases.c.id))
        .all()
    )


def entry_json(entry: AccessEntry) -> dict[str, Any]:
    return {
        "at": entry.at.isoformat(),
        "actor_id": entry.actor_id,
        "action": entry.action,
        "allowed": entry.allowed,
        "case_number": entry.case_number,
        "person_id": entry.person_id,
        "detail": entry.detail,
    }


def export_person(
    uow: UnitOfWork, actor_id: str | None, person_id: str, *, settings: Settings = DEFAULT_SETTINGS
) -> dict[str, Any]:
    """The person's record, their cases with their roles, and who looked at those cases.

    Raises:
        NotFoundError: no person with that id.
        PermissionDeniedError: the actor may not export people (fg; logged).
    """
    actor = load_actor(uow, actor_id, settings)
    authorize(uow, actor, Action.SUBJECT_ACCESS, None, settings)
    person = uow.people.get(person_id)
    cases = cases_of_person(uow, person_id)
    numbers = [c.number or "" for c in cases]
    log = uow.access_log.entries(case_numbers=numbers) if numbers else []
    about_person = (
        session_of(uow)
        .scalars(
            select(AccessEntry)
            .where(t.access_log.c.person_id == person_id)
            .order_by(t.access_log.c.id)
        )
        .all()
    )
    result = {
        "person": person_record(person),
        "cases": [_case_part(case, person_id) for case in cases],
        "access_log": [entry_json(e) for e in [*log, *about_person]],
    }
    log_read(uow, actor, "subject-access", settings.clock(), person_id=person_id)
    uow.commit()
    return result


def _case_part(case: Case, person_id: str) -> dict[str, Any]:
    data = case_snapshot(case)
    return {
        "number": case.number,
        "roles": sorted({i.role.value for i in case.involvements if i.person_id == person_id}),
        "occurred_at": data["occurred_at"],
        "location": case.location,
        "platform": case.platform.value,
        "summary": case.summary,
        "state": case.state.value,
        "clauses": sorted({v.clause_id for v in case.violations if v.offender_id == person_id}),
        "assessments": [a for a in data["assessments"] if a["offender_id"] == person_id],
        "decisions": [d for d in data["decisions"] if d["offender_id"] == person_id],
        "obligations": [o for o in data["obligations"] if o["offender_id"] == person_id],
        "events_naming_them": [
            e for e in data["events"] if e["actor_id"] == person_id or person_id in str(e["data"])
        ],
    }


def read_access_log(
    uow: UnitOfWork,
    actor_id: str | None,
    *,
    person_id: str | None = None,
    case_number: str | None = None,
    settings: Settings = DEFAULT_SETTINGS,
) -> list[AccessEntry]:
    """Entries about a person (their record and their cases), a case, or all of them.

    Raises:
        PermissionDeniedError: the actor may not read the access log (fg; logged).
    """
    actor = load_actor(uow, actor_id, settings)
    authorize(uow, actor, Action.READ_ACCESS_LOG, None, settings)
    query = select(AccessEntry).order_by(t.access_log.c.id)
    conditions = []
    if person_id is not None:
        numbers = [c.number for c in cases_of_person(uow, person_id)]
        conditions.append(
            or_(t.access_log.c.person_id == person_id, t.access_log.c.case_number.in_(numbers))
        )
    if case_number is not None:
        conditions.append(t.access_log.c.case_number == case_number)
    entries = list(session_of(uow).scalars(query.where(*conditions)))
    log_read(uow, actor, "read-access-log", settings.clock(), case_number, person_id)
    uow.commit()
    return entries
