"""Mutation scores per file from the last ``mutmut run`` (``make mutation`` runs both).

A mutant counts as killed when a test failed on it (or it timed out); as surviving when
every test passed, and as not tested when no selected test ran its code: both of these
count against the score. Equivalent mutants (the program behaves the
same) are listed in ``mutation_equivalents.txt`` with the reason, and left out.
Targets (issue 10): 90 % on the rules, 80 % on file parsing.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from mutmut.stats import status_by_exit_code

ROOT = Path(__file__).resolve().parents[1]
TARGETS = {
    "pcc_cases/domain/policy.py": 90,
    "pcc_cases/domain/lifecycle.py": 90,
    "pcc_cases/reports/suppression.py": 90,
    "pcc_cases/access.py": 90,
    "pcc_cases/domain/policy_file.py": 80,
}
KILLED = {"killed", "timeout", "caught by type check"}
UNTESTED = {"no tests", "skipped"}


def equivalents() -> set[str]:
    path = Path(__file__).with_name("mutation_equivalents.txt")
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    return {line.split()[0] for line in lines if line.strip() and not line.startswith("#")}


def main() -> int:
    skip = equivalents()
    failed = False
    print(f"{'file':40} {'killed':>7} {'survived':>9} {'no test':>8} {'score':>7} target")
    for source, target in TARGETS.items():
        meta = ROOT / "mutants" / f"{source}.meta"
        if not meta.exists():
            print(f"{source:40} not mutated: run mutmut first")
            failed = True
            continue
        codes = json.loads(meta.read_text())["exit_code_by_key"]
        codes = {k: v for k, v in codes.items() if k not in skip}
        if any(v is None for v in codes.values()):
            print(f"{source:40} the run is not complete")
            failed = True
            continue
        statuses = [status_by_exit_code[v] for v in codes.values()]
        killed = sum(1 for s in statuses if s in KILLED)
        untested = sum(1 for s in statuses if s in UNTESTED)
        survived = len(statuses) - killed - untested
        score = 100 * killed / len(codes) if codes else 100.0
        failed |= score < target
        print(f"{source:40} {killed:7} {survived:9} {untested:8} {score:6.1f}% {target}%")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
