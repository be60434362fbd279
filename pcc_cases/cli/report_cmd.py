"""``pcc-cases report severity``: the board's and directors' figures, in every format."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from pcc_cases.cli import completion
from pcc_cases.cli.context import CliContext
from pcc_cases.cli.numbers import WholeNumber
from pcc_cases.cli.output_file import output_options, written
from pcc_cases.cli.render import stdout
from pcc_cases.domain.period import period_from
from pcc_cases.reports.suppression import DEFAULT_THRESHOLD

FORMATS = ("text", "json", "csv", "xlsx", "html")


@click.group()
def report() -> None:
    """Reports / Rapportages."""


@report.command("severity")
@click.option(
    "--school-year", metavar="2025-2026", help="The school year (default: the current one)."
)
@click.option(
    "--from",
    "date_from",
    metavar="YYYY-MM-DD",
    help="First day (with --to and --no-suppression).",
)
@click.option(
    "--to", "date_to", metavar="YYYY-MM-DD", help="Last day (with --from and --no-suppression)."
)
@click.option(
    "--location",
    "locations",
    multiple=True,
    metavar="L",
    shell_complete=completion.locations,
    help="Only this location (repeat; a part of your locations only with --no-suppression).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="Output format.",
)
@output_options
@click.option(
    "--threshold",
    type=WholeNumber(1, 100),
    default=DEFAULT_THRESHOLD,
    show_default=True,
    help="Hide counts from 1 to this (below 5 only with the right to small counts).",
)
@click.option("--no-suppression", is_flag=True, help="Show small counts (only with full scope).")
@click.option(
    "--lang",
    type=click.Choice(["nl", "en"]),
    help="Language of the report (default: --lang of pcc-cases).",
)
@click.pass_obj
def severity_cmd(
    obj: CliContext,
    school_year: str | None,
    date_from: str | None,
    date_to: str | None,
    locations: tuple[str, ...],
    fmt: str,
    output: Path | None,
    force: bool,
    threshold: int,
    no_suppression: bool,
    lang: str | None,
) -> None:
    """How many breaches, how grave, of which articles, where, when, and what was done.

    With small counts hidden (the default) the report is safe to publish: it covers a
    whole school year (of the running one, the months that have ended) and all your
    locations.

    Ernst van overtredingen: aantallen naar ernst, artikel, platform, maand en vestiging,
    met de maatregelen en verplichtingen, en het vorige jaar ernaast.
    """
    from pcc_cases.cli.progress import working
    from pcc_cases.reports.severity import severity_report

    language = lang or obj.lang
    organisation = obj.organisation
    period = period_from(school_year, date_from, date_to)
    label = obj.gettext("Computing the report")
    with obj.unit_of_work() as uow, working(label):
        result = severity_report(
            uow,
            obj.actor,
            period=period,
            locations=locations or None,
            threshold=threshold,
            suppression=not no_suppression,
            settings=obj.settings,
        )
    if fmt == "json":
        import json

        data = json.dumps(result.to_json(), ensure_ascii=False, indent=2) + "\n"
        _write(output, data.encode("utf-8"), force)
    elif fmt == "csv":
        from pcc_cases.reports.tabular import render_csv

        _write(output, render_csv(result, language), force)
    elif fmt == "xlsx":
        from pcc_cases.reports.workbook import render_xlsx

        if output is None and sys.stdout.isatty():
            raise click.UsageError(obj.gettext("--format xlsx needs --output FILE (or a pipe)"))
        _write(output, render_xlsx(result, language, organisation), force)
    elif fmt == "html":
        from pcc_cases.reports.render_html import render_html

        _write(output, render_html(result, language, organisation).encode("utf-8"), force)
    else:
        from pcc_cases.reports.render_text import render_text

        if output is None:
            render_text(result, language, stdout())
        else:
            from rich.console import Console

            with written(output, force=force) as handle:
                render_text(result, language, Console(file=handle, width=120))
    if output is not None:
        click.echo(obj.gettext("Report written: {output}", output=output), err=True)


def _write(output: Path | None, data: bytes, force: bool) -> None:
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    with written(output, force=force, binary=True) as handle:
        handle.write(data)
