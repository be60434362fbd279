"""``pcc-cases export cases`` and ``pcc-cases import cases``: JSON Lines, whole cases."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from pcc_cases.cli.context import CliContext
from pcc_cases.cli.output_file import output_options, written
from pcc_cases.cli.progress import progress_bar
from pcc_cases.domain.errors import InvalidInputError
from pcc_cases.domain.period import period_from
from pcc_cases.interchange.cases_io import export_cases, import_cases, split_lines
from pcc_cases.translation import N_


@click.group("export")
def export_group() -> None:
    """Export data / Gegevens exporteren."""


@export_group.command("cases")
@click.option("--school-year", metavar="2025-2026", help="Only cases of this school year.")
@click.option("--from", "date_from", metavar="YYYY-MM-DD", help="First day (with --to).")
@click.option("--to", "date_to", metavar="YYYY-MM-DD", help="Last day (with --from).")
@output_options
@click.pass_obj
def export_cases_cmd(
    obj: CliContext,
    school_year: str | None,
    date_from: str | None,
    date_to: str | None,
    output: Path | None,
    force: bool,
) -> None:
    """Every case in full, one JSON object per line / Alle zaken, volledig, als JSON Lines."""
    period = period_from(school_year, date_from, date_to)
    label = obj.gettext("Exporting cases")
    with obj.unit_of_work(write=False) as uow, progress_bar(label) as progress:
        if output is None:
            count = export_cases(
                uow, obj.actor, sys.stdout, period=period, progress=progress, settings=obj.settings
            )
        else:
            with written(output, force=force) as handle:
                count = export_cases(
                    uow, obj.actor, handle, period=period, progress=progress, settings=obj.settings
                )
    click.echo(obj.gettext("{count} cases exported", count=count), err=True)


@click.group("import")
def import_group() -> None:
    """Import data / Gegevens importeren."""


@import_group.command("cases")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Only check and show what would change.")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
@click.pass_obj
def import_cases_cmd(obj: CliContext, file: Path, dry_run: bool, as_json: bool) -> None:
    """Import cases exported by pcc-cases (JSON Lines); all or nothing / Importeer zaken."""
    try:
        lines = split_lines(file.read_text(encoding="utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise InvalidInputError(
            N_("{file}: not UTF-8 text (byte {start})"), file=file, start=exc.start
        ) from None
    label = obj.gettext("Checking cases")
    with obj.unit_of_work() as uow, progress_bar(label) as progress:
        result = import_cases(
            uow, obj.actor, lines, dry_run=dry_run, progress=progress, settings=obj.settings
        )
    if as_json:
        click.echo(
            json.dumps(
                {"dry_run": dry_run, "created": list(result.created), "unchanged": result.unchanged}
            )
        )
        return
    prefix = obj.gettext("Dry run, nothing saved: ") if dry_run else ""
    click.echo(
        prefix
        + obj.gettext(
            "{count} new, {unchanged} already present",
            count=len(result.created),
            unchanged=result.unchanged,
        ),
        err=True,
    )
