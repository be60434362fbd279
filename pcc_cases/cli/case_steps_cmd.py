"""``pcc-cases case prepare|hearing|takedown``: what comes before a grave step, and a post
taken down. Registered on the ``case`` group by ``case_cmd``.
"""

from __future__ import annotations

import datetime as dt

import click

from pcc_cases import services
from pcc_cases.cli.case_options import JSON_OPTION, NUMBER, OFFENDER, step_option
from pcc_cases.cli.coded import Coded
from pcc_cases.cli.context import CliContext
from pcc_cases.cli.numbers import WholeNumber
from pcc_cases.cli.render import emit_json
from pcc_cases.domain.case_parts import Obligation
from pcc_cases.domain.labels import duty_label, label, step_label
from pcc_cases.domain.time import parse_date
from pcc_cases.formatting import day


@click.command("prepare")
@NUMBER
@OFFENDER
@step_option("The step to prepare, e.g. verwijdering / expulsion.")
@click.option("--reason", metavar="TEXT", help="Why / Waarom.")
@JSON_OPTION
@click.pass_obj
def prepare_cmd(
    obj: CliContext, number: str, offender: str, step: str, reason: str | None, as_json: bool
) -> None:
    """Prepare an expulsion: hearing and consultation first / Bereid een verwijdering voor."""
    with obj.unit_of_work() as uow:
        case = services.prepare_step(
            uow, obj.actor, number, offender, step, reason, settings=obj.settings
        )
    created = [o for o in case.obligations if o.cause == f"prepare:{step}"]
    if as_json:
        emit_json(
            {
                "case": case.number,
                "offender_id": offender,
                "step": step,
                "obligations": [
                    {"id": f"{case.number}/{o.seq}", "kind": o.kind, "due_on": o.due_on.isoformat()}
                    for o in created
                ],
            }
        )
        return
    policy, lang = obj.settings.policy, obj.lang
    click.echo(
        obj.gettext(
            "Preparing {step} for {offender}; first:",
            step=step_label(policy, step, lang),
            offender=offender,
        ),
        err=True,
    )
    for o in created:
        click.echo(
            f"  {case.number}/{o.seq}  {duty_label(policy, o.kind, lang)}  "
            + obj.gettext("due {due}", due=day(o.due_on, lang)),
            err=True,
        )


@click.command("hearing")
@NUMBER
@OFFENDER
@click.option("--on", "held_on", required=True, metavar="DD-MM-YYYY", help="Day of the hearing.")
@click.option(
    "--heard",
    required=True,
    multiple=True,
    type=Coded("heard"),
    help="Who was heard: leerling, ouders, docenten (repeat the option).",
)
@click.option("--attendees", required=True, metavar="TEXT", help="Who was there / Aanwezigen.")
@click.option("--views", required=True, metavar="TEXT", help="The views heard / Zienswijzen.")
@JSON_OPTION
@click.pass_obj
def hearing_cmd(
    obj: CliContext,
    number: str,
    offender: str,
    held_on: str,
    heard: tuple[str, ...],
    attendees: str,
    views: str,
    as_json: bool,
) -> None:
    """Record the hearing before an expulsion / Leg de hoorzitting vast."""
    with obj.unit_of_work() as uow:
        case = services.record_hearing(
            uow,
            obj.actor,
            number,
            offender,
            held_on=parse_date(held_on, "--on"),
            heard=heard,
            attendees=attendees,
            views=views,
            settings=obj.settings,
        )
    hearing = case.hearings[-1]
    parties = hearing.parties
    if as_json:
        emit_json(
            {
                "case": number,
                "offender_id": offender,
                "held_on": hearing.held_on.isoformat(),
                "heard": parties,
                "hearing_duty_done": _hearing_done(case.obligations, offender),
            }
        )
        return
    click.echo(
        obj.gettext(
            "Hearing of {day} recorded: {parties} heard",
            day=day(hearing.held_on, obj.lang),
            parties=", ".join(label("heard", p, obj.lang) for p in parties),
        ),
        err=True,
    )
    if _hearing_done(case.obligations, offender):
        click.echo(obj.gettext("Everyone has now been heard: the hearing duty is done."), err=True)


def _hearing_done(obligations: list[Obligation], offender: str) -> bool:
    duties = [o for o in obligations if o.kind == "hear-parties" and o.offender_id == offender]
    return bool(duties) and all(o.done_on is not None for o in duties)


@click.command("takedown")
@NUMBER
@click.option(
    "--evidence", "evidence_no", required=True, type=WholeNumber(1, 500), help="Evidence number."
)
@click.option("--asked-on", metavar="DD-MM-YYYY", help="Day the takedown was asked.")
@click.option("--removed-on", metavar="DD-MM-YYYY", help="Day the post was removed.")
@JSON_OPTION
@click.pass_obj
def takedown_cmd(
    obj: CliContext,
    number: str,
    evidence_no: int,
    asked_on: str | None,
    removed_on: str | None,
    as_json: bool,
) -> None:
    """Record a post's takedown, asked or done / Leg verwijdering van een bericht vast."""
    with obj.unit_of_work() as uow:
        evidence = services.record_takedown(
            uow,
            obj.actor,
            number,
            evidence_no,
            asked_on=parse_date(asked_on, "--asked-on") if asked_on else None,
            removed_on=parse_date(removed_on, "--removed-on") if removed_on else None,
            settings=obj.settings,
        )
    if as_json:
        emit_json(
            {
                "case": number,
                "evidence": evidence_no,
                "takedown_asked_on": _iso(evidence.takedown_asked_on),
                "removed_on": _iso(evidence.removed_on),
            }
        )
        return
    click.echo(
        obj.gettext(
            "Evidence {evidence_no}: takedown asked {asked}, removed {removed}",
            evidence_no=evidence_no,
            asked=day(evidence.takedown_asked_on, obj.lang) if evidence.takedown_asked_on else "-",
            removed=day(evidence.removed_on, obj.lang) if evidence.removed_on else "-",
        ),
        err=True,
    )


def _iso(value: dt.date | None) -> str | None:
    return None if value is None else value.isoformat()
