"""``pcc-cases incident record``: a director records a new incident."""

from __future__ import annotations

import sys
from typing import Any

import click

from pcc_cases import services
from pcc_cases.cli import completion
from pcc_cases.cli.coded import ClauseList, Coded, LocalTime
from pcc_cases.cli.context import CliContext
from pcc_cases.cli.factor_options import factor_options, factors_from
from pcc_cases.cli.render import emit_json
from pcc_cases.domain.case_parts import Evidence
from pcc_cases.domain.labels import labels
from pcc_cases.domain.protocol import load_protocol
from pcc_cases.domain.snapshot import case_document as case_json
from pcc_cases.domain.time import parse_local


@click.group()
def incident() -> None:
    """Incidents / Incidenten."""


@incident.command("record")
@click.option("--occurred", metavar='"DD-MM-YYYY HH:MM"', help="When it happened (Amsterdam time).")
@click.option("--platform", type=Coded("platform"), help="Where it was posted / Platform.")
@click.option(
    "--location",
    metavar="L",
    shell_complete=completion.locations,
    help="The school location / De vestiging.",
)
@click.option("--summary", metavar="TEXT", help="What happened / Wat er gebeurde.")
@click.option("--offender", "offenders", multiple=True, metavar="ID", help="Offender (repeat).")
@click.option("--target", "targets", multiple=True, metavar="ID", help="Person targeted.")
@click.option("--witness", "witnesses", multiple=True, metavar="ID", help="Witness.")
@click.option("--reporter", metavar="ID", help="Who reported it / Melder.")
@click.option("--clause", "clauses", multiple=True, metavar="C", help="Clause broken (repeat).")
@click.option("--link", "links", multiple=True, metavar="URL", help="Link to the post (repeat).")
@click.option(
    "--file-hash",
    "file_hashes",
    multiple=True,
    metavar="SHA256",
    help="SHA-256 of a screenshot kept elsewhere (repeat).",
)
@factor_options
@click.option("--json", "as_json", is_flag=True, help="Print the case as JSON.")
@click.pass_obj
def record_cmd(obj: CliContext, /, **options: Any) -> None:
    """Record a new incident; prints the new case number / Registreer een incident.

    Times are Europe/Amsterdam. Every clause is cited against every offender. With any of
    --reach, --intent, --harm, --confidential, --criminal or --removed, the offenders are
    assessed straight away. In a terminal, missing options are asked for one by one.
    """
    _ask_missing(obj, options)
    occurred = parse_local(options["occurred"])
    factors = factors_from(options)
    captured = obj.settings.clock()
    evidence = [Evidence.create("link", link, captured) for link in options["links"]]
    evidence += [Evidence.create("file-hash", h, captured) for h in options["file_hashes"]]
    with obj.unit_of_work() as uow:
        case = services.record_incident(
            uow,
            obj.actor,
            occurred_at=occurred,
            platform=options["platform"],
            location=options["location"],
            summary=options["summary"],
            offenders=options["offenders"],
            clauses=options["clauses"],
            targets=options["targets"],
            witnesses=options["witnesses"],
            reporter=options["reporter"],
            factors=factors,
            evidence=evidence,
            settings=obj.settings,
        )
    if options["as_json"]:
        emit_json(case_json(case))
    else:
        click.echo(case.number)
    click.echo(obj.gettext("Case {number} recorded", number=case.number), err=True)


_REQUIRED = ("occurred", "platform", "location", "summary", "offenders", "clauses")


def _ask_missing(obj: CliContext, options: dict[str, Any]) -> None:
    """In a terminal, ask for what is missing; elsewhere, name it (usage error, exit 2)."""
    missing = [name for name in _REQUIRED if options[name] is None or options[name] == ()]
    if not missing:
        return
    if not (sys.stdin.isatty() and sys.stderr.isatty()):
        names = ", ".join("--" + name.rstrip("s") for name in missing)
        raise click.UsageError(obj.gettext("missing options: {names}", names=names))
    citable = [c.id for c in load_protocol().clauses if c.kind.citable]
    questions: dict[str, tuple[str, Any]] = {
        "occurred": (obj.gettext("When did it happen (DD-MM-YYYY HH:MM)"), LocalTime()),
        "platform": (
            obj.gettext("Platform ({allowed})", allowed=", ".join(labels("platform", obj.lang))),
            Coded("platform"),
        ),
        "location": (obj.gettext("Location"), str),
        "summary": (obj.gettext("What happened"), str),
        "offenders": (obj.gettext("Offender id(s), comma-separated"), str),
        "clauses": (
            obj.gettext(
                "Clause(s) broken, comma-separated ({allowed})", allowed=", ".join(citable)
            ),
            ClauseList(citable),
        ),
    }
    for name in missing:
        question, kind = questions[name]
        answer = click.prompt(question, type=kind, err=True)
        if name == "offenders":
            answer = tuple(part.strip() for part in answer.split(",") if part.strip())
        options[name] = answer
