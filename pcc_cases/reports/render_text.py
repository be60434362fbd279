"""The report as rich tables for a terminal, and the labels every format shares."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from pcc_cases.domain.display import printable
from pcc_cases.reports.figures import COUNT_BREAKDOWNS
from pcc_cases.reports.severity import SeverityReport

LABELS: dict[str, tuple[str, str]] = {
    "title": ("Ernst van overtredingen", "Severity of breaches"),
    "period": ("Periode", "Period"),
    "locations": ("Vestigingen", "Locations"),
    "total_cases": ("Aantal zaken", "Total cases"),
    "by_severity": ("Zaken naar ernst", "Cases by severity"),
    "by_article": ("Zaken naar artikel", "Cases by article"),
    "by_severity_article": ("Ernst naar artikel", "Severity by article"),
    "by_platform": ("Zaken naar platform", "Cases by platform"),
    "by_month": ("Zaken naar maand", "Cases by month"),
    "by_location": ("Zaken naar vestiging", "Cases by location"),
    "offenders_by_kind": ("Overtreders naar soort", "Offenders by kind"),
    "decisions_by_step": ("Besluiten naar maatregel", "Decisions by step"),
    "repeat_offenders": ("Herhaalde overtreders", "Repeat offenders"),
    "closed_cases": ("Afgesloten zaken", "Closed cases"),
    "median_days_to_close": ("Mediaan dagen tot afsluiten", "Median days to close"),
    "obligations": ("Wettelijke verplichtingen", "Legal obligations"),
    "open": ("open", "open"),
    "overdue": ("te laat", "overdue"),
    "this": ("deze periode", "this period"),
    "previous": ("vorige periode", "previous period"),
    "level": ("ernst", "level"),
    "article": ("artikel", "article"),
    "suppressed": (
        "Kleine aantallen (1 tot en met {n}) zijn verborgen (*) ter bescherming van de privacy.",
        "Small counts (1 to {n}) are hidden (*) to protect privacy.",
    ),
    "unsuppressed": (
        "Niet onderdrukt: bevat kleine aantallen.",
        "Not suppressed: holds small counts.",
    ),
}

SCALARS = ("total_cases", "repeat_offenders", "closed_cases", "median_days_to_close")


def label(key: str, lang: str) -> str:
    nl, en = LABELS.get(key, (key, key))
    return en if lang == "en" else nl


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
