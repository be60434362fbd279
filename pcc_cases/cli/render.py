"""Turning results into output: JSON for programs, rich tables for people (stdout only)."""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

from pcc_cases.domain.case import Case
from pcc_cases.domain.display import json_safe, printable
from pcc_cases.domain.labels import PERSON_FIELDS, label
from pcc_cases.domain.people import Person
from pcc_cases.domain.policy import Recommendation
from pcc_cases.formatting import short_day, short_moment
from pcc_cases.services.queries import ObligationView
from pcc_cases.translation import translate


def emit_json(data: Any) -> None:
    click.echo(json_safe(json.dumps(data, ensure_ascii=False, indent=2, default=str)))


def shown(value: Any) -> Text:
    """A value for a rich table or panel: never read as markup, control characters
    visible (stored text is data, not formatting).
    """
    return Text("" if value is None else printable(str(value)))


def stdout() -> Console:
    """Terminal width in a terminal; wide enough not to cut values when piped to a file."""
    return Console(highlight=False, width=None if sys.stdout.isatty() else 200)


def _cell(value: Any) -> str:
    """A value for one tab-separated cell: no tabs or line breaks inside it."""
    return " ".join(printable("" if value is None else str(value)).split())


def table(title: str, headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """A table with its title in a terminal; plain tab-separated lines for a pipe or file.

    Piped output is for ``cut``, ``sort`` and spreadsheets: one header line, then one line
    per row, no title and no box drawing.
    """
    headers = [h.replace("_", " ") for h in headers]  # one word each in the catalogue
    if not sys.stdout.isatty():
        lines = ["\t".join(_cell(h) for h in headers)] if any(headers) else []
        lines += ["\t".join(_cell(v) for v in row) for row in rows]
        click.echo("\n".join(lines))
        return
    grid = Table(title=shown(title), title_justify="left", show_header=any(headers))
    for index, header in enumerate(headers):
        grid.add_column(shown(header), no_wrap=index == 0)
    for row in rows:
        grid.add_row(*[shown(v) for v in row])
    console = stdout()
    if needs_pager(grid.row_count, console.height):
        with console.pager(styles=True):
            console.print(grid)
    else:
        console.print(grid)


def needs_pager(row_count: int, screen_lines: int) -> bool:
    """Whether a table is longer than the terminal (title, header and borders take 5 lines)."""
    return row_count + 5 > screen_lines


def local(value: Any) -> str:
    """A moment as a person in Amsterdam reads it in a table: ``24-11-2026 21:30``."""
    return short_moment(value)


def day_cell(value: dt.date | None) -> str:
    """A day for a table: ``24-11-2026``, or empty."""
    return "" if value is None else short_day(value)


def person_row(person: Person, lang: str) -> list[Any]:
    return [
        person.id,
        label("person-kind", person.kind.value, lang),
        person.full_name,
        person.location,
        person.class_name,
        person.mentor_id,
        ", ".join(label("role", r.value, lang) for r in sorted(person.roles)),
        day_cell(person.left_on),
    ]


def person_fields(person: Person, lang: str) -> list[tuple[str, Any]]:
    """A person as (field, value) lines for a reader, with labels instead of codes."""
    row = person_row(person, lang)
    values = {
        "id": person.id,
        "kind": row[1],
        "first_name": person.first_name,
        "last_name": person.last_name,
        "location": person.location,
        "class": person.class_name,
        "mentor_id": person.mentor_id,
        "roles": row[6],
        "left_on": row[7],
    }
    return [(translate(PERSON_FIELDS[k], lang), v) for k, v in values.items()]


def obligation_json(view: ObligationView) -> dict[str, Any]:
    o = view.obligation
    return {
        "id": view.id,
        "case": view.case_number,
        "location": view.location,
        "kind": o.kind,
        "cause": o.cause,
        "offender_id": o.offender_id,
        "target_id": o.target_id,
        "due_on": o.due_on.isoformat(),
        "overdue": view.overdue,
        "done_on": o.done_on.isoformat() if o.done_on else None,
    }


def recommendation_json(recs: Mapping[str, Recommendation | None]) -> dict[str, Any]:
    """Per offender the step and why, or null while the offender is not assessed yet."""
    return {
        offender: None
        if r is None
        else {
            "step": r.step,
            "severity": r.severity,
            "prior_cases": r.prior_cases,
            "consider": r.consider,
        }
        for offender, r in recs.items()
    }


def case_summary_row(case: Case, labels: Mapping[str, str], lang: str) -> list[Any]:
    return [
        case.number,
        label("state", case.state.value, lang),
        label("severity", str(case.severity), lang) if case.severity else "-",
        case.location,
        local(case.occurred_at),
        label("platform", case.platform.value, lang),
        ", ".join(labels.get(o, o) for o in case.offender_ids),
        ", ".join(dict.fromkeys(v.clause_id for v in case.violations)),
    ]
