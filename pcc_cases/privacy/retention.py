"""The retention policy: how long personal data is kept, and who is due for the purge.

A school may write its own policy, but never below the minimums in ``MINIMUM_YEARS``:
case data must outlive an objection and an appeal, and the access log must outlive the
questions about who looked (5 years, as NEN 7513 asks of logs of access to records of
people; the AVG's accountability, art. 5(2), asks for a log that lasts).
"""

from __future__ import annotations

import datetime as dt
import tomllib
from importlib import resources
from typing import Any

import attrs
from sqlalchemy import Connection, func, select

from pcc_cases.adapters import tables as t
from pcc_cases.domain.errors import InvalidInputError, Problem
from pcc_cases.domain.people import PSEUDONYM_PREFIX
from pcc_cases.domain.time import local_date
from pcc_cases.domain.tomldata import require
from pcc_cases.translation import N_

FINISHED = ("closed", "dismissed")

# (section, key) -> the fewest years a policy may say, and why (shown when refused).
_APPEAL = N_("an objection and an appeal must still find the case")
MINIMUM_YEARS: dict[tuple[str, str], tuple[int, str]] = {
    ("student", "years_after_left"): (1, _APPEAL),
    ("staff", "years_after_last_case"): (1, _APPEAL),
    ("external", "years_after_last_case"): (1, _APPEAL),
    ("access_log", "years"): (5, N_("who looked at a case must be answerable for 5 years")),
}
ACCESS_LOG_DEFAULT_YEARS = 5


@attrs.frozen
class RetentionPolicy:
    """Years personal data in cases is kept, per kind of person, and the access log's."""

    student_years_after_left: int
    staff_years_after_last_case: int
    external_years_after_last_case: int
    access_log_years: int = ACCESS_LOG_DEFAULT_YEARS


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
        raise InvalidInputError(
            N_("not valid TOML ({exc})"), field="retention policy", exc=exc
        ) from None

    def years(section: str, key: str, default: int | None = None) -> int:
        if default is not None and section not in data:
            return default
        table = require(data, section, dict, "retention", InvalidInputError)
        value = require(table, key, int, f"retention.{section}", InvalidInputError)
        least, why = MINIMUM_YEARS[(section, key)]
        if not least <= value <= 100:
            raise InvalidInputError(
                N_("{value} is not {least} to 100 years (at least {least}: {why})"),
                field=f"retention.{section}.{key}",
                value=value,
                least=least,
                why=Problem(why),
            )
        return int(value)

    return RetentionPolicy(
        student_years_after_left=years("student", "years_after_left"),
        staff_years_after_last_case=years("staff", "years_after_last_case"),
        external_years_after_last_case=years("external", "years_after_last_case"),
        access_log_years=years("access_log", "years", ACCESS_LOG_DEFAULT_YEARS),
    )


def policy_from_json(data: dict[str, Any]) -> RetentionPolicy:
    """A policy as kept with a purge plan (see ``attrs.asdict``)."""
    return RetentionPolicy(**{k: int(v) for k, v in data.items()})


@attrs.frozen
class PurgeCandidate:
    """A person the retention policy lets go: who, of which kind, and why now."""

    person_id: str
    kind: str
    reason: str
    cases: tuple[str, ...]


def find_candidates(
    conn: Connection, policy: RetentionPolicy, day: dt.date
) -> list[PurgeCandidate]:
    """Everyone whose retention period has passed on ``day``, in id order."""
    p, inv, c, e = t.people, t.case_involvements, t.cases, t.case_events
    found = []
    people = conn.execute(
        select(p.c.id, p.c.kind, p.c.left_on)
        .where(~p.c.id.startswith(PSEUDONYM_PREFIX))
        .order_by(p.c.id)
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
            found.append(PurgeCandidate(person_id, kind_name, reason, tuple(cases)))
    return found


def access_log_cutoff(policy: RetentionPolicy, day: dt.date) -> dt.date:
    """Entries from before this day have outlived the access log's retention."""
    return plus_years(day, -policy.access_log_years)


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
        until = plus_years(left_on, policy.student_years_after_left)
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
            until = plus_years(left_on, years)
            return f"left on {left_on} with no cases, kept until {until}" if until <= day else None
        return None
    end = local_date(last_case_end) if isinstance(last_case_end, dt.datetime) else last_case_end
    until = plus_years(end, years)
    return f"last case ended {end}, kept until {until}" if until <= day else None


def plus_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)
