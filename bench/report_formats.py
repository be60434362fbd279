"""How long each format of the severity report takes to write, against its JSON.

Usage: python bench/report_formats.py [N]

Computes the report of the tests' small school once (the figures are the same size for
any number of cases: a fixed set of breakdowns), then writes it N times in each format and
prints the medians and their ratio to ``json.dumps`` of the same report (the floor: the
figures as text with no layout). Run from the project folder.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent.parent))

from pcc_cases.adapters.engine import make_engine
from pcc_cases.adapters.unit_of_work import UnitOfWork
from pcc_cases.reports.render_html import render_html
from pcc_cases.reports.severity import severity_report
from pcc_cases.reports.tabular import render_csv
from pcc_cases.reports.workbook import render_xlsx
from tests.org import settings_at
from tests.reports.conftest import REPORT_NOW, build_report_db


def _median_ms(action: Callable[[], object], n: int) -> float:
    times = []
    for _ in range(n):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", nargs="?", type=int, default=50)
    n = parser.parse_args().n
    with tempfile.TemporaryDirectory() as work:
        engine = make_engine(build_report_db(Path(work) / "report.sqlite3"))
        with UnitOfWork(engine, write=True) as uow:
            report = severity_report(
                uow, "cvb1", suppression=False, settings=settings_at(REPORT_NOW)
            )
        engine.dispose()
    formats: dict[str, Callable[[], object]] = {
        "json": lambda: json.dumps(report.to_json(), ensure_ascii=False, indent=2),
        "csv": lambda: render_csv(report, "nl"),
        "html": lambda: render_html(report, "nl", "Stichting PCC"),
        "xlsx": lambda: render_xlsx(report, "nl", "Stichting PCC"),
    }
    floor = _median_ms(formats["json"], n)
    print(f"{'format':<6} {'median ms':>10} {'x json':>8}")
    for name, action in formats.items():
        median = _median_ms(action, n)
        print(f"{name:<6} {median:>10.2f} {median / floor:>8.1f}")


if __name__ == "__main__":
    main()
