"""Which optional part of pcc_cases (an "extra") brings which library.

The core install is what an embedding system needs; drivers, the command line, reports and
the demo are extras. When one is missing, the message names the extra to install instead of
a bare ``ModuleNotFoundError``.
"""

from __future__ import annotations

import importlib
from types import ModuleType

from pcc_cases.domain.errors import MissingExtraError
from pcc_cases.translation import N_

EXTRA_OF_MODULE: dict[str, str] = {
    "psycopg": "postgresql",
    "pymysql": "mysql",
    "click": "cli",
    "rich": "cli",
    "platformdirs": "cli",
    "jinja2": "reports",
    "openpyxl": "reports",
    "faker": "demo",
    "fpdf": "letters",
    "litestar": "server",
    "uvicorn": "server",
    "argon2": "server",
    "pyotp": "server",
    "segno": "server",
}


def missing_extra_error(module: str | None) -> MissingExtraError | None:
    """The error that says what to install when ``module`` is missing, or None when it is
    not an extra's.
    """
    extra = EXTRA_OF_MODULE.get((module or "").partition(".")[0])
    if extra is None:
        return None
    return MissingExtraError(
        N_(
            "this needs the optional part {extra!r} ({module} is not installed); "
            "install it with: pip install 'pcc-cases[{extra}]'"
        ),
        extra=extra,
        module=module,
    )


def missing_extra_message(module: str | None, lang: str = "en") -> str | None:
    """What to install when ``module`` is missing, in ``lang``; None when not an extra's."""
    error = missing_extra_error(module)
    return None if error is None else error.translated(lang)


def require(module: str) -> ModuleType:
    """Import ``module`` from an extra, or raise ``MissingExtraError`` naming the extra."""
    try:
        return importlib.import_module(module)
    except ModuleNotFoundError as exc:
        error = missing_extra_error(exc.name)
        if error is None:
            raise
        raise error from None
