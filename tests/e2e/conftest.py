"""Fixtures of the command-line tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.clirun import run
from tests.org import PEOPLE_CSV


@pytest.fixture
def director_env(tmp_path: Path) -> dict[str, str]:
    """A fresh database with the test organisation, acting as the Alkmaar director."""
    url = f"sqlite:///{tmp_path / 'director.sqlite3'}"
    people = tmp_path / "people.csv"
    people.write_text(PEOPLE_CSV, encoding="utf-8")
    environment = {"PCC_CASES_DATABASE_URL": url, "PCC_CASES_ACTOR": "vd-alk"}
    assert run("db", "upgrade", env=environment).returncode == 0
    imported = run("people", "import", str(people), env=environment)
    assert imported.returncode == 0, imported.stderr
    return environment
