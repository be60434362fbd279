"""Stored text cannot be turned against its reader: markup in it is shown as typed, and a
control character (C0, C1, a bidirectional override) comes out as a visible escape, in the
terminal's tables, tab-separated and JSON output, HTML and error messages.

Input refuses such text; here it is put into the database behind the library's back (as
an older version, another program or a restore could), which is what output must survive.
"""

from __future__ import annotations

import io
import json
import sqlite3
import types
from pathlib import Path

import pytest
from rich.console import Console

from pcc_cases.cli import case_cmd, render
from tests.clirun import RECORD, run

HOSTILE = "[bold red]Rood[/] \x1b[2J\x1b]0;titel\x07 \x9b31m \u202eevil"
RAW = ("\x1b[2J", "\x1b]0;", "\x07", "\x9b", "\u202e")


@pytest.fixture
def hostile(director_env: dict[str, str]) -> tuple[dict[str, str], str]:
    number = run(*RECORD, env=director_env).stdout.strip()
    path = director_env["PCC_CASES_DATABASE_URL"].removeprefix("sqlite:///")
    with sqlite3.connect(path) as db:
        db.execute("UPDATE pcc_cases SET summary = ? WHERE number = ?", (HOSTILE, number))
        db.execute("UPDATE pcc_people SET first_name = ? WHERE id = 's-alk1'", (HOSTILE,))
        db.execute(
            "INSERT INTO pcc_access_log (at, actor_id, action, allowed, detail) "
            "VALUES ('2026-11-20 10:00:00.000000', 'fg1', 'view', 1, ?)",
            (HOSTILE,),
        )
    return director_env, number


def terminal(monkeypatch: pytest.MonkeyPatch) -> io.StringIO:
    """Make the CLI believe it writes to a colour terminal, and capture what it writes."""
    screen = io.StringIO()
    console = Console(file=screen, force_terminal=True, color_system="truecolor", width=200)
    monkeypatch.setattr(render, "stdout", lambda: console)
    monkeypatch.setattr(case_cmd, "stdout", lambda: console)
    fake_stdout = types.SimpleNamespace(isatty=lambda: True)
    monkeypatch.setattr(render, "sys", types.SimpleNamespace(stdout=fake_stdout))
    return screen


def assert_harmless(text: str) -> None:
    assert [raw for raw in RAW if raw in text] == []
    assert "\\x1b[2J" in text and "\\u202e" in text  # shown, not obeyed


def test_terminal_tables_show_stored_text_as_typed(
    hostile: tuple[dict[str, str], str], monkeypatch: pytest.MonkeyPatch
) -> None:
    env, number = hostile
    screen = terminal(monkeypatch)
    assert run("case", "show", number, env=env).returncode == 0
    assert run("people", "list", env=env).returncode == 0
    fg = {**env, "PCC_CASES_ACTOR": "fg1"}
    assert run("privacy", "access-log", env=fg).returncode == 0
    shown = screen.getvalue()
    assert shown.count("[bold red]Rood[/]") == 3  # the markup was not interpreted
    assert_harmless(shown)


def test_piped_json_html_and_errors_are_harmless(
    hostile: tuple[dict[str, str], str], tmp_path: Path
) -> None:
    env, number = hostile
    piped = run("case", "list", env=env).stdout
    assert_harmless(piped)
    as_json = run("case", "show", number, "--json", env=env).stdout
    assert [raw for raw in RAW if raw in as_json] == []
    assert json.loads(as_json)["summary"] == HOSTILE  # the data itself is unchanged
    fg = {**env, "PCC_CASES_ACTOR": "fg1"}
    page = tmp_path / "inzage.html"
    made = run("privacy", "export-person", "s-alk1", "--format", "html", "--output", str(page),
               "--show-others", "test", env=fg)  # fmt: skip
    assert made.returncode == 0, made.stderr
    html = page.read_text(encoding="utf-8")
    assert_harmless(html)
    assert "[bold red]Rood[/]" in html
    error = run("case", "show", "\x1b[2J\u202e2025-9999", env=env)
    assert error.returncode == 3 and [raw for raw in RAW if raw in error.stderr] == []
