"""Several processes open a brand-new default SQLite file at once: the schema is set up
once, by whichever comes first, and every one of them goes on without an error.

Processes, not threads: Alembic's migration context is one per process.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

OPENERS = 12


def test_processes_opening_a_new_file_at_once_all_find_the_schema(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PCC_CASES_")}
    env["XDG_DATA_HOME"] = str(tmp_path)
    command = [sys.executable, "-m", "pcc_cases", "--as", "nobody", "people", "list"]
    openers = [
        subprocess.Popen(
            command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for _ in range(OPENERS)
    ]
    outcomes = [(p.communicate(timeout=120)[1].strip(), p.returncode) for p in openers]
    # Every one reached the (empty) database and was refused as an unknown actor.
    assert {code for _, code in outcomes} == {4}, outcomes
    assert all("unknown actor" in message for message, _ in outcomes), outcomes
