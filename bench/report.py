"""Time the severity report against hand-written SQL computing the same numbers.

Usage: python bench/report.py [--sizes 100000 1000000] [--backends sqlite postgresql]

For each backend and size: bulk-load that many cases (with involvements, violations,
assessments, decisions, obligations and events; straight Core executemany, not the
services) over two school years, then run, each in a child process of its own:

- the JSON report through ``severity_report`` (suppression off, so nothing is skipped),
- the same figures with hand-written SQL for that backend (the physical limit),
- the suppressed report (the running year through its ended months, compared with the
  same year after each earlier month, so about a dozen windows per year),

and print the times, their ratio, and each child's peak memory (max RSS).
Targets: report within 1.5x of the hand-written SQL; time growing no faster than linearly
from 100k to 1M; peak memory below 200 MB and not growing with the number of cases.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pendulum
from sqlalchemy import create_engine, insert, text

from pcc_cases.adapters import tables as t
from pcc_cases.adapters.engine import make_engine
from pcc_cases.adapters.migrate import upgrade
from pcc_cases.adapters.unit_of_work import UnitOfWork
from pcc_cases.domain.people import Role
from pcc_cases.domain.period import school_year
from pcc_cases.domain.time import FixedClock
from pcc_cases.reports.severity import severity_report
from pcc_cases.services import Settings

PG_ADMIN = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
LOCATIONS = [f"Vestiging {i:02d}" for i in range(20)]
PLATFORMS = ["instagram", "tiktok", "snapchat", "whatsapp", "x", "youtube", "other"]
CLAUSES = ["1.1", "1.2", "1.3", "2.1", "3.2", "3.3", "5.1", "6.3", "6.8"]
STEPS = ["talk-mentor", "talk-management", "sanction", "internal-suspension", "suspension"]
START = pendulum.datetime(2024, 8, 1, tz="UTC")
SPAN_SECONDS = 2 * 365 * 86400
NOW = pendulum.datetime(2026, 7, 15, 12, tz="UTC")
CHUNK = 20_000


# ------------------------------------------------------------------ loading
def load(url: str, n: int, seed: int = 1) -> None:
    """Bulk-load ``n`` cases over school years 2024 and 2025."""
    upgrade(url)
    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://"))
    rng = random.Random(seed)
    students = [f"S{i:07d}" for i in range(max(1000, n // 5))]
    with engine.begin() as conn:
        for start in range(0, len(students), CHUNK):
            conn.execute(
                insert(t.people),
                [
                    {"id": s, "kind": "student", "first_name": "A", "last_name": "B",
                     "location": LOCATIONS[i % len(LOCATIONS)], "roles": frozenset()}
                    for i, s in enumerate(students[start:start + CHUNK], start)
                ],
            )  # fmt: skip
        conn.execute(
            insert(t.people),
            [{"id": "B0001", "kind": "staff", "first_name": "C", "last_name": "D",
              "roles": frozenset({Role.CVB})}],
        )  # fmt: skip
    for first in range(0, n, CHUNK):
        rows: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}
        for case_id in range(first + 1, min(n, first + CHUNK) + 1):
            _case_rows(rng, case_id, students, rows)
        with engine.begin() as conn:
            for name, table in TABLES.items():
                if rows[name]:
                    conn.execute(insert(table), rows[name])
    engine.dispose()


TABLES = {
    "cases": t.cases,
    "pcc_case_involvements": t.case_involvements,
    "pcc_case_violations": t.case_violations,
    "pcc_case_assessments": t.case_assessments,
    "pcc_case_decisions": t.case_decisions,
    "pcc_case_obligations": t.case_obligations,
    "pcc_case_events": t.case_events,
}


def _case_rows(
    rng: random.Random, case_id: int, students: list[str], rows: dict[str, list[dict[str, Any]]]
) -> None:
    occurred = START.add(seconds=rng.randrange(SPAN_SECONDS))
    reported = occurred.add(hours=rng.randrange(1, 72))
    offender, target = rng.sample(students, 2)
    assessed, decided = rng.random() < 0.8, False
    state = "reported"
    level = rng.randint(1, 4)
    if assessed:
        state = "assessed"
        decided = rng.random() < 0.75
    closed = decided and rng.random() < 0.7
    if decided:
        state = "closed" if closed else "decided"
    rows["cases"].append({
        "id": case_id, "number": f"B{case_id:09d}", "school_year": occurred.year if occurred.month >= 8 else occurred.year - 1,
        "protocol_version": "pcc-smp-2013", "occurred_at": occurred, "reported_at": reported,
        "platform": rng.choice(PLATFORMS), "location": rng.choice(LOCATIONS), "summary": "x",
        "state": state, "version": 1,
    })  # fmt: skip
    rows["pcc_case_involvements"] += [
        {"case_id": case_id, "person_id": offender, "role": "offender"},
        {"case_id": case_id, "person_id": target, "role": "target"},
    ]
    for clause in rng.sample(CLAUSES, rng.choice([1, 1, 2])):
        rows["pcc_case_violations"].append(
            {"case_id": case_id, "offender_id": offender, "clause_id": clause}
        )
    rows["pcc_case_events"].append({"case_id": case_id, "seq": 1, "kind": "recorded", "actor_id": "B0001",
                                "at": reported, "state": "reported", "reason": None, "data": {}})  # fmt: skip
    if assessed:
        rows["pcc_case_assessments"].append({
            "case_id": case_id, "offender_id": offender, "reach": "group", "intent": "negligent",
            "harm": "none", "confidential": False, "criminal": False, "removed_and_apologised": False,
            "computed_level": level, "override_level": 4 if rng.random() < 0.05 else None,
            "override_reason": None, "assessed_by": "B0001", "assessed_at": reported,
        })  # fmt: skip
    if decided:
        rows["pcc_case_decisions"].append({
            "case_id": case_id, "offender_id": offender, "step": STEPS[level], "decided_by": "B0001",
            "decided_at": reported.add(days=1), "recommended_step": STEPS[level],
            "days": 2 if STEPS[level] in ("internal-suspension", "suspension") else None,
            "reason": None, "revoked": rng.random() < 0.02,
        })  # fmt: skip
        if rng.random() < 0.4:
            rows["pcc_case_obligations"].append({
                "case_id": case_id, "seq": 1, "kind": "written-decision", "cause": "step",
                "due_on": reported.add(days=3).date(), "created_at": reported, "offender_id": offender,
                "done_on": reported.add(days=2).date() if rng.random() < 0.8 else None,
                "done_by": None,
            })  # fmt: skip
    if closed:
        rows["pcc_case_events"].append({"case_id": case_id, "seq": 2, "kind": "closed", "actor_id": "B0001",
                                    "at": reported.add(days=rng.randrange(1, 40)), "state": "closed",
                                    "reason": None, "data": {}})  # fmt: skip


# ------------------------------------------------------------------ the two contenders
def run_report(url: str, suppression: bool = False) -> dict[str, Any]:
    engine = make_engine(url)
    settings = Settings(clock=FixedClock(NOW))
    with UnitOfWork(engine, write=True) as uow:
        report = severity_report(
            uow, "B0001", period=school_year(2025), suppression=suppression, settings=settings
        )
    engine.dispose()
    return report.to_json()


def run_hand_written(url: str) -> dict[str, Any]:
    """The same figures in plain SQL, written for the backend at hand (same connection
    settings as the library's, so that only the SQL differs).
    """
    engine = make_engine(url)
    dialect = engine.dialect.name
    result: dict[str, Any] = {}
    with engine.connect() as conn:
        for label, period in (("this", school_year(2025)), ("previous", school_year(2024))):
            result[label] = _hand_figures(conn, dialect, period)
    engine.dispose()
    return result


def _hand_figures(conn: Any, dialect: str, period: Any) -> dict[str, Any]:
    def stamp(moment: Any) -> Any:
        """The stored form: a naive UTC datetime (SQLite keeps it as this exact text)."""
        naive = dt.datetime(*moment.timetuple()[:6])  # noqa: DTZ001 - stored naive, UTC
        return naive.strftime("%Y-%m-%d %H:%M:%S.%f") if dialect == "sqlite" else naive

    p = {
        "start": stamp(period.start_utc),
        "end": stamp(period.end_utc),
        "today": NOW.date().isoformat()
        if dialect == "sqlite"
        else dt.date(NOW.year, NOW.month, NOW.day),
    }
    scoped = "SELECT id FROM pcc_cases WHERE occurred_at >= :start AND occurred_at < :end"
    article = (
        "CASE " + " ".join(f"WHEN v.clause_id LIKE '{a}.%' THEN '{a}'" for a in "1234567") + " END"
    )
    severity = ("SELECT case_id, max(coalesce(override_level, computed_level)) AS level "
                "FROM pcc_case_assessments GROUP BY case_id")  # fmt: skip
    if dialect == "postgresql":
        month = (
            "to_char((c.occurred_at AT TIME ZONE 'UTC') AT TIME ZONE 'Europe/Amsterdam', 'YYYY-MM')"
        )
        days = "EXTRACT(EPOCH FROM (e.at - c.reported_at)) / 86400.0"
    else:
        month = "CASE " + " ".join(
            f"WHEN c.occurred_at < '{stamp(after)}' THEN '{label}'" for label, _first, after in period.months()
        ) + " END"  # fmt: skip
        days = "(julianday(e.at) - julianday(c.reported_at))"

    def rows(sql: str) -> dict[str, int]:
        return {str(k): int(n) for k, n in conn.execute(text(sql), p)}

    figures: dict[str, Any] = {
        "total_cases": conn.execute(text(f"SELECT count(*) FROM ({scoped}) s"), p).scalar_one(),
        "by_severity": rows(f"SELECT sv.level, count(*) FROM ({scoped}) s JOIN ({severity}) sv ON sv.case_id = s.id GROUP BY sv.level"),
        "by_article": rows(f"SELECT {article}, count(DISTINCT v.case_id) FROM ({scoped}) s JOIN pcc_case_violations v ON v.case_id = s.id GROUP BY 1"),
        "by_severity_article": rows(
            f"SELECT sv.level || '/' || {article}, count(DISTINCT v.case_id) FROM ({scoped}) s "
            f"JOIN pcc_case_violations v ON v.case_id = s.id JOIN ({severity}) sv ON sv.case_id = s.id GROUP BY sv.level, {article}"
        ),
        "by_platform": rows("SELECT platform, count(*) FROM pcc_cases WHERE occurred_at >= :start AND occurred_at < :end GROUP BY platform"),
        "by_month": rows(f"SELECT {month}, count(*) FROM pcc_cases c WHERE c.occurred_at >= :start AND c.occurred_at < :end GROUP BY 1"),
        "by_location": rows("SELECT location, count(*) FROM pcc_cases WHERE occurred_at >= :start AND occurred_at < :end GROUP BY location"),
        "offenders_by_kind": rows(
            f"SELECT p.kind, count(*) FROM pcc_people p WHERE p.id IN (SELECT i.person_id FROM ({scoped}) s "
            "JOIN pcc_case_involvements i ON i.case_id = s.id WHERE i.role = 'offender') GROUP BY p.kind"
        ),
        "decisions_by_step": rows(f"SELECT d.step, count(*) FROM ({scoped}) s JOIN pcc_case_decisions d ON d.case_id = s.id WHERE d.revoked = false GROUP BY d.step"),
        "repeat_offenders": conn.execute(text(
            f"SELECT count(*) FROM (SELECT i.person_id FROM ({scoped}) s JOIN pcc_case_involvements i ON i.case_id = s.id "
            "WHERE i.role = 'offender' GROUP BY i.person_id HAVING count(DISTINCT i.case_id) >= 2) r"), p).scalar_one(),
        "obligations": list(conn.execute(text(
            f"SELECT count(*), coalesce(sum(CASE WHEN o.due_on < :today THEN 1 ELSE 0 END), 0) FROM ({scoped}) s "
            "JOIN pcc_case_obligations o ON o.case_id = s.id WHERE o.done_on IS NULL"), p).one()),
    }  # fmt: skip
    closed = (f"SELECT {days} AS d FROM pcc_cases c JOIN (SELECT case_id, max(at) AS at FROM pcc_case_events "
              "WHERE kind = 'closed' GROUP BY case_id) e ON e.case_id = c.id "
              "WHERE c.occurred_at >= :start AND c.occurred_at < :end AND c.state = 'closed'")  # fmt: skip
    if dialect == "postgresql":
        median = conn.execute(
            text(f"SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY d) FROM ({closed}) x"), p
        ).scalar_one()
    else:
        count = conn.execute(text(f"SELECT count(*) FROM ({closed}) x"), p).scalar_one()
        middle = (
            conn.execute(
                text(
                    f"SELECT d FROM ({closed}) x ORDER BY d LIMIT {2 - count % 2} OFFSET {(count - 1) // 2}"
                ),
                p,
            )
            .scalars()
            .all()
        )
        median = sum(middle) / len(middle) if middle else None
    figures["median_days_to_close"] = None if median is None else round(float(median), 1)
    return figures


# ------------------------------------------------------------------ harness
def child(kind: str, url: str) -> None:
    started = time.perf_counter()
    if kind == "hand":
        data = run_hand_written(url)
    else:
        data = run_report(url, suppression=kind == "suppressed")
    elapsed = time.perf_counter() - started
    total = data["this"]["total_cases"] if kind == "hand" else data["total_cases"]
    peak_mb = _peak_rss_mb()
    print(json.dumps({"seconds": elapsed, "total": total, "peak_mb": peak_mb}))


def _peak_rss_mb() -> float:
    """The own high-water mark of this process (VmHWM; ru_maxrss would include the parent's)."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(kind: str, url: str) -> tuple[float, float, int]:
    """(seconds, peak RSS in MB, total cases) of one child process doing only ``kind``."""
    out = subprocess.run(
        [sys.executable, __file__, "--child", kind, url], capture_output=True, text=True
    )
    if out.returncode != 0:
        raise SystemExit(f"{kind} failed:\n{out.stderr[-3000:]}")
    data = json.loads(out.stdout.strip().splitlines()[-1])
    return data["seconds"], data["peak_mb"], data["total"]


@contextmanager
def database(backend: str, tmp: Path, n: int) -> Iterator[str]:
    if backend == "sqlite":
        yield f"sqlite:///{tmp / f'report-{n}.sqlite3'}"
        return
    name = f"pcc_bench_{n}"
    admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"DROP DATABASE IF EXISTS {name}"))
        conn.execute(text(f"CREATE DATABASE {name}"))
    try:
        yield f"postgresql://postgres@127.0.0.1:5432/{name}"
    finally:
        with admin.connect() as conn:
            conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        admin.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--backends", nargs="+", default=["sqlite", "postgresql"])
    parser.add_argument("--child", nargs=2, metavar=("KIND", "URL"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    print(
        f"{'backend':<11}{'cases':>10}{'load s':>9}{'report s':>10}{'hand SQL s':>12}{'ratio':>7}{'report MB':>11}{'hand MB':>9}"
        f"{'suppressed s':>14}{'x report':>10}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        for backend in args.backends:
            for n in args.sizes:
                with database(backend, Path(tmp), n) as url:
                    started = time.perf_counter()
                    load(url, n)
                    loaded = time.perf_counter() - started
                    if backend == "postgresql":
                        engine = create_engine(
                            url.replace("postgresql://", "postgresql+psycopg://"),
                            isolation_level="AUTOCOMMIT",
                        )
                        with engine.connect() as conn:
                            conn.execute(text("VACUUM ANALYZE"))
                        engine.dispose()
                    hand_s, hand_mb, hand_total = measure("hand", url)
                    report_s, report_mb, total = measure("report", url)
                    assert total == hand_total, (total, hand_total)
                    suppressed_s, _mb, _total = measure("suppressed", url)
                    print(
                        f"{backend:<11}{n:>10}{loaded:>9.1f}{report_s:>10.2f}{hand_s:>12.2f}{report_s / hand_s:>7.2f}{report_mb:>11.0f}{hand_mb:>9.0f}"
                        f"{suppressed_s:>14.2f}{suppressed_s / report_s:>10.2f}",
                        flush=True,
                    )


if __name__ == "__main__":
    main()
