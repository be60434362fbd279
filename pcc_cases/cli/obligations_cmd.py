"""``pcc-cases obligations`` and ``pcc-cases obligation done``: the legal duties."""

from __future__ import annotations

import click

from pcc_cases import services
from pcc_cases.cli import completion
from pcc_cases.cli.context import CliContext
from pcc_cases.cli.list_options import list_options
from pcc_cases.cli.render import day_cell, emit_json, obligation_json, table
from pcc_cases.domain.labels import duty_label
from pcc_cases.domain.time import parse_date
from pcc_cases.formatting import day


@click.command("obligations")
@click.option("--overdue", is_flag=True, help="Only overdue ones / Alleen te late.")
@list_options
@click.option("--json", "as_json", is_flag=True, help="Print JSON / Toon JSON.")
@click.pass_obj
def obligations(
    obj: CliContext, overdue: bool, search: str | None, limit: int | None, as_json: bool
) -> None:
    """Open legal obligations of your cases, by due date / Openstaande verplichtingen."""
    with obj.unit_of_work(write=False) as uow:
        views = services.list_obligations(
            uow, obj.actor, overdue_only=overdue, search=search, limit=limit, settings=obj.settings
        )
        labels = services.person_labels(
            uow,
            obj.actor,
            [_person(v) for v in views if _person(v)],
            settings=obj.settings,
        )
    if as_json:
        emit_json([obligation_json(v) for v in views])
        return
    headers = obj.gettext("id case location kind person due overdue").split()
    late = obj.gettext("YES")
    rows = [
        [
            v.id,
            v.case_number,
            v.location,
            duty_label(obj.settings.policy, v.obligation.kind, obj.lang),
            labels.get(_person(v), ""),
            day_cell(v.obligation.due_on),
            late if v.overdue else "",
        ]
        for v in views
    ]
    table(obj.gettext("Obligations"), headers, rows)


def _person(view: services.ObligationView) -> str:
    """Who the duty is about: the offender of a measure, or the target cared for."""
    return view.obligation.offender_id or view.obligation.target_id or ""


@click.group("obligation")
def obligation() -> None:
    """One legal obligation / Een verplichting."""


@obligation.command("done")
@click.argument("obligation_id", metavar="ID", shell_complete=completion.duty_ids)
@click.option("--on", "done_on", metavar="DD-MM-YYYY", help="When it was done (default today).")
@click.option("--json", "as_json", is_flag=True, help="Print the obligation as JSON.")
@click.pass_obj
def done_cmd(obj: CliContext, obligation_id: str, done_on: str | None, as_json: bool) -> None:
    """Mark an obligation done, e.g. 2025-0012/2 / Markeer een verplichting als gedaan."""
    number, seq = services.parse_obligation_id(obligation_id)
    chosen = parse_date(done_on, "--on") if done_on else None
    with obj.unit_of_work() as uow:
        done = services.complete_obligation(
            uow, obj.actor, number, seq, chosen, settings=obj.settings
        )
    if as_json:
        emit_json(
            {
                "id": obligation_id,
                "case": number,
                "kind": done.kind,
                "due_on": done.due_on.isoformat(),
                "done_on": done.done_on.isoformat() if done.done_on else None,
                "done_by": done.done_by,
            }
        )
        return
    click.echo(
        obj.gettext(
            "Obligation {obligation_id} ({kind}) done on {done_on}",
            obligation_id=obligation_id,
            kind=duty_label(obj.settings.policy, done.kind, obj.lang),
            done_on=day(done.done_on, obj.lang) if done.done_on else "-",
        ),
        err=True,
    )
