"""The package layers of DESIGN section 5, as import-linter contracts in pyproject.toml.

Each package imports only downward (domain at the bottom, cli at the top), no modules of a
package import each other in a circle, and domain, access and services use no storage,
interface or rendering library.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from importlinter.cli import lint_imports

PYPROJECT = Path(__file__).parents[2] / "pyproject.toml"


def test_every_import_contract_is_kept(capsys: pytest.CaptureFixture[str]) -> None:
    exit_code = lint_imports(config_filename=str(PYPROJECT), no_cache=True)
    report = capsys.readouterr().out
    assert exit_code == 0, report
    assert "0 broken" in report


def test_the_layers_cover_every_package() -> None:
    """A new package must be placed in a layer, or nothing checks its imports."""
    config = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["tool"]["importlinter"]
    layers = next(c for c in config["contracts"] if c["type"] == "layers")["layers"]
    layered = {name.strip() for layer in layers for name in layer.split("|")}
    root = PYPROJECT.parent / "pcc_cases"
    modules = {
        f"pcc_cases.{path.stem if path.is_file() else path.name}"
        for path in root.iterdir()
        if (path.is_dir() and (path / "__init__.py").exists())
        or (path.suffix == ".py" and path.stem not in {"__init__", "__main__"})
    }
    assert modules == layered
