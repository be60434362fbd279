"""``pcc-cases db upgrade|current|backup``: the database's schema, and a copy of it."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import click

from pcc_cases.cli.context import CliContext
from pcc_cases.translation import N_


@click.group()
def db() -> None:
    """The database schema / Het databaseschema."""


@db.command("upgrade")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_obj
def upgrade_cmd(obj: CliContext, as_json: bool) -> None:
    """Create or upgrade the database to the newest schema / Werk de database bij."""
    from pcc_cases.adapters.engine import make_engine
    from pcc_cases.adapters.migrate import upgrade

    engine = make_engine(obj.db_url, schema=obj.schema)
    try:
        revision = upgrade(engine)
    finally:
        engine.dispose()
    if as_json:
        click.echo(json.dumps({"current": revision}))
        return
    click.echo(obj.gettext("Database upgraded to revision {revision}", revision=revision), err=True)


@db.command("current")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_obj
def current_cmd(obj: CliContext, as_json: bool) -> None:
    """Show the schema revision of the database / Toon de schemarevisie."""
    from pcc_cases.adapters.engine import make_engine
    from pcc_cases.adapters.migrate import SCHEMA_REVISION, current

    engine = make_engine(obj.db_url, schema=obj.schema, must_exist=obj.db_url is not None)
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
        hint = obj.gettext(
            "Not up to date (newest: {latest}); run 'pcc-cases db upgrade'", latest=latest
        )
        click.echo(hint, err=True)


@db.command("backup")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_obj
def backup_cmd(obj: CliContext, file: Path, as_json: bool) -> None:
    """A consistent copy of a SQLite database, even while it is used / Maak een reservekopie.

    Uses SQLite's backup API: the copy is one moment of the database, whatever other
    commands write meanwhile. The copy is written beside FILE and renamed into place, so an
    interrupted backup leaves no half-written FILE. PostgreSQL and MariaDB have their own
    tools (pg_dump, mariadb-dump).
    """
    from pcc_cases.domain.errors import InvalidInputError

    engine = obj.engine()
    if engine.dialect.name != "sqlite":
        raise InvalidInputError(
            N_(
                "db backup copies SQLite databases; for {name} use its own tool (pg_dump for "
                "PostgreSQL, mariadb-dump for MariaDB)"
            ),
            field="database",
            name=engine.dialect.name,
        )
    source = Path(engine.url.database or "")
    if file.exists():
        raise InvalidInputError(
            N_("{file!r} exists already; choose a new name"), field="FILE", file=str(file)
        )
    if file.resolve() == source.resolve():
        raise InvalidInputError(N_("the backup cannot overwrite the database itself"), field="FILE")
    partial = file.with_name(f".{file.name}.partial")
    raw = engine.raw_connection()
    try:
        target = sqlite3.connect(partial)
        try:
            raw.driver_connection.backup(target)  # type: ignore[union-attr]
        finally:
            target.close()
        partial.replace(file)
    finally:
        raw.close()
        partial.unlink(missing_ok=True)
    cases = _count_cases(file)
    if as_json:
        click.echo(json.dumps({"file": str(file), "cases": cases}))
        return
    click.echo(
        obj.gettext("Backup written: {file} ({cases} cases)", file=file, cases=cases), err=True
    )


def _count_cases(file: Path) -> int:
    """How many cases the copy holds, read from the copy itself."""
    with sqlite3.connect(f"file:{file}?mode=ro", uri=True) as copy:
        count: int = copy.execute("SELECT count(*) FROM pcc_cases").fetchone()[0]
    copy.close()
    return count


@db.command("compact")
@click.pass_obj
def compact_cmd(obj: CliContext) -> None:
    """Rewrite the database files so that removed data is gone from disk / Comprimeer.

    A purge does this itself; run it again when the purge said it could not (on SQLite,
    another program was reading at that moment).
    """
    from pcc_cases.adapters import tables as t
    from pcc_cases.adapters.compaction import compact
    from pcc_cases.domain.errors import ConflictError

    if not compact(obj.engine(), list(t.metadata.sorted_tables)):
        raise ConflictError(
            N_("the database is being read by another program; try again when it is quiet")
        )
    click.echo(obj.gettext("Database rewritten"), err=True)


@db.command("roles")
@click.option("--owner", default="pcc_owner", show_default=True, help="The owner's role name.")
@click.option("--app", default="pcc_app", show_default=True, help="The server's role name.")
@click.option(
    "--client-host",
    default="%",
    show_default=True,
    help="MariaDB: the hosts the two accounts may connect from.",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_obj
def roles_cmd(obj: CliContext, owner: str, app: str, client_host: str, as_json: bool) -> None:
    """Create the owner and the server's role, with their rights / Maak de databaserollen.

    Connect as a superuser (PostgreSQL) or root (MariaDB), after 'pcc-cases db upgrade'.
    The owner runs migrations and the retention purge; the server's role may read, and
    insert into the history and the access log, but never change them or the schema.
    Passwords of new roles are shown once. Run it again after every upgrade.
    """
    from pcc_cases.adapters.roles import ensure_roles

    engine = obj.engine()
    try:
        made = ensure_roles(engine, owner, app, client_host=client_host)
    finally:
        engine.dispose()
    if as_json:
        roles = [made.owner, made.app]
        click.echo(json.dumps({r.name: {"created": r.created, "url": r.url} for r in roles}))
        return
    for title, role in ((obj.gettext("Owner"), made.owner), (obj.gettext("Server"), made.app)):
        state = obj.gettext("created") if role.created else obj.gettext("existed; password kept")
        click.echo(f"{title}: {role.name} ({state})")
        click.echo(f"  {role.url}")
    click.echo(
        obj.gettext(
            "Keep the owner's URL off the server host; start the server with the server's URL."
        ),
        err=True,
    )
