"""Import under attack: hypothesis junk gives exit 5 naming the line and leaves the
database unchanged; killing the import at a random moment leaves it unchanged or complete.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import create_engine, func, select

from pcc_cases import services as sv
from pcc_cases.adapters import tables as t
from pcc_cases.adapters.engine import make_engine
from pcc_cases.adapters.migrate import upgrade
from pcc_cases.adapters.unit_of_work import UnitOfWork
from pcc_cases.domain.factors import Factors
from pcc_cases.interchange.cases_io import PAUSE_BEFORE_COMMIT_ENV
from tests.clirun import EXE, run
from tests.dbstate import fingerprint
from tests.org import bootstrap, settings_at


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    """A database with the organisation and no cases, and one exported case line."""
    folder = tmp_path_factory.mktemp("import")
    url = f"sqlite:///{folder / 'source.sqlite3'}"
    upgrade(url)
    engine = make_engine(url)
    with UnitOfWork(engine, write=True) as uow:
        bootstrap(uow)
    occurred = pendulum.datetime(2025, 10, 1, 20, tz="Europe/Amsterdam")
    with UnitOfWork(engine, write=True) as uow:
        case = sv.record_incident(
            uow, "cvb1", occurred_at=occurred, platform="tiktok", location="Alkmaar",
            summary="Filmpje", offenders=["s-alk1"], clauses=["1.2"], factors=Factors(),
            settings=settings_at(),
        )  # fmt: skip
        sv.decide_step(
            uow, "cvb1", case.number or "", "s-alk1", "talk-management", settings=settings_at()
        )
    out = folder / "one.jsonl"
    assert run("--db", url, "--as", "cvb1", "export", "cases", "--output", str(out)).returncode == 0
    line = out.read_text(encoding="utf-8").strip()
    empty = f"sqlite:///{folder / 'empty.sqlite3'}"
    upgrade(empty)
    empty_engine = make_engine(empty)
    with UnitOfWork(empty_engine, write=True) as uow:
        bootstrap(uow)
    empty_engine.dispose()  # the last connection closing checkpoints the WAL into the file
    engine.dispose()
    return empty, line


SCALARS = [
    "protocol_version",
    "occurred_at",
    "reported_at",
    "platform",
    "location",
    "summary",
    "state",
    "number",
]
JUNK = [12345, [], {"a": 1}, True]


@st.composite
def junk_files(draw: st.DrawFn, line: str) -> str:
    record = json.loads(line)
    lines = [
        line.replace('"2025-0001"', f'"2025-{n:04d}"')
        for n in range(1, draw(st.integers(1, 4)) + 1)
    ]
    victim = draw(st.integers(0, len(lines) - 1))
    how = draw(st.sampled_from(["truncate", "field", "garbage", "unknown"]))
    if how == "truncate":
        lines[victim] = lines[victim][: draw(st.integers(1, len(lines[victim]) - 1))]
    elif how == "field":
        broken = dict(json.loads(lines[victim]))
        broken[draw(st.sampled_from(SCALARS))] = draw(st.sampled_from(JUNK))
        lines[victim] = json.dumps(broken)
    elif how == "garbage":
        lines[victim] = draw(
            st.text(min_size=1, max_size=40).filter(
                lambda s: s.strip() and "\n" not in s and "\r" not in s
            )
        )
    else:
        lines[victim] = json.dumps({**record, "bsn": "123456789"})
    return "\n".join(lines) + "\n"


@settings(max_examples=40)
@given(data=st.data())
def test_junk_gives_exit_5_and_changes_nothing(
    source: tuple[str, str], data: st.DataObject, tmp_path_factory: pytest.TempPathFactory
) -> None:
    url, line = source
    text = data.draw(junk_files(line))
    path = tmp_path_factory.mktemp("junk") / "cases.jsonl"
    path.write_text(text, encoding="utf-8")
    before = fingerprint(url)
    ran = run("--db", url, "--as", "cvb1", "import", "cases", str(path))
    code, _out, err = ran.returncode, ran.stdout, ran.stderr
    assert code == 5, err
    assert "regel " in err and "er is niets geïmporteerd" in err and "Traceback" not in err
    assert fingerprint(url) == before


def test_killing_the_import_leaves_nothing_half_done(
    source: tuple[str, str], tmp_path: Path
) -> None:
    """Killed after every case is written but before the commit: nothing is kept. Left to
    finish: everything is.
    """
    url, line = source
    template = Path(url.removeprefix("sqlite:///"))
    count = 300
    big = tmp_path / "big.jsonl"
    big.write_text(
        "".join(line.replace('"2025-0001"', f'"2025-{n:04d}"') + "\n" for n in range(1, count + 1)),
        encoding="utf-8",
    )

    def stored_in(target: Path) -> tuple[int, int]:
        engine = create_engine(f"sqlite:///{target}")
        with engine.connect() as conn:
            cases = conn.execute(select(func.count()).select_from(t.cases)).scalar_one()
            events = conn.execute(select(func.count()).select_from(t.case_events)).scalar_one()
        engine.dispose()
        return cases, events

    def command(target: Path) -> list[str]:
        return [EXE, "--db", f"sqlite:///{target}", "--as", "cvb1", "import", "cases", str(big)]

    killed, finished = tmp_path / "killed.sqlite3", tmp_path / "finished.sqlite3"
    for target in (killed, finished):
        shutil.copy(template, target)
    marker = tmp_path / "written"
    process = subprocess.Popen(
        command(killed),
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, PAUSE_BEFORE_COMMIT_ENV: str(marker)},
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while not marker.exists() and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    if not marker.exists():
        process.kill()
        pytest.fail(f"the import never reached its commit: {process.communicate()}")
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert stored_in(killed) == (0, 0)
    done = subprocess.run(command(finished), capture_output=True)
    assert done.returncode == 0, done.stderr
    assert stored_in(finished) == (count, count * 3)
