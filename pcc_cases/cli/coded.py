"""Options whose value is a code, typed as the code or as its label in Dutch or English
(``--platform Instagram``, ``--reach openbaar``, ``--step schorsing``), in any case.
"""

from __future__ import annotations

from typing import Any

import click

from pcc_cases.domain.errors import InvalidInputError


def _context(ctx: click.Context | None) -> Any:
    from pcc_cases.cli.context import CliContext

    ctx = ctx or click.get_current_context(silent=True)  # a prompt converts without one
    found = ctx.find_object(CliContext) if ctx is not None else None
    return found if found is not None else CliContext()


class Coded(click.ParamType[str]):
    """A code of one kind (see ``pcc_cases.domain.labels.CODE_LABELS``)."""

    name = "label"

    def __init__(self, kind: str) -> None:
        self.kind = kind

    def get_metavar(
        self,
        param: click.Parameter,  # noqa: ARG002 - click's signature
        ctx: click.Context | None = None,
    ) -> str:
        from pcc_cases.domain.labels import labels

        return "[" + "|".join(labels(self.kind, _context(ctx).lang)) + "]"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        from pcc_cases.domain.labels import code_of

        try:
            return code_of(self.kind, str(value), _context(ctx).lang)
        except InvalidInputError as error:
            self.fail(error.message, param, ctx)


class StepName(click.ParamType[str]):
    """A step of the school's escalation ladders, by code or by its Dutch or English name."""

    name = "step"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        from pcc_cases.domain.labels import step_of

        obj = _context(ctx)
        try:
            return step_of(obj.settings.policy, str(value), obj.lang)
        except InvalidInputError as error:
            self.fail(error.message, param, ctx)
