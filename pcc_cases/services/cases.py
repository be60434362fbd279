"""Use cases on cases: each takes a unit of work, the actor's id and primitives, and is one
transaction. Permission is checked before anything changes; a refusal is logged.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import TypeVar

import pendulum

from pcc_cases.access import Action, Actor
from pcc_cases.domain.case import MAX_LOCATION, Case
from pcc_cases.domain.case_parts import Assessment, Decision, Evidence, Obligation
from pcc_cases.domain.checks import (
    calendar_day,
    id_list,
    instant,
    parse_obligation_id,
    required_text,
)
from pcc_cases.domain.errors import InvalidInputError, PermissionDeniedError, choices
from pcc_cases.domain.factors import Factors
from pcc_cases.domain.people import PersonKind
from pcc_cases.domain.policy import Recommendation
from pcc_cases.services.guard import authorize, load_actor, log_read, reach_case, refuse
from pcc_cases.services.ports import UnitOfWorkPort
from pcc_cases.services.settings import DEFAULT_SETTINGS, Settings
from pcc_cases.translation import N_

T = TypeVar("T")


def record_incident(
    uow: UnitOfWorkPort,
    actor_id: str | None,
    *,
    occurred_at: dt.datetime,
    platform: str,
    location: str,
    summary: str,
    offenders: Sequence[str],
    clauses: Sequence[str],
    targets: Sequence[str] = (),
    witnesses: Sequence[str] = (),
    reporter: str | None = None,
    factors: Factors | None = None,
    evidence: Sequence[Evidence] = (),
    settings: Settings = DEFAULT_SETTINGS,
) -> Case:
    """Record a new incident; every clause is cited against every offender.

    With ``factors``, every offender is assessed straight away. Returns the stored case,
    whose ``number`` is new.

    Raises:
        InvalidInputError: an unknown person or location, an empty summary, an offender
            without a clause, a clause that does not apply to the person's kind.
        ProtocolError: a clause the protocol does not have or that cannot be cited.
        TimeInputError: ``occurred_at`` without a time zone or after the report.
        PermissionDeniedError: the actor may not record this case (logged).
    """
    offenders, clauses = id_list(offenders, "offenders"), id_list(clauses, "clauses")
    targets, witnesses = id_list(targets, "targets"), id_list(witnesses, "witnesses")
    occurred_at = instant(occurred_at, "occurred_at")
    location = required_text(location, "location", MAX_LOCATION, one_line=True)
    actor = load_actor(uow, actor_id, settings)
    now = settings.clock()
    involvements = [(o, "offender") for o in offenders]
    involvements += [(p, "target") for p in targets] + [(p, "witness") for p in witnesses]
    if reporter:
        involvements.append((reporter, "reporter"))
    _check_location(uow, actor, location)
    people = known_people(uow, [p for p, _role in involvements], actor, now)
    case = Case.record(
        protocol=settings.protocol,
        policy=settings.policy,
        occurred_at=occurred_at,
        reported_at=now,
        platform=platform,
        location=location,
        summary=summary,
        involvements=involvements,
        violations=[(o, c) for o in offenders for c in clauses],
        person_kinds=people,
        recorded_by=actor.id,
        evidence=evidence,
    )
    authorize(uow, actor, Action.RECORD, case, settings)
    if factors is not None:
        for offender in case.offender_ids:
            case.assess(offender, factors, settings.protocol, settings.policy, actor.id, now)
    uow.cases.add(case)
    uow.commit()
    return case


def start_investigation(
    uow: UnitOfWorkPort,
    actor_id: str | None,
    number: str,
    reason: str | None = None,
    *,
    settings: Settings = DEFAULT_SETTINGS,
) -> Case:
    """Start the investigation of a reported case.

    Raises:
        NotFoundError: no case with that number.
        PermissionDeniedError: the actor may not handle this case (logged).
        IllegalTransitionError: the case is not in state reported.
    """

    def change(case: Case, actor: Actor, now: pendulum.DateTime) -> Case:
        case.start_investigation(actor.id, now, reason)
        return case

    return _change(uow, actor_id, number, Action.HANDLE, change, settings)


def add_involvement(
    uow: UnitOfWorkPort,
    actor_id: str | None,
    number: str,
    person_id: str,
    role: str,
    reason: str | None = None,
    *,
    settings: Settings = DEFAULT_SETTINGS,
) -> Case:
    """Add a person to a case; a new offender sends an assessed case back to investigation.

    Raises:
        InvalidInputError: an unknown person or role, or the person already has that role.
        NotFoundError: no case with that number.
        PermissionDeniedError: the actor may not handle this case (logged).
        IllegalTransitionError: the case is decided, closed or dismissed.
    """

    def change(case: Case, actor: Actor, now: pendulum.DateTime) -> Case:
        kinds = known_people(uow, [person_id], actor, now)
        case.add_involvement(
            person_id, role, actor.id, now, reason, policy=settings.policy, person_kinds=kinds
        )
        return case

    return _change(uow, actor_id, number, Action.HANDLE, change, settings)


def remove_involvement(
    uow: UnitOfWorkPort,
    actor_id: str | None,
    number: str,
    person_id: str,
    role: str,
    reason: str,
    *,
    settings: Settings = DEFAULT_SETTINGS,
) -> Case:
    """Remove a person's part in a case, with a reason.

    Raises:
        InvalidInputError: the only offender, an offender with a decision, no reason.
        NotFoundError: no case with that number.
        PermissionDeniedError: the actor may not handle this case (logged).
        IllegalTransitionError: the case is decided, closed or dismissed.
    """

    def change(case: Case, actor: Actor, now: pendulum.DateTime) -> Case:
        case.remove_involvement(person_id, role, actor.id, now, reason)
        return case

    return _change(uow, actor_id, number, Action.HANDLE, change, settings)


def cite_clause(
    uow: UnitOfWorkPort,
    actor_id: str | None,
    number: str,
    offender_id: str,
    clause_id: str,
    reason: str | None = None,
    *,
    settings: Settings = DEFAULT_SETTINGS,
) -> Case:
    """Cite one more clause against an offender; an existing assessment is recomputed.

    Raises:
        InvalidInputError: the clause is cited already or does not apply to the person.
        ProtocolError: a clause the protocol does not have or that cannot be cited.
        NotFoundError: no case with that number.
        PermissionDeniedError: the actor may not handle this case (logged).
        IllegalTransitionError: the case is decided, closed or dismissed.
    """

    def change(case: Case, actor: Actor, now: pendulum.DateTime) -> Case:
        kinds = known_people(uow, [offender_id], actor, now)
        case.cite(
            offender_id, clause_id, settings.protocol, kinds, settings.policy, actor.id, now, reason
        )
        return case

    return _change(uow, actor_id, number, Action.HANDLE, change, settings)


def withdraw_clause(
    uow: UnitOfWorkPort,
    actor_id: str | None,
    number: str,
    offender_id: str,
    clause_id: str,
    reason: str,
    *,
    settings: Settings = DEFAULT_SETTINGS,
) -> Case:
    """Withdraw a clause cited against an offender, with a reason.

    Raises:
        InvalidInputError: the clause is not cited, is the only one, or no reason.
        NotFoundError: no case with that number.
        PermissionDeniedError: the actor may not handle this case (logged).
        IllegalTransitionError: the case is decided, closed or dismissed.
    """

    def change(case: Case, actor: Actor, now: pendulum.DateTime) -> Case:
        case.withdraw(
            offender_id, clause_id, settings.protocol, settings.policy, actor.id, now, reason
        )
        return case

    return _change(uow, actor_id, number, Action.HANDLE, change, settings)


def assess_offender(
    uow: UnitOfWorkPort,
    actor_id: str | None,
    number: str,
    offender_id: str,
    factors: Factors | None = None,
    *,
    override: tuple[int, str] | None = None,
    settings: Settings = DEFAULT_SETTINGS,
) -> Assessment:
    """Assess an offender from the factors and/or set the level by hand, in one transaction.

    ``override`` is ``(level, reason)``; the reason is required. When the override is
    refused, the assessment of the same call is not kept either.

    Raises:
        InvalidInputError: neither factors nor override, a bad level, a missing reason.
        NotFoundError: no such case or offender.
        PermissionDeniedError: the actor may not handle this case.
        IllegalTransitionError: the case's state does not allow an assessment.
    """
    if factors is None and override is None:
        raise InvalidInputError(N_("give the factors, an override, or both"), field="assessment")

    def change(case: Case, actor: Actor, now: pendulum.DateTime) -> Assessment:
        if factors is not None:
            case.assess(offender_id, factors, settings.protocol, settings.policy, actor.id, now)
        if override is not None:
            level, reason = override
            case.override_severity(offender_id, level, reason, actor.id, now)
        return case.assessed(offender_id)

    return _change(uow, actor_id, number, Action.HANDLE, change, settings)


def override_severity(
    uow: UnitOfWorkPort,
    actor_id: str | None,
    number: str,
    offender_id: str,
    level: int,
    reason: str,
    *,
    settings: Settings = DEFAULT_SETTINGS,
) -> Assessment:
    """Set an assessed offender's level by hand; the reason is required and kept.

    Raises:
        InvalidInputError: not assessed yet, a level outside 1 to 4, an empty reason.
        NotFoundError: no such case.
        PermissionDeniedError: the actor may not handle this case.
    """
    return assess_offender(
        uow, actor_id, number, offender_id, override=(level, reason), settings=settings
    )


def recommend_steps(
    uow: UnitOfWorkPort,
    actor_id: str | None,
    number: str,
    *,
    settings: Settings = DEFAULT_SETTINGS,
) -> dict[str, Recommendation | None]:
    """The policy's step for every assessed offender, counting their earlier decided cases.

    An offender not assessed yet gets None (the others still get theirs); an external
    offender gets the external ladder's step ("referred": the school takes no measure).

    Raises:
        NotFoundError: no case with that number.
        PermissionDeniedError: the actor may not view this case (logged).
    """
    actor = load_actor(uow, actor_id, settings)
    # Deciding's scope, not viewing's: the count of earlier cases is for who decides.
    case = reach_case(uow, actor, Action.DECIDE, number, settings)
    kinds = known_people(uow, case.offender_ids, actor, settings.clock())
    result = {
        o: case.recommendation(o, kinds[o], _prior_cases(uow, case, o, settings), settings.policy)
        if case.assessment_of(o) is not None
        else None
        for o in case.offender_ids
    }
    log_read(uow, actor, "recommend", settings.clock(), case.number)
    uow.commit()
    return result


def decide_step(
    uow: UnitOfWorkPort,
    actor_id: str | None,
    number: str,
    offender_id: str,
    step: str,
    days: int | None = None,
    reason: str | None = None,
    *,
    first_day: dt.date | None = None,
    settings: Settings = DEFAULT_SETTINGS,
) -> Decision:
    """Take an escalation step; above one's authority it is refused (and logged).

    A measure with a length starts on ``first_day`` (default: the next school day); its
    last day follows from the school calendar.

    Raises:
        InvalidInputError: not assessed yet, a step not on the ladder, a length outside
            the step's bounds, a first day that is no school day or before the decision,
            a step above the recommendation without a reason, a standing decision
            already, or a step that needs preparing (an expulsion) whose hearing or
            prior duties are not done.
        NotFoundError: no case with that number.
        PermissionDeniedError: the actor may not decide here, or not this step (logged).
        IllegalTransitionError: the case is not assessed or decided.
    """

    def change(case: Case, actor: Actor, now: pendulum.DateTime) -> Decision:
        kind = known_people(uow, [offender_id], actor, now)[offender_id]
        return case.decide(
            offender_id=offender_id,
            offender_kind=kind,
            step=step,
            decider_id=actor.id,
            decider_authority=actor.person.authority,
            prior_cases=_prior_cases(uow, case, offender_id, settings),
            policy=settings.policy,
            at=now,
            days=days,
            reason=reason,
            first_day=None if first_day is None else calendar_day(first_day, "first_day"),
            person_kinds=_kinds_of(uow, case.target_ids),
        )

    return _change(uow, actor_id, number, Action.DECIDE, change, settings)


def prepare_step(
    uow: UnitOfWorkPort,
    actor_id: str | None,
    number: str,
    offender_id: str,
    step: str,
    reason: str | None = None,
    *,
    settings: Settings = DEFAULT_SETTINGS,
) -> Case:
    """Start the preparation of a step that needs it (an expulsion): its duties (hearing,
    the Inspectie's consultation) become obligations.

    Raises:
        InvalidInputError: not assessed, a step that needs no preparation, or already
            being prepared.
        NotFoundError: no such case or offender.
        PermissionDeniedError: the actor may not decide in this case (logged).
        IllegalTransitionError: the case is not assessed or decided.
    """

    def change(case: Case, actor: Actor, now: pendulum.DateTime) -> Case:
        kind = known_people(uow, [offender_id], actor, now)[offender_id]
        case.prepare_step(offender_id, kind, step, settings.policy, actor.id, now, reason)
        return case

    return _change(uow, actor_id, number, Action.DECIDE, change, settings)


def record_hearing(
    uow: UnitOfWorkPort,
    actor_id: str | None,
    number: str,
    offender_id: str,
    *,
    held_on: dt.date,
    heard: Sequence[str],
    attendees: str,
    views: str,
    settings: Settings = DEFAULT_SETTINGS,
) -> Case:
    """Record a hearing before a prepared step: the day, who was heard (student, parents,
    teachers), who was there, and the views heard. Returns the case: the hearing is its
    last in ``hearings``, and once every party was heard its hearing duty is done.

    Raises:
        InvalidInputError: no step is being prepared, an unknown party, an empty record,
            a day in the future.
        NotFoundError: no such case or offender.
        PermissionDeniedError: the actor may not handle this case (logged).
        IllegalTransitionError: the case is not assessed or decided.
    """
    held = calendar_day(held_on, "held_on")

    def change(case: Case, actor: Actor, now: pendulum.DateTime) -> Case:
        kind = known_people(uow, [offender_id], actor, now)[offender_id]
        case.record_hearing(
            offender_id=offender_id,
            held_on=held,
            heard=heard,
            attendees=attendees,
            views=views,
            ladder=settings.policy.ladder(kind),
            actor_id=actor.id,
            at=now,
        )
        return case

    return _change(uow, actor_id, number, Action.HANDLE, change, settings)


def record_takedown(
    uow: UnitOfWorkPort,
    actor_id: str | None,
    number: str,
    evidence_no: int,
    *,
    asked_on: dt.date | None = None,
    removed_on: dt.date | None = None,
    settings: Settings = DEFAULT_SETTINGS,
) -> Evidence:
    """Record that taking a post down was asked and/or that it was removed, with the days.

    Raises:
        InvalidInputError: neither day given, or a day in the future.
        NotFoundError: no such case or evidence.
        PermissionDeniedError: the actor may not handle this case (logged).
    """
    asked = None if asked_on is None else calendar_day(asked_on, "asked_on")
    removed = None if removed_on is None else calendar_day(removed_on, "removed_on")

    def change(case: Case, actor: Actor, now: pendulum.DateTime) -> Evidence:
        return case.record_takedown(evidence_no, actor.id, now, asked_on=asked, removed_on=removed)

    return _change(uow, actor_id, number, Action.HANDLE, change, settings)


def complete_obligation(
    uow: UnitOfWorkPort,
    actor_id: str | None,
    number: str,
    seq: int | None = None,
    done_on: dt.date | None = None,
    *,
    settings: Settings = DEFAULT_SETTINGS,
) -> Obligation:
    """Mark an obligation of a case done (today, or on ``done_on``).

    The obligation is ``number`` and ``seq``, or its id as shown (``"2026-0001/2"``) as
    ``number`` alone.

    Raises:
        InvalidInputError: already done, or ``done_on`` in the future.
        NotFoundError: no such case or obligation.
        PermissionDeniedError: the actor may not handle this case (logged).
    """
    if seq is None:
        number, seq = parse_obligation_id(number)
    if done_on is not None:
        done_on = calendar_day(done_on, "done_on")
    obligation_seq = seq

    def change(case: Case, actor: Actor, now: pendulum.DateTime) -> Obligation:
        return case.complete_obligation(obligation_seq, actor.id, now, done_on)

    return _change(uow, actor_id, number, Action.HANDLE, change, settings)


def close_case(
    uow: UnitOfWorkPort,
    actor_id: str | None,
    number: str,
    reason: str | None = None,
    *,
    settings: Settings = DEFAULT_SETTINGS,
) -> Case:
    """Close a decided case; every offender must have a decision. While legal duties are
    open, a reason is required (the refusal lists them); terms do not count.

    Raises:
        InvalidInputError: an offender without a decision, or open duties and no reason.
        NotFoundError: no case with that number.
        PermissionDeniedError: the actor may not close this case (logged).
        IllegalTransitionError: the case is not decided.
    """

    def change(case: Case, actor: Actor, now: pendulum.DateTime) -> Case:
        case.close(actor.id, now, reason)
        return case

    return _change(uow, actor_id, number, Action.CLOSE, change, settings)


def dismiss_case(
    uow: UnitOfWorkPort,
    actor_id: str | None,
    number: str,
    reason: str,
    *,
    settings: Settings = DEFAULT_SETTINGS,
) -> Case:
    """Dismiss an unfounded report; the reason is required.

    Raises:
        InvalidInputError: no reason.
        NotFoundError: no case with that number.
        PermissionDeniedError: the actor may not close this case (logged).
        IllegalTransitionError: the case is closed or dismissed already.
    """

    def change(case: Case, actor: Actor, now: pendulum.DateTime) -> Case:
        case.dismiss(actor.id, now, reason)
        return case

    return _change(uow, actor_id, number, Action.CLOSE, change, settings)


def file_objection(
    uow: UnitOfWorkPort,
    actor_id: str | None,
    number: str,
    reason: str,
    *,
    settings: Settings = DEFAULT_SETTINGS,
) -> Case:
    """Register an objection (bezwaar) of the student or parents against the decisions.

    One filed after the objection term is taken and marked late in its event.

    Raises:
        InvalidInputError: no reason.
        NotFoundError: no case with that number.
        PermissionDeniedError: the actor may not handle this case (logged).
        IllegalTransitionError: the case is neither decided nor closed.
    """

    def change(case: Case, actor: Actor, now: pendulum.DateTime) -> Case:
        case.file_objection(actor.id, now, reason)
        return case

    return _change(uow, actor_id, number, Action.HANDLE, change, settings)


def decide_objection(
    uow: UnitOfWorkPort,
    actor_id: str | None,
    number: str,
    upheld: bool,
    reason: str,
    *,
    settings: Settings = DEFAULT_SETTINGS,
) -> Case:
    """Decide an objection; it needs at least the authority of the steps it reviews.

    Raises:
        InvalidInputError: no reason.
        NotFoundError: no case with that number.
        PermissionDeniedError: the actor may not review, or lacks the authority (logged).
        IllegalTransitionError: no objection is under review.
    """

    def change(case: Case, actor: Actor, now: pendulum.DateTime) -> Case:
        case.decide_objection(
            upheld,
            actor.id,
            now,
            reason,
            reviewer_authority=actor.person.authority,
            offender_kinds=known_people(uow, [d.offender_id for d in case.decisions], actor, now),
            policy=settings.policy,
        )
        return case

    return _change(uow, actor_id, number, Action.REVIEW, change, settings)


# --------------------------------------------------------------------------- helpers
def _change(
    uow: UnitOfWorkPort,
    actor_id: str | None,
    number: str,
    action: Action,
    change: Callable[[Case, Actor, pendulum.DateTime], T],
    settings: Settings,
) -> T:
    """Load, authorise, change, commit: one transaction; a refusal is logged."""
    actor = load_actor(uow, actor_id, settings)
    case = reach_case(uow, actor, action, number, settings)
    now = settings.clock()
    try:
        result = change(case, actor, now)
    except PermissionDeniedError as exc:
        refuse(uow, actor.id, action.value, now, number, str(exc))
    uow.commit()
    return result


def _prior_cases(uow: UnitOfWorkPort, case: Case, offender_id: str, settings: Settings) -> int:
    """How many earlier decided cases of the offender count for the recommendation."""
    since, until = case.prior_window(settings.policy)
    return uow.cases.count_prior_decided(offender_id, since, until, case.number)


def known_people(
    uow: UnitOfWorkPort, person_ids: Sequence[str], actor: Actor, now: pendulum.DateTime
) -> dict[str, PersonKind]:
    """The kinds of the given people; unknown ids are refused, all of them named.

    Someone the actor may not see and who is of another location than the actor's is "not
    found" too, in the same words: naming ids one by one must not tell who exists
    elsewhere. People of the actor's own location (a classmate, a teacher) and people
    without a location (parents) may be named. Both refusals are logged with the truth.
    """
    wanted = list(dict.fromkeys(person_ids))
    found = uow.people.find_many(wanted)
    here = actor.person.location
    nameable = {
        pid: person
        for pid, person in found.items()
        if actor.may_see_person(person) or person.location in (here, None)
    }
    unknown = [p for p in wanted if p not in nameable]
    if unknown:
        hidden = [p for p in unknown if p in found]
        refuse(
            uow, actor.id, "name-person", now, None,
            f"unknown: {', '.join(p for p in unknown if p not in found) or '-'}; "
            f"not theirs to name: {', '.join(hidden) or '-'}",
            shown=InvalidInputError(
                N_("person id(s) not found: {unknown}; import people first"),
                field="person_ids", unknown=", ".join(unknown),
            ),
        )  # fmt: skip
    found = nameable
    return {pid: person.kind for pid, person in found.items()}


def _kinds_of(uow: UnitOfWorkPort, person_ids: Sequence[str]) -> dict[str, PersonKind]:
    """The kinds of people already in the case (no naming check: they are in it)."""
    return {pid: person.kind for pid, person in uow.people.find_many(list(person_ids)).items()}


def _check_location(uow: UnitOfWorkPort, actor: Actor, location: str) -> None:
    """A known location; the message lists only the locations the actor may see."""
    known = uow.people.locations()
    if known and location not in known:
        if actor.report_locations(Action.VIEW) is None:
            shown = sorted(known)
        else:
            shown = [actor.person.location] if actor.person.location else []
        if not shown:
            raise InvalidInputError(
                N_("{location!r} is not a location you can choose"),
                field="location",
                location=location,
            )
        raise InvalidInputError(
            N_("{location!r} is not a location you can choose; yours: {shown}"),
            field="location",
            location=location,
            shown=choices(shown),
        )
