"""Peak memory of ``export cases`` at 10,000 and 100,000 cases: it must stay flat.

Usage: python bench/export.py [--sizes 10000 100000]

Loads the cases as bench/report.py does (straight Core inserts), then exports them in a
child process of its own and reads that child's high-water mark (VmHWM). Also prints the
export rate, and the same rows read with hand-written SQL (the limit) for comparison.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import text

sys.path.insert(0, str(Path(__file__).parent))

from report import (
    NOW,
    _peak_rss_mb,
    load,
)

from pcc_cases.adapters.engine import make_engine
from pcc_cases.adapters.unit_of_work import UnitOfWork
from pcc_cases.domain.time import FixedClock
from pcc_cases.interchange.cases_io import export_cases
from pcc_cases.services import Settings

TABLES = ("cases", "case_involvements", "case_violations", "case_assessments", "case_decisions",
          "case_obligations", "case_events")  # fmt: skip


def child(kind: str, url: str, output: str) -> None:
    engine = make_engine(url)
    started = time.perf_counter()
    with Path(output).open("w", encoding="utf-8") as out:
        if kind == "export":
            with UnitOfWork(engine) as uow:
                count = export_cases(uow, "B0001", out, settings=Settings(clock=FixedClock(NOW)))
        else:
            with engine.connect() as conn:
                count = 0
                for table in TABLES:
                    for row in conn.execution_options(stream_results=True, yield_per=2000).execute(
                        text(f"SELECT * FROM {table} ORDER BY id")
                    ):
                        out.write(json.dumps(row._asdict(), default=str) + "\n")
                        count += table == "cases"
    print(
        json.dumps(
            {"seconds": time.perf_counter() - started, "count": count, "peak_mb": _peak_rss_mb()}
        )
    )


def measure(kind: str, url: str, output: Path) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, __file__, "--child", kind, url, str(output)],
        capture_output=True,
        text=True,
    )
    if out.returncode != 0:
        raise SystemExit(out.stderr[-3000:])
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    print(
        f"{'cases':>8}{'export s':>10}{'export MB':>11}{'rows SQL s':>12}{'rows SQL MB':>13}{'cases/s':>9}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            url = f"sqlite:///{Path(tmp) / f'export-{n}.sqlite3'}"
            load(url, n)
            ours = measure("export", url, Path(tmp) / "out.jsonl")
            limit = measure("rows", url, Path(tmp) / "rows.jsonl")
            assert ours["count"] == n == limit["count"], (ours, limit)
            print(f"{n:>8}{ours['seconds']:>10.1f}{ours['peak_mb']:>11.0f}{limit['seconds']:>12.1f}"
                  f"{limit['peak_mb']:>13.0f}{n / ours['seconds']:>9.0f}", flush=True)  # fmt: skip


if __name__ == "__main__":
    main()
