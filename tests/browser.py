"""Chromium from the system's packages, for the tests that print a page as a browser does.

Where no Chromium is found the tests skip with a one-line reason, unless
PCC_CASES_REQUIRE_BROWSER=1 (as in CI, whose ``.ci/install-browser`` installs it), where
they fail. The project never downloads a browser of its own.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

NAMES = ("chromium", "chromium-browser")
# Quiet and offline: no first-run pages, no background connections, a fresh profile.
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


def chromium() -> str | None:
    """The system's Chromium, or None."""
    for name in NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def require_chromium() -> str:
    """The system's Chromium; skips (or fails where it is required) without one."""
    found = chromium()
    if found is None:
        reason = "no Chromium found (Debian package chromium)"
        if os.environ.get("PCC_CASES_REQUIRE_BROWSER") == "1":
            pytest.fail(f"{reason} (PCC_CASES_REQUIRE_BROWSER=1)")
        pytest.skip(reason)
    return found


def print_to_pdf(browser: str, html: str) -> bytes:
    """``html`` printed as a browser prints it (its own @page rules, no browser header)."""
    with tempfile.TemporaryDirectory() as work:
        page, pdf = Path(work) / "page.html", Path(work) / "page.pdf"
        page.write_text(html, encoding="utf-8")
        subprocess.run(
            [
                browser,
                *FLAGS,
                f"--user-data-dir={Path(work) / 'profile'}",
                "--no-pdf-header-footer",
                f"--print-to-pdf={pdf}",
                page.as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
        return pdf.read_bytes()
