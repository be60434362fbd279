"""The report as rich tables for a terminal, and the labels every format shares."""

from __future__ import annotations

from typing import Any

import pendulum
from rich.console import Console
from rich.table import Table
from rich.text import Text

from pcc_cases.domain.display import printable
from pcc_cases.domain.labels import label as code_label
from pcc_cases.domain.labels import step_label
from pcc_cases.domain.policy_file import default_policy
from pcc_cases.domain.protocol import load_protocol
from pcc_cases.formatting import day, moment, number
from pcc_cases.reports.figures import COUNT_BREAKDOWNS
from pcc_cases.reports.severity import SeverityReport
from pcc_cases.translation import N_, translate

LABELS: dict[str, str] = {
    "title": N_("Severity of breaches"),
    "period": N_("Period"),
    "locations": N_("Locations"),
    "total_cases": N_("Total cases"),
    "by_severity": N_("Cases by severity"),
    "by_article": N_("Cases by article"),
    "by_severity_article": N_("Severity by article"),
    "by_platform": N_("Cases by platform"),
    "by_month": N_("Cases by month"),
    "by_location": N_("Cases by location"),
    "offenders_by_kind": N_("Offenders by kind"),
    "decisions_by_step": N_("Decisions by step"),
    "repeat_offenders": N_("Repeat offenders"),
    "closed_cases": N_("Closed cases"),
    "summary": N_("Summary"),
    "median_days_to_close": N_("Median days to close"),
    "obligations": N_("Legal obligations"),
    "open": N_("open"),
    "overdue": N_("overdue"),
    "this": N_("this period"),
    "previous": N_("previous period"),
    "level": N_("level"),
    "article": N_("article"),
    "suppressed": N_("Small counts (1 to {n}) are hidden (*) to protect privacy."),
    "unsuppressed": N_("Not suppressed: holds small counts."),
    "organisation": N_("Organisation"),
    "generated": N_("Generated on"),
    "small_counts": N_("Small counts"),
    "nothing": N_("-: no figure (no previous period, or no closed case to take a median of)."),
}

# The heading of a breakdown's first column: what its rows are.
DIMENSIONS: dict[str, str] = {
    "summary": N_("Figure"),
    "by_severity": N_("Severity"),
    "by_article": N_("Article"),
    "by_platform": N_("Platform"),
    "by_month": N_("Month"),
    "by_location": N_("Location"),
    "offenders_by_kind": N_("Kind of person"),
    "decisions_by_step": N_("Step"),
}

SCALARS = ("total_cases", "repeat_offenders", "closed_cases", "median_days_to_close")


def label(key: str, lang: str) -> str:
    """The heading of a figure or part of the report in ``lang``."""
    message = LABELS.get(key)
    return key if message is None else translate(message, lang)


def shown(value: Any, lang: str) -> str:
    """A cell as printed: '*' for a suppressed count, numbers as the language writes them
    (``14,0`` in Dutch), '-' (from ``previous_value``) for nothing to show.
    """
    if value is None:
        return "*"
    if isinstance(value, float):
        return number(value, lang, 1)
    if isinstance(value, int) and not isinstance(value, bool):
        return number(value, lang)
    return str(value)


def scalar_value(figures: Any, key: str) -> Any:
    """A figure of the summary as a value: None when hidden, '-' when there is none (no
    previous period, or a median over no closed cases).
    """
    if not isinstance(figures, dict):
        return "-"
    value = figures.get(key)
    if key == "median_days_to_close" and value is None and figures.get("closed_cases") == 0:
        return "-"
    return value


def summary_rows(report: SeverityReport, lang: str) -> list[tuple[str, Any, Any]]:
    """The summary as (label, this period, previous period), values as ``scalar_value``."""
    rows = [
        (label(key, lang), scalar_value(report.figures, key), scalar_value(report.previous, key))
        for key in SCALARS
    ]
    return rows + [
        (
            f"{label('obligations', lang)}: {label(key, lang)}",
            report.figures["obligations"][key],
            previous_value(report, ("obligations", key)),
        )
        for key in ("open", "overdue")
    ]


def key_label(name: str, key: str, lang: str) -> str:
    """A row of a breakdown as a reader names it: ``4 zeer zwaar``, ``september 2025``,
    ``6. Respect``, ``schorsing`` instead of ``4``, ``2025-09``, ``6``, ``suspension``.
    """
    kinds = {
        "by_severity": "severity",
        "by_platform": "platform",
        "offenders_by_kind": "person-kind",
    }
    if name in kinds:
        return code_label(kinds[name], key, lang)
    if name == "decisions_by_step":
        return step_label(default_policy(), key, lang)
    if name == "by_article" and key.isdigit():
        articles = {a.number: a for a in load_protocol().articles}
        found = articles.get(int(key))
        return f"{key}. {found.title(lang)}" if found else key
    if name == "by_month" and len(key) == 7 and key[4] == "-":
        return pendulum.date(int(key[:4]), int(key[5:]), 1).format("MMMM YYYY", locale=lang)
    return key


def previous_value(report: SeverityReport, path: tuple[str, ...]) -> Any:
    if report.previous is None:
        return "-"
    value: Any = report.previous
    for part in path:
        value = value.get(part) if isinstance(value, dict) else None
    return value


def suppression_note(report: SeverityReport, lang: str) -> str:
    """What the reader must know about small counts: hidden as '*', or shown."""
    if report.suppression_applied:
        return label("suppressed", lang).format(n=report.threshold)
    return label("unsuppressed", lang)


def period_text(report: SeverityReport, lang: str) -> str:
    """``2025-2026 (1 augustus 2025 – 31 juli 2026)``."""
    period = report.period
    return f"{period.label} ({day(period.start, lang)} – {day(period.end, lang)})"


def front_matter(report: SeverityReport, lang: str, organisation: str) -> list[tuple[str, str]]:
    """The report's particulars as (label, value), for a front sheet or a page heading:
    who it is about, which period, when it was made, and how small counts are treated.
    """
    rows = [(label("organisation", lang), organisation)] if organisation else []
    return [
        *rows,
        (label("period", lang), period_text(report, lang)),
        (label("locations", lang), ", ".join(report.locations)),
        (label("generated", lang), moment(report.generated_at, lang)),
        (label("small_counts", lang), suppression_note(report, lang)),
    ]


def heading(report: SeverityReport, lang: str) -> list[str]:
    lines = [
        (
            f"{label('title', lang)}: {label('period', lang)} {report.period.label} "
            f"({day(report.period.start, lang)} – {day(report.period.end, lang)})"
        ),
        f"{label('locations', lang)}: {', '.join(report.locations)}",
    ]
    lines.append(suppression_note(report, lang))
    return lines


def render_text(report: SeverityReport, lang: str, console: Console) -> None:
    for line in heading(report, lang):
        console.print(Text(printable(line)))  # it names locations: data, never markup
    figures = report.figures
    this, before = label("this", lang), label("previous", lang)
    summary = Table(show_header=True, title_justify="left")
    for column in ("", this, before):
        summary.add_column(column)
    for name, value, previous in summary_rows(report, lang):
        summary.add_row(name, shown(value, lang), shown(previous, lang))
    console.print(summary)
    for name in COUNT_BREAKDOWNS:
        table = Table(title=label(name, lang), title_justify="left")
        for column in ("", this, before):
            table.add_column(column)
        for key, value in figures[name].items():
            table.add_row(
                Text(printable(key_label(name, key, lang))),
                shown(value, lang),
                shown(previous_value(report, (name, key)), lang),
            )
        console.print(table)
    matrix = figures["by_severity_article"]
    articles = list(next(iter(matrix.values())))
    table = Table(title=label("by_severity_article", lang), title_justify="left")
    table.add_column(f"{label('level', lang)} \\ {label('article', lang)}")
    for art in articles:
        table.add_column(art)
    for level, row in matrix.items():
        table.add_row(
            code_label("severity", level, lang), *[shown(row[art], lang) for art in articles]
        )
    console.print(table)
