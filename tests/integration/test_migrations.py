"""Migrations on every backend: pytest-alembic's built-in checks, no trace after downgrade,
autogenerate finds nothing to do (``alembic check``), and the wheel carries them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from pytest_alembic import MigrationContext, create_alembic_fixture
from pytest_alembic import tests as built_in
from pytest_alembic.tests import experimental
from sqlalchemy import Engine, Inspector, event, inspect, text

from pcc_cases.adapters.engine import make_engine
from pcc_cases.adapters.migrate import alembic_config, head, migrations_dir, upgrade
from tests.backends import BACKENDS, fresh_database


@pytest.fixture(scope="module", params=BACKENDS)
def empty_engine(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Engine]:
    with fresh_database(request.param, tmp_path_factory.mktemp("mig")) as url:
        engine = make_engine(url)
        yield engine
        engine.dispose()


@pytest.fixture
def alembic_engine(empty_engine: Engine) -> Engine:
    return empty_engine


alembic_runner = create_alembic_fixture(alembic_config())

BUILT_IN = [
    built_in.test_single_head_revision,
    built_in.test_upgrade,
    built_in.test_model_definitions_match_ddl,
    built_in.test_up_down_consistency,
    experimental.test_downgrade_leaves_no_trace,
]


@pytest.mark.parametrize("check", BUILT_IN, ids=lambda f: f.__name__)
def test_pytest_alembic(
    check: Callable[[MigrationContext], object], alembic_runner: MigrationContext
) -> None:
    check(alembic_runner)


def test_alembic_check_is_clean(empty_engine: Engine) -> None:
    """``alembic check``: after upgrading, autogenerate finds no difference to the models."""
    with empty_engine.begin() as connection:
        config = alembic_config(empty_engine)
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
        command.check(config)
        command.downgrade(config, "base")


def test_revision_files_are_dated() -> None:
    names = [p.name for p in (migrations_dir() / "versions").glob("*.py")]
    assert names
    assert all(n[:8].isdigit() and n[8] == "_" for n in names)
    assert head() is not None


def test_migrations_live_in_the_top_level_folder() -> None:
    assert migrations_dir() == Path(__file__).resolve().parents[2] / "migrations"


def test_an_interrupted_0005_completes_when_run_again(tmp_path: Path) -> None:
    """MariaDB commits each DDL at once: a 0005 cut off halfway (a key dropped, a table not
    yet converted, the revision still 0004) must complete on the next upgrade.
    """
    if "mariadb" not in BACKENDS:
        pytest.skip("MariaDB only: the other backends have nothing for 0005 to do")
    with fresh_database("mariadb", tmp_path) as url:
        upgrade(url)
        engine = make_engine(url)
        with engine.begin() as conn:
            conn.execute(text("ALTER TABLE pcc_case_violations DROP FOREIGN KEY "
                              "fk_pcc_case_violations_offender_id_pcc_people"))  # fmt: skip
            conn.execute(text("ALTER TABLE pcc_case_violations CONVERT TO CHARACTER SET "
                              "utf8mb4 COLLATE utf8mb4_general_ci"))  # fmt: skip
            conn.execute(text("UPDATE pcc_alembic_version SET version_num = '0004'"))
        assert upgrade(url) == head()
        with engine.connect() as conn:
            collations = set(
                conn.scalars(
                    text(
                        "SELECT DISTINCT collation_name FROM information_schema.columns "
                        "WHERE table_schema = DATABASE() AND table_name LIKE 'pcc\\_%' "
                        "AND table_name <> 'pcc_alembic_version' AND collation_name IS NOT NULL"
                    )
                )
            )
            keys = {fk["name"] for fk in inspect(conn).get_foreign_keys("pcc_case_violations")}
        engine.dispose()
    assert collations == {"utf8mb4_nopad_bin"}
    assert "fk_pcc_case_violations_offender_id_pcc_people" in keys


class Killed(BaseException):
    """The process died here: a SIGKILL or a power cut, nothing after it runs."""


# Statements that change the database; reads before them may be cut off too, but leave
# nothing to redo.
CHANGES = ("CREATE", "ALTER", "DROP", "INSERT", "UPDATE", "DELETE")
REVISIONS = tuple(
    script.revision
    for script in reversed(list(ScriptDirectory.from_config(alembic_config()).walk_revisions()))
)


def upgrade_killed_before(url: str, revision: str, change: int) -> bool:
    """Upgrade to ``revision``, killed just before its ``change``-th change; whether it was."""
    engine = make_engine(url)
    seen = 0

    def kill(_conn: object, _cursor: object, statement: str, *_rest: object) -> None:
        nonlocal seen
        if statement.lstrip().upper().startswith(CHANGES):
            seen += 1
            if seen == change:
                raise Killed

    event.listen(engine, "before_cursor_execute", kill)
    try:
        upgrade(engine, revision)
    except Killed:
        return True
    finally:
        engine.dispose()
    return False


def table_snapshot(seen: Inspector, table: str) -> tuple[object, ...]:
    keys = seen.get_foreign_keys(table)
    return (
        [(c["name"], str(c["type"]), c["nullable"]) for c in seen.get_columns(table)],
        seen.get_pk_constraint(table)["constrained_columns"],
        sorted((k["name"] or "", tuple(k["constrained_columns"])) for k in keys),
        sorted((i["name"] or "", tuple(i["column_names"])) for i in seen.get_indexes(table)),
        sorted(c["name"] or "" for c in seen.get_check_constraints(table)),
    )


SCHEMA_QUERIES = {
    "triggers": "SELECT trigger_name FROM information_schema.triggers "
    "WHERE trigger_schema = DATABASE() ORDER BY 1",
    "collations": "SELECT DISTINCT collation_name FROM information_schema.columns "
    "WHERE table_schema = DATABASE() AND collation_name IS NOT NULL ORDER BY 1",
    "revision": "SELECT version_num FROM pcc_alembic_version",
}


def schema_snapshot(url: str) -> dict[str, object]:
    """Everything a migration makes on MariaDB: columns, keys, indexes, checks,
    collations, triggers and the revision.
    """
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            seen = inspect(conn)
            tables = sorted(n for n in seen.get_table_names() if n.startswith("pcc_"))
            snapshot: dict[str, object] = {t: table_snapshot(seen, t) for t in tables}
            for name, query in SCHEMA_QUERIES.items():
                snapshot[name] = list(conn.scalars(text(query)))
    finally:
        engine.dispose()
    return snapshot


def test_a_db_upgrade_killed_at_any_step_completes_when_run_again(tmp_path: Path) -> None:
    """MariaDB commits each DDL statement at once, so a kill leaves part of a migration
    done. Killed before each change of each migration in turn, the next ``db upgrade``
    must complete to exactly the schema of an upgrade that was never interrupted.
    """
    if "mariadb" not in BACKENDS:
        pytest.skip("MariaDB only: SQLite and PostgreSQL roll DDL back with the transaction")
    with fresh_database("mariadb", tmp_path) as url:
        upgrade(url)
        expected = schema_snapshot(url)
    kill_points = 0
    for previous, revision in zip((None, *REVISIONS), REVISIONS, strict=False):
        for change in range(1, 1000):
            with fresh_database("mariadb", tmp_path) as url:
                if previous:
                    upgrade(url, previous)
                if not upgrade_killed_before(url, revision, change):
                    break  # no change left in this migration to be killed before
                kill_points += 1
                assert upgrade(url) == head(), (revision, change)
                assert schema_snapshot(url) == expected, (revision, change)
    assert kill_points >= 60, kill_points  # every change of every migration, one by one
