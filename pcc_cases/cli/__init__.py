"""The pcc-cases command line: click commands that call the library, with no logic of their own.

This module imports nothing but the standard library, so that ``pcc-cases`` can say which
extra to install when click or rich is missing instead of failing with a traceback.
"""

from __future__ import annotations

import sys
from typing import Any


def main(argv: list[str] | None = None) -> Any:
    """The ``pcc-cases`` command; without the ``cli`` extra, says how to install it."""
    try:
        from pcc_cases.cli.main import main as run
    except ModuleNotFoundError as exc:
        from pcc_cases.domain.extras import missing_extra_message

        dutch, english = (missing_extra_message(exc.name, lang) for lang in ("nl", "en"))
        if dutch is None:
            raise
        print(f"Fout: {dutch}\nError: {english}", file=sys.stderr)  # noqa: T201 - no click here
        sys.exit(7)
    return run(argv)
