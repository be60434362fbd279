"""``pcc-cases privacy ...``: subject-access export, retention purge, the access log."""

from __future__ import annotations

import json
from pathlib import Path

import click

from pcc_cases.cli import completion
from pcc_cases.cli.context import CliContext
from pcc_cases.cli.output_file import output_options, written
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
@output_options
@click.option(
    "--show-others",
    "reason",
    metavar="REASON",
    help="Show the other people by name, for this reason (logged); never a reporter to "
    "the offender.",
)
@click.pass_obj
def export_person_cmd(
    obj: CliContext,
    person_id: str,
    fmt: str,
    output: Path | None,
    force: bool,
    reason: str | None,
) -> None:
    """Everything held about one person (subject access, AVG art. 15) / Inzageverzoek.

    Other people in it appear as "leerling 1", "medewerker 2", "betrokkene 3".
    """
    from pcc_cases.privacy.render import person_html
    from pcc_cases.privacy.subject_access import export_person

    with obj.unit_of_work() as uow:
        data = export_person(
            uow, obj.actor, person_id, show_others_because=reason, settings=obj.settings
        )
    text = (
        person_html(data, obj.lang, obj.organisation)
        if fmt == "html"
        else json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    )
    if output is None:
        click.echo(text, nl=False)
    else:
        with written(output, force=force) as handle:
            handle.write(text)
        click.echo(obj.gettext("Written: {output}", output=output), err=True)


@privacy.group("purge")
def purge_group() -> None:
    """The retention purge, by two people / Bewaartermijnen toepassen (twee personen)."""


@purge_group.command("plan")
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
def purge_plan_cmd(
    obj: CliContext, as_of: str | None, policy_file: Path | None, as_json: bool
) -> None:
    """Prepare a purge for a second person to confirm / Bereid een opschoning voor."""
    from pcc_cases.privacy.purge import prepare_purge
    from pcc_cases.privacy.retention import load_retention

    policy = load_retention(policy_file.read_text(encoding="utf-8")) if policy_file else None
    day = parse_date(as_of, "--as-of") if as_of else None
    with obj.unit_of_work() as uow:
        plan = prepare_purge(uow, obj.actor, as_of=day, policy=policy, settings=obj.settings)
    rows = [[c.person_id, c.kind, c.reason, len(c.cases)] for c in plan.purged]
    about = {"plan": plan.id, "as_of": plan.as_of.isoformat(), "digest": plan.digest}
    _show_people(obj, rows, as_json, obj.gettext("Would anonymise"),
                 {**about, "access_log_entries": plan.log_entries})  # fmt: skip
    click.echo(
        obj.gettext(
            "Plan {plan_id}: {count} people, {log_entries} old access-log entries. A second person "
            "(fg or cvb) carries it out with: pcc-cases privacy purge confirm {plan_id}",
            plan_id=plan.id,
            count=len(rows),
            log_entries=plan.log_entries,
        ),
        err=True,
    )


@purge_group.command("confirm")
@click.argument("plan_id", metavar="PLAN", type=click.IntRange(min=1))
@click.option("--json", "as_json", is_flag=True, help="Print JSON / Toon JSON.")
@click.pass_obj
def purge_confirm_cmd(obj: CliContext, plan_id: int, as_json: bool) -> None:
    """Carry out a plan someone else prepared / Voer een opschoningsplan uit."""
    from pcc_cases.cli.progress import progress_bar
    from pcc_cases.privacy.purge import confirm_purge

    label = obj.gettext("Anonymising")
    with obj.unit_of_work() as uow, progress_bar(label) as progress:
        result = confirm_purge(uow, obj.actor, plan_id, progress=progress, settings=obj.settings)
    rows = [[result.pseudonyms[c.person_id], c.kind, c.reason, len(c.cases)] for c in result.purged]
    about = {"plan": plan_id, "as_of": result.as_of.isoformat()}
    extra = {"access_log_entries_deleted": result.log_entries_deleted,
             "compacted": result.compacted}  # fmt: skip
    _show_people(obj, rows, as_json, obj.gettext("Anonymised"), about | extra)
    click.echo(
        obj.gettext(
            "{count} people anonymised, {log_entries_deleted} old access-log entries deleted",
            count=len(rows),
            log_entries_deleted=result.log_entries_deleted,
        ),
        err=True,
    )
    if not result.compacted:
        click.echo(
            obj.gettext(
                "Note: the database files could not be compacted yet (someone else was reading); "
                "run 'pcc-cases db compact' later."
            ),
            err=True,
        )


def _show_people(
    obj: CliContext, rows: list[list[object]], as_json: bool, title: str, about: dict[str, object]
) -> None:
    """The people of a purge plan or result: a table, or JSON with ``about`` beside them."""
    if as_json:
        keys = ["id", "kind", "reason", "cases"]
        people = [dict(zip(keys, row, strict=True)) for row in rows]
        emit_json({**about, "people": people})
    else:
        headers = obj.gettext("id kind reason cases").split()
        table(title, headers, rows)


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
    headers = obj.gettext("at actor action allowed case person detail").split()
    columns = ["at", "actor_id", "action", "allowed", "case_number", "person_id", "detail"]
    table(obj.gettext("Access log"), headers, [[d[k] for k in columns] for d in data])
