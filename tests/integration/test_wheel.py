"""The built wheel carries its migrations: installed elsewhere, it upgrades an empty database."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from pcc_cases.adapters.migrate import head

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_wheel_installs_and_upgrades_an_empty_sqlite_database(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--wheel-dir",
            str(dist),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    wheel = next(dist.glob("pcc_cases-*.whl"))
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", str(wheel)],
        check=True,
        capture_output=True,
    )
    # Dependencies come from the test environment's site-packages, without its .pth hooks,
    # so the editable source checkout is not importable in the fresh environment.
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    Path(site, "deps_from_test_env.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    database = tmp_path / "fresh.sqlite3"
    code = (
        "import pcc_cases, sys; "
        "assert 'site-packages' in pcc_cases.__file__, pcc_cases.__file__; "
        f"print(pcc_cases.upgrade('sqlite:///{database}'))"
    )
    out = subprocess.run(
        [str(python), "-c", code], check=True, capture_output=True, text=True, cwd=tmp_path
    )
    assert out.stdout.strip() == head()
    with sqlite3.connect(database) as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"pcc_cases", "pcc_people", "pcc_case_events", "pcc_alembic_version"} <= tables
    cli = subprocess.run(
        [str(venv / "bin" / "pcc-cases"), "--db", f"sqlite:///{database}", "db", "current"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert cli.returncode == 0 and cli.stdout.strip() == head()
