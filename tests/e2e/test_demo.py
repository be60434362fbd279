"""The demo builds its school year through the services; a short run checks it end to end."""

from __future__ import annotations

import json
import re
from pathlib import Path

from litestar.testing import TestClient

from pcc_cases.adapters.engine import make_engine
from pcc_cases.cli.server_cmd import check_private_file
from pcc_cases.server.app import create_app
from pcc_cases.server.totp import code_now
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


def test_the_demo_prints_logins_that_open_its_pages(tmp_path: Path) -> None:
    out = run("demo", "--cases", "40", "--seed", "7", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert "make serve-demo" in out.stderr and "http://127.0.0.1:8000/" in out.stderr
    logins = {
        row.split("\t")[0]: row.split("\t")[1:]
        for row in out.stdout.splitlines()
        if row.count("\t") == 3
    }
    login, password, key = logins["vestigingsdirecteur"]
    assert {"mentor", "college van bestuur", "functionaris gegevensbescherming"} <= set(logins)
    database = tmp_path / "pcc-cases-demo.sqlite3"
    check_private_file(database)  # what 'serve' asks of the file: the demo leaves it so
    code = run("totp", key)
    assert code.returncode == 0 and re.fullmatch(r"\d{6}\n", code.stdout), code.stderr
    assert run("totp", "not a key!").returncode == 5

    engine = make_engine(f"sqlite:///{database}")
    try:
        with TestClient(create_app(engine), base_url="http://127.0.0.1:8000") as client:
            answer = client.post(
                "/login",
                data={"person_id": login, "password": password, "code": code_now(key)},
                follow_redirects=False,
            )
            assert answer.status_code == 303 and answer.headers["location"] == "/"
            home = client.get("/")
            assert home.status_code == 200 and "Mijn overzicht" in home.text
            assert 'href="/cases/2025-' in home.text
    finally:
        engine.dispose()
