"""Compile the message catalogues (``.po``) into ``.mo`` files when the package is built
or installed (also editable), so that no compiled file is kept in the repository.

Hatchling loads this file by path (pyproject: ``[tool.hatch.build.hooks.custom]``); the
library never imports it.
"""

# ruff: noqa: INP001 - a file hatchling loads by path, not a module of the package
from __future__ import annotations

from pathlib import Path
from typing import Any

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from hatchling.builders.hooks.plugin.interface import BuildHookInterface


def compile_catalogues(locale_dir: Path) -> list[Path]:
    """Write a ``.mo`` beside every ``.po`` under ``locale_dir``; the files written."""
    written = []
    for po in sorted(locale_dir.glob("*/LC_MESSAGES/*.po")):
        with po.open("rb") as source:
            catalog = read_po(source, locale=po.parent.parent.name)
        mo = po.with_suffix(".mo")
        with mo.open("wb") as target:
            write_mo(target, catalog, use_fuzzy=False)
        written.append(mo)
    return written


class CompileCatalogues(BuildHookInterface):  # type: ignore[type-arg]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:  # noqa: ARG002
        root = Path(self.root)
        for mo in compile_catalogues(root / "pcc_cases" / "locale"):
            build_data["artifacts"].append(mo.relative_to(root).as_posix())
