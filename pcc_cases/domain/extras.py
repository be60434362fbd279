"""Which optional part of pcc_cases (an "extra") brings which library.

The core install is what an embedding system needs; drivers, the command line, reports and
the demo are extras. When one is missing, the message names the extra to install instead of
a bare ``ModuleNotFoundError``.
"""

from __future__ import annotations

import importlib
from types import ModuleType

from pcc_cases.domain.errors import MissingExtraError

EXTRA_OF_MODULE: dict[str, str] = {
    "psycopg": "postgresql",
    "pymysql": "mysql",
    "click": "cli",
    "rich": "cli",
    "platformdirs": "cli",
    "jinja2": "reports",
    "openpyxl": "reports",
    "faker": "demo",
}


def missing_extra_message(module: str | None) -> str | None:
    """What to install when ``module`` is missing, or None when it is not an extra's."""
    extra = EXTRA_OF_MODULE.get((module or "").partition(".")[0])
    if extra is None:
        return None
    return (
        f"this needs the optional part {extra!r} ({module} is not installed); "
        f"install it with: pip install 'pcc-cases[{extra}]'"
    )


def require(module: str) -> ModuleType:
    """Import ``module`` from an extra, or raise ``MissingExtraError`` naming the extra."""
    try:
        return importlib.import_module(module)
    except ModuleNotFoundError as exc:
        message = missing_extra_message(exc.name)
        if message is None:
            raise
        raise MissingExtraError(message, extra=EXTRA_OF_MODULE[module.partition(".")[0]]) from None
