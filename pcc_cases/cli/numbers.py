"""Whole numbers typed on the command line: ASCII digits only, within stated bounds.

Python's ``int()`` (and so click's ``int``) also reads Arabic-Indic and other digits and
numbers of any width; a typing slip then passes as a number, or a number too wide for
the database reaches it. This type refuses both, naming what is allowed.
"""

from __future__ import annotations

import re
from typing import Any

import click

from pcc_cases.cli.coded import language_of
from pcc_cases.translation import N_, translate

_WHOLE = re.compile(r"[+-]?[0-9]{1,18}")


class WholeNumber(click.ParamType):  # type: ignore[type-arg]
    """A whole number from ``low`` to ``high``, written with the digits 0-9."""

    name = "integer"

    def __init__(self, low: int, high: int) -> None:
        self.low, self.high = low, high

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int:
        if isinstance(value, int) and not isinstance(value, bool):
            number = value
        elif isinstance(value, str) and _WHOLE.fullmatch(value.strip()):
            number = int(value.strip())
        else:
            message = translate(
                N_("{value!r} is not a whole number written with the digits 0-9"), language_of(ctx)
            )
            self.fail(message.format(value=value), param, ctx)
        if not self.low <= number <= self.high:
            message = translate(N_("{number} is not {low} to {high}"), language_of(ctx))
            self.fail(message.format(number=number, low=self.low, high=self.high), param, ctx)
        return number
