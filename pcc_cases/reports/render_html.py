"""One self-contained, printable HTML file with inline SVG charts."""

from __future__ import annotations

import re

from jinja2 import Environment, PackageLoader, select_autoescape

from pcc_cases.domain.display import visible
from pcc_cases.domain.labels import label as code_label
from pcc_cases.reports.charts import bar_chart
from pcc_cases.reports.figures import COUNT_BREAKDOWNS
from pcc_cases.reports.render_text import (
    DIMENSIONS,
    front_matter,
    key_label,
    label,
    previous_value,
    shown,
    summary_rows,
    suppression_note,
)
from pcc_cases.reports.severity import SeverityReport
from pcc_cases.translation import N_, translate

CHARTED = ("by_severity", "by_article", "by_month", "by_platform")
NAMED = ("by_severity", "by_platform")  # short enough to stand under a bar

_ENV = Environment(
    loader=PackageLoader("pcc_cases.reports", "templates"),
    autoescape=select_autoescape(["html", "j2"]),
    finalize=visible,
    keep_trailing_newline=True,
)


def breakdown_chart(report: SeverityReport, name: str, lang: str) -> str:
    """The bar chart (inline SVG) of one of the report's breakdowns, in ``lang``."""
    values = report.figures[name]
    names = {key: key_label(name, key, lang) for key in values} if name in NAMED else None
    return bar_chart(label(name, lang), values, names)


def report_charts(report: SeverityReport, lang: str) -> list[str]:
    """Every chart of the report, in the order of the printed report (for the pages)."""
    return [breakdown_chart(report, name, lang) for name in COUNT_BREAKDOWNS if name in CHARTED]


def render_html(report: SeverityReport, lang: str, organisation: str = "") -> str:
    """The report as one self-contained page with its bar charts: the full width of a
    screen, and on paper A4 with page numbers, each part kept on one page where it fits.

    Raises:
        MissingExtraError: the ``reports`` extra (Jinja2) is not installed.
    """
    f = report.figures
    parts = []
    for name in COUNT_BREAKDOWNS:
        rows = [
            [
                key_label(name, key, lang),
                shown(value, lang),
                shown(previous_value(report, (name, key)), lang),
            ]
            for key, value in f[name].items()
        ]
        chart = breakdown_chart(report, name, lang) if name in CHARTED else None
        parts.append(
            {
                "title": label(name, lang),
                "dimension": translate(DIMENSIONS[name], lang),
                "rows": rows,
                "chart": chart,
            }
        )
    summary = [
        [name, shown(value, lang), shown(previous, lang)]
        for name, value, previous in summary_rows(report, lang)
    ]
    matrix = f["by_severity_article"]
    articles = list(next(iter(matrix.values())))
    title = label("title", lang)
    footer = " · ".join(part for part in (organisation, title, report.period.label) if part)
    return _ENV.get_template("severity.html.j2").render(
        lang=lang,
        report=report,
        organisation=organisation,
        title=title,
        particulars=front_matter(report, lang, organisation)[1 if organisation else 0 :],
        this=f"{label('this', lang)} ({report.period.label})",
        before=f"{label('previous', lang)} ({report.previous_period.label})",
        figure=translate(DIMENSIONS["summary"], lang),
        summary_title=label("summary", lang),
        summary=summary,
        parts=parts,
        matrix_title=label("by_severity_article", lang),
        matrix_corner=f"{label('level', lang)} \\ {label('article', lang)}".capitalize(),
        articles=[key_label("by_article", a, lang) for a in articles],
        legend=[suppression_note(report, lang), label("nothing", lang)],
        page_left=_css_string(footer),
        page_number=_page_number(lang),
        matrix=[
            (code_label("severity", level, lang), [shown(row[a], lang) for a in articles])
            for level, row in matrix.items()
        ],
    )


def _css_string(text: str) -> str:
    """``text`` for the inside of a CSS string in a style element: everything but letters,
    digits and spaces as a CSS escape, so that no quote, backslash or ``</style>`` gets out.
    """
    return "".join(
        ch if ch.isascii() and (ch.isalnum() or ch == " ") else f"\\{ord(ch):x} " for ch in text
    )


def _page_number(lang: str) -> str:
    """The CSS ``content`` of the page number: ``"pagina " counter(page) " van " ...``."""
    words = translate(N_("page {page} of {pages}"), lang)
    parts = []
    for chunk in re.split(r"(\{page\}|\{pages\})", words):
        if chunk == "{page}":
            parts.append("counter(page)")
        elif chunk == "{pages}":
            parts.append("counter(pages)")
        elif chunk:
            parts.append(f'"{_css_string(chunk)}"')
    return " ".join(parts)
