"""A director's work through the installed ``pcc-cases``, and every exit code it can give."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from tests.clirun import RECORD, run


def test_record_recommend_decide_obligations_close(director_env: dict[str, str]) -> None:
    recorded = run(*RECORD, env=director_env)
    assert recorded.returncode == 0, recorded.stderr
    number = recorded.stdout.strip()
    assert number.startswith("2026-")
    rec = json.loads(run("case", "recommend", number, "--json", env=director_env).stdout)
    assert rec["s-alk1"]["step"] == "suspension"
    decided = run(
        "case", "decide", number, "--offender", "s-alk1", "--step", "suspension", "--days", "2",
        env=director_env,
    )  # fmt: skip
    assert decided.returncode == 0, decided.stderr
    duties = json.loads(run("obligations", "--json", env=director_env).stdout)
    assert {d["kind"] for d in duties} == {
        "offer-support",  # for the target, since the case was recorded
        "written-decision",
        "report-inspectie",
        "inform-leerplicht",
        "inform-target",
    }
    for duty in duties:
        assert run("obligation", "done", duty["id"], env=director_env).returncode == 0
    assert json.loads(run("obligations", "--json", env=director_env).stdout) == []
    closed = run(
        "--lang", "en", "case", "close", number, "--reason", "Afgehandeld", env=director_env
    )
    assert closed.returncode == 0 and "closed" in closed.stderr
    shown = json.loads(run("case", "show", number, "--json", env=director_env).stdout)
    assert shown["state"] == "closed" and shown["severity"] == 4
    listed = run("case", "list", env=director_env)
    assert number in listed.stdout


def test_a_case_out_of_scope_looks_exactly_like_one_that_does_not_exist(
    director_env: dict[str, str],
) -> None:
    number = run(*RECORD, env=director_env).stdout.strip()
    hidden = run("--as", "tl-ber", "case", "show", number, env=director_env)
    missing = run("--as", "tl-ber", "case", "show", "2026-0999", env=director_env)
    assert hidden.returncode == missing.returncode == 3
    assert hidden.stderr.replace(number, "N") == missing.stderr.replace("2026-0999", "N")


def test_permission_denied_exits_4(director_env: dict[str, str]) -> None:
    out = run("--as", "tl-alk", "privacy", "access-log", env=director_env)
    assert out.returncode == 4 and "may not" in out.stderr


def test_not_found_exits_3(director_env: dict[str, str]) -> None:
    out = run("case", "show", "2026-0999", env=director_env)
    assert out.returncode == 3 and "2026-0999" in out.stderr


def test_invalid_input_and_illegal_transition_exit_5(director_env: dict[str, str]) -> None:
    bad = run(*RECORD[:-4], "--clause", "9.9", env=director_env)
    assert bad.returncode == 5 and "9.9" in bad.stderr and "Traceback" not in bad.stderr
    number = run(*RECORD, env=director_env).stdout.strip()
    illegal = run("case", "object", number, "--reason", "Bezwaar", env=director_env)
    assert illegal.returncode == 5


def test_missing_options_outside_a_terminal_exit_2(director_env: dict[str, str]) -> None:
    out = run("incident", "record", "--platform", "x", env=director_env)
    assert out.returncode == 2 and "--occurred" in out.stderr


def test_busy_database_is_a_conflict_exit_6(director_env: dict[str, str], tmp_path: Path) -> None:
    holder = sqlite3.connect(tmp_path / "director.sqlite3", isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        out = run(*RECORD, env={**director_env, "PCC_CASES_SQLITE_BUSY_TIMEOUT_MS": "100"})
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert out.returncode == 6 and "probeer het opnieuw" in out.stderr


def test_unexpected_error_exits_1_without_traceback(tmp_path: Path) -> None:
    garbage = tmp_path / "not-a-database.sqlite3"
    garbage.write_bytes(b"this is no SQLite file, but a typed note" * 100)
    out = run("--db", f"sqlite:///{garbage}", "--as", "x", "case", "list")
    assert out.returncode == 1, out.stderr
    assert "Traceback" not in out.stderr and len(out.stderr.strip().splitlines()) == 1


def test_assess_override_needs_a_reason_and_keeps_the_computed_level(
    director_env: dict[str, str],
) -> None:
    number = run(*RECORD, env=director_env).stdout.strip()
    before = json.loads(run("case", "show", number, "--json", env=director_env).stdout)
    no_reason = run(
        "case", "assess", number, "--offender", "s-alk1", "--reach", "viral", "--override", "3",
        env=director_env,
    )  # fmt: skip
    assert no_reason.returncode == 5 and "Fout: reden: mag niet leeg zijn" in no_reason.stderr
    after = json.loads(run("case", "show", number, "--json", env=director_env).stdout)
    assert after["events"] == before["events"] and after["assessments"] == before["assessments"]
    out = run(
        "case", "assess", number, "--offender", "s-alk1", "--override", "3",
        "--reason", "Eerste keer, direct verwijderd", "--json", env=director_env,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout) == {
        "offender_id": "s-alk1",
        "computed_level": 4,
        "override_level": 3,
        "level": 3,
    }
