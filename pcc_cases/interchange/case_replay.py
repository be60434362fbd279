"""An imported case is accepted only if the services could have produced it.

Its history is replayed through the domain, event by event, with the recorded actors,
instants, reasons and choices: the same methods the services call run the same checks
(levels, ladders, lengths, clauses per kind, transitions, duties). Each actor must have
been active staff with a role that allows the event's action, and a decider the step's
authority. What the replay builds must then equal the record, field by field: a stored
level, state, decision or duty that the history does not lead to is refused.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from pcc_cases.access import Action, Actor
from pcc_cases.domain.case import Case
from pcc_cases.domain.case_parts import Event, Evidence
from pcc_cases.domain.errors import InvalidInputError, PccCasesError, Problem
from pcc_cases.domain.event_shapes import short_repr
from pcc_cases.domain.events import EventKind
from pcc_cases.domain.factors import Factors
from pcc_cases.domain.letters import letter_from_event
from pcc_cases.domain.people import AUTHORITY_RANK, Person, PersonKind
from pcc_cases.domain.snapshot import case_snapshot
from pcc_cases.domain.time import local_date
from pcc_cases.services.settings import Settings
from pcc_cases.translation import N_

K = EventKind
# The permission each kind of change needs (the services' Action for it).
EVENT_ACTIONS: Mapping[EventKind, Action] = {
    K.RECORDED: Action.RECORD,
    K.DECIDED: Action.DECIDE,
    K.STEP_PREPARED: Action.DECIDE,
    K.CLOSED: Action.CLOSE,
    K.DISMISSED: Action.CLOSE,
    K.OBJECTION_UPHELD: Action.REVIEW,
    K.OBJECTION_REJECTED: Action.REVIEW,
}
MAX_DIFFERENCES_SHOWN = 10
# Earlier decided cases raise a recommendation one step each, up to the ladder's top:
# beyond this many, no count gives another step.
_PRIOR_COUNTS = range(20)


def replay_problems(
    record: Case, people: Mapping[str, Person], locations: frozenset[str], settings: Settings
) -> list[Problem]:
    """What keeps ``record`` from being a case the services could have produced."""
    problems = _actor_problems(record.events, people)
    if locations and record.location not in locations:
        problems.append(
            Problem(
                N_("{location!r} is not a known location"),
                field="location",
                params={"location": record.location},
            )
        )
    if record.events and record.events[0].at != record.reported_at:
        problems.append(
            Problem(
                N_("the 'recorded' event must be at the instant of the report"),
                field="events[0].at",
            )
        )
    for index in range(1, len(record.events)):
        if record.events[index].at < record.events[index - 1].at:
            problems.append(
                Problem(N_("earlier than the event before it"), field=f"events[{index}].at")
            )
    now = settings.clock()
    late = [i for i, e in enumerate(record.events) if e.at > now]
    if late:
        problems.append(Problem(N_("in the future"), field=f"events[{late[0]}].at"))
    rebuilt = _rebuild(record, people, settings, problems)
    if rebuilt is not None:
        rebuilt.number = record.number
        problems += _differences(case_snapshot(rebuilt), case_snapshot(record))
    return problems


def _rebuild(
    record: Case, people: Mapping[str, Person], settings: Settings, problems: list[Problem]
) -> Case | None:
    """The case the recorded history gives, or None after the first event it cannot take."""
    kinds = {pid: person.kind for pid, person in people.items()}
    case: Case | None = None
    for index, event in enumerate(record.events):
        try:
            if case is None:
                case = _record(record, event, kinds, settings)
            else:
                _apply(case, event, people, kinds, settings)
        except PccCasesError as exc:
            field = f"events[{index}]" + (f" ({exc.field})" if exc.field else "")
            problems.append(
                Problem(
                    N_("the services refuse this {kind}: {reason}"),
                    field=field,
                    params={"kind": event.kind.value, "reason": exc},
                )
            )
            return None
        except (KeyError, TypeError, ValueError) as exc:  # data the shape check let through
            problems.append(
                Problem(
                    N_("cannot be replayed ({exc})"),
                    field=f"events[{index}].data",
                    params={"exc": exc},
                )
            )
            return None
    return case


def _record(
    record: Case, event: Event, kinds: Mapping[str, PersonKind], settings: Settings
) -> Case:
    data = event.data
    return Case.record(
        protocol=settings.protocol,
        policy=settings.policy,
        occurred_at=record.occurred_at,
        reported_at=event.at,
        platform=record.platform.value,
        location=record.location,
        summary=record.summary,
        involvements=[(p, r) for p, r in data["involvements"]],
        violations=[(o, c) for o, c in data["violations"]],
        person_kinds=kinds,
        recorded_by=event.actor_id,
        evidence=[
            Evidence.create(e.kind.value, e.reference, e.captured_at) for e in record.evidence
        ],
    )


def _apply(
    case: Case,
    event: Event,
    people: Mapping[str, Person],
    kinds: Mapping[str, PersonKind],
    settings: Settings,
) -> None:
    """The one domain method that writes an event of this kind, called as a service would."""
    actor, at, reason, data = event.actor_id, event.at, event.reason, event.data
    protocol, policy = settings.protocol, settings.policy
    match event.kind:
        case K.INVESTIGATION_STARTED:
            case.start_investigation(actor, at, reason)
        case K.INVOLVEMENT_ADDED:
            case.add_involvement(
                data["person_id"],
                data["role"],
                actor,
                at,
                reason,
                policy=policy,
                person_kinds=kinds,
            )
        case K.INVOLVEMENT_REMOVED:
            case.remove_involvement(data["person_id"], data["role"], actor, at, reason or "")
        case K.CLAUSE_CITED:
            case.cite(
                data["offender_id"], data["clause_id"], protocol, kinds, policy, actor, at, reason
            )
        case K.CLAUSE_WITHDRAWN:
            case.withdraw(
                data["offender_id"], data["clause_id"], protocol, policy, actor, at, reason or ""
            )
        case K.ASSESSED:
            case.assess(
                data["offender_id"], Factors(**data["factors"]), protocol, policy, actor, at
            )
        case K.SEVERITY_OVERRIDDEN:
            case.override_severity(data["offender_id"], data["level"], reason or "", actor, at)
        case K.DECIDED:
            _decide(case, event, people, kinds, settings)
        case K.OBLIGATION_COMPLETED:
            done_on = dt.date.fromisoformat(data["done_on"])
            case.complete_obligation(data["seq"], actor, at, done_on)
        case K.CLOSED:
            case.close(actor, at, reason)
        case K.DISMISSED:
            case.dismiss(actor, at, reason or "")
        case K.STEP_PREPARED:
            offender = data["offender_id"]
            case.prepare_step(
                offender, _kind(kinds, offender), data["step"], policy, actor, at, reason
            )
        case K.HEARING_RECORDED:
            offender = data["offender_id"]
            case.record_hearing(
                offender_id=offender,
                held_on=dt.date.fromisoformat(data["held_on"]),
                heard=data["heard"],
                attendees=data["attendees"],
                views=data["views"],
                ladder=policy.ladder(_kind(kinds, offender)),
                actor_id=actor,
                at=at,
            )
        case K.TAKEDOWN_RECORDED:
            case.record_takedown(
                data["evidence"],
                actor,
                at,
                asked_on=_day_or_none(data["asked_on"]),
                removed_on=_day_or_none(data["removed_on"]),
            )
        case K.LETTER_ISSUED:
            case.issue_letter(letter_from_event(event))
        case K.OBJECTION_FILED:
            case.file_objection(actor, at, reason or "")
        case K.OBJECTION_UPHELD | K.OBJECTION_REJECTED:
            case.decide_objection(
                event.kind is K.OBJECTION_UPHELD,
                actor,
                at,
                reason or "",
                reviewer_authority=_authority(people[actor]),
                offender_kinds=kinds,
                policy=policy,
            )
        case _:  # pragma: no cover - RECORDED twice is refused by the lifecycle check
            raise ValueError(f"{event.kind.value} cannot come after the first event")


def _decide(
    case: Case,
    event: Event,
    people: Mapping[str, Person],
    kinds: Mapping[str, PersonKind],
    settings: Settings,
) -> None:
    """Decide as recorded; the recommended step must be one some count of earlier cases
    gives (that count depends on other cases, which an import cannot see whole).
    """
    data = event.data
    offender = data["offender_id"]
    kind = _kind(kinds, offender)
    prior = next(
        (
            n
            for n in _PRIOR_COUNTS
            if case.recommendation(offender, kind, n, settings.policy).step
            == data["recommended_step"]
        ),
        None,
    )
    if prior is None:
        level = case.assessed(offender).level
        raise InvalidInputError(
            N_("the policy never recommends {recommended_step!r} for a {kind} at level {level}"),
            field="recommended_step",
            recommended_step=data["recommended_step"],
            kind=kind.value,
            level=level,
        )
    case.decide(
        offender_id=offender,
        offender_kind=kind,
        step=data["step"],
        decider_id=event.actor_id,
        decider_authority=_authority(people[event.actor_id]),
        prior_cases=prior,
        policy=settings.policy,
        at=event.at,
        days=data["days"],
        reason=event.reason,
        first_day=_day_or_none(data["first_day"]),
        person_kinds=kinds,
    )


def _kind(kinds: Mapping[str, PersonKind], person_id: str) -> PersonKind:
    """An offender's kind; one the import does not know was refused when the case was
    recorded, so the default is never used for a decision.
    """
    return kinds.get(person_id, PersonKind.STUDENT)


def _day_or_none(value: str | None) -> dt.date | None:
    return None if value is None else dt.date.fromisoformat(value)


def _authority(person: Person) -> int:
    """A person's decision rank; a pseudonym (its roles went with the purge) had the
    authority when the case was made, which was checked then.
    """
    return max(AUTHORITY_RANK.values()) if person.is_pseudonym else person.authority


def _actor_problems(events: list[Event], people: Mapping[str, Person]) -> list[Problem]:
    """Every event's actor: known active staff (on that day) whose roles allow the action."""
    problems = []
    for index, event in enumerate(events):
        where = f"events[{index}].actor_id"
        person = people.get(event.actor_id)
        if person is None:
            problems.append(
                Problem(
                    N_("{actor_id!r} is not a known person"),
                    field=where,
                    params={"actor_id": event.actor_id},
                )
            )
            continue
        if person.kind is not PersonKind.STAFF or person.has_left(local_date(event.at)):
            problems.append(
                Problem(
                    N_("{person_id} was not active staff on {at}"),
                    field=where,
                    params={"person_id": person.id, "at": local_date(event.at)},
                )
            )
            continue
        action = EVENT_ACTIONS.get(event.kind, Action.HANDLE)
        if not person.is_pseudonym and not Actor(person).scopes_for(action):
            problems.append(
                Problem(
                    N_("{person_id} has no role that may {action} cases"),
                    field=where,
                    params={"person_id": person.id, "action": action.value},
                )
            )
    return problems


def _differences(rebuilt: Any, stored: Any, where: str = "") -> list[Problem]:
    """Where the stored record departs from what its history gives, field by field."""
    found = list(_walk(rebuilt, stored, where))
    shown = found[:MAX_DIFFERENCES_SHOWN]
    if len(found) > len(shown):
        shown.append(
            Problem(
                N_("and {value} more differences"),
                field="(record)",
                params={"value": len(found) - len(shown)},
            )
        )
    return shown


def _walk(rebuilt: Any, stored: Any, where: str) -> list[Problem]:
    if isinstance(rebuilt, dict) and isinstance(stored, dict):
        found = []
        for key in dict.fromkeys([*rebuilt, *stored]):
            path = f"{where}.{key}" if where else key
            found += _walk(rebuilt.get(key), stored.get(key), path)
        return found
    if isinstance(rebuilt, list) and isinstance(stored, list):
        if len(rebuilt) != len(stored):
            return [
                Problem(
                    N_("{count} recorded, but the history gives {count2}"),
                    field=where,
                    params={"count": len(stored), "count2": len(rebuilt)},
                )
            ]
        found = []
        for index, (a, b) in enumerate(zip(rebuilt, stored, strict=True)):
            found += _walk(a, b, f"{where}[{index}]")
        return found
    if rebuilt != stored:
        return [
            Problem(
                N_("{stored} recorded, but the history gives {rebuilt}"),
                field=where,
                params={"stored": short_repr(stored), "rebuilt": short_repr(rebuilt)},
            )
        ]
    return []
