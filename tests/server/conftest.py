"""A fresh SQLite database with the test organisation for each test, and a server on it."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from pcc_cases.adapters.engine import make_engine
from tests.server.helpers import Server


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
