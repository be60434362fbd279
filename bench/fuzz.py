"""Fuzz the two file imports in-process: ``make fuzz`` (10,000 inputs each by default).

Cases: valid records (built by the domain) changed by one random mutation of the test
suite's invalid-record classes, or by a random value at a random path, or cut short.
People: CSV files of random cells. Every input must either be accepted or refused with a
library error (``PccCasesError``): anything else, or a database that changed after a
refusal, is a failure. Prints the number of inputs, refusals, acceptances and failures;
exits 1 if there was a failure. The normal test suite runs a few hundred of the same.

    python bench/fuzz.py [--examples N]
"""

from __future__ import annotations

import argparse
import copy
import json
import sys
import tempfile
import traceback
from collections import Counter
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pcc_cases.adapters import tables as t
from pcc_cases.adapters.engine import make_engine
from pcc_cases.adapters.migrate import upgrade
from pcc_cases.adapters.unit_of_work import UnitOfWork
from pcc_cases.domain.errors import PccCasesError
from pcc_cases.interchange.cases_io import import_cases
from pcc_cases.interchange.people_csv import COLUMNS, import_people
from tests.interchange.records import MUTATIONS, valid_records
from tests.org import bootstrap, settings_at

values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner),
    max_leaves=6,
)


@st.composite
def case_lines(draw: st.DrawFn) -> str:
    record = draw(valid_records())
    how = draw(st.sampled_from(["mutation", "value", "cut"]))
    if how == "mutation":
        changed = copy.deepcopy(record)
        MUTATIONS[draw(st.sampled_from(sorted(MUTATIONS)))](changed)
        return json.dumps(changed)
    if how == "value":
        node: Any = record
        while True:
            keys = list(node) if isinstance(node, dict) else list(range(len(node)))
            if not keys:
                break
            key = draw(st.sampled_from(keys))
            if isinstance(node[key], dict | list) and node[key] and draw(st.booleans()):
                node = node[key]
                continue
            node[key] = draw(values)
            break
        return json.dumps(record)
    text = json.dumps(record)
    return text[: draw(st.integers(0, len(text)))]


cells = st.text(st.characters(exclude_characters="\x00"), max_size=10)
people_files = st.lists(
    st.lists(cells, min_size=len(COLUMNS), max_size=len(COLUMNS)), min_size=1, max_size=4
).map(lambda rows: "\n".join([",".join(COLUMNS), *(",".join(r) for r in rows)]))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=10_000)
    examples = parser.parse_args().examples
    folder = Path(tempfile.mkdtemp(prefix="pcc-fuzz-"))
    url = f"sqlite:///{folder / 'fuzz.sqlite3'}"
    upgrade(url)
    engine = make_engine(url)
    with UnitOfWork(engine, write=True) as uow:
        bootstrap(uow)
    tally: Counter[str] = Counter()
    failures: list[str] = []

    def stored() -> tuple[int, ...]:
        with engine.connect() as conn:
            return tuple(
                conn.execute(select(func.count()).select_from(table)).scalar_one()
                for table in (t.people, t.cases, t.case_events)
            )

    def attempt(kind: str, action: Any) -> None:
        before = stored()
        try:
            action()
            tally[f"{kind} accepted"] += 1
        except PccCasesError:
            tally[f"{kind} refused"] += 1
            if stored() != before:
                failures.append(f"{kind}: a refusal changed the database")
        except Exception:  # noqa: BLE001 - counting what must never happen
            failures.append(f"{kind}: {traceback.format_exc(limit=3)}")

    fuzz = settings(
        max_examples=examples, database=None, deadline=None,
        suppress_health_check=list(HealthCheck),
    )  # fmt: skip

    @fuzz
    @given(line=case_lines())
    def fuzz_cases(line: str) -> None:
        def run() -> None:
            with UnitOfWork(engine, write=True) as uow:
                import_cases(uow, "cvb1", [line], dry_run=True, settings=settings_at())

        attempt("cases", run)

    @fuzz
    @given(text=people_files)
    def fuzz_people(text: str) -> None:
        def run() -> None:
            with UnitOfWork(engine, write=True) as uow:
                import_people(uow, "cvb1", text, dry_run=True, settings=settings_at())

        attempt("people", run)

    fuzz_cases()
    fuzz_people()
    engine.dispose()
    for kind in ("cases", "people"):
        total = tally[f"{kind} accepted"] + tally[f"{kind} refused"]
        print(
            f"{kind}: {total} inputs, {tally[f'{kind} refused']} refused, "
            f"{tally[f'{kind} accepted']} accepted (dry run)"
        )
    print(f"failures: {len(failures)}")
    for failure in failures[:10]:
        print(failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
