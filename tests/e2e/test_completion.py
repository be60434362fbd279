"""Shell completion: commands and options from click, and values from the database that
the actor may see; completion never fails and never creates a database.
"""

from __future__ import annotations

from pathlib import Path

from tests.clirun import RECORD, run


def complete(words: str, env: dict[str, str]) -> list[str]:
    """What bash would offer after ``words`` (the last word being completed)."""
    parts = words.split(" ")
    ran = run(
        env={
            **env,
            "_PCC_CASES_COMPLETE": "bash_complete",
            "COMP_WORDS": words,
            "COMP_CWORD": str(len(parts) - 1),
        }
    )
    assert ran.returncode == 0, ran.stderr
    lines = [line for line in ran.stdout.splitlines() if line]
    assert all(line.startswith("plain,") for line in lines), ran.stdout
    return [line.removeprefix("plain,") for line in lines]


def test_case_numbers_in_scope_are_completed(director_env: dict[str, str]) -> None:
    number = run(*RECORD, env=director_env).stdout.strip()
    assert complete("pcc-cases case show ", director_env) == [number]
    assert complete(f"pcc-cases case close {number[:6]}", director_env) == [number]
    assert complete("pcc-cases case show 1999", director_env) == []
    other_location = {**director_env, "PCC_CASES_ACTOR": "vd-ber"}
    assert complete("pcc-cases case show ", other_location) == []
    typed_actor = complete("pcc-cases --as vd-ber case show ", director_env)
    assert typed_actor == []


def test_duties_locations_and_steps_are_completed(director_env: dict[str, str]) -> None:
    number = run(*RECORD, env=director_env).stdout.strip()
    decided = run("case", "decide", number, "--offender", "s-alk1", "--step", "suspension",
                  "--days", "2", env=director_env)  # fmt: skip
    assert decided.returncode == 0, decided.stderr
    # Soonest due first: the written decision (the target's support, /1, is due a day later).
    assert complete("pcc-cases obligation done ", director_env)[0] == f"{number}/2"
    assert complete("pcc-cases case list --location ", director_env) == ["Alkmaar"]
    board = {**director_env, "PCC_CASES_ACTOR": "cvb1"}
    assert complete("pcc-cases report severity --location ", board) == ["Alkmaar", "Bergen"]
    steps = complete("pcc-cases case decide X --step s", director_env)
    assert "suspension" in steps and all(s.startswith("s") for s in steps)


def test_completion_without_a_database_offers_nothing_and_creates_none(tmp_path: Path) -> None:
    missing = tmp_path / "nothing-here.sqlite3"
    env = {"PCC_CASES_DATABASE_URL": f"sqlite:///{missing}", "PCC_CASES_ACTOR": "vd-alk"}
    assert complete("pcc-cases case show ", env) == []
    assert not missing.exists()
    assert "show" in complete("pcc-cases case s", env)


def test_the_completion_script_is_printed_for_each_shell() -> None:
    for shell in ("bash", "zsh", "fish"):
        ran = run(env={"_PCC_CASES_COMPLETE": f"{shell}_source"})
        assert ran.returncode == 0 and "_PCC_CASES_COMPLETE" in ran.stdout
