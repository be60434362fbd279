"""Report figures equal an independent computation over the same generated cases, on every
backend, with suppression off.
"""

from __future__ import annotations

import datetime as dt
import itertools
import statistics
from collections import Counter
from typing import Any

import pendulum
from hypothesis import event, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine

from pcc_cases.adapters.unit_of_work import UnitOfWork
from pcc_cases.domain.case import Case
from pcc_cases.domain.people import PersonKind
from pcc_cases.domain.period import school_year
from pcc_cases.domain.time import local_date
from pcc_cases.reports.figures import compute_figures
from tests.builders import POLICY, PROTOCOL, developed, store_people
from tests.strategies import cases, factors

PERIOD = school_year(2024)
TODAY = dt.date(2025, 6, 1)
STEPS = [s.name for s in POLICY.ladder(PersonKind.STUDENT).steps] + [
    s.name for s in POLICY.ladder(PersonKind.STAFF).steps if s.name != "suspension"
]
_location = itertools.count()

instants = st.datetimes(min_value=dt.datetime(2023, 6, 1), max_value=dt.datetime(2025, 9, 30)).map(
    lambda d: pendulum.instance(d.replace(microsecond=0), tz="UTC")
)


@st.composite
def developed_cases(draw: st.DrawFn, when: st.SearchStrategy[pendulum.DateTime] = instants) -> Case:
    """A case developed some way (and sometimes closed), happening ``when``."""
    case = draw(cases())
    occurred = draw(when)
    case.occurred_at = occurred
    case.reported_at = occurred.add(hours=draw(st.integers(0, 200)))
    for recorded in case.events:
        recorded.at = case.reported_at
    developed(case, draw(factors), draw(st.integers(0, 3)))
    if case.state.value == "decided" and draw(st.booleans()):
        closed_at = case.reported_at.add(days=draw(st.integers(0, 60)), minutes=7)
        case.close("dir1", closed_at, "Afgehandeld")
    return case


def expected_figures(stored: list[Case]) -> dict[str, Any]:
    inside = [c for c in stored if PERIOD.start <= local_date(c.occurred_at) <= PERIOD.end]
    severity = {id(c): c.severity for c in inside}
    articles = {id(c): {PROTOCOL.clause(v.clause_id).article for v in c.violations} for c in inside}
    offenders = Counter(o for c in inside for o in set(c.offender_ids))
    closed = sorted(
        (max(e.at for e in c.events if e.kind == "closed") - c.reported_at).total_seconds() / 86400
        for c in inside
        if c.state.value == "closed"
    )
    open_duties = [o for c in inside for o in c.obligations if o.is_open]
    return {
        "total_cases": len(inside),
        "by_severity": Counter(str(s) for s in severity.values() if s),
        "by_article": Counter(str(a) for c in inside for a in articles[id(c)]),
        "by_severity_article": Counter(
            (str(severity[id(c)]), str(a))
            for c in inside
            if severity[id(c)]
            for a in articles[id(c)]
        ),
        "by_platform": Counter(c.platform.value for c in inside),
        "by_month": Counter(f"{local_date(c.occurred_at):%Y-%m}" for c in inside),
        "by_location": Counter(c.location for c in inside),
        "offenders_by_kind": Counter({"student": len(offenders)} if offenders else {}),
        "decisions_by_step": Counter(d.step for c in inside for d in c.decisions if not d.revoked),
        "repeat_offenders": sum(1 for n in offenders.values() if n >= 2),
        "median_days_to_close": round(statistics.median(closed), 1) if closed else None,
        "obligations": {
            "open": len(open_duties),
            "overdue": sum(1 for o in open_duties if o.due_on < TODAY),
        },
    }


def nonzero(counts: dict[str, Any]) -> Counter[str]:
    return Counter({k: v for k, v in counts.items() if v})


@settings(max_examples=20)
@given(batch=st.lists(developed_cases(), max_size=8))
def test_figures_equal_an_independent_computation(engine: Engine, batch: list[Case]) -> None:
    location = f"Loc{next(_location)}"
    for case in batch:
        case.location = location
    with UnitOfWork(engine, write=True) as uow:
        store_people(uow, sorted({p for c in batch for p in c.person_ids}))
        uow.cases.add_all(batch)
        uow.commit()
    with engine.connect() as conn:
        got = compute_figures(conn, PROTOCOL, PERIOD, [location], TODAY, STEPS)
    want = expected_figures(batch)
    event(f"cases in period: {min(want['total_cases'], 3)}+")
    event(f"closed: {want['median_days_to_close'] is not None}")
    event(f"decisions: {bool(want['decisions_by_step'])}")
    assert got["total_cases"] == want["total_cases"]
    for name in ("by_severity", "by_article", "by_platform", "by_month", "by_location",
                 "offenders_by_kind", "decisions_by_step"):  # fmt: skip
        assert nonzero(got[name]) == want[name], name
    pairs = Counter(
        {
            (lv, art): n
            for lv, row in got["by_severity_article"].items()
            for art, n in row.items()
            if n
        }
    )
    assert pairs == want["by_severity_article"]
    assert got["repeat_offenders"] == want["repeat_offenders"]
    assert got["obligations"] == want["obligations"]
    if want["median_days_to_close"] is None:
        assert got["median_days_to_close"] is None
    else:
        assert abs(got["median_days_to_close"] - want["median_days_to_close"]) <= 0.051
