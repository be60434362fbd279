"""Every exception of pcc_cases: one root, specific subclasses, each with a stable code.

An integrator reads ``code`` and ``field`` (for a file also ``line`` and ``column``, or the
list of ``problems``), never the message text; the message names the problem and, where
there is a choice, the allowed values. The command line maps each class to its
``exit_code``; the table in the docs is generated from these classes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import ClassVar

import attrs


class PccCasesError(Exception):
    """Root of every error this library raises on purpose."""

    code: ClassVar[str] = "error"
    exit_code: ClassVar[int] = 1

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(f"{field}: {message}" if field else message)
        self.field = field
        self.message = message  # without the field, for those who show the field apart


class InvalidInputError(PccCasesError, ValueError):
    """Input that breaks a rule of the domain: a bad value, a missing field, a wrong choice.

    ``field`` names the parameter or field; for a line of a file, ``line`` and ``column``
    say where.
    """

    code = "invalid-input"
    exit_code = 5

    def __init__(
        self,
        message: str,
        *,
        field: str | None = None,
        line: int | None = None,
        column: str | None = None,
    ) -> None:
        super().__init__(message, field=field)
        self.line = line
        self.column = column


class NotFoundError(PccCasesError, LookupError):
    """A case, person or obligation that does not exist."""

    code = "not-found"
    exit_code = 3


class PermissionDeniedError(PccCasesError):
    """The actor may not do this (the refusal is in the access log)."""

    code = "permission-denied"
    exit_code = 4


class IllegalTransitionError(PccCasesError):
    """A case state change that the lifecycle does not allow."""

    code = "illegal-transition"
    exit_code = 5


class ConflictError(PccCasesError):
    """Someone else changed the same case first; reload and try again."""

    code = "conflict"
    exit_code = 6


class AppendOnlyError(PccCasesError):
    """Something tried to change or delete a case event; the history is append-only."""

    code = "append-only"
    exit_code = 1


class UnrecordedChangeError(AppendOnlyError):
    """A change to a stored case without an event in its history: use the services."""

    code = "unrecorded-change"


class MissingExtraError(PccCasesError, ImportError):
    """An optional part of pcc_cases is not installed; ``extra`` names what to install."""

    code = "missing-extra"
    exit_code = 7

    def __init__(self, message: str, *, extra: str) -> None:
        super().__init__(message, field=None)
        self.extra = extra


class DatabaseUnavailableError(PccCasesError):
    """The database cannot be reached (server down, wrong host, password or name)."""

    code = "database-unavailable"
    exit_code = 8


class DatabaseMissingError(DatabaseUnavailableError):
    """A SQLite file that does not exist: most often a typo in the path."""

    code = "database-missing"


class DatabaseReadOnlyError(PccCasesError):
    """The database takes no changes: a read-only file, a replica or a read-only account."""

    code = "database-read-only"
    exit_code = 9


class StorageFullError(PccCasesError):
    """The disk under the database is full; nothing was saved."""

    code = "storage-full"
    exit_code = 10


class ProtocolError(InvalidInputError):
    """A problem with the protocol catalogue or with a clause that is cited."""

    code = "protocol"


class ProtocolFileError(ProtocolError):
    """The protocol data file is broken; the message names the key and the problem."""

    code = "protocol-file"


class UnknownClauseError(ProtocolError, NotFoundError):
    """A clause id that the protocol version does not have."""

    code = "unknown-clause"
    exit_code = 5


class NotCitableClauseError(ProtocolError):
    """An awareness or sanction clause (articles 4 and 7), which cannot be violated."""

    code = "not-citable-clause"


class ProtocolVersionError(ProtocolError):
    """A clause or case of another protocol version than the one asked for."""

    code = "protocol-version"


class PolicyError(InvalidInputError):
    """A policy file (severity, ladders, duties, calendar) that is invalid."""

    code = "policy"


class TimeInputError(InvalidInputError):
    """A date or time that cannot be used: naive, in the future, nonexistent or ambiguous."""

    code = "time-input"


@attrs.frozen
class Problem:
    """One problem in a file or record: where it is (line, column or field) and what."""

    message: str
    line: int | None = None
    column: str | None = None
    field: str | None = None

    def __str__(self) -> str:
        where = [f"line {self.line}"] if self.line is not None else []
        if self.column is not None:
            where.append(f"column {self.column}")
        if self.field is not None:
            where.append(self.field)
        return f"{', '.join(where)}: {self.message}" if where else self.message


class ProblemsError(InvalidInputError):
    """A file or record with one or more problems; ``problems`` lists every one of them.

    Nothing is written when this is raised: files are checked whole before anything is
    stored.
    """

    code = "problems"
    heading = "{count} problem(s)"
    max_shown: ClassVar[int] = 50

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        shown = [str(p) for p in self.problems[: self.max_shown]]
        more = len(self.problems) - len(shown)
        text = "\n  ".join(shown) + (f"\n  ... and {more} more" if more else "")
        first = self.problems[0] if self.problems else Problem("")
        super().__init__(
            f"{self.heading.format(count=len(self.problems))}:\n  {text}",
            line=first.line,
            column=first.column,
        )
        self.field = first.field


class PeopleFileError(ProblemsError):
    """The people CSV has problems, each with its line and column; nothing was imported."""

    code = "people-file"
    heading = "the people file has {count} problem(s); nothing was imported"


class CaseFileError(ProblemsError):
    """A cases file (JSON Lines) has problems, each with its line and field."""

    code = "case-file"
    heading = "the file has {count} problem(s); nothing was imported"


class RecordError(ProblemsError):
    """One case record has problems, each naming its field (the line is added by the file)."""

    code = "case-record"
    heading = "the record has {count} problem(s)"


def all_error_classes() -> list[type[PccCasesError]]:
    """Every error class, root first, for the docs' exit-code table and its test."""
    found: list[type[PccCasesError]] = []
    pending: list[type[PccCasesError]] = [PccCasesError]
    while pending:
        cls = pending.pop(0)
        if cls not in found:
            found.append(cls)
            pending += cls.__subclasses__()
    return found


def choices(values: Iterable[str]) -> str:
    """Format allowed values for a message, in a stable order."""
    return ", ".join(sorted(values, key=_natural_key))


def _natural_key(value: str) -> tuple[tuple[int, str], ...]:
    return tuple(
        (int(part), "") if part.isdigit() else (1 << 30, part)
        for part in value.replace("-", ".").split(".")
    )
