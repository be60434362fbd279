"""Optional parts: what is missing is named with the extra that brings it, by the library
(``MissingExtraError``) and by the command line (exit code 7), never as a traceback.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from pcc_cases.domain.errors import MissingExtraError
from pcc_cases.domain.extras import EXTRA_OF_MODULE, missing_extra_message, require


def blocked(modules: list[str], code: str) -> subprocess.CompletedProcess[str]:
    """Run ``code`` in a fresh interpreter where ``modules`` cannot be imported."""
    prelude = "import sys\n" + "".join(f"sys.modules[{m!r}] = None\n" for m in modules)
    return subprocess.run(
        [sys.executable, "-c", prelude + code], capture_output=True, text=True, timeout=60
    )


@pytest.mark.parametrize(("module", "extra"), sorted(EXTRA_OF_MODULE.items()))
def test_each_module_names_its_extra(module: str, extra: str) -> None:
    message = missing_extra_message(f"{module}.sub")
    assert message is not None and f"pip install 'pcc-cases[{extra}]'" in message
    assert missing_extra_message("sqlalchemy") is None


def test_require_raises_missing_extra_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    with pytest.raises(MissingExtraError) as caught:
        require("openpyxl")
    assert caught.value.extra == "reports" and caught.value.exit_code == 7


def test_the_command_without_the_cli_extra_says_to_install_it() -> None:
    out = blocked(["click"], "from pcc_cases.cli import main\nmain(['--help'])")
    assert out.returncode == 7, out.stderr
    assert "pip install 'pcc-cases[cli]'" in out.stderr and "Traceback" not in out.stderr


def test_a_command_whose_extra_is_missing_names_it(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'demo.sqlite3'}"
    out = blocked(["faker"], f"from pcc_cases.cli import main\nmain(['demo', '--db', {url!r}])")
    assert out.returncode == 7, out.stderr
    assert "pip install 'pcc-cases[demo]'" in out.stderr and "Traceback" not in out.stderr


def test_a_database_driver_that_is_missing_names_its_extra() -> None:
    code = (
        "from pcc_cases import make_engine\n"
        "from pcc_cases.domain.errors import MissingExtraError\n"
        "try:\n    make_engine('postgresql://u@h/d')\n"
        "except MissingExtraError as exc:\n    print('EXTRA', exc.extra)\n"
    )
    out = blocked(["psycopg"], code)
    assert "EXTRA postgresql" in out.stdout, out.stderr
