"""The integrators' guide's example runs as written and prints what the guide says."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

from tests.docs_text import DOCS, appears


def test_the_integrators_example_runs(tmp_path: Path) -> None:
    page = (DOCS / "integrators.md").read_text(encoding="utf-8")
    code = re.search(r"```python\n(.*?)```", page, re.DOTALL)
    printed = re.search(r"It prints something like:\n\n```text\n(.*?)```", page, re.DOTALL)
    assert code and printed
    shutil.copy(DOCS / "examples" / "people.csv", tmp_path / "people.csv")
    (tmp_path / "example.py").write_text(code.group(1), encoding="utf-8")
    out = subprocess.run(
        [sys.executable, "example.py"], cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stderr
    for line in printed.group(1).splitlines():
        assert appears(line, out.stdout), (line, out.stdout)
