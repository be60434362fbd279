"""Entry point of ``pcc-cases``: global options, error handling and exit codes."""

from __future__ import annotations

import os
import sys
from typing import Any

import click

from pcc_cases.cli.context import CliContext
from pcc_cases.cli.hints import hint_for
from pcc_cases.cli.lazy import LazyGroup


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--lang",
    type=click.Choice(["nl", "en"]),
    default="nl",
    show_default=True,
    envvar="PCC_CASES_LANG",
    help="Language of messages and data labels / Taal van meldingen.",
)
@click.option(
    "--db",
    "db_url",
    envvar="PCC_CASES_DATABASE_URL",
    default=None,
    metavar="URL",
    help="Database URL (default: a SQLite file in your data directory).",
)
@click.option(
    "--as",
    "actor",
    envvar="PCC_CASES_ACTOR",
    default=None,
    metavar="ID",
    help="Who you are: your staff id / Wie u bent: uw personeelsnummer.",
)
@click.pass_context
def cli(ctx: click.Context, lang: str, db_url: str | None, actor: str | None) -> None:
    """pcc-cases: record and handle breaches of the PCC Social Media Protocol.

    Registreer en behandel overtredingen van het Protocol Sociale Media van het PCC.
    """
    ctx.obj = CliContext(lang=lang, db_url=db_url, actor=actor)
    ctx.call_on_close(ctx.obj.close)


def main(argv: list[str] | None = None) -> Any:
    """Run the CLI; library errors become a one-line message and their exit code."""
    try:
        return cli.main(args=argv, prog_name="pcc-cases", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("Afgebroken / Aborted", err=True)
        sys.exit(1)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except Exception as exc:
        from pcc_cases.domain.errors import PccCasesError

        if isinstance(exc, PccCasesError):
            hint = hint_for(exc)
            click.echo(f"Fout / Error: {exc}" + (f" ({hint})" if hint else ""), err=True)
            sys.exit(exc.exit_code)
        # No traceback (it could show personal data in local variables), only the kind
        # of failure; PCC_CASES_DEBUG=1 re-raises for developers.
        if os.environ.get("PCC_CASES_DEBUG") == "1":
            raise
        first_line = str(exc).splitlines()[0] if str(exc) else ""
        click.echo(
            f"Onverwachte fout / Unexpected error: {type(exc).__name__}: {first_line[:300]}",
            err=True,
        )
        sys.exit(1)
