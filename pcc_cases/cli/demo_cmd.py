"""``pcc-cases demo``: a fresh demo database with a realistic school year, and its summary."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import click
from sqlalchemy import inspect
from sqlalchemy.engine import make_url

from pcc_cases.adapters.engine import make_engine
from pcc_cases.adapters.migrate import upgrade
from pcc_cases.adapters.unit_of_work import UnitOfWork
from pcc_cases.cli.context import CliContext
from pcc_cases.cli.numbers import WholeNumber
from pcc_cases.cli.progress import progress_bar
from pcc_cases.cli.render import stdout, table
from pcc_cases.domain.errors import InvalidInputError
from pcc_cases.domain.people import PersonKind
from pcc_cases.domain.period import parse_school_year
from pcc_cases.domain.policy_file import default_policy
from pcc_cases.formatting import moment
from pcc_cases.translation import N_

DEFAULT_DEMO_FILE = "pcc-cases-demo.sqlite3"


@click.command("demo")
@click.option(
    "--seed", type=WholeNumber(0, 2**62), default=2025, show_default=True, help="Random seed."
)
@click.option("--db", "db_url", metavar="URL", help=f"Database (default: ./{DEFAULT_DEMO_FILE}).")
@click.option("--cases", type=WholeNumber(1, 100_000), default=250, show_default=True, hidden=True)
@click.pass_obj
def demo(obj: CliContext, seed: int, db_url: str | None, cases: int) -> None:
    """Build a demo database with one school year of cases / Bouw een demodatabase.

    1,500 students and 120 staff at three locations, 250 incidents over the school year
    2025-2026, each recorded and handled through the same services as real work.
    """
    from pcc_cases.demo.organisation import NAME
    from pcc_cases.demo.scenario import run_scenario  # Faker loads only for the demo
    from pcc_cases.reports.render_html import render_html  # Jinja2 too
    from pcc_cases.reports.render_text import render_text
    from pcc_cases.reports.severity import severity_report

    url = db_url or obj.db_url or f"sqlite:///{Path.cwd() / DEFAULT_DEMO_FILE}"
    _start_fresh(url, default=db_url is None and obj.db_url is None)
    started = time.perf_counter()
    upgrade(url)
    engine = make_engine(url)
    try:
        label = obj.gettext("Recording cases")
        with progress_bar(label) as progress:
            recorded = iter(range(1, cases + 1))
            result = run_scenario(
                lambda: UnitOfWork(engine, write=True),
                seed,
                cases,
                lambda: progress(next(recorded), cases),
            )
        with UnitOfWork(engine, write=True) as uow:
            report = severity_report(
                uow,
                result.board_member,
                period=parse_school_year("2025-2026"),
                settings=result.settings,
            )
        logins = _demo_accounts(engine, result.accounts, seed)
    finally:
        engine.dispose()
    seconds = time.perf_counter() - started
    say = obj.gettext
    click.echo(say("Demo database: {url}", url=url), err=True)
    rows: list[list[Any]] = [
        [say("people"), result.people],
        [say("cases"), result.cases],
        *[[say("  state {state}", state=k), v] for k, v in sorted(result.states.items())],
        *[[say("  severity {level}", level=k), v] for k, v in sorted(result.severities.items())],
        *[
            [say("  step {step}", step=_step_label(k, obj.lang)), v]
            for k, v in sorted(result.steps.items())
        ],
        [say("expulsion in progress"), result.expulsion_case or "-"],
        [say("open obligations"), result.open_obligations],
        [say("  of which overdue"), result.overdue_obligations],
        [
            say("as of"),
            moment(result.ended_at, obj.lang),
        ],
        [say("took (s)"), f"{seconds:.1f}"],
    ]
    table(say("School year 2025-2026 in the demo"), ["", ""], rows)
    render_text(report, obj.lang, stdout())
    html_path = _report_path(url)
    html_path.write_text(render_html(report, obj.lang, NAME), encoding="utf-8")
    click.echo(say("HTML report: {path}", path=html_path), err=True)
    click.echo(say("Try: pcc-cases --db {url} --as P0006 case list", url=url), err=True)
    _private(url)
    _tell_logins(obj, url, logins)


DEMO_ROLES = {
    "mentor": N_("mentor"),
    "director": N_("location director"),
    "board": N_("executive board"),
    "privacy": N_("data protection officer"),
}
TOTP_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"


def _demo_accounts(engine: Any, people: dict[str, str], seed: int) -> list[list[str]]:
    """Ready accounts for the demo's people: (what, login, password, TOTP key) each.

    The passwords and keys follow from the seed, so the same demo has the same logins.
    """
    import random

    from pcc_cases.server.accounts import add_demo_account
    from pcc_cases.server.config import ServerSettings

    rng = random.Random(f"accounts-{seed}")  # noqa: S311 - the demo's logins are public
    server = ServerSettings()
    logins = []
    for what, person_id in people.items():
        password = f"demo-{what}-{seed}"
        secret = "".join(rng.choice(TOTP_ALPHABET) for _ in range(32))
        with UnitOfWork(engine, write=True) as uow:
            add_demo_account(uow, server, person_id, password, secret)
        logins.append([what, person_id, password, secret])
    return logins


def _private(url: str) -> None:
    """The demo's SQLite file readable by its owner only, as ``serve`` requires."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        Path(parsed.database or "").chmod(0o600)


LOGIN_TEXTS = {
    "title": N_("Demo logins (demo only: these passwords and keys are public)"),
    "columns": N_("who|login|password|authenticator key"),
    "browse": N_(
        "See it in the browser: make serve-demo (or: pcc-cases --db {url} serve), "
        "then open http://127.0.0.1:8000/"
    ),
    "code": N_(
        "The six-digit code: add the key to an authenticator app, or run: pcc-cases totp KEY"
    ),
}


def _tell_logins(obj: CliContext, url: str, logins: list[list[str]]) -> None:
    say = obj.gettext
    table(
        say(LOGIN_TEXTS["title"]),
        say(LOGIN_TEXTS["columns"]).split("|"),
        [[say(DEMO_ROLES[what]), *rest] for what, *rest in logins],
    )
    click.echo(say(LOGIN_TEXTS["browse"], url=url), err=True)
    click.echo(say(LOGIN_TEXTS["code"]), err=True)


@click.command("totp")
@click.argument("key")
def totp_code(key: str) -> None:
    """The current code of an authenticator key (demo) / De huidige code bij een sleutel."""
    from pcc_cases.server.totp import code_now

    click.echo(code_now(key))


def _report_path(url: str) -> Path:
    """Next to a SQLite database; in the current folder otherwise."""
    database = make_url(url).database
    if make_url(url).get_backend_name() == "sqlite" and database and database != ":memory:":
        return Path(database).with_name(Path(database).stem + "-report.html")
    return Path.cwd() / "pcc-cases-demo-report.html"


def _step_label(step: str, lang: str) -> str:
    from pcc_cases.domain.labels import label

    policy = default_policy()
    for kind in (PersonKind.STUDENT, PersonKind.STAFF):
        ladder = policy.ladder(kind)
        if any(s.name == step for s in ladder.steps):
            return f"{ladder.step(step).label(lang)} ({label('person-kind', kind.value, lang)})"
    return step


def _start_fresh(url: str, default: bool) -> None:
    """The default demo file is replaced; any other database must be empty."""
    parsed = make_url(url)
    if default and parsed.database:
        for suffix in ("", "-wal", "-shm"):
            Path(parsed.database + suffix).unlink(missing_ok=True)
        return
    engine = make_engine(url)
    try:
        if inspect(engine).get_table_names():
            raise InvalidInputError(
                N_("the demo needs an empty database, and {url} has tables; give a new one"),
                url=url,
            )
    finally:
        engine.dispose()
