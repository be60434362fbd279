"""The lazily loaded command line: its command list is the commands' own, and ``--help``
imports no database, rendering or domain library.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from pcc_cases.cli.lazy import COMMANDS, LazyGroup
from pcc_cases.cli.main import cli


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_the_listed_help_is_the_commands_own(name: str) -> None:
    import click

    command = LazyGroup.get_command(cli, click.Context(cli), name)
    assert command is not None and command.name == name
    assert command.get_short_help_str(limit=200) == COMMANDS[name][2]


def test_help_imports_neither_sqlalchemy_nor_rich_nor_the_domain() -> None:
    code = (
        "import sys\n"
        "from pcc_cases.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('sqlalchemy', 'rich', 'pendulum', 'alembic', 'attrs', "
        "'pcc_cases.domain.case', 'pcc_cases.services') if m in sys.modules]\n"
        "print('HEAVY', heavy)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "HEAVY []" in out.stdout, out.stdout
    assert "case" in out.stdout and "obligations" in out.stdout
