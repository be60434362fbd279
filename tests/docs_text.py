"""Reading the docs from tests: where they are, and whether an expected line appears."""

from __future__ import annotations

import re
from pathlib import Path

DOCS = Path(__file__).parent.parent / "docs"


def appears(expected: str, output: str) -> bool:
    """Whether ``expected`` is on a line of ``output``; ``…`` stands for any text.

    A table row drawn with boxes in the docs (as a terminal shows it) matches the same
    cells separated by tabs (as the tests, not being a terminal, get them).
    """
    expected = expected.strip().strip("│").replace("│", " ")
    pattern = ".*?".join(re.escape(part.strip()) for part in expected.split("…"))
    squeeze = re.compile(r"\s+")
    return any(
        re.search(squeeze.sub(" ", pattern.replace(r"\ ", " ")), squeeze.sub(" ", line))
        for line in output.splitlines()
    )
