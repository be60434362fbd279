"""The two checks every piece of typed input goes through: a code from a list, a text."""

from __future__ import annotations

import enum
from typing import Any, TypeVar

from pcc_cases.domain.errors import InvalidInputError

E = TypeVar("E", bound=enum.StrEnum)


def enum_value(enum_type: type[E], value: Any, field: str) -> E:
    """The member of ``enum_type`` for ``value``; the error lists every allowed value."""
    try:
        return enum_type(value)
    except ValueError:
        raise InvalidInputError(
            f"{value!r} is not allowed; choose one of {', '.join(e.value for e in enum_type)}",
            field=field,
        ) from None


def text_value(value: str | None, field: str, limit: int, *, required: bool = True) -> str | None:
    """The text stripped; empty is refused when required, longer than ``limit`` always."""
    if value is None or not value.strip():
        if required:
            raise InvalidInputError("must not be empty", field=field)
        return None
    if len(value) > limit:
        raise InvalidInputError(f"{len(value)} characters; at most {limit} allowed", field=field)
    return value.strip()


def required_text(value: str | None, field: str, limit: int) -> str:
    """A text that must be there (a reason, a summary): never None."""
    return text_value(value, field, limit) or ""
