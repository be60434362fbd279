"""Shell completion of values that live in the database: case numbers, duties, locations,
steps.

Completion runs before the command's own setup, with whatever options are typed so far;
it reads the configuration the same way, sees only what the actor may see, never
creates or changes a database, and completes nothing (rather than failing) when it
cannot know.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from pathlib import Path

import click
from click.shell_completion import CompletionItem

from pcc_cases.cli.config import resolve
from pcc_cases.cli.context import CliContext

Completer = Callable[[click.Context, click.Parameter, str], list[CompletionItem]]


def _context(ctx: click.Context, *, database: bool = True) -> CliContext | None:
    """The command line's context from the options typed so far.

    None when a database is needed and there is none yet.
    """
    from pcc_cases.adapters.engine import default_url

    root = ctx.find_root().params
    options = {
        "language": root.get("lang"),
        "database_url": root.get("db_url"),
        "actor": root.get("actor"),
    }
    config = resolve(options, root.get("config_file"))
    url = config.get("database_url") or default_url()
    missing_file = (
        url.startswith("sqlite:///") and not Path(url.removeprefix("sqlite:///")).is_file()
    )
    if database and missing_file:
        return None  # completing must not create the default database
    return CliContext(
        lang=config.get("language"),
        db_url=url,
        actor=config.get("actor"),
        schema=config.get("schema"),
        policy_file=config.get("policy_file"),
        config=config,
    )


def _values(
    ctx: click.Context, read: Callable[[CliContext], list[str]], *, database: bool = True
) -> list[str]:
    """What ``read`` finds, or nothing when anything goes wrong (no actor, no database)."""
    with suppress(Exception):
        obj = _context(ctx, database=database)
        if obj is not None:
            try:
                return read(obj)
            finally:
                obj.close()
    return []


def _starting_with(values: list[str], incomplete: str) -> list[CompletionItem]:
    wanted = incomplete.casefold()
    return [CompletionItem(v) for v in values if v.casefold().startswith(wanted)]


def case_numbers(
    ctx: click.Context, _param: click.Parameter, incomplete: str
) -> list[CompletionItem]:
    """The numbers of the cases the actor may see."""
    from pcc_cases import services

    def read(obj: CliContext) -> list[str]:
        with obj.unit_of_work(write=False) as uow:
            found = services.list_cases(uow, obj.actor, settings=obj.settings)
            return [c.number for c in found if c.number]

    return _starting_with(_values(ctx, read), incomplete)


def duty_ids(ctx: click.Context, _param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """The ids of the open duties the actor handles (``2025-0012/2``)."""
    from pcc_cases import services

    def read(obj: CliContext) -> list[str]:
        with obj.unit_of_work(write=False) as uow:
            return [v.id for v in services.list_obligations(uow, obj.actor, settings=obj.settings)]

    return _starting_with(_values(ctx, read), incomplete)


def locations(ctx: click.Context, _param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """The locations within the actor's reach."""
    from pcc_cases import services

    def read(obj: CliContext) -> list[str]:
        with obj.unit_of_work(write=False) as uow:
            return services.reachable_locations(uow, obj.actor, settings=obj.settings)

    return _starting_with(_values(ctx, read), incomplete)


def steps(ctx: click.Context, _param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """The escalation steps of the policy in force, students' and staff's."""

    def read(obj: CliContext) -> list[str]:
        ladders = obj.settings.policy.ladders.values()
        return list(dict.fromkeys(step.name for ladder in ladders for step in ladder.steps))

    return _starting_with(_values(ctx, read, database=False), incomplete)
