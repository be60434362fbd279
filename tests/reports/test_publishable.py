"""Suppressed reports that can be published: over a generated school, every pair of
reports one actor may produce (any school year, any day, any threshold they may choose)
gives away no count from 1 to the threshold, by subtracting one from the other or from
their totals. And the rules that make that so: whole school years of ended months only,
the actor's whole scope only, no threshold below the default without the right to see
small counts, medians of few cases hidden.
"""

from __future__ import annotations

import functools
import itertools
from typing import Any

import pendulum
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine

from pcc_cases.adapters.unit_of_work import UnitOfWork
from pcc_cases.domain.case import Case
from pcc_cases.domain.errors import InvalidInputError, PermissionDeniedError
from pcc_cases.domain.people import Role
from pcc_cases.domain.period import Period, date_span, school_year
from pcc_cases.domain.time import local_date
from pcc_cases.reports.figures import compute_figures
from pcc_cases.reports.severity import severity_report
from pcc_cases.reports.suppression import DEFAULT_THRESHOLD, TODAYS, Cell, cells_of, lines_of
from tests.builders import PROTOCOL, a_person, store_people
from tests.org import settings_at
from tests.reports.test_figures_property import STEPS, developed_cases

_school = itertools.count()
T = DEFAULT_THRESHOLD
# Cases fall in a few months of two school years, so that small counts are common.
MONTHS = [(2024, 10), (2025, 3), (2025, 9), (2025, 9), (2025, 9), (2025, 10), (2025, 11), (2026, 2)]
CLOCKS = [pendulum.datetime(y, m, 20, 10, tz="UTC") for y, m in
          [(2025, 10), (2025, 11), (2025, 12), (2026, 2), (2026, 3), (2026, 8)]]  # fmt: skip

View = tuple[str, str]  # a window: (first day, last day)


@st.composite
def in_few_months(draw: st.DrawFn) -> pendulum.DateTime:
    year, month = draw(st.sampled_from(MONTHS))
    local = pendulum.datetime(year, month, draw(st.integers(1, 28)), 19, tz="Europe/Amsterdam")
    return local.in_timezone("UTC")


school_cases = functools.partial(developed_cases, when=in_few_months())


def store_school(engine: Engine, batch: list[Case]) -> tuple[str, str]:
    """The cases at a location of their own, and a teamleider there (report, not unsuppressed)."""
    number = next(_school)
    location, actor = f"School{number}", f"tl-school{number}"
    for case in batch:
        case.location = location
    with UnitOfWork(engine, write=True) as uow:
        store_people(uow, sorted({p for c in batch for p in c.person_ids}))
        uow.people.add(a_person(actor, kind="staff", location=location, roles={Role.TEAMLEIDER}))
        uow.cases.add_all(batch)
        uow.commit()
    return location, actor


def truth(engine: Engine, window: Period, location: str, now: pendulum.DateTime) -> Any:
    with engine.connect() as conn:
        return compute_figures(conn, PROTOCOL, window, [location], local_date(now), STEPS)


def get(figures: dict[str, Any], cell: Cell) -> Any:
    value: Any = figures
    for part in cell:
        if not isinstance(value, dict) or part not in value:
            return 0
        value = value[part]
    return value


class Attacker:
    """Everything one reader can work out exactly from a set of reports: the cells shown,
    a line's one unknown cell from its total, and the growth of a cell between two windows
    of the same school year (and from it a cell hidden in one of them, and back).
    """

    def __init__(self) -> None:
        self.truth: dict[View, dict[str, Any]] = {}
        self.known: dict[View, dict[Cell, int]] = {}
        self.grown: dict[tuple[View, View], dict[Cell, int]] = {}

    def read(self, window: Period, shown: dict[str, Any], true: dict[str, Any]) -> None:
        view = (window.start.isoformat(), window.end.isoformat())
        self.truth.setdefault(view, true)
        known = self.known.setdefault(view, {})
        for cell in cells_of(true):
            value = get(shown, cell)
            if value is not None and cell not in TODAYS:
                assert value == get(true, cell), (view, cell)
                known[cell] = value

    def work_out(self) -> None:
        changed = True
        while changed:
            changed = False
            for view, known in self.known.items():
                changed |= _solve_lines(self.truth[view], known)
            for a, b in self._nested():
                ka, kb = self.known[a], self.known[b]
                grown = self.grown.setdefault((a, b), {})
                for cell in cells_of(self.truth[b]):
                    if cell in TODAYS:
                        continue
                    changed |= _learn(grown, cell, ka, kb, lambda x, y: y - x)
                    changed |= _learn(ka, cell, grown, kb, lambda g, y: y - g)
                    changed |= _learn(kb, cell, ka, grown, lambda x, g: x + g)
                growth_truth = _deep_map(self.truth[b], lambda c, n, a=a: n - get(self.truth[a], c))
                changed |= _solve_lines(growth_truth, grown)

    def _nested(self) -> list[tuple[View, View]]:
        return [(a, b) for a in self.known for b in self.known if a[0] == b[0] and a[1] < b[1]]

    def leaks(self) -> list[str]:
        found = [
            f"{view} {'.'.join(cell)} = {value}"
            for view, known in self.known.items()
            for cell, value in known.items()
            if 1 <= value <= T
        ]
        found += [
            f"{a}->{b} {'.'.join(cell)} grew by {value}"
            for (a, b), grown in self.grown.items()
            for cell, value in grown.items()
            if 1 <= value <= T
        ]
        return found


def _learn(target: dict[Cell, int], cell: Cell, x: dict[Cell, int], y: dict[Cell, int],
           fn: Any) -> bool:  # fmt: skip
    if cell in target or cell not in x or cell not in y:
        return False
    target[cell] = fn(x[cell], y[cell])
    return True


BY_CASE = frozenset({"by_month", "by_location", "by_platform"})  # each case in one cell


def _solve_lines(true: dict[str, Any], known: dict[Cell, int]) -> bool:
    """A line's one unknown cell is its total minus the rest. The total of a line that
    splits the cases is the number of cases, known when shown; any other line's total is
    taken as known (more than a reader has).
    """
    changed = False
    for line in lines_of(true):
        unknown = [c for c in line if c not in known]
        if len(unknown) == 1:
            if line[0][0] in BY_CASE:
                if ("total_cases",) not in known:
                    continue
                total = known[("total_cases",)]
            else:
                total = sum(int(get(true, c)) for c in line)
            known[unknown[0]] = total - sum(known[c] for c in line if c != unknown[0])
            changed = True
    return changed


def _deep_map(figures: dict[str, Any], fn: Any, prefix: Cell = ()) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in figures.items():
        if isinstance(value, dict):
            result[key] = _deep_map(value, fn, (*prefix, key))
        elif isinstance(value, int) and not isinstance(value, bool):
            result[key] = fn((*prefix, key), value)
        else:
            result[key] = value
    return result


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    batch=st.lists(school_cases(), min_size=8, max_size=30),
    clocks=st.lists(st.sampled_from(CLOCKS), min_size=2, max_size=3, unique=True),
    thresholds=st.lists(st.sampled_from([T, T + 1, T + 3]), min_size=1, max_size=2, unique=True),
)
def test_no_pair_of_reports_gives_away_a_small_count(
    engine: Engine, batch: list[Case], clocks: list[pendulum.DateTime], thresholds: list[int]
) -> None:
    location, actor = store_school(engine, batch)
    attacker = Attacker()
    for now, threshold, year in itertools.product(clocks, thresholds, (2024, 2025)):
        with UnitOfWork(engine, write=True) as uow:
            try:
                report = severity_report(
                    uow, actor, period=school_year(year), threshold=threshold,
                    settings=settings_at(now),
                )  # fmt: skip
            except InvalidInputError:  # no month of that year has ended yet
                assert now < pendulum.datetime(year, 9, 1, tz="Europe/Amsterdam")
                continue
        attacker.read(report.period, report.figures, truth(engine, report.period, location, now))
        if report.previous is not None:
            window = report.previous_period
            attacker.read(window, report.previous, truth(engine, window, location, now))
        for figures in filter(None, (report.figures, report.previous)):
            closed, median = figures["closed_cases"], figures["median_days_to_close"]
            assert median is None or (closed is not None and closed > threshold)
            due = figures["obligations"]
            if due["open"] is not None and due["overdue"] is not None:
                assert not 1 <= due["open"] - due["overdue"] <= threshold
    attacker.work_out()
    event(f"windows: {len(attacker.known)}")
    assert attacker.leaks() == []


# ------------------------------------------------------------------ the rules, one by one
SETTINGS = settings_at(pendulum.datetime(2025, 11, 20, 10, tz="UTC"))


@pytest.fixture(scope="module")
def school(engine: Engine) -> tuple[str, str]:
    return store_school(engine, [])


def test_a_span_of_dates_is_refused_with_suppression(
    engine: Engine, school: tuple[str, str]
) -> None:
    span = date_span(pendulum.date(2025, 9, 1), pendulum.date(2025, 9, 30))
    with UnitOfWork(engine, write=True) as uow, pytest.raises(InvalidInputError) as caught:
        severity_report(uow, school[1], period=span, settings=SETTINGS)
    assert caught.value.field == "period" and "--no-suppression" in str(caught.value)


def test_the_running_year_counts_only_ended_months(engine: Engine, school: tuple[str, str]) -> None:
    with UnitOfWork(engine, write=True) as uow:
        report = severity_report(uow, school[1], settings=SETTINGS)
    assert (report.period.start, report.period.end) == (
        pendulum.date(2025, 8, 1),
        pendulum.date(2025, 10, 31),
    )
    assert list(report.figures["by_month"]) == ["2025-08", "2025-09", "2025-10"]
    assert report.previous_period.end == pendulum.date(2024, 10, 31)
    early = settings_at(pendulum.datetime(2025, 8, 20, 10, tz="UTC"))
    with UnitOfWork(engine, write=True) as uow, pytest.raises(InvalidInputError) as caught:
        severity_report(uow, school[1], settings=early)
    assert "2025-2026" in str(caught.value)


def test_a_threshold_below_the_default_needs_the_right_to_small_counts(
    engine: Engine, school: tuple[str, str]
) -> None:
    _location, actor = school
    with UnitOfWork(engine, write=True) as uow, pytest.raises(PermissionDeniedError):
        severity_report(uow, actor, threshold=T - 1, settings=SETTINGS)
    with UnitOfWork(engine) as uow:
        refusals = [e for e in uow.access_log.entries() if e.actor_id == actor and not e.allowed]
    assert refusals and "threshold" in (refusals[-1].detail or "")
    with UnitOfWork(engine, write=True) as uow:  # raising it is anyone's right
        assert severity_report(uow, actor, threshold=T + 2, settings=SETTINGS).threshold == 7
    with UnitOfWork(engine, write=True) as uow:  # the board may see small counts anyway
        store_people(uow, ["cvb-pub"], kind="staff", location=None, roles={Role.CVB})
        uow.commit()
        assert severity_report(uow, "cvb-pub", threshold=2, settings=SETTINGS).threshold == 2


def test_a_suppressed_report_covers_the_whole_scope(
    engine: Engine, school: tuple[str, str]
) -> None:
    with UnitOfWork(engine, write=True) as uow:
        store_people(uow, ["cvb-pub2"], kind="staff", location=None, roles={Role.CVB})
        uow.commit()
    with UnitOfWork(engine, write=True) as uow, pytest.raises(InvalidInputError) as caught:
        severity_report(uow, "cvb-pub2", locations=[school[0]], settings=SETTINGS)
    assert caught.value.field == "location" and "--no-suppression" in str(caught.value)
    with UnitOfWork(engine, write=True) as uow:  # the teamleider's whole scope is one location
        report = severity_report(uow, school[1], locations=[school[0]], settings=SETTINGS)
    assert report.locations == (school[0],)
