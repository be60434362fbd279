"""How fast ``pcc-cases`` answers: ``--help`` and the read commands on the demo database,
each against ``python -c pass`` and against importing the libraries the command needs, in
the same run. Prints medians in milliseconds and the ratios.

Usage: python bench/cli_start.py [--runs N] [--db sqlite:///demo.sqlite3]

Without ``--db``, builds the demo database (``pcc-cases demo``) in a temporary folder
first. The targets (issue 11): ``--help`` within 150 ms, a read within 300 ms.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PYTHON = sys.executable
EXE = shutil.which("pcc-cases", path=str(Path(PYTHON).parent)) or "pcc-cases"
LIBRARIES = "import sqlalchemy.orm, pendulum, attrs, click, rich.console"


def median_ms(command: list[str], runs: int, env: dict[str, str]) -> float:
    """The median wall time of ``command`` over ``runs`` runs, after one warm-up run."""
    subprocess.run(command, capture_output=True, env=env, check=False)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        done = subprocess.run(command, capture_output=True, env=env, check=False)
        times.append((time.perf_counter() - started) * 1000)
        if done.returncode != 0:
            raise SystemExit(f"{' '.join(command)} failed: {done.stderr.decode()[:300]}")
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--db", default=None)
    args = parser.parse_args()
    env = {k: v for k, v in os.environ.items() if not k.startswith("PCC_CASES")}
    with tempfile.TemporaryDirectory() as folder:
        url = args.db
        if url is None:
            url = f"sqlite:///{Path(folder) / 'demo.sqlite3'}"
            subprocess.run([EXE, "demo", "--db", url], capture_output=True, env=env, check=True)
        env.update({"PCC_CASES_DATABASE_URL": url, "PCC_CASES_ACTOR": "P0006"})
        listed = subprocess.run(
            [EXE, "case", "list", "--json"], capture_output=True, env=env, check=True
        )
        number = json.loads(listed.stdout)[0]["number"]
        floors = {
            "python -c pass": [PYTHON, "-c", "pass"],
            "import the libraries": [PYTHON, "-c", LIBRARIES],
        }
        commands = {
            "pcc-cases --help": [EXE, "--help"],
            "pcc-cases case list": [EXE, "case", "list"],
            f"pcc-cases case show {number}": [EXE, "case", "show", number],
            "pcc-cases obligations": [EXE, "obligations"],
        }
        measured = {name: median_ms(cmd, args.runs, env) for name, cmd in floors.items()}
        measured |= {name: median_ms(cmd, args.runs, env) for name, cmd in commands.items()}
    bare, libraries = measured["python -c pass"], measured["import the libraries"]
    print(f"median of {args.runs} runs each (output to a pipe), {os.cpu_count()} CPUs")
    print(f"{'command':<34} {'ms':>7} {'x pass':>8} {'x libraries':>12}")
    for name, ms in measured.items():
        print(f"{name:<34} {ms:7.0f} {ms / bare:8.1f} {ms / libraries:12.2f}")


if __name__ == "__main__":
    main()
