"""Two database roles on PostgreSQL and MariaDB: an owner for migrations and the purge,
and an application role for the server that cannot change history.

The application role may read every table and write the tables whose rows change as a
case is handled, but on the history (``pcc_case_events``) and the access log it may only
read and insert, it has no right at all on ``pcc_purge_permits`` (the one way past the
append-only triggers), and it may not create, alter or drop anything. So whoever holds
the server's credentials cannot rewrite history: only the owner can, by running the
retention purge.
"""

from __future__ import annotations

import re
import secrets

import attrs
from sqlalchemy import Connection, Engine, inspect, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError

from pcc_cases.adapters import tables as t
from pcc_cases.adapters.engine import schema_of
from pcc_cases.domain.errors import InvalidInputError
from pcc_cases.translation import N_

APPEND_ONLY = frozenset({t.case_events.name, t.access_log.name})
OWNER_ONLY = frozenset({t.purge_permits.name})
READ_ONLY = frozenset({t.VERSION_TABLE})
PG_FUNCTIONS = ("pcc_refuse_history_change()",)
ROLE_NAME = re.compile(r"[a-z_][a-z0-9_]{0,31}")
APP_WRITES = "SELECT, INSERT, UPDATE, DELETE"
APP_APPENDS = "SELECT, INSERT"
APP_READS = "SELECT"


@attrs.frozen
class Role:
    """A role as ``ensure_roles`` left it; ``password`` only when it was just created."""

    name: str
    created: bool
    password: str | None
    url: str


@attrs.frozen
class Roles:
    owner: Role
    app: Role


def app_privileges(table: str) -> str | None:
    """What the application role may do on ``table`` (None: nothing at all)."""
    if table in OWNER_ONLY:
        return None
    if table in APPEND_ONLY:
        return APP_APPENDS
    if table in READ_ONLY:
        return APP_READS
    return APP_WRITES


def ensure_roles(admin: Engine, owner: str, app: str, *, client_host: str = "%") -> Roles:
    """Create the owner and application roles if missing and set their rights on the
    pcc_cases tables of ``admin``'s database (connected as a superuser or an admin).

    Run it again after each schema upgrade: it is idempotent, and new tables get their
    rights. A role that exists keeps its password.

    Raises:
        InvalidInputError: SQLite, a role name that is not a plain lower-case name, the
            same name twice, or a database without the pcc_cases schema.
    """
    dialect = admin.dialect.name
    if dialect not in ("postgresql", "mysql"):
        raise InvalidInputError(
            N_("database roles are for PostgreSQL and MariaDB; SQLite is one file: chmod 600"),
            field="database",
        )
    for field, name in (("owner", owner), ("app", app)):
        if not ROLE_NAME.fullmatch(name):
            raise InvalidInputError(
                N_("{name!r} is not a role name: lower-case letters, digits and _ (at most 32)"),
                field=field,
                name=name,
            )
    if not re.fullmatch(r"[A-Za-z0-9.%_:-]{1,255}", client_host):
        raise InvalidInputError(
            N_("{host!r} is not a host pattern such as % or 10.0.0.%"),
            field="client_host",
            host=client_host,
        )
    if owner == app:
        raise InvalidInputError(N_("the owner and the application role must differ"), field="app")
    with admin.connect() as conn:
        names = _pcc_tables(conn)
        if t.VERSION_TABLE not in names:
            raise InvalidInputError(
                N_("the database has no pcc_cases schema yet: run 'pcc-cases db upgrade' first"),
                field="database",
            )
        if dialect == "postgresql":
            made = _postgresql(conn, owner, app, names)
        else:
            made = _mariadb(conn, owner, app, names, client_host)
        conn.commit()
    url = admin.url
    return Roles(
        owner=Role(owner, made[owner] is not None, made[owner], _url(url, owner, made[owner])),
        app=Role(app, made[app] is not None, made[app], _url(url, app, made[app])),
    )


def is_privilege_error(error: DBAPIError) -> bool:
    """Whether the database refused a statement for lack of a right (not for its data)."""
    code = getattr(error.orig, "sqlstate", None)  # psycopg
    if code == "42501":
        return True
    args: tuple[object, ...] = tuple(getattr(error.orig, "args", ()))
    return bool(args) and args[0] in (1142, 1143, 1044, 1227)  # MariaDB: command denied


def _url(url: URL, user: str, password: str | None) -> str:
    return url.set(username=user, password=password or "PASSWORD").render_as_string(
        hide_password=False
    )


def _pcc_tables(conn: Connection) -> list[str]:
    schema = schema_of(conn)
    return sorted(
        n for n in inspect(conn).get_table_names(schema=schema) if n.startswith(t.TABLE_PREFIX)
    )


def _new_password() -> str:
    return secrets.token_urlsafe(24)  # letters, digits, - and _: safe inside a literal


def _postgresql(conn: Connection, owner: str, app: str, tables: list[str]) -> dict[str, str | None]:
    made: dict[str, str | None] = {}
    for name in (owner, app):
        exists = conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": name})
        made[name] = None if exists.first() else _new_password()
        if made[name] is not None:
            conn.execute(text(f"CREATE ROLE \"{name}\" LOGIN PASSWORD '{made[name]}'"))
    schema = schema_of(conn) or "public"
    database = conn.execute(text("SELECT current_database()")).scalar_one()
    conn.execute(text(f'ALTER DATABASE "{database}" OWNER TO "{owner}"'))
    conn.execute(text(f'ALTER SCHEMA "{schema}" OWNER TO "{owner}"'))
    conn.execute(text(f'REVOKE CREATE ON SCHEMA "{schema}" FROM PUBLIC'))
    conn.execute(text(f'GRANT USAGE ON SCHEMA "{schema}" TO "{app}"'))
    conn.execute(text(f'GRANT CONNECT ON DATABASE "{database}" TO "{app}"'))
    for table in tables:
        qualified = f'"{schema}"."{table}"'
        conn.execute(text(f'ALTER TABLE {qualified} OWNER TO "{owner}"'))
        conn.execute(text(f'REVOKE ALL ON {qualified} FROM "{app}"'))
        rights = app_privileges(table)
        if rights is not None:
            conn.execute(text(f'GRANT {rights} ON {qualified} TO "{app}"'))
    for function in PG_FUNCTIONS:
        conn.execute(text(f'ALTER FUNCTION "{schema}".{function} OWNER TO "{owner}"'))
    conn.execute(text(f'GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA "{schema}" TO "{app}"'))
    return made


def _mariadb(
    conn: Connection, owner: str, app: str, tables: list[str], host: str
) -> dict[str, str | None]:
    made: dict[str, str | None] = {}
    database = conn.execute(text("SELECT DATABASE()")).scalar_one()
    for name in (owner, app):
        exists = conn.execute(
            text("SELECT 1 FROM mysql.user WHERE User = :n AND Host = :h"), {"n": name, "h": host}
        )
        made[name] = None if exists.first() else _new_password()
        if made[name] is not None:
            conn.execute(text(f"CREATE USER '{name}'@'{host}' IDENTIFIED BY '{made[name]}'"))
    conn.execute(text(f"GRANT ALL PRIVILEGES ON `{database}`.* TO '{owner}'@'{host}'"))
    conn.execute(text(f"REVOKE ALL PRIVILEGES, GRANT OPTION FROM '{app}'@'{host}'"))
    for table in tables:
        rights = app_privileges(table)
        if rights is not None:
            conn.execute(text(f"GRANT {rights} ON `{database}`.`{table}` TO '{app}'@'{host}'"))
    return made
