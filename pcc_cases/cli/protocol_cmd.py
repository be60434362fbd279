"""``pcc-cases protocol show``: the catalogue a case can cite."""

from __future__ import annotations

import json
import sys
from typing import Any

import click
from rich.console import Console
from rich.table import Table

from pcc_cases.cli.context import CliContext
from pcc_cases.domain.labels import label
from pcc_cases.domain.policy_file import default_policy
from pcc_cases.domain.protocol import Clause, Protocol, load_protocol
from pcc_cases.translation import translate


def base_severity(clause: Clause) -> int | None:
    """The clause's base in the policy; awareness and sanction text has none."""
    return default_policy().severity.base_of(clause) if clause.kind.citable else None


def clause_json(clause: Clause) -> dict[str, Any]:
    return {
        "id": clause.id,
        "article": clause.article,
        "kind": clause.kind.value,
        "citable": clause.kind.citable,
        "applies_to": list(clause.applies_to),
        "base_severity": base_severity(clause),
        "text_nl": clause.text_nl,
        "text_en": clause.text_en,
    }


def protocol_json(protocol: Protocol) -> dict[str, Any]:
    return {
        "version": protocol.version,
        "adopted": protocol.adopted,
        "title_nl": protocol.title_nl,
        "title_en": protocol.title_en,
        "articles": [
            {
                "number": a.number,
                "title_nl": a.title_nl,
                "title_en": a.title_en,
                "clauses": [clause_json(c) for c in a.clauses],
            }
            for a in protocol.articles
        ],
    }


@click.group()
def protocol() -> None:
    """The Social Media Protocol / Het Protocol Sociale Media."""


@protocol.command("show")
@click.argument("clause", required=False)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.option("--lang", type=click.Choice(["nl", "en"]), default=None, help="Language / Taal.")
@click.pass_obj
def show(obj: CliContext, clause: str | None, as_json: bool, lang: str | None) -> None:
    """Show the protocol, or one CLAUSE such as 1.2 / Toon het protocol of één bepaling."""
    lang = lang or obj.lang
    proto = load_protocol()
    if clause is not None:
        found = proto.clause(clause)
        if as_json:
            click.echo(json.dumps(clause_json(found), ensure_ascii=False, indent=2))
            return
        article = proto.article(found.article)
        click.echo(
            f"{found.id}  {article.title(lang)}  [{label('clause-kind', found.kind.value, lang)}]"
        )
        click.echo(found.text(lang))
        return
    if as_json:
        click.echo(json.dumps(protocol_json(proto), ensure_ascii=False, indent=2))
        return
    title = proto.title_en if lang == "en" else proto.title_nl
    adopted = translate("{version}, adopted {date}", lang)
    table = Table(title=f"{title} ({adopted.format(version=proto.version, date=proto.adopted)})")
    table.add_column(translate("Clause", lang), no_wrap=True)
    table.add_column(translate("Kind", lang))
    table.add_column(translate("Base severity", lang), justify="right")
    table.add_column(translate("Text", lang))
    for article in proto.articles:
        table.add_section()
        table.add_row(f"[bold]{article.number}[/]", "", "", f"[bold]{article.title(lang)}[/]")
        for c in article.clauses:
            base = base_severity(c)
            table.add_row(
                c.id,
                label("clause-kind", c.kind.value, lang),
                "" if base is None else str(base),
                c.text(lang),
            )
    interactive = sys.stdout.isatty()
    Console(width=None if interactive else 120).print(table)
