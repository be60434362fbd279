"""Schema upgrades with Alembic, from the migrations shipped with the package.

An installed wheel carries its migrations as ``pcc_cases/_migrations``; a source checkout
uses the top-level ``migrations/`` folder. Either way ``upgrade(url)`` brings a database
to the schema this version of the library expects. Alembic keeps the revision in a table
of pcc_cases' own (``pcc_alembic_version``), so a host application's own Alembic history
in the same database is never read or changed.

Reading the revision (``current``) and knowing the newest (``SCHEMA_REVISION``) need no
Alembic at all: every command checks both, and importing Alembic would slow each one down.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import (
    Column,
    Connection,
    Engine,
    MetaData,
    String,
    Table,
    func,
    inspect,
    select,
)
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError

from pcc_cases.adapters.db_errors import translated
from pcc_cases.adapters.engine import BEGIN_OPTION, make_engine, schema_of
from pcc_cases.adapters.tables import TABLE_PREFIX, VERSION_TABLE
from pcc_cases.domain.errors import DatabaseUnavailableError, InvalidInputError
from pcc_cases.translation import N_

if TYPE_CHECKING:
    from alembic.config import Config

_PACKAGE_DIR = Path(__file__).resolve().parent.parent

# The newest revision this version ships (a test checks it against the migrations).
SCHEMA_REVISION = "0009"

# Before the tables had their prefix, development builds kept these revisions in a bare
# ``alembic_version`` table; such a database is recognised and refused with advice.
_UNPREFIXED_REVISIONS = frozenset({"0001", "0002", "0003"})


def migrations_dir() -> Path:
    """Where the Alembic environment is: inside the wheel, or in the source tree."""
    for candidate in (_PACKAGE_DIR / "_migrations", _PACKAGE_DIR.parent / "migrations"):
        if (candidate / "env.py").is_file():
            return candidate
    raise FileNotFoundError("the pcc_cases migrations are missing from this installation")


def alembic_config(engine: Engine | None = None) -> Config:
    """An Alembic config that runs on ``engine`` (through ``config.attributes``)."""
    from alembic.config import Config  # noqa: PLC0415 - only when migrating

    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    config.set_main_option("file_template", "%%(year)d%%(month).2d%%(day).2d_%%(rev)s_%%(slug)s")
    if engine is not None:
        config.attributes["engine"] = engine
    return config


def upgrade(target: str | Engine | Connection | None = None, revision: str = "head") -> str | None:
    """Upgrade a database to ``revision``; returns the revision it is at afterwards.

    ``target`` is a URL (None: the default database), an engine, or a connection of the
    host application: on a connection the upgrade runs inside the caller's transaction,
    which is neither committed nor closed. Only ``pcc_*`` tables (and, with a schema, only
    that schema) are created or changed.

    Raises:
        InvalidInputError: the database holds tables of a development build of pcc_cases
            from before the ``pcc_`` prefix.
        DatabaseUnavailableError: the server went away during the upgrade.
        DatabaseReadOnlyError: the database takes no changes.
        StorageFullError: the disk of the database is full.
        sqlalchemy.exc.OperationalError: the database cannot be reached.
    """
    if isinstance(target, Connection):
        _upgrade_on(target, revision)
        return _read_revision(target)
    engine = target if isinstance(target, Engine) else make_engine(target)
    # On SQLite, take the write lock before reading the revision: several processes that
    # open a new file at once then upgrade one after the other, and the later ones find
    # the schema there, instead of failing on a snapshot that went stale ("locked").
    bind = engine.execution_options(**{BEGIN_OPTION: "IMMEDIATE"})
    try:
        with bind.begin() as connection:
            _upgrade_on(connection, revision)
        return current(engine)
    except DBAPIError as exc:
        meaning = translated(exc, while_saving=True)
        if meaning is None:
            raise
        raise meaning from None
    finally:
        if not isinstance(target, Engine):
            engine.dispose()


def _upgrade_on(connection: Connection, revision: str) -> None:
    from alembic import command  # noqa: PLC0415 - only when migrating

    _refuse_unprefixed_layout(connection)
    config = alembic_config()
    config.attributes["connection"] = connection
    command.upgrade(config, revision)


@contextmanager
def in_own_schema(connection: Connection) -> Iterator[None]:
    """For the migrations: unqualified names mean pcc_cases' schema, if it has one.

    Alembic's ALTER statements do not follow ``schema_translate_map``; the search path
    does. It is set for this transaction only and put back afterwards, so the caller's own
    statements on the same connection find their own tables again.
    """
    schema = schema_of(connection)
    if schema is None:
        yield
        return
    connection.exec_driver_sql(f'CREATE SCHEMA IF NOT EXISTS "{schema}"')
    previous = connection.exec_driver_sql("SELECT current_setting('search_path')").scalar()
    connection.execute(select(func.set_config("search_path", f'"{schema}"', True)))
    try:
        yield
    finally:
        connection.execute(select(func.set_config("search_path", previous, True)))


def _refuse_unprefixed_layout(connection: Connection) -> None:
    names = set(inspect(connection).get_table_names(schema=schema_of(connection)))
    if VERSION_TABLE in names or "alembic_version" not in names or "case_events" not in names:
        return
    bare = _version_table("alembic_version", None)
    revisions = set(connection.execute(select(bare.c.version_num)).scalars())
    if revisions & _UNPREFIXED_REVISIONS:
        raise InvalidInputError(
            N_(
                "this database holds the tables of a development build of pcc_cases from before "
                "the {TABLE_PREFIX!r} prefix (revision {value}); export its cases with that build "
                "('pcc-cases export cases'), then import them into a new database"
            ),
            field="database",
            TABLE_PREFIX=TABLE_PREFIX,
            value=min(revisions),
        )


def current(engine: Engine | Connection) -> str | None:
    """The revision the database is at (None for a database without pcc_cases tables).

    Raises:
        DatabaseUnavailableError: the database cannot be reached (its URL is named,
            without a password).
    """
    if isinstance(engine, Connection):
        return _read_revision(engine)
    try:
        with engine.connect() as connection:
            return _read_revision(connection)
    except (OperationalError, InterfaceError) as exc:
        reason = str(exc.orig).splitlines()[0] if exc.orig else type(exc).__name__
        raise DatabaseUnavailableError(
            N_("cannot reach the database at {value}: {reason}"),
            field="database",
            value=engine.url.render_as_string(),
            reason=reason,
        ) from None


def _read_revision(connection: Connection) -> str | None:
    schema = schema_of(connection)
    if not inspect(connection).has_table(VERSION_TABLE, schema=schema):
        return None
    version = _version_table(VERSION_TABLE, schema)
    return connection.execute(select(version.c.version_num)).scalar()


def _version_table(name: str, schema: str | None) -> Table:
    return Table(name, MetaData(), Column("version_num", String(32)), schema=schema)


def head() -> str | None:
    """The newest revision this library ships, read from the migrations by Alembic."""
    from alembic.script import ScriptDirectory  # noqa: PLC0415 - only when asked

    return ScriptDirectory.from_config(alembic_config()).get_current_head()
