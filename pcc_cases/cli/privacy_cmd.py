"""``pcc-cases privacy ...``: subject-access export, retention purge, the access log."""

from __future__ import annotations

import json
from pathlib import Path

import click

from pcc_cases.cli import completion
from pcc_cases.cli.context import CliContext
from pcc_cases.cli.render import emit_json, table
from pcc_cases.domain.time import parse_date


@click.group()
def privacy() -> None:
    """Privacy (FG and CvB) / Privacy."""


@privacy.command("export-person")
@click.argument("person_id", metavar="ID")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "html"]),
    default="json",
    show_default=True,
    help="Output format.",
)
@click.option(
    "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to this file."
)
@click.pass_obj
def export_person_cmd(obj: CliContext, person_id: str, fmt: str, output: Path | None) -> None:
    """Everything held about one person (subject access, AVG art. 15) / Inzageverzoek."""
    from pcc_cases.privacy.render import person_html
    from pcc_cases.privacy.subject_access import export_person

    with obj.unit_of_work() as uow:
        data = export_person(uow, obj.actor, person_id, settings=obj.settings)
    text = (
        person_html(data, obj.lang)
        if fmt == "html"
        else json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    )
    if output is None:
        click.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
        click.echo(obj.say(f"Geschreven: {output}", f"Written: {output}"), err=True)


@privacy.command("purge")
@click.option("--dry-run", is_flag=True, help="Only list who would be anonymised.")
@click.option(
    "--as-of", metavar="YYYY-MM-DD", help="Apply the policy as on this day (default today)."
)
@click.option(
    "--policy",
    "policy_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A retention policy TOML file (default: the bundled one).",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON / Toon JSON.")
@click.pass_obj
def purge_cmd(
    obj: CliContext, dry_run: bool, as_of: str | None, policy_file: Path | None, as_json: bool
) -> None:
    """Anonymise people whose retention period has passed / Pas de bewaartermijnen toe."""
    from pcc_cases.privacy.purge import load_retention, purge

    policy = load_retention(policy_file.read_text(encoding="utf-8")) if policy_file else None
    day = parse_date(as_of, "--as-of") if as_of else None
    from pcc_cases.cli.progress import progress_bar

    label = obj.say("Anonimiseren", "Anonymising")
    with obj.unit_of_work() as uow, progress_bar(label) as progress:
        result = purge(
            uow,
            obj.actor,
            as_of=day,
            dry_run=dry_run,
            policy=policy,
            progress=progress,
            settings=obj.settings,
        )
    rows = [
        [c.person_id if dry_run else result.pseudonyms[c.person_id], c.kind, c.reason, len(c.cases)]
        for c in result.purged
    ]
    if as_json:
        keys = ["id", "kind", "reason", "cases"]
        people = [dict(zip(keys, row, strict=True)) for row in rows]
        emit_json({"as_of": result.as_of.isoformat(), "dry_run": dry_run, "people": people})
    else:
        headers = obj.say("id soort reden zaken", "id kind reason cases").split()
        table(
            obj.say(
                "Te anonimiseren" if dry_run else "Geanonimiseerd",
                "Would anonymise" if dry_run else "Anonymised",
            ),
            headers,
            rows,
        )
    done_nl = " (proef, niets gewijzigd)" if dry_run else " geanonimiseerd"
    done_en = " (dry run, nothing changed)" if dry_run else " anonymised"
    click.echo(obj.say(f"{len(rows)} personen{done_nl}", f"{len(rows)} people{done_en}"), err=True)


@privacy.command("access-log")
@click.option(
    "--person", "person_id", metavar="ID", help="Entries about this person and their cases."
)
@click.option(
    "--case",
    "case_number",
    metavar="NUMBER",
    shell_complete=completion.case_numbers,
    help="Entries about this case.",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON / Toon JSON.")
@click.pass_obj
def access_log_cmd(
    obj: CliContext, person_id: str | None, case_number: str | None, as_json: bool
) -> None:
    """Who read what, and who was refused / Wie heeft wat ingezien."""
    from pcc_cases.privacy.subject_access import entry_json, read_access_log

    with obj.unit_of_work() as uow:
        entries = read_access_log(
            uow, obj.actor, person_id=person_id, case_number=case_number, settings=obj.settings
        )
    data = [entry_json(e) for e in entries]
    if as_json:
        emit_json(data)
        return
    headers = obj.say(
        "wanneer wie actie toegestaan zaak persoon toelichting",
        "at actor action allowed case person detail",
    ).split()
    columns = ["at", "actor_id", "action", "allowed", "case_number", "person_id", "detail"]
    table(obj.say("Toegangslog", "Access log"), headers, [[d[k] for k in columns] for d in data])
