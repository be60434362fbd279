"""Entry point of ``pcc-cases``: global options, error handling and exit codes."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Any

import click

from pcc_cases import __version__
from pcc_cases.cli.config import CONFIG_ENV, LANGUAGES, OTHER_ENV, SETTINGS, resolve
from pcc_cases.cli.context import CliContext
from pcc_cases.cli.hints import hint_for
from pcc_cases.cli.lazy import LazyGroup
from pcc_cases.domain.display import printable
from pcc_cases.translation import DEFAULT_LANGUAGE, translate

if TYPE_CHECKING:
    from pcc_cases.domain.errors import PccCasesError

ENVIRONMENT_HELP = "\b\nEnvironment variables / Omgevingsvariabelen:\n" + "\n".join(
    [f"  {s.env:<34} {s.help}" for s in SETTINGS if s.env]
    + [f"  {CONFIG_ENV:<34} the configuration file (option --config)"]
    + [f"  {name:<34} {text}" for name, text in OTHER_ENV.items()]
)


# The language chosen by the options, for the errors shown after the command has ended.
_chosen: dict[str, str] = {}


@click.group(
    cls=LazyGroup,
    context_settings={"help_option_names": ["-h", "--help"]},
    epilog=ENVIRONMENT_HELP,
)
@click.version_option(__version__, "--version", "-V", prog_name="pcc-cases")
@click.option(
    "--config",
    "config_file",
    default=None,
    metavar="FILE",
    help="Configuration file (TOML) / Configuratiebestand.",
)
@click.option(
    "--lang",
    type=click.Choice(LANGUAGES, case_sensitive=False),
    default=None,
    help="Language of messages and data labels (default nl) / Taal van meldingen.",
)
@click.option(
    "--db",
    "db_url",
    default=None,
    metavar="URL",
    help="Database URL (default: a SQLite file in your data directory).",
)
@click.option(
    "--as",
    "actor",
    default=None,
    metavar="ID",
    help="Who you are: your staff id / Wie u bent: uw personeelsnummer.",
)
@click.pass_context
def cli(
    ctx: click.Context,
    config_file: str | None,
    lang: str | None,
    db_url: str | None,
    actor: str | None,
) -> None:
    """pcc-cases: record and handle breaches of the PCC Social Media Protocol.

    Registreer en behandel overtredingen van het Protocol Sociale Media van het PCC.
    """
    options = {"language": lang and lang.lower(), "database_url": db_url, "actor": actor}
    config = resolve(options, config_file)
    _chosen["lang"] = config.get("language")
    ctx.obj = CliContext(
        lang=config.get("language"),
        db_url=config.get("database_url"),
        actor=config.get("actor"),
        schema=config.get("schema"),
        policy_file=config.get("policy_file"),
        config=config,
    )
    ctx.call_on_close(ctx.obj.close)


def error_line(exc: PccCasesError, lang: str) -> str:
    """The one line (or block, for a file's problems) that the command line shows."""
    from pcc_cases.domain.errors import ProblemsError, field_label

    hint = hint_for(exc, lang)
    message = exc.translated(lang)
    if exc.field and not isinstance(exc, ProblemsError):
        message = f"{field_label(exc.field, lang)}: {message}"
    text = printable(message)  # it may quote what was typed or stored
    shown = translate("Error: {message}", lang).format(message=text)
    return shown + (f" ({hint})" if hint else "")


def main(argv: list[str] | None = None) -> Any:
    """Run the CLI; library errors become a one-line message and their exit code."""
    try:
        return cli.main(args=argv, prog_name="pcc-cases", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo(translate("Aborted", _chosen.get("lang", DEFAULT_LANGUAGE)), err=True)
        sys.exit(1)
    except click.ClickException as exc:
        lang = _chosen.get("lang", DEFAULT_LANGUAGE)
        if isinstance(exc, click.UsageError) and exc.ctx is not None:
            tried = translate("Try '{command} --help' for help.", lang)
            usage = exc.ctx.get_usage()
            click.echo(f"{usage}\n{tried.format(command=exc.ctx.command_path)}\n", err=True)
        shown = translate("Error: {message}", lang).format(message=exc.format_message())
        click.echo(shown, err=True)
        sys.exit(exc.exit_code)
    except ModuleNotFoundError as exc:
        from pcc_cases.domain.extras import missing_extra_message

        lang = _chosen.get("lang", DEFAULT_LANGUAGE)
        message = missing_extra_message(exc.name, lang)
        if message is None:
            raise
        click.echo(translate("Error: {message}", lang).format(message=message), err=True)
        sys.exit(7)
    except Exception as exc:
        from pcc_cases.domain.errors import PccCasesError

        if isinstance(exc, PccCasesError):
            lang = _chosen.get("lang", DEFAULT_LANGUAGE)
            click.echo(error_line(exc, lang), err=True)
            sys.exit(exc.exit_code)
        # No traceback (it could show personal data in local variables), only the kind
        # of failure; PCC_CASES_DEBUG=1 re-raises for developers.
        if os.environ.get("PCC_CASES_DEBUG") == "1":
            raise
        first_line = printable(str(exc).splitlines()[0]) if str(exc) else ""
        unexpected = translate("Unexpected error", _chosen.get("lang", DEFAULT_LANGUAGE))
        click.echo(f"{unexpected}: {type(exc).__name__}: {first_line[:300]}", err=True)
        sys.exit(1)
