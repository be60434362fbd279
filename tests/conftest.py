"""Shared fixtures: fresh, upgraded databases per backend and an engine on each."""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from sqlalchemy import Engine

from pcc_cases.adapters.engine import make_engine
from pcc_cases.adapters.migrate import upgrade
from pcc_cases.adapters.unit_of_work import UnitOfWork
from tests.backends import BACKENDS, SERVER_BACKENDS, fresh_database
from tests.org import bootstrap

settings.register_profile("default", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("default")


@pytest.fixture(scope="module", params=BACKENDS)
def database_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """A new database of each backend, upgraded to head, dropped after the module."""
    with fresh_database(request.param, tmp_path_factory.mktemp("db")) as url:
        upgrade(url)
        yield url


@pytest.fixture(scope="module")
def engine(database_url: str) -> Iterator[Engine]:
    eng = make_engine(database_url)
    yield eng
    eng.dispose()


_PROCESS_WORDS = ("subprocess", "run_installed", "Popen", "EXE")


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


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark what needs a database server (``backend``) or starts processes (``slow``), so that
    ``pytest -m "not slow and not backend"`` is a quick loop.
    """
    for item in items:
        callspec = getattr(item, "callspec", None)
        params = " ".join(str(v) for v in callspec.params.values()) if callspec else ""
        if any(server in params for server in SERVER_BACKENDS):
            item.add_marker(pytest.mark.backend)
        function = getattr(item, "function", None)
        if function is not None:
            try:
                source = inspect.getsource(function)
            except (OSError, TypeError):
                continue
            if any(word in source for word in _PROCESS_WORDS):
                item.add_marker(pytest.mark.slow)
