"""Configuration: the file, the environment and the options, in that order of weight;
``config show`` says where each value came from; bad files are refused by key.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.clirun import run
from tests.org import PEOPLE_CSV


def write_config(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def shown(*args: str, env: dict[str, str] | None = None) -> dict[str, dict[str, str]]:
    out = run(*args, "config", "show", "--json", env=env)
    assert out.returncode == 0, out.stderr
    settings: dict[str, dict[str, str]] = json.loads(out.stdout)["settings"]
    return settings


def test_option_beats_environment_beats_file_beats_default(tmp_path: Path) -> None:
    file = write_config(
        tmp_path / "pcc.toml",
        'database_url = "sqlite:///from-file.sqlite3"\nlanguage = "en"\nactor = "file-actor"\n',
    )
    from_file = shown("--config", str(file))
    assert from_file["database_url"]["value"] == "sqlite:///from-file.sqlite3"
    assert from_file["database_url"]["source"] == f"{file} (--config)"
    assert from_file["language"]["value"] == "en" and from_file["schema"]["source"] == "default"
    env = {"PCC_CASES_CONFIG": str(file), "PCC_CASES_DATABASE_URL": "sqlite:///from-env.sqlite3"}
    from_env = shown(env=env)
    assert from_env["database_url"] == {
        "value": "sqlite:///from-env.sqlite3",
        "source": "PCC_CASES_DATABASE_URL",
    }
    assert from_env["actor"]["source"] == f"{file} (PCC_CASES_CONFIG)"
    from_option = shown("--db", "sqlite:///from-option.sqlite3", "--as", "me", env=env)
    assert from_option["database_url"]["source"] == "option"
    assert from_option["actor"] == {"value": "me", "source": "option"}


def test_the_platforms_config_directory_is_read_when_nothing_else_names_a_file(
    tmp_path: Path,
) -> None:
    (tmp_path / "pcc_cases").mkdir()
    write_config(tmp_path / "pcc_cases" / "config.toml", 'language = "en"\n')
    settings = shown(env={"XDG_CONFIG_HOME": str(tmp_path)})
    assert settings["language"]["value"] == "en"
    assert settings["language"]["source"].endswith("config.toml (default)")


def test_the_password_of_a_database_url_is_not_shown() -> None:
    settings = shown("--db", "postgresql://pcc:geheim@db.school/pcc")
    assert settings["database_url"]["value"] == "postgresql+psycopg://pcc:***@db.school/pcc"


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ('databse_url = "x"\n', "onbekende instelling 'databse_url'; toegestaan: database_url"),
        ("language = 3\n", "language moet een niet-lege tekst zijn"),
        ('language = "de"\n', "language moet een van nl, en zijn"),
        ("[letterhead]\nlogo = 1\n", "letterhead.logo moet een tekst zijn"),
        ('[letterhead]\nmotto = "x"\n', "onbekende sleutel 'motto'"),
        ("language = \n", "geen leesbaar TOML-bestand"),
    ],
)
def test_a_bad_file_is_refused_naming_the_key(tmp_path: Path, text: str, problem: str) -> None:
    file = write_config(tmp_path / "bad.toml", text)
    out = run("--config", str(file), "config", "show")
    assert out.returncode == 5 and problem in out.stderr, out.stderr


def test_a_named_file_that_is_missing_is_refused(tmp_path: Path) -> None:
    out = run("config", "show", env={"PCC_CASES_CONFIG": str(tmp_path / "none.toml")})
    assert out.returncode == 5 and "configuratiebestand" in out.stderr


def test_the_policy_file_of_the_configuration_is_the_one_the_services_use(tmp_path: Path) -> None:
    from pcc_cases.domain.policy_file import default_policy_text

    url = f"sqlite:///{tmp_path / 'c.sqlite3'}"
    assert run("--db", url, "db", "upgrade").returncode == 0
    people = tmp_path / "people.csv"
    people.write_text(PEOPLE_CSV, encoding="utf-8")
    assert run("--db", url, "people", "import", str(people)).returncode == 0
    good = tmp_path / "policy.toml"
    good.write_text(default_policy_text(), encoding="utf-8")
    bad = tmp_path / "bad-policy.toml"
    bad.write_text(default_policy_text().replace("rule = 1", "rule = 9", 1), encoding="utf-8")
    for policy, code, problem in (
        (good, 0, ""),
        (bad, 5, "severity.kind_base.rule"),
        (tmp_path / "none.toml", 5, "beleidsbestand"),
    ):
        file = write_config(tmp_path / "pcc.toml", f'policy_file = "{policy}"\n')
        out = run("--config", str(file), "--db", url, "--as", "cvb1", "obligations")
        assert out.returncode == code and problem in out.stderr, out.stderr


def test_version() -> None:
    from pcc_cases import __version__

    out = run("--version")
    assert out.returncode == 0 and out.stdout.strip() == f"pcc-cases, version {__version__}"


def test_environment_variables_are_listed_in_help() -> None:
    out = run("--help")
    for name in ("PCC_CASES_DATABASE_URL", "PCC_CASES_CONFIG", "PCC_CASES_POLICY", "NO_COLOR"):
        assert name in out.stdout
