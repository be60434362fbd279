"""Reading validated values out of parsed TOML, with messages that name the key.

Shared by the protocol catalogue and the policy file: both are data a school may edit by
hand, so a mistake must point at the exact key and say what was expected.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from pcc_cases.domain.errors import InvalidInputError
from pcc_cases.translation import N_

T = TypeVar("T")
_MISSING = object()


def require(
    table: Mapping[str, Any],
    key: str,
    kind: type[T],
    where: str,
    error: type[InvalidInputError],
    default: Any = _MISSING,
) -> T:
    """``table[key]`` checked to be of ``kind`` (non-empty for strings), or ``error``."""
    path = f"{where}.{key}" if where else key
    if key not in table:
        if default is not _MISSING:
            return default  # type: ignore[no-any-return]
        raise error(N_("missing"), field=path)
    value = table[key]
    if (kind is int and isinstance(value, bool)) or not isinstance(value, kind):
        raise error(
            N_("expected {expected}, got {got}"),
            field=path,
            expected=kind.__name__,
            got=type(value).__name__,
        )
    if isinstance(value, str) and not value.strip():
        raise error(N_("must not be empty"), field=path)
    return value
