"""Every exception of pcc_cases: one root, specific subclasses, each with a stable code.

An integrator reads ``code`` and ``field`` (for a file also ``line`` and ``column``, or the
list of ``problems``), never the message text; the message names the problem and, where
there is a choice, the allowed values. The message is an English template from the
message catalogue with its ``params`` apart, so that ``translated(lang)`` gives it in Dutch
(``str(error)`` stays English, for logs and developers). The command line maps each class
to its ``exit_code``; the table in the docs is generated from these classes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, ClassVar

import attrs

from pcc_cases.formatting import day, number
from pcc_cases.translation import N_, Labelled, Phrase, translate


class PccCasesError(Exception):
    """Root of every error this library raises on purpose."""

    code: ClassVar[str] = "error"
    exit_code: ClassVar[int] = 1

    def __init__(self, message: str, *, field: str | None = None, **params: object) -> None:
        self.template = message
        self.params = params
        self.field = field
        self.message = fill(message, params)  # without the field, for those who show it apart
        super().__init__(f"{field}: {self.message}" if field else self.message)

    def translated(self, lang: str) -> str:
        """The message in ``lang`` (without the field)."""
        return fill(translate(self.template, lang), self.params, lang)


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
        **params: object,
    ) -> None:
        super().__init__(message, field=field, **params)
        self.line = line
        self.column = column

    @classmethod
    def of(cls, problem: Problem, *, field: str) -> InvalidInputError:
        """The error that ``problem`` names, about ``field``."""
        params: dict[str, Any] = dict(problem.params)
        return cls(problem.template, field=field, **params)


class NotFoundError(PccCasesError, LookupError):
    """A case, person or obligation that does not exist."""

    code = "not-found"
    exit_code = 3


class PermissionDeniedError(PccCasesError):
    """The actor may not do this (the refusal is in the access log)."""

    code = "permission-denied"
    exit_code = 4


class NotAuthenticatedError(PermissionDeniedError):
    """The server could not tell who is calling: no, a wrong or an expired login or token."""

    code = "not-authenticated"


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

    def __init__(self, message: str, *, extra: str, **params: object) -> None:
        super().__init__(message, field=None, extra=extra, **params)
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
    """One problem in a file or record: where it is (line, column or field) and what.

    ``message`` is an English template of the catalogue, filled with ``params``.
    """

    template: str
    line: int | None = None
    column: str | None = None
    field: str | None = None
    params: Mapping[str, object] = attrs.field(factory=dict)

    @classmethod
    def of(cls, error: BaseException, **where: Any) -> Problem:
        """The problem that ``error`` names, placed at ``where`` (line, column, field)."""
        if isinstance(error, PccCasesError):
            return cls(error.template, params=error.params, **where)
        return cls("{detail}", params={"detail": str(error)}, **where)

    @property
    def message(self) -> str:
        return fill(self.template, self.params)

    def translated(self, lang: str) -> str:
        """Where and what, in ``lang``."""
        where = []
        if self.line is not None:
            where.append(translate("line {line}", lang).format(line=self.line))
        if self.column is not None:
            where.append(translate("column {column}", lang).format(column=self.column))
        if self.field is not None:
            where.append(self.field)
        text = fill(translate(self.template, lang), self.params, lang)
        return f"{', '.join(where)}: {text}" if where else text

    def __str__(self) -> str:
        return self.translated("en")


class ProblemsError(InvalidInputError):
    """A file or record with one or more problems; ``problems`` lists every one of them.

    Nothing is written when this is raised: files are checked whole before anything is
    stored.
    """

    code = "problems"
    heading = N_("{count} problem(s)")
    max_shown: ClassVar[int] = 50

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        first = self.problems[0] if self.problems else Problem("")
        super().__init__(self.heading, line=first.line, column=first.column)
        self.field = first.field
        self.message = self.translated("en")
        self.args = (self.message,)

    def translated(self, lang: str) -> str:
        """The heading and each problem (the first fifty), in ``lang``."""
        shown = [p.translated(lang) for p in self.problems[: self.max_shown]]
        more = len(self.problems) - len(shown)
        if more:
            shown.append(translate("... and {count} more", lang).format(count=more))
        heading = translate(self.heading, lang).format(count=len(self.problems))
        return f"{heading}:\n  " + "\n  ".join(shown)


class PeopleFileError(ProblemsError):
    """The people CSV has problems, each with its line and column; nothing was imported."""

    code = "people-file"
    heading = N_("the people file has {count} problem(s); nothing was imported")


class CaseFileError(ProblemsError):
    """A cases file (JSON Lines) has problems, each with its line and field."""

    code = "case-file"
    heading = N_("the file has {count} problem(s); nothing was imported")


class RecordError(ProblemsError):
    """One case record has problems, each naming its field (the line is added by the file)."""

    code = "case-record"
    heading = N_("the record has {count} problem(s)")


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


def fill(template: str, params: Mapping[str, object], lang: str = "en") -> str:
    """``template`` with its ``{name}`` places filled from ``params``.

    A param that is itself an error or a problem (a refusal or a reason quoted in another
    message) is put in the same language.
    """
    if not params:
        return template
    return template.format(**{name: _shown(value, lang) for name, value in params.items()})


def _shown(value: object, lang: str) -> object:
    """A param as the message shows it: a quoted refusal or reason in ``lang``, a large
    count with the language's digit grouping (1.000.000 in Dutch, 1,000,000 in English).
    """
    if isinstance(value, PccCasesError | Problem):
        return value.translated(lang)
    if isinstance(value, Phrase):
        return translate(value, lang)
    if isinstance(value, Labelled):
        return value.label(lang)
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return day(value, lang)
    if isinstance(value, tuple) and value and all(isinstance(v, Problem) for v in value):
        return "; ".join(v.translated(lang) for v in value)
    if isinstance(value, tuple) and value and all(isinstance(v, Phrase) for v in value):
        return ", ".join(translate(v, lang) for v in value)
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10_000:
        return number(value, lang)
    return value


# The fields a person names when they act, as the command line shows them before a message.
FIELD_LABELS = {
    "reason": N_("reason"),
    "step": N_("measure"),
    "days": N_("days"),
    "first_day": N_("first day"),
    "offender": N_("offender"),
    "location": N_("location"),
    "summary": N_("summary"),
    "obligation": N_("obligation"),
    "evidence": N_("evidence"),
    "takedown": N_("takedown"),
    "held_on": N_("day of the hearing"),
    "heard": N_("heard"),
    "attendees": N_("present"),
    "views": N_("views"),
    "letter": N_("letter"),
    "hearing_at": N_("day and time of the hearing"),
    "sent_on": N_("sent on"),
    "language": N_("language"),
    "letterhead.logo": N_("letterhead logo"),
}


def field_label(field: str, lang: str) -> str:
    """A field's name in ``lang``; one without a label is shown as it is."""
    return translate(FIELD_LABELS[field], lang) if field in FIELD_LABELS else field


def choices(values: Iterable[str]) -> str:
    """Format allowed values for a message, in a stable order."""
    return ", ".join(sorted(values, key=_natural_key))


def _natural_key(value: str) -> tuple[tuple[int, str], ...]:
    return tuple(
        (int(part), "") if part.isdigit() else (1 << 30, part)
        for part in value.replace("-", ".").split(".")
    )
