"""The report as CSV rows, and the neutralising of spreadsheet formula injection (CSV and
XLSX).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Any

from pcc_cases.domain.display import printable
from pcc_cases.domain.labels import label as code_label
from pcc_cases.reports.figures import COUNT_BREAKDOWNS
from pcc_cases.reports.render_text import heading, key_label, label, previous_value, shown
from pcc_cases.reports.severity import SeverityReport
from pcc_cases.translation import N_, translate

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """Text a spreadsheet would run as a formula gets a leading apostrophe; control
    characters become visible escapes (XLSX cannot hold them at all).
    """
    if not isinstance(value, str):
        return value
    value = printable(value)
    return "'" + value if value.startswith(_FORMULA_START) else value


def header(lang: str) -> list[str]:
    return [
        translate(h, lang)
        for h in (N_("breakdown"), N_("row"), N_("this period"), N_("previous period"))
    ]


def sections(report: SeverityReport) -> Iterator[tuple[str, list[list[Any]]]]:
    """(breakdown name, rows of [key, value, previous]) for every part of the report."""
    f = report.figures
    yield (
        "summary",
        [
            [key, f[key], previous_value(report, (key,))]
            for key in ("total_cases", "repeat_offenders", "closed_cases", "median_days_to_close")
        ]
        + [
            [
                f"obligations.{key}",
                f["obligations"][key],
                previous_value(report, ("obligations", key)),
            ]
            for key in ("open", "overdue")
        ],
    )
    for name in COUNT_BREAKDOWNS:
        yield (
            name,
            [[key, value, previous_value(report, (name, key))] for key, value in f[name].items()],
        )
    yield (
        "by_severity_article",
        [
            [f"{level}.{art}", n, previous_value(report, ("by_severity_article", level, art))]
            for level, row in f["by_severity_article"].items()
            for art, n in row.items()
        ],
    )


def render_csv(report: SeverityReport, lang: str) -> bytes:
    """One file, a breakdown column; UTF-8 with BOM; ';' for Dutch spreadsheets.

    Raises:
        Nothing of its own: the report is already checked.
    """
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";" if lang == "nl" else ",", lineterminator="\r\n")
    writer.writerow(header(lang))
    for name, rows in sections(report):
        for key, value, previous in rows:
            writer.writerow(
                [
                    label("summary" if name == "summary" else name, lang),
                    neutralise(_row_label(name, key, lang)),
                    _csv_cell(value, lang),
                    _csv_cell(previous, lang),
                ]
            )
    for line in heading(report, lang)[2:]:  # the note on hidden counts, as the last row
        writer.writerow([neutralise(line)])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _row_label(name: str, key: str, lang: str) -> str:
    if name == "summary":
        head, _, rest = key.partition(".")
        return f"{label(head, lang)}: {label(rest, lang)}" if rest else label(key, lang)
    if name == "by_severity_article":
        level, _, article = key.partition(".")
        return f"{code_label('severity', level, lang)} / {label('article', lang)} {article}"
    return key_label(name, key, lang)


def _csv_cell(value: Any, lang: str) -> str:
    """'*' for a hidden count, '' for no previous period, numbers in the language's way."""
    return "" if value == "-" else neutralise(shown(value, lang))
