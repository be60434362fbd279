"""The retention purge: people whose data may no longer be kept are anonymised.

Two people are needed. One (fg or cvb) prepares a plan: the dry run, kept with an id and
a digest of exactly what it will do. Another (fg or cvb, not the same person) confirms
it; if the data changed since (a case reopened, a person added), the digest no longer
matches and the plan is refused.

Carrying out a plan, in one transaction: each purged person's id is replaced everywhere
by a new random pseudonym (``anon-…``), their name is dropped, their id and names are
scrubbed token by token from every free text (``scrub``), and the evidence links of their
cases are removed. Counts, severities, clauses, decisions and dates stay, so reports of
past years keep their totals. The access log is the staff's accountability: the actor of
an entry written by a staff member is never rewritten; the log has its own retention and
its entries older than that are deleted. Afterwards the database files are compacted
(``adapters.compaction``) so that what was removed is not left on disk.

Events and the access log are append-only for the application; the purge is the one
place that rewrites them, because the law requires the data to go.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import secrets

import attrs
from sqlalchemy import Connection, Engine, delete, insert, select, update
from sqlalchemy.exc import DBAPIError

from pcc_cases.access import Action
from pcc_cases.adapters import tables as t
from pcc_cases.adapters.compaction import compact
from pcc_cases.adapters.roles import is_privilege_error
from pcc_cases.adapters.unit_of_work import UnitOfWork, session_of
from pcc_cases.domain.access_log import AccessEntry
from pcc_cases.domain.checks import calendar_day
from pcc_cases.domain.errors import (
    ConflictError,
    InvalidInputError,
    NotFoundError,
    PermissionDeniedError,
)
from pcc_cases.domain.people import PSEUDONYM_PREFIX
from pcc_cases.domain.progress import Progress, no_progress
from pcc_cases.domain.time import local_date
from pcc_cases.privacy.retention import (
    PurgeCandidate,
    RetentionPolicy,
    access_log_cutoff,
    find_candidates,
    load_retention,
    policy_from_json,
)
from pcc_cases.privacy.scrub import Scrubber, Subject
from pcc_cases.services.guard import authorize, load_actor, refuse
from pcc_cases.services.settings import DEFAULT_SETTINGS, Settings
from pcc_cases.translation import N_

ANONYMOUS_NAME = "Geanonimiseerd"

# Every column that holds a person id. The access log's actor is rewritten only for
# people who are not staff (see ``_anonymise``).
PERSON_COLUMNS = [
    (t.case_involvements, "person_id"),
    (t.case_violations, "offender_id"),
    (t.case_assessments, "offender_id"),
    (t.case_assessments, "assessed_by"),
    (t.case_decisions, "offender_id"),
    (t.case_decisions, "decided_by"),
    (t.case_obligations, "offender_id"),
    (t.case_obligations, "done_by"),
    (t.case_obligations, "target_id"),
    (t.case_hearings, "offender_id"),
    (t.case_hearings, "recorded_by"),
    (t.case_events, "actor_id"),
    (t.access_log, "person_id"),
    (t.people, "mentor_id"),
]
# Every free-text column of a case (each table but ``cases`` has a ``case_id``).
FREE_TEXT = [
    (t.cases, "summary"),
    (t.case_events, "reason"),
    (t.case_decisions, "reason"),
    (t.case_assessments, "override_reason"),
    (t.case_evidence, "reference"),
    (t.case_hearings, "attendees"),
    (t.case_hearings, "views"),
]
CHANGED_TABLES = [
    t.people,
    t.cases,
    t.case_evidence,
    t.case_involvements,
    t.case_violations,
    t.case_assessments,
    t.case_decisions,
    t.case_obligations,
    t.case_hearings,
    t.case_events,
    t.access_log,
]


@attrs.frozen
class PurgePlan:
    """A prepared purge: who it will anonymise, how many old log entries go, its digest."""

    id: int
    prepared_by: str
    as_of: dt.date
    policy: RetentionPolicy
    digest: str
    purged: tuple[PurgeCandidate, ...]
    log_entries: int


@attrs.frozen
class PurgeResult:
    """What a confirmed plan did: the people and their pseudonyms, and the files."""

    plan_id: int
    purged: tuple[PurgeCandidate, ...]
    pseudonyms: dict[str, str]
    as_of: dt.date
    log_entries_deleted: int
    compacted: bool


@attrs.frozen
class PendingPlan:
    """A prepared plan that waits for its second person: what it will do, not to whom."""

    id: int
    prepared_by: str
    prepared_at: dt.datetime
    as_of: dt.date
    people: int
    log_entries: int
    digest: str


def pending_purges(
    uow: UnitOfWork, actor_id: str | None, *, settings: Settings = DEFAULT_SETTINGS
) -> list[PendingPlan]:
    """The plans prepared and not yet carried out, oldest first, for a second person.

    Raises:
        PermissionDeniedError: the actor may not purge (fg or cvb; logged).
    """
    actor = load_actor(uow, actor_id, settings)
    authorize(uow, actor, Action.PURGE, None, settings)
    plans = t.purge_plans
    rows = (
        session_of(uow)
        .connection()
        .execute(select(plans).where(plans.c.confirmed_by.is_(None)).order_by(plans.c.id))
    )
    return [
        PendingPlan(
            id=row.id,
            prepared_by=row.prepared_by,
            prepared_at=row.prepared_at,
            as_of=calendar_day(row.as_of, "as_of"),
            people=row.people,
            log_entries=row.log_entries,
            digest=row.digest,
        )
        for row in rows
    ]


def prepare_purge(
    uow: UnitOfWork,
    actor_id: str | None,
    *,
    as_of: dt.date | None = None,
    policy: RetentionPolicy | None = None,
    settings: Settings = DEFAULT_SETTINGS,
) -> PurgePlan:
    """Work out who the retention policy lets go on ``as_of`` (default today) and keep it
    as a plan for a second person to confirm. Nothing else changes.

    Raises:
        PermissionDeniedError: the actor may not purge (fg or cvb; logged).
        InvalidInputError: ``as_of`` that is not a date, or a day in the future.
    """
    if as_of is not None:
        as_of = calendar_day(as_of, "as_of")
    actor = load_actor(uow, actor_id, settings)
    authorize(uow, actor, Action.PURGE, None, settings)
    now = settings.clock()
    day = as_of or local_date(now)
    if day > local_date(now):
        raise InvalidInputError(
            N_("{day} is in the future; a purge looks at today or before"), field="as_of", day=day
        )
    policy = policy or load_retention()
    conn = session_of(uow).connection()
    candidates, old_entries = _work(conn, policy, day)
    digest = _digest(day, policy, candidates, old_entries)
    inserted = conn.execute(
        insert(t.purge_plans).values(
            prepared_by=actor.id, prepared_at=now, as_of=day,
            policy=json.dumps(attrs.asdict(policy), sort_keys=True), digest=digest,
            people=len(candidates), log_entries=len(old_entries),
        )
    )  # fmt: skip
    plan_id = int(inserted.inserted_primary_key[0])  # type: ignore[index]
    uow.access_log.add(
        AccessEntry(
            at=now,
            actor_id=actor.id,
            action="purge-plan",
            allowed=True,
            detail=f"plan {plan_id} (as of {day}): {len(candidates)} people, "
            f"{len(old_entries)} access-log entries; digest {digest[:12]}",
        )
    )
    uow.commit()
    return PurgePlan(plan_id, actor.id, day, policy, digest, tuple(candidates), len(old_entries))


def confirm_purge(
    uow: UnitOfWork,
    actor_id: str | None,
    plan_id: int,
    *,
    progress: Progress = no_progress,
    settings: Settings = DEFAULT_SETTINGS,
) -> PurgeResult:
    """Carry out plan ``plan_id``, prepared by someone else, if the data still matches it.

    ``progress`` hears how many people are anonymised so far, of how many.

    Raises:
        PermissionDeniedError: the actor may not purge, or prepared this plan (logged); or
            the database role may not open the purge permit (the application role).
        NotFoundError: no plan with that id.
        ConflictError: the plan was carried out already, or the data changed since it was
            prepared (prepare a new plan).
    """
    actor = load_actor(uow, actor_id, settings)
    authorize(uow, actor, Action.PURGE, None, settings)
    now = settings.clock()
    conn = session_of(uow).connection()
    plans = t.purge_plans
    plan = conn.execute(select(plans).where(plans.c.id == plan_id).with_for_update()).first()
    if plan is None:
        raise NotFoundError(N_("there is no purge plan {plan_id}"), plan_id=plan_id)
    if plan.confirmed_by is not None:
        raise ConflictError(N_("purge plan {plan_id} was carried out already"), plan_id=plan_id)
    if plan.prepared_by == actor.id:
        refuse(
            uow, actor.id, "purge", now, None,
            f"purge plan {plan_id} was prepared by {actor.id}: a second person with fg or cvb "
            "must confirm it",
        )  # fmt: skip
    policy = policy_from_json(json.loads(plan.policy))
    day = calendar_day(plan.as_of, "as_of")
    candidates, old_entries = _work(conn, policy, day)
    if _digest(day, policy, candidates, old_entries) != plan.digest:
        raise ConflictError(
            N_(
                "the data changed since purge plan {plan_id} was prepared ({count} people and "
                "{count2} access-log entries now, {people} and {log_entries} then): prepare a new "
                "plan"
            ),
            plan_id=plan_id,
            count=len(candidates),
            count2=len(old_entries),
            people=plan.people,
            log_entries=plan.log_entries,
        )
    pseudonyms = {c.person_id: PSEUDONYM_PREFIX + secrets.token_hex(8) for c in candidates}
    # The one way past the append-only triggers: a permit that lives only inside this
    # transaction (removed before the commit below, gone with a rollback).
    _open_permit(conn, now, plan_id)
    conn.execute(delete(t.access_log).where(t.access_log.c.id.in_(old_entries)))
    _scrub_texts(conn, candidates, pseudonyms)
    for done, candidate in enumerate(candidates, start=1):
        _anonymise(conn, candidate, pseudonyms[candidate.person_id])
        progress(done, len(candidates))
    conn.execute(delete(t.purge_permits))
    conn.execute(
        update(plans).where(plans.c.id == plan_id).values(confirmed_by=actor.id, confirmed_at=now)
    )
    session_of(uow).expunge_all()  # what the session held still names the old ids
    for candidate in candidates:
        uow.access_log.add(
            AccessEntry(
                at=now,
                actor_id=actor.id,
                action="purge",
                allowed=True,
                person_id=pseudonyms[candidate.person_id],
                detail=f"plan {plan_id}, retention ({day}): {candidate.reason}; cases: "
                + (", ".join(candidate.cases) or "none"),
            )
        )
    uow.access_log.add(
        AccessEntry(
            at=now, actor_id=actor.id, action="purge", allowed=True,
            detail=f"plan {plan_id} (prepared by {plan.prepared_by}): {len(candidates)} people, "
            f"{len(old_entries)} access-log entries from before "
            f"{access_log_cutoff(policy, day)} deleted",
        )
    )  # fmt: skip
    bind = session_of(uow).get_bind()
    uow.commit()
    compacted = compact(bind, CHANGED_TABLES) if isinstance(bind, Engine) else False
    return PurgeResult(plan_id, tuple(candidates), pseudonyms, day, len(old_entries), compacted)


def _work(
    conn: Connection, policy: RetentionPolicy, day: dt.date
) -> tuple[list[PurgeCandidate], list[int]]:
    """The people due, and the ids of the access-log entries past the log's retention."""
    cutoff = dt.datetime.combine(access_log_cutoff(policy, day), dt.time(), tzinfo=dt.UTC)
    log = t.access_log
    old = conn.scalars(select(log.c.id).where(log.c.at < cutoff).order_by(log.c.id)).all()
    return find_candidates(conn, policy, day), list(old)


def _digest(
    day: dt.date, policy: RetentionPolicy, people: list[PurgeCandidate], log_ids: list[int]
) -> str:
    what = {
        "as_of": day.isoformat(),
        "policy": attrs.asdict(policy),
        "people": [attrs.astuple(c) for c in people],
        "access_log": log_ids,
    }
    return hashlib.sha256(json.dumps(what, sort_keys=True).encode()).hexdigest()


def _anonymise(conn: Connection, candidate: PurgeCandidate, pseudonym: str) -> None:
    p = t.people
    old = candidate.person_id
    row = conn.execute(select(p).where(p.c.id == old)).one()
    conn.execute(
        insert(p).values(
            id=pseudonym, kind=row.kind, first_name=ANONYMOUS_NAME, last_name="",
            location=row.location, class_name=None, mentor_id=None, roles=frozenset(),
            left_on=row.left_on,
        )
    )  # fmt: skip
    for table, column in PERSON_COLUMNS:
        conn.execute(update(table).where(table.c[column] == old).values({column: pseudonym}))
    if candidate.kind != "staff":  # e.g. a refused attempt under a student's id
        log = t.access_log
        conn.execute(update(log).where(log.c.actor_id == old).values(actor_id=pseudonym))
    case_ids = select(t.cases.c.id).where(t.cases.c.number.in_(candidate.cases))
    conn.execute(delete(t.case_evidence).where(t.case_evidence.c.case_id.in_(case_ids)))
    conn.execute(delete(p).where(p.c.id == old))


def _scrub_texts(
    conn: Connection, candidates: list[PurgeCandidate], pseudonyms: dict[str, str]
) -> None:
    """Ids and names out of every free text of every case, event data and log details.

    Runs before the people rows go: their names are read here.
    """
    if not candidates:
        return
    p = t.people
    names = {
        row.id: (row.first_name, row.last_name)
        for row in conn.execute(
            select(p.c.id, p.c.first_name, p.c.last_name).where(p.c.id.in_(pseudonyms))
        )
    }
    scrubber = Scrubber(
        Subject(c.person_id, pseudonyms[c.person_id], *names[c.person_id], frozenset(c.cases))
        for c in candidates
    )
    cases = t.cases
    for table, column in FREE_TEXT:
        join = table if table is cases else table.join(cases, cases.c.id == table.c.case_id)
        rows = conn.execute(
            select(table.c.id, table.c[column], cases.c.number)
            .select_from(join)
            .where(table.c[column].is_not(None))
        ).all()
        for row_id, value, number in rows:
            scrubbed = scrubber.text(value, {number})
            if scrubbed != value:
                conn.execute(update(table).where(table.c.id == row_id).values({column: scrubbed}))
    events = t.case_events
    for row_id, data, number in conn.execute(
        select(events.c.id, events.c.data, cases.c.number).select_from(
            events.join(cases, cases.c.id == events.c.case_id)
        )
    ).all():
        scrubbed = scrubber.data(data, {number})
        if scrubbed != data:
            conn.execute(update(events).where(events.c.id == row_id).values(data=scrubbed))
    log = t.access_log
    for row_id, detail, number, person in conn.execute(
        select(log.c.id, log.c.detail, log.c.case_number, log.c.person_id).where(
            log.c.detail.is_not(None)
        )
    ).all():
        scrubbed = scrubber.text(detail, {s for s in (number, person) if s})
        if scrubbed != detail:
            conn.execute(update(log).where(log.c.id == row_id).values(detail=scrubbed))


def _open_permit(conn: Connection, now: dt.datetime, plan_id: int) -> None:
    """Insert the purge permit; refused to a database role without the right to it.

    Raises:
        PermissionDeniedError: connected as the application role (see docs/security.md).
    """
    try:
        conn.execute(insert(t.purge_permits).values(id=1, started_at=now))
    except DBAPIError as exc:
        if not is_privilege_error(exc):
            raise
        raise PermissionDeniedError(
            N_(
                "the server's database role may not change history: the operator confirms the "
                "purge on the server host with the owner's credentials: "
                "pcc-cases --db OWNER-URL --as ID privacy purge confirm {plan_id}"
            ),
            field="database",
            plan_id=plan_id,
        ) from None
