"""axe-core (npm, from ``tests/axe/package-lock.json``) in the browser tests: every page
is checked against WCAG 2.1 A and AA and must have no violation.

Installed with npm on first use; without Node.js the browser tests skip (or fail under
PCC_CASES_REQUIRE_BROWSER=1, as in CI, which installs Node.js).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).parent / "axe"
SCRIPT = HERE / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_script() -> Path:
    """The axe-core script, installed from the lock file if needed."""
    if SCRIPT.is_file():
        return SCRIPT
    npm = shutil.which("npm")
    reason = None
    if npm is None:
        reason = "no npm found: the accessibility check needs axe-core from npm"
    else:
        done = subprocess.run(
            [npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"],
            cwd=HERE,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        if done.returncode != 0:
            reason = f"npm ci of axe-core failed: {done.stderr.strip()[-300:]}"
    if reason is not None:
        if os.environ.get("PCC_CASES_REQUIRE_BROWSER") == "1":
            pytest.fail(f"{reason} (PCC_CASES_REQUIRE_BROWSER=1)")
        pytest.skip(reason)
    return SCRIPT


def assert_accessible(page: Any) -> None:
    """No WCAG 2.1 A/AA violation that axe-core finds on ``page`` as it is now."""
    page.add_script_tag(path=str(axe_script()))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", TAGS
    )
    problems = [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
    ]
    assert problems == [], f"{page.url}: {problems}"
