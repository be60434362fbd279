"""What every command receives from the global options."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from pcc_cases.translation import N_

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from pcc_cases.adapters.unit_of_work import UnitOfWork
    from pcc_cases.cli.config import Config
    from pcc_cases.services.settings import Settings


@dataclass
class CliContext:
    """Global options: language, database URL (None: the default database), the actor.

    The database layer is imported when a command first asks for it, not before: commands
    such as ``--help`` or ``protocol show`` never pay for SQLAlchemy.
    """

    lang: str = "nl"
    db_url: str | None = None
    actor: str | None = None
    schema: str | None = None
    policy_file: str | None = None
    config: Config | None = None
    _engine: Engine | None = field(default=None, init=False)
    _settings: Settings | None = field(default=None, init=False)

    def gettext(self, message: str, **params: object) -> str:
        """``message`` (an English message id of the catalogue) in the chosen language,
        its ``{name}`` places filled from ``params``.
        """
        from pcc_cases.translation import translate

        text = translate(message, self.lang)
        return text.format(**params) if params else text

    @property
    def letterhead(self) -> dict[str, str]:
        """The ``[letterhead]`` table of the configuration file (empty without one)."""
        return dict(self.config.letterhead) if self.config else {}

    @property
    def organisation(self) -> str:
        """The organisation's name for reports and exports: ``[letterhead] organisation``."""
        return self.letterhead.get("organisation", "")

    @property
    def settings(self) -> Settings:
        """The services' settings: the school's policy file (with its holidays) if one is set."""
        if self._settings is None:
            from pcc_cases.services.settings import DEFAULT_SETTINGS, Settings

            if self.policy_file is None:
                self._settings = DEFAULT_SETTINGS
            else:
                from pcc_cases.domain.policy_file import load_policy_text

                path = Path(self.policy_file)
                if not path.is_file():
                    from pcc_cases.domain.errors import InvalidInputError

                    raise InvalidInputError(
                        N_("there is no policy file {policy_file!r}"),
                        field="policy_file",
                        policy_file=self.policy_file,
                    )
                self._settings = Settings(policy=load_policy_text(path.read_text("utf-8")))
        return self._settings

    def engine(self) -> Engine:
        """The engine, once per command.

        The default SQLite database is set up on first use; any other SQLite file must
        exist (a typo in a path must not start an empty database): ``db upgrade`` makes it.
        """
        from pcc_cases.adapters.engine import make_engine
        from pcc_cases.adapters.migrate import SCHEMA_REVISION, current, upgrade
        from pcc_cases.domain.errors import DatabaseUnavailableError, InvalidInputError

        if self._engine is None:
            engine = make_engine(
                self.db_url, schema=self.schema, must_exist=self.db_url is not None
            )
            try:
                revision = current(engine)
            except DatabaseUnavailableError:
                engine.dispose()
                raise
            if revision is None and engine.dialect.name == "sqlite":
                upgrade(engine)
            elif revision != SCHEMA_REVISION:
                engine.dispose()
                raise InvalidInputError(
                    N_(
                        "the database is at schema revision {value}, this version needs "
                        "{SCHEMA_REVISION}: run 'pcc-cases db upgrade' first"
                    ),
                    value=revision or "none",
                    SCHEMA_REVISION=SCHEMA_REVISION,
                )
            self._engine = engine
        return self._engine

    def close(self) -> None:
        """Let go of the database when the command ends, leaving a SQLite file complete.

        The write-ahead log is folded into the database file (a checkpoint), so that a
        plain copy of the file holds every case.
        """
        if self._engine is not None:
            engine, self._engine = self._engine, None
            if engine.dialect.name == "sqlite":
                from sqlalchemy.exc import OperationalError

                try:
                    with engine.connect() as connection:
                        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
                except OperationalError:
                    pass  # another process is writing: its own end folds the log in
            engine.dispose()

    @contextmanager
    def unit_of_work(self, write: bool = True) -> Iterator[UnitOfWork]:
        from pcc_cases.adapters.unit_of_work import UnitOfWork

        with UnitOfWork(self.engine(), write=write) as uow:
            yield uow
