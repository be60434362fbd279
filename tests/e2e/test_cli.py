"""The ``pcc-cases`` command: in-process for what it says, and the installed command for
what only a real process shows (its exit codes, no traceback, ``python -m pcc_cases``).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from pcc_cases.adapters.migrate import head
from tests.clirun import run, run_installed


def test_protocol_show_prints_the_catalogue_in_dutch() -> None:
    out = run("protocol", "show")
    assert out.returncode == 0
    assert "Protocol Sociale Media" in out.stdout
    assert "Persprotocol blijft gelden" in out.stdout


def test_protocol_show_clause_as_json() -> None:
    out = run("protocol", "show", "6.8", "--json")
    data = json.loads(out.stdout)
    assert data["id"] == "6.8" and data["kind"] == "guideline" and data["citable"] is True


def test_unknown_clause_exits_5_without_traceback() -> None:
    out = run_installed("protocol", "show", "8.1")
    assert out.returncode == 5
    assert "geldige bepalingen: 1.1" in out.stderr
    assert "Traceback" not in out.stderr


def test_usage_error_exits_2() -> None:
    assert run_installed("protocol", "show", "--lang", "fr").returncode == 2
    assert run("protocol", "show", "--lang", "fr").returncode == 2


def test_db_upgrade_and_current(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    missing = run("--db", url, "db", "current", "--json")
    assert missing.returncode == 8 and "pcc-cases db upgrade" in missing.stderr
    up = run("--db", url, "--lang", "en", "db", "upgrade")
    assert up.returncode == 0 and f"upgraded to revision {head()}" in up.stderr
    after = run("db", "current", env={"PCC_CASES_DATABASE_URL": url})
    assert after.stdout.strip() == head()


def test_unreachable_database_is_a_message_not_a_traceback() -> None:
    out = run_installed("--db", "postgresql://nobody:secret@127.0.0.1:1/none", "db", "current")
    assert out.returncode == 8, out.stderr
    assert "de database op postgresql+psycopg://nobody:***@127.0.0.1:1/none is niet bereikbaar" in (
        out.stderr
    )
    assert "Traceback" not in out.stderr and "secret" not in out.stderr


@pytest.mark.parametrize(
    "command", [["protocol"], ["protocol", "show"], ["db"], ["db", "upgrade"], ["db", "current"]]
)
def test_every_command_has_help(command: list[str]) -> None:
    out = run(*command, "--help")
    assert out.returncode == 0
    assert "/" in out.stdout  # bilingual help text


def test_module_entry_point() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "pcc_cases", "protocol", "show", "1.1"],
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0 and out.stdout.startswith("1.1")
