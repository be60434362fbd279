"""Every service test runs twice: on the in-memory fake and on a real SQLite database."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from pcc_cases.adapters.engine import make_engine
from pcc_cases.adapters.migrate import upgrade
from pcc_cases.adapters.unit_of_work import UnitOfWork
from tests.fakes import FakeUnitOfWork
from tests.org import bootstrap

UowFactory = Callable[[], Any]


@pytest.fixture(params=["fake", "sqlite"])
def new_uow(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[UowFactory]:
    """A factory of units of work on one fresh store holding the test organisation."""
    if request.param == "fake":
        fake = FakeUnitOfWork()
        bootstrap(fake)
        yield lambda: fake
        return
    url = f"sqlite:///{tmp_path / 'services.sqlite3'}"
    upgrade(url)
    engine = make_engine(url)

    def factory() -> UnitOfWork:
        return UnitOfWork(engine, write=True)

    with factory() as uow:
        bootstrap(uow)
    yield factory
    engine.dispose()
