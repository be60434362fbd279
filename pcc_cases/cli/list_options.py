"""``--search`` and ``--limit``: the options every list shares."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from pcc_cases.cli.numbers import WholeNumber
from pcc_cases.domain.checks import MAX_ROWS

F = TypeVar("F", bound=Callable[..., Any])


def list_options(command: F) -> F:
    """Add ``--search TEXT`` and ``--limit N`` to a list command."""
    command = click.option(
        "--limit",
        type=WholeNumber(1, MAX_ROWS),
        metavar="N",
        help="Show at most N rows / Toon hoogstens N regels.",
    )(command)
    return click.option(
        "--search",
        metavar="TEXT",
        help="Only rows whose name, id or case number contains TEXT (any case, any accents) "
        "/ Alleen regels met TEXT in naam, nummer of zaaknummer.",
    )(command)
