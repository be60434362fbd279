"""The checks every piece of typed input goes through: a code from a list, a text, and
the types an integrator might get wrong (a text where a list of ids or a datetime goes).
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Iterable
from typing import Any, TypeVar

from pcc_cases.domain.errors import InvalidInputError, Problem
from pcc_cases.domain.time import check_year
from pcc_cases.translation import N_

E = TypeVar("E", bound=enum.StrEnum)


def enum_value(enum_type: type[E], value: Any, field: str) -> E:
    """The member of ``enum_type`` for ``value``; the error lists every allowed value."""
    try:
        return enum_type(value)
    except ValueError:
        raise InvalidInputError(
            N_("{value!r} is not allowed; choose one of {enum_type}"),
            field=field,
            value=value,
            enum_type=", ".join(e.value for e in enum_type),
        ) from None


# What no backend stores alike (PostgreSQL refuses NUL, MariaDB a lone surrogate) and what
# a terminal would act on (ESC, CSI). The line and page breaks that str.splitlines knows
# stay allowed in longer texts, so that every text an export holds imports back.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
_LINE_BREAK = re.compile("[\t\n\x0b\x0c\r\x1c-\x1e\x85\u2028\u2029]")


def text_problem(value: str, limit: int, *, one_line: bool = False) -> Problem | None:
    """Why ``value`` cannot be stored as text, or None: too long, or a character that no
    database stores alike or that a terminal would act on (a line break, if ``one_line``).
    """
    if len(value) > limit:
        return Problem(
            N_("{count} characters; at most {limit} allowed"),
            params={"count": len(value), "limit": limit},
        )
    bad = _CONTROL.search(value) or (_LINE_BREAK.search(value) if one_line else None)
    if bad:
        return Problem(
            N_("holds the control character U+{code} at position {position}; write plain text"),
            params={"code": f"{ord(bad.group()):04X}", "position": bad.start() + 1},
        )
    return None


def text_value(
    value: str | None, field: str, limit: int, *, required: bool = True, one_line: bool = False
) -> str | None:
    """The text stripped; empty is refused when required, an unstorable text always."""
    if value is None or not value.strip():
        if required:
            raise InvalidInputError(N_("must not be empty"), field=field)
        return None
    problem = text_problem(value, limit, one_line=one_line)
    if problem:
        raise InvalidInputError.of(problem, field=field)
    return value.strip()


def required_text(value: str | None, field: str, limit: int, *, one_line: bool = False) -> str:
    """A text that must be there (a reason, a summary): never None."""
    return text_value(value, field, limit, one_line=one_line) or ""


def id_list(value: Any, field: str) -> tuple[str, ...]:
    """A list of ids; a single text is refused (it would be read letter by letter)."""
    if isinstance(value, str | bytes):
        raise InvalidInputError(
            N_("a list of ids is expected, not the text {value!r}; write [{value!r}]"),
            field=field,
            value=value,
        )
    if not isinstance(value, Iterable):
        raise InvalidInputError(
            N_("a list of ids is expected, not {name}"), field=field, name=type(value).__name__
        )
    ids = tuple(value)
    for item in ids:
        if not isinstance(item, str) or not item.strip():
            raise InvalidInputError(
                N_("{item!r} is not an id (a non-empty text)"), field=field, item=item
            )
    return ids


def instant(value: Any, field: str) -> dt.datetime:
    """A datetime; a text or a date is refused with what to pass instead."""
    if not isinstance(value, dt.datetime):
        raise InvalidInputError(
            N_(
                "a datetime with a time zone is expected, not {name} {value!r}; for example "
                "pendulum.datetime(2026, 11, 20, 20, 15, tz='Europe/Amsterdam')"
            ),
            field=field,
            name=type(value).__name__,
            value=value,
        )
    check_year(value.year, value.isoformat(), field)
    return value


def calendar_day(value: Any, field: str) -> dt.date:
    """A date (not a datetime, not a text)."""
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise InvalidInputError(
            N_("a date is expected, not {name} {value!r}; for example datetime.date(2026, 11, 24)"),
            field=field,
            name=type(value).__name__,
            value=value,
        )
    check_year(value.year, value.isoformat(), field)
    return value


def flag(value: Any, field: str) -> bool:
    """True or False, nothing that merely looks like one ("no" is a true text)."""
    if not isinstance(value, bool):
        raise InvalidInputError(
            N_("True or False is expected, not {value!r}"), field=field, value=value
        )
    return value


_SEQUENCE = re.compile("[0-9]{1,9}")  # ASCII digits only: int() also reads ٣ and ³
MAX_ROWS = 1_000_000_000


def parse_obligation_id(text: str) -> tuple[str, int]:
    """An obligation's id as shown, '2025-0012/2', as its case number and number.

    Raises:
        InvalidInputError: the text is not CASE/SEQ (field ``obligation id``).
    """
    number, _, seq = text.partition("/")
    if not number or not _SEQUENCE.fullmatch(seq):
        raise InvalidInputError(
            N_("{text!r} is not CASE/SEQ, for example 2025-0012/2"),
            field="obligation id",
            text=text,
        )
    return number, int(seq)


def row_limit(value: Any, field: str = "limit") -> int | None:
    """How many rows a list may show: None for all, else a whole number of at least 1."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_ROWS:
        raise InvalidInputError(
            N_("{value!r} is not a number of rows (1 to {MAX_ROWS})"),
            field=field,
            value=value,
            MAX_ROWS=MAX_ROWS,
        )
    return value


def row_offset(value: Any, field: str = "offset") -> int:
    """How many rows of a list to pass over (paging): a whole number from 0."""
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_ROWS:
        raise InvalidInputError(
            N_("{value!r} is not a number of rows to skip (0 to {MAX_ROWS})"),
            field=field,
            value=value,
            MAX_ROWS=MAX_ROWS,
        )
    return value


MAX_SEARCH = 200


def search_text(value: Any, field: str = "search") -> str | None:
    """A name to search for: None or non-empty text."""
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise InvalidInputError(
            N_("{value!r} is not a name to search for"), field=field, value=value
        )
    problem = text_problem(value, MAX_SEARCH, one_line=True)
    if problem:
        raise InvalidInputError.of(problem, field=field)
    return value
