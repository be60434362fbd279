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
from pcc_cases.domain.checks import row_limit, text_value
from pcc_cases.domain.people import Person
from pcc_cases.domain.period import Period
from pcc_cases.domain.snapshot import case_snapshot, person_record
from pcc_cases.privacy.scrub import Scrubber, Subject
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


PLACEHOLDER_WORDS = {"student": "leerling", "staff": "medewerker"}
"""Placeholder words per kind of person; anyone else (parents, unknown ids): betrokkene."""


def export_person(
    uow: UnitOfWork,
    actor_id: str | None,
    person_id: str,
    *,
    show_others_because: str | None = None,
    settings: Settings = DEFAULT_SETTINGS,
) -> dict[str, Any]:
    """The person's record, their cases with their roles, and who looked at those cases.

    Every other person in it (other children, parents, staff) is replaced by a stable
    placeholder ("leerling 1", "medewerker 2", "betrokkene 3"), in id fields and as whole
    tokens in the free text, because their data is not the requester's (AVG art. 15(4)).
    ``show_others_because`` (a reason, logged) shows them; the reporter of a case in which
    the person is an offender stays a placeholder even then.

    Raises:
        NotFoundError: no person with that id.
        PermissionDeniedError: the actor may not export people (fg; logged).
        InvalidInputError: an empty or unusable reason for showing the others.
    """
    actor = load_actor(uow, actor_id, settings)
    authorize(uow, actor, Action.SUBJECT_ACCESS, None, settings)
    if show_others_because is not None:
        show_others_because = text_value(show_others_because, "reason", 2000)
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
    entries = [*log, *about_person]
    hidden = _people_to_hide(cases, entries, person, reveal=show_others_because is not None)
    placeholders = _placeholders(uow, hidden)
    scrubber = Scrubber(
        Subject(other_id, label, *_names(uow, other_id), frozenset(numbers))
        for other_id, label in placeholders.items()
    )
    record = person_record(person)
    if record["mentor_id"] in placeholders:
        record["mentor_id"] = placeholders[record["mentor_id"]]
    now = settings.clock()
    result = {
        "generated_at": now.in_timezone("UTC").replace(microsecond=0).isoformat(),
        "person": record,
        "others_shown": show_others_because is not None,
        "cases": [scrubber.data(_case_part(case, person_id), numbers) for case in cases],
        "access_log": [scrubber.data(entry_json(e), numbers) for e in entries],
    }
    detail = f"others shown: {show_others_because}" if show_others_because else None
    log_read(uow, actor, "subject-access", now, person_id=person_id, detail=detail)
    uow.commit()
    return result


def _people_to_hide(
    cases: Sequence[Case], entries: Sequence[AccessEntry], person: Person, *, reveal: bool
) -> list[str]:
    """Everyone else in the export, in order of first appearance (placeholders stay stable:
    the same export numbers them the same way every time).
    """
    found: dict[str, None] = {}
    for case in cases:
        offender = any(v.offender_id == person.id for v in case.violations)
        for involvement in case.involvements:
            is_reporter = involvement.role.value == "reporter"
            if not reveal or (offender and is_reporter):
                found.setdefault(involvement.person_id)
        if reveal:
            continue
        for event in case.events:
            found.setdefault(event.actor_id)
        for decision in case.decisions:
            found.setdefault(decision.decided_by)
        for obligation in case.obligations:
            if obligation.done_by:
                found.setdefault(obligation.done_by)
        for assessment in case.assessments:
            found.setdefault(assessment.assessed_by)
    if not reveal:
        for entry in entries:
            found.setdefault(entry.actor_id)
            if entry.person_id:
                found.setdefault(entry.person_id)
        if person.mentor_id:
            found.setdefault(person.mentor_id)
    found.pop(person.id, None)
    return list(found)


def _placeholders(uow: UnitOfWork, ids: Sequence[str]) -> dict[str, str]:
    counts: dict[str, int] = {}
    labels = {}
    for other_id in ids:
        kind = _kind(uow, other_id)
        word = PLACEHOLDER_WORDS.get(kind, "betrokkene")
        counts[word] = counts.get(word, 0) + 1
        labels[other_id] = f"{word} {counts[word]}"
    return labels


def _kind(uow: UnitOfWork, person_id: str) -> str:
    person = uow.people.find(person_id)
    return person.kind.value if person is not None else ""


def _names(uow: UnitOfWork, person_id: str) -> tuple[str, str]:
    person = uow.people.find(person_id)
    return (person.first_name, person.last_name) if person is not None else ("", "")


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
            e
            for e in data["events"]
            if e["actor_id"] == person_id or _names_id(e["data"], person_id)
        ],
    }


def _names_id(data: Any, person_id: str) -> bool:
    """Whether JSON ``data`` holds ``person_id`` as a value (exactly, at any depth)."""
    if isinstance(data, str):
        return data == person_id
    if isinstance(data, list):
        return any(_names_id(item, person_id) for item in data)
    if isinstance(data, dict):
        return any(_names_id(item, person_id) for item in data.values())
    return False


def read_access_log(
    uow: UnitOfWork,
    actor_id: str | None,
    *,
    person_id: str | None = None,
    case_number: str | None = None,
    by: str | None = None,
    period: Period | None = None,
    refused_only: bool = False,
    newest: int | None = None,
    settings: Settings = DEFAULT_SETTINGS,
) -> list[AccessEntry]:
    """Entries about a person (their record and their cases), a case, or all of them;
    narrowed to one actor (``by``), a period, or the refusals. ``newest`` keeps only that
    many of the latest, newest first; otherwise all, oldest first.

    Raises:
        PermissionDeniedError: the actor may not read the access log (fg; logged).
        InvalidInputError: ``newest`` below 1.
    """
    actor = load_actor(uow, actor_id, settings)
    authorize(uow, actor, Action.READ_ACCESS_LOG, None, settings)
    log = t.access_log
    query = select(AccessEntry).order_by(log.c.id)
    conditions = []
    if person_id is not None:
        numbers = [c.number for c in cases_of_person(uow, person_id)]
        conditions.append(or_(log.c.person_id == person_id, log.c.case_number.in_(numbers)))
    if case_number is not None:
        conditions.append(log.c.case_number == case_number)
    if by is not None:
        conditions.append(log.c.actor_id == by)
    if period is not None:
        conditions += [log.c.at >= period.start_utc, log.c.at < period.end_utc]
    if refused_only:
        conditions.append(log.c.allowed.is_(False))
    if newest is not None:
        query = query.order_by(None).order_by(log.c.id.desc()).limit(row_limit(newest))
    entries = list(session_of(uow).scalars(query.where(*conditions)))
    log_read(uow, actor, "read-access-log", settings.clock(), case_number, person_id)
    uow.commit()
    return entries
