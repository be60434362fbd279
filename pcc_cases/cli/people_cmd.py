"""``pcc-cases people import|list|show``: the people the admin system knows."""

from __future__ import annotations

from pathlib import Path

import click

from pcc_cases import services
from pcc_cases.cli import completion
from pcc_cases.cli.context import CliContext
from pcc_cases.cli.list_options import list_options
from pcc_cases.cli.render import emit_json, person_fields, person_row, table
from pcc_cases.domain.people import PersonKind
from pcc_cases.domain.snapshot import person_record
from pcc_cases.interchange.people_csv import import_people

JSON_OPTION = click.option("--json", "as_json", is_flag=True, help="Print JSON / Toon JSON.")


@click.group()
def people() -> None:
    """Students, staff and others / Leerlingen, medewerkers en anderen."""


@people.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Only show what would change / Alleen tonen.")
@JSON_OPTION
@click.pass_obj
def import_cmd(obj: CliContext, file: Path, dry_run: bool, as_json: bool) -> None:
    """Import people from a CSV file (upsert by id) / Importeer personen uit CSV.

    Columns: id,kind,first_name,last_name,location,class,mentor_id,roles,left_on.
    Any invalid row stops the whole import; nothing is written then.
    """
    with obj.unit_of_work() as uow:
        result = import_people(
            uow, obj.actor, file.read_bytes(), dry_run=dry_run, settings=obj.settings
        )
    if as_json:
        emit_json(
            {
                "created": list(result.created),
                "updated": list(result.updated),
                "unchanged": result.unchanged,
                "dry_run": result.dry_run,
            }
        )
    prefix = obj.gettext("Dry run, nothing saved: ") if dry_run else ""
    click.echo(
        prefix
        + obj.gettext(
            "{count} created, {count2} updated, {unchanged} unchanged",
            count=len(result.created),
            count2=len(result.updated),
            unchanged=result.unchanged,
        ),
        err=True,
    )


@people.command("list")
@click.option(
    "--location",
    metavar="L",
    shell_complete=completion.locations,
    help="Only this location / Alleen deze vestiging.",
)
@click.option("--kind", type=click.Choice([k.value for k in PersonKind]), help="Only this kind.")
@list_options
@JSON_OPTION
@click.pass_obj
def list_cmd(
    obj: CliContext,
    location: str | None,
    kind: str | None,
    search: str | None,
    limit: int | None,
    as_json: bool,
) -> None:
    """List the people you may see / Toon de personen die u mag zien."""
    with obj.unit_of_work(write=False) as uow:
        found = services.list_people(
            uow,
            obj.actor,
            location=location,
            kind=kind,
            search=search,
            limit=limit,
            settings=obj.settings,
        )
    if as_json:
        emit_json([person_record(p) for p in found])
        return
    headers = obj.gettext("id kind name location class mentor roles left").split()
    table(obj.gettext("People"), headers, [person_row(p, obj.lang) for p in found])


@people.command("show")
@click.argument("person_id", metavar="ID")
@JSON_OPTION
@click.pass_obj
def show_cmd(obj: CliContext, person_id: str, as_json: bool) -> None:
    """Show one person (the read is logged) / Toon een persoon."""
    with obj.unit_of_work() as uow:
        person = services.show_person(uow, obj.actor, person_id, settings=obj.settings)
    if as_json:
        emit_json(person_record(person))
        return
    fields = person_fields(person, obj.lang)
    table(person.full_name, [obj.gettext("field"), obj.gettext("value")], fields)
