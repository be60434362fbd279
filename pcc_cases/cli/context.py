"""What every command receives from the global options."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from pcc_cases.adapters.unit_of_work import UnitOfWork


@dataclass
class CliContext:
    """Global options: language, database URL (None: the default database), the actor.

    The database layer is imported when a command first asks for it, not before: commands
    such as ``--help`` or ``protocol show`` never pay for SQLAlchemy.
    """

    lang: str = "nl"
    db_url: str | None = None
    actor: str | None = None
    _engine: Engine | None = field(default=None, init=False)

    def say(self, nl: str, en: str) -> str:
        return en if self.lang == "en" else nl

    def engine(self) -> Engine:
        """The engine, once per command; an empty SQLite database is set up on first use."""
        from pcc_cases.adapters.engine import make_engine
        from pcc_cases.adapters.migrate import SCHEMA_REVISION, current, upgrade
        from pcc_cases.domain.errors import InvalidInputError

        if self._engine is None:
            engine = make_engine(self.db_url)
            revision, latest = current(engine), SCHEMA_REVISION
            if revision is None and engine.dialect.name == "sqlite":
                engine.dispose()
                upgrade(self.db_url)
            elif revision != latest:
                engine.dispose()
                raise InvalidInputError(
                    f"the database is at schema revision {revision or 'none'}, this version "
                    f"needs {latest}: run 'pcc-cases db upgrade' first"
                )
            self._engine = engine
        return self._engine

    def close(self) -> None:
        """Let go of the database connections when the command ends."""
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None

    @contextmanager
    def unit_of_work(self, write: bool = True) -> Iterator[UnitOfWork]:
        from pcc_cases.adapters.unit_of_work import UnitOfWork

        with UnitOfWork(self.engine(), write=write) as uow:
            yield uow
