"""The database commands: a typo in a path is refused, the default database is made on
first use, ``db backup`` copies a SQLite database consistently while it is written to,
and every command leaves the SQLite file complete.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from pathlib import Path

from tests.clirun import RECORD, run, run_installed


def test_a_sqlite_path_that_does_not_exist_is_refused_and_not_created(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'casse.sqlite3'}"
    out = run("--db", url, "--as", "vd-alk", "case", "list")
    assert out.returncode == 8
    assert "databasebestand" in out.stderr and "pcc-cases db upgrade" in out.stderr
    assert list(tmp_path.iterdir()) == []
    assert run("--db", url, "db", "upgrade").returncode == 0
    assert (tmp_path / "casse.sqlite3").is_file()


def test_the_default_database_is_made_on_first_use(tmp_path: Path) -> None:
    out = run("--as", "x", "case", "list", env={"XDG_DATA_HOME": str(tmp_path)})
    assert "databasebestand" not in out.stderr
    assert (tmp_path / "pcc_cases" / "pcc_cases.sqlite3").is_file()


def test_backup_while_another_process_writes_is_a_complete_database(
    tmp_path: Path, director_env: dict[str, str]
) -> None:
    url = director_env["PCC_CASES_DATABASE_URL"]
    for _ in range(3):
        assert run(*RECORD, env=director_env).returncode == 0
    errors: list[str] = []

    def write_more() -> None:
        for _ in range(4):
            out = run_installed(*RECORD, env=director_env)
            if out.returncode != 0:
                errors.append(out.stderr)

    writer = threading.Thread(target=write_more)
    writer.start()
    copies = []
    for index in range(3):
        copy = tmp_path / f"copy{index}.sqlite3"
        out = run_installed("--db", url, "db", "backup", str(copy), "--json")
        assert out.returncode == 0, out.stderr
        copies.append((copy, json.loads(out.stdout)["cases"]))
    writer.join()
    assert errors == []
    for copy, cases in copies:
        with sqlite3.connect(copy) as connection:
            assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            assert connection.execute("SELECT count(*) FROM pcc_cases").fetchone() == (cases,)
            events = connection.execute(
                "SELECT count(DISTINCT case_id) FROM pcc_case_events"
            ).fetchone()
        assert 3 <= cases <= 7 and events == (cases,)
    listed = run("--db", f"sqlite:///{copies[-1][0]}", "--as", "vd-alk", "case", "list", "--json")
    assert listed.returncode == 0 and len(json.loads(listed.stdout)) == copies[-1][1]


def test_backup_refuses_to_overwrite_a_file(tmp_path: Path, director_env: dict[str, str]) -> None:
    existing = tmp_path / "exists.sqlite3"
    existing.write_text("keep me")
    out = run("db", "backup", str(existing), env=director_env)
    assert out.returncode == 5 and "bestaat al" in out.stderr
    assert existing.read_text() == "keep me"


def test_after_a_command_the_file_alone_holds_every_case(director_env: dict[str, str]) -> None:
    number = run(*RECORD, env=director_env).stdout.strip()
    path = Path(director_env["PCC_CASES_DATABASE_URL"].removeprefix("sqlite:///"))
    wal = path.with_name(path.name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0
    copy = path.with_name("plain-copy.sqlite3")
    copy.write_bytes(path.read_bytes())
    with sqlite3.connect(copy) as connection:
        assert connection.execute("SELECT number FROM pcc_cases").fetchall() == [(number,)]
