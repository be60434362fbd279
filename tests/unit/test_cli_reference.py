"""Every command has help text, and the generated reference page is current."""

from __future__ import annotations

from pcc_cases.cli.main import cli
from pcc_cases.cli.reference import reference, walk
from tests.docs_text import DOCS

PAGE = DOCS / "cli.md"


def test_every_command_and_option_has_help() -> None:
    for path, command in walk(cli, ["pcc-cases"]):
        assert command.help, f"{' '.join(path)} has no help text"
        for param in command.params:
            if getattr(param, "hidden", False) or param.param_type_name != "option":
                continue
            assert getattr(param, "help", None), f"{' '.join(path)} {param.opts} has no help"


def test_the_reference_page_is_current() -> None:
    assert PAGE.read_text(encoding="utf-8") == reference(), (
        "docs/cli.md is out of date: run python -m pcc_cases.cli.reference > docs/cli.md"
    )


def test_every_command_is_documented_in_the_reference() -> None:
    text = PAGE.read_text(encoding="utf-8")
    for path, _command in walk(cli, ["pcc-cases"]):
        assert f"## `{' '.join(path)}`" in text
