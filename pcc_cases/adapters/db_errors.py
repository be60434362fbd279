"""What a driver's error means for the person at the keyboard.

A concurrent change, a database that takes no changes, a full disk and a server that went
away each become the library's own error with its own exit code, on SQLite, PostgreSQL
and MariaDB alike; any other driver error stays what it was.
"""

from __future__ import annotations

from sqlalchemy.exc import DBAPIError

from pcc_cases.domain.errors import (
    ConflictError,
    DatabaseReadOnlyError,
    DatabaseUnavailableError,
    PccCasesError,
    StorageFullError,
)
from pcc_cases.translation import N_

# PostgreSQL serialization failure / deadlock; MariaDB deadlock / lock wait timeout.
CONFLICT_CODES = {"40001", "40P01", 1213, 1205}
# PostgreSQL read_only_sql_transaction; MariaDB --read-only, read-only table, READ ONLY
# transaction.
READ_ONLY_CODES = {"25006", 1290, 1036, 1792}
# PostgreSQL disk_full and insufficient_resources; MariaDB disk full, table full, and
# "got error 28 (no space left) from the storage engine".
FULL_CODES = {"53100", "53000", 1021, 1114}
# PostgreSQL admin or crash shutdown, cannot connect now, connection failures; MariaDB
# gone away, lost connection, cannot connect, connection killed, shutting down.
GONE_CODES = {"57P01", "57P02", "57P03", "08000", "08003", "08006", 2006, 2013, 2003, 1927, 1053}


def error_code(exc: DBAPIError) -> str | int | None:
    """The SQLSTATE (PostgreSQL) or error number (MariaDB) of a driver error."""
    orig = exc.orig
    sqlstate = getattr(orig, "sqlstate", None)
    if sqlstate:
        return str(sqlstate)
    first = orig.args[0] if orig is not None and orig.args else None
    return first if isinstance(first, int) else None


def is_conflict(exc: DBAPIError) -> bool:
    """A sign of a concurrent change: try again."""
    return error_code(exc) in CONFLICT_CODES or "database is locked" in str(exc.orig)


def translated(exc: DBAPIError, *, while_saving: bool = False) -> PccCasesError | None:
    """The library's error for ``exc``, or None when it means nothing we know.

    ``while_saving``: the error came from the commit itself, so a lost connection leaves it
    unknown whether the change was saved.
    """
    code, text = error_code(exc), str(exc.orig)
    if is_conflict(exc):
        return ConflictError(N_("a concurrent change got in the way; nothing was saved: try again"))
    if code in READ_ONLY_CODES or "readonly database" in text:
        return DatabaseReadOnlyError(
            N_(
                "the database takes no changes (a read-only file, a replica or a read-only "
                "account); nothing was saved: ask the administrator"
            ),
            field="database",
        )
    if code in FULL_CODES or "disk is full" in text or (code == 1030 and "28" in text):
        return StorageFullError(
            N_("the disk of the database is full; nothing was saved: make room, then try again"),
            field="database",
        )
    if exc.connection_invalidated or code in GONE_CODES:
        return DatabaseUnavailableError(
            N_(
                "the connection to the database was lost ({detail}); it went while saving, so "
                "check whether the change was saved before trying again"
            )
            if while_saving
            else N_("the connection to the database was lost ({detail}); nothing was saved"),
            field="database",
            detail=_first_line(text),
        )
    return None


def _first_line(text: str) -> str:
    lines = text.strip().splitlines()
    return lines[0][:200] if lines else "no reason given"
