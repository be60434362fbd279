"""The command line's configuration: one TOML file, environment variables and options.

Each setting comes from the first of: the command-line option, the environment variable,
the configuration file, the default. ``pcc-cases config show`` prints every setting with
where it came from. The file is the one given with ``--config``, else ``PCC_CASES_CONFIG``,
else ``config.toml`` in the platform's configuration directory, if it exists.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pcc_cases.translation import N_

CONFIG_ENV = "PCC_CASES_CONFIG"
LANGUAGES = ("nl", "en")


@dataclass(frozen=True)
class Setting:
    """One setting: its key in the file, its environment variable, and what it is for."""

    key: str
    env: str | None
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("database_url", "PCC_CASES_DATABASE_URL", "database URL (option --db)"),
    Setting("schema", "PCC_CASES_DB_SCHEMA", "PostgreSQL schema for the pcc_* tables"),
    Setting("policy_file", "PCC_CASES_POLICY", "the school's policy file (TOML, with holidays)"),
    Setting("language", "PCC_CASES_LANG", "nl or en (option --lang)"),
    Setting("actor", "PCC_CASES_ACTOR", "who you are: your staff id (option --as)"),
)
LETTERHEAD_KEYS = (
    "organisation",
    "location",
    "address",
    "logo",
    "signatory_name",
    "signatory_function",
)
SSO_KEYS = ("issuer", "client_id", "client_secret", "redirect_uri", "staff_id_claim", "scope")
TABLES: Mapping[str, Sequence[str]] = {"letterhead": LETTERHEAD_KEYS, "sso": SSO_KEYS}
"""The tables of the configuration file, and their keys."""
SSO_SECRET_ENV = "PCC_CASES_SSO_CLIENT_SECRET"  # noqa: S105 - a variable's name
OTHER_ENV = {
    SSO_SECRET_ENV: "the client secret of single sign-on (instead of [sso] client_secret)",
    "PCC_CASES_SQLITE_BUSY_TIMEOUT_MS": "how long a SQLite writer waits for another",
    "PCC_CASES_DEBUG": "1: show the traceback of an unexpected error",
    "NO_COLOR": "no colours in the output",
}


def _invalid(message: str, *, field: str, **params: Any) -> Exception:
    """The library's InvalidInputError, imported only when there is one to raise."""
    from pcc_cases.domain.errors import InvalidInputError

    return InvalidInputError(message, field=field, **params)


def default_config_path() -> Path:
    """``config.toml`` in the platform's configuration directory for pcc_cases."""
    from platformdirs import user_config_dir

    return Path(user_config_dir("pcc_cases", appauthor=False)) / "config.toml"


@dataclass(frozen=True)
class Value:
    """A setting's value and where it came from (option, environment, file or default)."""

    value: Any
    source: str


@dataclass(frozen=True)
class Config:
    """Every setting in force, with its source."""

    path: Path | None
    values: Mapping[str, Value]
    letterhead: Mapping[str, str] = field(default_factory=dict)
    sso: Mapping[str, str] = field(default_factory=dict)

    def get(self, key: str) -> Any:
        return self.values[key].value


def find_config_file(option: str | None) -> tuple[Path | None, str]:
    """The configuration file and how it was found; a named file that is missing is refused."""
    if option:
        named, source = Path(option), "--config"
    elif os.environ.get(CONFIG_ENV):
        named, source = Path(os.environ[CONFIG_ENV]), CONFIG_ENV
    else:
        path = default_config_path()
        return (path, "default") if path.is_file() else (None, "none")
    if not named.is_file():
        raise _invalid(N_("there is no configuration file {file!r}"), field=source, file=str(named))
    return named, source


def read_config_file(path: Path) -> dict[str, Any]:
    """The file's settings, checked: known keys only, each of the right type."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise _invalid(
            N_("{path}: not a readable TOML file: {exc}"), field="config", path=path, exc=exc
        ) from None
    allowed = [s.key for s in SETTINGS] + list(TABLES)
    for key, value in data.items():
        if key not in allowed:
            raise _invalid(
                N_("{path}: unknown setting {key!r}; allowed: {allowed}"),
                field=key,
                path=path,
                key=key,
                allowed=", ".join(allowed),
            )
        if key in TABLES:
            _check_table(path, key, value, TABLES[key])
        elif not isinstance(value, str) or not value.strip():
            raise _invalid(
                N_("{path}: {key} must be a non-empty text"), field=key, path=path, key=key
            )
    if data.get("language", "nl") not in LANGUAGES:
        raise _invalid(
            N_("{path}: language must be one of {allowed}"),
            field="language",
            path=path,
            allowed=", ".join(LANGUAGES),
        )
    return data


def _check_table(path: Path, name: str, value: Any, keys: Sequence[str]) -> None:
    if not isinstance(value, dict):
        raise _invalid(N_("{path}: [{name}] must be a table"), field=name, path=path, name=name)
    for key, text in value.items():
        if key not in keys:
            raise _invalid(
                N_("{path}: unknown {name} key {key!r}; allowed: {allowed}"),
                field=f"{name}.{key}",
                path=path,
                name=name,
                key=key,
                allowed=", ".join(keys),
            )
        if not isinstance(text, str):
            raise _invalid(
                N_("{path}: {name}.{key} must be a text"),
                field=f"{name}.{key}",
                path=path,
                name=name,
                key=key,
            )


def resolve(option_values: Mapping[str, Any], config_option: str | None) -> Config:
    """Every setting from option, environment, file or default, in that order."""
    path, found_by = find_config_file(config_option)
    data = read_config_file(path) if path else {}
    values: dict[str, Value] = {}
    for setting in SETTINGS:
        option = option_values.get(setting.key)
        if option is not None:
            values[setting.key] = Value(option, "option")
        elif setting.env and os.environ.get(setting.env):
            values[setting.key] = Value(os.environ[setting.env], setting.env)
        elif setting.key in data:
            values[setting.key] = Value(data[setting.key], f"{path} ({found_by})")
        else:
            values[setting.key] = Value(_DEFAULTS.get(setting.key), "default")
    if values["language"].value not in LANGUAGES:
        raise _invalid(
            N_("language {value!r} is not one of {allowed}"),
            field=values["language"].source,
            value=values["language"].value,
            allowed=", ".join(LANGUAGES),
        )
    return Config(
        path=path, values=values, letterhead=data.get("letterhead", {}), sso=data.get("sso", {})
    )


_DEFAULTS: dict[str, Any] = {"language": "nl"}
