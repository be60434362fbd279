"""Options whose value is a code, typed as the code or as its label in Dutch or English
(``--platform Instagram``, ``--reach openbaar``, ``--step schorsing``), in any case.
"""

from __future__ import annotations

from typing import Any

import click

from pcc_cases.domain.errors import InvalidInputError


def language_of(ctx: click.Context | None) -> str:
    """The language the options chose (Dutch when there is no command context)."""
    return str(_context(ctx).lang)


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

        lang = _context(ctx).lang
        try:
            return code_of(self.kind, str(value), lang)
        except InvalidInputError as error:
            self.fail(error.translated(lang), param, ctx)


class StepName(click.ParamType[str]):
    """A step of the school's escalation ladders, by code or by its Dutch or English name."""

    name = "step"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        from pcc_cases.domain.labels import step_of

        obj = _context(ctx)
        try:
            return step_of(obj.settings.policy, str(value), obj.lang)
        except InvalidInputError as error:
            self.fail(error.translated(obj.lang), param, ctx)


class LocalTime(click.ParamType[str]):
    """A wall-clock time in Amsterdam, ``24-11-2026 21:30`` or ``2026-11-24 21:30``, checked
    as it is typed (a prompt asks again); the text itself is passed on.
    """

    name = "time"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        from pcc_cases.domain.time import parse_local

        try:
            parse_local(str(value))
        except InvalidInputError as error:
            self.fail(error.translated(language_of(ctx)), param, ctx)
        return str(value)


class ClauseList(click.ParamType[tuple[str, ...]]):
    """Clause ids separated by commas, each one the protocol lets be cited."""

    name = "clauses"

    def __init__(self, citable: list[str]) -> None:
        self.citable = citable

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> tuple[str, ...]:
        from pcc_cases.translation import translate

        if isinstance(value, tuple):
            return value
        ids = tuple(part.strip() for part in str(value).split(",") if part.strip())
        wrong = [i for i in ids if i not in self.citable]
        if wrong or not ids:
            message = translate(
                "{value!r} is not a citable clause; choose from: {allowed}", language_of(ctx)
            )
            shown = wrong[0] if wrong else str(value)
            self.fail(message.format(value=shown, allowed=", ".join(self.citable)), param, ctx)
        return ids
