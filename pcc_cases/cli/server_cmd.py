"""``pcc-cases serve``, ``account`` and ``token``: the HTTP server and who may use it.

``serve`` is the operator's command on the server host; ``account`` and ``token`` run as
the ``--as`` actor, who needs ``manage-accounts`` (cvb), like the same calls of the API.
"""

from __future__ import annotations

import stat
from pathlib import Path
from typing import TYPE_CHECKING

import click

from pcc_cases.cli.context import CliContext
from pcc_cases.cli.render import emit_json, table
from pcc_cases.domain.errors import InvalidInputError
from pcc_cases.domain.time import parse_date
from pcc_cases.translation import N_

if TYPE_CHECKING:
    from pcc_cases.server.config import ServerSettings, SsoSettings


def check_private_file(path: Path) -> None:
    """Refuse a SQLite file (or its directory's journal) that others may read or write.

    Raises:
        InvalidInputError: the file's mode gives its group or others any access; the
            message gives the ``chmod`` that fixes it.
    """
    for candidate in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        if candidate.exists() and stat.S_IMODE(candidate.stat().st_mode) & 0o077:
            raise InvalidInputError(
                N_(
                    "the database file {path} may be read or changed by others (mode {mode}); "
                    "the server holds it alone: run 'chmod 600 {path}' first"
                ),
                field="database",
                path=str(candidate),
                mode=oct(stat.S_IMODE(candidate.stat().st_mode)),
            )


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address / Adres.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.pass_obj
def serve(obj: CliContext, host: str, port: int) -> None:
    """Run the HTTP server on the database / Start de server op de database."""
    import uvicorn

    from pcc_cases.server.app import create_app

    engine = obj.engine()
    if engine.dialect.name == "sqlite" and engine.url.database not in (None, "", ":memory:"):
        check_private_file(Path(engine.url.database or ""))
    app = create_app(engine, _server(obj))
    serving = N_(
        "Serving the pages on http://{host}:{port}/ and the API on http://{host}:{port}/api/v1"
    )
    click.echo(obj.gettext(serving, host=host, port=port))
    uvicorn.run(
        app,
        host=host,
        port=port,
        access_log=False,  # its lines hold the query string; the server logs routes only
        proxy_headers=True,
        server_header=False,
        log_level="info",
    )


@click.group("account")
def account() -> None:
    """Local accounts of the server / Lokale accounts van de server."""


@account.command("create")
@click.argument("person_id")
@click.pass_obj
def account_create(obj: CliContext, person_id: str) -> None:
    """An account for a staff member / Een account voor een medewerker."""
    from pcc_cases.server import accounts

    with obj.unit_of_work() as uow:
        password = accounts.create_account(uow, _server(obj), obj.actor, person_id)
    _hand_over(obj, person_id, password)


@account.command("reset")
@click.argument("person_id")
@click.pass_obj
def account_reset(obj: CliContext, person_id: str) -> None:
    """A new one-time password / Een nieuw eenmalig wachtwoord."""
    from pcc_cases.server import accounts

    with obj.unit_of_work() as uow:
        password = accounts.reset_account(uow, _server(obj), obj.actor, person_id)
    _hand_over(obj, person_id, password)


@account.command("disable")
@click.argument("person_id")
@click.pass_obj
def account_disable(obj: CliContext, person_id: str) -> None:
    """Disable an account at once / Een account direct uitschakelen."""
    from pcc_cases.server import accounts

    with obj.unit_of_work() as uow:
        accounts.disable_account(uow, _server(obj), obj.actor, person_id)
    click.echo(obj.gettext("Account {person_id} is disabled.", person_id=person_id))


@account.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON / Toon JSON.")
@click.pass_obj
def account_list(obj: CliContext, as_json: bool) -> None:
    """Every account / Alle accounts."""
    from pcc_cases.server import accounts

    with obj.unit_of_work() as uow:
        rows = accounts.list_accounts(uow, _server(obj), obj.actor)
    if as_json:
        emit_json(
            [
                {
                    "person_id": r.person_id,
                    "enrolled": r.totp_enrolled and not r.must_change_password,
                    "disabled": r.disabled,
                    "locked_until": r.locked_until.isoformat() if r.locked_until else None,
                }
                for r in rows
            ]
        )
        return
    yes, no = obj.gettext("yes"), obj.gettext("no")
    table(
        obj.gettext("Accounts"),
        obj.gettext("person enrolled disabled").split(),
        [[r.person_id, yes if r.totp_enrolled else no, yes if r.disabled else no] for r in rows],
    )


@click.group("token")
def token() -> None:
    """API tokens for systems / API-tokens voor systemen."""


@token.command("create")
@click.option("--for", "person_id", required=True, help="Service account / Serviceaccount.")
@click.option("--name", required=True, help="What it is for / Waarvoor.")
@click.option("--expires", required=True, help="Last day + 1, e.g. 2026-08-01 / Vervaldatum.")
@click.pass_obj
def token_create(obj: CliContext, person_id: str, name: str, expires: str) -> None:
    """A new API token, shown once / Een nieuw API-token, eenmalig getoond."""
    from pcc_cases.server import accounts

    with obj.unit_of_work() as uow:
        secret, row = accounts.create_token(
            uow, _server(obj), obj.actor, person_id, name, parse_date(expires, "expires")
        )
    click.echo(secret)
    click.echo(
        obj.gettext(
            "Token {id} for {person_id}; it is shown this once and cannot be recovered.",
            id=row.id,
            person_id=row.person_id,
        ),
        err=True,
    )


@token.command("list")
@click.pass_obj
def token_list(obj: CliContext) -> None:
    """Every API token / Alle API-tokens."""
    from pcc_cases.server import accounts

    with obj.unit_of_work() as uow:
        rows = accounts.list_tokens(uow, _server(obj), obj.actor)
    table(
        obj.gettext("API tokens"),
        obj.gettext("id person name expires revoked").split(),
        [
            [
                r.id,
                r.person_id,
                r.name,
                r.expires_at.date().isoformat(),
                r.revoked_at.date().isoformat() if r.revoked_at else "",
            ]
            for r in rows
        ],
    )


@token.command("revoke")
@click.argument("token_id")
@click.pass_obj
def token_revoke(obj: CliContext, token_id: str) -> None:
    """Revoke a token at once / Een token direct intrekken."""
    from pcc_cases.server import accounts

    with obj.unit_of_work() as uow:
        accounts.revoke_token(uow, _server(obj), obj.actor, token_id)
    click.echo(obj.gettext("Token {id} is revoked.", id=token_id))


def _server(obj: CliContext) -> ServerSettings:
    from pcc_cases.server.config import ServerSettings

    return ServerSettings(services=obj.settings, letterhead=obj.letterhead, sso=_sso(obj))


def _sso(obj: CliContext) -> SsoSettings | None:
    """The ``[sso]`` table of the configuration file, the secret perhaps from the environment.

    Raises:
        InvalidInputError: a table without one of the keys the provider needs.
    """
    import os

    from pcc_cases.cli.config import SSO_SECRET_ENV
    from pcc_cases.server.config import SsoSettings

    table = dict(obj.config.sso) if obj.config else {}
    if not table:
        return None
    if os.environ.get(SSO_SECRET_ENV):
        table["client_secret"] = os.environ[SSO_SECRET_ENV]
    for key in ("issuer", "client_id", "client_secret", "redirect_uri"):
        if not table.get(key):
            raise InvalidInputError(
                N_("[sso] needs {key} (the school's provider gives it)"),
                field=f"sso.{key}",
                key=key,
            )
    return SsoSettings(
        issuer=table["issuer"],
        client_id=table["client_id"],
        client_secret=table["client_secret"],
        redirect_uri=table["redirect_uri"],
        staff_id_claim=table.get("staff_id_claim") or "employee_id",
        scope=table.get("scope") or "openid profile",
    )


def _hand_over(obj: CliContext, person_id: str, password: str) -> None:
    click.echo(password)
    click.echo(
        obj.gettext(
            "One-time password for {person_id}: hand it over in person; at the first login "
            "they choose their own password and set up the code app.",
            person_id=person_id,
        ),
        err=True,
    )
