"""``pcc-cases case ...``: follow and handle a case."""

from __future__ import annotations

from typing import Any

import click
from rich.console import Group
from rich.panel import Panel
from rich.table import Table

from pcc_cases import services
from pcc_cases.cli import completion
from pcc_cases.cli.case_options import JSON_OPTION, NUMBER, OFFENDER, step_option
from pcc_cases.cli.case_steps_cmd import hearing_cmd, prepare_cmd, takedown_cmd
from pcc_cases.cli.context import CliContext
from pcc_cases.cli.factor_options import factor_options, factors_from
from pcc_cases.cli.list_options import list_options
from pcc_cases.cli.numbers import WholeNumber
from pcc_cases.cli.render import (
    case_summary_row,
    day_cell,
    emit_json,
    local,
    recommendation_json,
    shown,
    stdout,
    table,
)
from pcc_cases.domain.case import Case
from pcc_cases.domain.factors import Factors
from pcc_cases.domain.labels import duty_label, label, step_label
from pcc_cases.domain.lifecycle import CaseState
from pcc_cases.domain.snapshot import case_document as case_json
from pcc_cases.domain.time import parse_date
from pcc_cases.formatting import day, moment


@click.group("case")
def case_group() -> None:
    """Follow and handle cases / Zaken volgen en behandelen."""


@case_group.command("list")
@click.option("--state", type=click.Choice([s.value for s in CaseState]), help="Only this state.")
@click.option(
    "--location",
    metavar="L",
    shell_complete=completion.locations,
    help="Only this location / Alleen deze vestiging.",
)
@list_options
@JSON_OPTION
@click.pass_obj
def list_cmd(
    obj: CliContext,
    state: str | None,
    location: str | None,
    search: str | None,
    limit: int | None,
    as_json: bool,
) -> None:
    """List the cases you may see / Toon de zaken die u mag zien.

    Offenders are shown with their name and class; --search finds a case by the name of
    anyone involved, or by (part of) its number.
    """
    with obj.unit_of_work(write=False) as uow:
        found = services.list_cases(
            uow,
            obj.actor,
            state=state,
            location=location,
            search=search,
            limit=limit,
            settings=obj.settings,
        )
        labels = services.person_labels(
            uow, obj.actor, [o for c in found for o in c.offender_ids], settings=obj.settings
        )
    if as_json:
        emit_json(
            [
                {
                    "number": c.number,
                    "state": c.state.value,
                    "severity": c.severity,
                    "location": c.location,
                    "occurred_at": c.occurred_at.isoformat(),
                    "platform": c.platform.value,
                    "offenders": c.offender_ids,
                    "clauses": list(dict.fromkeys(v.clause_id for v in c.violations)),
                }
                for c in found
            ]
        )
        return
    headers = obj.gettext(
        "case state severity location occurred platform offenders clauses"
    ).split()
    rows = [case_summary_row(c, labels, obj.lang) for c in found]
    table(obj.gettext("Cases"), headers, rows)


@case_group.command("show")
@NUMBER
@JSON_OPTION
@click.pass_obj
def show_cmd(obj: CliContext, number: str, as_json: bool) -> None:
    """Show a case with its history (the read is logged) / Toon een zaak."""
    with obj.unit_of_work() as uow:
        case = services.show_case(uow, obj.actor, number, settings=obj.settings)
    if as_json:
        emit_json(case_json(case))
        return
    stdout().print(_case_view(obj, case))


@case_group.command("recommend")
@NUMBER
@JSON_OPTION
@click.pass_obj
def recommend_cmd(obj: CliContext, number: str, as_json: bool) -> None:
    """The recommended step per offender / Het geadviseerde vervolg per overtreder."""
    with obj.unit_of_work() as uow:
        recs = services.recommend_steps(uow, obj.actor, number, settings=obj.settings)
    if as_json:
        emit_json(recommendation_json(recs))
        return
    headers = obj.gettext("offender severity prior step consider").split()
    policy, lang = obj.settings.policy, obj.lang
    rows = [
        [
            o,
            label("severity", str(r.severity), lang),
            r.prior_cases,
            step_label(policy, r.step, lang),
            step_label(policy, r.consider, lang) if r.consider else "",
        ]
        for o, r in recs.items()
        if r
    ]
    table(obj.gettext("Recommendation for {number}", number=number), headers, rows)
    waiting = [o for o, r in recs.items() if r is None]
    if waiting:
        click.echo(obj.gettext("Not assessed yet: ") + ", ".join(waiting), err=True)


@case_group.command("assess")
@NUMBER
@OFFENDER
@factor_options
@click.option("--override", type=WholeNumber(1, 4), help="Set the level by hand (1-4).")
@click.option("--reason", metavar="TEXT", help="Why (required with --override).")
@JSON_OPTION
@click.pass_obj
def assess_cmd(obj: CliContext, /, number: str, offender: str, **options: Any) -> None:
    """Assess an offender, or override the level with a reason / Beoordeel de ernst.

    With factor options the level is computed; with --override LEVEL --reason TEXT it is
    set by hand, the computed level staying beside it.
    """
    factors = factors_from(options)
    override = options["override"]
    if factors is None and override is None:
        factors = Factors()  # assess with the default factors
    with obj.unit_of_work() as uow:
        assessment = services.assess_offender(
            uow,
            obj.actor,
            number,
            offender,
            factors,
            override=None if override is None else (override, options["reason"] or ""),
            settings=obj.settings,
        )
    if options["as_json"]:
        emit_json(
            {
                "offender_id": offender,
                "computed_level": assessment.computed_level,
                "override_level": assessment.override_level,
                "level": assessment.level,
            }
        )
        return
    click.echo(assessment.level)
    click.echo(
        obj.gettext("Severity of {offender}: {level}", offender=offender, level=assessment.level),
        err=True,
    )


@case_group.command("decide")
@NUMBER
@OFFENDER
@step_option("Escalation step, e.g. suspension.")
@click.option("--days", type=WholeNumber(0, 10_000), help="Length in school days (suspension).")
@click.option(
    "--first-day",
    metavar="DD-MM-YYYY",
    help="First school day of a suspension (default: the next school day).",
)
@click.option("--reason", metavar="TEXT", help="Why (required above the recommendation).")
@JSON_OPTION
@click.pass_obj
def decide_cmd(
    obj: CliContext,
    number: str,
    offender: str,
    step: str,
    days: int | None,
    first_day: str | None,
    reason: str | None,
    as_json: bool,
) -> None:
    """Decide an escalation step for an offender / Besluit over een maatregel."""
    first = parse_date(first_day, "--first-day") if first_day else None
    with obj.unit_of_work() as uow:
        decision = services.decide_step(
            uow,
            obj.actor,
            number,
            offender,
            step,
            days,
            reason,
            first_day=first,
            settings=obj.settings,
        )
    if as_json:
        emit_json(
            {
                "offender_id": decision.offender_id,
                "step": decision.step,
                "days": decision.days,
                "first_day": decision.first_day.isoformat() if decision.first_day else None,
                "last_day": decision.last_day.isoformat() if decision.last_day else None,
                "recommended_step": decision.recommended_step,
            }
        )
        return
    shown_step = step_label(obj.settings.policy, decision.step, obj.lang)
    click.echo(obj.gettext("Decision recorded: {step}", step=shown_step), err=True)
    if decision.first_day and decision.last_day:
        click.echo(
            obj.gettext(
                "From {first} up to and including {last}",
                first=day(decision.first_day, obj.lang, weekday=True),
                last=day(decision.last_day, obj.lang, weekday=True),
            ),
            err=True,
        )


def _simple(name: str, help_text: str, reason_required: bool, action: Any) -> None:
    @case_group.command(name, help=help_text)
    @NUMBER
    @click.option("--reason", required=reason_required, metavar="TEXT", help="Why / Waarom.")
    @click.option("--json", "as_json", is_flag=True, help="Print the case as JSON.")
    @click.pass_obj
    def command(obj: CliContext, number: str, reason: str | None, as_json: bool) -> None:
        with obj.unit_of_work() as uow:
            case = action(uow, obj.actor, number, reason, settings=obj.settings)
        _report_state(obj, case, as_json)


def _report_state(obj: CliContext, case: Case, as_json: bool) -> None:
    """The case as JSON on stdout, or its new state as a message for a person."""
    if as_json:
        emit_json(case_json(case))
        return
    number, state = case.number, label("state", case.state.value, obj.lang)
    click.echo(obj.gettext("Case {number}: {state}", number=number, state=state), err=True)


_simple(
    "investigate",
    "Start the investigation / Start het onderzoek.",
    False,
    services.start_investigation,
)
_simple("close", "Close a decided case / Sluit een zaak.", False, services.close_case)
_simple(
    "dismiss", "Dismiss an unfounded report / Seponeer een melding.", True, services.dismiss_case
)
_simple(
    "object",
    "Register an objection (bezwaar) against the decisions / Registreer bezwaar.",
    True,
    services.file_objection,
)


@case_group.command("review")
@NUMBER
@click.option("--upheld/--rejected", required=True, help="Objection upheld or rejected.")
@click.option("--reason", required=True, metavar="TEXT", help="Why / Waarom.")
@click.option("--json", "as_json", is_flag=True, help="Print the case as JSON.")
@click.pass_obj
def review_cmd(obj: CliContext, number: str, upheld: bool, reason: str, as_json: bool) -> None:
    """Decide an objection / Beslis op een bezwaar."""
    with obj.unit_of_work() as uow:
        case = services.decide_objection(
            uow, obj.actor, number, upheld, reason, settings=obj.settings
        )
    _report_state(obj, case, as_json)


def _case_view(obj: CliContext, case: Case) -> Group:
    lang, policy = obj.lang, obj.settings.policy
    head = Table.grid(padding=(0, 2))
    for name, value in [
        (obj.gettext("Case"), case.number),
        (obj.gettext("State"), label("state", case.state.value, lang)),
        (
            obj.gettext("Severity"),
            label("severity", str(case.severity), lang) if case.severity else "-",
        ),
        (obj.gettext("Location"), case.location),
        (obj.gettext("Occurred"), moment(case.occurred_at, lang)),
        (obj.gettext("Reported"), moment(case.reported_at, lang)),
        ("Platform", label("platform", case.platform.value, lang)),
        (obj.gettext("Summary"), case.summary),
    ]:
        head.add_row(name, shown(value))
    people = Table(title=obj.gettext("People involved"), title_justify="left")
    for column in obj.gettext("person role clauses severity decision").split():
        people.add_column(column)
    for inv in case.involvements:
        offender = inv.role.value == "offender"
        assessment = case.assessment_of(inv.person_id) if offender else None
        decision = case.decision_of(inv.person_id) if offender else None
        days = (
            obj.gettext(" ({days} school days)", days=decision.days)
            if decision and decision.days
            else ""
        )
        if decision and decision.first_day and decision.last_day:
            days += obj.gettext(
                ", {first} to {last}",
                first=day_cell(decision.first_day),
                last=day_cell(decision.last_day),
            )
        people.add_row(
            shown(inv.person_id),
            label("involvement", inv.role.value, lang),
            ", ".join(case.clauses_of(inv.person_id)) if offender else "",
            label("severity", str(assessment.level), lang) if assessment else "",
            step_label(policy, decision.step, lang) + days if decision else "",
        )
    duties = Table(title=obj.gettext("Obligations"), title_justify="left")
    for column in obj.gettext("no kind for due done").split():
        duties.add_column(column)
    for o in case.obligations:
        duties.add_row(
            str(o.seq),
            duty_label(policy, o.kind, lang),
            shown(o.target_id or o.offender_id),
            day_cell(o.due_on),
            day_cell(o.done_on) or ("" if o.is_term else "-"),
        )
    parts: list[Any] = [Panel(head, expand=False), people]
    if case.evidence:
        parts.append(_evidence_table(obj, case))
    if case.hearings:
        parts.append(_hearings_table(obj, case))
    if case.letters:
        parts.append(_letters_table(obj, case))
    history = Table(title=obj.gettext("History"), title_justify="left")
    for column in obj.gettext("no when who what state reason").split():
        history.add_column(column)
    for e in case.events:
        history.add_row(
            str(e.seq),
            local(e.at),
            shown(e.actor_id),
            label("event", e.kind, lang),
            label("state", e.state.value, lang),
            shown(e.reason),
        )
    return Group(*parts, duties, history)


def _evidence_table(obj: CliContext, case: Case) -> Table:
    evidence = Table(title=obj.gettext("Evidence"), title_justify="left")
    for column in obj.gettext("no kind reference captured takedown-asked removed").split():
        evidence.add_column(column)
    for index, item in enumerate(case.evidence, start=1):
        evidence.add_row(
            str(index),
            label("evidence", item.kind.value, obj.lang),
            item.reference,
            local(item.captured_at),
            day_cell(item.takedown_asked_on) or "-",
            day_cell(item.removed_on) or "-",
        )
    return evidence


def _hearings_table(obj: CliContext, case: Case) -> Table:
    hearings = Table(title=obj.gettext("Hearings"), title_justify="left")
    for column in obj.gettext("offender day heard present views").split():
        hearings.add_column(column)
    for hearing in case.hearings:
        hearings.add_row(
            shown(hearing.offender_id),
            day_cell(hearing.held_on),
            ", ".join(label("heard", p, obj.lang) for p in hearing.parties),
            hearing.attendees,
            hearing.views,
        )
    return hearings


def _letters_table(obj: CliContext, case: Case) -> Table:
    """The letters made, each with the start of its hash (``--json`` has it whole)."""
    letters = Table(title=obj.gettext("Letters"), title_justify="left")
    for column in obj.gettext("duty letter dated language sent sha256").split():
        letters.add_column(column)
    for letter in case.letters:
        letters.add_row(
            f"{case.number}/{letter.seq}",
            label("letter", letter.letter.value, obj.lang),
            day_cell(letter.dated),
            letter.language,
            day_cell(letter.sent_on) or "-",
            letter.sha256[:16] + "…",
        )
    return letters


for _command in (prepare_cmd, hearing_cmd, takedown_cmd):
    case_group.add_command(_command)
