"""Options the ``case`` subcommands share: the case number, the offender, the step, JSON."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from pcc_cases.cli import completion
from pcc_cases.cli.coded import StepName

FC = TypeVar("FC", bound=Callable[..., Any] | click.Command)

NUMBER = click.argument("number", metavar="NUMBER", shell_complete=completion.case_numbers)
JSON_OPTION = click.option("--json", "as_json", is_flag=True, help="Print JSON / Toon JSON.")
OFFENDER = click.option(
    "--offender", required=True, metavar="ID", help="The offender / De overtreder."
)


def step_option(help_text: str) -> Callable[[FC], FC]:
    """A required ``--step``, by code or by its Dutch or English name."""
    return click.option(
        "--step",
        required=True,
        type=StepName(),
        metavar="STEP",
        shell_complete=completion.steps,
        help=help_text,
    )
