"""The demo builds its school year through the services; a short run checks it end to end."""

from __future__ import annotations

import json
from pathlib import Path

from tests.clirun import run


def test_a_short_demo_builds_a_usable_database(tmp_path: Path) -> None:
    out = run("--lang", "en", "demo", "--cases", "40", "--seed", "7", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    database = tmp_path / "pcc-cases-demo.sqlite3"
    assert database.exists() and str(database) in out.stderr
    assert "people" in out.stdout and "1622" in out.stdout
    env = {"PCC_CASES_DATABASE_URL": f"sqlite:///{database}", "PCC_CASES_ACTOR": "P0001"}
    cases = json.loads(run("case", "list", "--json", env=env).stdout)
    assert len(cases) == 40
    assert {c["location"] for c in cases} <= {"Alkmaar", "Bergen", "Heiloo"}
    again = run("demo", "--cases", "5", cwd=tmp_path)  # the default demo file is replaced
    assert again.returncode == 0, again.stderr
    assert len(json.loads(run("case", "list", "--json", env=env).stdout)) == 5


def test_the_demo_refuses_a_database_that_is_not_empty(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'real.sqlite3'}"
    assert run("--db", url, "db", "upgrade").returncode == 0
    out = run("demo", "--db", url)
    assert out.returncode == 5 and "lege database" in out.stderr
