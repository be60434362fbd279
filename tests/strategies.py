"""Hypothesis strategies for the domain, in one module so every test draws the same shapes."""

from __future__ import annotations

import datetime as dt
import string

import pendulum
from hypothesis import strategies as st

from pcc_cases.domain.calendar import Holiday, SchoolCalendar
from pcc_cases.domain.case import Case
from pcc_cases.domain.case_parts import Evidence
from pcc_cases.domain.factors import Factors, Harm, Intent, Reach
from pcc_cases.domain.people import PersonKind
from tests.builders import POLICY, PROTOCOL

CITABLE = [c.id for c in PROTOCOL.clauses if c.kind.citable]
STUDENT_CLAUSES = [c.id for c in PROTOCOL.clauses if c.kind.citable and "student" in c.applies_to]

factors = st.builds(
    Factors,
    reach=st.sampled_from(list(Reach)),
    intent=st.sampled_from(list(Intent)),
    harm=st.sampled_from(list(Harm)),
    confidential=st.booleans(),
    criminal=st.booleans(),
    removed_and_apologised=st.booleans(),
)

clause_sets = st.lists(st.sampled_from(CITABLE), min_size=1, max_size=5, unique=True)

aware_datetimes = st.datetimes(
    min_value=dt.datetime(1990, 1, 1),
    max_value=dt.datetime(2100, 1, 1),
    timezones=st.sampled_from(
        [
            dt.UTC,
            pendulum.timezone("Europe/Amsterdam"),
            pendulum.timezone("America/New_York"),
            dt.timezone(dt.timedelta(hours=5, minutes=45)),
        ]
    ),
).map(lambda d: d.replace(microsecond=0))

utc_instants = st.datetimes(
    min_value=dt.datetime(2015, 1, 1), max_value=dt.datetime(2030, 12, 31)
).map(lambda d: pendulum.instance(d.replace(microsecond=0), tz="UTC"))


@st.composite
def holidays(draw: st.DrawFn) -> Holiday:
    first = draw(st.dates(min_value=dt.date(2024, 1, 1), max_value=dt.date(2027, 12, 31)))
    length = draw(st.integers(min_value=0, max_value=20))
    return Holiday(name="vakantie", first=first, last=first + dt.timedelta(days=length))


calendars = st.lists(holidays(), max_size=6).map(SchoolCalendar.of)

person_ids = st.text(alphabet=string.ascii_lowercase + string.digits, min_size=1, max_size=8)

summaries = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")),
    min_size=1,
    max_size=200,
).filter(lambda s: s.strip())


@st.composite
def cases(draw: st.DrawFn) -> Case:
    """A recorded student case with 1-3 offenders, targets, clauses and optional evidence."""
    ids = draw(st.lists(person_ids, min_size=2, max_size=6, unique=True))
    n_off = draw(st.integers(min_value=1, max_value=min(3, len(ids) - 1)))
    offenders, others = ids[:n_off], ids[n_off:]
    involvements = [(p, "offender") for p in offenders]
    involvements += [(p, draw(st.sampled_from(["target", "witness", "reporter"]))) for p in others]
    violations = [
        (o, c)
        for o in offenders
        for c in draw(
            st.lists(st.sampled_from(STUDENT_CLAUSES), min_size=1, max_size=3, unique=True)
        )
    ]
    occurred = draw(utc_instants)
    reported = occurred.add(hours=draw(st.integers(min_value=0, max_value=24 * 30)))
    evidence = draw(
        st.lists(
            st.builds(
                Evidence.create,
                kind=st.just("file-hash"),
                reference=st.text(alphabet="0123456789abcdef", min_size=64, max_size=64),
                captured_at=st.just(reported),
            ),
            max_size=2,
        )
    )
    return Case.record(
        protocol=PROTOCOL,
        policy=POLICY,
        occurred_at=occurred,
        reported_at=reported,
        platform=draw(st.sampled_from(["instagram", "tiktok", "whatsapp", "x", "other"])),
        location=draw(st.sampled_from(["Alkmaar", "Heerhugowaard", "Bergen"])),
        summary=draw(summaries),
        involvements=involvements,
        violations=violations,
        person_kinds=dict.fromkeys(ids, PersonKind.STUDENT),
        recorded_by="dir1",
        evidence=evidence,
    )
