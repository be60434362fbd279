"""The privacy commands through the installed ``pcc-cases``: only for FG and CvB."""

from __future__ import annotations

import json
from pathlib import Path

from tests.clirun import RECORD, run


def test_privacy_commands_for_the_fg_and_nobody_else(
    director_env: dict[str, str], tmp_path: Path
) -> None:
    number = run(*RECORD, env=director_env).stdout.strip()
    assert run("case", "show", number, env=director_env).returncode == 0
    fg = {**director_env, "PCC_CASES_ACTOR": "fg1"}
    assert run("privacy", "export-person", "s-alk1", env=director_env).returncode == 4  # a director
    exported = json.loads(run("privacy", "export-person", "s-alk1", env=fg).stdout)
    assert exported["person"]["last_name"] == "de Vries"
    assert [c["number"] for c in exported["cases"]] == [number]
    assert exported["cases"][0]["roles"] == ["offender"]
    page = tmp_path / "inzage.html"
    assert (
        run(
            "privacy", "export-person", "s-alk1", "--format", "html", "--output", str(page), env=fg
        ).returncode
        == 0
    )
    assert "Inzage persoonsgegevens" in page.read_text(encoding="utf-8")
    log = json.loads(run("privacy", "access-log", "--case", number, "--json", env=fg).stdout)
    assert any(e["actor_id"] == "vd-alk" and e["action"] == "view" for e in log)
    plan = json.loads(run("privacy", "purge", "plan", "--json", env=fg).stdout)
    assert [p["id"] for p in plan["people"]] == ["left-tl"] and len(plan["digest"]) == 64
    alone = run("privacy", "purge", "confirm", str(plan["plan"]), env=fg)
    assert alone.returncode == 4 and "second person" in alone.stderr
    cvb = {**director_env, "PCC_CASES_ACTOR": "cvb1"}
    done = run("privacy", "purge", "confirm", str(plan["plan"]), "--json", env=cvb)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["people"][0]["id"].startswith("anon-")
    again = run("privacy", "purge", "confirm", str(plan["plan"]), env=cvb)
    assert again.returncode == 6 and "al uitgevoerd" in again.stderr
    future = run("privacy", "purge", "plan", "--as-of", "2099-01-01", env=fg)
    assert future.returncode == 5 and "toekomst" in future.stderr
    assert run("db", "compact", env=fg).returncode == 0
