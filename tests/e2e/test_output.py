"""What the commands print: tab-separated lines when not a terminal, JSON on request from
every command that changes something.
"""

from __future__ import annotations

import json
from pathlib import Path

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
    assert json.loads(upgraded.stdout) == {"current": "0009"}


def test_lists_show_names_and_can_be_searched_and_limited(director_env: dict[str, str]) -> None:
    first = run(*RECORD, env=director_env).stdout.strip()
    second = run(*RECORD, env=director_env).stdout.strip()
    listed = run("case", "list", env=director_env).stdout
    assert "s-alk1 Sem de Vries (2B)" in listed
    limited = run("case", "list", "--limit", "1", env=director_env).stdout.splitlines()
    assert [line.split("\t")[0] for line in limited] == ["zaak", first]
    searched = run("case", "list", "--search", second[-4:], env=director_env).stdout
    assert second in searched and first not in searched
    assert (
        run("case", "list", "--search", "Emma Visser", env=director_env).stdout.count("\n") == 1
    )  # only the header: Emma is at another location and in no case
    people = run("people", "list", "--search", "sem", env=director_env).stdout.splitlines()
    assert [line.split("\t")[0] for line in people[1:]] == ["s-alk1"]
    refused = run("case", "list", "--limit", "0", env=director_env)
    assert refused.returncode == 2 and "--limit" in refused.stderr


def test_a_table_pages_only_when_longer_than_the_screen() -> None:
    from pcc_cases.cli.render import needs_pager

    assert not needs_pager(10, 40)
    assert needs_pager(36, 40)
    assert not needs_pager(35, 40)


def test_long_commands_show_progress_on_stderr_in_a_terminal(
    director_env: dict[str, str], tmp_path: Path
) -> None:
    for _ in range(3):
        run(*RECORD, env=director_env)
    board = {**director_env, "PCC_CASES_ACTOR": "cvb1"}
    terminal = {**board, "TTY_COMPATIBLE": "1", "TTY_INTERACTIVE": "1"}
    target = tmp_path / "cases.jsonl"
    shown = run("export", "cases", "--output", str(target), env=terminal)
    assert shown.returncode == 0, shown.stderr
    assert "Zaken exporteren" in shown.stderr and "3" in shown.stderr
    checked = run("import", "cases", str(target), "--dry-run", env=terminal)
    assert "Zaken controleren" in checked.stderr and "3/3" in checked.stderr
    piped = run("export", "cases", "--output", str(target), "--force", env=board)
    assert piped.stderr.strip() == "3 zaken geëxporteerd"  # no bar in a log
