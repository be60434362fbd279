"""The retention purge: people whose data may no longer be kept are anonymised.

A purged person's id is replaced everywhere by a new random pseudonym (``anon-…``), their
name is dropped, the free text of their cases (summary, reasons) is redacted and evidence
links are removed. Counts, severities, clauses, decisions and dates stay, so reports of
past years keep their totals, and the same person stays one person in them. The whole
purge is one transaction and is itself written to the access log.

Events and the access log are append-only for the application; the purge is the one
place that rewrites them, because the law requires the data to go.
"""

from __future__ import annotations

import datetime as dt
import json
import secrets
import tomllib
from collections.abc import Sequence
from importlib import resources
from typing import Any

import attrs
from sqlalchemy import Connection, delete, func, insert, or_, select, update

from pcc_cases.access import Action
from pcc_cases.adapters import tables as t
from pcc_cases.adapters.unit_of_work import UnitOfWork, session_of
from pcc_cases.domain.access_log import AccessEntry
from pcc_cases.domain.checks import calendar_day
from pcc_cases.domain.errors import InvalidInputError
from pcc_cases.domain.people import PSEUDONYM_PREFIX
from pcc_cases.domain.progress import Progress, no_progress
from pcc_cases.domain.time import local_date
from pcc_cases.domain.tomldata import require
from pcc_cases.services.guard import authorize, load_actor
from pcc_cases.services.settings import DEFAULT_SETTINGS, Settings

ANONYMOUS_NAME = "Geanonimiseerd"
REDACTED = "[verwijderd / removed]"
FINISHED = ("closed", "dismissed")

# Every column that holds a person id.
PERSON_COLUMNS = [
    (t.case_involvements, "person_id"),
    (t.case_violations, "offender_id"),
    (t.case_assessments, "offender_id"),
    (t.case_assessments, "assessed_by"),
    (t.case_decisions, "offender_id"),
    (t.case_decisions, "decided_by"),
    (t.case_obligations, "offender_id"),
    (t.case_obligations, "done_by"),
    (t.case_events, "actor_id"),
    (t.access_log, "actor_id"),
    (t.access_log, "person_id"),
    (t.people, "mentor_id"),
]


@attrs.frozen
class RetentionPolicy:
    """Years personal data in cases is kept, per kind of person."""

    student_years_after_left: int
    staff_years_after_last_case: int
    external_years_after_last_case: int


def load_retention(text: str | None = None) -> RetentionPolicy:
    """The policy from TOML text, or the bundled default.

    Raises:
        InvalidInputError: a retention file that is not valid or goes below a minimum.
    """
    if text is None:
        text = resources.files("pcc_cases.privacy").joinpath("default_retention.toml").read_text()
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InvalidInputError(f"not valid TOML ({exc})", field="retention policy") from None

    def years(section: str, key: str) -> int:
        table = require(data, section, dict, "retention", InvalidInputError)
        value = require(table, key, int, f"retention.{section}", InvalidInputError)
        if not 0 <= value <= 100:
            raise InvalidInputError(
                f"{value} is not 0 to 100 years", field=f"retention.{section}.{key}"
            )
        return int(value)

    return RetentionPolicy(
        student_years_after_left=years("student", "years_after_left"),
        staff_years_after_last_case=years("staff", "years_after_last_case"),
        external_years_after_last_case=years("external", "years_after_last_case"),
    )


@attrs.frozen
class PurgeCandidate:
    """A person the retention policy lets go: who, of which kind, and why now."""

    person_id: str
    kind: str
    reason: str
    cases: tuple[str, ...]


@attrs.frozen
class PurgeResult:
    """What a purge did (or, in a dry run, would do): the people and their pseudonyms."""

    purged: tuple[PurgeCandidate, ...]
    pseudonyms: dict[str, str]
    as_of: dt.date
    dry_run: bool


def purge(
    uow: UnitOfWork,
    actor_id: str | None,
    *,
    as_of: dt.date | None = None,
    dry_run: bool = False,
    policy: RetentionPolicy | None = None,
    progress: Progress = no_progress,
    settings: Settings = DEFAULT_SETTINGS,
) -> PurgeResult:
    """Anonymise everyone whose retention period has passed on ``as_of`` (default today).

    ``progress`` hears how many people are anonymised so far, of how many.

    Raises:
        PermissionDeniedError: the actor may not purge (fg; logged).
        InvalidInputError: ``as_of`` that is not a date.
    """
    if as_of is not None:
        as_of = calendar_day(as_of, "as_of")
    actor = load_actor(uow, actor_id, settings)
    authorize(uow, actor, Action.PURGE, None, settings)
    now = settings.clock()
    today = local_date(now)
    day = as_of or today
    if day > today:
        raise InvalidInputError(
            f"{day} is in the future; a purge looks at today or before", field="as_of"
        )
    conn = session_of(uow).connection()
    candidates = find_candidates(conn, policy or load_retention(), day)
    pseudonyms = {c.person_id: PSEUDONYM_PREFIX + secrets.token_hex(8) for c in candidates}
    if dry_run:
        uow.rollback()
        return PurgeResult(tuple(candidates), {}, day, True)
    # The one way past the append-only triggers: a permit that lives only inside this
    # transaction (removed before the commit below, gone with a rollback).
    conn.execute(insert(t.purge_permits).values(id=1, started_at=now))
    for done, candidate in enumerate(candidates, start=1):
        _anonymise(conn, candidate, pseudonyms[candidate.person_id])
        progress(done, len(candidates))
    _rewrite_texts(conn, pseudonyms)
    conn.execute(delete(t.purge_permits))
    session_of(uow).expunge_all()  # what the session held still names the old ids
    for candidate in candidates:
        uow.access_log.add(
            AccessEntry(
                at=now,
                actor_id=actor.id,
                action="purge",
                allowed=True,
                person_id=pseudonyms[candidate.person_id],
                detail=f"retention ({day}): {candidate.reason}; cases: "
                + (", ".join(candidate.cases) or "none"),
            )
        )
    uow.commit()
    return PurgeResult(tuple(candidates), pseudonyms, day, False)


def find_candidates(
    conn: Connection, policy: RetentionPolicy, day: dt.date
) -> list[PurgeCandidate]:
    p, inv, c, e = t.people, t.case_involvements, t.cases, t.case_events
    found = []
    people = conn.execute(
        select(p.c.id, p.c.kind, p.c.left_on).where(~p.c.id.startswith(PSEUDONYM_PREFIX))
    ).all()
    ends = dict(
        conn.execute(
            select(inv.c.person_id, func.max(e.c.at))
            .select_from(inv.join(c, c.c.id == inv.c.case_id).join(e, e.c.case_id == c.c.id))
            .where(e.c.kind.in_(FINISHED))
            .group_by(inv.c.person_id)
        ).all()
    )
    still_open = set(
        conn.scalars(
            select(inv.c.person_id)
            .select_from(inv.join(c, c.c.id == inv.c.case_id))
            .where(c.c.state.not_in(FINISHED))
            .distinct()
        )
    )
    for person_id, kind, left_on in people:
        kind_name = str(getattr(kind, "value", kind))
        reason = _due(policy, kind_name, left_on, ends.get(person_id), person_id in still_open, day)
        if reason:
            cases = conn.scalars(
                select(c.c.number)
                .select_from(c.join(inv, inv.c.case_id == c.c.id))
                .where(inv.c.person_id == person_id)
                .distinct()
                .order_by(c.c.number)
            ).all()
            found.append(
                PurgeCandidate(
                    person_id,
                    str(kind.value if hasattr(kind, "value") else kind),
                    reason,
                    tuple(cases),
                )
            )
    return found


def _due(
    policy: RetentionPolicy,
    kind: str,
    left_on: dt.date | None,
    last_case_end: Any,
    has_open_case: bool,
    day: dt.date,
) -> str | None:
    if kind == "student":
        if left_on is None:
            return None
        until = _plus_years(left_on, policy.student_years_after_left)
        return f"left on {left_on}, kept until {until}" if until <= day else None
    if has_open_case:
        return None
    if kind == "staff" and (left_on is None or left_on > day):
        return None
    years = (
        policy.staff_years_after_last_case
        if kind == "staff"
        else policy.external_years_after_last_case
    )
    if last_case_end is None:
        if kind == "staff" and left_on is not None:
            until = _plus_years(left_on, years)
            return f"left on {left_on} with no cases, kept until {until}" if until <= day else None
        return None
    end = local_date(last_case_end) if isinstance(last_case_end, dt.datetime) else last_case_end
    until = _plus_years(end, years)
    return f"last case ended {end}, kept until {until}" if until <= day else None


def _plus_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


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
    case_ids = conn.scalars(select(t.cases.c.id).where(t.cases.c.number.in_(candidate.cases))).all()
    _redact_cases(conn, case_ids)
    conn.execute(delete(p).where(p.c.id == old))


def _redact_cases(conn: Connection, case_ids: Sequence[int]) -> None:
    if not case_ids:
        return
    c, e = t.cases, t.case_events
    conn.execute(
        update(c).where(c.c.id.in_(case_ids)).values(summary=REDACTED, version=c.c.version + 1)
    )
    conn.execute(
        update(e).where(e.c.case_id.in_(case_ids), e.c.reason.is_not(None)).values(reason=REDACTED)
    )
    d, a = t.case_decisions, t.case_assessments
    conn.execute(
        update(d).where(d.c.case_id.in_(case_ids), d.c.reason.is_not(None)).values(reason=REDACTED)
    )
    conn.execute(
        update(a)
        .where(a.c.case_id.in_(case_ids), a.c.override_reason.is_not(None))
        .values(override_reason=REDACTED)
    )
    conn.execute(delete(t.case_evidence).where(t.case_evidence.c.case_id.in_(case_ids)))


def _rewrite_texts(conn: Connection, pseudonyms: dict[str, str]) -> None:
    """The old ids inside event data (JSON) and access-log details: one pass for all."""
    if not pseudonyms:
        return
    e = t.case_events
    for event_id, data in conn.execute(select(e.c.id, e.c.data)).all():
        text = json.dumps(data)
        changed = text
        for old, new in pseudonyms.items():
            changed = changed.replace(f'"{old}"', f'"{new}"')
        if changed != text:
            conn.execute(update(e).where(e.c.id == event_id).values(data=json.loads(changed)))
    log = t.access_log
    mentions = or_(*[log.c.detail.contains(old) for old in pseudonyms])
    for entry_id, detail in conn.execute(select(log.c.id, log.c.detail).where(mentions)).all():
        rewritten = detail
        for old, new in pseudonyms.items():
            rewritten = rewritten.replace(old, new)
        conn.execute(update(log).where(log.c.id == entry_id).values(detail=rewritten))
