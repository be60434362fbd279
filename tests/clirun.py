"""Running ``pcc-cases`` in-process with click's runner: the same entry point, exit codes
and error handling as the installed command, without starting a Python process each time;
and, for what only a real process shows, the installed command itself.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import attrs
from click.testing import CliRunner

from pcc_cases.cli.main import main

EXE = shutil.which("pcc-cases", path=str(Path(sys.executable).parent)) or "pcc-cases"

# Variables a developer may have set that would change what the tests see.
_CLEARED = (
    "PCC_CASES_DATABASE_URL",
    "PCC_CASES_ACTOR",
    "PCC_CASES_LANG",
    "PCC_CASES_DEBUG",
    "PCC_CASES_CONFIG",
    "PCC_CASES_DB_SCHEMA",
    "PCC_CASES_POLICY",
)
# A developer's own configuration file must not change what the tests see either.
_NO_CONFIG_DIR = {"XDG_CONFIG_HOME": str(Path(__file__).parent / "no-config-here")}


@attrs.frozen
class Ran:
    """What a command left behind, shaped like ``subprocess.CompletedProcess``."""

    returncode: int
    stdout: str
    stderr: str


@contextmanager
def _working_directory(path: Path | None) -> Iterator[None]:
    before = Path.cwd()
    if path is not None:
        os.chdir(path)
    try:
        yield
    finally:
        os.chdir(before)


def run(
    *args: str,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    input: str | None = None,  # noqa: A002 - the name CliRunner uses
) -> Ran:
    """``pcc-cases ARGS`` through ``pcc_cases.cli.main.main``, as the console script runs it."""
    environment: dict[str, str | None] = dict.fromkeys(_CLEARED)
    environment.update(_NO_CONFIG_DIR)
    environment.update(env or {})
    with (
        CliRunner().isolation(input=input, env=environment) as (out, err, _both),
        _working_directory(cwd),
    ):
        try:
            returned = main(list(args))
            code = returned if isinstance(returned, int) else 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        return Ran(code, out.getvalue().decode(), err.getvalue().decode())


def run_installed(
    *args: str, env: dict[str, str] | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """``pcc-cases ARGS`` as a separate process of the installed console script."""
    full_env = {k: v for k, v in os.environ.items() if k not in _CLEARED}
    full_env.update(_NO_CONFIG_DIR)
    full_env.update(env or {})
    return subprocess.run(
        [EXE, *args], capture_output=True, text=True, env=full_env, timeout=60, cwd=cwd
    )


# A complete ``incident record`` for the test organisation's Alkmaar director.
RECORD = (
    "incident", "record", "--occurred", "2026-11-20 20:15", "--platform", "instagram",
    "--location", "Alkmaar", "--summary", "Foto van docent gedeeld", "--offender", "s-alk1",
    "--target", "norole", "--clause", "1.2", "--reach", "public", "--intent", "deliberate",
)  # fmt: skip
