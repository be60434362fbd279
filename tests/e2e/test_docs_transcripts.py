"""The guides are true: every console block in them is run and its output checked.

A ``$`` line is a command (``export`` lines set the environment); the lines after it must
appear in the command's output, in any order, with ``…`` standing for a part that depends
on the day the test runs. A block line starting ``Fout:`` or ``Error:`` expects a failure.
"""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest

from tests.clirun import run
from tests.docs_text import DOCS, appears


def transcript(page: Path) -> list[tuple[str, list[str]]]:
    blocks = re.findall(r"```console\n(.*?)```", page.read_text(encoding="utf-8"), re.DOTALL)
    steps: list[tuple[str, list[str]]] = []
    for block in blocks:
        for line in block.splitlines():
            if line.startswith("$ "):
                steps.append((line[2:], []))
            elif line.strip():
                steps[-1][1].append(line.rstrip())
    return steps


@pytest.mark.parametrize("page", ["directors.md", "measures.md", "letters.md"])
def test_the_guides_run_as_written(tmp_path: Path, page: str) -> None:
    for example in ("people.csv", "pcc-cases.toml"):
        shutil.copy(DOCS / "examples" / example, tmp_path / example)
    env = {"PCC_CASES_DATABASE_URL": f"sqlite:///{tmp_path / 'school.sqlite3'}"}
    steps = transcript(DOCS / page)
    assert len(steps) >= 10
    for command, expected in steps:
        words = shlex.split(command)
        if words[0] == "export":
            name, _, value = words[1].partition("=")
            env[name] = value
            continue
        assert words[0] == "pcc-cases"
        out = run(*words[1:], env=env, cwd=tmp_path)
        output = out.stdout + out.stderr
        failing = any(line.startswith(("Fout:", "Error:")) for line in expected)
        assert (out.returncode != 0) == failing, (command, output)
        for line in expected:
            assert appears(line, output), (command, line, output)
