"""``pcc-cases letter CASE/SEQ``: the letter a duty asks for, as an A4 PDF."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from pcc_cases.cli import completion
from pcc_cases.cli.coded import Coded
from pcc_cases.cli.context import CliContext
from pcc_cases.cli.output_file import written
from pcc_cases.cli.render import emit_json
from pcc_cases.domain.labels import duty_label, label
from pcc_cases.domain.time import parse_date, parse_local
from pcc_cases.formatting import day
from pcc_cases.services.letters import MadeLetter, make_letter


@click.command("letter")
@click.argument("obligation_id", metavar="ID", shell_complete=completion.duty_ids)
@click.option(
    "--kind",
    "letter",
    type=Coded("letter"),
    help="Which letter, where a duty has two (the hearing: uitnodiging or verslag).",
)
@click.option(
    "--hearing-at",
    metavar="DD-MM-YYYY HH:MM",
    help="When the hearing takes place (for the invitation) / Datum en tijd hoorzitting.",
)
@click.option(
    "--sent-on",
    metavar="DD-MM-YYYY",
    help="The day the letter was sent: marks the duty done / Verzonden op.",
)
@click.option(
    "--output",
    metavar="FILE.pdf",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Where to write the PDF (default: its own name in this folder; - for the screen).",
)
@click.option("--force", is_flag=True, help="Replace FILE if it exists / Overschrijf FILE.")
@click.option("--json", "as_json", is_flag=True, help="Print what was made as JSON.")
@click.pass_obj
def letter_cmd(
    obj: CliContext,
    obligation_id: str,
    letter: str | None,
    hearing_at: str | None,
    sent_on: str | None,
    output: Path | None,
    force: bool,
    as_json: bool,
) -> None:
    """Make the letter a duty asks for / Maak de brief bij een verplichting.

    ID is the duty as listed by obligations, for example 2025-0012/2.
    """
    from pcc_cases.documents import render_letter

    when = parse_local(hearing_at) if hearing_at else None
    sent = parse_date(sent_on, "--sent-on") if sent_on else None
    letterhead = obj.letterhead

    def make() -> MadeLetter:
        with obj.unit_of_work() as uow:
            return make_letter(
                uow,
                obj.actor,
                obligation_id,
                render=render_letter,
                language=obj.lang,
                letter=letter,
                hearing_at=when,
                sent_on=sent,
                letterhead=letterhead,
                settings=obj.settings,
            )

    target: Path | None
    if output is not None and str(output) == "-":
        made, target = make(), None
        sys.stdout.buffer.write(made.content)
        sys.stdout.flush()
    elif output is not None:
        with written(output, force=force, binary=True) as handle:
            made, target = make(), output
            handle.write(made.content)
    else:
        # The name is known once the letter is made; made again, it is the same letter.
        made = make()
        target = Path(made.facts.file_name)
        with written(target, force=force, binary=True) as handle:
            handle.write(made.content)
    _report(obj, obligation_id, made, target, as_json)


def _report(
    obj: CliContext, obligation_id: str, made: MadeLetter, target: Path | None, as_json: bool
) -> None:
    facts = made.facts
    obligation = facts.obligation
    if as_json:
        emit_json(
            {
                "id": obligation_id,
                "letter": facts.letter.value,
                "language": facts.language,
                "dated": facts.dated.isoformat(),
                "sha256": made.sha256,
                "file": None if target is None else str(target),
                "recorded": made.recorded,
                "done_on": obligation.done_on.isoformat() if obligation.done_on else None,
            }
        )
        return
    lang = obj.lang
    what = label("letter", facts.letter.value, lang)
    duty = duty_label(obj.settings.policy, obligation.kind, lang)
    if target is not None:
        click.echo(
            obj.gettext("Letter written: {output} ({what})", output=target, what=what), err=True
        )
    click.echo(obj.gettext("For: {duty}", duty=duty), err=True)
    click.echo(obj.gettext("SHA-256: {sha256}", sha256=made.sha256), err=True)
    if made.recorded:
        click.echo(obj.gettext("Kept with the case as evidence (its hash)."), err=True)
    else:
        click.echo(obj.gettext("The same letter was made before: nothing new recorded."), err=True)
    if obligation.done_on is not None:
        click.echo(obj.gettext("Duty done on {day}.", day=day(obligation.done_on, lang)), err=True)
