"""``pcc-cases account``, ``token`` and ``serve``: the operator's side of the server."""

from __future__ import annotations

from pathlib import Path

from tests.clirun import run


def test_cvb_creates_an_account_and_a_token_and_nobody_else_may(
    director_env: dict[str, str],
) -> None:
    cvb = {**director_env, "PCC_CASES_ACTOR": "cvb1"}
    refused = run("account", "create", "tl-alk", env=director_env)
    assert refused.returncode == 4
    made = run("account", "create", "tl-alk", env=cvb)
    assert made.returncode == 0, made.stderr
    password = made.stdout.strip()
    assert len(password) == 23 and password.count("-") == 3
    assert "eenmalig" in made.stderr.lower()
    again = run("account", "create", "tl-alk", env=cvb)
    assert again.returncode == 6 and "opnieuw in" in again.stderr
    student = run("account", "create", "s-alk1", env=cvb)
    assert student.returncode == 3
    token = run(
        "token",
        "create",
        "--for",
        "vd-alk",
        "--name",
        "koppeling",
        "--expires",
        "2099-01-01",
        env=cvb,
    )
    assert token.returncode == 5 and "expires" in token.stderr  # more than a year ahead
    listed = run("account", "list", "--json", env=cvb)
    assert '"person_id": "tl-alk"' in listed.stdout


def test_a_token_is_printed_once_and_revoked_by_its_id(director_env: dict[str, str]) -> None:
    import pendulum

    cvb = {**director_env, "PCC_CASES_ACTOR": "cvb1"}
    expires = pendulum.now("Europe/Amsterdam").add(days=30).date().isoformat()
    made = run(
        "token", "create", "--for", "vd-alk", "--name", "koppeling", "--expires", expires, env=cvb
    )
    assert made.returncode == 0, made.stderr
    token = made.stdout.strip()
    token_id = token.split("_")[1]
    assert token.startswith("pcc_") and token_id in made.stderr
    listed = run("token", "list", env=cvb)
    assert token_id in listed.stdout and token.split("_", 2)[2] not in listed.stdout
    assert run("token", "revoke", token_id, env=cvb).returncode == 0


def test_serve_refuses_a_database_file_others_may_read(
    director_env: dict[str, str], tmp_path: Path
) -> None:
    database = tmp_path / "director.sqlite3"
    database.chmod(0o644)
    refused = run("serve", "--port", "1", env=director_env)
    assert refused.returncode == 5
    assert f"chmod 600 {database}" in refused.stderr
