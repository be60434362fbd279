"""How long a letter takes: drawing the PDF alone, and the whole service on a SQLite file.

Usage: python bench/letters.py [N]

Makes the decision of a two-day suspension N times each way and prints the medians and
their ratio. The floor is the PDF alone (fpdf2, in-process); the service adds loading the
case, checking permission, gathering the facts and, the first time, recording the hash.
Run from the project folder (it uses the tests' small organisation).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent.parent))

from pcc_cases.adapters.engine import make_engine
from pcc_cases.adapters.migrate import upgrade
from pcc_cases.adapters.unit_of_work import UnitOfWork
from pcc_cases.documents import render_letter
from pcc_cases.services.letters import make_letter
from tests.documents.scenario import LETTERHEAD, S, duty, suspension
from tests.org import bootstrap


def _median_ms(action: object, n: int) -> float:
    times = []
    for _ in range(n):
        start = time.perf_counter()
        action()  # type: ignore[operator]
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("n", nargs="?", type=int, default=50)
    n = parser.parse_args().n
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'letters.sqlite3'}"
        upgrade(url)
        engine = make_engine(url)
        with UnitOfWork(engine, write=True) as uow:
            bootstrap(uow)
            decision = duty(uow, suspension(uow), "written-decision")

        def service() -> bytes:
            with UnitOfWork(engine, write=True) as uow:
                return make_letter(
                    uow, "vd-alk", decision, render=render_letter, letterhead=LETTERHEAD,
                    settings=S,
                ).content  # fmt: skip

        facts = None
        with UnitOfWork(engine, write=True) as uow:
            facts = make_letter(
                uow, "vd-alk", decision, render=render_letter, letterhead=LETTERHEAD, settings=S
            ).facts
        pdf_ms = _median_ms(lambda: render_letter(facts), n)
        service_ms = _median_ms(service, n)
        engine.dispose()
    print(f"PDF alone (floor): median {pdf_ms:.1f} ms over {n}")
    print(f"make_letter on SQLite: median {service_ms:.1f} ms over {n}")
    print(f"ratio service / PDF alone: {service_ms / pdf_ms:.2f}")


if __name__ == "__main__":
    main()
