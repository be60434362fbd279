"""The report as rich tables for a terminal, and the labels every format shares."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from pcc_cases.domain.display import printable
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
}

SCALARS = ("total_cases", "repeat_offenders", "closed_cases", "median_days_to_close")


def label(key: str, lang: str) -> str:
    """The heading of a figure or part of the report in ``lang``."""
    message = LABELS.get(key)
    return key if message is None else translate(message, lang)


def shown(value: Any) -> str:
    """A cell as printed: '*' for a suppressed count, '-' for nothing to show."""
    if value is None:
        return "*"
    return str(value)


def previous_value(report: SeverityReport, path: tuple[str, ...]) -> Any:
    if report.previous is None:
        return "-"
    value: Any = report.previous
    for part in path:
        value = value.get(part) if isinstance(value, dict) else None
    return value


def heading(report: SeverityReport, lang: str) -> list[str]:
    lines = [
        (
            f"{label('title', lang)}: {label('period', lang)} {report.period.label} "
            f"({report.period.start} – {report.period.end})"
        ),
        f"{label('locations', lang)}: {', '.join(report.locations)}",
    ]
    if report.suppression_applied:
        lines.append(label("suppressed", lang).format(n=report.threshold))
    else:
        lines.append(label("unsuppressed", lang))
    return lines


def render_text(report: SeverityReport, lang: str, console: Console) -> None:
    for line in heading(report, lang):
        console.print(Text(printable(line)))  # it names locations: data, never markup
    figures = report.figures
    this, before = label("this", lang), label("previous", lang)
    summary = Table(show_header=True, title_justify="left")
    for column in ("", this, before):
        summary.add_column(column)
    for key in SCALARS:
        summary.add_row(
            label(key, lang), shown(figures[key]), shown(previous_value(report, (key,)))
        )
    for key in ("open", "overdue"):
        summary.add_row(
            f"{label('obligations', lang)}: {label(key, lang)}",
            shown(figures["obligations"][key]),
            shown(previous_value(report, ("obligations", key))),
        )
    console.print(summary)
    for name in COUNT_BREAKDOWNS:
        table = Table(title=label(name, lang), title_justify="left")
        for column in ("", this, before):
            table.add_column(column)
        for key, value in figures[name].items():
            table.add_row(
                Text(printable(key)), shown(value), shown(previous_value(report, (name, key)))
            )
        console.print(table)
    matrix = figures["by_severity_article"]
    articles = list(next(iter(matrix.values())))
    table = Table(title=label("by_severity_article", lang), title_justify="left")
    table.add_column(f"{label('level', lang)} \\ {label('article', lang)}")
    for art in articles:
        table.add_column(art)
    for level, row in matrix.items():
        table.add_row(level, *[shown(row[art]) for art in articles])
    console.print(table)
