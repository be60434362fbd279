"""The exceptions of pcc_cases: one root, specific subclasses, each mapped to a CLI exit code.

Every message names the problem and, where there is a choice, the allowed values, so that
the command line can show it as it is and an integrator can log it without a traceback.
"""

from __future__ import annotations

from collections.abc import Iterable


class PccCasesError(Exception):
    """Root of every error this library raises on purpose."""

    exit_code = 1


class InvalidInputError(PccCasesError, ValueError):
    """Input that breaks a rule of the domain: a bad value, a missing field, a wrong choice."""

    exit_code = 5


class NotFoundError(PccCasesError, LookupError):
    """A case, person or obligation that does not exist."""

    exit_code = 3


class PermissionDeniedError(PccCasesError):
    """The actor may not do this."""

    exit_code = 4


class IllegalTransitionError(PccCasesError):
    """A case state change that the lifecycle does not allow."""

    exit_code = 5


class ConflictError(PccCasesError):
    """Someone else changed the same case first; reload and try again."""

    exit_code = 6


class ProtocolError(InvalidInputError):
    """A problem with the protocol catalogue or with a clause that is cited."""


class ProtocolFileError(ProtocolError):
    """The protocol data file is broken; the message names the key and the problem."""


class UnknownClauseError(ProtocolError, NotFoundError):
    """A clause id that the protocol version does not have."""

    exit_code = 5


class NotCitableClauseError(ProtocolError):
    """An awareness or sanction clause (articles 4 and 7), which cannot be violated."""


class ProtocolVersionError(ProtocolError):
    """A clause or case of another protocol version than the one asked for."""


class PolicyError(InvalidInputError):
    """A policy file (severity, ladders, duties, calendar) that is invalid."""


class TimeInputError(InvalidInputError):
    """A date or time that cannot be used: naive, in the future, nonexistent or ambiguous."""


def choices(values: Iterable[str]) -> str:
    """Format allowed values for a message, in a stable order."""
    return ", ".join(sorted(values, key=_natural_key))


def _natural_key(value: str) -> tuple[tuple[int, str], ...]:
    parts: list[tuple[int, str]] = []
    for part in value.replace("-", ".").split("."):
        parts.append((int(part), "") if part.isdigit() else (1 << 30, part))
    return tuple(parts)
