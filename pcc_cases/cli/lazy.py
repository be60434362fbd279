"""Subcommands imported only when they run, so that ``pcc-cases --help`` starts at once.

Each top-level command lives in its own module with its own imports (SQLAlchemy, rich,
the services); the group knows each one's name, module and one-line help without
importing it. A test checks that the help written here is the command's own.
"""

from __future__ import annotations

import importlib

import click

# name: (module, attribute, short help as the command's docstring gives it)
COMMANDS: dict[str, tuple[str, str, str]] = {
    "protocol": (
        "protocol_cmd",
        "protocol",
        "The Social Media Protocol / Het Protocol Sociale Media.",
    ),
    "db": ("db_cmd", "db", "The database schema / Het databaseschema."),
    "config": ("config_cmd", "config", "The configuration in force / De geldende configuratie."),
    "people": (
        "people_cmd",
        "people",
        "Students, staff and others / Leerlingen, medewerkers en anderen.",
    ),
    "incident": ("incident_cmd", "incident", "Incidents / Incidenten."),
    "case": ("case_cmd", "case_group", "Follow and handle cases / Zaken volgen en behandelen."),
    "obligations": (
        "obligations_cmd",
        "obligations",
        "Open legal obligations of your cases, by due date / Openstaande verplichtingen.",
    ),
    "obligation": ("obligations_cmd", "obligation", "One legal obligation / Een verplichting."),
    "letter": (
        "letter_cmd",
        "letter_cmd",
        "Make the letter a duty asks for / Maak de brief bij een verplichting.",
    ),
    "report": ("report_cmd", "report", "Reports / Rapportages."),
    "export": ("interchange_cmd", "export_group", "Export data / Gegevens exporteren."),
    "import": ("interchange_cmd", "import_group", "Import data / Gegevens importeren."),
    "privacy": ("privacy_cmd", "privacy", "Privacy (FG and CvB) / Privacy."),
    "serve": (
        "server_cmd",
        "serve",
        "Run the HTTP server on the database / Start de server op de database.",
    ),
    "account": (
        "server_cmd",
        "account",
        "Local accounts of the server / Lokale accounts van de server.",
    ),
    "token": ("server_cmd", "token", "API tokens for systems / API-tokens voor systemen."),
    "demo": (
        "demo_cmd",
        "demo",
        "Build a demo database with one school year of cases / Bouw een demodatabase.",
    ),
    "totp": (
        "demo_cmd",
        "totp_code",
        "The current code of an authenticator key (demo) / De huidige code bij een sleutel.",
    ),
}


class LazyGroup(click.Group):
    """A group whose subcommands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return [*super().list_commands(ctx), *COMMANDS]

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in COMMANDS:
            module, attribute, _ = COMMANDS[cmd_name]
            command: click.Command = getattr(
                importlib.import_module(f"pcc_cases.cli.{module}"), attribute
            )
            return command
        return super().get_command(ctx, cmd_name)

    def format_commands(self, _ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The command list from the table above: listing must not import every command."""
        rows = [(name, help_text) for name, (_, _, help_text) in COMMANDS.items()]
        with formatter.section("Commands"):
            formatter.write_dl(rows)
