"""A director types Dutch: labels in either language and any case are read as codes."""

from __future__ import annotations

import json

from tests.clirun import RECORD, run


def test_a_director_types_dutch_on_the_command_line(director_env: dict[str, str]) -> None:
    dutch = [
        {"instagram": "Instagram", "public": "openbaar", "deliberate": "Opzettelijk"}.get(a, a)
        for a in RECORD
    ]
    recorded = run(*dutch, env=director_env)
    assert recorded.returncode == 0, recorded.stderr
    number = recorded.stdout.strip()
    decided = run(
        "case", "decide", number, "--offender", "s-alk1", "--step", "schorsing", "--days", "2",
        env=director_env,
    )  # fmt: skip
    assert decided.returncode == 0, decided.stderr
    shown = json.loads(run("case", "show", number, "--json", env=director_env).stdout)
    assert shown["platform"] == "instagram"
    assert [d["step"] for d in shown["decisions"]] == ["suspension"]
    wrong = run("case", "decide", number, "--offender", "s-alk1", "--step", "schorsen",
                env=director_env)  # fmt: skip
    assert wrong.returncode == 2
    assert "'schorsen' is niet toegestaan voor maatregel; kies uit:" in wrong.stderr
