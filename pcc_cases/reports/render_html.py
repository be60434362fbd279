"""One self-contained, printable HTML file with inline SVG charts."""

from __future__ import annotations

from jinja2 import Environment, PackageLoader, select_autoescape

from pcc_cases.domain.display import visible
from pcc_cases.domain.labels import label as code_label
from pcc_cases.reports.charts import bar_chart
from pcc_cases.reports.figures import COUNT_BREAKDOWNS
from pcc_cases.reports.render_text import (
    SCALARS,
    heading,
    key_label,
    label,
    previous_value,
    scalar_cell,
    shown,
)
from pcc_cases.reports.severity import SeverityReport

CHARTED = ("by_severity", "by_article", "by_month", "by_platform")

_ENV = Environment(
    loader=PackageLoader("pcc_cases.reports", "templates"),
    autoescape=select_autoescape(["html", "j2"]),
    finalize=visible,
    keep_trailing_newline=True,
)


def render_html(report: SeverityReport, lang: str) -> str:
    """The report as one self-contained, printable HTML page with its bar charts.

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
        chart = bar_chart(label(name, lang), f[name]) if name in CHARTED else None
        parts.append({"title": label(name, lang), "rows": rows, "chart": chart})
    summary = [
        [label(key, lang), scalar_cell(f, key, lang), scalar_cell(report.previous, key, lang)]
        for key in SCALARS
    ] + [
        [
            f"{label('obligations', lang)}: {label(key, lang)}",
            shown(f["obligations"][key], lang),
            shown(previous_value(report, ("obligations", key)), lang),
        ]
        for key in ("open", "overdue")
    ]
    matrix = f["by_severity_article"]
    articles = list(next(iter(matrix.values())))
    return _ENV.get_template("severity.html.j2").render(
        lang=lang,
        report=report,
        title=label("title", lang),
        heading=heading(report, lang),
        this=label("this", lang),
        before=label("previous", lang),
        summary=summary,
        parts=parts,
        matrix_title=label("by_severity_article", lang),
        matrix_corner=f"{label('level', lang)} \\ {label('article', lang)}",
        articles=articles,
        matrix=[
            (code_label("severity", level, lang), [shown(row[a], lang) for a in articles])
            for level, row in matrix.items()
        ],
    )
