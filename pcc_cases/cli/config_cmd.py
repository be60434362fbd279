"""``pcc-cases config show``: every setting in force and where it came from."""

from __future__ import annotations

import json

import click

from pcc_cases.cli.config import SETTINGS
from pcc_cases.cli.context import CliContext


@click.group()
def config() -> None:
    """The configuration in force / De geldende configuratie."""


def _shown(key: str, value: object) -> object:
    """A database URL without its password; everything else as it is."""
    if key == "database_url":
        from pcc_cases.adapters.engine import default_url, normalise_url

        return normalise_url(str(value or default_url())).render_as_string(hide_password=True)
    return value


@config.command("show")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_obj
def show_cmd(obj: CliContext, as_json: bool) -> None:
    """Every setting, its value and where it came from / Elke instelling en haar herkomst."""
    assert obj.config is not None  # noqa: S101 - set by the group for every command
    rows = [
        (s.key, _shown(s.key, obj.config.values[s.key].value), obj.config.values[s.key].source)
        for s in SETTINGS
    ]
    if as_json:
        data = {
            "file": None if obj.config.path is None else str(obj.config.path),
            "settings": {key: {"value": value, "source": source} for key, value, source in rows},
            "letterhead": dict(obj.config.letterhead),
        }
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    from pcc_cases.cli.render import table

    file_text = str(obj.config.path) if obj.config.path else obj.gettext("none")
    click.echo(obj.gettext("Configuration file: {file}", file=file_text))
    table(
        obj.gettext("Settings"),
        [obj.gettext("setting"), obj.gettext("value"), obj.gettext("source")],
        [[key, "" if value is None else str(value), source] for key, value, source in rows],
    )
