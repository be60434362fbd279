"""``pcc-cases db roles`` on PostgreSQL and MariaDB: the server's role can handle cases but
cannot change history, open the purge's way past the triggers, or alter the schema; the
owner can. Each refusal is tried as the attack it stops.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError

from pcc_cases import services as sv
from pcc_cases.adapters.engine import make_engine
from pcc_cases.adapters.migrate import SCHEMA_REVISION, current, upgrade
from pcc_cases.adapters.roles import is_privilege_error
from pcc_cases.adapters.unit_of_work import UnitOfWork
from pcc_cases.domain.errors import PermissionDeniedError
from pcc_cases.privacy.purge import confirm_purge, prepare_purge
from tests.backends import SERVER_BACKENDS, fresh_database
from tests.clirun import run
from tests.org import bootstrap, record_photo_case, settings_at


@attrs.frozen
class Setup:
    backend: str
    admin_url: str
    owner: str
    app: str
    urls: dict[str, str]


def _drop_roles(backend: str, names: list[str]) -> None:
    engine = make_engine(
        "postgresql://postgres@127.0.0.1:5432/postgres"
        if backend == "postgresql"
        else "mariadb://root@127.0.0.1:3306/mysql"
    )
    with engine.connect() as conn:
        for name in names:
            if backend == "postgresql":
                conn.execute(text(f'DROP ROLE IF EXISTS "{name}"'))
            else:
                conn.execute(text(f"DROP USER IF EXISTS '{name}'@'%'"))
        conn.commit()
    engine.dispose()


@pytest.fixture(scope="module", params=SERVER_BACKENDS)
def roles(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Setup]:
    backend = request.param
    tag = secrets.token_hex(3)
    owner, app = f"pcc_t_owner_{tag}", f"pcc_t_app_{tag}"
    try:
        with fresh_database(backend, tmp_path_factory.mktemp("roles")) as url:
            admin = make_engine(url)
            upgrade(admin)
            with UnitOfWork(admin, write=True) as uow:
                bootstrap(uow)
            admin.dispose()
            made = run("--db", url, "db", "roles", "--owner", owner, "--app", app, "--json")
            assert made.returncode == 0, made.stderr
            urls = {name: role["url"] for name, role in json.loads(made.stdout).items()}
            yield Setup(backend, url, owner, app, urls)
    finally:
        _drop_roles(backend, [app, owner])


@pytest.fixture
def app_engine(roles: Setup) -> Iterator[Engine]:
    engine = make_engine(roles.urls[roles.app])
    yield engine
    engine.dispose()


@pytest.fixture
def owner_engine(roles: Setup) -> Iterator[Engine]:
    engine = make_engine(roles.urls[roles.owner])
    yield engine
    engine.dispose()


def test_the_servers_role_handles_cases(app_engine: Engine) -> None:
    with UnitOfWork(app_engine, write=True) as uow:
        number = record_photo_case(uow)
    with UnitOfWork(app_engine, write=True) as uow:
        sv.start_investigation(uow, "vd-alk", number, settings=settings_at())
    with UnitOfWork(app_engine) as uow:
        case = sv.show_case(uow, "vd-alk", number, settings=settings_at())
    assert case.state.value == "investigating"
    assert current(app_engine) == SCHEMA_REVISION


ATTACKS = {
    "rewrite history": "UPDATE pcc_case_events SET reason = 'nothing happened'",
    "erase history": "DELETE FROM pcc_case_events",
    "erase the access log": "DELETE FROM pcc_access_log",
    "open the purge permit": "INSERT INTO pcc_purge_permits (id, started_at) "
    "VALUES (1, CURRENT_TIMESTAMP)",
    "create a table": "CREATE TABLE pcc_mine (id INTEGER)",
    "drop the history": "DROP TABLE pcc_case_events",
    "truncate the log": "TRUNCATE TABLE pcc_access_log",
}
PG_ATTACKS = {"switch the triggers off": "ALTER TABLE pcc_case_events DISABLE TRIGGER ALL"}
MARIADB_ATTACKS = {"drop a trigger": "DROP TRIGGER pcc_case_events_no_update"}


@pytest.mark.parametrize("attack", [*ATTACKS, "backend's own"])
def test_the_servers_role_cannot_change_history_or_the_schema(
    roles: Setup, app_engine: Engine, attack: str
) -> None:
    own = PG_ATTACKS if roles.backend == "postgresql" else MARIADB_ATTACKS
    statements = own if attack == "backend's own" else {attack: ATTACKS[attack]}
    for name, statement in statements.items():
        with app_engine.begin() as conn, pytest.raises(DBAPIError) as refused:
            conn.execute(text(statement))
        assert is_privilege_error(refused.value), (name, refused.value)


def test_only_the_owner_confirms_a_purge(app_engine: Engine, owner_engine: Engine) -> None:
    settings = settings_at()
    with UnitOfWork(app_engine, write=True) as uow:
        plan = prepare_purge(uow, "fg1", settings=settings)
    with UnitOfWork(app_engine, write=True) as uow, pytest.raises(PermissionDeniedError) as no:
        confirm_purge(uow, "cvb1", plan.id, settings=settings)
    assert "owner" in str(no.value) and f"purge confirm {plan.id}" in str(no.value)
    with UnitOfWork(owner_engine, write=True) as uow:
        done = confirm_purge(uow, "cvb1", plan.id, settings=settings)
    assert done.plan_id == plan.id


def test_the_owner_migrates_and_running_roles_again_keeps_the_passwords(
    roles: Setup, owner_engine: Engine
) -> None:
    assert upgrade(owner_engine) == SCHEMA_REVISION
    again = run("--db", roles.admin_url, "db", "roles", "--owner", roles.owner, "--app", roles.app)
    assert again.returncode == 0, again.stderr
    assert again.stdout.count("password kept") + again.stdout.count("wachtwoord behouden") == 2


def test_sqlite_is_refused_with_the_reason(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'one.db'}"
    upgrade_result = run("--db", url, "db", "upgrade")
    assert upgrade_result.returncode == 0
    refused = run("--lang", "en", "--db", url, "db", "roles")
    assert refused.returncode != 0
    assert "chmod 600" in refused.stderr
