"""``pcc-cases db upgrade|current``: bring a database to this version's schema."""

from __future__ import annotations

import json

import click

from pcc_cases.adapters.engine import make_engine
from pcc_cases.adapters.migrate import SCHEMA_REVISION, current, upgrade
from pcc_cases.cli.context import CliContext


@click.group()
def db() -> None:
    """The database schema / Het databaseschema."""


@db.command("upgrade")
@click.pass_obj
def upgrade_cmd(obj: CliContext) -> None:
    """Upgrade the database to the newest schema / Werk de database bij."""
    revision = upgrade(obj.db_url)
    message = {"nl": "Database bijgewerkt tot revisie", "en": "Database upgraded to revision"}
    click.echo(f"{message[obj.lang]} {revision}", err=True)


@db.command("current")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_obj
def current_cmd(obj: CliContext, as_json: bool) -> None:
    """Show the schema revision of the database / Toon de schemarevisie."""
    engine = make_engine(obj.db_url)
    try:
        revision = current(engine)
    finally:
        engine.dispose()
    latest = SCHEMA_REVISION
    if as_json:
        click.echo(
            json.dumps({"current": revision, "head": latest, "up_to_date": revision == latest})
        )
        return
    click.echo(revision or "-")
    if revision != latest:
        hint = {
            "nl": f"Niet bijgewerkt (nieuwste: {latest}); voer 'pcc-cases db upgrade' uit",
            "en": f"Not up to date (newest: {latest}); run 'pcc-cases db upgrade'",
        }
        click.echo(hint[obj.lang], err=True)
