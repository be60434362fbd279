"""A fresh SQLite database with the test organisation for each test, and a server on it."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from pcc_cases.adapters.engine import make_engine
from pcc_cases.adapters.migrate import upgrade
from pcc_cases.adapters.unit_of_work import UnitOfWork
from tests.org import bootstrap
from tests.server.helpers import Server


@pytest.fixture(scope="session")
def template_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The test organisation in a migrated SQLite file, made once and copied per test."""
    path = tmp_path_factory.mktemp("server") / "template.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    with UnitOfWork(engine, write=True) as uow:
        bootstrap(uow)
    engine.dispose()
    return path


@pytest.fixture
def server_engine(template_database: Path, tmp_path: Path) -> Iterator[Engine]:
    path = tmp_path / "server.db"
    shutil.copyfile(template_database, path)
    engine = make_engine(f"sqlite:///{path}")
    yield engine
    engine.dispose()


@pytest.fixture
def server(server_engine: Engine) -> Iterator[Server]:
    with Server.start(server_engine) as running:
        yield running
