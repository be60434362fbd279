"""``--output``: only after the command succeeded, private (0600), never through a symlink,
never over an existing file without ``--force``; for every command that has it.
"""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from tests.clirun import RECORD, run

COMMANDS = {
    "export-person": ("privacy", "export-person", "s-alk1"),
    "export-cases": ("export", "cases"),
    "report-csv": ("report", "severity", "--format", "csv"),
    "report-text": ("report", "severity"),
}
ACTORS = {"export-person": "fg1", "export-cases": "cvb1", "report-csv": "vd-alk",
          "report-text": "vd-alk"}  # fmt: skip
REFUSED = "men-alk"  # may do none of them


@pytest.fixture
def env(director_env: dict[str, str]) -> dict[str, str]:
    assert run(*RECORD, env=director_env).returncode == 0
    return director_env


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_output_is_private_whole_and_never_overwrites_unasked(
    name: str, env: dict[str, str], tmp_path: Path
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "out.txt"
    refused = run(*COMMANDS[name], "--output", str(target), env={**env, "PCC_CASES_ACTOR": REFUSED})
    assert refused.returncode == 4 and not target.exists()  # nothing before authorisation
    assert list(folder.iterdir()) == []  # no temporary file left behind
    actor = {**env, "PCC_CASES_ACTOR": ACTORS[name]}
    made = run(*COMMANDS[name], "--output", str(target), env=actor)
    assert made.returncode == 0, made.stderr
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    first = target.read_bytes()
    target.write_bytes(b"keep me")
    again = run(*COMMANDS[name], "--output", str(target), env=actor)
    assert again.returncode == 5 and "--force" in again.stderr
    assert target.read_bytes() == b"keep me"
    forced = run(*COMMANDS[name], "--output", str(target), "--force", env=actor)
    assert forced.returncode == 0 and len(target.read_bytes()) >= len(first) > 0
    assert [p.name for p in folder.iterdir()] == ["out.txt"]


def test_a_symlink_at_output_is_never_followed(env: dict[str, str], tmp_path: Path) -> None:
    precious = tmp_path / "precious.txt"
    precious.write_text("do not touch", encoding="utf-8")
    link = tmp_path / "report.csv"
    link.symlink_to(precious)
    args = ("report", "severity", "--format", "csv", "--output", str(link))
    assert run(*args, env=env).returncode == 5
    assert run(*args, "--force", env=env).returncode == 0
    assert precious.read_text(encoding="utf-8") == "do not touch"
    assert not link.is_symlink() and link.read_bytes().startswith(b"\xef\xbb\xbf")
