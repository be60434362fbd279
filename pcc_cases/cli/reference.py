"""The CLI reference page, generated from the commands themselves.

``python -m pcc_cases.cli.reference > docs/cli.md``; a test checks the page is current.
"""

from __future__ import annotations

import inspect

import click

from pcc_cases.cli.main import cli
from pcc_cases.domain.errors import all_error_classes

COMMAND_LINE_EXITS = [
    (0, "-", "success"),
    (2, "-", "usage error: an unknown option, a missing argument (click)"),
]


OUTPUT = [
    "## Output",
    "",
    "- Results go to stdout, messages and progress to stderr, so `>` or `|` captures",
    "  only the result.",
    "- In a terminal, lists are tables; a table longer than the screen opens in a pager",
    "  (`$PAGER`, else `less`). Piped or written to a file, a list is plain tab-separated",
    "  lines with one header line, for `cut`, `sort` or a spreadsheet.",
    "- `--json` prints the result as JSON on every command that prints one.",
    "- Lists (`case list`, `people list`, `obligations`) show names beside ids, take",
    "  `--search TEXT` (part of a name, id or case number; capitals and accents do not",
    "  matter) and `--limit N`.",
    "- Long work shows a progress bar on stderr while a person watches a terminal:",
    "  `export cases`, `import cases`, `privacy purge` and `report severity`. Piped or",
    "  logged, there is no bar; the summary line at the end is the record.",
    "",
]

COMPLETION = [
    "## Shell completion",
    "",
    "The shell completes commands and options, and, from the database, the values you may",
    "use: case numbers (`case show`, `case close`, `privacy access-log --case`, ...), duty ids",
    "(`obligation done`), locations (`--location`) and escalation steps (`--step`). It",
    "offers only what the actor (`--as`, `PCC_CASES_ACTOR` or the configuration file) may",
    "see, and offers nothing without a database; it never creates one. Add one line to",
    "the start-up file of your shell:",
    "",
    "| shell | add to | line |",
    "| --- | --- | --- |",
    '| bash | `~/.bashrc` | `eval "$(_PCC_CASES_COMPLETE=bash_source pcc-cases)"` |',
    '| zsh | `~/.zshrc` | `eval "$(_PCC_CASES_COMPLETE=zsh_source pcc-cases)"` |',
    (
        "| fish | `~/.config/fish/completions/pcc-cases.fish` | "
        "`_PCC_CASES_COMPLETE=fish_source pcc-cases \\| source` |"
    ),
    "",
    "Bash needs version 4.4 or newer. Then `pcc-cases case show 2026-<Tab>` lists the",
    "cases of this school year that you may see.",
]


def exit_code_table() -> list[str]:
    """Exit codes and error codes, generated from the error classes themselves."""
    rows = [*COMMAND_LINE_EXITS]
    rows += [
        (
            cls.exit_code,
            f"`{cls.code}` (`{cls.__name__}`)",
            (inspect.getdoc(cls) or "").split("\n")[0],
        )
        for cls in all_error_classes()
    ]
    rows.append((1, "-", "any other failure: one line naming its kind, never a traceback"))
    lines = ["| exit code | error code (class) | meaning |", "| --- | --- | --- |"]
    lines += [
        f"| {code} | {name} | {meaning} |"
        for code, name, meaning in sorted(rows, key=lambda r: r[0])
    ]
    return lines


def walk(command: click.Command, path: list[str]) -> list[tuple[list[str], click.Command]]:
    """Every command under ``command`` with its full path, groups first."""
    found = [(path, command)]
    if isinstance(command, click.Group):
        for name in sorted(command.commands):
            found += walk(command.commands[name], [*path, name])
    return found


def reference() -> str:
    lines = [
        "# Command-line reference",
        "",
        "Generated from the commands (`python -m pcc_cases.cli.reference > docs/cli.md`).",
        "Every command also answers `--help`.",
        "",
        "## Exit codes",
        "",
        "Every error of the library has a stable code and an exit code; an integrator reads",
        "`code` and `field` from the exception (`pcc_cases.PccCasesError`).",
        "",
        *exit_code_table(),
        "",
        *OUTPUT,
        *COMPLETION,
        "",
    ]
    for path, command in walk(cli, ["pcc-cases"]):
        with click.Context(command, info_name=" ".join(path)) as ctx:
            usage = command.get_usage(ctx).removeprefix("Usage: ")
        lines += [
            f"## `{' '.join(path)}`",
            "",
            inspect.cleandoc(command.help or ""),
            "",
            "```text",
            usage,
            "```",
            "",
        ]
        options = [p for p in command.params if isinstance(p, click.Option) and not p.hidden]
        if options:
            lines += ["| option | meaning |", "| --- | --- |"]
            for option in options:
                names = ", ".join(f"`{n}`" for n in option.opts + option.secondary_opts)
                meaning = (option.help or "").replace("|", "\\|")
                if isinstance(option.type, click.Choice):
                    meaning += " One of: " + ", ".join(str(c) for c in option.type.choices) + "."
                lines.append(f"| {names} | {meaning} |")
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


if __name__ == "__main__":
    click.echo(reference(), nl=False)
