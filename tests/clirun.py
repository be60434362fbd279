"""Running ``pcc-cases`` in-process with click's runner: the same entry point, exit codes
and error handling as the installed command, without starting a Python process each time.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import attrs
from click.testing import CliRunner

from pcc_cases.cli.main import main

# Variables a developer may have set that would change what the tests see.
_CLEARED = ("PCC_CASES_DATABASE_URL", "PCC_CASES_ACTOR", "PCC_CASES_LANG", "PCC_CASES_DEBUG")


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
    input: str | None = None,
) -> Ran:
    """``pcc-cases ARGS`` through ``pcc_cases.cli.main.main``, as the console script runs it."""
    environment: dict[str, str | None] = dict.fromkeys(_CLEARED)
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
