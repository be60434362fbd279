"""Schema upgrades with Alembic, from the migrations shipped with the package.

An installed wheel carries its migrations as ``pcc_cases/_migrations``; a source checkout
uses the top-level ``migrations/`` folder. Either way ``upgrade(url)`` brings a database
to the schema this version of the library expects.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from pcc_cases.adapters.engine import make_engine

_PACKAGE_DIR = Path(__file__).resolve().parent.parent


def migrations_dir() -> Path:
    """Where the Alembic environment is: inside the wheel, or in the source tree."""
    for candidate in (_PACKAGE_DIR / "_migrations", _PACKAGE_DIR.parent / "migrations"):
        if (candidate / "env.py").is_file():
            return candidate
    raise FileNotFoundError("the pcc_cases migrations are missing from this installation")


def alembic_config(engine: Engine | None = None) -> Config:
    """An Alembic config that runs on ``engine`` (through ``config.attributes``)."""
    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    config.set_main_option("file_template", "%%(year)d%%(month).2d%%(day).2d_%%(rev)s_%%(slug)s")
    if engine is not None:
        config.attributes["engine"] = engine
    return config


def upgrade(url: str | None = None, revision: str = "head") -> str | None:
    """Upgrade the database at ``url`` (default database if None); returns the new revision.

    Raises:
        sqlalchemy.exc.OperationalError: the database cannot be reached.
    """
    engine = make_engine(url)
    try:
        with engine.begin() as connection:
            config = alembic_config(engine)
            config.attributes["connection"] = connection
            command.upgrade(config, revision)
        return current(engine)
    finally:
        engine.dispose()


def current(engine: Engine) -> str | None:
    """The revision the database is at (None for an empty database)."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def head() -> str | None:
    """The newest revision this library ships."""
    return ScriptDirectory.from_config(alembic_config()).get_current_head()
