"""The assessment factors as command-line options, shared by ``incident record`` and
``case assess``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

import click

from pcc_cases.cli.coded import Coded
from pcc_cases.domain.factors import Factors, Harm, Intent, Reach

F = TypeVar("F", bound=Callable[..., Any])
FACTOR_KEYS = ("reach", "intent", "harm", "confidential", "criminal", "removed")


def factor_options(command: F) -> F:
    """Add --reach, --intent, --harm, --confidential, --criminal and --removed."""
    for option in reversed(
        [
            click.option("--reach", type=Coded("reach"), help="How far it spread / Bereik."),
            click.option("--intent", type=Coded("intent"), help="How deliberate / Opzet."),
            click.option("--harm", type=Coded("harm"), help="What it damaged / Schade."),
            click.option("--confidential", is_flag=True, help="Confidential data was shared."),
            click.option(
                "--criminal", is_flag=True, help="A criminal aspect (threat, sexual images, ...)."
            ),
            click.option(
                "--removed", is_flag=True, help="Removed promptly and apologised (tip 6.6)."
            ),
        ]
    ):
        command = option(command)
    return command


def factors_from(options: Mapping[str, Any]) -> Factors | None:
    """The factors given, with defaults for the rest; None when no factor option was given."""
    if not any(options[key] for key in FACTOR_KEYS):
        return None
    return Factors(
        reach=options["reach"] or Reach.PRIVATE,
        intent=options["intent"] or Intent.NEGLIGENT,
        harm=options["harm"] or Harm.NONE,
        confidential=options["confidential"],
        criminal=options["criminal"],
        removed_and_apologised=options["removed"],
    )
