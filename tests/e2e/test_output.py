"""What the commands print: tab-separated lines when not a terminal, JSON on request from
every command that changes something.
"""

from __future__ import annotations

import json

from tests.clirun import RECORD, run


def test_lists_are_tab_separated_when_piped(director_env: dict[str, str]) -> None:
    number = run(*RECORD, env=director_env).stdout.strip()
    out = run("case", "list", env=director_env)
    lines = out.stdout.splitlines()
    assert lines[0].split("\t")[0] == "zaak" and lines[1].split("\t")[0] == number
    assert len({len(line.split("\t")) for line in lines}) == 1
    assert not any(box in out.stdout for box in "│┃━─")


def test_state_changes_and_duties_print_json_on_request(director_env: dict[str, str]) -> None:
    unassessed = run(*RECORD[: RECORD.index("--reach")], env=director_env).stdout.strip()
    investigated = run("case", "investigate", unassessed, "--json", env=director_env)
    assert json.loads(investigated.stdout)["state"] == "investigating"
    dismissed = run("case", "dismiss", unassessed, "--reason", "ongegrond", "--json",
                    env=director_env)  # fmt: skip
    assert json.loads(dismissed.stdout)["state"] == "dismissed"
    number = run(*RECORD, env=director_env).stdout.strip()
    assert run("case", "decide", number, "--offender", "s-alk1", "--step", "suspension",
               "--days", "1", env=director_env).returncode == 0  # fmt: skip
    duties = json.loads(run("obligations", "--json", env=director_env).stdout)
    done = run("obligation", "done", duties[0]["id"], "--json", env=director_env)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["id"] == duties[0]["id"]
    objected = run("case", "object", number, "--reason", "te zwaar", "--json", env=director_env)
    assert json.loads(objected.stdout)["state"] == "under_review"
    reviewed = run(
        "case", "review", number, "--rejected", "--reason", "terecht", "--json", env=director_env
    )
    assert json.loads(reviewed.stdout)["state"] == "decided"
    upgraded = run("db", "upgrade", "--json", env=director_env)
    assert json.loads(upgraded.stdout) == {"current": "0003"}
