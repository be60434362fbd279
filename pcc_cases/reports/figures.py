"""The severity figures of one period and scope, each computed by one aggregate query.

Nothing here loads cases into Python: every number comes out of SQL, and the median is
read with ORDER BY ... LIMIT/OFFSET so that only one or two rows travel.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, Select, case, distinct, func, literal, select

from pcc_cases.adapters import tables as t
from pcc_cases.domain.case_parts import Platform
from pcc_cases.domain.period import Period
from pcc_cases.domain.policy import MAX_LEVEL, OBJECTION_TERM
from pcc_cases.domain.protocol import Protocol
from pcc_cases.reports.sqltime import seconds_between

COUNT_BREAKDOWNS = (
    "by_severity",
    "by_article",
    "by_platform",
    "by_month",
    "by_location",
    "offenders_by_kind",
    "decisions_by_step",
)


def compute_figures(
    conn: Connection,
    protocol: Protocol,
    period: Period,
    locations: Sequence[str] | None,
    today: dt.date,
    step_names: Sequence[str],
) -> dict[str, Any]:
    """Every figure of the severity report for ``period`` within ``locations`` (None: all)."""
    c = t.cases
    where = [c.c.occurred_at >= period.start_utc, c.c.occurred_at < period.end_utc]
    if locations is not None:
        where.append(c.c.location.in_(list(locations)))
    scoped = select(c.c.id).where(*where).subquery("scoped")
    severity = _case_severity()
    article = _article_of(protocol)
    articles = sorted({str(cl.article) for cl in protocol.clauses if cl.kind.citable}, key=int)
    levels = [str(level) for level in range(1, MAX_LEVEL + 1)]

    def grouped(query: Select[Any]) -> dict[str, int]:
        return {str(key): int(n) for key, n in conn.execute(query) if key is not None}

    v, inv, d = t.case_violations, t.case_involvements, t.case_decisions
    total = conn.execute(select(func.count()).select_from(scoped)).scalar_one()
    by_severity = grouped(
        select(severity.c.level, func.count())
        .select_from(scoped.join(severity, severity.c.case_id == scoped.c.id))
        .group_by(severity.c.level)
    )
    by_article = grouped(
        select(article, func.count(distinct(v.c.case_id)))
        .select_from(scoped.join(v, v.c.case_id == scoped.c.id))
        .group_by(article)
    )
    by_severity_article: dict[str, dict[str, int]] = {
        lv: dict.fromkeys(articles, 0) for lv in levels
    }
    pairs = (
        select(severity.c.level, article, func.count(distinct(v.c.case_id)))
        .select_from(
            scoped.join(v, v.c.case_id == scoped.c.id).join(
                severity, severity.c.case_id == scoped.c.id
            )
        )
        .group_by(severity.c.level, article)
    )
    for level, art, n in conn.execute(pairs):
        if art is not None:
            by_severity_article[str(level)][str(art)] = int(n)
    by_platform = grouped(
        select(c.c.platform, func.count()).select_from(c).where(*where).group_by(c.c.platform)
    )
    months = period.months()
    # The WHERE clause keeps the period; within it, the first boundary passed is the month.
    month_of = case(
        *[(c.c.occurred_at < after, literal(label)) for label, _first, after in months],
        else_=None,
    )
    by_month = grouped(select(month_of, func.count()).where(*where).group_by(month_of))
    by_location = grouped(select(c.c.location, func.count()).where(*where).group_by(c.c.location))
    offenders = (
        select(inv.c.person_id)
        .select_from(scoped.join(inv, inv.c.case_id == scoped.c.id))
        .where(inv.c.role == "offender")
    )
    offenders_by_kind = grouped(
        select(t.people.c.kind, func.count(distinct(t.people.c.id)))
        .where(t.people.c.id.in_(offenders))
        .group_by(t.people.c.kind)
    )
    decisions_by_step = grouped(
        select(d.c.step, func.count())
        .select_from(scoped.join(d, d.c.case_id == scoped.c.id))
        .where(d.c.revoked.is_(False))
        .group_by(d.c.step)
    )
    repeaters = (
        select(inv.c.person_id)
        .select_from(scoped.join(inv, inv.c.case_id == scoped.c.id))
        .where(inv.c.role == "offender")
        .group_by(inv.c.person_id)
        .having(func.count(distinct(inv.c.case_id)) >= 2)
        .subquery()
    )
    repeat_offenders = conn.execute(select(func.count()).select_from(repeaters)).scalar_one()
    o = t.case_obligations
    open_duties = (
        select(
            func.count(),
            func.coalesce(func.sum(case((o.c.due_on < today, 1), else_=0)), 0),
        )
        .select_from(scoped.join(o, o.c.case_id == scoped.c.id))
        .where(o.c.done_on.is_(None), o.c.kind != OBJECTION_TERM)  # a term is no task
    )
    open_count, overdue = conn.execute(open_duties).one()
    return {
        "total_cases": int(total),
        "by_severity": _complete(by_severity, levels),
        "by_article": _complete(by_article, articles),
        "by_severity_article": by_severity_article,
        "by_platform": _complete(by_platform, [p.value for p in Platform]),
        "by_month": _complete(by_month, [label for label, _f, _a in months]),
        "by_location": dict(sorted(by_location.items())),
        "offenders_by_kind": _complete(offenders_by_kind, ["student", "staff"]),
        "decisions_by_step": _complete(decisions_by_step, step_names),
        "repeat_offenders": int(repeat_offenders),
        **_closing(conn, where),
        "obligations": {"open": int(open_count), "overdue": int(overdue)},
    }


def _case_severity() -> Any:
    """Each assessed case's severity: the highest level among its offenders."""
    a = t.case_assessments
    level = func.coalesce(a.c.override_level, a.c.computed_level)
    return select(a.c.case_id, func.max(level).label("level")).group_by(a.c.case_id).subquery()


def _article_of(protocol: Protocol) -> Any:
    """The article a clause belongs to, as SQL (from the catalogue, not from the id's text)."""
    by_article: dict[str, list[str]] = {}
    for clause in protocol.clauses:
        by_article.setdefault(str(clause.article), []).append(clause.id)
    v = t.case_violations
    return case(
        *[(v.c.clause_id.in_(ids), literal(art)) for art, ids in sorted(by_article.items())],
        else_=None,
    )


def _closing(conn: Connection, where: list[Any]) -> dict[str, Any]:
    """How many cases are closed, and the median days from report to the (last) closing.

    The count travels with the median so that suppression can hide a median of few cases.
    """
    c, e = t.cases, t.case_events
    closed_at = (
        select(e.c.case_id, func.max(e.c.at).label("at"))
        .where(e.c.kind == "closed")
        .group_by(e.c.case_id)
        .subquery()
    )
    days = (seconds_between(c.c.reported_at, closed_at.c.at) / 86400.0).label("days")
    base = (
        select(days)
        .select_from(c.join(closed_at, closed_at.c.case_id == c.c.id))
        .where(*where, c.c.state == "closed")
    )
    n = int(conn.execute(select(func.count()).select_from(base.subquery())).scalar_one())
    if not n:
        return {"closed_cases": 0, "median_days_to_close": None}
    if conn.dialect.name == "postgresql":
        durations = base.subquery()
        median = float(
            conn.execute(
                select(func.percentile_cont(0.5).within_group(durations.c.days))
            ).scalar_one()
        )
    else:
        middle = conn.execute(base.order_by(days).limit(2 - n % 2).offset((n - 1) // 2))
        values = [float(x) for x in middle.scalars()]
        median = sum(values) / len(values)
    return {"closed_cases": n, "median_days_to_close": round(median, 1)}


def _complete(counts: dict[str, int], keys: Sequence[str]) -> dict[str, int]:
    """Every expected key (zero when absent), then any unexpected ones found in the data."""
    result = {key: counts.get(key, 0) for key in keys}
    result.update({k: n for k, n in sorted(counts.items()) if k not in result})
    return result
